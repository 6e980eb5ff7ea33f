// Steps are counted the way their subject defines them: a checklist's numbered headings (not the
// numbered lines inside its code blocks), a smoke script's numbered checks (a shell script has no it()).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
const reports = mkdtempSync(join(tmpdir(), 'verdict-steps-'));

beforeAll(() => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'svc', private: true, main: 'src/index.ts' }),
    'src/index.ts': 'export const ok = true;\n',
    'RELEASE.md': [
      '# Release', '', '## Before', '', '### [ ] 1. Back up', '', '```bash', '# 1. dump', '# 2. copy', '```', '',
      '### [ ] 2. Migrate', '', '1. run it', '2. check it', '', '## After', '', '### [ ] 3. Watch the logs', '',
    ].join('\n'),
    'scripts/smoke.sh': [
      '#!/usr/bin/env bash', '# Test 1: health', 'echo "[1/3] health"', 'curl -fsS "$URL/health"',
      '# Test 2: login', 'echo "[2/3] login"', '# Test 3: logout', 'echo "[3/3] logout"', '',
    ].join('\n'),
  });
});
afterAll(() => { removeRepo(root); removeRepo(reports); });

async function check(md: string): Promise<VerifyResult> {
  const file = join(reports, 'r.md');
  writeFileSync(file, md);
  return verifyReport({ report: file, repo: root, exec: false, cache: false });
}

describe('verify: numbered steps', () => {
  it('counts a checklist\'s numbered headings and a smoke script\'s numbered checks', async () => {
    const r = await check([
      '- **File:** `RELEASE.md` (3 steps)', // 1
      '- `RELEASE.md` (5 steps)', // 2
      '- `scripts/smoke.sh` exists (3 tests)', // 3
      '- `scripts/smoke.sh` exists (7 tests)', // 4
      '',
    ].join('\n'));
    const at = (line: number) => r.claims.find((c) => c.line === line)!;
    expect(at(1)).toMatchObject({ verdict: 'confirmed' });
    expect(at(1).reason).toMatch(/numbered headings in RELEASE\.md/);
    expect(at(2)).toMatchObject({ verdict: 'contradicted' });
    expect(at(2).reason).toMatch(/the report says 5 steps; RELEASE\.md has 3/);
    expect(at(3)).toMatchObject({ verdict: 'confirmed' });
    expect(at(3).reason).toMatch(/numbered checks in the script scripts\/smoke\.sh/);
    expect(at(4)).toMatchObject({ verdict: 'contradicted' });
  });
});
