// Claims read from fenced blocks (trees, snippets headed by their file, commands, status lines) and
// the claims that name a link, a package, a call or what a script runs: extracted, classified, and
// checked against a small service of our own.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shape, significantLines } from '../../src/verify/checks/cited.js';
import { classify } from '../../src/verify/classify.js';
import { extractClaims } from '../../src/verify/extract.js';
import { fencedClaims } from '../../src/verify/fenced.js';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

const FENCE = '```';

describe('claims in fenced blocks', () => {
  it('reads a directory tree: full paths, counts in comments, and groups of a file summed', () => {
    const tree = [
      'svc/tests/', '├── unit/        # 3 unit test files', '│   └── api/     # Route tests', '└── smoke/       # Shell tests',
      'svc/db/schema.ts   # ✅ Main schema', '├── Core Tables (2)    # users, orders', '└── Audit Tables (3)',
    ].join('\n');
    const claims = fencedClaims(null, tree, 10);
    expect(claims.map((c) => [c.line, c.text])).toEqual([
      [11, '`svc/tests/`'],
      [12, '`svc/tests/unit/` 3 unit test files'],
      [13, '`svc/tests/unit/api/` Route tests'],
      [14, '`svc/tests/smoke/` Shell tests'],
      [15, '`svc/db/schema.ts` ✅ Main schema'],
      [16, '`svc/db/schema.ts` has 5 tables (2 + 3)'],
    ]);
    expect(claims.find((c) => c.line === 16)?.endLine).toBe(17);
  });

  it('reads the file a snippet names and the code it shows, dropping "Before:" and keeping code after "After:"', () => {
    const [c] = fencedClaims('ts', '// src/a.ts\n// Before: const x = [...]\n// After: export async function load(): Promise<X[]> { ... }\n', 3);
    expect(c).toMatchObject({ text: '`src/a.ts` holds the code shown', line: 4, endLine: 6, source: 'code' });
    expect(c.code).toEqual(['export async function load(): Promise<X[]> { ... }']);
    expect(fencedClaims('ts', 'const x = 1;\n', 1)).toEqual([]);
  });

  it('reads scripts from command blocks and status lines from output blocks, not other lines', () => {
    const claims = fencedClaims('yaml', '- name: Check\n  run: npm run problems\n- run: npm install\n', 1);
    expect(claims.map((c) => c.text)).toEqual(['npm run problems']);
    const out = fencedClaims(null, 'Overall:   55% [■■■■■□□□□□]\nsome log line 42\n1. Lint - ✅ FIXED\n', 1);
    expect(out.map((c) => c.text)).toEqual(['Overall:   55%', '1. Lint - ✅ FIXED']);
  });

  it('compares a quote by its statements, not its string texts or return types', () => {
    expect(shape("throw new Error('short message');")).toBe(shape('throw new Error("the full message in the file");'));
    expect(shape('export async function load(): Promise<X[]> {')).toContain(shape('async function load()'));
    expect(significantLines('constructor(env: Env) {\n  // ... rest\n}\n')).toEqual(['constructor(env: Env) {']);
  });

  it('classifies what the blocks and lines state', () => {
    const md = [
      '# R', '', '## Scores', '', '- Security: 100%', '- **Security:** 100% (0 vulnerabilities)', '',
      '- [Guide](./guide.md): how to deploy', '- `npm test` runs jest with coverage', '- Sessions stored via (`connect-mongo`)',
      '- CSRF enabled with `lusca.csrf()`', '- refuses to start without a `.env` file', '',
      '**✅ GO FOR PRODUCTION** with the following conditions:', '',
    ].join('\n');
    const { claims } = extractClaims(md);
    const kinds = Object.fromEntries(claims.map((c) => [c.line, [classify(c).kind, classify(c).subject]]));
    expect(kinds[5]).toEqual(['score', { score: 100, category: 'security' }]);
    // A note in brackets does not change what the line scores: the same security score as line 5 (one fact).
    expect(kinds[6]).toEqual(['score', { score: 100, category: 'security' }]);
    expect(kinds[8]).toEqual(['link', { targets: './guide.md' }]);
    expect(kinds[9]).toMatchObject(['script', { name: 'test', runs: 'jest,coverage' }]);
    expect(kinds[10]).toEqual(['package', { name: 'connect-mongo', scoped: false, used: true }]);
    expect(kinds[11]).toEqual(['call', { callee: 'lusca.csrf' }]);
    expect(kinds[12][0]).not.toBe('path');
    expect(kinds[14][0]).toBe('readiness');
    const row = extractClaims('| Check | Status | Notes |\n|---|---|---|\n| **Health Check** | ✅ PRESENT | `/health` returns JSON |\n').claims[0];
    expect(classify(row).kind).toBe('feature');
  });

  it('reads named commits as history claims, and says why figures of no named commit and the report\'s own issue counts are not checked', () => {
    const md = ['**Commits:** abc1234 (phase 1), def5678', '', '- 5888 insertions, 1920 deletions', '', '**Critical Issues Found**: 3', ''].join('\n');
    const subjects = extractClaims(md).claims.map((c) => classify(c));
    expect(subjects).toEqual([
      { kind: 'history', subject: { commits: 'abc1234,def5678', files: -1, insertions: -1, deletions: -1 } },
      { kind: 'outside', subject: { git: true } }, { kind: 'outside', subject: { own: true } },
    ]);
  });

  it('takes only whole words of a heading for a plan, and keeps a done line under one', () => {
    const md = ['## Abstraction Compliance', '', '- `src/db.ts` 3 tables', '', '## CI/CD Workflows (GitHub Actions)', '',
      '| Workflow | Status |', '|---|---|', '| `ci.yml` | ✅ READY |', '', '## Immediate Actions', '', '- ✅ No direct D1 access in apps workers', '- Add a runbook', ''].join('\n');
    const kinds = Object.fromEntries(extractClaims(md).claims.map((c) => [c.line, classify(c).kind]));
    expect(kinds[3]).toBe('count');
    expect(kinds[9]).not.toBe('plan');
    expect(kinds[9]).not.toBe('readiness');
    expect(kinds[13]).toBe('db-access');
    expect(kinds[14]).toBe('plan');
    const established = extractClaims('### Backup Plans Established\n\n**Playbook Created**: `docs/playbook.md`\n').claims[0];
    expect(classify(established).kind).toBe('path');
  });
});

