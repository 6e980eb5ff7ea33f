// "Query timeout protection", "Query timeout: 5 seconds": decided from the release code's data access and
// what bounds a query there. Two services written here: one on D1 (whose API takes no timeout) with
// nothing racing its queries, one on pg with a pool whose statement_timeout is 5000 ms.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import { queryTimeoutClaim } from '../../src/verify/checks/query-timeout.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

const made: string[] = [];
const reports = mkdtempSync(join(tmpdir(), 'verdict-query-timeout-'));
afterAll(() => { for (const r of [...made, reports]) removeRepo(r); });

const D1 = {
  'package.json': JSON.stringify({ name: 'notes', private: true, main: 'src/index.ts', devDependencies: { wrangler: '3' } }),
  'wrangler.toml': 'name = "notes"\nmain = "src/index.ts"\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "notes"\ndatabase_id = "x"\n',
  'src/index.ts': [
    'export default {',
    '  async fetch(req: Request, env: { DB: D1Database }) {',
    "    const rows = await env.DB.prepare('SELECT id, body FROM notes LIMIT 50').all();",
    '    return Response.json(rows.results);',
    '  },',
    '};',
    '',
  ].join('\n'),
};

const PG = {
  'package.json': JSON.stringify({ name: 'ledger', private: true, main: 'src/db.js', dependencies: { pg: '8' } }),
  'src/db.js': [
    "import { Pool } from 'pg';",
    'const pool = new Pool({ connectionString: process.env.DATABASE_URL, statement_timeout: 5000 });',
    'export async function entries(account) {',
    "  const { rows } = await pool.query('SELECT * FROM entries WHERE account = $1', [account]);",
    '  return rows;',
    '}',
    '',
  ].join('\n'),
};

async function verdicts(files: Record<string, string>, lines: string[]) {
  const root = writeRepo(files);
  made.push(root);
  const file = join(reports, `r${made.length}.md`);
  writeFileSync(file, lines.join('\n'));
  const res = await verifyReport({ report: file, repo: root, exec: false, cache: false });
  return (line: number) => res.claims.find((c) => c.line === line)!;
}

const REPORT = ['| Area | Item | Status |', '|---|---|---|', '| Performance | Query timeout protection | Already in place |', '| Query Timeout | 5 seconds | Automatic |', '| Query Timeout | 30 seconds | Automatic |'];

describe('query timeout claims', () => {
  it('reads the figure a claim gives', () => {
    expect(queryTimeoutClaim('Query Timeout | 5 seconds | Automatic')).toMatchObject({ ms: 5000 });
    expect(queryTimeoutClaim('Query timeout protection')).toMatchObject({ ms: -1 });
    expect(queryTimeoutClaim('Request timeout of 30 s on outbound calls')).toBeNull();
  });

  it('D1 queries that nothing bounds have no query timeout', async () => {
    const at = await verdicts(D1, REPORT);
    expect(at(3).verdict).toBe('contradicted');
    expect(at(3).evidence).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'src/index.ts', line: 3 })]));
    expect(at(4).verdict).toBe('contradicted');
  });

  it('a pg pool with statement_timeout bounds its queries at that value', async () => {
    const at = await verdicts(PG, REPORT);
    expect(at(3).verdict).toBe('confirmed');
    expect(at(4).verdict).toBe('confirmed');
    expect(at(4).evidence[0]).toMatchObject({ path: 'src/db.js', line: 2 });
    expect(at(5).verdict).toBe('contradicted');
    expect(at(5).reason).toContain('5000 ms');
  });
});
