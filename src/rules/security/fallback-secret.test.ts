import { describe, expect, it } from 'vitest';
import { RuleTester, runSourceCase } from '../tester.js';
import rule from './fallback-secret.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    "export const cfg = { jwtSecret: process.env.JWT_SECRET, port: process.env.PORT || '3000' };",
    { name: 'an empty fallback for a value that is no secret', code: "export const url = process.env.NEXT_PUBLIC_SUPABASE_URL || '';" },
    { name: 'a public key is not a secret', code: "export const pk = process.env.STRIPE_PUBLISHABLE_KEY || 'pk_test_123';" },
    { name: 'a local object named process is not the process', code: "const process = { env: { JWT_SECRET: 'x' } };\nexport const s = process.env.JWT_SECRET || 'dev-secret';" },
    { name: 'passed straight into a call: the JWT rule judges it there', code: "import jwt from 'jsonwebtoken';\nexport const t = (p: object) => jwt.sign(p, process.env.JWT_SECRET || 'dev');" },
    { name: 'tests are not release code', path: 'test/setup.ts', code: "process.env.JWT_SECRET = process.env.JWT_SECRET || 'test-secret';" },
    { name: 'destructured from the environment with no default, then read without one', code: "const { JWT_SECRET, PORT = '3000' } = process.env;\nexport const cfg = { secret: JWT_SECRET, port: PORT };" },
    { name: 'destructured from an object of the code, not the environment', code: "const defaults = { JWT_SECRET: 'x' };\nconst { JWT_SECRET = 'dev-secret' } = defaults;\nexport const s = JWT_SECRET || 'other';" },
    {
      name: 'a Nest module factory reading the secret from ConfigService with no fallback',
      code: "import { JwtModule } from '@nestjs/jwt';\nimport { ConfigService } from '@nestjs/config';\nexport const jwt = JwtModule.registerAsync({ inject: [ConfigService], useFactory: (config: ConfigService) => ({ secret: config.getOrThrow('JWT_SECRET') }) });",
    },
    {
      name: 'a get with a fallback on an object that is no ConfigService',
      code: "import { JwtModule } from '@nestjs/jwt';\nconst settings = new Map<string, string>();\nexport const jwt = JwtModule.register({ secret: settings.get('JWT_SECRET') || 'dev-secret' });",
    },
    {
      name: 'a JwtModule registration reading a variable with no fallback, and a non-key option with one',
      code: "import { JwtModule } from '@nestjs/jwt';\nexport const jwt = JwtModule.register({ secret: process.env.APP_KEY, signOptions: { issuer: process.env.ISSUER ?? 'svc' } });",
    },
    {
      name: 'ConfigService.get with a default for a value that is no secret, and getOrThrow for the secret',
      code: "import { ConfigService } from '@nestjs/config';\nexport class A {\n  constructor(private config: ConfigService) {}\n  port() { return this.config.get('PORT', 3000); }\n  key() { return this.config.getOrThrow('JWT_SECRET'); }\n}",
    },
    {
      name: 'a get with a second argument on an object that is no ConfigService',
      code: "const store = { get: (k: string, d: string) => d };\nexport const s = store.get('JWT_SECRET', 'dev-secret');",
    },
    {
      name: 'a register call on a class that is no JWT module',
      code: "import { CacheModule } from '@nestjs/cache-manager';\nexport const c = CacheModule.register({ secret: process.env.NAMESPACE ?? 'local' });",
    },
  ],
  invalid: [
    {
      name: 'a JwtModule signing key falls back to a literal, whatever the variable is called (register and registerAsync)',
      code: "import { JwtModule } from '@nestjs/jwt';\nexport const a = JwtModule.register({ secret: process.env.AUTH_VALUE ?? 'local-key' });\nexport const b = JwtModule.registerAsync({ useFactory: () => ({ privateKey: process.env.SIGNING ?? 'local-key' }) });",
      errors: [{ messageId: 'fallback', line: 2, data: { name: 'AUTH_VALUE', operator: '??' } }, { messageId: 'fallback', line: 3, data: { name: 'SIGNING', operator: '??' } }],
    },
    {
      name: 'a Nest module factory: ConfigService.get with a literal fallback',
      code: "import { JwtModule } from '@nestjs/jwt';\nimport { ConfigService } from '@nestjs/config';\nexport const jwt = JwtModule.registerAsync({\n  inject: [ConfigService],\n  useFactory: (config: ConfigService) => ({ secret: config.get('JWT_SECRET') || 'default_jwt_secret' }),\n});",
      errors: [{ messageId: 'fallback', line: 5, severity: 'high', data: { name: 'JWT_SECRET', operator: '||' } }],
    },
    {
      name: 'ConfigService.get with a default argument: the default is the fallback (a secret name, and a JwtModule key of any name)',
      code: "import { JwtModule } from '@nestjs/jwt';\nimport { ConfigService } from '@nestjs/config';\nexport const jwt = JwtModule.registerAsync({\n  inject: [ConfigService],\n  useFactory: (config: ConfigService) => ({ secret: config.get<string>('AUTH_VALUE', 'default') }),\n});\nexport class S {\n  constructor(private readonly config: ConfigService) {}\n  key() { return this.config.get('SESSION_SECRET', ''); }\n}",
      errors: [
        { messageId: 'fallback', line: 5, severity: 'high', data: { name: 'AUTH_VALUE', operator: 'get(k, d)' } },
        { messageId: 'emptyFallback', line: 9, severity: 'medium', data: { name: 'SESSION_SECRET', operator: 'get(k, d)' } },
      ],
    },
    {
      name: 'destructured from the environment: a default in the pattern, and a fallback on the variable it binds',
      code: "const { JWT_SECRET = 'dev-secret', SESSION_SECRET: sessionSecret } = process.env;\nexport const session = { secret: sessionSecret || 'keyboard cat', jwt: JWT_SECRET };",
      errors: [
        { messageId: 'fallback', line: 1, severity: 'high', data: { name: 'JWT_SECRET', operator: '=' } },
        { messageId: 'fallback', line: 2, severity: 'high', data: { name: 'SESSION_SECRET', operator: '||' } },
      ],
    },
    {
      name: 'an empty fallback fails late, at the first call (medium), through a chain of variables and inside a call',
      code: "import Stripe from 'stripe';\nexport const stripe = new Stripe(\n  process.env.STRIPE_SECRET_KEY_LIVE ?? process.env.STRIPE_SECRET_KEY ?? '',\n);\nexport const admin = createClient(process.env.URL || '', process.env.SUPABASE_SERVICE_ROLE_KEY || '');",
      errors: [
        { messageId: 'emptyFallback', line: 3, severity: 'medium', data: { name: 'STRIPE_SECRET_KEY', operator: '??' } },
        { messageId: 'emptyFallback', line: 5, severity: 'medium', data: { name: 'SUPABASE_SERVICE_ROLE_KEY', operator: '||' } },
      ],
    },
    {
      name: 'a config object with a fallback JWT secret',
      path: 'src/config.ts',
      code: "const config = {\n  port: +(process.env.PORT || 3000),\n  jwtSecret: process.env.JWT_SECRET || 'your-secret-whatever',\n};\nexport { config };",
      errors: [{ messageId: 'fallback', line: 3, severity: 'high', data: { name: 'JWT_SECRET', operator: '||' } }],
    },
    {
      name: '?? with a literal held in a const, and import.meta.env',
      code: "const DEV_KEY = 'SAMPLE_KEY';\nexport const key = process.env['CRYPTO_KEY'] ?? DEV_KEY;\nexport const s = import.meta.env.SESSION_SECRET || 'keyboard cat';",
      errors: [{ messageId: 'fallback', line: 2, data: { name: 'CRYPTO_KEY', operator: '??' } }, { messageId: 'fallback', line: 3, data: { name: 'SESSION_SECRET' } }],
    },
  ],
});

describe('security/fallback-secret', () => {
  it('never prints the secret in full', async () => {
    const { findings } = await runSourceCase(rule, { code: "export const s = process.env.JWT_SECRET || 'supersecretvalue';" });
    expect(findings[0].message).not.toContain('supersecretvalue');
    expect(findings[0].snippet).not.toContain('supersecretvalue');
  });
});
