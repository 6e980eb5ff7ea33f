#!/usr/bin/env node
// `npm run bench`: the speed of verdict against its floors and peers, with every target of issue 19
// printed as PASS or FAIL from ratios measured in this run. Generates a deterministic corpus of
// realistic TypeScript under .bench/ (`--files N` for a smaller one; `--real <dir>` for a real tree),
// then runs each measured thing in its own child process, interleaved over `--rounds N` rounds
// (default 2; the independent measurements turn order round by round) and compared by medians:
//   read-all (I/O floor), parse-all with TypeScript (parse floor), `verdict audit --no-exec` cold,
//   warm (its report checked to equal the cold run's) and warm after one route file was edited
//   (checked against a fresh run of the edited corpus), ESLint 9 + typescript-eslint with the
//   committed bench/eslint.config.mjs, verdict's file walk against `git ls-files`.
// Then the bundled example (examples/clean-service, its dependencies installed once under .bench/)
// audited in full with its probes, against its slowest probe (`--full`: only that; `--no-full` skips it), and a generated
// small service with Postgres migrations (`--service`: only that; `--no-service` skips it), audited
// cold in full and with `--skip migrations`. The load average is printed: the machine may be shared.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const BENCH = join(ROOT, '.bench');
const CORPUS_VERSION = 4;

// ---------- child modes: each prints one JSON line { ms, files, bytes, maxRssKb, ... } ----------

async function listFiles(dir) {
  const { walk } = await import(pathToFileURL(join(ROOT, 'dist/discover/walk.js')).href);
  const { isSourcePath } = await import(pathToFileURL(join(ROOT, 'dist/discover/index.js')).href);
  return walk(dir).files.filter((f) => isSourcePath(f.path));
}

async function child(mode, args) {
  const t0 = performance.now();
  let extra = {};
  if (mode === 'read' || mode === 'parse') {
    const files = await listFiles(args[0]);
    // Loaded the way the CLI loads it (require), so the floor carries no ESM-import overhead.
    const ts = mode === 'parse' ? (await import('node:module')).createRequire(import.meta.url)('typescript') : null;
    const start = performance.now();
    let bytes = 0;
    for (const f of files) {
      const buf = readFileSync(f.abs);
      bytes += buf.length;
      if (ts) {
        const text = buf.toString('utf8');
        const ext = f.path.slice(f.path.lastIndexOf('.'));
        const kind = ext === '.tsx' ? ts.ScriptKind.TSX : ext === '.jsx' ? ts.ScriptKind.JSX : /\.[cm]?js$/.test(ext) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
        ts.createSourceFile(f.path, text, ts.ScriptTarget.Latest, true, kind);
      }
    }
    extra = { files: files.length, bytes, loopMs: performance.now() - start };
  } else if (mode === 'cli') {
    // Exactly what bin/verdict.js does, in this process so its peak RSS and CPU can be read.
    const { main } = await import(pathToFileURL(join(ROOT, 'dist/cli.js')).href);
    extra = { exitCode: await main(args) };
  } else if (mode === 'walk') {
    // verdict's file walk (.gitignore honoured, a stat per file for the cache's stamps).
    const { walk } = await import(pathToFileURL(join(ROOT, 'dist/discover/walk.js')).href);
    const start = performance.now();
    extra = { files: walk(args[0]).files.length, loopMs: performance.now() - start };
  } else if (mode === 'gitls') {
    // git's listing of the same tree (index and untracked files, .gitignore honoured), its hooks and fsmonitor off.
    const start = performance.now();
    const r = spawnSync('git', ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: args[0], maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`git ls-files failed: ${String(r.stderr)}`);
    extra = { files: String(r.stdout).split('\0').filter(Boolean).length, loopMs: performance.now() - start };
  } else if (mode === 'eslint') {
    const files = await listFiles(args[0]);
    const { ESLint } = await import('eslint');
    // The committed configuration (bench/eslint.config.mjs), applied to the corpus as it is.
    const config = (await import(pathToFileURL(join(ROOT, 'bench/eslint.config.mjs')).href)).default;
    const eslint = new ESLint({ cwd: args[0], overrideConfigFile: true, ignore: false, cache: false, overrideConfig: config });
    const start = performance.now();
    const results = await eslint.lintFiles(files.map((f) => f.abs));
    extra = {
      files: results.length, loopMs: performance.now() - start,
      messages: results.reduce((n, r) => n + r.messages.length, 0),
      fatal: results.reduce((n, r) => n + r.messages.filter((m) => m.fatal).length, 0),
    };
  }
  const use = process.resourceUsage();
  const out = { mode, ms: performance.now() - t0, cpuMs: (use.userCPUTime + use.systemCPUTime) / 1000, maxRssKb: use.maxRSS, ...extra };
  writeFileSync(process.env.BENCH_OUT, JSON.stringify(out));
}

// ---------- corpus ----------

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = ['user', 'order', 'invoice', 'account', 'session', 'project', 'task', 'report', 'payment', 'product', 'team', 'webhook', 'agent', 'run', 'event', 'tenant', 'message', 'token', 'audit', 'plan'];
const VERBS = ['list', 'get', 'create', 'update', 'delete', 'sync', 'archive', 'restore', 'validate', 'compute', 'publish', 'refresh'];

