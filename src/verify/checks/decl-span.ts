// "**AgentRun Model:** Lines 545-563 (includes `status`, `input`)" under a section that names
// `prisma/schema.prisma`: the lines a declaration spans in a file. The declaration is resolved in the file
// (a Prisma model or enum, a class, interface, function or enum of code), and its span (from the
// declaration to its closing brace) is compared with the range, either line-count convention accepted;
// the members the line lists must sit inside the span.
import type { RawClaim } from '../extract.js';
import type { Subject } from '../model.js';
import { fileEvidence, figure } from '../repo.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';

const KIND = /^(model|enum|class|interface|function|type|table|view)$/i;
const SPAN = /^\s*([A-Z][\w$]*)\s+(model|enum|class|interface|function|type|table|view)\s*:\s*lines?\s+(\d+)\s*[-\u2013]\s*(\d+)\b(.*)$/i;
const PATH = /`([\w@./-]+\.[a-z]{1,8})`/gi;

/** The files the report section around `line` names (its heading to the next heading of the same level). */
export function sectionFiles(reportText: string, line: number): string[] {
  const lines = reportText.split('\n');
  let start = Math.min(line - 1, lines.length - 1);
  while (start > 0 && !/^#{1,6}\s/.test(lines[start])) start--;
  const level = (lines[start].match(/^(#{1,6})\s/)?.[1].length) ?? 1;
  let end = line;
  while (end < lines.length && !(new RegExp(`^#{1,${level}}\\s`).test(lines[end]))) end++;
  return [...new Set(lines.slice(start, end).flatMap((l) => [...l.matchAll(PATH)].map((m) => m[1])))];
}

export function declSpanClaim(raw: RawClaim, reportText: string | undefined): Subject | null {
  const m = raw.text.replace(/\*\*|__/g, '').replace(/^\s*`([^`]+)`/, '$1').match(SPAN);
  if (!m || !KIND.test(m[2])) return null;
  const onLine = [...m[5].matchAll(PATH)].map((x) => x[1]);
  const files = onLine.length ? onLine : reportText ? sectionFiles(reportText, raw.line) : [];
  if (files.length !== 1) return null;
  const members = [...m[5].matchAll(/`([A-Za-z_$][\w$]*)`/g)].map((x) => x[1]);
  return { topic: 'declaration-span', name: m[1], declKind: m[2].toLowerCase(), path: files[0], from: Number(m[3]), to: Number(m[4]), members: members.join(',') };
}

/** The declaration's first line and the line of its closing brace (1-based), or null. */
function spanOf(lines: string[], name: string, kind: string): { from: number; to: number } | null {
  const decl = new RegExp(`^\\s*(export\\s+)?(default\\s+)?(declare\\s+)?(abstract\\s+)?(async\\s+)?${kind === 'table' || kind === 'view' ? '(model|table|view)' : kind}\\s+${name}\\b`, 'i');
  const i = lines.findIndex((l) => decl.test(l));
  if (i < 0) return null;
  let depth = 0;
  let opened = false;
  for (let j = i; j < lines.length; j++) {
    for (const ch of lines[j].replace(/\/\/.*$/, '')) {
      if (ch === '{') { depth++; opened = true; } else if (ch === '}') depth--;
    }
    if (opened && depth <= 0) return { from: i + 1, to: j + 1 };
  }
  return null;
}

export function declSpan(s: Subject, ctx: CheckContext): Check {
  const [file] = ctx.repo.resolve(String(s.path));
  if (!file) return unverifiable(`${s.path}: the file the report names for ${s.name} is not in the repository`);
  const lines = ctx.repo.lines(file) ?? [];
  const name = String(s.name);
  const span = spanOf(lines, name, String(s.declKind));
  const from = Number(s.from);
  const to = Number(s.to);
  if (!span) return contradicted(`${file} declares no ${s.declKind} ${name}`, [figure(`${s.declKind} ${name} in ${file}`, 0)]);
  const at = { path: file, line: span.from, text: lines[span.from - 1] };
  const end = { path: file, line: span.to, text: lines[span.to - 1] };
  // The closing brace's line or the blank after it: a reader's end of the block may differ by one.
  if (from !== span.from || Math.abs(to - span.to) > 1) {
    return contradicted(`${s.declKind} ${name} spans ${file}:${span.from}-${span.to}, not lines ${from}-${to}`, [fileEvidence(at), fileEvidence(end)]);
  }
  const members = String(s.members).split(',').filter(Boolean);
  const body = lines.slice(span.from - 1, span.to);
  const missing = members.filter((m) => !body.some((l) => new RegExp(`^\\s*(readonly\\s+|public\\s+|private\\s+)?${m}\\b`).test(l)));
  if (missing.length) return contradicted(`${s.declKind} ${name} (${file}:${span.from}-${span.to}) has no ${missing.join(', ')}`, [fileEvidence(at)]);
  return confirmed(`${s.declKind} ${name} spans ${file}:${span.from}-${span.to}${members.length ? ` and declares ${members.join(', ')}` : ''}`, [fileEvidence(at), fileEvidence(end)]);
}
