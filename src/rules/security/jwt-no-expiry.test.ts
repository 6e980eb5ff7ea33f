import { describe, expect, it } from 'vitest';
import { RuleTester, runSourceCase } from '../tester.js';
import rule from './jwt-no-expiry.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'a short access token (15m, 7d, 3600 seconds)', code: "import jwt from 'jsonwebtoken';\njwt.sign({ sub }, KEY, { expiresIn: '15m' });\nexport const a = () => jwt.sign({ sub }, KEY, { expiresIn: '7d' });\nexport const b = () => jwt.sign({ sub }, KEY, { expiresIn: 3600 });" },
    { name: 'a long-lived refresh token (by its name, its type claim, or paired with an access token)', code: "import jwt from 'jsonwebtoken';\nexport const refreshToken = jwt.sign({ sub }, KEY, { expiresIn: '30d' });\nexport const t = () => jwt.sign({ sub, type: 'refresh' }, KEY, { expiresIn: '60d' });\nexport function issue(id: string) {\n  const a = jwt.sign({ sub: id }, KEY, { expiresIn: '15m' });\n  const b = jwt.sign({ sub: id }, KEY, { expiresIn: '90d' });\n  return { a, b };\n}" },
    { name: 'an expiry read from the environment is not judged', code: "import jwt from 'jsonwebtoken';\nexport const t = () => jwt.sign({ sub }, KEY, { expiresIn: process.env.JWT_TTL || '365d' });" },
    { name: '@fastify/jwt registered with sign.expiresIn: calls without one inherit it', path: 'src/routes/login.ts', code: "import { app } from '../app';\napp.post('/login', async (req, reply) => {\n  const token = await reply.jwtSign({ sub: req.body.id });\n  return { token, other: app.jwt.sign({ sub: 1 }) };\n});\n", files: { 'src/app.ts': "import fastifyJwt from '@fastify/jwt';\nimport Fastify from 'fastify';\nexport const app = Fastify();\napp.register(fastifyJwt, { secret: process.env.JWT_SECRET!, sign: { expiresIn: '15m' } });\n" } },
    { name: '@fastify/jwt calls with expiresIn', path: 'src/routes/login.ts', code: "import { app } from '../app';\napp.post('/l', async (req, reply) => reply.jwtSign({ sub: 1 }, { expiresIn: '1d' }));\n", files: { 'src/app.ts': "import fastifyJwt from '@fastify/jwt';\nimport Fastify from 'fastify';\nexport const app = Fastify();\napp.register(fastifyJwt, { secret: process.env.JWT_SECRET! });\n" } },
    { name: 'a .jwt.sign() with no @fastify/jwt registration in the repository is not judged', code: "export const t = (app: any) => app.jwt.sign({ sub: 1 });" },
    { name: 'fast-jwt createSigner with expiresIn', code: "import { createSigner } from 'fast-jwt';\nconst signer = createSigner({ key: process.env.KEY, expiresIn: '15m' });\nsigner({ sub: 1 });" },
    { name: 'fast-jwt signer whose payload carries exp', code: "import { createSigner } from 'fast-jwt';\nconst signer = createSigner({ key });\nsigner({ sub: 1, exp: Math.floor(Date.now() / 1000) + 900 });" },
    { name: 'fast-jwt options not read (a parameter) are not judged', code: "import { createSigner } from 'fast-jwt';\nexport const make = (o: object) => { const s = createSigner(o); return s({ sub: 1 }); };" },
    { name: 'fast-jwt createVerifier is not signing', code: "import { createVerifier } from 'fast-jwt';\nconst verify = createVerifier({ key });" },
    { name: 'expiresIn in the options', code: "import jwt from 'jsonwebtoken';\njwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });" },
    { name: 'exp in the payload', code: "import { sign } from 'jsonwebtoken';\nsign({ sub: id, exp: Math.floor(Date.now() / 1000) + 900 }, key);" },
    { name: 'options through a local const', code: "import jwt from 'jsonwebtoken';\nconst opts = { expiresIn: '1h', algorithm: 'HS256' };\njwt.sign({ id }, key, opts);" },
    { name: 'a payload that cannot be read (a parameter) is not judged', code: "import jwt from 'jsonwebtoken';\nexport const issue = (payload: object) => jwt.sign(payload, key);" },
    { name: 'a spread could carry the expiry', code: "import jwt from 'jsonwebtoken';\njwt.sign({ sub }, key, { ...defaults });\njwt.sign({ ...claims }, key);" },
    { name: 'verify is not signing', code: "import jwt from 'jsonwebtoken';\njwt.verify(token, key);" },
    { name: 'a sign() of something else', code: "import { sign } from './crypto';\nsign({ id }, key);\nconst jwt = { sign: (p: object) => p };\njwt.sign({ id });" },
    { name: 'jose with setExpirationTime', code: "import { SignJWT } from 'jose';\nconst t = await new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(key);" },
    {
      name: 'a wrapper whose callers in the file all pass an expiry',
      code: "import jwt from 'jsonwebtoken';\nfunction signToken(payload: object, options: jwt.SignOptions) {\n  return jwt.sign(payload, process.env.KEY!, options);\n}\nexport const access = (id: string) => signToken({ sub: id }, { expiresIn: '15m' });\nexport const refresh = (id: string) => signToken({ sub: id, typ: 'refresh' }, { expiresIn: '7d', algorithm: 'HS256' });",
    },
    { name: 'a wrapper called with options it received itself (not followed further)', code: "import jwt from 'jsonwebtoken';\nconst sign = (p, o) => jwt.sign(p, KEY, o);\nexport const issue = (o) => sign({ sub: 1 }, o);" },
    {
      name: 'a wrapper in a util module whose callers in other files all pass an expiry (an options const, exp in the payload)',
      path: 'src/utils/token.ts',
      code: "import jwt from 'jsonwebtoken';\nexport function signToken(payload: object, options?: jwt.SignOptions) {\n  return jwt.sign(payload, process.env.JWT_SECRET!, options);\n}\n",
      files: {
        'src/auth/login.ts': "import { signToken } from '../utils/token';\nconst OPTS = { expiresIn: '15m' };\nexport const access = (id: string) => signToken({ sub: id }, OPTS);\n",
        'src/auth/refresh.ts': "import { signToken } from '../utils/token';\nexport const refresh = (id: string, now: number) => signToken({ sub: id, exp: now + 3600 });\n",
      },
    },
    {
      name: 'a wrapper whose other-file caller passes options it received (not read), and one called only from a test',
      path: 'src/utils/token.ts',
      code: "import jwt from 'jsonwebtoken';\nexport function signToken(payload: object, options?: jwt.SignOptions) {\n  return jwt.sign(payload, process.env.JWT_SECRET!, options);\n}\n",
      files: {
        'src/auth/login.ts': "import { signToken } from '../utils/token';\nexport const access = (id: string, o: object) => signToken({ sub: id }, o);\n",
        'test/token.test.ts': "import { signToken } from '../src/utils/token';\nsignToken({ sub: 'u' });\n",
      },
    },
    {
      name: 'a wrapper that fixes an expiry itself: its callers do not matter',
      path: 'src/utils/token.ts',
      code: "import jwt from 'jsonwebtoken';\nexport const signToken = (payload: object) => jwt.sign(payload, process.env.KEY!, { expiresIn: '1h' });\n",
      files: { 'src/auth/login.ts': "import { signToken } from '../utils/token';\nexport const access = (id: string) => signToken({ sub: id });\n" },
    },
    {
      name: 'an injected JwtService whose module registers a default expiresIn',
      path: 'src/auth/auth.service.ts',
      code: "import { Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\n@Injectable()\nexport class AuthService {\n  constructor(private readonly jwtService: JwtService) {}\n  login(user: { id: string }) {\n    return { access_token: this.jwtService.sign({ sub: user.id }) };\n  }\n  async refresh(id: string) {\n    return this.jwtService.signAsync({ sub: id }, { secret: process.env.REFRESH_SECRET });\n  }\n}\n",
      files: { 'src/auth/auth.module.ts': "import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\n@Module({ imports: [JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '60s' } })] })\nexport class AuthModule {}\n" },
    },
    {
      name: 'an injected JwtService whose module registers through a factory with expiresIn, and one whose registration is not read (useClass)',
      path: 'src/auth/auth.service.ts',
      code: "import { Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\n@Injectable()\nexport class AuthService {\n  constructor(private readonly jwtService: JwtService) {}\n  login(user: { id: string }) {\n    return { access_token: this.jwtService.sign({ sub: user.id }) };\n  }\n  async refresh(id: string) {\n    return this.jwtService.signAsync({ sub: id }, { secret: process.env.REFRESH_SECRET });\n  }\n}\n",
      files: {
        'src/auth/auth.module.ts': "import { JwtModule } from '@nestjs/jwt';\nexport const jwt = JwtModule.registerAsync({ inject: [ConfigService], useFactory: async (config: ConfigService) => ({ secret: config.get('JWT_SECRET'), signOptions: { expiresIn: config.get('JWT_TTL') } }) });\n",
        'src/other/other.module.ts': "import { JwtModule } from '@nestjs/jwt';\nexport const jwt = JwtModule.registerAsync({ useClass: JwtConfigService });\n",
      },
    },
    {
      name: 'a sign() of a service of the repository\'s own that is also called JwtService',
      path: 'src/auth/auth.service.ts',
      code: "import { JwtService } from './jwt.service';\nexport class A {\n  constructor(private jwt: JwtService) {}\n  t(id: string) { return this.jwt.sign({ sub: id }); }\n}\n",
      files: { 'src/auth/auth.module.ts': "import { JwtModule } from '@nestjs/jwt';\nexport const m = JwtModule.register({ secret: 's' });\n" },
    },
    {
      name: 'Nest lifetimes that are fine: 15 minutes registered, a config default of 15m, a refresh registration of 30 days, a call of 1 hour, and a config default object with an expiry',
      path: 'src/auth/auth.module.ts',
      code: "import { ConfigService } from '@nestjs/config';\nimport { JwtModule, JwtService } from '@nestjs/jwt';\nexport const a = JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '15m' } });\nexport const b = JwtModule.registerAsync({ useFactory: (config: ConfigService) => ({ secret: config.get('JWT_SECRET'), signOptions: { expiresIn: config.get('JWT_EXPIRES_IN', '15m') } }) });\nexport const c = JwtModule.register({ secret: process.env.JWT_REFRESH_SECRET, signOptions: { expiresIn: '30d' } });\nexport const d = JwtModule.registerAsync({ useFactory: (config: ConfigService) => config.get('jwt', { secret: 'x', signOptions: { expiresIn: '15m' } }) });\nexport class S {\n  constructor(private readonly jwt: JwtService) {}\n  issue(id: string) { return this.jwt.sign({ sub: id }); }\n  hour(id: string) { return this.jwt.sign({ sub: id }, { expiresIn: '1h' }); }\n}\n",
    },
    { name: 'hono/jwt with exp', code: "import { sign } from 'hono/jwt';\nawait sign({ sub, exp: now + 60 }, c.env.SECRET);" },
  ],
  invalid: [
    {
      name: 'an injected JwtService with no registration anywhere: not verified (info), and a call that passes expiresIn itself is not reported',
      path: 'src/auth/auth.service.ts',
      code: "import { JwtService } from '@nestjs/jwt';\nexport class A {\n  constructor(private jwt: JwtService) {}\n  t(id: string) { return this.jwt.sign({ sub: id }); }\n}\nexport class B {\n  constructor(private jwt: JwtService) {}\n  t(id: string) { return this.jwt.sign({ sub: id }, { expiresIn: '1h' }); }\n}\n",
      errors: [{ messageId: 'noExpiryUnregistered', line: 4, severity: 'info', data: { what: 'JwtService.sign()' } }],
    },
    {
      name: '@fastify/jwt registration options not read: not verified (info)',
      path: 'src/routes/login.ts',
      code: "import { app } from '../app';\napp.post('/login', async (req, reply) => {\n  const token = await reply.jwtSign({ sub: req.body.id });\n  return { token, other: app.jwt.sign({ sub: 1 }) };\n});\n",
      files: { 'src/app.ts': "import fastifyJwt from '@fastify/jwt';\nimport { opts } from './config';\nexport const app = require('fastify')();\napp.register(fastifyJwt, opts);\n" },
      errors: [{ messageId: 'noExpiryUnread', line: 3, severity: 'info', data: { where: 'src/app.ts:4' } }, { messageId: 'noExpiryUnread', line: 4, severity: 'info' }],
    },
    {
      name: 'JwtModule registered from a config service with no default: the injected calls without expiry are not verified (info), naming the registration',
      path: 'src/auth/auth.service.ts',
      code: "import { Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\n@Injectable()\nexport class AuthService {\n  constructor(private readonly jwtService: JwtService) {}\n  login(user: { id: string }) {\n    return { access_token: this.jwtService.sign({ sub: user.id }) };\n  }\n}\n",
      files: { 'src/auth/auth.module.ts': "import { ConfigService } from '@nestjs/config';\nimport { JwtModule } from '@nestjs/jwt';\nexport const jwt = JwtModule.registerAsync({\n  inject: [ConfigService],\n  useFactory: (config: ConfigService) => config.get('jwt'),\n});\n" },
      errors: [{ messageId: 'noExpiryUnread', line: 7, severity: 'info', data: { where: 'src/auth/auth.module.ts:3' } }],
    },
    {
      name: 'JwtModule registered from a config default that gives no expiry: signs forever',
      path: 'src/auth/auth.service.ts',
      code: "import { Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\n@Injectable()\nexport class AuthService {\n  constructor(private readonly jwtService: JwtService) {}\n  login(user: { id: string }) {\n    return { access_token: this.jwtService.sign({ sub: user.id }) };\n  }\n}\n",
      files: { 'src/auth/auth.module.ts': "import { ConfigService } from '@nestjs/config';\nimport { JwtModule } from '@nestjs/jwt';\nexport const jwt = JwtModule.registerAsync({ useFactory: (config: ConfigService) => config.get('jwt', { secret: 'dev' }) });\n" },
      errors: [{ messageId: 'noExpiryInjected', line: 7, severity: 'medium' }],
    },
    {
      name: 'long-lived Nest access tokens: a registered default of a year, a factory default through config.get, a call of 60 days',
      path: 'src/auth/auth.module.ts',
      code: "import { ConfigService } from '@nestjs/config';\nimport { JwtModule, JwtService } from '@nestjs/jwt';\nexport const a = JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '365d' } });\nexport const b = JwtModule.registerAsync({\n  inject: [ConfigService],\n  useFactory: (config: ConfigService) => ({ secret: config.get('JWT_SECRET'), signOptions: { expiresIn: config.get('JWT_EXPIRES_IN', '90d') } }),\n});\nexport class S {\n  constructor(private readonly jwt: JwtService) {}\n  issue(id: string) { return this.jwt.sign({ sub: id }, { expiresIn: 60 * 60 * 24 * 60 }); }\n}\n",
      errors: [
        { messageId: 'longLivedRegistered', line: 3, severity: 'medium', data: { days: '365', what: 'JwtModule.register()' } },
        { messageId: 'longLivedDefault', line: 6, severity: 'low', data: { days: '90' } },
        { messageId: 'longLived', line: 10, severity: 'medium', data: { days: '60', what: 'JwtService.sign()' } },
      ],
    },
    {
      name: 'an access token signed for 30 days or more: a string span, a const, seconds as arithmetic',
      code: "import jwt from 'jsonwebtoken';\nconst TTL = '365d';\nexport const login = (u: { id: string }) => { const token = jwt.sign({ sub: u.id }, KEY, { expiresIn: '30d' }); return token; };\nexport const access = (id: string) => jwt.sign({ sub: id }, KEY, { expiresIn: TTL });\nexport const year = (id: string) => jwt.sign({ sub: id }, KEY, { expiresIn: 60 * 60 * 24 * 365 });",
      errors: [
        { messageId: 'longLived', line: 3, severity: 'medium', data: { days: '30', option: 'expiresIn' } },
        { messageId: 'longLived', line: 4, data: { days: '365' } },
        { messageId: 'longLived', line: 5, data: { days: '365' } },
      ],
    },
    {
      name: 'fast-jwt createSigner with no expiresIn, its payloads without exp (and one with no calls in the file)',
      code: "import { createSigner } from 'fast-jwt';\nconst signer = createSigner({ key: process.env.KEY });\nexport const issue = (id: string) => signer({ sub: id });\nexport const bare = createSigner({ key: process.env.KEY, algorithm: 'HS256' });",
      errors: [{ messageId: 'noExpiryFactory', line: 2, severity: 'medium' }, { messageId: 'noExpiryFactory', line: 4 }],
    },
    {
      name: 'jsonwebtoken with no options, a named import, and options without expiresIn',
      code: "import jwt from 'jsonwebtoken';\nimport { sign } from 'jsonwebtoken';\njwt.sign({ id: user.id, email: user.email }, process.env.JWT_SECRET);\nsign({ id }, key);\njwt.sign({ id }, key, { algorithm: 'HS256' });",
      errors: [{ messageId: 'noExpiry', line: 3, severity: 'medium' }, { messageId: 'noExpiry', line: 4 }, { messageId: 'noExpiry', line: 5 }],
    },
    {
      name: 'require(), a callback in place of options, and a payload const',
      code: "const jwt = require('jsonwebtoken');\nconst payload = { sub: user.id };\njwt.sign(payload, key, (err, token) => done(token));",
      errors: [{ messageId: 'noExpiry', line: 3 }],
    },
    {
      name: 'hono/jwt without exp, jose chain without setExpirationTime',
      code: "import { sign } from 'hono/jwt';\nimport { SignJWT } from 'jose';\nawait sign({ sub: id }, c.env.SECRET);\nawait new SignJWT({ sub: id }).setProtectedHeader({ alg: 'HS256' }).sign(key);",
      errors: [{ messageId: 'noExpiry', line: 3 }, { messageId: 'noExpiryChain', line: 4 }],
    },
    {
      name: 'a wrapper of the file: the caller that passes options without expiresIn, and the one that passes none, are reported where they call it',
      code: "import jwt from 'jsonwebtoken';\nconst SECRET = process.env.JWT_SECRET!;\nexport function signToken(payload: object, options?: jwt.SignOptions) {\n  return jwt.sign(payload, SECRET, options);\n}\nexport const access = (id: string) => signToken({ sub: id }, { expiresIn: '15m' });\nexport const refresh = (id: string) => signToken({ sub: id }, { algorithm: 'HS256' });\nexport const legacy = (id: string) => signToken({ sub: id });",
      errors: [
        { messageId: 'noExpiryVia', line: 7, severity: 'medium', data: { wrapper: 'signToken', what: 'jsonwebtoken sign()', option: 'expiresIn' } },
        { messageId: 'noExpiryVia', line: 8 },
      ],
    },
    {
      name: 'a wrapper in a util module: callers in other files that pass no expiry are reported where they call it, the others in the evidence',
      path: 'src/utils/token.ts',
      code: "import jwt from 'jsonwebtoken';\nexport function signToken(payload: object, options?: jwt.SignOptions) {\n  return jwt.sign(payload, process.env.JWT_SECRET!, options);\n}\n",
      files: {
        'src/auth/login.ts': "import { signToken } from '../utils/token';\nexport const access = (id: string) => signToken({ sub: id }, { expiresIn: '15m' });\nexport const refresh = (id: string) => signToken({ sub: id, typ: 'refresh' }, { algorithm: 'HS256' });\n",
        'src/auth/magic.ts': "const tokens = require('../utils/token');\nmodule.exports = (id) => tokens.signToken({ sub: id });\n",
      },
      errors: [{ messageId: 'noExpiryVia', line: 3, path: 'src/auth/login.ts', severity: 'medium', data: { wrapper: 'signToken', what: 'jsonwebtoken sign()' } }],
    },
    {
      name: 'a wrapper that builds the payload and takes the options from its callers (an exported arrow function)',
      path: 'src/lib/jwt.ts',
      code: "import jwt from 'jsonwebtoken';\nexport const issue = (userId: string, opts: jwt.SignOptions) => jwt.sign({ sub: userId }, process.env.KEY!, opts);\n",
      files: { 'src/routes/session.ts': "import { issue } from '../lib/jwt';\nconst opts = { algorithm: 'HS256' as const };\nexport const start = (id: string) => issue(id, opts);\n" },
      errors: [{ messageId: 'noExpiryVia', line: 3, path: 'src/routes/session.ts' }],
    },
    {
      name: 'an injected JwtService: sign() and signAsync() with no expiry, and every JwtModule registration gives no default (register, registerAsync factory)',
      path: 'src/auth/auth.service.ts',
      code: "import { Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\n@Injectable()\nexport class AuthService {\n  constructor(private readonly jwtService: JwtService) {}\n  login(user: { id: string }) {\n    return { access_token: this.jwtService.sign({ sub: user.id }) };\n  }\n  async refresh(id: string) {\n    return this.jwtService.signAsync({ sub: id }, { secret: process.env.REFRESH_SECRET });\n  }\n}\n",
      files: {
        'src/auth/auth.module.ts': "import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\n@Module({ imports: [JwtModule.register({ secret: process.env.JWT_SECRET })] })\nexport class AuthModule {}\n",
        'src/admin/admin.module.ts': "import { JwtModule } from '@nestjs/jwt';\nexport const jwt = JwtModule.registerAsync({ useFactory: () => { return { secret: process.env.ADMIN_SECRET, signOptions: { algorithm: 'HS256' } }; } });\n",
      },
      errors: [
        { messageId: 'noExpiryInjected', line: 7, severity: 'medium', data: { what: 'JwtService.sign()', option: 'expiresIn', where: 'src/admin/admin.module.ts:2, src/auth/auth.module.ts:3' } },
        { messageId: 'noExpiryInjected', line: 10, data: { what: 'JwtService.signAsync()' } },
      ],
    },
    {
      name: '@fastify/jwt registered with no sign defaults: reply.jwtSign and app.jwt.sign without expiresIn',
      path: 'src/routes/login.ts',
      code: "import { app } from '../app';\napp.post('/login', async (req, reply) => {\n  const token = await reply.jwtSign({ sub: req.body.id });\n  return { token, other: app.jwt.sign({ sub: 1 }) };\n});\n",
      files: { 'src/app.ts': "import fastifyJwt from '@fastify/jwt';\nimport Fastify from 'fastify';\nexport const app = Fastify();\napp.register(fastifyJwt, { secret: process.env.JWT_SECRET! });\n" },
      errors: [
        { messageId: 'noExpiryPlugin', line: 3, data: { what: '@fastify/jwt reply.jwtSign()', option: 'expiresIn', where: 'src/app.ts:4' } },
        { messageId: 'noExpiryPlugin', line: 4, data: { what: '@fastify/jwt jwt.sign()' } },
      ],
    },
  ],
});

