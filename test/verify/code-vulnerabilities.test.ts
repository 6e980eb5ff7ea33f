// "Zero security vulnerabilities in codebase" is about the code's own flaws, judged by the audit's
// security findings, not by the dependency audit; "No `FLAG` flag" beside a MISSING mark is about the
// flag, not about tests failing. The service is the shared verify fixture (SQL built from a route
// parameter in src/db.ts) with a flag of its own added.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';
import { SERVICE } from './fixture.js';

let root = '';
let res: VerifyResult;
const reports = mkdtempSync(join(tmpdir(), 'verdict-code-vulns-'));

beforeAll(async () => {
  root = writeRepo({ ...SERVICE, 'src/flags.ts': 'export const useFakePayments = process.env.USE_FAKE_PAYMENTS === "true";\n' });
  const file = join(reports, 'r.md');
  writeFileSync(file, [
    '- Zero security vulnerabilities in codebase', // 1
    '- 0 vulnerabilities (npm audit)', // 2
    '', // 3
    '| Area | Status | Notes |', // 4
    '|---|---|---|', // 5
    '| Fake payments | ❌ MISSING | No `USE_FAKE_PAYMENTS` flag; tests use live keys |', // 6
  ].join('\n'));
  res = await verifyReport({ report: file, repo: root, exec: false, cache: false });
});
afterAll(() => { removeRepo(root); removeRepo(reports); });

const at = (line: number) => res.claims.find((c) => c.line === line)!;

describe('vulnerabilities of the code, and a missing flag', () => {
  it('the code\'s own critical or high security finding contradicts "zero vulnerabilities in codebase"; the dependency count still needs the audit probe', () => {
    expect(at(1).verdict).toBe('contradicted');
    expect(at(1).evidence).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'src/db.ts', line: 7 })]));
    expect(at(1).fact.subject).toBe('the release code');
    expect(at(2).verdict).toBe('unverifiable');
    expect(at(2).reason).toContain('--no-exec');
  });
  it('a flag said to be missing is looked up, not read as failing tests', () => {
    expect(at(6).kind).toBe('env-var');
    expect(at(6).verdict).toBe('contradicted');
    expect(at(6).evidence[0]).toMatchObject({ path: 'src/flags.ts', line: 1 });
  });
});
