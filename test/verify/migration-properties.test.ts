// Properties of a migration ("idempotent", "no data loss", "duplicate detection before UNIQUE") are
// judged statement by statement on the migration file the report names, each verdict citing the
// statement that decides it; a property of the backfill is a claim about the backfill, which must exist.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/verify/classify.js';
import { extractClaims } from '../../src/verify/extract.js';
import { verifyReport } from '../../src/verify/index.js';
import { type FileMap, removeRepo, writeRepo } from '../helpers/repo.js';

const WORKER: FileMap = {
  'package.json': JSON.stringify({ name: 'w', private: true, main: 'src/index.ts' }),
  'wrangler.toml': 'name = "w"\nmain = "src/index.ts"\ncompatibility_date = "2024-09-01"\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "app"\ndatabase_id = "00000000-0000-0000-0000-000000000000"\nmigrations_dir = "migrations"\n',
  'src/index.ts': 'export default { async fetch(_r: Request, env: { DB: { prepare(s: string): { all(): Promise<unknown> } } }) { return Response.json(await env.DB.prepare(\'SELECT id FROM users\').all()); } };\n',
  'migrations/0001_init.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);\n',
};

const GUARDED = [
  '-- add tags, safely',
  'CREATE TABLE IF NOT EXISTS tags (id INTEGER PRIMARY KEY, name TEXT);',
  "INSERT INTO tags (id, name) VALUES (1, 'default') ON CONFLICT DO NOTHING;",
  'SELECT email, COUNT(*) FROM users GROUP BY email HAVING COUNT(*) > 1;',
  'CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users(email);',
  '',
].join('\n');

const CARELESS = [
  'CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT);',
  'CREATE UNIQUE INDEX users_email ON users(email);',
  'ALTER TABLE users RENAME COLUMN name TO full_name;',
  '',
].join('\n');

const REPORT = [
  '# Readiness', '',
  '**File:** `migrations/0002_tags.sql`', '',
  '- ✅ All operations are idempotent', // 5
  '- ✅ No data loss possible', // 6
  '- Added duplicate detection before UNIQUE constraint', // 7
  '- ✅ No downtime required', // 8
  '- ✅ Re-runnable (only updates NULL emails)', // 9
  '- ✅ Runs before FK/UNIQUE constraints', // 10
  '- No destructive operations', // 11
  '',
].join('\n');

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) removeRepo(d); });

async function verify(migration: string) {
  const root = writeRepo({ ...WORKER, 'migrations/0002_tags.sql': migration });
  const reports = mkdtempSync(join(tmpdir(), 'verdict-migration-properties-'));
  dirs.push(root, reports);
  const file = join(reports, 'READY.md');
  writeFileSync(file, REPORT);
  const result = await verifyReport({ report: file, repo: root, exec: false, cache: false });
  return (line: number) => result.claims.find((c) => c.line === line)!;
}

const fileAt = (c: { evidence: Array<{ kind: string; path?: string; line?: number }> }) => c.evidence.filter((e) => e.kind === 'file').map((e) => `${e.path}:${e.line}`);

describe('migration properties', () => {
  it('reads the properties of the migration, and leaves a claim about run time (downtime) alone', () => {
    const kinds = extractClaims(REPORT).claims.map((c) => [c.line, classify(c)] as const);
    const of = (line: number) => kinds.find(([l]) => l === line)![1];
    expect(of(5)).toMatchObject({ kind: 'migration', subject: { property: 'idempotent' } });
    expect(of(6)).toMatchObject({ kind: 'migration', subject: { property: 'non-destructive' } });
    expect(of(11)).toMatchObject({ kind: 'migration', subject: { property: 'non-destructive' } });
    expect(of(7)).toMatchObject({ kind: 'migration', subject: { property: 'check-before-unique' } });
    expect(of(8).kind).not.toBe('migration');
    // A property of an UPDATE, or an order before the constraints with no other subject, is the backfill's.
    expect(of(9)).toMatchObject({ kind: 'feature', subject: { feature: 'backfill' } });
    expect(of(10)).toMatchObject({ kind: 'feature', subject: { feature: 'backfill', before: true } });
  });

  it('confirms a guarded, additive migration statement by statement, citing the named file', async () => {
    const at = await verify(GUARDED);
    for (const line of [5, 6, 7, 11]) {
      expect(at(line).verdict, `${line}: ${at(line).reason}`).toBe('confirmed');
      expect(fileAt(at(line)).every((f) => f.startsWith('migrations/0002_tags.sql:'))).toBe(true);
    }
    // The duplicate check (line 4) precedes the unique index (line 5).
    expect(fileAt(at(7))).toEqual(['migrations/0002_tags.sql:4', 'migrations/0002_tags.sql:5']);
    expect(at(8).verdict).toBe('unverifiable');
    expect(at(6).fact.key).toBe(at(11).fact.key);
  }, 120_000);

  it('contradicts each property at the statement that breaks it', async () => {
    const at = await verify(CARELESS);
    expect(at(5).verdict).toBe('contradicted');
    expect(fileAt(at(5))).toEqual(['migrations/0002_tags.sql:1']);
    expect(at(6).verdict).toBe('contradicted');
    expect(fileAt(at(6))).toEqual(['migrations/0002_tags.sql:3']);
    expect(at(11).verdict).toBe('contradicted');
    expect(at(7).verdict).toBe('contradicted');
    expect(at(7).reason).toMatch(/no duplicate check/);
    // No UPDATE anywhere: the backfill the lines describe does not exist, one verdict for both.
    expect(at(9).verdict, at(9).reason).toBe('contradicted');
    expect(at(10).fact.key).toBe(at(9).fact.key);
    expect(at(10).verdict).toBe('contradicted');
  }, 120_000);
});
