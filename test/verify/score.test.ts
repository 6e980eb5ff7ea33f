// Score lines of a report ("Security: 100%") against what the audit found in that category.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

const SERVICE = {
  'package.json': JSON.stringify({ name: 'svc', scripts: { start: 'node src/server.js', test: 'vitest run' }, dependencies: { express: '4.19.2', cors: '2.8.5' } }),
  'src/server.js': [
    "const express = require('express');",
    "const cors = require('cors');",
    'const app = express();',
    'app.use(cors());',
    "app.get('/health', (req, res) => res.json({ ok: true }));",
    'app.listen(3000);',
  ].join('\n'),
  'test/server.test.js': "import { it, expect } from 'vitest';\nit('adds', () => expect(1 + 1).toBe(2));\n",
};

const REPORT = ['# Readiness', '', '## Scores', '', '- Reliability: 100%', ''].join('\n');

describe('verify: a perfect category score against the audit', () => {
  let root = '';
  let result: VerifyResult;
  beforeAll(async () => {
    root = writeRepo(SERVICE);
    mkdirSync(join(root, 'docs'), { recursive: true });
    writeFileSync(join(root, 'docs', 'READINESS.md'), REPORT);
    result = await verifyReport({ report: join(root, 'docs', 'READINESS.md'), repo: root, exec: false, cache: false });
  }, 120_000);
  afterAll(() => removeRepo(root));

  it('contradicts "100%" with the category\'s findings as evidence, whatever verdict\'s own score is', () => {
    const c = result.claims.find((x) => x.line === 5);
    expect(c?.kind).toBe('score');
    expect(c?.verdict, c?.reason).toBe('contradicted');
    expect(c?.reason).toMatch(/the report scores reliability 100 \(nothing to fix\); verdict has \d+ reliability finding\(s\) of medium severity or above, first reliability\//);
    expect(c?.evidence.some((e) => e.kind === 'file' && e.path === 'src/server.js')).toBe(true);
  });
});

// A report's score and verdict's are on different scales: a score line is judged by what the category's
// findings say, and every ✅ names the files it rests on.
const SCORED = {
  ...SERVICE,
  'src/config.js': "module.exports = { awsKey: 'AKIAQ3EGRT7VXK2MZP4N', awsSecret: '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' };\n",
  'src/routes/a.js': 'module.exports = 1;\n',
  'src/routes/b.js': 'module.exports = 2;\n',
};
const SCORED_REPORT = [
  '# Readiness', '', '## Scores', '',
  '- Reliability: 85%', // 5: a middling score: nothing in the code to check it against
  '- Security: 40%', // 6: a low score, borne out by the committed keys
  '- Security: 95%', // 7: a high score, contradicted by them
  '- Overall: 30/100', // 8
  '', '## Facts', '',
  '- **2 entrypoint files** in `src/routes/`', // 12
  '- `src/server.js` (6 lines)', // 13
  '', '## More', '',
  '- Tests: 95%', // 17: a high testing score rests on the test run, which --no-exec did not make
  '', '| Area | Score | Note |', '|---|---|---|',
  '| **Security** | 100/100 | ✅ Complete coverage |', // 21: a score, though the note says "coverage"
  '', '| File | Status | Note |', '|---|---|---|',
  '| **server.js** | ✅ READY | Never executed (7 lines) |', // 25: the line count of the row's file
  '',
].join('\n');

describe('verify: category scores judged by the findings, with evidence', () => {
  let root = '';
  let result: VerifyResult;
  beforeAll(async () => {
    root = writeRepo(SCORED);
    mkdirSync(join(root, 'docs'), { recursive: true });
    writeFileSync(join(root, 'docs', 'READINESS.md'), SCORED_REPORT);
    result = await verifyReport({ report: join(root, 'docs', 'READINESS.md'), repo: root, exec: false, cache: false });
  }, 120_000);
  afterAll(() => removeRepo(root));
  const at = (line: number) => result.claims.find((x) => x.line === line);

  it('does not confirm a middling score by its distance to verdict\'s own', () => {
    expect(at(5)?.kind).toBe('score');
    expect(at(5)?.verdict).toBe('unverifiable');
    expect(at(5)?.reason).toMatch(/neither ready nor blocked/);
  });

  it('confirms a low score with the serious findings it points at, and contradicts a high one with them', () => {
    expect(at(6)?.verdict, at(6)?.reason).toBe('confirmed');
    expect(at(6)?.evidence.some((e) => e.kind === 'file' && e.path === 'src/config.js')).toBe(true);
    expect(at(7)?.verdict, at(7)?.reason).toBe('contradicted');
    expect(at(8)?.verdict, at(8)?.reason).toBe('confirmed');
  });

  it('names the files a count counted and the file a line count measured', () => {
    expect(at(12)?.verdict, at(12)?.reason).toBe('confirmed');
    expect(at(12)?.evidence.filter((e) => e.kind === 'file').map((e) => e.kind === 'file' && e.path)).toEqual(['src/routes/a.js', 'src/routes/b.js']);
    expect(at(13)?.verdict, at(13)?.reason).toBe('confirmed');
    expect(at(13)?.evidence[0]).toMatchObject({ kind: 'file', path: 'src/server.js', line: 6 });
  });

  it('leaves a high testing score to the test run, reads a score beside the word "coverage", and counts the lines of a row\'s file', () => {
    expect(at(17)).toMatchObject({ kind: 'score', verdict: 'unverifiable', reason: expect.stringMatching(/rests on the test run: needs the tests probe/) });
    expect(at(21)).toMatchObject({ kind: 'score', subject: { category: 'security', score: 100 }, verdict: 'contradicted' });
    expect(at(25)).toMatchObject({ kind: 'count', subject: { what: 'lines', n: 7, path: 'server.js' }, verdict: 'contradicted' });
    expect(at(25)?.evidence[0]).toMatchObject({ kind: 'file', path: 'src/server.js', line: 6 });
  });

  it('gives no ✅ that names no file or command', () => {
    const bare = result.claims.filter((c) => c.verdict === 'confirmed' && !c.evidence.some((e) => e.kind === 'file' || e.kind === 'command'));
    expect(result.claims.some((c) => c.verdict === 'confirmed')).toBe(true);
    expect(bare.map((c) => c.line)).toEqual([]);
  });
});
