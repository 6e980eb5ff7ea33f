// A typecheck that prints more than verdict keeps of a probe's output: the errors counted from what
// was kept are a lower bound, and every report says "at least N", never N; a claim below the bound is
// still contradicted, one above it cannot be checked. tsc's own total, when it prints one, is exact.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import type { AuditRun } from '../src/model/run.js';
import { render } from '../src/render/index.js';
import { verifyReport } from '../src/verify/index.js';
import { removeRepo, writeRepo } from './helpers/repo.js';

const ERRORS = 100_000;
const LINE = "src/a.ts(1,1): error TS2322: Type 'string' is not assignable to type 'number'.";
/** A repository whose typecheck script prints ERRORS error lines (~8 MB), then, if asked, tsc's own total. */
function repo(total: boolean): string {
  return writeRepo({
    'package.json': JSON.stringify({ name: 'svc', version: '1.0.0', scripts: { typecheck: 'node print.cjs' } }),
    'tsconfig.json': '{"compilerOptions":{"strict":true}}',
    'print.cjs': `const line = ${JSON.stringify(LINE)} + '\\n';\nprocess.stdout.write(line.repeat(${ERRORS})${total ? ` + 'Found ${ERRORS} errors in 1 file.\\n'` : ''});\nprocess.exitCode = 2;\n`,
    'src/a.ts': 'export const a: number = 1;\n',
  });
}
const roots: string[] = [];
afterAll(() => { for (const r of roots) removeRepo(r); });

async function typecheckRun(total: boolean): Promise<{ root: string; run: AuditRun }> {
  const root = repo(total);
  roots.push(root);
  const run = await audit({ root, exec: true, only: ['types'], cache: false, quiet: true, today: '2026-01-01' });
  return { root, run };
}

describe('figures counted from cut output', () => {
  it('says "at least N" type errors when the output cap cut them', async () => {
    const { root, run } = await typecheckRun(false);
    const probe = run.probes.find((p) => p.kind === 'typecheck')!;
    expect(probe.status).toBe('ran');
    expect(probe.figures.truncated).toBe(true);
    const counted = probe.figures.errors as number;
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThan(ERRORS);
    const finding = run.findings.find((f) => f.ruleId === 'types/typecheck')!;
    expect(finding.message).toMatch(new RegExp(`^at least ${counted} type error\\(s\\) in at least 1 file\\(s\\) \\(the output was longer than verdict keeps`));
    for (const format of ['terminal', 'markdown'] as const) expect(render(run, format, { color: false })).toContain(`at least ${counted} type error(s)`);

    const report = join(root, 'READINESS.md');
    writeFileSync(report, `# Readiness\n\n- TypeScript: ${ERRORS} type errors remain\n- TypeScript: 12 type errors remain\n`);
    const result = await verifyReport({ report, repo: root, exec: true, run });
    const [above, below] = result.claims;
    expect([above.kind, above.verdict, above.reason]).toEqual(['typecheck', 'unverifiable', `typecheck reports at least ${counted} type errors (its output was cut), so the exact figure is unknown`]);
    expect([below.kind, below.verdict, below.reason]).toEqual(['typecheck', 'contradicted', `the report says 12 type errors; typecheck reports at least ${counted}`]);
  }, 240_000);

  it('takes tsc\'s own total as exact', async () => {
    const { run } = await typecheckRun(true);
    const probe = run.probes.find((p) => p.kind === 'typecheck')!;
    expect(probe.figures.truncated).toBeUndefined();
    expect(probe.figures.errors).toBe(ERRORS);
    expect(run.findings.find((f) => f.ruleId === 'types/typecheck')!.message).toMatch(new RegExp(`^${ERRORS} type error\\(s\\)`));
  }, 240_000);
});
