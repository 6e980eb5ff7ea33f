// Reading reports as written: BOM, CRLF, mojibake from both legacy code pages, and clear errors.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalise, readReport, repairMojibake } from '../../src/verify/decode.js';
import { extractClaims } from '../../src/verify/extract.js';

/** UTF-8 bytes shown through a legacy code page, as an editor that guessed wrong would save them. */
function garble(text: string, table: 'cp1252' | 'mac'): string {
  const cp1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  const mac = new TextDecoder('macintosh');
  return [...Buffer.from(text, 'utf8')].map((b) => (b < 0x80 ? String.fromCharCode(b)
    : table === 'mac' ? mac.decode(Uint8Array.of(b)) : b < 0xa0 ? cp1252[b - 0x80] : String.fromCharCode(b))).join('');
}

describe('report decoding', () => {
  const original = '| Check | Status |\n|---|---|\n| Tests | ✅ PASS — 2 × faster |\n| Lint | ⚠️ 🔴 |\n';

  it('repairs UTF-8 read as Windows-1252 and as Mac Roman', () => {
    for (const t of ['cp1252', 'mac'] as const) {
      const bad = garble(original, t);
      expect(bad).not.toBe(original);
      const fixed = repairMojibake(bad);
      expect(fixed.text).toBe(original);
      expect(fixed.repaired).toBeGreaterThan(0);
    }
  });

  it('repairs Windows-1252 mojibake whose undefined byte the editor dropped (⏳ as "â³", ❌ as "âŒ")', () => {
    expect(repairMojibake('### â³ Out of Scope | âŒ MISSING').text).toBe('### ⏳ Out of Scope | ❌ MISSING');
  });

  it('leaves correct UTF-8 and lone Latin-1 letters alone', () => {
    for (const t of ['café résumé', '■■□□ → ✅ 🟢', 'naïve Größe']) expect(repairMojibake(t)).toEqual({ text: t, repaired: 0 });
  });

  it('drops a BOM and CRLF so lines stay right', () => {
    const r = normalise(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# T\r\n\r\n- 3 tests\r\n- 2 workflows\r\n')]));
    expect(r.text.startsWith('# T\n')).toBe(true);
    expect(extractClaims(r.text).claims.map((c) => [c.line, c.text])).toEqual([[3, '3 tests'], [4, '2 workflows']]);
  });

  it('says what is wrong with a missing, binary, empty file or a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-decode-'));
    writeFileSync(join(dir, 'bin.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
    writeFileSync(join(dir, 'empty.md'), '');
    mkdirSync(join(dir, 'folder.md'));
    expect(() => readReport(join(dir, 'nope.md'))).toThrow(/nope\.md: no such file/);
    expect(() => readReport(join(dir, 'bin.md'))).toThrow(/binary file, not a Markdown report/);
    expect(() => readReport(join(dir, 'empty.md'))).toThrow(/is empty/);
    expect(() => readReport(join(dir, 'folder.md'))).toThrow(/is a folder/);
  });
});

describe('claim extraction', () => {
  it('keeps line and section path, reads table rows with their header, skips code blocks', () => {
    const md = ['# Report', '', '## Security ✅', '', '| Check | Status | Notes |', '|---|---|---|', '| **Rate limiting** | ✅ PASS | 60/min |', '',
      '```', '0 errors', '```', '', '- parent `src/a.ts`', '  - child item', '', 'We ran 12 checks. Nothing else here.'].join('\n');
    const { claims, listAndTableLines } = extractClaims(md);
    expect(listAndTableLines).toBe(3);
    expect(claims.map((c) => [c.line, c.source, c.section.join(' > '), c.text])).toEqual([
      [3, 'heading', 'Report', 'Security ✅'],
      [7, 'table', 'Report > Security', 'Rate limiting | ✅ PASS | 60/min'],
      [13, 'list', 'Report > Security', 'parent `src/a.ts`'],
      [14, 'list', 'Report > Security', 'child item'],
      [16, 'sentence', 'Report > Security', 'We ran 12 checks.'],
    ]);
    expect(claims[1].cells?.map((c) => c.header)).toEqual(['Check', 'Status', 'Notes']);
    expect(claims[3].parent).toBe('parent `src/a.ts`');
  });
});
