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

  it('follows an exported limiter to the file that imports it, not to a binding of the same name', async () => {
    const files = {
      ...pkg,
      'tsconfig.json': '{"compilerOptions":{"baseUrl":".","paths":{"@/*":["src/*"]}}}',
      'src/middleware/limits.ts': "import rateLimit from 'express-rate-limit';\nexport const apiLimiter = rateLimit({ limit: 100 });\n",
      'src/middleware/index.ts': "export { apiLimiter as limiter } from './limits';\n",
    };
    // Imported through a path alias and a barrel that renames it.
    expect(await runRule(rule, {
      ...files,
      'src/app.ts': "import express from 'express';\nimport { limiter } from '@/middleware';\nconst app = express();\napp.use(limiter);\n",
    })).toEqual([]);
    // Another module's `apiLimiter` is not this one.
    const findings = await runRule(rule, {
      ...files,
      'src/app.ts': "import express from 'express';\nimport { apiLimiter } from './other-limits';\nconst app = express();\napp.use(apiLimiter);\n",
      'src/other-limits.ts': 'export const apiLimiter = (req: unknown, res: unknown, next: () => void) => next();\n',
    });
    expect(findings.map((f) => `${at([f])[0]} ${f.messageId}`)).toEqual(['src/middleware/limits.ts:2 limiterUnused']);
    expect(findings[0].evidence).toContainEqual({ kind: 'note', text: '0 uses of apiLimiter in src/middleware/limits.ts and no file of the repository imports it' });
  });
});
