// "In place" means reachable from a production entry: code that only dead code or tests call is
// contradicted, with the reachability as the reason; code the link cannot follow to an entry is not.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
const reports = mkdtempSync(join(tmpdir(), 'verdict-reach-'));

beforeAll(() => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'svc', private: true, main: 'src/index.ts' }),
    'src/index.ts': "import { startMetrics } from './metrics';\nstartMetrics();\nexport const ready = true;\n",
    'src/metrics.ts': 'export function startMetrics() {\n  return 1;\n}\n',
    // Defined and called, but only by a function nothing calls: not wired.
    'src/lifecycle.ts': [
      'function drainQueues() {', '  return 0;', '}',
      'function stopAll() {', '  drainQueues();', '}', '',
    ].join('\n'),
    'src/ops.ts': 'export class DataOps {\n  list() { return []; }\n}\n',
    'src/queues.ts': [
      "import { Queue } from 'bullmq';",
      'function buildQueue(name: string) {', '  return new Queue(name);', '}',
      "export const queues = { a: buildQueue('a'), b: buildQueue('b'), c: buildQueue('c') };", '',
    ].join('\n'),
    'test/lifecycle.test.ts': "import { it } from 'vitest';\nit('runs', () => {});\n",
  });
});
afterAll(() => { removeRepo(root); removeRepo(reports); });

async function check(md: string): Promise<VerifyResult> {
  const file = join(reports, 'r.md');
  writeFileSync(file, md);
  return verifyReport({ report: file, repo: root, exec: false, cache: false });
}

describe('verify and reachability', () => {
  it('contradicts a function that only unreached code calls, and confirms one an entry reaches', async () => {
    const r = await check('- `drainQueues()` added and wired into shutdown\n- `startMetrics()` added and called at startup\n');
    expect(r.claims[0]).toMatchObject({ kind: 'symbol', verdict: 'contradicted' });
    expect(r.claims[0].reason).toMatch(/no production entry reaches it \(none\)/);
    expect(r.claims[1]).toMatchObject({ kind: 'symbol', verdict: 'confirmed' });
    expect(r.claims[1].reason).toMatch(/reachable from a production entry/);
  });

  it('counts queues a factory builds once per call of the factory', async () => {
    const r = await check('- 3 queues defined in `src/queues.ts`\n- 1 queue defined in `src/queues.ts`\n');
    expect(r.claims.map((c) => c.verdict)).toEqual(['confirmed', 'contradicted']);
    expect(r.claims[0].reason).toMatch(/counting each call of buildQueue\(\)/);
  });

  it('reads "✅ Name: description" as a claim that the declaration is there', async () => {
    const r = await check('- ✅ **DataOps**: complete CRUD\n- ✅ **GhostOps**: conversation storage\n');
    expect(r.claims.map((c) => [c.kind, c.verdict, c.fact.predicate])).toEqual([['symbol', 'confirmed', 'is declared'], ['symbol', 'contradicted', 'is declared']]);
    expect(r.claims[0].evidence[0]).toMatchObject({ kind: 'file', path: 'src/ops.ts', line: 1 });
  });
});
