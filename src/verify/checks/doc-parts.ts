// "`DEPLOYMENT.md` - Step 17 (emergency rollback)", "Tier 1: Schema correctness (BLOCKING)" under a
// section whose `**File:**` is the guide: a numbered part of a named document, judged by that
// document's own heading with that number. The subject is the heading (outside code fences), not a word
// anywhere in the file: its label must carry the words the report gives, and a heading with that number
// and other words contradicts it.
import type { RawClaim } from '../extract.js';
import type { Subject } from '../model.js';
import { fileEvidence, type Hit } from '../repo.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';

const NOUNS = 'step|tier|phase|stage|part|level|section|check';
const PART = new RegExp(String.raw`\b(${NOUNS})\s*#?(\d+)\b[*_]*\s*(?:\(([^)]+)\)|[:\u2013\u2014-]\s*(.+))`, 'i');
const DOC = /[\w./-]+\.(md|mdx|txt|rst)\b/gi;
const FENCE = /^\s*(```|~~~)/;
const STOP = new Set(['the', 'and', 'for', 'with', 'of', 'in', 'on', 'to']);

const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2 && !STOP.has(w)).map((w) => w.replace(/(ies|es|s|ing|ed)$/, ''));

/** The documents a section of the report names, from its heading to the next heading of the same or a higher level. */
function sectionDocs(reportText: string, line: number): string[] {
  const lines = reportText.split('\n');
  let start = line - 1;
  while (start > 0 && !/^#{1,6}\s/.test(lines[start])) start--;
  const level = (lines[start].match(/^(#{1,6})\s/)?.[1].length) ?? 1;
  let end = line;
  while (end < lines.length && !(new RegExp(`^#{1,${level}}\\s`).test(lines[end]))) end++;
  const docs = lines.slice(start, end).flatMap((l) => (/\bfile\b/i.test(l) ? [...l.matchAll(DOC)].map((m) => m[0]) : []));
  return [...new Set(docs)];
}

