// "Orchestrator does not create `JobRun` records": the component resolves to its release folder and the
// model to its Prisma accessor; a create there, directly or through an imported function, contradicts.
// The service is written here: the orchestration router creates runs through a helper it imports; the
// scheduling folder creates nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
let res: VerifyResult;
const reports = mkdtempSync(join(tmpdir(), 'verdict-creates-'));

beforeAll(async () => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'runner', private: true, main: 'src/index.ts', dependencies: { '@prisma/client': '5' } }),
    'src/index.ts': "import { dispatch } from './services/orchestration/router';\nimport { plan } from './services/scheduling/plan';\nexport async function main() { await dispatch('a'); plan(); }\n",
    'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
    'src/jobs/run.ts': [
      "import { prisma } from '../db';",
      'export async function recordRun(name: string) {',
      '  return prisma.jobRun.create({ data: { name } });',
      '}', '',
    ].join('\n'),
    'src/services/orchestration/router.ts': [
      "import { recordRun } from '../../jobs/run';",
      'export async function dispatch(name: string) {',
      '  await recordRun(name);',
      '}', '',
    ].join('\n'),
    // A second folder the component's name stems to; the report cites files in the first only.
    'core/orchestrator-kit/index.ts': 'export const kit = 1;\n',
    'src/services/scheduling/plan.ts': 'export function plan() {\n  return [1, 2, 3];\n}\n',
    'prisma/schema.prisma': 'model JobRun {\n  id Int @id\n  name String\n}\n\nmodel StepRun {\n  id Int @id\n}\n',
  });
  const file = join(reports, 'r.md');
  writeFileSync(file, [
    '- **Gap:** Orchestrator does not create `JobRun` or `StepRun` records.',
    '- Scheduler never writes `JobRun` records',
    '- **Utility exists:** `src/jobs/run.ts` implements `recordRun()`', // 3
    '  - Records the run', // 4
    '- **Gap:** Orchestrator does not invoke this utility', // 5
    '- **Gap:** Scheduler does not call this helper', // 6
    '- Router: `src/services/orchestration/router.ts`', // 7
    '',
    '| Component | Status | Notes |',
    '|-----------|--------|-------|',
    '| **Orchestrator API** | ⚠️ PARTIAL | Router operational; persistence stubs only |', // 11
    '| Scheduler | ⚠️ PARTIAL | Plans built; no persistence yet |', // 12
    '| Router | ✅ | Dispatch works |', // 13: says nothing of persistence
  ].join('\n'));
  res = await verifyReport({ report: file, repo: root, exec: false, cache: false });
});
afterAll(() => { removeRepo(root); removeRepo(reports); });

const at = (line: number) => res.claims.find((c) => c.line === line)!;

describe('a component said not to create records', () => {
  it('is contradicted by a create reached through a function it imports', () => {
    expect(at(1).verdict).toBe('contradicted');
    expect(at(1).evidence).toEqual([expect.objectContaining({ path: 'src/services/orchestration/router.ts', line: 3 }), expect.objectContaining({ path: 'src/jobs/run.ts', line: 3 })]);
  });
  it('"does not invoke this utility" names the file a line above; an import and a call there contradict it', () => {
    expect(at(5).verdict).toBe('contradicted');
    expect(at(5).evidence).toEqual([expect.objectContaining({ path: 'src/services/orchestration/router.ts', line: 1 }), expect.objectContaining({ path: 'src/services/orchestration/router.ts', line: 3 })]);
    expect(at(6).verdict).toBe('confirmed');
  });

  it('holds for a folder that creates none', () => {
    expect(at(2).verdict).toBe('confirmed');
    expect(at(2).reason).toContain('src/services/scheduling');
  });

  it('reads a row that says a component\'s persistence is stubbed as a denial that it writes records of any model', () => {
    expect(at(11).subject).toMatchObject({ topic: 'creates-records', component: 'Orchestrator', models: 'JobRun,StepRun' });
    expect(at(11).verdict).toBe('contradicted');
    expect(at(11).evidence).toEqual([expect.objectContaining({ path: 'src/services/orchestration/router.ts', line: 3 }), expect.objectContaining({ path: 'src/jobs/run.ts', line: 3 })]);
    expect(at(12).verdict).toBe('confirmed');
    expect(at(12).reason).toContain('any of the 2 Prisma models');
    expect(at(13).subject.topic).not.toBe('creates-records');
  });
});
