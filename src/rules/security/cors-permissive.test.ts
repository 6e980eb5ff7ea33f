import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './cors-permissive.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"express":"4","cors":"2","hono":"4"}}' };

describe('security/cors-permissive', () => {
  it('stays silent on allow-lists, origins without credentials and checked reflection', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/a.ts': [
        "import cors from 'cors';",
        "app.use(cors({ origin: ['https://app.example.com'], credentials: true }));",
        "app.use(cors({ origin: '*' }));",
        'app.use(cors());',
        'app.use(cors({ origin: (origin, cb) => cb(null, ALLOWED_ORIGINS.includes(origin)), credentials: true }));',
      ].join('\n'),
      'src/b.ts': [
        "import { cors } from 'hono/cors';",
        "app.use('*', cors({ origin: (origin) => (origin.endsWith('.example.com') && allowed.has(origin) ? origin : null), credentials: true }));",
      ].join('\n'),
      'src/c.ts': [
        'export function withCors(req: any, res: any) {',
        '  const origin = req.headers.origin;',
        "  if (allowedOrigins.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);",
        "  res.setHeader('Access-Control-Allow-Credentials', 'true');",
        '}',
      ].join('\n'),
      // A configurable helper: `*` for one option value, credentials only when asked.
      'src/lib/cors.ts': [
        'function originHeaders(origin: string | string[]) {',
        '  const headers = new Headers();',
        "  if (origin === '*') headers.set('Access-Control-Allow-Origin', '*');",
        '  return headers;',
        '}',
        'export function cors(req: Request, res: Response, opts: { origin: string; credentials?: boolean }) {',
        '  const headers = originHeaders(opts.origin);',
        '  if (opts.credentials) {',
        "    headers.set('Access-Control-Allow-Credentials', 'true');",
        '  }',
        '  return headers;',
        '}',
      ].join('\n'),
      'test/cors.test.ts': "import cors from 'cors';\napp.use(cors({ origin: true, credentials: true }));\n",
    });
    expect(findings).toEqual([]);
  });

  it('reads the origin function from the tree: a check by any name is an allow-list, a callback(null, true) after it is no reflection', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/a.ts': [
        "import cors from 'cors';",
        'app.use(cors({',
        '  origin(origin, cb) {',
        '    if (isTrusted(origin)) return cb(null, true);',
        "    cb(new Error('blocked'));",
        '  },',
        '  credentials: true,',
        '}));',
        'app.use(cors({ origin: (o, done) => done(null, partners.some((p) => p.host === o)), credentials: true }));',
      ].join('\n'),
      'src/c.ts': [
        'export function withCors(req: any, res: any) {',
        '  const origin = req.headers.origin;',
        '  if (trusted(origin)) {',
        "    res.setHeader('Access-Control-Allow-Origin', origin);",
        "    res.setHeader('Access-Control-Allow-Credentials', 'true');",
        '  }',
        '}',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('resolves options held in a variable and an origin function declared apart, whatever its parameters are named', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/a.ts': [
        "const cors = require('cors');",
        'const corsOptions = { origin: true, credentials: true };',
        'app.use(cors(corsOptions));',
        'function allowAll(o, callback) { callback(null, o); }',
        'app.use(cors({ origin: allowAll, credentials: true }));',
      ].join('\n'),
      'src/c.ts': [
        'export function withCors(req: any, res: any) {',
        '  const origin = req.headers.origin;',
        "  if (origin) res.setHeader('Access-Control-Allow-Origin', origin);",
        "  res.setHeader('Access-Control-Allow-Credentials', 'true');",
        '}',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/a.ts:3', 'src/a.ts:5', 'src/c.ts:3']);
    expect(findings.map((f) => f.messageId)).toEqual(['reflectedOrigin', 'reflectedOrigin', 'headerEchoesOrigin']);
  });

  it('reports one options object once, at its first use, however many calls it is handed to', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/middleware.js': [
        "import cors from 'cors';",
        'const shared = { origin: true, credentials: true };',
        'router.use(cors(shared));',
        "router.options('*', cors(shared));",
        // A second object with the same values is a second setting: reported on its own.
        "admin.use(cors({ origin: true, credentials: true }));",
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/middleware.js:3', 'src/middleware.js:5']);
  });

  it('reports any origin or a reflected origin together with credentials', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/a.ts': [
        "import cors from 'cors';",
        "app.use(cors({ origin: '*', credentials: true }));",
        'app.use(cors({ origin: true, credentials: true }));',
        'app.use(cors({ credentials: true }));',
      ].join('\n'),
      'src/b.ts': [
        "import { cors } from 'hono/cors';",
        "app.use('*', cors({ origin: (origin) => origin, credentials: true }));",
      ].join('\n'),
      'src/c.ts': [
        'export function withCors(req: any, res: any) {',
        "  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);",
        "  res.setHeader('Access-Control-Allow-Credentials', 'true');",
        '}',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/a.ts:2', 'src/a.ts:3', 'src/a.ts:4', 'src/b.ts:2', 'src/c.ts:2']);
    expect(findings.map((f) => f.messageId)).toEqual(['anyOrigin', 'reflectedOrigin', 'anyOrigin', 'reflectedOrigin', 'headerEchoesOrigin']);
    expect(findings.every((f) => f.severity === 'high')).toBe(true);
  });
});