/** The claim's document, noun, number and label; null for lines that name no numbered part of one document. */
export function docPartClaim(raw: RawClaim, reportText: string | undefined): Subject | null {
  // A heading of the report numbers the report's own phases, not a part of another document.
  if (raw.source === 'heading') return null;
  const t = raw.text.replace(/\*\*|__|`/g, '');
  const m = t.match(PART);
  if (!m) return null;
  const label = (m[3] ?? m[4] ?? '').trim();
  if (words(label).length === 0) return null;
  const onLine = [...new Set([...t.matchAll(DOC)].map((d) => d[0]))];
  const docs = onLine.length ? onLine : reportText ? sectionDocs(reportText, raw.line) : [];
  if (docs.length !== 1) return null;
  return { topic: 'doc-part', path: docs[0], noun: m[1].toLowerCase(), n: Number(m[2]), label };
}

/** Headings outside code fences, with the number they give the noun (`Tier 1:`, `### [ ] 17. Pre-flight`). */
function numberedHeadings(lines: string[], file: string, noun: string): Array<{ n: number; rest: string; at: Hit }> {
  const out: Array<{ n: number; rest: string; at: Hit }> = [];
  const named = new RegExp(String.raw`\b${noun}\s*#?(\d+)\b\s*[:.)\u2013\u2014-]?\s*(.*)$`, 'i');
  let fenced = false;
  lines.forEach((t, i) => {
    if (FENCE.test(t)) { fenced = !fenced; return; }
    if (fenced || !/^#{1,6}\s/.test(t)) return;
    const h = t.replace(/^#{1,6}\s+/, '');
    const m = h.match(named) ?? (/^(step|check)$/.test(noun) ? h.match(/^(?:\[[ xX]\]\s*)?(\d+)[.):]\s+(.*)$/) : null);
    if (m) out.push({ n: Number(m[1]), rest: m[2], at: { path: file, line: i + 1, text: t } });
  });
  return out;
}

export function docPart(s: Subject, ctx: CheckContext): Check {
  const [file] = ctx.repo.resolve(String(s.path));
  if (!file) return contradicted(`${s.path}: no such document in the repository`, []);
  const lines = ctx.repo.lines(file) ?? [];
  const noun = String(s.noun);
  const parts = numberedHeadings(lines, file, noun);
  if (parts.length === 0) return unverifiable(`${file} numbers no ${noun}s in its headings`);
  const want = words(String(s.label));
  const part = parts.find((p) => p.n === Number(s.n));
  // Where the document does speak of the label, for the reader: an unnumbered or differently numbered section.
  const elsewhere = (): Hit | undefined => {
    let fenced = false;
    for (let i = 0; i < lines.length; i++) {
      if (FENCE.test(lines[i])) { fenced = !fenced; continue; }
      if (!fenced && /^#{1,6}\s/.test(lines[i]) && want.every((w) => words(lines[i]).includes(w))) return { path: file, line: i + 1, text: lines[i] };
    }
    return undefined;
  };
  if (!part) {
    const other = elsewhere();
    return contradicted(`${file} numbers ${parts.length} ${noun}(s) and none is ${s.n}${other ? `; "${String(s.label)}" is the section at line ${other.line}` : ''}`,
      [fileEvidence(parts[parts.length - 1].at), ...(other ? [fileEvidence(other)] : [])]);
  }
  const have = words(part.rest);
  const shared = want.filter((w) => have.includes(w));
  if (shared.length === want.length) return confirmed(`${file}:${part.at.line} is ${noun} ${s.n}: "${part.rest.trim()}"`, [fileEvidence(part.at)]);
  if (shared.length === 0) {
    const other = elsewhere();
    return contradicted(`${noun} ${s.n} of ${file} is "${part.rest.trim()}" (line ${part.at.line}), not ${String(s.label)}${other ? `; that is the section at line ${other.line}` : ''}`,
      [fileEvidence(part.at), ...(other ? [fileEvidence(other)] : [])]);
  }
  return unverifiable(`${noun} ${s.n} of ${file} is "${part.rest.trim()}" (line ${part.at.line}): some of the words the report gives, not all`);
}

/**
 * "`GUIDE.md` (includes 1-command health check script)", "✅ Automated verification script" under a
 * section whose File line is the guide: the document ships a script, i.e. a fenced shell block. The
 * script's subject is that block; a document without one does not include a script.
 */
export function docScriptClaim(raw: RawClaim, reportText: string | undefined): Subject | null {
  if (raw.source === 'heading') return null;
  const t = raw.text.replace(/\*\*|__/g, '');
  if (!/\bscripts?\b/i.test(t) || /\bnpm run\b|\.(sh|js|ts|mjs|cjs|py)\b|`[\w:-]+`\s+script/i.test(t)) return null;
  const onLine = [...new Set([...t.matchAll(DOC)].map((d) => d[0]))];
  const docs = onLine.length ? onLine : reportText ? sectionDocs(reportText, raw.line) : [];
  return docs.length === 1 ? { topic: 'doc-script', path: docs[0] } : null;
}

const SHELL_FENCE = /^\s*(```|~~~)\s*(bash|sh|shell|zsh|console)\b/i;

export function docScript(s: Subject, ctx: CheckContext): Check {
  const [file] = ctx.repo.resolve(String(s.path));
  if (!file) return contradicted(`${s.path}: no such document in the repository`, []);
  const lines = ctx.repo.lines(file) ?? [];
  const blocks: Hit[] = [];
  lines.forEach((t, i) => { if (SHELL_FENCE.test(t)) blocks.push({ path: file, line: i + 1, text: t }); });
  if (blocks.length === 0) return contradicted(`${file} has no shell code block: it includes no script`, [{ kind: 'figure', name: `shell blocks in ${file}`, value: 0 }]);
  return confirmed(`${file} includes ${blocks.length} shell block(s), first at line ${blocks[0].line}`, blocks.slice(0, 2).map(fileEvidence));
}
