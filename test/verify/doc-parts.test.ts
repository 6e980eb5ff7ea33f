// "`DEPLOY.md` - Step 2 (emergency rollback)", "Tier 1: Schema (BLOCKING)" under a section whose
// `**File:**` is the guide: a numbered part of a document, judged by that document's heading with the
// number. The guides are written here; a code fence that numbers steps does not count.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
let res: VerifyResult;
const reports = mkdtempSync(join(tmpdir(), 'verdict-doc-parts-'));

beforeAll(async () => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'shop', private: true, main: 'src/index.js' }),
    'src/index.js': "console.log('shop');\n",
    'DEPLOY.md': [
      '# Deploy', '', '### [ ] 1. Take a backup', '', 'pg_dump ...', '', '### [ ] 2. Apply the migration', '',
      '```', '### 3. Emergency rollback (an example heading inside a fence)', '```', '',
      '## EMERGENCY ROLLBACK', '', 'Restore the backup.', '',
    ].join('\n'),
    'RUNBOOK.md': ['# Runbook', '', 'Smoke test:', '', '```bash', 'curl -fsS http://localhost:8080/health', '```', ''].join('\n'),
    'GUIDE.md': ['# Checks', '', '## TIER 1: SCHEMA SHAPE (BLOCKING)', '', '## TIER 2: DATA INTEGRITY (BLOCKING)', ''].join('\n'),
  });
  const file = join(reports, 'r.md');
  writeFileSync(file, [
    '# Sign-off', // 1
    '', // 2
    '### Phase 4: verification', // 3
    '', // 4
    '1. **Tier 1**: Schema shape (BLOCKING)', // 5
    '2. **Tier 2**: Monitoring signals', // 6
    '', // 7
    '**File:** `GUIDE.md`', // 8
    '', // 9
    '## Rollback', // 10
    '', // 11
    '- `DEPLOY.md` - Step 2 (apply migration)', // 12
    '- `DEPLOY.md` - Step 2 (emergency rollback)', // 13
    '- `DEPLOY.md` - Step 3 (emergency rollback)', // 14
    '', // 15
    '1. **DEPLOY.md** - Step-by-step guide', // 16
    '   - "Restore the backup" instructions', // 17
    '   - "Page the on-call engineer" instructions', // 18
    '', // 19
    '### Runbook', // 20
    '**File:** `RUNBOOK.md` (includes 1-command smoke script)', // 21
    '- ✅ Automated check script', // 22
    '### Checks', // 23
    '**File:** `GUIDE.md`', // 24
    '- ✅ Automated check script', // 25
  ].join('\n'));
  res = await verifyReport({ report: file, repo: root, exec: false, cache: false });
});
afterAll(() => { removeRepo(root); removeRepo(reports); });

const at = (line: number) => res.claims.find((c) => c.line === line)!;

describe('a numbered part of a named document', () => {
  it('takes the document from the section\'s File line and reads its heading with that number', () => {
    expect(at(5).verdict).toBe('confirmed');
    expect(at(5).evidence[0]).toMatchObject({ path: 'GUIDE.md', line: 3 });
    expect(at(6).verdict).toBe('contradicted');
    expect(at(6).reason).toContain('DATA INTEGRITY');
  });

  it('a step numbered otherwise, or not at all outside code fences, contradicts the label', () => {
    expect(at(12).verdict).toBe('confirmed');
    expect(at(13).verdict).toBe('contradicted');
    expect(at(13).evidence).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'DEPLOY.md', line: 7 }), expect.objectContaining({ path: 'DEPLOY.md', line: 13 })]));
    expect(at(14).verdict).toBe('contradicted');
    expect(at(14).reason).toContain('none is 3');
  });

  it('a phrase the report quotes under a document is that document\'s text, or the quote is wrong', () => {
    expect(at(17).verdict).toBe('confirmed');
    expect(at(17).evidence[0]).toMatchObject({ path: 'DEPLOY.md', line: 15 });
    expect(at(18).verdict).toBe('contradicted');
  });

  it('a script the document includes is a shell block in it', () => {
    expect(at(21).verdict).toBe('confirmed');
    expect(at(21).evidence[0]).toMatchObject({ path: 'RUNBOOK.md', line: 5 });
    expect(at(22).verdict).toBe('confirmed');
    expect(at(25).verdict).toBe('contradicted');
  });

  it('the report\'s own numbered heading is not a part of the guide', () => {
    expect(at(3)?.subject.topic).not.toBe('doc-part');
  });
});
