// "Production-safe migration" is judged by the audit's migration rules, never by the words: a set that
// fails to apply from scratch contradicts it, a duplicate version contradicts "safe versioned
// migrations", and a set the rules pass leaves the claim unverifiable (safety beyond them is not decided).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit.js';
import { verifyReport } from '../../src/verify/index.js';
import { type FileMap, removeRepo, writeRepo } from '../helpers/repo.js';

const WORKER: FileMap = {
  'package.json': JSON.stringify({ name: 'w', private: true, main: 'src/index.ts' }),
  'wrangler.toml': 'name = "w"\nmain = "src/index.ts"\ncompatibility_date = "2024-09-01"\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "app"\ndatabase_id = "00000000-0000-0000-0000-000000000000"\nmigrations_dir = "migrations"\n',
  'src/index.ts': 'export default { async fetch(_r: Request, env: { DB: { prepare(s: string): { all(): Promise<unknown> } } }) { return Response.json(await env.DB.prepare(\'SELECT id FROM notes\').all()); } };\n',
  'migrations/0001_init.sql': 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n',
};

const REPORT = [
  '# Readiness', '',
  '- ✅ Migration SQL is now production-safe',
  '- ✅ Safe versioned migrations',
  '- Rate limiting ✅',
  '',
].join('\n');

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) removeRepo(d); });

async function verdicts(files: FileMap) {
  const root = writeRepo(files);
  const reports = mkdtempSync(join(tmpdir(), 'verdict-migration-safety-'));
  dirs.push(root, reports);
  const file = join(reports, 'READY.md');
  writeFileSync(file, REPORT);
  const run = await audit({ root, exec: false, cache: false, quiet: true, today: '2026-01-01' });
  const result = await verifyReport({ report: file, repo: root, exec: false, run });
  const at = (needle: string) => result.claims.find((c) => c.text.includes(needle))!;
  return { safe: at('production-safe'), versioned: at('versioned') };
}

describe('migration safety claims', () => {
  it('contradicts "production-safe" when the set fails to apply from scratch, naming the failing file', async () => {
    const { safe } = await verdicts({ ...WORKER, 'migrations/0002_again.sql': 'CREATE TABLE notes (id INTEGER PRIMARY KEY);\n' });
    expect(safe.verdict).toBe('contradicted');
    expect(safe.reason).toMatch(/migrations\/apply-from-scratch \(critical\)/);
    expect(safe.evidence.some((e) => e.kind === 'file' && e.path === 'migrations/0002_again.sql')).toBe(true);
  });

  it('contradicts "safe versioned migrations" on a duplicate version, which alone does not make the SQL unsafe', async () => {
    const { safe, versioned } = await verdicts({ ...WORKER, 'migrations/0001_tags.sql': 'CREATE TABLE tags (id INTEGER PRIMARY KEY);\n' });
    expect(versioned.verdict).toBe('contradicted');
    expect(versioned.reason).toMatch(/migrations\/version-sequence/);
    expect(safe.verdict, safe.reason).toBe('unverifiable');
  });

  it('leaves the claim unverifiable when the migration rules pass: no ✅ from the absence of a finding', async () => {
    const { safe, versioned } = await verdicts({ ...WORKER, 'migrations/0002_tags.sql': 'CREATE TABLE tags (id INTEGER PRIMARY KEY);\n' });
    expect(safe.verdict).toBe('unverifiable');
    expect(safe.reason).toMatch(/no critical or high migrations finding/);
    expect(versioned.verdict).toBe('unverifiable');
  });
});
