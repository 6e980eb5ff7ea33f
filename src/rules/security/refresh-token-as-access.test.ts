import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './refresh-token-as-access.js';

// An Express auth service: both tokens signed in one place, a middleware that verifies access tokens.
const middleware = (key: string) => `import jwt from 'jsonwebtoken';\nexport function auth(req, res, next) {\n  req.user = jwt.verify(req.headers.authorization.slice(7), ${key});\n  next();\n}\n`;

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'refresh tokens signed with their own secret',
      path: 'src/auth/tokens.ts',
      code: "import jwt from 'jsonwebtoken';\nexport function issue(user) {\n  const accessToken = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });\n  const refreshToken = jwt.sign({ sub: user.id }, process.env.JWT_REFRESH_SECRET, { expiresIn: '7d' });\n  return { accessToken, refreshToken };\n}\n",
      files: { 'src/auth/middleware.ts': middleware('process.env.JWT_SECRET') },
    },
    {
      name: 'one secret, but a type claim the access verifier compares',
      path: 'src/auth/tokens.ts',
      code: "import jwt from 'jsonwebtoken';\nexport function issue(user) {\n  return {\n    accessToken: jwt.sign({ sub: user.id, type: 'access' }, process.env.JWT_SECRET, { expiresIn: '15m' }),\n    refreshToken: jwt.sign({ sub: user.id, type: 'refresh' }, process.env.JWT_SECRET, { expiresIn: '7d' }),\n  };\n}\n",
      files: { 'src/auth/middleware.ts': "import jwt from 'jsonwebtoken';\nexport function auth(req, res, next) {\n  const payload = jwt.verify(req.headers.authorization.slice(7), process.env.JWT_SECRET);\n  if (payload.type !== 'access') return res.sendStatus(401);\n  next();\n}\n" },
    },
    {
      name: 'one secret, a type claim from a constants module, compared with the constant in the passport strategy',
      path: 'src/services/token.service.ts',
      code: "import jwt from 'jsonwebtoken';\nimport { config } from '../config';\nimport { tokenTypes } from '../tokens';\nexport function issue(user) {\n  const accessToken = jwt.sign({ sub: user.id, type: tokenTypes.ACCESS }, config.jwt.secret);\n  const refreshToken = jwt.sign({ sub: user.id, type: tokenTypes.REFRESH }, config.jwt.secret);\n  return { accessToken, refreshToken };\n}\n",
      files: {
        'src/config.ts': "export const config = { jwt: { secret: process.env.JWT_SECRET } };\n",
        'src/tokens.ts': "export const tokenTypes = { ACCESS: 'access', REFRESH: 'refresh' };\n",
        'src/passport.ts': "import { Strategy } from 'passport-jwt';\nimport { config } from './config';\nimport { tokenTypes } from './tokens';\nexport const jwtStrategy = new Strategy({ secretOrKey: config.jwt.secret }, (payload, done) => {\n  if (payload.type !== tokenTypes.ACCESS) return done(new Error('Invalid token type'));\n  done(null, payload.sub);\n});\n",
      },
    },
    {
      name: 'one secret, different audiences',
      path: 'src/auth/tokens.ts',
      code: "import jwt from 'jsonwebtoken';\nconst SECRET = process.env.JWT_SECRET;\nexport const signAccessToken = (id) => jwt.sign({ sub: id }, SECRET, { expiresIn: '15m', audience: 'api' });\nexport const signRefreshToken = (id) => jwt.sign({ sub: id }, SECRET, { expiresIn: '7d', audience: 'refresh' });\n",
      files: { 'src/auth/middleware.ts': middleware("process.env.JWT_SECRET, { audience: 'api' }") },
    },
    {
      name: 'one secret but nothing verifies with it in the repository (verified elsewhere, not judged)',
      path: 'src/auth/tokens.ts',
      code: "import jwt from 'jsonwebtoken';\nexport function issue(user) {\n  const accessToken = jwt.sign({ sub: user.id }, process.env.JWT_SECRET);\n  const refreshToken = jwt.sign({ sub: user.id }, process.env.JWT_SECRET);\n  return { accessToken, refreshToken };\n}\n",
    },
    {
      name: 'nest: the refresh token signed with its own secret from the config service',
      path: 'src/auth/auth.service.ts',
      code: "import { Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\nimport { ConfigService } from '@nestjs/config';\n@Injectable()\nexport class AuthService {\n  constructor(private jwt: JwtService, private config: ConfigService) {}\n  async tokens(id: string) {\n    const accessToken = await this.jwt.signAsync({ sub: id }, { secret: this.config.get('JWT_SECRET'), expiresIn: '15m' });\n    const refreshToken = await this.jwt.signAsync({ sub: id }, { secret: this.config.get('JWT_REFRESH_SECRET'), expiresIn: '7d' });\n    return { accessToken, refreshToken };\n  }\n}\n",
      files: { 'src/auth/jwt.strategy.ts': "import { PassportStrategy } from '@nestjs/passport';\nimport { ExtractJwt, Strategy } from 'passport-jwt';\nimport { ConfigService } from '@nestjs/config';\nexport class JwtStrategy extends PassportStrategy(Strategy) {\n  constructor(config: ConfigService) {\n    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.get('JWT_SECRET') });\n  }\n}\n" },
    },
  ],
  invalid: [
    {
      name: 'a refresh token signed with a key imported from a module verdict cannot resolve: not verified (info), not dropped',
      path: 'src/auth/tokens.ts',
      code: "import jwt from 'jsonwebtoken';\nimport { keys } from '@acme/secrets';\nexport function issue(user) {\n  const accessToken = jwt.sign({ sub: user.id }, process.env.JWT_SECRET);\n  const refreshToken = jwt.sign({ sub: user.id }, keys.refresh);\n  return { accessToken, refreshToken };\n}\n",
      files: { 'src/auth/middleware.ts': middleware('process.env.JWT_SECRET') },
      errors: [{ messageId: 'keyUnread', line: 5, path: 'src/auth/tokens.ts', severity: 'info' }],
    },
    {
      name: 'express: both tokens signed with one env secret, the middleware verifies with it',
      path: 'src/auth/tokens.ts',
      code: "import jwt from 'jsonwebtoken';\nexport function issue(user) {\n  const accessToken = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });\n  const refreshToken = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '7d' });\n  return { accessToken, refreshToken };\n}\n",
      files: { 'src/auth/middleware.ts': middleware('process.env.JWT_SECRET') },
      errors: [{ messageId: 'sameKey', line: 4, path: 'src/auth/tokens.ts', severity: 'high', data: { name: '`refreshToken`', other: 'src/auth/tokens.ts:3', verifier: 'src/auth/middleware.ts:3', key: 'the environment variable `JWT_SECRET`' } }],
    },
    {
      name: 'the secret from a config module, a type claim set but never compared',
      path: 'src/auth/tokens.ts',
      code: "import jwt from 'jsonwebtoken';\nimport { config } from '../config';\nexport const generateAccessToken = (id) => jwt.sign({ sub: id, type: 'access' }, config.jwt.secret, { expiresIn: '15m' });\nexport async function generateRefreshToken(id) {\n  const token = jwt.sign({ sub: id, type: 'refresh' }, config.jwt.secret, { expiresIn: '30d' });\n  await saveToken(id, token);\n  return token;\n}\n",
      files: {
        'src/config.ts': "export const config = { port: Number(process.env.PORT), jwt: { secret: process.env.JWT_SECRET } };\n",
        'src/auth/middleware.ts': middleware('process.env.JWT_SECRET'),
      },
      errors: [{ messageId: 'sameKey', line: 5, path: 'src/auth/tokens.ts', data: { name: '`generateRefreshToken`', otherName: 'generateAccessToken' } }],
    },
    {
      name: 'nest: the refresh token signed with the secret the module registers and the passport strategy checks',
      path: 'src/auth/auth.service.ts',
      code: "import { Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\nimport { ConfigService } from '@nestjs/config';\n@Injectable()\nexport class AuthService {\n  constructor(private jwt: JwtService, private config: ConfigService) {}\n  async tokens(id: string) {\n    const accessToken = await this.jwt.signAsync({ sub: id });\n    const refreshToken = await this.jwt.signAsync({ sub: id }, { secret: this.config.get('JWT_SECRET'), expiresIn: '7d' });\n    return { accessToken, refreshToken };\n  }\n}\n",
      files: {
        'src/auth/auth.module.ts': "import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\nimport { ConfigService } from '@nestjs/config';\n@Module({ imports: [JwtModule.registerAsync({ inject: [ConfigService], useFactory: (config: ConfigService) => ({ secret: config.get('JWT_SECRET'), signOptions: { expiresIn: '15m' } }) })] })\nexport class AuthModule {}\n",
        'src/auth/jwt.strategy.ts': "import { PassportStrategy } from '@nestjs/passport';\nimport { ExtractJwt, Strategy } from 'passport-jwt';\nimport { ConfigService } from '@nestjs/config';\nexport class JwtStrategy extends PassportStrategy(Strategy) {\n  constructor(config: ConfigService) {\n    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.get('JWT_SECRET') });\n  }\n}\n",
      },
      errors: [{ messageId: 'sameKey', line: 9, path: 'src/auth/auth.service.ts', data: { other: 'src/auth/auth.service.ts:8', verifier: 'src/auth/jwt.strategy.ts:6' } }],
    },
    {
      name: 'hono on workers: jose chains with one key from env, verified by the jwt middleware',
      path: 'src/auth.ts',
      code: "import { SignJWT } from 'jose';\nimport { jwt } from 'hono/jwt';\nexport async function login(c) {\n  const key = new TextEncoder().encode(c.env.JWT_SECRET);\n  const accessToken = await new SignJWT({ sub: '1' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('15m').sign(key);\n  const refreshToken = await new SignJWT({ sub: '1' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('30d').sign(key);\n  return c.json({ accessToken, refreshToken });\n}\nexport const guard = (c, next) => jwt({ secret: c.env.JWT_SECRET })(c, next);\n",
      errors: [{ messageId: 'sameKey', line: 6, data: { other: 'src/auth.ts:5', verifier: 'src/auth.ts:9' } }],
    },
  ],
});
