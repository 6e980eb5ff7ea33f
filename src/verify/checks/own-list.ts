// "**Total:** 12 files (5 modified existing + 2 new)" under a list of files, "**Critical Issues Found**: 3"
// in a summary when a later section lists the critical issues: the figure is a total of items the report
// itself lists. It is decided by counting that list in the report (and, when the line splits the total
// into parts, by adding the parts), and the reason says the count is the report's, not the code's.
import type { Evidence } from '../../model/run.js';
import { figure } from '../repo.js';
import { type Check, confirmed, contradicted } from './context.js';

export interface OwnList {
  n: number;
  noun: string;
  /** The parts the line splits the total into ("5 modified existing + 2 new"), empty when it gives none. */
  parts: number[];
  /** Lines (1-based, inclusive) of the report holding the listed items. */
  from: number;
  to: number;
  /** The heading the list is under, for the reason. */
  under: string;
}

const HEADING = /^(#{1,6})\s+(.*)$/;
const RULE = /^\s*(---+|\*\*\*+|___+)\s*$/;
const FENCE = /^\s*(```|~~~)/;

const plain = (t: string) => t.replace(/[*_`]/g, '').replace(/[\u{1F300}-\u{1FAFF}\u2600-\u27BF]|\uFE0F/gu, '').replace(/\s+/g, ' ').trim();

/** Items of lines[from..to): top-level list items and table body rows, outside fences. */
function itemsIn(lines: string[], from: number, to: number): number[] {
  const items: number[] = [];
  let fenced = false;
  for (let i = from; i < to; i++) {
    const l = lines[i];
    if (FENCE.test(l)) { fenced = !fenced; continue; }
    if (fenced) continue;
    if (/^(\d+[.)]|[-*+])\s+\S/.test(l)) items.push(i + 1);
    // A table row that is neither the header (followed by the rule) nor the rule itself.
    else if (/^\|.*\|\s*$/.test(l) && !/^\|[\s:|-]+\|\s*$/.test(l) && !/^\|[\s:|-]+\|\s*$/.test(lines[i + 1] ?? '')) items.push(i + 1);
  }
  return items;
}

/** "Total: N noun (a x + b y)" closing a list: the list is the section back to a rule or a top-level heading. */
function total(lines: string[], idx: number): OwnList | null {
  const m = plain(lines[idx]).replace(/^[-*+]\s+/, '').match(/^Total:?\s*(\d+)\s+([a-z][\w-]*)(?:\s*\(([^)]*)\))?\s*$/i);
  if (!m) return null;
  let start = idx - 1;
  for (; start >= 0; start--) {
    if (RULE.test(lines[start])) break;
    const h = lines[start].match(HEADING);
    if (h && h[1].length <= 2) break;
  }
  const under = start >= 0 && HEADING.test(lines[start]) ? plain(lines[start].replace(/^#+\s*/, '')) : 'the lines above it';
  const parts = m[3] && /\+/.test(m[3]) ? m[3].split('+').map((p) => Number(p.match(/\d+/)?.[0] ?? NaN)) : [];
  return { n: Number(m[1]), noun: m[2], parts: parts.every(Number.isFinite) ? parts : [], from: start + 1, to: idx, under };
}

/**
 * "Critical Issues Found: 3" in a summary: the section of the report headed by the same words lists them.
 * Only a heading on another line counts (a heading that states its own count heads the findings: their
 * number is a fact of the code, not of the report's list).
 */
function summary(lines: string[], idx: number): OwnList | null {
  if (HEADING.test(lines[idx])) return null;
  const m = plain(lines[idx]).replace(/^[-*+]\s+/, '').match(/^([A-Za-z][\w -]{2,40}?)(?:\s+(?:found|identified))?\s*:\s*(\d+)\b/i);
  if (!m || !/\b(issues|violations|blockers|findings|gaps|problems)\b/i.test(m[1])) return null;
  const label = m[1].trim().toLowerCase();
  const esc = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The label as whole words: "Critical Issues" is not "Non-Critical Issues".
  const named = new RegExp(`(^|[^\\w-])${esc}\\b`, 'i');
  const heads = lines.map((l, i) => ({ i, h: l.match(HEADING) })).filter((x) => x.i !== idx && x.h && named.test(plain(x.h[2])));
  if (heads.length !== 1) return null;
  const { i, h } = heads[0];
  let end = i + 1;
  while (end < lines.length && !(lines[end].match(HEADING) && lines[end].match(HEADING)![1].length <= h![1].length) && !RULE.test(lines[end])) end++;
  return { n: Number(m[2]), noun: label, parts: [], from: i + 1, to: end, under: plain(h![2]) };
}

export function ownListClaim(reportText: string | undefined, line: number): OwnList | null {
  if (!reportText) return null;
  const lines = reportText.split('\n');
  const idx = line - 1;
  if (idx < 0 || idx >= lines.length) return null;
  return total(lines, idx) ?? summary(lines, idx);
}

/** The figure against the items the report lists; `report` is the report's path for the evidence. */
export function ownList(o: OwnList, reportText: string, report: string): Check | null {
  const lines = reportText.split('\n');
  const items = itemsIn(lines, o.from, o.to);
  if (items.length === 0) return null;
  const at = (l: number): Evidence => ({ kind: 'file', path: report, line: l, snippet: lines[l - 1].trim().slice(0, 160) });
  const ev = [at(items[0]), at(items[items.length - 1]), figure(`items the report lists under "${o.under}"`, items.length)];
  const sum = o.parts.reduce((a, b) => a + b, 0);
  const whose = `counted in the report itself (lines ${items[0]}-${items[items.length - 1]}), not in the code`;
  if (items.length !== o.n) return contradicted(`the report lists ${items.length} ${o.noun} under "${o.under}", not ${o.n} (${whose})`, ev);
  if (o.parts.length && sum !== o.n) return contradicted(`the report lists ${o.n} ${o.noun} under "${o.under}", but the parts it gives add up to ${sum} (${o.parts.join(' + ')}) (${whose})`, [...ev, figure('sum of the parts given', sum)]);
  return confirmed(`the report lists ${o.n} ${o.noun} under "${o.under}" (${whose})`, ev);
}
