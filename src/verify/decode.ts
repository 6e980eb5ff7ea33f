// Reading a report as the author meant it: BOM and CRLF removed, UTF-16 with a BOM accepted, and the
// usual mojibake (UTF-8 read as Windows-1252 or Mac Roman, then saved again) turned back into UTF-8.
import { readFileSync, statSync } from 'node:fs';
import { decode, isBinary } from '../util/text.js';
import { UsageError } from '../util/errors.js';

export interface ReportText {
  text: string;
  encoding: string;
  repaired: number;
}

const LEGACY = ['windows-1252', 'macintosh'] as const;

// Node's 'windows-1252' decoder is Latin-1 in some builds: spell out the 0x80-0x9F row.
const CP1252_80 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** char -> byte for the upper half of a single-byte code page. */
function reverseTable(label: string): Map<string, number> {
  const dec = new TextDecoder(label);
  const map = new Map<string, number>();
  for (let b = 0x80; b <= 0xff; b++) {
    const ch = label === 'windows-1252' && b < 0xa0 ? CP1252_80[b - 0x80] : dec.decode(Uint8Array.of(b));
    map.set(ch, b);
  }
  return map;
}

let tables: Array<Map<string, number>> | null = null;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

// Windows-1252 has no character for these bytes: editors drop them, so "⏳" (E2 8F B3) comes back as "â³".
const CP1252_HOLES = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

function utf8(bytes: number[]): string | null {
  try {
    return strictUtf8.decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
}

function reencode(run: string, table: Map<string, number>, holes: boolean): string | null {
  const bytes: number[] = [];
  for (const ch of run) {
    const b = table.get(ch);
    if (b === undefined) return null;
    bytes.push(b);
  }
  const whole = utf8(bytes);
  if (whole !== null || !holes) return whole;
  // One dropped byte right after a 3- or 4-byte lead byte: try each hole there.
  const lead = bytes.findIndex((b) => b >= 0xe0 && b <= 0xf4);
  if (lead < 0) return null;
  // Several holes may decode; keep the one that gives a symbol reports use (arrows, ⏳, ❌, boxes, emoji).
  for (const h of CP1252_HOLES) {
    const fixed = utf8([...bytes.slice(0, lead + 1), h, ...bytes.slice(lead + 1)]);
    if (fixed !== null && /[\u2190-\u21ff\u23e9-\u23fa\u2600-\u27bf\u2b00-\u2bff\u{1f000}-\u{1faff}]/u.test(fixed)) return fixed;
  }
  return null;
}

/** Repairs each run of non-ASCII characters that is UTF-8 seen through a legacy code page. */
export function repairMojibake(text: string): { text: string; repaired: number } {
  tables ??= LEGACY.map(reverseTable);
  let repaired = 0;
  const out = text.replace(/[^\t\n\r\u0020-\u007e]{2,}/g, (run) => {
    for (const [i, table] of tables!.entries()) {
      const fixed = reencode(run, table, LEGACY[i] === 'windows-1252');
      if (fixed !== null && fixed.length < run.length) {
        repaired++;
        return fixed;
      }
    }
    return run;
  });
  return { text: out, repaired };
}

export function normalise(buf: Uint8Array): ReportText {
  const d = decode(buf);
  const { text, repaired } = repairMojibake(d.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  return { text, encoding: d.encoding, repaired };
}

export function readReport(path: string): ReportText {
  let buf: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`verify: ${path} is a folder; give the report's Markdown file`);
    buf = readFileSync(path);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT'
      ? `verify: ${path}: no such file; give the path of the readiness report (Markdown)`
      : `verify: ${path}: cannot read (${(err as Error).message})`);
  }
  if (isBinary(buf)) throw new UsageError(`verify: ${path} is a binary file, not a Markdown report`);
  if (buf.length === 0) throw new UsageError(`verify: ${path} is empty; there is nothing to check`);
  return normalise(buf);
}
