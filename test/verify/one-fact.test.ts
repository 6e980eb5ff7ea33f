// One fact, one verdict: claims that resolve to the same subject and predicate in verify's claim model
// share a key, wherever and however the report words them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/verify/classify.js';
import { extractClaims } from '../../src/verify/extract.js';
import { factOf } from '../../src/verify/fact.js';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

const REPO = {
  'package.json': JSON.stringify({ name: 'jobs', scripts: { start: 'node src/main.js' }, dependencies: { bullmq: '5.1.0' } }),
  'src/main.js': "require('./queues');\nrequire('./handlers/mail');\nrequire('./handlers/sms');\n",
  'src/queues.js': "const { Queue } = require('bullmq');\nexports.mail = new Queue('mail');\nexports.sms = new Queue('sms');\n",
  'src/handlers/mail.js': 'module.exports = () => 1;\n',
  'src/handlers/sms.js': 'module.exports = () => 2;\n',
};
const REPORT = [
  '# Readiness', '',
  '- **2 entrypoint files** in `src/handlers/`', // 3
  '- `src/handlers` - 2 RPC entrypoints', // 4: the same folder, without the slash, worded otherwise
  '- 2 queues defined in `src/queues.js`', // 5
  '- **Queues:** `src/queues.js`', // 6
  '  - 2 queues defined', // 7: a count of what the parent's file holds
  '',
  '| Area | Feature | Status |', // 9
  '|------|---------|--------|',
  '| Observability | Health check endpoint | ✅ |', // 11
  '',
  '## Deployment checklist', '',
  '1. Verify health endpoint: `/health`', // 15: checking it presupposes it is there
  '2. Add a readiness endpoint', // 16: adding it presupposes nothing
  '3. Add a health check endpoint', // 17
  '',
].join('\n');

describe('verify: one fact, one verdict', () => {
  let root = '';
  let result: VerifyResult;
  beforeAll(async () => {
    root = writeRepo(REPO);
    mkdirSync(join(root, 'docs'), { recursive: true });
    writeFileSync(join(root, 'docs', 'REPORT.md'), REPORT);
    result = await verifyReport({ report: join(root, 'docs', 'REPORT.md'), repo: root, exec: false, cache: false });
  }, 120_000);
  afterAll(() => removeRepo(root));
  const at = (line: number) => result.claims.find((x) => x.line === line)!;

  it('reads "`folder` - N things" as a count of the folder, the same fact as "N things in `folder/`"', () => {
    expect(at(4).kind).toBe('count');
    expect(at(4).fact.key).not.toBeNull();
    expect(at(4).fact.key).toBe(at(3).fact.key);
    expect(at(3).verdict, at(3).reason).toBe('confirmed');
    expect(at(4).verdict).toBe(at(3).verdict);
  });

  it('reads a count under a file as a count of that file, the same fact as naming the file inline', () => {
    expect(at(7).kind).toBe('count');
    expect(at(7).fact.key).toBe(at(5).fact.key);
    expect(at(5).verdict, at(5).reason).toBe('confirmed');
    expect(at(7).verdict).toBe(at(5).verdict);
    expect(at(7).evidence.some((e) => e.kind === 'file' && e.path === 'src/queues.js')).toBe(true);
  });

  it('gives a plan step that checks a feature the verdict of the line that decides the feature', () => {
    expect(at(11).verdict, at(11).reason).toBe('contradicted');
    expect(at(15).kind).toBe('plan');
    expect(at(15).fact.key).toBe(at(11).fact.key);
    expect(at(15).verdict).toBe('contradicted');
    expect(at(15).reason).toContain('same fact as line 11');
  });

  it('leaves a step that adds a feature a plan, stating nothing about the code', () => {
    for (const line of [16, 17]) {
      expect(at(line).kind).toBe('plan');
      expect(at(line).fact.key).toBeNull();
      expect(at(line).verdict).toBe('unverifiable');
    }
  });

  it('gives an absent feature one predicate whatever figure the line carries', () => {
    const plain = factOf('feature', { feature: 'metrics', polarity: 'absent' });
    const withEffort = factOf('feature', { feature: 'metrics', polarity: 'absent', figures: '1 day' });
    expect(withEffort.key).toBe(plain.key);
    expect(factOf('feature', { feature: 'metrics', polarity: 'present', figures: '60/min' }).key).not.toBe(plain.key);
  });
});

describe('claim model: a coloured mark is not part of a status statement', () => {
  it('reads "Risk level: 🟢 LOW" as the same status fact as "Blocking issues: none"', () => {
    const [risk, blocking] = extractClaims('- Risk level: 🟢 LOW (all blocking issues resolved)\n- **Blocking Issues:** NONE\n').claims.map(classify);
    expect(risk.kind).toBe('readiness');
    expect(blocking.kind).toBe('readiness');
    expect(factOf(risk.kind, risk.subject).key).toBe(factOf(blocking.kind, blocking.subject).key);
  });
});
