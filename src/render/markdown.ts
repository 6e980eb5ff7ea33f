// A readiness report in the shape teams write by hand, except that every line carries its evidence
// and what was not checked is listed as such, never as a pass.
import type { AuditRun, Finding } from '../model/run.js';
import { CATEGORIES } from '../model/constants.js';
import { configLine, outsideLabel, outsideReleaseFindings, releaseFindings, rolesLine, containmentLine, DECISION_LABEL, noExecLine, reuseLine, routesLine, scoreText, summaryLine, where } from './common.js';

const ICON = { GO: '🟢', GO_WITH_CONDITIONS: '🟡', NO_GO: '🔴' } as const;

function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${ticks.length > 1 ? ' ' : ''}${s}${ticks.length > 1 ? ' ' : ''}${ticks}`;
}

function findingLines(f: Finding): string[] {
  const out = [`- **${f.severity}** \`${f.ruleId}\` — ${esc(f.message)} (${code(where(f))})`];
  if (f.location?.snippet) out.push(`  - evidence: ${code(`${f.location.line}: ${f.location.snippet}`)}`);
  for (const e of f.evidence.slice(0, 3)) {
    if (e.kind === 'command') out.push(`  - ran ${code(e.command)} → exit ${e.exitCode} in ${Math.round(e.durationMs / 100) / 10} s`);
    else if (e.kind === 'file') out.push(`  - see ${code(`${e.path}:${e.line}`)}: ${code(e.snippet)}`);
    else if (e.kind === 'figure') out.push(`  - ${e.name}: ${e.value}`);
    else out.push(`  - ${esc(e.text)}`);
  }
  if (f.suppressed) out.push(`  - suppressed at ${code(f.suppressed.where)}: ${esc(f.suppressed.reason)}`);
  else out.push(`  - fix: ${esc(f.remediation)}`);
  return out;
}

export function renderMarkdown(run: AuditRun): string {
  const name = run.packages.find((p) => p.path === '.')?.name ?? run.repo.root.split('/').pop();
  const d = run.gate.decision;
  const out: string[] = [
    `# Production readiness: ${name}`,
    '',
    `**Decision**: ${ICON[d]} **${DECISION_LABEL[d]}**  `,
    `**Overall score**: ${scoreText(run.scores.overall)}/100 (${run.scores.coverage.verified} of ${run.scores.coverage.total} checks verified)  `,
    `**Audited**: \`${run.repo.root}\`${run.repo.commit ? ` at \`${run.repo.commit.slice(0, 12)}\`${run.repo.dirty ? ' (uncommitted changes)' : ''}` : ''} by verdict ${run.tool.version}${run.options.exec ? '' : ' with `--no-exec` (no code from the repository was run)'}`,
    '',
  ];
  const contained = containmentLine(run);
  if (contained) out.push(`**Containment**: ${contained}`, '');
  const configured = configLine(run);
  if (configured) {
    out.push(`> ⚙️ **${esc(configured)}**`, ...run.configuration.changes.map((ch) => `> - ${esc(ch.text)}`), '');
  }
  out.push(`> ${summaryLine(run)}`, '');
  const noExec = noExecLine(run);
  if (noExec) out.push(`> ${noExec}`, '');
  const cached = reuseLine(run);
  if (cached) out.push(`> ${cached}`, '');
  if (run.gate.reasons.length) {
    out.push('## Blocking reasons', '');
    for (const r of run.gate.reasons) out.push(`- ❌ ${esc(r.message)}${r.evidence ? ` (${code(r.evidence)})` : ''}`);
    out.push('');
  }
  if (run.gate.conditions.length) {
    out.push('## Conditions', '');
    for (const r of run.gate.conditions) out.push(`- ⚠️ ${esc(r.message)}${r.evidence ? ` (${code(r.evidence)})` : ''}`);
    out.push('');
  }
  out.push('## Scores by category', '', '| Category | Score | Checks verified | Critical | High | Medium | Low |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const [cat, s] of Object.entries(run.scores.categories)) {
    const n = s.counts;
    out.push(`| ${cat} | ${scoreText(s.score)} | ${s.coverage.verified}/${s.coverage.total} | ${n.critical} | ${n.high} | ${n.medium} | ${n.low} |`);
  }
  out.push('');
  const active = releaseFindings(run);
  if (active.length) {
    out.push('## Findings', '');
    for (const cat of CATEGORIES) {
      const list = active.filter((f) => f.category === cat);
      if (!list.length) continue;
      out.push(`### ${cat}`, '');
      for (const f of list) out.push(...findingLines(f));
      out.push('');
    }
  }
  const outside = outsideReleaseFindings(run);
  if (outside.length) {
    out.push(`## Outside release code (${outside.length})`, '', 'In tests, mocks, scripts, examples, generated, vendored, archived or template files, or migrations applied long ago: severity lowered, never blocking.', '');
    for (const f of outside) {
      const [first, ...rest] = findingLines(f);
      out.push(`${first} — ${esc(outsideLabel(f))}`, ...rest);
    }
    out.push('');
  }
  out.push(...routesSection(run));
  const roles = rolesLine(run);
  if (roles) out.push('## File roles', '', `${esc(roles)} The trees and overrides are \`inventory.roles\` in the JSON output.`, '');
  const suppressed = run.findings.filter((f) => f.suppressed);
  if (suppressed.length) {
    out.push(`## Suppressed (${suppressed.length})`, '');
    for (const f of suppressed) out.push(...findingLines(f));
    out.push('');
  }
  const passed = run.outcomes.filter((o) => o.status === 'pass');
  if (passed.length) {
    out.push('## Verified passing', '');
    for (const o of passed) out.push(`- ✅ \`${o.ruleId}\`${o.package ? ` [${esc(o.package)}]` : ''}: ${esc(o.reason)}`);
    out.push('');
  }
  out.push('## Unverified', '');
  if (run.unknowns.length === 0) out.push('Every applicable check ran.');
  for (const u of run.unknowns) out.push(`- ❔ \`${u.check}\`${u.package ? ` [${esc(u.package)}]` : ''}: ${esc(u.reason)}`);
  out.push('');
  if (run.packages.length > 1) {
    out.push('## Packages', '', '| Package | Path | Score | Checks verified | Frameworks | Data access |', '|---|---|---:|---:|---|---|');
    for (const p of run.packages) {
      const s = run.scores.packages[p.name];
      out.push(`| ${esc(p.name)} | \`${p.path}\` | ${scoreText(s?.overall ?? null)} | ${s ? `${s.coverage.verified}/${s.coverage.total}` : '-'} | ${p.frameworks.join(', ') || '-'} | ${p.orms.join(', ') || '-'} |`);
    }
    out.push('');
  }
  if (run.diagnostics.length) {
    out.push('## Input problems', '');
    for (const p of run.diagnostics) out.push(`- ${code(p.path)}: ${esc(p.problem)} — ${esc(p.action)}`);
    out.push('');
  }
  return out.join('\n');
}

/** A short summary of `inventory.routes`; the list itself is in the JSON output. */
function routesSection(run: AuditRun): string[] {
  const line = routesLine(run);
  return line ? ['## Routes', '', `${line} The full list is \`inventory.routes\` in the JSON output.`, ''] : [];
}
