import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './env-undocumented.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('reliability/env-undocumented', () => {
  it('stays silent when every variable is in .env.example, wrangler or the schema, or has a default', async () => {
    expect(await runRule(rule, {
      ...pkg,
      '.env.example': 'DATABASE_URL=postgres://localhost/db\n# SENTRY_DSN=\n',
      'wrangler.toml': 'name = "w"\n[vars]\nAPI_BASE = "https://x"\n[[kv_namespaces]]\nbinding = "SESSIONS"\nid = "abc"\n',
      'src/env.ts': "export const env = z.object({ JWT_SECRET: z.string() }).parse(process.env);\n",
      'src/a.ts': [
        'export const a = [process.env.DATABASE_URL, process.env.SENTRY_DSN, process.env.JWT_SECRET, process.env.NODE_ENV];',
        'export const port = process.env.PORT || 3000;',
        "export const debug = process.env.ENABLE_TRACING === 'true';",
        'export const version = () => { if (process.env.APP_VERSION) return process.env.APP_VERSION; return "dev"; };',
        'export default { fetch(req: Request, env: any) { return env.SESSIONS.get(env.API_BASE); } };',
      ].join('\n'),
      'test/a.test.ts': 'process.env.TEST_ONLY_VAR;\n',
      'src/mw.ts': 'export const mw = async (c: any, next: any) => { c.env.DB_AVAILABLE = true; await next(); return c.env.DB_AVAILABLE; };\n',
      'src/use.ts': 'export const use = (c: any) => c.env.DB_AVAILABLE;\n',
    })).toEqual([]);
  });

  it('reports each undocumented variable at its first read', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      '.env.example': 'DATABASE_URL=\n',
      'src/a.ts': 'export const a = process.env.DATABASE_URL;\nexport const b = process.env.STRIPE_KEY;\nexport const c = import.meta.env.VITE_API;\n',
      'src/b.ts': 'const { REDIS_URL } = process.env;\nexport const k = process.env.STRIPE_KEY;\n',
    });
    expect(at(findings).sort()).toEqual(['src/a.ts:2', 'src/a.ts:3', 'src/b.ts:1']);
    expect(findings.find((f) => f.location?.line === 2)?.message).toContain('process.env.STRIPE_KEY is read here but missing from .env.example, and absent from');
  });

  it('summarises when there is no .env.example at all', async () => {
    const findings = await runRule(rule, { ...pkg, 'src/a.ts': 'export const a = [process.env.AAA_1, process.env.BBB_2, process.env.CCC_3, process.env.DDD_4];\n' });
    expect(findings).toHaveLength(1);
    expect(findings.map((f) => f.messageId)).toEqual(['noneDocumented']);
    expect(findings[0].message).toMatch(/^4 environment variables .* no \.env\.example/);
  });
});
