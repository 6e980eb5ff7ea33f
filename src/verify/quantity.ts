// The figures a claim states with a unit ("10 MB", "5 seconds", "one year", "60 req/min", "at least 8
// characters", "salt rounds: 10"), each in its dimension's base unit so a value in code compares.
import { type Dimension, toBase, type Unit } from '../knowledge/units.js';

export interface Quantity { dimension: Dimension; value: number; text: string }

const WORD_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, thirty: 30, sixty: 60,
};
const N = String.raw`(\d[\d,_]*(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|thirty|sixty)`;

const UNIT_OF: Array<[RegExp, Dimension, Unit | 'year' | 'week' | 'kb' | 'mb' | 'gb']> = [
  [/^(ms|milliseconds?)$/i, 'duration', 'ms'], [/^(s|secs?|seconds?)$/i, 'duration', 's'], [/^(mins?|minutes?)$/i, 'duration', 'min'],
  [/^(h|hrs?|hours?)$/i, 'duration', 'h'], [/^days?$/i, 'duration', 'd'], [/^weeks?$/i, 'duration', 'week'], [/^years?$/i, 'duration', 'year'],
  [/^(b|bytes?)$/i, 'size', 'bytes'], [/^kb$/i, 'size', 'kb'], [/^mb$/i, 'size', 'mb'], [/^gb$/i, 'size', 'gb'],
  [/^(characters?|chars?)$/i, 'length', 'chars'],
];

function num(s: string): number {
  const w = WORD_NUMBERS[s.toLowerCase()];
  return w ?? Number(s.replace(/[,_]/g, ''));
}

function base(n: number, u: Unit | 'year' | 'week' | 'kb' | 'mb' | 'gb'): number {
  if (u === 'year') return n * 31_557_600_000;
  if (u === 'week') return n * 604_800_000;
  if (u === 'kb') return n * 1024;
  if (u === 'mb') return n * 1024 ** 2;
  if (u === 'gb') return n * 1024 ** 3;
  return toBase(n, u);
}

const PER = /^(s|sec|second|min|minute|h|hr|hour|d|day)$/i;
const perUnit = (w: string): Unit => (/^s/i.test(w) ? 'per-s' : /^m/i.test(w) ? 'per-min' : /^h/i.test(w) ? 'per-h' : 'per-d');

/** Every figure with a unit in the text, in order. "1 hour" in a code span counts; a version ("v1.2") does not. */
export function quantitiesIn(text: string): Quantity[] {
  const t = text.replace(/[*_]{1,2}(?=\S)|(?<=\S)[*_]{1,2}/g, '');
  const out: Quantity[] = [];
  const rate = new RegExp(String.raw`(?<![\w.])${N}\s*(?:req(?:uest)?s?|calls?|attempts?|messages?)?\s*\s*(?:\/|per\s+|a\s+|every\s+)\s*(\d+\s*)?(s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?)\b`, 'gi');
  for (const m of t.matchAll(rate)) {
    if (!PER.test(m[3].replace(/s$/i, ''))) continue;
    // "100 requests / 15 min" is 100 per 15 minutes.
    out.push({ dimension: 'rate', value: toBase(num(m[1]), perUnit(m[3])) / (m[2] ? Number(m[2]) : 1), text: m[0].trim() });
  }
  const rates = out.map((q) => q.text);
  const unit = new RegExp(String.raw`(?<![\w./-])${N}[\s-]*(ms|milliseconds?|secs?|seconds?|s|mins?|minutes?|hrs?|hours?|h|days?|weeks?|years?|bytes?|kb|mb|gb|characters?|chars?)\b(?!\s*(?:\/|per\b))`, 'gi');
  for (const m of t.matchAll(unit)) {
    const u = UNIT_OF.find(([re]) => re.test(m[2]));
    if (!u || rates.some((r) => r.includes(m[0].trim()))) continue;
    // "a year ago", "a few seconds": only a figure that sizes something, never bare articles before an unknown noun.
    if (/^an?$/i.test(m[1]) && !/^(hour|day|minute|second|week|year)$/i.test(m[2])) continue;
    out.push({ dimension: u[1], value: base(num(m[1]), u[2]), text: m[0].trim() });
  }
  const rounds = t.match(/\b(?:salt\s+)?rounds?\s*[:=]?\s*(\d+)\b|\b(\d+)\s+(?:salt\s+)?rounds\b/i);
  if (rounds) out.push({ dimension: 'rounds', value: Number(rounds[1] ?? rounds[2]), text: rounds[0].trim() });
  return out;
}
