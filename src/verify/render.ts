// verify's outputs: terminal, Markdown, JSON (the model itself), and the annotated copy of the report.
import pc from 'picocolors';
import type { Evidence } from '../model/run.js';
import { configLine } from '../render/common.js';
import { escapeControl, mapStrings } from '../util/control.js';
import { isShown } from './shown.js';
import type { Claim, ClaimVerdict, VerifyResult } from './model.js';

export const VERIFY_FORMATS = ['terminal', 'markdown', 'json'] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

const MARK: Record<ClaimVerdict, string> = { confirmed: '✔ confirmed', contradicted: '✘ CONTRADICTED', unverifiable: '? unverifiable' };

export function evidenceText(e: Evidence): string {
  switch (e.kind) {
    case 'file': return `${e.path}:${e.line}: ${e.snippet}`;
    case 'command': return `\`${e.command}\` exit ${e.exitCode ?? 'none'}`;
    case 'figure': return `${e.name}: ${e.value}`;
    case 'note': return e.text;
  }
}

const short = (t: string, n = 110) => (t.length > n ? `${t.slice(0, n - 1)}…` : t).replace(/\n/g, ' ');

function headline(r: VerifyResult): string[] {
  const s = r.summary;
  const p = r.provenance;
  const lines = [
    `${s.claims} claims, ${Math.round(s.recognisedShare * 100)}% recognised: ${s.verdicts.confirmed} confirmed, ${s.verdicts.contradicted} contradicted, ${s.verdicts.unverifiable} unverifiable`,
    s.trust,
  ];
  lines.push(`${s.notClaims} other line(s) of the report are prose, plans or judgements, not treated as claims.`);
  if (p.addedIn && p.changesUnknown) lines.push(`The report was added in ${p.addedIn.slice(0, 7)} (${p.addedOn}); what changed since is unknown (${p.changesUnknown}), so no claim is marked stale.`);
  else if (p.addedIn) lines.push(`The report was added in ${p.addedIn.slice(0, 7)} (${p.addedOn}); ${p.changedSince.length} file(s) changed since.`);
  else if (p.tracked) lines.push('The report is tracked by git but its adding commit was not found.');
  else lines.push('The report is not tracked by git in this repository: its age is unknown.');
  if (!r.repo.exec) lines.push('Probes did not run: claims that need tests, typecheck, lint, build or audit results are unverifiable.');
  const configured = configLine(r.repo);
  if (configured) lines.unshift(`${configured}${r.repo.configuration.changes.length ? `: ${r.repo.configuration.changes.map((c) => c.text).join('; ')}` : ''}`);
  return lines;
}

export function renderTerminal(r: VerifyResult, color: boolean): string {
  const c = color ? pc : pc.createColors(false);
  const paint: Record<ClaimVerdict, (s: string) => string> = { confirmed: c.green, contradicted: c.red, unverifiable: c.dim };
  const out = [c.bold(`verdict verify ${r.report.path}`), ...headline(r), ''];
  const byId = new Map(r.claims.map((x) => [x.id, x]));
  if (r.summary.worst.length) {
    out.push(c.bold('Contradicted, worst first:'));
    for (const id of r.summary.worst) {
      const x = byId.get(id)!;
      out.push(`  ${c.red('✘')} line ${x.line} [${x.kind}] ${short(x.text)}`, `      ${x.reason}`);
      for (const e of x.evidence.slice(0, 2)) out.push(c.dim(`      ${short(evidenceText(e), 140)}`));
    }
    out.push('');
  }
  out.push(c.bold('All claims:'));
  for (const x of r.claims) out.push(`  ${paint[x.verdict](MARK[x.verdict].padEnd(15))} ${String(x.line).padStart(4)} ${c.dim(`[${x.kind}]`)} ${short(x.text, 80)}${x.verdict === 'unverifiable' ? '' : c.dim(` — ${short(x.reason, 80)}`)}`);
  return `${out.join('\n')}\n`;
}

const cell = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(r: VerifyResult): string {
  const out = [`# Fact-check of \`${r.report.path}\``, '', ...headline(r).map((l) => `- ${l}`), ''];
  const byId = new Map(r.claims.map((x) => [x.id, x]));
  if (r.summary.worst.length) {
    out.push('## Contradicted, worst first', '');
    for (const id of r.summary.worst) {
      const x = byId.get(id)!;
      out.push(`- **Line ${x.line}** (${x.kind}): ${cell(short(x.text, 200))}`, `  - ${x.reason}`);
      for (const e of x.evidence.slice(0, 3)) out.push(`  - \`${evidenceText(e).replace(/`/g, "'")}\``);
    }
    out.push('');
  }
  out.push('## All claims', '', '| Line | Section | Claim | Kind | Verdict | Why |', '|---:|---|---|---|---|---|');
  for (const x of r.claims) out.push(`| ${x.line} | ${cell(x.section.slice(-1)[0] ?? '')} | ${cell(short(x.text, 120))} | ${x.kind} | ${x.verdict} | ${cell(x.reason)} |`);
  return `${out.join('\n')}\n`;
}

