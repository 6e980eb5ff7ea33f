// Claims whose subject is a structure of the code: a library option read from its resolved call, a
// route's middleware chain or handler, a config file's setting. Each report line carries the verdict it
// must get; the service is written here, with true and false claims about it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestName } from '../../src/knowledge/index.js';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
const reports = mkdtempSync(join(tmpdir(), 'verdict-code-claims-'));

beforeAll(() => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'shop', private: true, main: 'src/server.ts', scripts: { 'db:migrate': 'node migrate.js' }, dependencies: { express: '4', cors: '2', lusca: '1', mongoose: '8', jsonwebtoken: '9', errorhandler: '1', 'express-basic-auth': '1' } }),
    'src/server.ts': [
      "import errorHandler from 'errorhandler';",
      "import { app } from './app';",
      "if (process.env.NODE_ENV === 'development') {",
      '  app.use(errorHandler());',
      '}',
      'app.listen(3000);', '',
    ].join('\n'),
    'src/app.ts': [
      "import express from 'express';", // 1
      "import cors from 'cors';", // 2
      "import lusca from 'lusca';", // 3
      "import basicAuth from 'express-basic-auth';", // 4
      "import { requireUser, authorizeAdmin, authorizeEditor, basicAuthLite } from './guards';", // 5
      "import { Order } from './order';", // 6
      "import { cache, newSessionKey } from './cache';",
      "import compression from 'compression';",
      'app.use(compression());',
      "import { warmSessions } from './SessionCache';",
      'void cache; void newSessionKey; warmSessions();',
      'export const app = express();', // 7
      'app.use(cors());', // 8
      "app.use(lusca.xframe('DENY'));", // 9
      "app.use('/queues', basicAuth({ users: { ops: process.env.OPS_PASSWORD ?? '' } }), (req, res) => res.end());", // 10
      "app.get('/orders', requireUser, async (req, res) => res.json(await Order.find()));", // 11
      "app.get('/orders/:id', requireUser, async (req, res) => res.json(await Order.findById(req.params.id)));", // 12
      "app.delete('/admin/orders/:id', requireUser, authorizeAdmin, async (req, res) => res.json(await Order.deleteOne({ _id: req.params.id })));", // 13
      "app.post('/logout', requireUser, (req, res) => res.status(204).end());", // 14
      "app.get('/catalog', async (req, res) => res.json(await Order.find()));", // 15
      "app.delete('/admin/users/:id', requireUser, authorizeEditor, async (req, res) => res.json(await Order.deleteOne({ _id: req.params.id })));",
      "app.get('/reports', basicAuthLite, (req, res) => res.end());",
      "app.get('/ops', basicAuth({ users: { ops: process.env.OPS_PASSWORD ?? '' } }), (req, res) => res.end());",
      '',
    ].join('\n'),
    'src/guards.ts': [
      "import jwt from 'jsonwebtoken';",
      'export function requireUser(req: any, res: any, next: any) {',
      "  try { req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET!, { algorithms: ['HS256'] }); next(); } catch { res.status(401).end(); }",
      '}',
      'export function authorizeAdmin(req: any, res: any, next: any) {',
      "  if (req.user?.role !== 'admin') return res.status(403).end();",
      '  next();',
      '}',
      // Named for what they do not do: the route table reads their bodies, which let every caller on.
      'export function authorizeEditor(req: any, res: any, next: any) { console.log(req.path); next(); }',
      'export function basicAuthLite(req: any, res: any, next: any) { next(); }', '',
    ].join('\n'),
    'src/cache.ts': [
      "import { createClient } from 'redis';",
      "import crypto from 'crypto';",
      "export const cache = createClient({ url: process.env.REDIS_URL || 'redis://localhost:6379' });",
      "export function newSessionKey() { return crypto.randomBytes(24).toString('hex'); }", '',
    ].join('\n'),
    'src/SessionCache.ts': "export function warmSessions() { return 0; }\n",
    'src/LegacyExport.ts': "export function exportOrders() { return []; }\n",
    'src/order.ts': [
      "import crypto from 'crypto';",
      "import mongoose from 'mongoose';",
      'const orderSchema = new mongoose.Schema({',
      '  reference: { type: String, unique: true, uppercase: true },',
      '  email: { type: String, required: true },',
      '}, { timestamps: true });',
      'orderSchema.methods.receiptId = function () {',
      "  return crypto.createHash('sha1').update(String(this.reference)).digest('hex');",
      '};',
      "export const Order = mongoose.model('Order', orderSchema);", '',
    ].join('\n'),
    'vite.config.ts': [
      "import { defineConfig } from 'vite';",
      'export default defineConfig(({ mode }) => {',
      "  const prod = mode === 'production';",
      "  return { build: { minify: prod ? 'terser' : false, sourcemap: prod ? false : true, target: 'es2019' } };",
      '});', '',
    ].join('\n'),
    'jest.config.js': 'module.exports = {\n  coverageThreshold: { global: { branches: 70, functions: 70, lines: 70, statements: 70 } },\n};\n',
    '.github/workflows/nightly.yml': [
      'name: nightly', 'on:', '  schedule:', "    - cron: '0 3 * * *'", 'jobs:', '  scan:', '    runs-on: ubuntu-latest',
      '    environment: production', '    steps:', '      - uses: actions/checkout@v4', '      - run: npm audit --audit-level=high', '',
    ].join('\n'),
  });
});
afterAll(() => { removeRepo(root); removeRepo(reports); });

