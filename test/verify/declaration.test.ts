// "Added `X` interface" and "Converted the x array to async function" under a list item that names the
// file: the declaration is looked up in that file's syntax tree by kind and name, and "added" needs a use.
// The service is written here, with true and false lines for each.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
let result: VerifyResult;
const reports = mkdtempSync(join(tmpdir(), 'verdict-declaration-'));

beforeAll(async () => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'ledger', private: true, main: 'src/index.ts' }),
    'src/index.ts': "import { loadEntries, restore } from './entries';\nexport async function main() { return [await loadEntries(), restore(1)]; }\n",
    'src/entries.ts': [
      'const entries = [{ id: 1 }, { id: 2 }];', // 1
      'export async function loadEntries() {', // 2
      '  return entries;', // 3
      '}',
      'export function loadSnapshots() {', // 5
      '  return { at: 0 };',
      '}',
      'export function restore(id: number) {', // 8
      '  interface Snapshot { id: number }', // 9
      '  interface Unread { id: number }', // 10
      '  return ({ id } as Snapshot);', // 11
      '}', '',
    ].join('\n'),
  });
  writeFileSync(join(reports, 'REPORT.md'), [
    '# Ledger', '',
    '1. **src/entries.ts**', // 3
    '   - Added Snapshot interface', // 4: declared and used
    '   - Added Unread interface', // 5: declared, never used
    '   - Added Journal interface', // 6: not declared
    '   - Converted entries array to async function', // 7: loadEntries returns the array
    '   - Converted snapshots array to async function', // 8: loadSnapshots returns an object, not async
    '   - Added constructor validation', // 9: no declaration named
    '',
  ].join('\n'));
  result = await verifyReport({ report: join(reports, 'REPORT.md'), repo: root, exec: false, cache: false, config: 'none' });
}, 180_000);
afterAll(() => { removeRepo(root); removeRepo(reports); });

const at = (line: number) => result.claims.find((c) => c.line === line)!;

describe('verify: declarations a file is said to have', () => {
  it('confirms an interface the named file declares and uses, with both places as evidence', () => {
    expect(at(4), at(4).reason).toMatchObject({ verdict: 'confirmed', subject: { topic: 'declaration', kind: 'interface', name: 'Snapshot', path: 'src/entries.ts' } });
    expect(at(4).evidence).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'file', path: 'src/entries.ts', line: 9 }), expect.objectContaining({ kind: 'file', path: 'src/entries.ts', line: 11 })]));
  });

  it('leaves a declaration nothing uses unverifiable, and contradicts one the file does not declare', () => {
    expect(at(5).verdict).toBe('unverifiable');
    expect(at(6)).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/declares no interface Journal/) });
  });

  it('reads "converted to async function" as an async function named for the list that returns it', () => {
    expect(at(7), at(7).reason).toMatchObject({ verdict: 'confirmed', reason: expect.stringMatching(/loadEntries/) });
    expect(at(7).evidence[0]).toMatchObject({ path: 'src/entries.ts', line: 2 });
    expect(at(8)).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/loadSnapshots/) });
  });

  it('does not read a common word as a declaration name', () => {
    expect(at(9).subject.topic).not.toBe('declaration');
  });
});
