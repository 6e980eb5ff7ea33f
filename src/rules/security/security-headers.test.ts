import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './security-headers.js';

describe('security/security-headers', () => {
  it('stays silent when helmet, secureHeaders or hand-set headers are used, and without routes', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","workspaces":["a","b","c","d"]}',
      'a/package.json': '{"name":"a","dependencies":{"express":"4","helmet":"8"}}',
      'a/src/app.ts': "import express from 'express';\nimport helmet from 'helmet';\nconst app = express();\napp.use(helmet());\napp.post('/x', (req, res) => res.end());\n",
      'b/package.json': '{"name":"b","dependencies":{"hono":"4"}}',
      'b/src/index.ts': "import { Hono } from 'hono';\nimport { secureHeaders } from 'hono/secure-headers';\nconst app = new Hono();\napp.use(secureHeaders());\napp.get('/x', (c) => c.text('x'));\n",
      'c/package.json': '{"name":"c"}',
      'c/src/worker.ts': [
        'export default {',
        '  async fetch(request: Request) {',
        '    const url = new URL(request.url);',
        "    if (url.pathname === '/') return new Response('hi', { headers: { 'Strict-Transport-Security': 'max-age=63072000', 'X-Content-Type-Options': 'nosniff' } });",
        "    return new Response('no', { status: 404 });",
        '  },',
        '};',
      ].join('\n'),
      'src/lib.ts': 'export const x = 1;\n',
      'd/package.json': '{"name":"d","dependencies":{"next":"15"}}',
      'd/app/api/x/route.ts': 'export async function POST() { return Response.json({}); }\n',
      'd/vercel.json': '{"headers":[{"source":"/(.*)","headers":[{"key":"X-Content-Type-Options","value":"nosniff"}]}]}\n',
    });
    expect(findings).toEqual([]);
  });

  it('reports an HTTP service that sets no security headers', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","dependencies":{"express":"4"}}',
      'src/app.ts': "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => res.send('hi'));\napp.listen(3000);\n",
    });
    expect(at(findings)).toEqual(['src/app.ts:2']);
    expect(findings[0].messageId).toBe('noHeaders');
  });

  it('reports a Next.js app at its next.config, where `headers()` belongs, not at its first route handler', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"web","dependencies":{"next":"15"}}',
      'next.config.js': 'export default { reactStrictMode: true };\n',
      'src/app/api/auth/[...all]/route.ts': "import { auth } from '~/auth/server';\n\nexport const GET = auth.handler;\nexport const POST = auth.handler;\n",
    });
    expect(at(findings)).toEqual(['next.config.js:1']);
  });
});
