import { describe, expect, it } from 'vitest';
import { RuleTester, runSourceCase } from '../tester.js';
import rule from './token-in-redirect-url.js';

const NEST_SERVICE = "import { Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\n@Injectable()\nexport class AuthService {\n  constructor(private readonly jwt: JwtService) {}\n  login(id: string) {\n    return { accessToken: this.jwt.sign({ sub: id }), user: id };\n  }\n}\n";

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'a redirect with only state and code, the token set in a cookie instead',
      code: "import jwt from 'jsonwebtoken';\nimport { randomBytes } from 'crypto';\nexport const cb = (req: any, res: any) => {\n  const token = jwt.sign({ sub: req.user.id }, KEY, { expiresIn: '15m' });\n  const state = randomBytes(16).toString('hex');\n  res.cookie('token', token, { httpOnly: true });\n  res.redirect(`${FRONTEND}/auth?state=${state}&code=${req.query.code}`);\n};",
    },
    {
      name: 'a variable named token that is not a signed token, and a token in the fragment',
      code: "import jwt from 'jsonwebtoken';\nexport const cb = (req: any, res: any, token: string) => {\n  const t = jwt.sign({ sub: req.user.id }, KEY, { expiresIn: '15m' });\n  res.redirect(`/done?token=${token}`);\n  res.redirect(`${FRONTEND}/cb#token=${t}`);\n};",
    },
    {
      name: 'an imported function that returns no token',
      path: 'src/routes/auth.ts',
      code: "import { makeCode } from '../lib/codes';\nexport const cb = (req: any, res: any) => res.redirect(`/cb?code=${makeCode(req.user.id)}`);\n",
      files: { 'src/lib/codes.ts': "import { randomBytes } from 'crypto';\nexport function makeCode(id: string) { return randomBytes(8).toString('hex') + id; }\n" },
    },
    {
      name: 'a Nest controller redirecting with a non-token field of what the service returns',
      path: 'src/auth/auth.controller.ts',
      code: "import { Controller, Get, Req, Res } from '@nestjs/common';\nimport { AuthService } from './auth.service';\n@Controller('auth')\nexport class AuthController {\n  constructor(private readonly auth: AuthService) {}\n  @Get('google/callback')\n  async cb(@Req() req: any, @Res() res: any) {\n    const { user } = await this.auth.login(req.user.id);\n    return res.redirect(`${process.env.FRONTEND_URL}/welcome?u=${user}`);\n  }\n}\n",
      files: { 'src/auth/auth.service.ts': NEST_SERVICE },
    },
  ],
  invalid: [
    {
      name: 'an OAuth callback putting a freshly signed JWT in the query string (template, concatenation, URLSearchParams, searchParams.set)',
      code: "import jwt from 'jsonwebtoken';\nexport const cb = (req: any, res: any) => {\n  const token = jwt.sign({ sub: req.user.id }, KEY, { expiresIn: '15m' });\n  res.redirect(`${FRONTEND}/cb?token=${token}`);\n  res.redirect(FRONTEND + '/cb?token=' + token);\n  const q = new URLSearchParams({ token, next: '/' });\n  res.redirect(`${FRONTEND}/cb?${q}`);\n  const url = new URL('/cb', FRONTEND);\n  url.searchParams.set('jwt', token);\n  res.redirect(url.toString());\n};",
      errors: [
        { messageId: 'tokenInUrl', line: 4, severity: 'medium', data: { at: 'src/index.ts:3' } },
        { messageId: 'tokenInUrl', line: 5 },
        { messageId: 'tokenInUrl', line: 7 },
        { messageId: 'tokenInUrl', line: 10 },
      ],
    },
    {
      name: 'a refresh token valid for 90 days, one with no expiry, through a function of the file: high',
      code: "import jwt from 'jsonwebtoken';\nfunction issue(id: string) {\n  return { refresh: jwt.sign({ sub: id }, KEY, { expiresIn: '90d' }), forever: jwt.sign({ sub: id }, KEY) };\n}\nexport const cb = (req: any, res: any) => {\n  const tokens = issue(req.user.id);\n  res.redirect(`/cb?rt=${tokens.refresh}`);\n  const { forever } = issue(req.user.id);\n  res.redirect(`/cb?t=${forever}`);\n};",
      errors: [{ messageId: 'longTokenInUrl', line: 7, severity: 'high' }, { messageId: 'longTokenInUrl', line: 9, severity: 'high' }],
    },
    {
      name: 'the session id in the URL',
      code: "export const cb = (req: any, res: any) => res.redirect(`${APP}/sso?sid=${req.sessionID}`);",
      errors: [{ messageId: 'sessionInUrl', line: 1, severity: 'medium' }],
    },
    {
      name: 'a Nest controller redirecting with the access token an injected service of another file signs',
      path: 'src/auth/auth.controller.ts',
      code: "import { Controller, Get, Req, Res } from '@nestjs/common';\nimport { AuthService } from './auth.service';\n@Controller('auth')\nexport class AuthController {\n  constructor(private readonly auth: AuthService) {}\n  @Get('google/callback')\n  async cb(@Req() req: any, @Res() res: any) {\n    const { accessToken } = await this.auth.login(req.user.id);\n    return res.redirect(`${process.env.FRONTEND_URL}/callback?token=${accessToken}`);\n  }\n}\n",
      files: { 'src/auth/auth.service.ts': NEST_SERVICE },
      errors: [{ messageId: 'tokenInUrl', line: 9, severity: 'medium', data: { at: 'src/auth/auth.service.ts:7' } }],
    },
  ],
});

describe('security/token-in-redirect-url evidence', () => {
  it('names the signing call in the evidence', async () => {
    const { findings } = await runSourceCase(rule, { code: "import jwt from 'jsonwebtoken';\nexport const cb = (req: any, res: any) => {\n  const token = jwt.sign({ sub: 1 }, KEY, { expiresIn: '1h' });\n  res.redirect(`/x?token=${token}`);\n};" });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toEqual([{ kind: 'file', path: 'src/index.ts', line: 3, snippet: expect.stringContaining('jwt.sign(') }]);
  });
});
