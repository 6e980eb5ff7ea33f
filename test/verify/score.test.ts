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
