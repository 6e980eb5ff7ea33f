// "`db/migrations/` - Database migrations" and "Migration Location: `db/migrations/` (only location)" are
// judged on the migration sets the audit discovered in release code, not on the folder existing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
let result: VerifyResult;
const reports = mkdtempSync(join(tmpdir(), 'verdict-migration-place-'));
const d1 = (name: string) => JSON.stringify({ name, main: 'src/index.ts', d1_databases: [{ binding: 'DB', database_name: name, database_id: 'x' }] });

beforeAll(async () => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'depot', private: true, workspaces: ['api', 'audit'] }),
    'api/package.json': JSON.stringify({ name: 'api', main: 'src/index.ts' }),
    'api/wrangler.json': d1('api'),
    'api/src/index.ts': 'export default { async fetch() { return new Response("ok"); } };\n',
    'api/migrations/0001_items.sql': 'CREATE TABLE items (id INTEGER PRIMARY KEY);\n',
    'api/migrations/0002_tags.sql': 'CREATE TABLE tags (id INTEGER PRIMARY KEY);\n',
    'audit/package.json': JSON.stringify({ name: 'audit', main: 'src/index.ts' }),
    'audit/wrangler.json': d1('audit'),
    'audit/src/index.ts': 'export default { async fetch() { return new Response("ok"); } };\n',
    'audit/migrations/0001_events.sql': 'CREATE TABLE events (id INTEGER PRIMARY KEY);\n',
    'api/docs/README.md': '# api\n',
  });
  writeFileSync(join(reports, 'REPORT.md'), [
    '# Depot', '',
    '**Migration Location**: `api/migrations/` (only location)', // 3: audit/ has its own set
    '', '## Files', '',
    '- `api/migrations/` - Database migrations', // 7
    '- `api/docs/` - Database migrations', // 8: a folder with no migrations
    '',
  ].join('\n'));
  result = await verifyReport({ report: join(reports, 'REPORT.md'), repo: root, exec: false, cache: false, config: 'none' });
}, 180_000);
afterAll(() => { removeRepo(root); removeRepo(reports); });

const at = (line: number) => result.claims.find((c) => c.line === line)!;

describe('verify: where the migrations are', () => {
  it('refutes "only location" with the other release migration set', () => {
    expect(at(3), at(3).reason).toMatchObject({ kind: 'migration', verdict: 'contradicted', reason: expect.stringMatching(/audit\/migrations/) });
  });

  it('confirms a folder that holds a discovered set, with its first migration, and refutes one that holds none', () => {
    expect(at(7), at(7).reason).toMatchObject({ verdict: 'confirmed', reason: expect.stringMatching(/holds 2/) });
    expect(at(7).evidence[0]).toMatchObject({ kind: 'file', path: 'api/migrations/0001_items.sql' });
    expect(at(7).fact.key).not.toBe(at(3).fact.key);
    expect(at(8), at(8).reason).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/holds no migration set/) });
  });
});
