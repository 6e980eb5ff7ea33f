// The five example reports from real projects: they parse (mojibake and all), nothing crashes, and
// most of their list and table lines become recognised claims.
import { existsSync, mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeRepo } from '../helpers/repo.js';
import { git } from './fixture.js';
import { verifyReport } from '../../src/verify/index.js';
import { extractClaims } from '../../src/verify/extract.js';
import { readReport } from '../../src/verify/decode.js';

// The examples live beside the project (../shared/examples); a clone without them skips this suite.
// shared/ sits beside the clone (CI, main checkout) or one level further up (a worktree under wt/).
const EXAMPLES = process.env.VERDICT_EXAMPLES
  ?? ['../../../shared', '../../../../shared'].map((up) => join(import.meta.dirname, up, 'examples/readiness-reports')).find((d) => existsSync(d))
  ?? join(import.meta.dirname, '../../../shared/examples/readiness-reports');
let empty = '';

beforeAll(() => {
  empty = mkdtempSync(join(tmpdir(), 'verdict-empty-'));
  git(empty, 'init', '-q');
  // A package and nothing else: an empty folder is "nothing to audit", and these cases are about reading the reports.
  writeFileSync(join(empty, 'package.json'), '{"name":"empty"}\n');
});
afterAll(() => removeRepo(empty));

const files = (() => {
  try { return readdirSync(EXAMPLES).filter((f) => f.endsWith('.md')).sort(); } catch { return []; }
})();

describe.skipIf(files.length === 0)('verify on the example readiness reports', () => {
  it.each(files)('%s: no crash, mojibake repaired, at least 70 percent of list and table lines recognised', async (name) => {
    const path = join(EXAMPLES, name);
    const { text } = readReport(path);
    expect(text).not.toMatch(/âœ|‚úÖ|ðŸ/);
    const { listAndTableLines } = extractClaims(text);
    const r = await verifyReport({ report: path, repo: empty, exec: false, cache: false });
    const lines = r.claims.filter((c) => c.source === 'list' || c.source === 'table' || c.source === 'checkbox');
    const recognised = lines.filter((c) => c.kind !== 'unrecognised').length;
    const share = recognised / listAndTableLines;
    console.log(`${name}: ${r.claims.length} claims; ${recognised}/${listAndTableLines} list and table lines recognised (${(share * 100).toFixed(0)}%); ${JSON.stringify(r.summary.verdicts)}`);
    expect(lines.length).toBeLessThanOrEqual(listAndTableLines);
    expect(share).toBeGreaterThanOrEqual(0.7);
    for (const c of r.claims) if (c.verdict !== 'unverifiable') expect(c.evidence.length).toBeGreaterThan(0);
  });
});
