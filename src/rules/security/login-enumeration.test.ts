import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './login-enumeration.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'one branch refuses both (unknown account or wrong password)',
      code: "import bcrypt from 'bcrypt';\nexport async function login(req, res) {\n  const user = await User.findOne({ email: req.body.email });\n  if (!user || !(await bcrypt.compare(req.body.password, user.passwordHash))) {\n    return res.status(401).json({ error: 'Invalid email or password' });\n  }\n  res.json({ ok: true });\n}\n",
    },
    {
      name: 'two branches that answer the same status and message',
      code: "import * as argon2 from 'argon2';\nexport class AuthService {\n  async signIn(email: string, password: string) {\n    const user = await this.users.findByEmail(email);\n    if (!user) throw new UnauthorizedException('Invalid credentials');\n    const ok = await argon2.verify(user.hash, password);\n    if (!ok) throw new UnauthorizedException('Invalid credentials');\n    return user;\n  }\n}\n",
    },
    {
      name: 'two branches that log different lines (console, this.logger) but answer the same',
      code: "import bcrypt from 'bcrypt';\nexport class Auth {\n  async login(req, res) {\n    const user = await User.findOne({ email: req.body.email });\n    if (!user) {\n      console.warn('login: no account for', req.body.email);\n      return res.status(401).json({ error: 'Invalid credentials' });\n    }\n    if (!(await bcrypt.compare(req.body.password, user.hash))) {\n      this.logger.info('login: wrong password');\n      return res.status(401).json({ error: 'Invalid credentials' });\n    }\n  }\n}\n",
    },
    {
      name: 'a password change for the signed-in account (looked up by its session), even with different answers',
      code: "import bcrypt from 'bcryptjs';\nexport async function changePassword(req, res) {\n  const user = await User.findById(req.user.id);\n  if (!user) return res.status(404).json({ error: 'not found' });\n  if (!(await bcrypt.compare(req.body.current, user.password))) return res.status(400).json({ error: 'wrong password' });\n  res.sendStatus(204);\n}\n",
    },
    {
      name: 'the signed-in account read off the handler\'s own parameter, whatever it is called (`@Req() r`)',
      code: "import * as bcrypt from 'bcrypt';\nexport class AccountController {\n  async changePassword(@Req() r: Request, @Body() dto: ChangeDto) {\n    const user = await this.users.findById(r.user.id);\n    if (!user) throw new NotFoundException('not found');\n    if (!(await bcrypt.compare(dto.current, user.password))) throw new BadRequestException('wrong password');\n  }\n}\n",
    },
    {
      name: 'a compare() of the repository\'s own module is no password check',
      code: "import { compare } from './strings';\nexport async function login(req, res) {\n  const user = await User.findOne({ email: req.body.email });\n  if (!user) return res.status(404).json({ error: 'No account' });\n  if (!compare(req.body.password, user.password)) return res.status(401).json({ error: 'Wrong password' });\n}\n",
    },
    {
      name: 'a reset request that answers the same whether or not the account exists, and a reset confirmation keyed by its token',
      code: "export async function forgotPassword(req, res) {\n  const user = await User.findOne({ email: req.body.email });\n  if (!user) return res.json({ message: 'If the address has an account, a link is on its way' });\n  await sendResetMail(user);\n  res.json({ message: 'If the address has an account, a link is on its way' });\n}\nexport async function resetPassword(token: string, password: string) {\n  const user = await User.findOne({ resetToken: token });\n  if (!user) throw new ApiError(400, 'Invalid or expired token');\n}\n",
    },
  ],
  invalid: [
    {
      name: 'a reset request (a service method named for it) that throws 404 for an unknown email',
      code: "export const generateResetPasswordToken = async (email: string) => {\n  const user = await userService.getUserByEmail(email);\n  if (!user) {\n    throw new ApiError(404, 'No users found with this email');\n  }\n  return tokenService.generate(user);\n};\n",
      errors: [{ messageId: 'resetReveals', line: 3, severity: 'medium', data: { fn: 'generateResetPasswordToken', account: 'user' } }],
    },
    {
      name: 'Express: 404 "user not found", then 401 "wrong password" (bcrypt through a variable)',
      code: "import bcrypt from 'bcrypt';\nexport async function login(req, res) {\n  const { email, password } = req.body;\n  const user = await User.findOne({ email });\n  if (!user) {\n    return res.status(404).json({ message: 'User not found' });\n  }\n  const match = await bcrypt.compare(password, user.password);\n  if (!match) {\n    return res.status(401).json({ message: 'Incorrect password' });\n  }\n  res.json({ token: sign(user) });\n}\n",
      errors: [{ messageId: 'differs', line: 5, severity: 'medium', data: { account: 'user', wrongLine: '9' } }],
    },
    {
      name: 'NestJS service: NotFoundException then UnauthorizedException, a model method check',
      code: "export class AuthService {\n  async validate(username: string, pass: string) {\n    const user = await this.repo.findOne({ where: { username } });\n    if (user === null) throw new NotFoundException('No user with this username');\n    if (!(await user.comparePassword(pass))) throw new UnauthorizedException('Invalid password');\n    return user;\n  }\n}\n",
      errors: [{ messageId: 'differs', line: 4, data: { wrongLine: '5' } }],
    },
    {
      name: 'same status, different messages',
      code: "const bcrypt = require('bcryptjs');\nmodule.exports = async (req, res) => {\n  const user = await db.user.findUnique({ where: { email: req.body.email } });\n  if (!user) return res.status(401).send('Email is not registered');\n  if (!bcrypt.compareSync(req.body.password, user.hash)) return res.status(401).send('Wrong password');\n  res.send('ok');\n};\n",
      errors: [{ messageId: 'differs', line: 4 }],
    },
  ],
});