const SERVICE = {
  'package.json': JSON.stringify({
    name: 'tiny', private: true, main: 'src/index.js',
    scripts: { start: 'node src/index.js', test: 'jest', lint: 'eslint .' },
    dependencies: { express: '4.0.0', 'connect-mongo': '4.0.0', '@acme/pinned-binary': '1.0.0', lusca: '1.0.0' },
  }, null, 2),
  'src/index.js': [
    "const express = require('express');",
    "const lusca = require('lusca');",
    "const MongoStore = require('connect-mongo');",
    "const { loadUsers } = require('./users');",
    'const app = express();',
    "app.use(lusca.xframe('SAMEORIGIN'));",
    'app.use(MongoStore.create({}));',
    "app.get('/users', async (req, res) => res.json(await loadUsers(req.query.email)));",
    'app.listen(3000);',
    '',
  ].join('\n'),
  'src/users.js': [
    'async function loadUsers(email) {',
    '  if (!email) {',
    "    throw new Error('email is required to load users');",
    '  }',
    '  return [];',
    '}',
    'module.exports = { loadUsers };',
    '',
  ].join('\n'),
  'docs/guide.md': '# Guide\n',
  'src/config.js': "module.exports = {\n  api: { prefix: '/api' },\n  timeout: '10s',\n  level: process.env.LOG_LEVEL || 'silly',\n};\n",
  '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 18.x\n      - run: npm test\n',
};

