// One fact, one verdict across wordings the claim model used to split or merge on words:
// - a code scanner's result ("Semgrep verification ✅", "Verified with Semgrep (0 alerts)", a bare
//   "Status: ✅ PASS" under a section that shows `$ semgrep scan`) is one fact, what the run found, which no
//   file records; a line that puts the scanner in CI is another fact, read from the workflows;
// - bare status lines under different sections are different facts, not one "status" feature;
// - "Security: 100% (0 vulnerabilities maintained)" states the same security score as a score table's
//   "Security: 100%", and a committed secret contradicts it on both lines; the dependency audit's
//   "0 vulnerabilities" stays a fact of its own.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { scanRun } from '../../src/verify/scan-run.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

const REPO = {
  'package.json': JSON.stringify({ name: 'ledger', scripts: { start: 'node src/main.js' }, dependencies: { express: '4.19.2' } }),
  'src/main.js': [
    "const express = require('express');",
    "const { sign } = require('./token');",
    'const app = express();',
    "app.get('/token', (req, res) => res.json({ token: sign(req.query.user) }));",
    'app.listen(3000);',
    '',
  ].join('\n'),
  // A signing secret written into release code: a committed secret, a high security finding.
  'src/token.js': [
    "const crypto = require('crypto');",
    "const signingSecret = 'Qw7rT2pZk9LmX4vB8nC3dF6gH1jK5sA0eR7tY2uI9oP4';",
    "exports.sign = (user) => crypto.createHmac('sha256', signingSecret).update(String(user)).digest('hex');",
    '',
  ].join('\n'),
};

const REPORT = [
  '# Ledger readiness', '', // 1-2
  '| Area | Feature | Status |', // 3
  '|------|---------|--------|', // 4
  '| Security | Semgrep verification | ✅ |', // 5
  '', // 6
  '- Verified with Semgrep scanner (0 alerts)', // 7
  '- CodeQL runs in the CI workflow on every push', // 8: a workflow, not a run's result
  '- **Security:** 100% (0 vulnerabilities maintained)', // 9
  '- ✅ npm audit: 0 vulnerabilities', // 10
  '', // 11
  '### Build', '', // 12-13
  '```', '$ npm run build', 'done', '```', '', // 14-18
  '**Status: ✅ PASS**', '', // 19-20
  '### Security Scan', '', // 21-22
  '```bash', '$ semgrep scan', 'Findings: 0', '```', '', // 23-27
  '**Status: ✅ PASS**', '', // 28-29
  '## Scores', '', // 30-31
  '```', 'Security:        100%', '```', '', // 32-35
].join('\n');

describe('verify: one fact across a scanner\'s wordings, bare statuses and a score with an aside', () => {
  let root = '';
  let result: VerifyResult;
  beforeAll(async () => {
    root = writeRepo(REPO);
    mkdirSync(join(root, 'docs'), { recursive: true });
    writeFileSync(join(root, 'docs', 'REPORT.md'), REPORT);
    result = await verifyReport({ report: join(root, 'docs', 'REPORT.md'), repo: root, exec: false, cache: false });
  }, 120_000);
  afterAll(() => removeRepo(root));
  const at = (line: number) => {
    const c = result.claims.find((x) => x.line === line);
    if (!c) throw new Error(`no claim at line ${line}: ${result.claims.map((x) => x.line).join(',')}`);
    return c;
  };

  it('reads the table row, the list line and the bare status under the scan section as one scanner fact', () => {
    const key = at(5).fact.key;
    expect(key).toBe('outside|scan by Semgrep|finds no alerts|asserts');
    expect(at(7).fact.key).toBe(key);
    expect(at(28).fact.key).toBe(key);
    for (const line of [5, 7, 28]) {
      expect(at(line).verdict, at(line).reason).toBe('unverifiable');
      expect(at(line).reason).toContain('run of Semgrep');
    }
  });

  it('keeps a line that puts a scanner in CI apart: the workflow decides it, and its verdict does not spread', () => {
    expect(at(8).fact.key).not.toBe(at(5).fact.key);
    expect(at(8).verdict, at(8).reason).toBe('contradicted');
    expect(at(8).reason).toContain('no CI workflow');
    expect(at(7).verdict).toBe('unverifiable');
  });

  it('gives bare status lines under different sections different facts', () => {
    expect(at(19).fact.key).toBeNull();
    expect(at(19).fact.subject).toBe('status of build');
    expect(at(19).fact.key).not.toBe(at(28).fact.key);
    expect(at(19).verdict).toBe('unverifiable');
  });

  it('reads "Security: 100% (aside)" as the score table\'s security score: one fact, contradicted on both lines', () => {
    expect(at(33).kind).toBe('score');
    expect(at(9).kind).toBe('score');
    expect(at(9).fact.key).toBe(at(33).fact.key);
    expect(at(33).verdict, at(33).reason).toBe('contradicted');
    expect(at(9).verdict).toBe('contradicted');
    expect(at(9).evidence.some((e) => e.kind === 'file' && e.path === 'src/token.js')).toBe(true);
  });

  it('leaves the dependency audit\'s "0 vulnerabilities" a fact of its own, which needs the audit to run', () => {
    expect(at(10).kind).toBe('vulnerabilities');
    expect(at(10).fact.key).not.toBe(at(9).fact.key);
    expect(at(10).verdict).toBe('unverifiable');
  });
});

describe('scanRun: what a line says a code scanner found', () => {
  it('reads a result, a count of alerts and a run that did not happen', () => {
    expect(scanRun('Verified with CodeQL scanner (0 alerts)')).toEqual({ scanner: 'CodeQL', result: 'finds no alerts', polarity: 'asserts' });
    expect(scanRun('Snyk: 3 vulnerabilities found')).toEqual({ scanner: 'Snyk', result: 'alerts = 3', polarity: 'asserts' });
    expect(scanRun('Gitleaks Scan | NOT RUN | never executed')).toEqual({ scanner: 'gitleaks', result: 'ran', polarity: 'denies' });
    expect(scanRun('CodeQL analysis ❌ failed')?.polarity).toBe('denies');
  });

  it('names no run where the line is about CI, names two scanners, or none', () => {
    expect(scanRun('CodeQL runs in the GitHub Actions workflow')).toBeNull();
    expect(scanRun('security.yml | CodeQL')).toBeNull();
    expect(scanRun('Verified with CodeQL', '**CI pipeline** (`.github/workflows/ci.yml`):')).toBeNull();
    expect(scanRun('Gitleaks + CodeQL')).toBeNull();
    // "Configured" says the setup exists, which the workflows decide.
    expect(scanRun('CodeQL Analysis | NOT RUN | Configured but never executed')).toBeNull();
    expect(scanRun('Zero security vulnerabilities in codebase')).toBeNull();
  });
});
