import { audit } from '../audit.js';
import { SEVERITIES, SEVERITY_RANK } from '../model/constants.js';
import type { AuditRun, Severity } from '../model/run.js';
import { FORMATS, type Format, render } from '../render/index.js';
import { escapeControl } from '../util/control.js';
import { UsageError } from '../util/errors.js';
import { Redactor } from '../util/redact.js';
import { checkOutputPath, writeOutput } from './output.js';

interface Target {
  format: Format;
  output: string | null;
}

/** The format a report file's extension names, or null when it names none. */
function formatOfPath(path: string): Format | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  return null;
}

/**
 * Pairs each --format with its --output. An --output belongs to the --format before it; one given
 * before any --format (`--output r.json --format json`) waits for the next --format that has none;
 * one that no --format takes is written in the format its extension names (.json, .md).
 */
export function parseTargets(argv: string[]): Target[] {
  const targets: Target[] = [];
  const waiting: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag !== '--format' && flag !== '--output') continue;
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    if (flag === '--format') {
      if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`--format ${value}: expected one of ${FORMATS.join(', ')}`);
      targets.push({ format: value as Format, output: waiting.shift() ?? null });
    } else {
      const last = targets[targets.length - 1];
      if (last && !last.output && waiting.length === 0) last.output = value;
      else waiting.push(value);
    }
  }
  for (const output of waiting) {
    const format = formatOfPath(output);
    if (!format) {
      throw new UsageError(`--output ${output}: no --format goes with it and its extension names none; add --format ${FORMATS.join('|')} before it, or end the file name in .json or .md`);
    }
    targets.push({ format, output });
  }
  if (targets.length === 0) targets.push({ format: 'terminal', output: null });
  if (targets.filter((t) => !t.output).length > 1) {
    throw new UsageError('at most one --format may go to stdout; give the others an --output <file>');
  }
  return targets;
}

export function exitCodeFor(run: AuditRun, failOn: string): number {
  if (run.gate.decision === 'NO_GO') return 1;
  if (failOn === 'nogo') return 0;
  if (failOn === 'conditions') return run.gate.decision === 'GO' ? 0 : 1;
  const limit = SEVERITY_RANK[failOn as Severity];
  return run.findings.some((f) => !f.suppressed && !f.experimental && SEVERITY_RANK[f.severity] <= limit) ? 1 : 0;
}

function parseThreads(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--threads ${String(v)}: expected a whole number from 1 to 64`);
  return n;
}

function useColor(): boolean {
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

export async function auditCommand(dir: string, opts: Record<string, unknown>, argv: string[]): Promise<number> {
  const failOn = String(opts.failOn ?? 'nogo');
  if (!['nogo', 'conditions', ...SEVERITIES].includes(failOn)) {
    throw new UsageError(`--fail-on ${failOn}: expected nogo, conditions or a severity (${SEVERITIES.join(', ')})`);
  }
  const targets = parseTargets(argv);
  // A bad destination is refused before the audit, not after it.
  for (const t of targets) if (t.output) checkOutputPath(t.output, '--output');
  if (opts.ignoreScripts === true && opts.install !== true) throw new UsageError('--ignore-scripts only applies with --install');
  if (opts.install === true && opts.exec === false) throw new UsageError('--install runs the package manager: it cannot be combined with --no-exec');
  const quiet = opts.quiet === true;
  const progress = !quiet && process.stderr.isTTY;
  const redactor = new Redactor();
  const run = await audit({
    redactor,
    root: dir,
    exec: opts.exec !== false,
    unsandboxed: opts.exec === true,
    notice: quiet ? undefined : (line) => process.stderr.write(`verdict: ${line}\n`),
    install: opts.install === true ? { ignoreScripts: opts.ignoreScripts === true } : null,
    only: typeof opts.only === 'string' ? opts.only.split(',') : [],
    skip: typeof opts.skip === 'string' ? opts.skip.split(',') : [],
    config: typeof opts.config === 'string' ? opts.config : undefined,
    cache: opts.cache !== false,
    cacheDir: typeof opts.cacheDir === 'string' ? opts.cacheDir : undefined,
    timing: opts.timing === true,
    threads: parseThreads(opts.threads),
    quiet,
    log: progress ? (line) => process.stderr.write(`verdict: ${line}\n`) : undefined,
  });
  for (const t of targets) {
    // The JSON is the model, redacted string by string; the text formats are redacted once more whole.
    const rendered = render(run, t.format, { color: t.output ? false : useColor() });
    const text = t.format === 'json' ? rendered : redactor.redact(rendered);
    if (t.output) {
      writeOutput(t.output, text, '--output');
      if (!quiet) process.stderr.write(`verdict: wrote ${t.format} report to ${t.output}\n`);
    } else process.stdout.write(text);
  }
  if (!quiet) {
    for (const d of run.diagnostics.slice(0, 5)) process.stderr.write(`verdict: ${escapeControl(`${d.path}: ${d.problem}`)}\n`);
    if (run.diagnostics.length > 5) process.stderr.write(`verdict: … ${run.diagnostics.length - 5} more input problem(s) in the report\n`);
  }
  return exitCodeFor(run, failOn);
}