const REPORT = [
  '# tiny readiness', // 1
  '', // 2
  '- [Guide](./guide.md): deployment steps', // 3 confirmed
  '- [Runbook](./runbook.md): incident steps', // 4 contradicted
  '- `npm test` runs jest with coverage', // 5 contradicted: no --coverage
  '- `npm run lint` uses eslint', // 6 confirmed
  '- Sessions stored via (`connect-mongo`)', // 7 confirmed
  '- CSRF enabled with `lusca.csrf()`', // 8 contradicted
  '- Clickjacking protection with `lusca.xframe()`', // 9 confirmed
  '- `@acme/missing-binary` platform binary pinned', // 10 contradicted
  '', // 11
  FENCE + 'js', // 12
  '// src/users.js', // 13 confirmed (message shortened)
  'async function loadUsers(email) {',
  '  if (!email) {',
  "    throw new Error('email required');",
  '  }',
  FENCE, // 18
  '', // 19
  FENCE + 'js', // 20
  '// src/users.js', // 21 contradicted
  'function loadOrders() {',
  '  return cache.get();',
  '}',
  FENCE, // 25
  '', // 26
  FENCE, // 27
  'tiny/', // 28
  '├── src/      # 2 files', // 29
  '├── docs/     # Guides', // 30
  '└── scripts/  # Deploy scripts', // 31 contradicted
  FENCE, // 32
  '', // 33
  FENCE + 'bash', // 34
  '$ npm run start', // 35 confirmed
  '$ npm run deploy', // 36 contradicted
  FENCE, // 37
  '', // 38
  '## Configuration', // 39
  '', // 40
  '- API prefix: `/api`', // 41 confirmed
  '- Request timeout: `30s`', // 42 contradicted: 10s
  '- Node version pinned in CI: 18.x', // 43 confirmed
  '- Node version pinned in CI: 16.x', // 44 contradicted
  '',
].join('\n');

describe('verify on claims from blocks, links, packages and calls', () => {
  let root = '';
  let result: VerifyResult;
  beforeAll(async () => {
    root = writeRepo(SERVICE);
    mkdirSync(join(root, 'docs'), { recursive: true });
    writeFileSync(join(root, 'docs', 'READINESS.md'), REPORT);
    result = await verifyReport({ report: join(root, 'docs', 'READINESS.md'), repo: root, exec: false, cache: false });
  }, 120_000);
  afterAll(() => removeRepo(root));

  const at = (line: number) => result.claims.find((c) => c.line === line);

  it('confirms what the code holds, each with a resolved subject and file evidence', () => {
    for (const line of [3, 6, 7, 9, 13, 35, 41, 43]) {
      const c = at(line);
      expect(c?.verdict, `line ${line}: ${c?.kind} ${c?.reason}`).toBe('confirmed');
      expect(c?.evidence.some((e) => e.kind === 'file'), `line ${line}`).toBe(true);
    }
  });

  it('contradicts what it does not, saying why', () => {
    const want: Record<number, RegExp> = {
      4: /docs\/runbook\.md, which does not exist/, 5: /does not run coverage/, 8: /no call of `lusca\.csrf\(\)`/,
      10: /not a dependency/, 21: /holds none of the/, 31: /no such file or folder/, 36: /no script "deploy"/,
      42: /the report says 30s; the code sets 10 s at src\/config\.js:3/, 44: /not 16\.x/,
    };
    for (const [line, re] of Object.entries(want)) {
      const c = at(Number(line));
      expect(c?.verdict, `line ${line}: ${c?.kind} ${c?.reason}`).toBe('contradicted');
      expect(c?.reason).toMatch(re);
    }
  });

  it('covers a snippet\'s lines with the claim of its file', () => {
    const c = result.claims.find((x) => x.line <= 15 && 15 <= x.endLine && x.kind === 'quote');
    expect(c?.line).toBe(13);
  });
});
