// "API key expiration: already in place", "Invoice table ✅ PRESENT": decided from the release schema's
// declarations and what release code does with them. Services written here: a worker whose key lookup
// compares the stored expiry, one that stores it and never compares it, and a Prisma service whose
// test fixtures declare a table the release schema does not.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import { expiryClaim } from '../../src/verify/checks/expiry.js';
import { namedTable } from '../../src/verify/checks/tables.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

const made: string[] = [];
const reports = mkdtempSync(join(tmpdir(), 'verdict-schema-claims-'));
afterAll(() => { for (const r of [...made, reports]) removeRepo(r); });

const SCHEMA = [
  "import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';",
  "export const apiKeys = sqliteTable('api_keys', {",
  "  id: text('id').primaryKey(),",
  "  owner: text('owner').notNull(),",
  "  expiresAt: integer('expires_at'),",
  '});',
  '',
].join('\n');

const worker = (lookup: string[]) => ({
  'package.json': JSON.stringify({ name: 'keys', private: true, main: 'src/index.ts', dependencies: { 'drizzle-orm': '0.30' }, devDependencies: { wrangler: '3' } }),
  'wrangler.toml': 'name = "keys"\nmain = "src/index.ts"\n',
  'src/schema.ts': SCHEMA,
  'src/index.ts': [
    "import { drizzle } from 'drizzle-orm/d1';",
    "import { eq } from 'drizzle-orm';",
    "import { apiKeys } from './schema';",
    'export default {',
    '  async fetch(req: Request, env: { DB: D1Database }) {',
    '    const db = drizzle(env.DB);',
    "    const id = req.headers.get('x-api-key') ?? '';",
    '    const key = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();',
    ...lookup,
    "    return new Response(key ? 'ok' : 'denied', { status: key ? 200 : 401 });",
    '  },',
    '};',
    '',
  ].join('\n'),
});

const CHECKED = worker(["    if (key && key.expiresAt !== null && key.expiresAt < Date.now()) return new Response('expired', { status: 401 });"]);
const STORED = worker([]);

const PRISMA = {
  'package.json': JSON.stringify({ name: 'billing', private: true, main: 'src/server.ts', dependencies: { '@prisma/client': '5', express: '4' } }),
  'prisma/schema.prisma': [
    'datasource db {',
    '  provider = "postgresql"',
    '  url      = env("DATABASE_URL")',
    '}',
    '',
    'model Invoice {',
    '  id        String   @id',
    '  total     Int',
    '  createdAt DateTime @default(now()) @map("created_at")',
    '  @@map("invoices")',
    '}',
    '',
  ].join('\n'),
  'test/fixtures/refunds.sql': 'CREATE TABLE refunds (\n  id TEXT PRIMARY KEY\n);\n',
  'src/server.ts': "import express from 'express';\nconst app = express();\napp.get('/health', (_req, res) => res.json({ ok: true }));\napp.listen(3000);\n",
};

async function verdicts(files: Record<string, string>, lines: string[]) {
  const root = writeRepo(files);
  made.push(root);
  const file = join(reports, `r${made.length}.md`);
  writeFileSync(file, lines.join('\n'));
  const res = await verifyReport({ report: file, repo: root, exec: false, cache: false });
  return (line: number) => res.claims.find((c) => c.line === line)!;
}

const KEYS = ['| Area | Item | Status |', '|---|---|---|', '| Security | API key expiration | Already in place |'];

describe('credential expiry claims', () => {
  it('reads which credential a claim says expires', () => {
    expect(expiryClaim('api key expiration')).toMatchObject({ label: 'API key' });
    expect(expiryClaim('refresh token expiry')).toMatchObject({ label: 'token' });
    expect(expiryClaim('api key rotation')).toBeNull();
  });

  it('an expiry the key lookup compares is in place', async () => {
    const at = await verdicts(CHECKED, KEYS);
    expect(at(3).verdict).toBe('confirmed');
    expect(at(3).evidence).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'src/schema.ts', line: 5 }),
      expect.objectContaining({ path: 'src/index.ts', line: 9 }),
    ]));
  });

  it('an expiry that is stored and never compared is not', async () => {
    const at = await verdicts(STORED, KEYS);
    expect(at(3).verdict).toBe('contradicted');
    expect(at(3).reason).toContain('no release code compares it');
    expect(at(3).evidence[0]).toMatchObject({ path: 'src/schema.ts', line: 5 });
  });

  it('a service with no key table leaves the claim unverifiable, with the reason', async () => {
    const at = await verdicts(PRISMA, KEYS);
    expect(at(3).verdict).toBe('unverifiable');
    expect(at(3).reason).toContain('no API key table');
  });
});

