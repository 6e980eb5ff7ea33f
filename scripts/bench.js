#!/usr/bin/env node
// `npm run bench`: the speed of verdict's static pass against its floors and against ESLint, measured
// in one run on one file set. Generates a deterministic corpus of realistic TypeScript under .bench/
// (or uses `--real <dir>`), then runs each measured thing in its own child process:
//   read-all (I/O floor), parse-all with TypeScript (parse floor), `verdict audit --no-exec` cold and
//   warm (parse and rule caches; its report is checked to equal the cold run's), warm after one
//   route file was edited (checked against a fresh run of the edited corpus), and ESLint 9 + typescript-eslint's parser with equivalent no-restricted-syntax
//   selectors. Prints wall time, files/s, MB/s and peak RSS of each, and the ratios against targets.
// Then a generated small service with Postgres migrations (`--service`: only that), audited cold in
// full and with `--skip migrations`, interleaved (`--rounds N`, default 3): the cost of the embedded
// Postgres against everything else.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  } else if (mode === 'eslint') {
    const files = await listFiles(args[0]);
    const { ESLint } = await import('eslint');
    const tseslint = (await import('typescript-eslint')).default;
    const eslint = new ESLint({
      cwd: args[0], overrideConfigFile: true, ignore: false, cache: false,
      overrideConfig: [{
        files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
        languageOptions: { parser: tseslint.parser, sourceType: 'module' },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        rules: {
          'no-restricted-syntax': ['error',
            { selector: "CallExpression[callee.property.name='prepare']", message: '.prepare( call' },
            { selector: "CallExpression[callee.object.name='console']", message: 'console.* call' },
            { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'process.env read' },
            { selector: "CallExpression[callee.name='eval']", message: 'eval' },
          ],
        },
      }],
    });
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

