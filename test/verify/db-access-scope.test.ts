// "No direct D1 access" read as the code does it: a `.prepare(` in a prompt's template text or a comment is
// not a call, an MCP `new Client(...)` is not a database client, a table row's "Direct D1 Access: None"
// is about the folder its first cell names, "All database access routed through X" is none outside X, and
// "(except violations noted above)" is the files the report cites under its violations heading.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
let result: VerifyResult;
const reports = mkdtempSync(join(tmpdir(), 'verdict-db-scope-'));

beforeAll(async () => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'hub', private: true, workspaces: ['apps/*', 'core'] }),
    'core/package.json': JSON.stringify({ name: 'core', main: 'db.ts' }),
    'core/db.ts': "export async function rows(env: { DB: any }) {\n  return env.DB.prepare('SELECT id FROM items').all();\n}\n",
    'apps/tally/package.json': JSON.stringify({ name: 'tally', main: 'worker/index.ts' }),
    'apps/tally/worker/index.ts': "export default {\n  async fetch(_r: Request, env: { DB: any }) {\n    return Response.json(await env.DB.prepare('SELECT 1').first());\n  },\n};\n",
    'apps/scribe/package.json': JSON.stringify({ name: 'scribe', main: 'worker/index.ts', dependencies: { '@modelcontextprotocol/sdk': '1' } }),
    'apps/scribe/worker/index.ts': [
      "import { Client } from '@modelcontextprotocol/sdk/client/index.js';",
      'export default {',
      '  async fetch(_r: Request, env: { AI: any }) {',
      "    const client = new Client({ name: 'scribe', version: '1' });",
      '    // was: await env.DB.prepare(query).all();',
      '    const prompt = `List every call to env.DB.prepare() in ${String(client)}`;',
      '    return new Response(await env.AI.run(prompt));',
      '  },',
      '};', '',
    ].join('\n'),
  });
  writeFileSync(join(reports, 'REPORT.md'), [
    '# Isolation', '', // 1-2
    '| Worker | Direct D1 Access | RPC Access | Status |', // 3
    '|---|---|---|---|',
    '| **apps/tally/** | ❌ None | ✅ Shared base | ✅ |', // 5: a live prepare call
    '| **apps/scribe/** | ❌ None | ✅ Shared base | ✅ |', // 6: only text, a comment and an MCP client
    '', '### Violations Found', '', // 8
    '**Location**: `apps/tally/worker/index.ts`', '', // 10
    '## Audit', '', // 12
    '- ❌ **No `.prepare()` calls** in apps workers (except violations noted above)', // 14
    '- ✅ **All database access** routed through core', // 15
    '',
  ].join('\n'));
  result = await verifyReport({ report: join(reports, 'REPORT.md'), repo: root, exec: false, cache: false, config: 'none' });
}, 180_000);
afterAll(() => { removeRepo(root); removeRepo(reports); });

const at = (line: number) => result.claims.find((c) => c.line === line)!;

describe('verify: direct database access, resolved', () => {
  it('reads a row under a "Direct D1 Access" header as a claim about the folder the row names', () => {
    expect(at(5), at(5).reason).toMatchObject({ kind: 'db-access', verdict: 'contradicted' });
    expect(at(5).evidence[0]).toMatchObject({ path: 'apps/tally/worker/index.ts', line: 3 });
  });

  it('does not count a call written in template text or a comment, nor a client of another library', () => {
    expect(at(6), at(6).reason).toMatchObject({ kind: 'db-access', verdict: 'confirmed' });
    expect(at(6).fact.key).not.toBe(at(5).fact.key);
  });

  it('takes "except violations noted above" as the files the report cites under that heading', () => {
    expect(at(14), at(14).reason).toMatchObject({ verdict: 'confirmed', reason: expect.stringMatching(/apps\/tally\/worker\/index\.ts/) });
  });

  it('reads "all database access routed through X" as no direct access outside X', () => {
    expect(at(15), at(15).reason).toMatchObject({ kind: 'db-access', subject: { none: true, except: 'core' }, verdict: 'contradicted' });
    expect(at(15).evidence[0]).toMatchObject({ path: 'apps/tally/worker/index.ts' });
  });
});