describe('tables named in prose', () => {
  const REPORT = [
    '| Item | Status | Detail |', '|---|---|---|',
    '| **Invoice Table** | ✅ PRESENT | Schema defined; not populated |',
    '| **Refund Table** | ✅ PRESENT | Schema defined |',
    '| **Invoice Table** | 🔜 | see the roadmap |',
  ];

  it('reads the table a subject names', () => {
    expect(namedTable('invoice table')).toBe('invoice');
    expect(namedTable('`api_keys` table')).toBe('api_keys');
    expect(namedTable('table of contents')).toBeNull();
  });

  it('a table the release schema declares is present; one only a test fixture declares is not', async () => {
    const at = await verdicts(PRISMA, REPORT);
    expect(at(3).verdict).toBe('confirmed');
    expect(at(3).evidence[0]).toMatchObject({ path: 'prisma/schema.prisma', line: 6 });
    expect(at(3).reason).toContain('not checked');
    expect(at(4).verdict).toBe('contradicted');
    expect(at(4).reason).toMatch(/no table or model named refund/i);
    expect(at(5).verdict).toBe('unverifiable');
  });
});

describe('row level security claims', () => {
  const PG = {
    'package.json': JSON.stringify({ name: 'notes', private: true, main: 'src/server.ts', dependencies: { '@prisma/client': '5', express: '4' } }),
    'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel User {\n  id String @id\n  @@map("users")\n}\n\nmodel Session {\n  id String @id\n  @@map("sessions")\n}\n',
    'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
    'prisma/migrations/20240101000000_init/migration.sql': [
      'CREATE TABLE "users" ("id" TEXT NOT NULL PRIMARY KEY);',
      'CREATE TABLE "sessions" ("id" TEXT NOT NULL PRIMARY KEY);',
      '-- sessions get row level security in a later release',
      'ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;',
      'CREATE POLICY users_self ON "users" USING (id = current_setting(\'app.user_id\'));',
      '',
    ].join('\n'),
    'test/fixtures/rls.sql': 'ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;\n',
    'src/server.ts': "import express from 'express';\nconst app = express();\napp.get('/health', (_req, res) => res.json({ ok: true }));\napp.listen(3000);\n",
  };
  const D1 = {
    'package.json': JSON.stringify({ name: 'rooms', private: true, main: 'src/index.ts', devDependencies: { wrangler: '3' } }),
    'wrangler.toml': 'name = "rooms"\nmain = "src/index.ts"\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "rooms"\ndatabase_id = "x"\n',
    'migrations/0001_init.sql': '-- row level security for rooms\nCREATE TABLE rooms (id TEXT PRIMARY KEY, owner TEXT NOT NULL);\n',
    'src/index.ts': "export default {\n  async fetch(_req: Request, env: { DB: D1Database }) {\n    return Response.json((await env.DB.prepare('SELECT id FROM rooms').all()).results);\n  },\n};\n",
  };
  const REPORT = [
    '| Area | Item | Status |', '|---|---|---|',
    '| Security | Row Level Security (RLS) on users | Already in place |',
    '| Security | Row Level Security (RLS) on users and sessions | Already in place |',
  ];

  it('ENABLE ROW LEVEL SECURITY in an applied Postgres migration confirms it for that table, and only that one', async () => {
    const at = await verdicts(PG, REPORT);
    expect(at(3).verdict).toBe('confirmed');
    expect(at(3).evidence[0]).toMatchObject({ path: 'prisma/migrations/20240101000000_init/migration.sql', line: 4 });
    // The comment and the test fixture that enable it on sessions are not applied migrations.
    expect(at(4).verdict).toBe('contradicted');
    expect(at(4).reason).toContain('no ENABLE ROW LEVEL SECURITY on sessions');
  });

  it('an engine without row security leaves the claim unverifiable, with the reason', async () => {
    const at = await verdicts(D1, REPORT);
    expect(at(3).verdict).toBe('unverifiable');
    expect(at(3).reason).toMatch(/no row level security; a per-row filter in application code is not decided/);
  });
});