/** The text formats show control characters of the report and the repository as visible escapes. */
export function renderVerify(r: VerifyResult, format: VerifyFormat, color: boolean): string {
  if (format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
  const safe = mapStrings(r, escapeControl, { keys: true });
  return format === 'markdown' ? renderMarkdown(safe) : renderTerminal(safe, color);
}

const NOTE: Record<ClaimVerdict, string> = { confirmed: '✅ verdict: confirmed', contradicted: '❌ verdict: CONTRADICTED', unverifiable: '❔ verdict: unverifiable' };

function note(x: Claim): string {
  const ev = x.evidence.find((e) => e.kind === 'file' || e.kind === 'command');
  const quote = ev && x.verdict !== 'unverifiable' ? ` — \`${short(evidenceText(ev), 100).replace(/`/g, "'")}\`` : '';
  return escapeControl(`${NOTE[x.verdict]} — ${x.reason}${quote}`);
}

/**
 * The report with a one-line note after each checked claim: a nested item under a list item, a
 * quote under a heading or paragraph line, and, since a table cannot take a line between its rows,
 * the notes of a table's rows quoted right after the table, each led by the row's first cell.
 * Plans, judgements and unrecognised lines get no note: the markers show what was checked.
 */
export function annotate(markdown: string, claims: Claim[], summary?: VerifyResult['summary']): string {
  const lines = markdown.split('\n');
  const inserts = new Map<number, string[]>();
  const add = (afterLine: number, ...text: string[]) => inserts.set(afterLine, [...(inserts.get(afterLine) ?? []), ...text]);
  const isRow = (n: number) => /^\s*\|/.test(lines[n - 1] ?? '');
  const shown = claims.filter(isShown);
  for (const x of shown) {
    const item = (lines[x.line - 1] ?? '').match(/^(\s*)([-*+]|\d+[.)])(\s+)/);
    if (x.source === 'table') {
      let end = x.line;
      while (isRow(end + 1)) end++;
      const first = short(x.text.split(' | ')[0], 60);
      add(end, `> ${note(x).replace(' — ', ` — **${cell(first)}**: `)}  `);
    } else if (item) {
      add(x.endLine, `${' '.repeat(item[1].length + item[2].length + item[3].length)}- *${note(x)}*`);
    } else {
      add(x.endLine, '', `> ${note(x)}`, '');
    }
  }
  const out: string[] = summary ? summaryBlock(summary, claims) : [];
  lines.forEach((l, i) => {
    out.push(l);
    const notes = inserts.get(i + 1);
    if (!notes) return;
    if (isRow(i + 1)) out.push('');
    for (const n of notes) if (!(n === '' && out[out.length - 1] === '')) out.push(n);
    if (out[out.length - 1] === '' && (lines[i + 1] ?? '') === '') out.pop();
  });
  return out.join('\n');
}

/** The annotated copy opens with what a reviewer needs first: the counts and the worst contradictions. */
function summaryBlock(s: VerifyResult['summary'], claims: Claim[]): string[] {
  const byId = new Map(claims.map((x) => [x.id, x]));
  const out = [
    `> **verdict verify:** ${s.claims} claims: ${s.verdicts.confirmed} confirmed, ${s.verdicts.contradicted} contradicted, ${s.verdicts.unverifiable} unverifiable; ${s.notClaims} other line(s) are prose, plans or judgements and carry no mark.`,
    `> ${escapeControl(s.trust)}`,
  ];
  for (const id of s.worst.slice(0, 5)) {
    const x = byId.get(id)!;
    const ev = x.evidence.find((e) => e.kind === 'file' || e.kind === 'command') ?? x.evidence[0];
    out.push(`> - ❌ line ${x.line}: ${escapeControl(short(x.text, 90))} — ${escapeControl(short(x.reason, 140))}${ev ? ` (\`${escapeControl(short(evidenceText(ev), 90)).replace(/`/g, "'")}\`)` : ''}`);
  }
  return [...out, ''];
}