async function check(md: string): Promise<VerifyResult> {
  const file = join(reports, 'r.md');
  writeFileSync(file, md);
  return verifyReport({ report: file, repo: root, exec: false, cache: false });
}

/** Each line of `lines` is a claim followed by ` => verdict`; the report is the claims, the verdicts are asserted by line. */
async function expectVerdicts(lines: string[]) {
  const md = lines.map((l) => `- ${l.split(' => ')[0]}`).join('\n');
  const res = await check(md);
  const got = lines.map((l, i) => {
    const c = res.claims.find((x) => x.line === i + 1);
    return `${l.split(' => ')[0]} => ${c?.verdict ?? 'none'}`;
  });
  expect(got).toEqual(lines);
  return res;
}

describe('library options read from the resolved call', () => {
  it('judges CORS origins, pinned JWT algorithms, X-Frame-Options and a hash algorithm', async () => {
    const res = await expectVerdicts([
      'CORS restricted to the storefront origin => contradicted',
      'JWT verification pins the algorithm to `HS256`. => confirmed',
      'Clickjacking protection: X-Frame-Options: SAMEORIGIN via lusca => contradicted',
      'Receipt ids hashed with SHA-256 => contradicted',
      'Receipt ids hashed with SHA-1 => confirmed',
    ]);
    const corsClaim = res.claims.find((c) => c.line === 1)!;
    expect(corsClaim.evidence[0]).toMatchObject({ kind: 'file', path: 'src/app.ts', line: 13 });
    expect(digestName('SHA-256')).toBe('sha256');
    expect(digestName('rot13')).toBeNull();
  });

  it('reads schema field options, timestamps, and middleware mounted only outside production', async () => {
    await expectVerdicts([
      '`reference` is unique and uppercased. => confirmed',
      '`email` is unique. => contradicted',
      'Timestamps (`createdAt`, `updatedAt`) on every order. => confirmed',
      'Stack traces only shown in development (`errorhandler`) => confirmed',
      'Redis URL: `redis://localhost:6379` (default) => confirmed',
      'Redis URL: `redis://cache:6379` (default) => contradicted',
      'Session keys generated with `crypto.randomBytes` => confirmed',
      'Response compression enabled => confirmed',
    ]);
  });
});

describe('route chains from the route table', () => {
  it('checks a guard on every route under a prefix, authorisation after authentication (a step the route table judges a guard, not one named so), basic auth by its module (a mount or a route), and a handler that stores nothing', async () => {
    await expectVerdicts([
      'Order routes (`/orders/*`) protected by `requireUser` => confirmed',
      '`/admin/orders/:id` requires an authenticated and authorised user => confirmed',
      '`/catalog` requires an authenticated user => contradicted',
      'Queue dashboard on `/queues` behind basic auth => confirmed',
      '`/logout` revokes the JWT => contradicted',
      '`/admin/users/:id` requires an authenticated and authorised user => contradicted',
      '`/reports` behind basic auth => contradicted',
      '`/ops` behind basic auth => confirmed',
    ]);
  });
});

describe('config files read as the tool reads them', () => {
  it('reads vite build options for a production build, jest thresholds and workflow triggers, environments and steps', async () => {
    await expectVerdicts([
      'Enabled minification with esbuild for production => contradicted',
      'Hidden source maps for debugging => contradicted',
      'Target ES2019 for older browsers => confirmed',
      'Coverage threshold: 80% (global) => contradicted',
      '`package.json` - Added migration commands => confirmed',
      '`package.json` - Added seeding commands => contradicted',
      'Session warm-up on start (SessionCache) => confirmed',
      'Nightly order export (LegacyExport) => contradicted',
      'Price rules engine (PriceRules) => unverifiable',
    ]);
    const rows = await check([
      '| Workflow | Status | Notes |', '|---|---|---|',
      '| **nightly.yml** | ✅ READY | Daily schedule, environment `production` |',
      '| **nightly.yml** | ✅ READY | Every 6 hours schedule + manual trigger |',
      '| **nightly.yml** | ✅ READY | Gitleaks + dependency audit |',
    ].join('\n'));
    expect(rows.claims.filter((c) => c.kind === 'config').map((c) => [c.line, c.verdict])).toEqual([[3, 'confirmed'], [4, 'contradicted'], [5, 'contradicted']]);
  });
});
