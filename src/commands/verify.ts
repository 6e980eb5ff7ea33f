import { resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import { Redactor } from '../util/redact.js';
import { checkOutputPath, writeOutput } from './output.js';
import { readReport } from '../verify/decode.js';
import { verifyReport } from '../verify/index.js';
import { annotate, renderVerify, VERIFY_FORMATS, type VerifyFormat } from '../verify/render.js';

function useColor(): boolean {
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

/** Exit 1 when any claim is contradicted, 0 otherwise; errors throw (exit 2). */
export async function verifyCommand(report: string, opts: Record<string, unknown>): Promise<number> {
  const format = String(opts.format ?? 'terminal');
  if (!(VERIFY_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format ${format}: expected one of ${VERIFY_FORMATS.join(', ')}`);
  const quiet = opts.quiet === true;
  // A bad destination is refused before the audit, not after it.
  if (typeof opts.output === 'string') checkOutputPath(opts.output, '--output');
  if (typeof opts.annotate === 'string') checkOutputPath(opts.annotate, '--annotate');
  // One redaction for every output of the command: the fact-check and the annotated copy.
  const redactor = new Redactor();
  const result = await verifyReport({
    redactor,
    report,
    repo: typeof opts.repo === 'string' ? opts.repo : undefined,
    at: typeof opts.at === 'string' ? opts.at : undefined,
    exec: opts.exec !== false,
    unsandboxed: opts.exec === true,
    install: opts.install === true,
    notice: quiet ? undefined : (l) => process.stderr.write(`verdict: ${l}\n`),
    config: typeof opts.config === 'string' ? opts.config : undefined,
    log: !quiet && process.stderr.isTTY ? (l) => process.stderr.write(`verdict: ${l}\n`) : undefined,
  });
  const text = redactor.redact(renderVerify(result, format as VerifyFormat, typeof opts.output === 'string' ? false : useColor()));
  if (typeof opts.output === 'string') {
    writeOutput(opts.output, text, '--output');
    if (!quiet) process.stderr.write(`verdict: wrote ${format} fact-check to ${opts.output}\n`);
  } else process.stdout.write(text);
  if (typeof opts.annotate === 'string') {
    writeOutput(opts.annotate, redactor.redact(annotate(readReport(resolve(report)).text, result.claims, result.summary)), '--annotate');
    if (!quiet) process.stderr.write(`verdict: wrote the annotated report to ${opts.annotate}\n`);
  }
  return result.summary.verdicts.contradicted > 0 ? 1 : 0;
}
