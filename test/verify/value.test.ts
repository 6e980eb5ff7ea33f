// A figure in a claim is confirmed only by the value the code enforces, read with its unit where it is
// written (an option, a call's argument, a binding named for its unit), in code that runs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUnitString, unitFactOf } from '../../src/knowledge/units.js';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { quantitiesIn } from '../../src/verify/quantity.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
const reports = mkdtempSync(join(tmpdir(), 'verdict-value-'));

beforeAll(() => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'svc', private: true, main: 'src/index.ts' }),
    'src/index.ts': [
      "import express from 'express';",
      "import { issueToken, startReset } from './session';",
      'const app = express();',
      "app.use(express.json({ limit: '2mb' }));",
      "app.use(express.static('public', { maxAge: 86400000 }));",
      "app.post('/login', (req, res) => res.json({ token: issueToken(req.body.user) }));",
      "app.post('/reset', (req, res) => res.json(startReset(req.body)));",
      'app.listen(3000);', '',
    ].join('\n'),
    'src/session.ts': [
      "import jwt from 'jsonwebtoken';",
      'export function issueToken(user: string) {',
      "  return jwt.sign({ user }, 'k', { expiresIn: '12h' });",
      '}',
      'export function startReset(account: { resetExpires?: number }) {',
      '  account.resetExpires = Date.now() + 30 * 60 * 1000;',
      '  return account;',
      '}', '',
    ].join('\n'),
    // A size cap that nothing constructs: written, not enforced.
    'src/upload-guard.ts': 'export class UploadGuard {\n  constructor(private maxBytes: number = 50 * 1024 * 1024) {}\n  fits(n: number) { return n <= this.maxBytes; }\n}\n',
  });
});
afterAll(() => { removeRepo(root); removeRepo(reports); });

async function check(md: string): Promise<VerifyResult> {
  const file = join(reports, 'r.md');
  writeFileSync(file, md);
  return verifyReport({ report: file, repo: root, exec: false, cache: false });
}

describe('unit knowledge', () => {
  it('says which unit an option, a call argument or a unit-named binding carries', () => {
    expect(unitFactOf({ key: 'limit', within: 'json' })).toMatchObject({ dimension: 'size', strings: 'bytes' });
    expect(unitFactOf({ key: 'max', within: 'rateLimit' })).toMatchObject({ dimension: 'rate' });
    expect(unitFactOf({ key: 'expiresIn' })).toMatchObject({ dimension: 'duration', units: ['s'] });
    expect(unitFactOf({ key: 'RATE_WINDOW_MS' })).toMatchObject({ dimension: 'duration', units: ['ms'] });
    expect(unitFactOf({ key: 'items' })).toBeNull();
    expect(unitFactOf({ callee: 'genSalt', arg: 0 })).toMatchObject({ dimension: 'rounds' });
    expect(unitFactOf({ callee: 'setTimeout', arg: 0 })).toBeNull();
    expect(parseUnitString('10mb', 'bytes')).toBe(10 * 1024 * 1024);
    expect(parseUnitString('60d', 'duration')).toBe(60 * 86_400_000);
    expect(parseUnitString('60', 'duration')).toBeNull();
  });

  it('reads a claim\'s figures in base units, a rate over its window', () => {
    expect(quantitiesIn('100 requests / 15 min on `/auth`')).toEqual([{ dimension: 'rate', value: 100 / 15, text: '100 requests / 15 min' }]);
    expect(quantitiesIn('cached for one year').map((q) => q.value)).toEqual([31_557_600_000]);
    expect(quantitiesIn('a password of at least **8 characters**')).toMatchObject([{ dimension: 'length', value: 8 }]);
    expect(quantitiesIn('Version 1.2 released')).toEqual([]);
  });
});

describe('verify: figures in the enforcing path', () => {
  it('confirms a figure the code enforces in its own unit, and contradicts one it sets otherwise', async () => {
    const r = await check([
      '- Login tokens expire after 12 hours', // 1
      '- Reset links expire after 1 hour', // 2
      '- JSON body limit: 2 MB', // 3
      '- Static assets cached for one day', // 4
      '- Uploads capped at 50 MB', // 5
      '- Request timeout: 5 seconds', // 6
      '',
    ].join('\n'));
    const at = (line: number) => r.claims.find((c) => c.line === line)!;
    expect(at(1)).toMatchObject({ verdict: 'confirmed' });
    expect(at(1).reason).toMatch(/src\/session\.ts:3 \(`expiresIn`/);
    expect(at(2)).toMatchObject({ verdict: 'contradicted' });
    expect(at(2).reason).toMatch(/the code sets 30 min at src\/session\.ts:6/);
    expect(at(3)).toMatchObject({ verdict: 'confirmed' });
    expect(at(4)).toMatchObject({ verdict: 'confirmed' });
    // Written in a module nothing loads, in a class nothing constructs: not enforced.
    expect(at(5)).toMatchObject({ verdict: 'contradicted' });
    expect(at(5).reason).toMatch(/50 MB is written at src\/upload-guard\.ts:2 .*nothing enforces it/);
    // No timeout anywhere: a figure found nowhere in the code is not enforced by it.
    expect(at(6)).toMatchObject({ verdict: 'contradicted' });
    expect(at(6).reason).toMatch(/no value of 5 seconds anywhere/);
    for (const c of r.claims.filter((x) => x.verdict !== 'unverifiable')) expect(c.evidence.length).toBeGreaterThan(0);
  });

  it('leaves a figure unverifiable when nothing in the claim names what the code would enforce', async () => {
    const r = await check('- The audit took about 2 hours\n- Team of 4 people, 3 days of review\n');
    expect(r.claims.every((c) => c.verdict === 'unverifiable')).toBe(true);
  });
});