describe('security/jwt-no-expiry across files', () => {
  it('names the wrapper\'s sign call and the other callers without expiry in the evidence', async () => {
    const { findings } = await runSourceCase(rule, {
      path: 'src/utils/token.ts',
      code: "import jwt from 'jsonwebtoken';\nexport function signToken(payload: object, options?: jwt.SignOptions) {\n  return jwt.sign(payload, process.env.JWT_SECRET!, options);\n}\n",
      files: {
        'src/auth/login.ts': "import { signToken } from '../utils/token';\nexport const refresh = (id: string) => signToken({ sub: id }, { algorithm: 'HS256' });\n",
        'src/auth/magic.ts': "const tokens = require('../utils/token');\nmodule.exports = (id) => tokens.signToken({ sub: id });\n",
      },
    });
    expect(findings.map((f) => [f.path, f.line, f.messageId])).toEqual([['src/auth/login.ts', 2, 'noExpiryVia']]);
    expect(findings[0].evidence).toEqual([
      { kind: 'file', path: 'src/utils/token.ts', line: 3, snippet: expect.stringContaining('jwt.sign(payload') },
      { kind: 'file', path: 'src/auth/magic.ts', line: 2, snippet: expect.stringContaining('tokens.signToken({ sub: id })') },
    ]);
    expect(findings[0].message).toContain('signToken() hands this call');
  });
});
