import { createColors } from 'picocolors';
import type { AuditRun, Finding, Severity } from '../model/run.js';
import { configLine, outsideLabel, outsideReleaseFindings, releaseFindings, rolesLine, containmentLine, DECISION_LABEL, noExecLine, reuseLine, routesLine, scoreText, summaryLine, where } from './common.js';

export interface TerminalOptions {
  color: boolean;
  /** How many findings to show in full. */
  top?: number;
}

export function renderTerminal(run: AuditRun, opts: TerminalOptions): string {
  const c = createColors(opts.color);
  const sev: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.red(s)), high: c.red, medium: c.yellow, low: c.cyan, info: c.dim,
  };
  const out: string[] = [];
  const head = run.repo.commit ? ` @ ${run.repo.commit.slice(0, 10)}${run.repo.dirty ? ' (dirty)' : ''}` : '';
  out.push(c.dim(`verdict ${run.tool.version} — ${run.repo.root}${head}`));
  const contained = containmentLine(run);
  if (contained) out.push(run.options.sandbox.tool ? c.dim(contained) : c.yellow(contained));
  const configured = configLine(run);
  if (configured) {
    out.push(c.yellow(configured));
    for (const ch of run.configuration.changes.slice(0, 12)) out.push(c.yellow(`  ~ ${ch.text}`));
    if (run.configuration.changes.length > 12) out.push(c.dim(`  … and ${run.configuration.changes.length - 12} more (see \`configuration\` in the JSON report)`));
  }
  const d = run.gate.decision;
  const paint = d === 'GO' ? c.green : d === 'NO_GO' ? c.red : c.yellow;
  out.push('', c.bold(paint(`GATE: ${DECISION_LABEL[d]}`)) + c.dim(`   overall score ${scoreText(run.scores.overall)}/100`));
  for (const r of run.gate.reasons) out.push(`  ${c.red('✗')} ${r.message}${r.evidence ? c.dim(` — ${r.evidence}`) : ''}`);
  for (const r of run.gate.conditions.slice(0, 15)) out.push(`  ${c.yellow('!')} ${r.message}${r.evidence ? c.dim(` — ${r.evidence}`) : ''}`);
  if (run.gate.conditions.length > 15) out.push(c.dim(`  … and ${run.gate.conditions.length - 15} more condition(s)`));

  out.push('', c.bold('Category        score  coverage  crit high  med  low'));
  for (const [cat, s] of Object.entries(run.scores.categories)) {
    const n = s.counts;
    out.push(`${cat.padEnd(15)} ${scoreText(s.score).padStart(5)}  ${`${s.coverage.verified}/${s.coverage.total}`.padStart(8)}  ${String(n.critical).padStart(4)} ${String(n.high).padStart(4)} ${String(n.medium).padStart(4)} ${String(n.low).padStart(4)}`);
  }

  const routes = routesLine(run);
  if (routes) out.push('', `${c.bold('Routes')}  ${routes}`);
  const roles = rolesLine(run);
  if (roles) out.push('', c.dim(roles));

  const active = releaseFindings(run).filter((f) => f.severity !== 'info');
  const top = opts.top ?? 12;
  if (active.length > 0) {
    out.push('', c.bold(`Findings (${Math.min(top, active.length)} of ${active.length} shown, worst first)`));
    for (const f of active.slice(0, top)) out.push(...frame(f, sev, c));
  }
  const outside = outsideReleaseFindings(run);
  if (outside.length > 0) {
    const shown = outside.filter((f) => f.severity !== 'info').slice(0, 5);
    out.push('', c.bold(`Outside release code (${outside.length}: lowered severity, never blocking)`));
    for (const f of shown) out.push(`  ${sev[f.severity](f.severity.toUpperCase().padEnd(8))} ${c.bold(f.ruleId)}  ${c.dim(`${where(f)} (${outsideLabel(f)})`)}`, `           ${f.message}`);
    if (outside.length > shown.length) out.push(c.dim(`  … and ${outside.length - shown.length} more (see the JSON or Markdown report)`));
  }
  if (run.unknowns.length > 0) {
    out.push('', c.bold(`Not verified (${run.unknowns.length})`));
    for (const u of run.unknowns.slice(0, 20)) out.push(`  ${c.yellow('?')} ${u.check}${u.package ? ` [${u.package}]` : ''}: ${u.reason}`);
    if (run.unknowns.length > 20) out.push(c.dim(`  … and ${run.unknowns.length - 20} more`));
  }
  if (run.diagnostics.length > 0) {
    out.push('', c.bold(`Input problems (${run.diagnostics.length})`));
    for (const p of run.diagnostics.slice(0, 10)) out.push(`  ${c.yellow('⚠')} ${p.path}: ${p.problem} — ${p.action}`);
    if (run.diagnostics.length > 10) out.push(c.dim(`  … and ${run.diagnostics.length - 10} more (see the JSON report)`));
  }
  out.push('', summaryLine(run));
  const noExec = noExecLine(run);
  if (noExec) out.push(c.yellow(noExec));
  const cached = reuseLine(run);
  if (cached) out.push(c.dim(cached));
  return `${out.join('\n')}\n`;
}

function frame(f: Finding, sev: Record<Severity, (s: string) => string>, c: ReturnType<typeof createColors>): string[] {
  const lines = [`  ${sev[f.severity](f.severity.toUpperCase().padEnd(8))} ${c.bold(f.ruleId)}  ${c.dim(where(f))}`, `           ${f.message}`];
  if (f.location?.snippet) {
    const n = String(f.location.line);
    lines.push(c.dim(`           ${n} | `) + f.location.snippet);
  }
  for (const e of f.evidence.slice(0, 2)) {
    if (e.kind === 'command') lines.push(c.dim(`           $ ${e.command} (exit ${e.exitCode})`));
    else if (e.kind === 'file') lines.push(c.dim(`           see ${e.path}:${e.line}: ${e.snippet}`));
    else if (e.kind === 'note') lines.push(c.dim(`           ${e.text}`));
  }
  lines.push(c.dim(`           fix: ${f.remediation}`));
  return lines;
}
