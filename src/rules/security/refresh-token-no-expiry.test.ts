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
    {
      name: 'redis: refresh tokens set with a TTL (ioredis and node-redis forms), or expired right after; a Map is no store',
      code: "import Redis from 'ioredis';\nimport { createClient } from 'redis';\nimport { randomUUID } from 'crypto';\nconst redis = new Redis(process.env.REDIS_URL);\nconst client = createClient({ url: process.env.REDIS_URL });\nconst memory = new Map();\nexport async function issue(userId) {\n  const refreshToken = randomUUID();\n  await redis.set(`refresh:${userId}`, refreshToken, 'EX', 604800);\n  await client.set(`refresh:${userId}`, refreshToken, { EX: 604800 });\n}\nexport async function issueKeyed(userId) {\n  const refreshToken = randomUUID();\n  await redis.set(`refresh_token:${refreshToken}`, userId);\n  await redis.expire(`refresh_token:${refreshToken}`, 604800);\n  memory.set(refreshToken, userId);\n}\n",
    },
    {
      name: 'redis: an expire chained on the set in a transaction',
      code: "import Redis from 'ioredis';\nimport { randomUUID } from 'crypto';\nconst redis = new Redis(process.env.REDIS_URL);\nexport async function issue(userId) {\n  const refreshToken = randomUUID();\n  await redis.multi().set(`refresh:${userId}`, refreshToken).expire(`refresh:${userId}`, 604800).exec();\n}\n",
    },
    {
      name: 'redis: a client imported from another file that is not a Redis client',
      path: 'src/auth.ts',
      code: "import { randomUUID } from 'crypto';\nimport { cache } from './cache';\nexport async function issue(userId) {\n  const refreshToken = randomUUID();\n  await cache.set(`refresh:${userId}`, refreshToken);\n}\n",
      files: { 'src/cache.ts': 'export const cache = new Map();\n' },
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
    {
      name: 'redis: an expire in the same function on something other than the client that stored the token does not bound it',
      code: "import Redis from 'ioredis';\nimport { randomUUID } from 'crypto';\nconst redis = new Redis(process.env.REDIS_URL);\nexport async function issue(userId, session) {\n  const refreshToken = randomUUID();\n  await redis.set(`refresh:${userId}`, refreshToken);\n  session.expire();\n}\n",
      errors: [{ messageId: 'noTtl', line: 6 }],
    },
    {
      name: 'redis: an opaque refresh token set with no TTL, by a local client and by one imported from another file',
      path: 'src/auth.ts',
      code: "import Redis from 'ioredis';\nimport { randomBytes } from 'crypto';\nimport { redis as shared } from './redis';\nconst redis = new Redis(process.env.REDIS_URL);\nexport async function issue(userId) {\n  const refreshToken = randomBytes(32).toString('hex');\n  await redis.set(`refresh:${userId}`, refreshToken);\n  await shared.set(`session:${refreshToken}`, userId);\n}\n",
      files: { 'src/redis.ts': "import { createClient } from 'redis';\nexport const redis = createClient({ url: process.env.REDIS_URL });\n" },
      errors: [
        { messageId: 'noTtl', line: 7, path: 'src/auth.ts', severity: 'medium', data: { value: 'an opaque random value' } },
        { messageId: 'noTtl', line: 8, path: 'src/auth.ts' },
      ],
    },
  ],
});
