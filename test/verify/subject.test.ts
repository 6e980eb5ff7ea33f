// A feature phrase that names code is resolved to it: a class the phrase spells is in place only when
// it is used where production reaches; a library it names must be a dependency or imported somewhere.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
const reports = mkdtempSync(join(tmpdir(), 'verdict-subject-'));

beforeAll(() => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'svc', private: true, main: 'src/index.ts', dependencies: { express: '^4.0.0' } }),
    'src/index.ts': "import { OutboxRelay } from './outbox';\nconst relay = new OutboxRelay();\nrelay.start();\n",
    'src/outbox.ts': 'export class OutboxRelay {\n  start() { return 1; }\n}\n',
    'src/quota.ts': 'export class QuotaKeeper {\n  left() { return 0; }\n}\n',
  });
});
afterAll(() => { removeRepo(root); removeRepo(reports); });

async function check(md: string): Promise<VerifyResult> {
  const file = join(reports, 'r.md');
  writeFileSync(file, md);
  return verifyReport({ report: file, repo: root, exec: false, cache: false });
}

describe('verify: a feature phrase resolved to code', () => {
  it('confirms a class the phrase spells that production reaches, contradicts one nothing uses and a library nothing imports', async () => {
    const r = await check('| Area | Feature | Status |\n|---|---|---|\n| Reliability | Outbox relay for events | ✅ |\n| Reliability | Quota keeper per tenant | ✅ |\n| Logging | morgan access log | ✅ |\n');
    const at = (line: number) => r.claims.find((c) => c.line === line)!;
    expect(at(3)).toMatchObject({ verdict: 'confirmed' });
    expect(at(3).reason).toMatch(/is `OutboxRelay`, declared at src\/outbox\.ts:1/);
    expect(at(4)).toMatchObject({ verdict: 'contradicted' });
    expect(at(4).reason).toMatch(/`QuotaKeeper`.*used nowhere in the release code/);
    expect(at(5)).toMatchObject({ verdict: 'contradicted' });
    expect(at(5).reason).toMatch(/names morgan, which no package depends on/);
  });
});
