import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './refresh-token-no-expiry.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'prisma: an opaque refresh token stored with its expiry; cleared on logout',
      code: "import { randomBytes } from 'crypto';\nexport async function issue(prisma, userId) {\n  const token = randomBytes(48).toString('hex');\n  await prisma.refreshToken.create({ data: { token, userId, expiresAt: new Date(Date.now() + 7 * 864e5) } });\n  await prisma.user.update({ where: { id: userId }, data: { refreshToken: null } });\n  return token;\n}\n",
    },
    {
      name: 'a refresh JWT with an expiry stored on the user row: the verifier checks exp on use',
      code: "import jwt from 'jsonwebtoken';\nexport async function issue(User, id) {\n  const refreshToken = jwt.sign({ sub: id }, process.env.JWT_REFRESH_SECRET, { expiresIn: '7d' });\n  await User.findByIdAndUpdate(id, { refreshToken });\n  return refreshToken;\n}\n",
    },
    {
      name: 'mongoose: the token and its expiry set on the loaded row',
      code: "import crypto from 'crypto';\nexport async function issue(user) {\n  user.refreshToken = crypto.randomBytes(40).toString('hex');\n  user.refreshTokenExpires = Date.now() + 7 * 864e5;\n  await user.save();\n}\n",
    },
    {
      name: 'a value verdict cannot read (a parameter, a helper in another file) is not judged',
      code: "import { makeToken } from './tokens';\nexport async function store(prisma, userId, refreshToken) {\n  await prisma.user.update({ where: { id: userId }, data: { refreshToken } });\n  await prisma.user.update({ where: { id: userId }, data: { refreshToken: makeToken() } });\n}\n",
    },
  ],
  invalid: [
    {
      name: 'prisma: an opaque token in a refresh-token table with no expiry column; hashed first, the same',
      code: "import { randomBytes, createHash } from 'crypto';\nexport async function issue(prisma, userId) {\n  const token = randomBytes(48).toString('hex');\n  await prisma.refreshToken.create({ data: { token, userId } });\n  const tokenHash = createHash('sha256').update(token).digest('hex');\n  await prisma.refreshToken.create({ data: { tokenHash, userId } });\n  return token;\n}\n",
      errors: [
        { messageId: 'noExpiry', line: 4, severity: 'medium', data: { what: 'refreshToken.create()', field: 'token', value: 'an opaque random value' } },
        { messageId: 'noExpiry', line: 6, data: { field: 'tokenHash' } },
      ],
    },
    {
      name: 'a uuid on the user row (sequelize update, mongoose findByIdAndUpdate)',
      code: "import { v4 as uuid } from 'uuid';\nexport async function issue(User, user, id) {\n  const refreshToken = uuid();\n  await user.update({ refreshToken });\n  await User.findByIdAndUpdate(id, { $set: { refresh_token: refreshToken } });\n}\n",
      errors: [
        { messageId: 'noExpiry', line: 4, data: { what: 'user.update()', field: 'refreshToken' } },
        { messageId: 'noExpiry', line: 5, data: { field: 'refresh_token' } },
      ],
    },
    {
      name: 'a refresh JWT signed without an expiry, set on the loaded row',
      code: "import jwt from 'jsonwebtoken';\nexport async function issue(user) {\n  user.refreshToken = jwt.sign({ sub: user.id }, process.env.JWT_REFRESH_SECRET);\n  await user.save();\n}\n",
      errors: [{ messageId: 'noExpiry', line: 3, data: { value: 'a JWT signed without an expiry' } }],
    },
  ],
});