function makeGenerator(seed) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const n = (max) => Math.floor(r() * max);

  const iface = (name) => {
    const fields = Array.from({ length: 4 + n(8) }, (_, i) => `  ${pick(NOUNS)}${cap(pick(NOUNS))}${i}${r() < 0.2 ? '?' : ''}: ${pick(['string', 'number', 'boolean', 'string[]', 'Date', `Record<string, ${pick(['string', 'number', 'unknown'])}>`, r() < 0.05 ? 'any' : 'unknown'])};`);
    return `export interface ${name} {\n${fields.join('\n')}\n}\n`;
  };
  const route = (noun, i) => {
    const verb = pick(VERBS);
    const method = pick(['get', 'post', 'put', 'delete']);
    const table = `${noun}s`;
    const sqlCall = r() < 0.5
      ? `  const row = await c.env.DB.prepare('SELECT id, name, created_at FROM ${table} WHERE id = ? AND tenant_id = ?').bind(id, tenant).first<${cap(noun)}Row>();`
      : `  const { results } = await c.env.DB.prepare(\`SELECT * FROM ${table} WHERE status = ? ORDER BY created_at DESC LIMIT \${limit}\`).bind(status).all();`;
    return [
      `app.${method}('/api/${table}/:id/${verb}${i}', authMiddleware, async (c) => {`,
      "  const id = c.req.param('id');",
      "  const tenant = c.get('tenantId');",
      `  const limit = Math.min(Number(c.req.query('limit') ?? 50), 200);`,
      "  const status = c.req.query('status') ?? 'active';",
      sqlCall,
      r() < 0.3 ? `  console.log('${verb} ${noun}', { id, tenant });` : `  logger.info({ id, tenant }, '${verb} ${noun}');`,
      `  if (!${r() < 0.5 ? 'row' : 'id'}) return c.json({ error: 'not found' }, 404);`,
      `  const body = await c.req.json().catch(() => ({}));`,
      `  const parsed = ${cap(noun)}Schema.safeParse(body);`,
      "  if (!parsed.success) return c.json({ error: parsed.error.flatten() }, 400);",
      `  return c.json({ ok: true, data: parsed.data, id });`,
      '});\n',
    ].join('\n');
  };
  const method = (noun, i) => {
    const verb = pick(VERBS);
    const lines = [
      `  async ${verb}${cap(noun)}${i}(input: ${cap(noun)}Input, opts: { retries?: number; signal?: AbortSignal } = {}): Promise<${cap(noun)}Result> {`,
      `    const started = Date.now();`,
      `    const retries = opts.retries ?? ${1 + n(4)};`,
      `    for (let attempt = 0; attempt <= retries; attempt++) {`,
      '      try {',
      `        const res = await this.http.fetch(\`\${this.baseUrl}/${noun}s/\${input.id}\`, { method: '${pick(['GET', 'POST', 'PUT'])}', signal: opts.signal });`,
      `        if (!res.ok) throw new HttpError(res.status, await res.text());`,
      `        const json = (await res.json()) as ${cap(noun)}Result;`,
      `        this.metrics.observe('${noun}_${verb}_ms', Date.now() - started);`,
      `        return { ...json, fetchedAt: new Date().toISOString() };`,
      '      } catch (err) {',
      `        if (attempt === retries) throw err;`,
      `        await sleep(${50 * (1 + n(10))} * 2 ** attempt);`,
      '      }',
      '    }',
      `    throw new Error('unreachable');`,
      '  }\n',
    ];
    if (r() < 0.15) lines.splice(2, 0, `    const region = process.env.${noun.toUpperCase()}_REGION ?? 'eu';`);
    if (r() < 0.1) lines.splice(2, 0, `    await this.pool.query('UPDATE ${noun}s SET last_seen = now() WHERE id = $1', [input.id]);`);
    if (r() < 0.005) lines.splice(2, 0, '    const legacy = eval(input.expression as string);');
    return lines.join('\n');
  };
  const util = (i) => [
    `export function ${pick(VERBS)}${cap(pick(NOUNS))}${i}(items: readonly { id: string; score: number; tags: string[] }[], threshold = ${n(100)}): Map<string, number> {`,
    '  const out = new Map<string, number>();',
    '  for (const item of items) {',
    '    if (item.score < threshold) continue;',
    `    const key = item.tags.filter((t) => t.startsWith('${pick(NOUNS)}')).sort().join(':') || item.id;`,
    '    out.set(key, (out.get(key) ?? 0) + item.score);',
    '  }',
    `  return new Map([...out].sort((a, b) => b[1] - a[1]).slice(0, ${10 + n(50)}));`,
    '}\n',
  ].join('\n');

  return {
    routeFile(idx, count) {
      const noun = pick(NOUNS);
      const head = [
        "import { Hono } from 'hono';",
        "import { z } from 'zod';",
        `import { authMiddleware } from '../middleware/auth';`,
        `import { logger } from '../lib/logger';`,
        `import type { Env } from '../env';`,
        '',
        `const ${cap(noun)}Schema = z.object({ name: z.string().min(1), email: z.string().email().optional(), count: z.number().int().nonnegative() });`,
        `type ${cap(noun)}Row = { id: string; name: string; created_at: string };`,
        `export const app = new Hono<{ Bindings: Env; Variables: { tenantId: string } }>();`,
        '',
      ];
      const body = Array.from({ length: count }, (_, i) => route(noun, idx * 100 + i));
      return `${head.join('\n')}${body.join('\n')}`;
    },
    serviceFile(idx, count) {
      const noun = pick(NOUNS);
      const C = cap(noun);
      const head = [
        `import type { Pool } from 'pg';`,
        `import { HttpError, sleep } from '../lib/http';`,
        `import type { Metrics } from '../lib/metrics';`,
        '',
        iface(`${C}Input`) + iface(`${C}Result`),
        `/** ${C} service: talks to the ${noun} API and keeps the local table in sync. */`,
        `export class ${C}Service${idx} {`,
        '  constructor(private readonly http: { fetch: typeof fetch }, private readonly pool: Pool, private readonly metrics: Metrics, private readonly baseUrl: string) {}',
        '',
      ];
      const body = Array.from({ length: count }, (_, i) => method(noun, i));
      return `${head.join('\n')}${body.join('\n')}}\n`;
    },
    typesFile(idx, count) {
      return Array.from({ length: count }, (_, i) => iface(`${cap(pick(NOUNS))}${cap(pick(NOUNS))}${idx}_${i}`)).join('\n');
    },
    utilFile(idx, count) {
      return `// Helpers for ${pick(NOUNS)} aggregation.\n${Array.from({ length: count }, (_, i) => util(idx * 100 + i)).join('\n')}`;
    },
  };
}

