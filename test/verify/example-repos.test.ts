// verify against the project's own example services: the planted report is refuted line by line,
// an accurate report of the clean service stays free of contradictions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');

const CLEAN_REPORT = `# notes-api readiness

- Rate limiting on all routes ✅
- Security headers ✅
- Graceful shutdown on SIGTERM ✅
- Health check at \`/health\` ✅
- Readiness endpoint checks the database (\`src/app.ts\` lines 19-22)
- Environment validated at startup: \`loadEnv()\` ✅
- \`.env.example\` documents every variable
- Structured logging with pino ✅
- CI runs typecheck, tests, audit and build (\`.github/workflows/ci.yml\`)
- Rollback migrations provided (\`migrations/001_create_notes.down.sql\`)
- SQL injection prevented: all queries parameterised ✅
- 5 tests in \`test/\`
- 2 test files
- 1 CI workflow
- Run \`npm run typecheck\` before a release
- Runbooks: \`docs/runbooks/deploy.md\`, \`docs/runbooks/rollback.md\`
- No direct database access outside \`src/lib/db.ts\`
`;

describe('verify on the example services', () => {
  it('refutes every statically checkable line of the planted report', async () => {
    const r = await verifyReport({ report: join(EXAMPLES, 'planted-service/docs/READINESS.md'), repo: join(EXAMPLES, 'planted-service'), exec: false, cache: false });
    const by = Object.fromEntries(r.claims.map((c) => [c.line, c.verdict]));
    for (const line of [3, 8, 9, 10, 11, 12, 13, 17, 18, 20]) expect(by[line], `line ${line}`).toBe('contradicted');
    for (const line of [6, 7, 19]) expect(by[line], `line ${line} needs probes`).toBe('unverifiable');
  });

  it('finds no contradiction in an accurate report of the clean service', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-clean-'));
    writeFileSync(join(dir, 'READINESS.md'), CLEAN_REPORT);
    const r = await verifyReport({ report: join(dir, 'READINESS.md'), repo: join(EXAMPLES, 'clean-service'), exec: false, cache: false });
    expect(r.claims.filter((c) => c.verdict === 'contradicted').map((c) => `${c.line}: ${c.reason}`)).toEqual([]);
    const unverified = r.claims.filter((c) => c.verdict !== 'confirmed').map((c) => `${c.line} [${c.kind}] ${c.reason}`);
    console.log(`clean-service report: ${r.summary.verdicts.confirmed}/${r.claims.length} confirmed${unverified.length ? `\n  ${unverified.join('\n  ')}` : ''}`);
    expect(r.summary.verdicts.confirmed).toBeGreaterThanOrEqual(r.claims.length - 2);
  });
});
