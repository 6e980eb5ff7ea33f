import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './rate-limiter-unused.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"express":"4"}}' };

describe('security/rate-limiter-unused', () => {
  it('stays silent when limiters are applied, here or where they are imported', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/limits.ts': [
        "import rateLimit from 'express-rate-limit';",
        'export const loginLimiter = rateLimit({ limit: 5 });',
      ].join('\n'),
      'src/app.ts': [
        "import express from 'express';",
        "import { loginLimiter } from './limits';",
        'const app = express();',
        "app.post('/login', loginLimiter, (req, res) => res.json({}));",
      ].join('\n'),
      'wrangler.toml': 'name = "w"\nmain = "src/worker.ts"\n[[unsafe.bindings]]\nname = "LIMITER"\ntype = "ratelimit"\nnamespace_id = "1"\nsimple = { limit = 10, period = 60 }\n',
      'src/worker.ts': [
        'export default {',
        '  async fetch(request: Request, env: Env) {',
        '    const url = new URL(request.url);',
        "    if (url.pathname === '/x' && request.method === 'POST') { const { success } = await env.LIMITER.limit({ key: 'a' }); return new Response(String(success)); }",
        "    return new Response('ok');",
        '  },',
        '};',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('reports limiters defined, imported or bound but never applied', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/app.ts': [
        "import express from 'express';",
        "import rateLimit from 'express-rate-limit';",
        "import { rateLimiter } from 'hono-rate-limiter';",
        'const app = express();',
        'const limiter = rateLimit({ windowMs: 60_000, limit: 100 });',
        "app.post('/login', (req, res) => res.json({}));",
      ].join('\n'),
      'wrangler.toml': 'name = "w"\nmain = "src/worker.ts"\n[[unsafe.bindings]]\nname = "LIMITER"\ntype = "ratelimit"\nnamespace_id = "1"\nsimple = { limit = 10, period = 60 }\n',
    });
    expect(at(findings)).toEqual(['src/app.ts:3', 'src/app.ts:5', 'wrangler.toml:5']);
    expect(findings.map((f) => `${at([f])[0]} ${f.messageId}`).sort()).toEqual(['src/app.ts:3 importUnused', 'src/app.ts:5 limiterUnused', 'wrangler.toml:5 bindingUnused']);
  });
});
