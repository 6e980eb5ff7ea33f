// A list introduced by a paragraph that names a shared wrangler config ("**Base** (`base/wrangler.base.jsonc`):")
// is about that file: its counts are counted there, a naming pattern is checked against its bindings, and a
// row elsewhere that gives the same figure for a place the repository does not have is the same fact.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
let result: VerifyResult;
const reports = mkdtempSync(join(tmpdir(), 'verdict-shared-config-'));
const service = (binding: string) => `    { "binding": "${binding}", "service": "core" }`;

beforeAll(async () => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'fleet', private: true, workspaces: ['workers/*'] }),
    'base/wrangler.base.jsonc': ['{', '  // every worker extends this', '  "services": [', [service('CORE_USERS'), service('CORE_BILLING'), service('CORE_AUDIT')].join(',\n'), '  ]', '}', ''].join('\n'),
    'workers/mailer/package.json': JSON.stringify({ name: 'mailer', main: 'src/index.ts' }),
    'workers/mailer/wrangler.jsonc': '{ "name": "mailer", "main": "src/index.ts", "services": [{ "binding": "MAIL_QUEUE", "service": "queue" }] }\n',
    'workers/mailer/src/index.ts': 'export default { async fetch() { return new Response("ok"); } };\n',
  });
  writeFileSync(join(reports, 'REPORT.md'), [
    '# Fleet', '', // 1-2
    '| Worker | RPC Access |', // 3
    '|---|---|',
    '| **workers/base** | ✅ 2 RPC bindings |', // 5: no such folder; the same figure as line 10
    '', '## Bindings', '', // 8
    '**Shared Base** (`base/wrangler.base.jsonc`):', // 9
    '- ✅ **2 RPC bindings** configured', // 10: there are 3
    '- ✅ **Service binding naming**: `CORE_*` pattern', // 11: all three fit
    '- ✅ **Binding naming**: `USERS_*` prefix', // 12: none fits
    '',
  ].join('\n'));
  result = await verifyReport({ report: join(reports, 'REPORT.md'), repo: root, exec: false, cache: false, config: 'none' });
}, 180_000);
afterAll(() => { removeRepo(root); removeRepo(reports); });

const at = (line: number) => result.claims.find((c) => c.line === line)!;

describe('verify: a shared config named by the paragraph above a list', () => {
  it('counts the bindings of the file the lead-in names, not the sum over the workers', () => {
    expect(at(10), at(10).reason).toMatchObject({ kind: 'count', subject: { path: 'base/wrangler.base.jsonc' }, verdict: 'contradicted', reason: expect.stringMatching(/counts 3/) });
  });

  it('gives a row with the same figure for a folder the repository does not have the same verdict', () => {
    expect(at(5).fact.key).toBe(at(10).fact.key);
    expect(at(5).verdict).toBe('contradicted');
  });

  it('checks a naming pattern against every binding of that kind in the file', () => {
    expect(at(11), at(11).reason).toMatchObject({ verdict: 'confirmed', reason: expect.stringMatching(/all 3 services bindings/) });
    expect(at(11).evidence[0]).toMatchObject({ path: 'base/wrangler.base.jsonc', line: 4 });
    expect(at(12), at(12).reason).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/3 of 3 .*not named USERS_\*/) });
  });
});
