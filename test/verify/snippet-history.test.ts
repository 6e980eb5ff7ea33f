// A change log under a file ("- Added constructor validation") that describes the snippet the report
// shows of that file is the same fact as the snippet, and shares its verdict; a line that says more
// than the snippet shows stays a claim of its own.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

const REPO = {
  'package.json': JSON.stringify({ name: 'w', private: true, main: 'src/worker.ts' }),
  'src/worker.ts': [
    'export class Worker {',
    '  constructor(private env: { DB?: unknown }) {',
    "    if (!env.DB) throw new Error('DB binding required');",
    '  }',
    '}',
    '',
  ].join('\n'),
};

const REPORT = [
  '# Fixes', '',
  '**Binding Validation Guard:**', // 3
  '```typescript',
  '// src/worker.ts',
  'constructor(private env: { DB?: unknown }) {',
  "  if (!env.DB) throw new Error('DB binding required');",
  '}',
  '```', '',
  '1. **src/worker.ts**', // 11
  '   - Added constructor validation', // 12: the snippet, told as history
  '   - Added retry queue', // 13: more than the snippet shows
  '',
].join('\n');

describe('verify: a change log beside a snippet', () => {
  let root = '';
  let result: VerifyResult;
  beforeAll(async () => {
    root = writeRepo(REPO);
    mkdirSync(join(root, 'docs'), { recursive: true });
    writeFileSync(join(root, 'docs', 'FIXES.md'), REPORT);
    result = await verifyReport({ report: join(root, 'docs', 'FIXES.md'), repo: root, exec: false, cache: false });
  }, 120_000);
  afterAll(() => removeRepo(root));
  const at = (line: number) => result.claims.find((c) => c.line === line)!;

  it('gives the history line the snippet\'s fact and verdict', () => {
    const snippet = at(5);
    expect(snippet).toMatchObject({ kind: 'quote', verdict: 'confirmed' });
    expect(at(12).kind).toBe('topic');
    expect(at(12).fact.key).toBe(snippet.fact.key);
    expect(at(12).verdict).toBe('confirmed');
    expect(at(12).evidence).toEqual(snippet.evidence);
  });

  it('leaves a line that names what the snippet does not show to its own check', () => {
    expect(at(13).fact.key).not.toBe(at(5).fact.key);
    expect(at(13).verdict).not.toBe('confirmed');
  });
});