/** The corpus: `count` generated files (6,224 by default: 6,200 of four kinds and 24 long ones), as a git repository. */
function generateCorpus(dir, count = 6224) {
  const marker = join(dir, '.corpus-version');
  const version = `${CORPUS_VERSION}/${count}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === version) return;
  rmSync(dir, { recursive: true, force: true });
  const g = makeGenerator(20261122);
  const write = (path, text) => {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  };
  write('package.json', JSON.stringify({ name: 'bench-service', private: true, dependencies: { hono: '4', zod: '3', pg: '8' } }, null, 2));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext' }, include: ['src'] }, null, 2));
  write('wrangler.toml', 'name = "bench"\nmain = "src/index.ts"\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "bench"\ndatabase_id = "00000000"\n');
  let total = 0;
  let files = 0;
  const regular = Math.min(6200, Math.round((count * 6200) / 6224));
  for (let i = 0; i < regular; i++) {
    const kind = i % 4;
    const area = `area${String(i % 60).padStart(2, '0')}`;
    let path;
    let text;
    if (kind === 0) [path, text] = [`src/routes/${area}/route${i}.ts`, g.routeFile(i, 6 + (i % 9))];
    else if (kind === 1) [path, text] = [`src/services/${area}/service${i}.ts`, g.serviceFile(i, 4 + (i % 7))];
    else if (kind === 2) [path, text] = [`src/types/${area}/types${i}.ts`, g.typesFile(i, 6 + (i % 10))];
    else [path, text] = [`src/lib/${area}/util${i}.ts`, g.utilFile(i, 5 + (i % 12))];
    write(path, text);
    total += Buffer.byteLength(text);
    files++;
  }
  // Long files, each under the 1 MB limit.
  for (let i = 0; i < count - regular; i++) {
    const text = i % 2 === 0 ? g.serviceFile(90000 + i, 500 + i * 20) : g.routeFile(90000 + i, 600 + i * 25);
    const safe = Buffer.byteLength(text) < 1000 * 1024 ? text : text.slice(0, 900 * 1024).replace(/\n[^\n]*$/, '\n');
    write(`src/big/long${i}.ts`, safe);
    total += Buffer.byteLength(safe);
    files++;
  }
  // A git repository, so the walk can be measured against `git ls-files` on the same tree.
  for (const args of [['init', '-q'], ['add', '-A']]) {
    const r = spawnSync('git', ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', ...args], { cwd: dir });
    if (r.status !== 0) throw new Error(`git ${args[0]} in ${dir} failed: ${String(r.stderr)}`);
  }
  writeFileSync(marker, version);
  process.stdout.write(`generated ${files} files, ${(total / 1e6).toFixed(1)} MB in ${dir}\n`);
}

// ---------- a small service with Postgres migrations ----------

const SERVICE_VERSION = 1;

/**
 * An Express + Prisma service of about 40 source files with two Prisma migrations, a schema, docs,
 * a CI workflow and tests: what most audited repos look like, where the embedded Postgres used to
 * cost more than everything else together.
 */
function generateService(dir) {
  const marker = join(dir, '.service-version');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === String(SERVICE_VERSION)) return;
  rmSync(dir, { recursive: true, force: true });
  const g = makeGenerator(20261206);
  const write = (path, text) => {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  };
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const models = ['user', 'order', 'invoice', 'product', 'team', 'payment', 'session', 'webhook', 'report', 'task'];
  write('package.json', JSON.stringify({
    name: 'bench-orders-service', private: true, type: 'module',
    scripts: { build: 'tsc -p .', start: 'node dist/index.js', test: 'vitest run', typecheck: 'tsc --noEmit', 'db:migrate': 'prisma migrate deploy' },
    dependencies: { '@prisma/client': '5.22.0', express: '4.21.2', helmet: '8.0.0', 'express-rate-limit': '7.5.0', pino: '9.6.0', zod: '3.24.1' },
    devDependencies: { prisma: '5.22.0', typescript: '5.9.3', vitest: '4.1.12', '@types/express': '5.0.0' },
  }, null, 2));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', outDir: 'dist' }, include: ['src'] }, null, 2));
  write('README.md', '# orders service\n\nExpress API over Postgres (Prisma).\n\n- `npm run db:migrate` applies `prisma/migrations/`.\n- See [deploy](docs/deploy.md) and [the schema](prisma/schema.prisma).\n');
  write('docs/deploy.md', '# Deploy\n\n1. `npm ci && npm run build`\n2. `npm run db:migrate`\n3. Restart the service; `/healthz` answers when it is up.\n\nRollback: redeploy the previous image; migrations are forward-only.\n');
  write('.env.example', 'DATABASE_URL=postgresql://app:app@localhost:5432/app\nPORT=3000\nLOG_LEVEL=info\n');
  write('.github/workflows/ci.yml', 'name: ci\non: [push, pull_request]\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with: { node-version: 20 }\n      - run: npm ci\n      - run: npm run typecheck\n      - run: npm test\n');
  const fields = (m) => `  id        Int      @id @default(autoincrement())\n  name      String\n  ${m}Code  String?  @map("${m}_code")\n  createdAt DateTime @default(now()) @map("created_at")\n`;
  write('prisma/schema.prisma', `generator client {\n  provider = "prisma-client-js"\n}\n\ndatasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\n${models.map((m) => `model ${cap(m)} {\n${fields(m)}${m === 'order' ? '  status    String   @default("new")\n' : ''}\n  @@map("${m}s")\n}\n`).join('\n')}`);
  write('prisma/migrations/migration_lock.toml', 'provider = "postgresql"\n');
  const create = (m) => `-- CreateTable\nCREATE TABLE "${m}s" (\n    "id" SERIAL NOT NULL,\n    "name" TEXT NOT NULL,\n    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n\n    CONSTRAINT "${m}s_pkey" PRIMARY KEY ("id")\n);\n`;
  write('prisma/migrations/20250101000000_init/migration.sql', models.map(create).join('\n'));
  write('prisma/migrations/20250201000000_codes_and_status/migration.sql', [
    ...models.map((m) => `-- AlterTable\nALTER TABLE "${m}s" ADD COLUMN "${m}_code" TEXT;\n\n-- CreateIndex\nCREATE UNIQUE INDEX "${m}s_${m}_code_key" ON "${m}s"("${m}_code");\n`),
    '-- AlterTable\nALTER TABLE "orders" ADD COLUMN "status" TEXT NOT NULL DEFAULT \'new\';\n',
  ].join('\n'));
  write('src/lib/logger.ts', "import pino from 'pino';\n\nexport const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });\n");
  write('src/lib/env.ts', "import { z } from 'zod';\n\nexport const env = z.object({ DATABASE_URL: z.string().url(), PORT: z.coerce.number().default(3000), LOG_LEVEL: z.string().default('info') }).parse(process.env);\n");
  write('src/lib/prisma.ts', "import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n");
  write('src/lib/http.ts', 'export class HttpError extends Error {\n  constructor(public status: number, message: string) { super(message); }\n}\n\nexport const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));\n');
  write('src/lib/metrics.ts', 'export interface Metrics { observe(name: string, value: number): void }\n\nexport const metrics: Metrics = { observe() {} };\n');
  write('src/middleware/auth.ts', "import type { NextFunction, Request, Response } from 'express';\n\nexport function requireAuth(req: Request, res: Response, next: NextFunction) {\n  if (!req.headers.authorization?.startsWith('Bearer ')) return res.status(401).json({ error: 'unauthorized' });\n  next();\n}\n");
  write('src/middleware/errors.ts', "import type { NextFunction, Request, Response } from 'express';\nimport { logger } from '../lib/logger';\n\nexport function errors(err: Error, _req: Request, res: Response, _next: NextFunction) {\n  logger.error({ err }, 'request failed');\n  res.status(500).json({ error: 'internal' });\n}\n");
  write('src/middleware/limits.ts', "import rateLimit from 'express-rate-limit';\n\nexport const limiter = rateLimit({ windowMs: 60_000, limit: 300 });\n");
  write('src/middleware/request-id.ts', "import { randomUUID } from 'node:crypto';\nimport type { NextFunction, Request, Response } from 'express';\n\nexport function requestId(req: Request, res: Response, next: NextFunction) {\n  res.setHeader('x-request-id', String(req.headers['x-request-id'] ?? randomUUID()));\n  next();\n}\n");
  for (const [i, m] of models.entries()) {
    const M = cap(m);
    write(`src/routes/${m}s.ts`, [
      "import { Router } from 'express';",
      "import { z } from 'zod';",
      "import { requireAuth } from '../middleware/auth';",
      `import { ${M}Service } from '../services/${m}s';`,
      '',
      `const Body = z.object({ name: z.string().min(1).max(200) });`,
      `const service = new ${M}Service();`,
      'export const router = Router();',
      '',
      `router.get('/${m}s', requireAuth, async (req, res) => {`,
      `  res.json(await service.list(Number(req.query.limit ?? 50)));`,
      '});',
      `router.get('/${m}s/:id', requireAuth, async (req, res) => {`,
      `  const row = await service.get(Number(req.params.id));`,
      "  if (!row) return res.status(404).json({ error: 'not found' });",
      '  res.json(row);',
      '});',
      `router.post('/${m}s', requireAuth, async (req, res) => {`,
      '  const parsed = Body.safeParse(req.body);',
      '  if (!parsed.success) return res.status(400).json({ error: parsed.error.flatten() });',
      `  res.status(201).json(await service.create(parsed.data.name));`,
      '});',
      '',
    ].join('\n'));
    write(`src/services/${m}s.ts`, [
      "import { prisma } from '../lib/prisma';",
      "import { logger } from '../lib/logger';",
      '',
      `export class ${M}Service {`,
      `  list(limit: number) {`,
      `    return prisma.${m}.findMany({ take: Math.min(limit, 200), orderBy: { createdAt: 'desc' } });`,
      '  }',
      `  get(id: number) {`,
      `    return prisma.${m}.findUnique({ where: { id } });`,
      '  }',
      `  async create(name: string) {`,
      `    const row = await prisma.${m}.create({ data: { name } });`,
      `    logger.info({ id: row.id }, '${m} created');`,
      '    return row;',
      '  }',
      '}',
      '',
    ].join('\n'));
    if (i < 6) write(`src/types/${m}.ts`, g.typesFile(i, 3));
    if (i < 5) write(`test/${m}s.test.ts`, `import { describe, expect, it } from 'vitest';\nimport { ${M}Service } from '../src/services/${m}s';\n\ndescribe('${M}Service', () => {\n  it('is constructed', () => {\n    expect(new ${M}Service()).toBeInstanceOf(${M}Service);\n  });\n});\n`);
  }
  write('src/lib/aggregate.ts', g.utilFile(1, 4));
  write('src/clients/billing.ts', g.serviceFile(2, 3));
  write('src/app.ts', [
    "import express from 'express';",
    "import helmet from 'helmet';",
    "import { errors } from './middleware/errors';",
    "import { limiter } from './middleware/limits';",
    "import { requestId } from './middleware/request-id';",
    ...models.map((m) => `import { router as ${m}s } from './routes/${m}s';`),
    '',
    'export const app = express();',
    'app.use(helmet(), express.json(), requestId, limiter);',
    "app.get('/healthz', (_req, res) => res.json({ ok: true }));",
    ...models.map((m) => `app.use('/api', ${m}s);`),
    'app.use(errors);',
    '',
  ].join('\n'));
  write('src/index.ts', [
    "import { app } from './app';",
    "import { env } from './lib/env';",
    "import { logger } from './lib/logger';",
    "import { prisma } from './lib/prisma';",
    '',
    "const server = app.listen(env.PORT, () => logger.info({ port: env.PORT }, 'listening'));",
    "process.on('SIGTERM', () => {",
    '  server.close(() => void prisma.$disconnect().then(() => process.exit(0)));',
    '});',
    '',
  ].join('\n'));
  writeFileSync(marker, String(SERVICE_VERSION));
}

// ---------- parent ----------

function measure(mode, args, env = {}) {
  const outFile = join(BENCH, `out-${mode}-${process.pid}.json`);
  const t = performance.now();
  const res = spawnSync(process.execPath, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', mode, ...args], {
    cwd: ROOT, env: { ...process.env, ...env, BENCH_OUT: outFile, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - t;
  if (!existsSync(outFile)) throw new Error(`${mode} failed (exit ${res.status}): ${String(res.stderr).slice(-2000)}`);
  const out = JSON.parse(readFileSync(outFile, 'utf8'));
  rmSync(outFile);
  return { ...out, wallMs };
}

/** A report without what differs between runs of the same code on the same files (times, cache figures). */
function comparable(file) {
  const run = JSON.parse(readFileSync(file, 'utf8'), (k, v) => (k === 'durationMs' || k === 'cached' ? undefined : v));
  delete run.timings;
  delete run.options.cache;
  for (const k of ['cached', 'parsed', 'rulesCached']) delete run.stats[k];
  return JSON.stringify(run);
}

/** The first corpus file (in path order) with an Express or Hono route: the one the edit run changes. */
async function routeFile(dir) {
  const files = (await listFiles(dir)).sort((a, b) => (a.path < b.path ? -1 : 1));
  // A file of ordinary size: the first in path order used to be src/big/long1.ts, the 0.9 MB file
  // that is the corpus's worst case, not the one-line edit of a working day the target is about.
  const routes = files.filter((f) => f.size < 64 * 1024 && /\bapp\.(get|post|delete)\('/.test(readFileSync(f.abs, 'utf8')));
  return routes[0]?.abs ?? null;
}

function auditArgs(dir, cacheDir, output, extra) {
  // No --timing: its clock reads around every visitor call cost ~0.9 s of CPU; stage times are recorded anyway.
  return ['audit', dir, '--no-exec', '--quiet', '--cache-dir', cacheDir, '--format', 'json', '--output', output, ...(extra ?? [])];
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The applied-migrations probes of a JSON report: each must have run (not come from a cache) and applied its set. */
function appliedSets(file) {
  const run = JSON.parse(readFileSync(file, 'utf8'));
  const applied = run.probes.filter((p) => p.kind === 'migrations-apply');
  const ok = applied.length > 0 && applied.every((p) => p.status === 'ran' && p.exitCode === 0 && !p.cached);
  return { ok, sets: applied.length, engines: run.timings.engines ?? null };
}

/**
 * The small service, cold (empty parse, rule and migrations caches), audited in full and with
 * `--skip migrations`, interleaved (ABBA) so load from other processes falls on both alike. The
 * PGlite data directory image lives in verdict's own cache folder, made once per PGlite version:
 * the first audit on a machine (an empty XDG cache folder) is measured apart.
 */
function serviceBench(rounds) {
  const dir = join(BENCH, 'service');
  generateService(dir);
  const outDir = join(BENCH, 'out');
  mkdirSync(outDir, { recursive: true });
  const coldRun = (name, extra, env) => {
    const cache = join(BENCH, `cache-service-${name}`);
    rmSync(cache, { recursive: true, force: true });
    const out = join(outDir, `service-${name}.json`);
    const m = measure('cli', auditArgs(dir, cache, out, extra), env);
    rmSync(cache, { recursive: true, force: true });
    return { ...m, out };
  };
  // First audit on a machine: no engine image yet (nor V8's code cache of TypeScript).
  const fresh = join(BENCH, 'xdg-fresh');
  rmSync(fresh, { recursive: true, force: true });
  const first = coldRun('first', [], { XDG_CACHE_HOME: fresh });
  const firstApplied = appliedSets(first.out);
  rmSync(fresh, { recursive: true, force: true });
  const full = [];
  const skip = [];
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? ['full', 'skip'] : ['skip', 'full'];
    for (const which of order) {
      if (which === 'full') full.push(coldRun('full', []));
      else skip.push(coldRun('skip', ['--skip', 'migrations']));
    }
  }
  const applied = appliedSets(full[full.length - 1].out);
  const files = JSON.parse(readFileSync(full[0].out, 'utf8')).stats.sourceFiles;
  const line = (label, ms) => process.stdout.write(`${label.padEnd(46)}${(median(ms.map((m) => m.wallMs)) / 1000).toFixed(2).padStart(8)}${(median(ms.map((m) => m.cpuMs)) / 1000).toFixed(2).padStart(8)}${(Math.max(...ms.map((m) => m.maxRssKb)) / 1024).toFixed(0).padStart(13)}\n`);
  process.stdout.write(`\nservice: ${dir}\n${files} source files, 2 Prisma migrations; ${rounds} interleaved cold runs each (medians; peak RSS is the maximum)\n\n`);
  process.stdout.write(`${'measured'.padEnd(46)}${'wall s'.padStart(8)}${'cpu s'.padStart(8)}${'peak RSS MB'.padStart(13)}\n`);
  line('audit --no-exec, first run on the machine', [first]);
  line('audit --no-exec, cold', full);
  line('audit --no-exec --skip migrations, cold', skip);
  const e = applied.engines;
  process.stdout.write(`\nmigrations applied by PGlite in every cold run: ${applied.ok ? 'yes' : 'NO'} (${applied.sets} set(s)); first run: ${firstApplied.ok ? 'yes' : 'NO'}, engine ${firstApplied.engines?.pgliteDataDir ?? '?'} ${firstApplied.engines?.pgliteColdStartMs ?? '?'} ms\n`);
  if (e) process.stdout.write(`engine in the last cold run: data directory ${e.pgliteDataDir ?? '?'}, start ${e.pgliteColdStartMs} ms\n`);
  const ratio = (k) => median(full.map((m) => m[k])) / median(skip.map((m) => m[k]));
  const peak = Math.max(...full.map((m) => m.maxRssKb)) / 1024;
  process.stdout.write('\nratios\n');
  process.stdout.write(`  ${'service cold / --skip migrations'.padEnd(34)}: wall ${ratio('wallMs').toFixed(2)}x ${verdictOf(ratio('wallMs'), 2)}, cpu ${ratio('cpuMs').toFixed(2)}x ${verdictOf(ratio('cpuMs'), 2)} (target <= 2)\n`);
  process.stdout.write(`  ${'service cold peak RSS'.padEnd(34)}: ${peak.toFixed(0)} MB ${verdictOf(peak, 600)} (target <= 600)\n`);
  if (!applied.ok || !firstApplied.ok) {
    process.stdout.write('\nThe migrations were not applied from scratch in a cold run: the service figures do not count.\n');
    process.exitCode = 1;
  }
}

/** PASS or FAIL against a target, from a measured ratio: the one wording every target line uses. */
const verdictOf = (ratio, target) => (ratio <= target ? 'PASS' : 'FAIL');
const targetLine = (label, wall, cpu, target) => process.stdout.write(
  `  ${label.padEnd(40)}: wall ${wall.toFixed(3)}x ${verdictOf(wall, target)}, cpu ${cpu.toFixed(3)}x ${verdictOf(cpu, target)} (target <= ${+target.toFixed(3)})\n`);

/**
 * The bundled example (examples/clean-service) audited in full, probes included (in the sandbox
 * where there is one), against the slowest probe of the same run. Its dependencies are installed
 * once into a copy under .bench/ (npm ci --ignore-scripts), so the install is not measured.
 */
function fullAuditBench(rounds) {
  // Outside verdict's own tree (vitest would find verdict's vitest.config.ts above it), and not in /tmp
  // or HOME, which the probes' sandbox shows empty.
  const dir = join(existsSync('/var/tmp') ? '/var/tmp' : tmpdir(), 'verdict-bench-example');
  const marker = join(dir, '.installed');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    const example = join(ROOT, 'examples/clean-service');
    cpSync(example, dir, { recursive: true, filter: (src) => !/\/(node_modules|dist)(\/|$)/.test(src.slice(example.length)) });
    const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) {
      process.stdout.write(`\nfull audit: npm ci in ${dir} failed (exit ${r.status}); the target is not measured\n${String(r.stderr).slice(-1000)}\n`);
      return null;
    }
    writeFileSync(marker, new Date().toISOString());
  }
  // The dependency audit asks the registry (this one refuses it): not the repository's own probe.
  const config = join(BENCH, 'example-config.json');
  writeFileSync(config, JSON.stringify({ probes: { audit: { off: true } } }));
  const runs = [];
  for (let i = 0; i < rounds; i++) {
    const out = join(BENCH, 'out', `full-${i}.json`);
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    const m = measure('cli', ['audit', dir, '--quiet', '--no-cache', '--config', config, '--format', 'json', '--output', out]);
    const run = JSON.parse(readFileSync(out, 'utf8'));
    const own = run.probes.filter((p) => ['typecheck', 'tests', 'lint', 'build'].includes(p.kind));
    const ran = own.length > 0 && own.every((p) => p.status === 'ran' && p.exitCode === 0);
    const slowest = run.probes.filter((p) => p.status === 'ran').reduce((a, p) => (p.durationMs > (a?.durationMs ?? -1) ? p : a), null);
    runs.push({ ...m, ran, slowest, probes: run.probes.map((p) => `${p.kind} ${p.status}${p.derivedFrom ? ` (from the ${p.derivedFrom.kind} run)` : ''} ${Math.round(p.durationMs)}ms`).join(', ') });
  }
  return runs;
}

/** The full audit's runs and its target line. */
function reportFull(full) {
  if (!full) {
    process.stdout.write(`  ${'full audit / its slowest probe'.padEnd(40)}: not measured\n`);
    return;
  }
  for (const [i, r] of full.entries()) process.stdout.write(`  full audit ${i + 1}: ${(r.wallMs / 1000).toFixed(2)} s; probes ${r.probes}\n`);
  const ok = full.every((r) => r.ran && r.slowest);
  const ratios = full.map((r) => r.wallMs / (r.slowest?.durationMs ?? NaN));
  const mr = median(ratios);
  process.stdout.write(`  ${'full audit / its slowest probe'.padEnd(40)}: wall ${mr.toFixed(3)}x ${ok ? verdictOf(mr, 1.15) : 'FAIL (the probes did not all run and pass)'} (target <= 1.15; slowest ${full.map((r) => `${r.slowest?.kind} ${Math.round(r.slowest?.durationMs ?? 0)}ms`).join(', ')}; per run ${ratios.map((x) => x.toFixed(2)).join(', ')})\n`);
}

async function parent(argv) {
  const opt = (name, dflt) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Math.max(1, Number(argv[at + 1]) || dflt) : dflt;
  };
  const rounds = opt('--rounds', 2);
  if (argv.includes('--full')) {
    // Only the full audit of the bundled example against its slowest probe.
    mkdirSync(join(BENCH, 'out'), { recursive: true });
    reportFull(fullAuditBench(rounds));
    return;
  }
  if (argv.includes('--service')) {
    // Only the small service (what most users audit): quick enough to run on a shared machine.
    mkdirSync(BENCH, { recursive: true });
    serviceBench(rounds);
    return;
  }
  const realAt = argv.indexOf('--real');
  const real = realAt >= 0 ? resolve(argv[realAt + 1] ?? '') : null;
  const skipEslint = argv.includes('--no-eslint');
  const count = opt('--files', 6224);
  mkdirSync(BENCH, { recursive: true });
  const dir = real ?? join(BENCH, count === 6224 ? 'corpus' : `corpus-${count}`);
  if (!real) generateCorpus(dir, count);
  else if (!existsSync(dir)) throw new Error(`--real ${dir}: no such folder`);
  const cacheDir = join(BENCH, real ? 'cache-real' : 'cache');
  const outDir = join(BENCH, 'out');
  mkdirSync(outDir, { recursive: true });
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const loadStart = existsSync('/proc/loadavg') ? load() : '?';

  measure('read', [dir]); // warm the OS page cache so the I/O floor is not a cold-disk figure
  const edited = await routeFile(dir);
  const m = { read: [], parse: [], cold: [], warm: [], edit: [], eslint: [], walk: [], gitls: [] };
  let coldRun = null;
  let warmRun = null;
  let editRun = null;
  let same = true;
  let editSame = null;
  // Interleaved: every round measures each thing once, the independent ones in an order that turns
  // round by round, so load from other processes falls on all alike; the ratios are of medians.
  for (let round = 0; round < rounds; round++) {
    const independent = [
      () => m.read.push(measure('read', [dir])),
      () => m.parse.push(measure('parse', [dir])),
      () => { if (!skipEslint) m.eslint.push(measure('eslint', [dir])); },
      () => m.walk.push(measure('walk', [dir])),
      () => { if (existsSync(join(dir, '.git'))) m.gitls.push(measure('gitls', [dir])); },
    ];
    const turned = [...independent.slice(round % independent.length), ...independent.slice(0, round % independent.length)];
    for (const f of turned.slice(0, 3)) f();
    // Cold (empty caches), warm (both caches), warm after one edit: in that order, they need each other.
    rmSync(cacheDir, { recursive: true, force: true });
    m.cold.push(measure('cli', auditArgs(dir, cacheDir, join(outDir, 'cold.json'))));
    coldRun = JSON.parse(readFileSync(join(outDir, 'cold.json'), 'utf8'));
    m.warm.push(measure('cli', auditArgs(dir, cacheDir, join(outDir, 'warm.json'))));
    warmRun = JSON.parse(readFileSync(join(outDir, 'warm.json'), 'utf8'));
    same &&= comparable(join(outDir, 'warm.json')) === comparable(join(outDir, 'cold.json'));
    if (edited) {
      // One route file edited (a route without auth added), as between two runs of a working day.
      const original = readFileSync(edited);
      try {
        writeFileSync(edited, `${original}\napp.delete('/api/bench-edit/:id', async (c) => c.json({ id: c.req.param('id') }));\n`);
        m.edit.push(measure('cli', auditArgs(dir, cacheDir, join(outDir, 'edit.json'))));
        editRun = JSON.parse(readFileSync(join(outDir, 'edit.json'), 'utf8'));
        if (round === 0) {
          // Checked once: the edited run's report equals a run without any cache on the edited corpus.
          const fresh = join(outDir, 'edit-fresh.json');
          measure('cli', ['audit', dir, '--no-exec', '--quiet', '--no-cache', '--format', 'json', '--output', fresh]);
          editSame = comparable(join(outDir, 'edit.json')) === comparable(fresh);
        }
      } finally {
        writeFileSync(edited, original);
      }
    }
    for (const f of turned.slice(3)) f();
  }
  const full = argv.includes('--no-full') ? null : fullAuditBench(rounds);
  const loadEnd = existsSync('/proc/loadavg') ? load() : '?';

  const med = (xs, k) => median(xs.map((x) => x[k]));
  const mb = (b) => b / 1e6;
  const floor = m.read[0];
  process.stdout.write(`\ncorpus: ${dir}\n${floor.files} source files, ${mb(floor.bytes).toFixed(1)} MB (node ${process.version}); ${rounds} interleaved round(s), medians\n`);
  process.stdout.write(`load average (1, 5, 15 min): ${loadStart} at the start, ${loadEnd} at the end\n\n`);
  process.stdout.write(`${'measured'.padEnd(40)}${'wall s'.padStart(9)}${'cpu s'.padStart(8)}${'files/s'.padStart(10)}${'MB/s'.padStart(9)}${'peak RSS MB'.padStart(13)}\n`);
  const rows = [['read-all (I/O floor)', m.read], ['parse-all, TypeScript (parse floor)', m.parse], ['verdict audit --no-exec, cold', m.cold],
    ['verdict audit --no-exec, warm', m.warm], ['verdict audit --no-exec, warm, 1 edit', m.edit], ['ESLint 9 + typescript-eslint (bench/)', m.eslint],
    ['walk (verdict)', m.walk], ['git ls-files -co --exclude-standard', m.gitls]];
  for (const [name, xs] of rows) {
    if (xs.length === 0) continue;
    const w = med(xs, 'wallMs') / 1000;
    process.stdout.write(`${name.padEnd(40)}${w.toFixed(2).padStart(9)}${(med(xs, 'cpuMs') / 1000).toFixed(2).padStart(8)}${Math.round(floor.files / w).toString().padStart(10)}${(mb(floor.bytes) / w).toFixed(1).padStart(9)}${(Math.max(...xs.map((x) => x.maxRssKb)) / 1024).toFixed(0).padStart(13)}\n`);
  }
  const st = (run) => `parsed ${run.stats.parsed}, cached ${run.stats.cached}, threads ${run.timings.threads}; stages ${Object.entries(run.timings.stages).map(([k, v]) => `${k} ${Math.round(v)}ms`).join(', ')}`;
  process.stdout.write(`\ncold: ${st(coldRun)}\nwarm: ${st(warmRun)}; ${warmRun.stats.rulesCached ?? 0} rules from the rule cache\n`);
  process.stdout.write(`warm report equals the cold report (times and cache figures aside): ${same ? 'yes' : 'NO'}\n`);
  if (editRun) {
    process.stdout.write(`warm, 1 edit (${edited.slice(dir.length + 1)}): ${st(editRun)}; ${editRun.stats.rulesCached ?? 0} rules from the rule cache\n`);
    process.stdout.write(`warm, 1 edit report equals a run without cache on the edited corpus: ${editSame ? 'yes' : 'NO'}\n`);
  }
  if (m.eslint.length) process.stdout.write(`eslint: ${m.eslint[0].messages} messages (${m.eslint[0].fatal} parse errors)\n`);
  if (m.walk.length && m.gitls.length) process.stdout.write(`walk: ${m.walk[0].files} files in ${med(m.walk, 'loopMs').toFixed(0)} ms; git ls-files: ${m.gitls[0].files} files in ${med(m.gitls, 'loopMs').toFixed(0)} ms (in-process times, medians)\n`);

  const ratio = (a, b, k) => med(a, k) / med(b, k);
  const both = (label, a, b, target) => targetLine(label, ratio(a, b, 'wallMs'), ratio(a, b, 'cpuMs'), target);
  process.stdout.write('\ntargets of issue 19 (wall time is what a user waits for; CPU time is the steadier figure on a shared machine)\n');
  both('cold static / parse floor', m.cold, m.parse, 1.3);
  if (m.eslint.length) both('cold static / ESLint + typescript-eslint', m.cold, m.eslint, 1 / 7);
  else process.stdout.write(`  ${'cold static / ESLint + typescript-eslint'.padEnd(40)}: not measured (--no-eslint)\n`);
  both('warm / cold', m.warm, m.cold, 0.1);
  if (m.edit.length) both('warm after 1 edit / cold', m.edit, m.cold, 0.15);
  reportFull(full);
  if (m.walk.length && m.gitls.length) {
    const r = med(m.walk, 'loopMs') / med(m.gitls, 'loopMs');
    process.stdout.write(`  ${'walk / git ls-files'.padEnd(40)}: ${r.toFixed(2)}x (issue 19 sets no figure: measured, neither PASS nor FAIL)\n`);
  }
  const peak = Math.max(...[...m.cold, ...m.warm, ...m.edit].map((x) => x.maxRssKb)) / 1024;
  process.stdout.write(`  ${'audit peak RSS'.padEnd(40)}: ${peak.toFixed(0)} MB ${peak <= 1024 ? 'PASS' : 'FAIL'} (target <= 1024)\n`);
  if (!same || editSame === false) {
    process.stdout.write('\nA cached run gave another report than a fresh one: the caches are wrong, and the warm figures do not count.\n');
    process.exitCode = 1;
  }
  if (!real && !argv.includes('--no-service')) serviceBench(rounds);
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') await child(argv[1], argv.slice(2));
else await parent(argv);