function generateCorpus(dir) {
  const marker = join(dir, '.corpus-version');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === String(CORPUS_VERSION)) return;
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
  for (let i = 0; i < 6200; i++) {
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
  for (let i = 0; i < 24; i++) {
    const text = i % 2 === 0 ? g.serviceFile(90000 + i, 500 + i * 20) : g.routeFile(90000 + i, 600 + i * 25);
    const safe = Buffer.byteLength(text) < 1000 * 1024 ? text : text.slice(0, 900 * 1024).replace(/\n[^\n]*$/, '\n');
    write(`src/big/long${i}.ts`, safe);
    total += Buffer.byteLength(safe);
    files++;
  }
  writeFileSync(marker, String(CORPUS_VERSION));
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
  return files.find((f) => /\bapp\.(get|post|delete)\('/.test(readFileSync(f.abs, 'utf8')))?.abs ?? null;
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
  process.stdout.write(`  ${'service cold / --skip migrations'.padEnd(34)}: wall ${ratio('wallMs').toFixed(2)}x ${ratio('wallMs') <= 2 ? 'OK' : 'MISSED'}, cpu ${ratio('cpuMs').toFixed(2)}x ${ratio('cpuMs') <= 2 ? 'OK' : 'MISSED'} (target <= 2)\n`);
  process.stdout.write(`  ${'service cold peak RSS'.padEnd(34)}: ${peak.toFixed(0)} MB ${peak <= 600 ? 'OK' : 'MISSED'} (target <= 600)\n`);
  if (!applied.ok || !firstApplied.ok) {
    process.stdout.write('\nThe migrations were not applied from scratch in a cold run: the service figures do not count.\n');
    process.exitCode = 1;
  }
}

async function parent(argv) {
  const roundsAt = argv.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Math.max(1, Number(argv[roundsAt + 1]) || 3) : 3;
  if (argv.includes('--service')) {
    // Only the small service (what most users audit): quick enough to run on a shared machine.
    mkdirSync(BENCH, { recursive: true });
    serviceBench(rounds);
    return;
  }
  const realAt = argv.indexOf('--real');
  const real = realAt >= 0 ? resolve(argv[realAt + 1] ?? '') : null;
  const skipEslint = argv.includes('--no-eslint');
  mkdirSync(BENCH, { recursive: true });
  const dir = real ?? join(BENCH, 'corpus');
  if (!real) generateCorpus(dir);
  else if (!existsSync(dir)) throw new Error(`--real ${dir}: no such folder`);
  const cacheDir = join(BENCH, real ? 'cache-real' : 'cache');
  const outDir = join(BENCH, 'out');
  mkdirSync(outDir, { recursive: true });

  measure('read', [dir]); // warm the OS page cache so the I/O floor is not a cold-disk figure
  const rows = [];
  rows.push(['read-all (I/O floor)', measure('read', [dir])]);
  rows.push(['parse-all, TypeScript (parse floor)', measure('parse', [dir])]);
  rmSync(cacheDir, { recursive: true, force: true });
  const cold = measure('cli', auditArgs(dir, cacheDir, join(outDir, 'cold.json')));
  const coldRun = JSON.parse(readFileSync(join(outDir, 'cold.json'), 'utf8'));
  rows.push(['verdict audit --no-exec, cold', { ...cold, files: coldRun.stats.sourceFiles, bytes: coldRun.stats.bytes }]);
  // The same cold run held to one thread: what the static pass costs without worker threads.
  // Its own empty cache, so it writes the same cache the default cold run writes.
  const singleCache = `${cacheDir}-single`;
  rmSync(singleCache, { recursive: true, force: true });
  const single = measure('cli', auditArgs(dir, singleCache, join(outDir, 'single.json'), ['--threads', '1']));
  rmSync(singleCache, { recursive: true, force: true });
  const singleRun = JSON.parse(readFileSync(join(outDir, 'single.json'), 'utf8'));
  rows.push(['verdict audit --no-exec, cold, 1 thread', { ...single, files: singleRun.stats.sourceFiles, bytes: singleRun.stats.bytes }]);
  const warm = measure('cli', auditArgs(dir, cacheDir, join(outDir, 'warm.json')));
  const warmRun = JSON.parse(readFileSync(join(outDir, 'warm.json'), 'utf8'));
  rows.push(['verdict audit --no-exec, warm', { ...warm, files: warmRun.stats.sourceFiles, bytes: warmRun.stats.bytes }]);
  const same = comparable(join(outDir, 'warm.json')) === comparable(join(outDir, 'cold.json'));
  // One route file edited (a route without auth added), as between two runs of a working day: its
  // facts are parsed again, and the rules that read facts of that file run again.
  const edited = await routeFile(dir);
  let edit = null;
  let editSame = null;
  if (edited) {
    const original = readFileSync(edited);
    try {
      writeFileSync(edited, `${original}\napp.delete('/api/bench-edit/:id', async (c) => c.json({ id: c.req.param('id') }));\n`);
      edit = measure('cli', auditArgs(dir, cacheDir, join(outDir, 'edit.json')));
      const fresh = join(outDir, 'edit-fresh.json');
      measure('cli', ['audit', dir, '--no-exec', '--quiet', '--no-cache', '--format', 'json', '--output', fresh]);
      editSame = comparable(join(outDir, 'edit.json')) === comparable(fresh);
    } finally {
      writeFileSync(edited, original);
    }
    const editRun = JSON.parse(readFileSync(join(outDir, 'edit.json'), 'utf8'));
    rows.push(['verdict audit --no-exec, warm, 1 edit', { ...edit, files: editRun.stats.sourceFiles, bytes: editRun.stats.bytes }]);
  }
  const eslint = skipEslint ? null : measure('eslint', [dir]);
  if (eslint) rows.push(['ESLint 9 + typescript-eslint parser', { ...eslint, bytes: rows[0][1].bytes }]);

  const mb = (b) => b / 1e6;
  const floor = rows[0][1];
  process.stdout.write(`\ncorpus: ${dir}\n${floor.files} source files, ${mb(floor.bytes).toFixed(1)} MB (node ${process.version})\n\n`);
  process.stdout.write(`${'measured'.padEnd(40)}${'wall s'.padStart(9)}${'cpu s'.padStart(8)}${'files/s'.padStart(10)}${'MB/s'.padStart(9)}${'peak RSS MB'.padStart(13)}\n`);
  for (const [name, m] of rows) {
    const s = m.wallMs / 1000;
    process.stdout.write(`${name.padEnd(40)}${s.toFixed(2).padStart(9)}${(m.cpuMs / 1000).toFixed(2).padStart(8)}${Math.round(floor.files / s).toString().padStart(10)}${(mb(floor.bytes) / s).toFixed(1).padStart(9)}${(m.maxRssKb / 1024).toFixed(0).padStart(13)}\n`);
  }
  const st = (run) => `parsed ${run.stats.parsed}, cached ${run.stats.cached}, threads ${run.timings.threads}; stages ${Object.entries(run.timings.stages).map(([k, v]) => `${k} ${Math.round(v)}ms`).join(', ')}`;
  process.stdout.write(`\ncold: ${st(coldRun)}\ncold, 1 thread: ${st(singleRun)}\nwarm: ${st(warmRun)}; ${warmRun.stats.rulesCached ?? 0} rules from the rule cache\n`);
  process.stdout.write(`warm report equals the cold report (times and cache figures aside): ${same ? 'yes' : 'NO'}\n`);
  if (edit) {
    const editRun = JSON.parse(readFileSync(join(outDir, 'edit.json'), 'utf8'));
    process.stdout.write(`warm, 1 edit (${edited.slice(dir.length + 1)}): ${st(editRun)}; ${editRun.stats.rulesCached ?? 0} rules from the rule cache\n`);
    process.stdout.write(`warm, 1 edit report equals a run without cache on the edited corpus: ${editSame ? 'yes' : 'NO'}\n`);
  }
  if (eslint) process.stdout.write(`eslint: ${eslint.messages} messages (${eslint.fatal} parse errors)\n`);
  const parse = rows[1][1];
  // Wall time is what a user waits for; CPU time is the steadier figure on a shared machine.
  const ratio = (k, a, b, target) => `${(a[k] / b[k]).toFixed(2)}x ${(a[k] / b[k]) <= target ? 'OK' : 'MISSED'}`;
  const both = (label, a, b, target) => process.stdout.write(`  ${label.padEnd(26)}: wall ${ratio('wallMs', a, b, target)}, cpu ${ratio('cpuMs', a, b, target)} (target <= ${+target.toFixed(3)})\n`);
  process.stdout.write('\nratios\n');
  both('audit cold / parse floor', cold, parse, 1.3);
  both('  the same on 1 thread', single, parse, 1.3);
  both('audit warm / audit cold', warm, cold, 0.1);
  if (edit) process.stdout.write(`  ${'  after 1 edit (info)'.padEnd(26)}: wall ${(edit.wallMs / cold.wallMs).toFixed(2)}x, cpu ${(edit.cpuMs / cold.cpuMs).toFixed(2)}x\n`);
  if (eslint) both('audit cold / ESLint', cold, eslint, 1 / 7);
  const peak = Math.max(cold.maxRssKb, single.maxRssKb, warm.maxRssKb, edit?.maxRssKb ?? 0) / 1024;
  process.stdout.write(`  audit peak RSS           : ${peak.toFixed(0)} MB (target <= 1024) ${peak <= 1024 ? 'OK' : 'MISSED'}\n`);
  if (!same || editSame === false) {
    process.stdout.write('\nA cached run gave another report than a fresh one: the caches are wrong, and the warm figures do not count.\n');
    process.exitCode = 1;
  }
  if (!real) serviceBench(rounds);
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') await child(argv[1], argv.slice(2));
else await parent(argv);
