// Accuracy on reports with known answers: every claim line carries the verdict it must get.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit.js';
import type { AuditRun } from '../../src/model/run.js';
import { removeRepo } from '../helpers/repo.js';
import { ACCURATE, expectations, HELD_OUT, OVERCLAIMING, serviceRepo, withProbes } from './fixture.js';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';

let root = '';
let run: AuditRun;
const reports = mkdtempSync(join(tmpdir(), 'verdict-reports-'));

async function check(markdown: string, name: string): Promise<VerifyResult> {
  const file = join(reports, name);
  writeFileSync(file, markdown);
  return verifyReport({ report: file, repo: root, exec: true, run });
}

function score(markdown: string, result: VerifyResult) {
  const expected = expectations(markdown);
  const wrong: string[] = [];
  let right = 0;
  let checkable = 0;
  for (const [line, want] of expected) {
    const claim = result.claims.find((c) => c.line === line);
    if (want !== 'unverifiable') checkable++;
    if (claim?.verdict === want) { if (want !== 'unverifiable') right++; } else wrong.push(`line ${line}: want ${want}, got ${claim ? `${claim.verdict} [${claim.kind}] ${claim.reason}` : 'no claim'}`);
  }
  return { right, checkable, wrong };
}

beforeAll(async () => {
  root = serviceRepo();
  run = withProbes(await audit({ root, exec: false, cache: false, quiet: true, today: '2026-01-01' }));
});
afterAll(() => { removeRepo(root); removeRepo(reports); });

describe('verify on fixture reports', () => {
  it('gets at least 90% of checkable claims right, with evidence behind every confirmed or contradicted verdict', async () => {
    let right = 0;
    let checkable = 0;
    const wrong: string[] = [];
    for (const [name, md] of [['overclaiming.md', OVERCLAIMING], ['accurate.md', ACCURATE]] as const) {
      const result = await check(md, name);
      const s = score(md, result);
      right += s.right;
      checkable += s.checkable;
      wrong.push(...s.wrong.map((w) => `${name} ${w}`));
      for (const c of result.claims) if (c.verdict !== 'unverifiable') expect(c.evidence.length, `${name}:${c.line}`).toBeGreaterThan(0);
    }
    const share = right / checkable;
    console.log(`verify accuracy on fixtures: ${right}/${checkable} checkable claims right (${(share * 100).toFixed(1)}%)${wrong.length ? `\n  ${wrong.join('\n  ')}` : ''}`);
    expect(share).toBeGreaterThanOrEqual(0.9);
  });

  it('measures the held-out report (phrased like the examples) separately', async () => {
    const s = score(HELD_OUT, await check(HELD_OUT, 'held-out.md'));
    console.log(`verify accuracy on the held-out report: ${s.right}/${s.checkable} (${((s.right / s.checkable) * 100).toFixed(1)}%)${s.wrong.length ? `\n  ${s.wrong.join('\n  ')}` : ''}`);
    expect(s.right / s.checkable).toBeGreaterThanOrEqual(0.75);
  });

  it('finds no contradiction in the accurate report and confirms its claims', async () => {
    const result = await check(ACCURATE, 'accurate.md');
    expect(result.claims.filter((c) => c.verdict === 'contradicted').map((c) => `${c.line} ${c.reason}`)).toEqual([]);
    expect(result.summary.verdicts.confirmed).toBeGreaterThanOrEqual(expectations(ACCURATE).size - 2);
  });

  it('catches each kind of overclaim with the reason a reviewer needs', async () => {
    const result = await check(OVERCLAIMING, 'overclaiming.md');
    const reason = (needle: string) => result.claims.find((c) => c.text.includes(needle))?.reason ?? '';
    expect(reason('Rate limiting')).toMatch(/never used/);
    expect(reason('recordAudit')).toMatch(/never called or used outside tests/);
    expect(reason('lines 2-3')).toMatch(/moved: `validateEnv` is at src\/env\.ts:1/);
    expect(reason('lines 20-24')).toMatch(/has 13 lines/);
    expect(reason('TypeScript')).toMatch(/the report says no type errors; typecheck reports 3/);
    expect(reason('backfill')).toMatch(/no backfill UPDATE/);
    expect(reason('Prisma models')).toMatch(/verdict counts 3/);
    expect(reason('outside')).toMatch(/src\/routes\/admin\.ts:2/);
    // Worst first: the readiness line. The route's `c.req.param('id')` reaches the SQL text in src/db.ts
    // through findReport(): a traced path, so critical and the gate NO-GO (see command.test.ts); the SQL
    // injection claim is contradicted too.
    const worst = result.summary.worst.map((id) => result.claims.find((c) => c.id === id)!);
    expect(worst[0].kind).toBe('readiness');
    expect(worst[0].reason).toMatch(/NO-GO/);
    expect(worst.find((c) => c.kind === 'sql-injection')?.verdict).toBe('contradicted');
  });

  it('gives one fact one verdict, judges a high readiness score as the status it claims, and confirms nothing from a file\'s existence alone', async () => {
    const md = [
      '# R', '', '**Status:** ✅ PRODUCTION READY', '', '- Readiness score: 95/100', '- Rate limiting ✅', '',
      '## Later', '', '- Rate limiting in place ✅', '- `src/index.ts` - Added audit logging for API keys', '- `src/index.ts` - `validateEnv()` usage',
      '- `src/index.ts` - `recordAudit()` usage', '- Password storage ✅ argon2', '- `docs/RUNBOOK.md` - deployment guide', '',
    ].join('\n');
    const r = await check(md, 'facts.md');
    const at = (line: number) => r.claims.find((c) => c.line === line)!;
    expect(at(5).fact).toMatchObject({ subject: 'the service', predicate: 'status ready', key: at(3).fact.key });
    expect([at(3).verdict, at(5).verdict]).toEqual(['contradicted', 'contradicted']);
    expect(at(6).fact.key).toBe(at(10).fact.key);
    expect([at(6).verdict, at(10).verdict]).toEqual(['contradicted', 'contradicted']);
    expect(at(11), JSON.stringify(at(11))).toMatchObject({ verdict: 'unverifiable' });
    expect(at(11).reason).toMatch(/a file's existence alone confirms nothing more/);
    expect(at(12)).toMatchObject({ verdict: 'confirmed' });
    expect(at(13)).toMatchObject({ verdict: 'contradicted' });
    expect(at(13).reason).toMatch(/`recordAudit` is not used in src\/index\.ts \(defined at src\/lib\/audit\.ts:2\)/);
    expect(at(14)).toMatchObject({ verdict: 'unverifiable' });
    expect(at(15)).toMatchObject({ verdict: 'confirmed' });
    expect(r.summary.notClaims).toBe(0);
  });

  it('marks probe claims unverifiable when probes did not run', async () => {
    const file = join(reports, 'noexec.md');
    writeFileSync(file, '- **TypeScript:** 0 errors ✅\n- All tests passing ✅\n');
    const plain = await audit({ root, exec: false, cache: false, quiet: true });
    const result = await verifyReport({ report: file, repo: root, exec: false, run: plain });
    expect(result.claims.map((c) => [c.kind, c.verdict])).toEqual([['typecheck', 'unverifiable'], ['tests-pass', 'unverifiable']]);
    expect(result.claims[0].reason).toMatch(/--no-exec/);
  });
});
