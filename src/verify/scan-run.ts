// "CodeQL verification ✅", "Verified with CodeQL scanner (0 alerts)", "Zero security vulnerabilities
// (CodeQL verified)" and a "**Status: ✅ PASS**" under a section that shows `$ codeql analyze`: four
// wordings of one fact, what a run of a code scanner found. No file of the repository records that
// result, so the fact is unverifiable wherever it is stated, unless another of its lines is decided. A
// line that puts the scanner in CI ("CodeQL runs in the workflow", "security.yml | CodeQL") is another
// fact, read from the workflow.
import { CODE_SCANNERS } from '../knowledge/index.js';
import type { Subject } from './model.js';

/**
 * Words that place a scanner in a CI workflow or say it is set up ("Configured but never executed"): the line is
 * about the setup, which the workflows decide, not about a run's result.
 */
const IN_CI = /\bci\b|\bconfigured\b|\bset up\b|ci\/cd|workflows?\b|pipelines?\b|github actions?\b|\.ya?ml\b|\bon (every )?(push|pull request|pr)\b|\bpre-?commit\b|\bhooks?\b/i;
/** A run that did not happen: nothing was found because nothing ran. */
const NOT_RUN = /\bnot run\b|\bnever (executed|run|ran)\b|\bnot (yet )?executed\b|\bpending\b/i;
const FAILING = /❌|🔴|\bfail(s|ed|ing)?\b|\balerts? (found|remain)/i;

/** The scanner a line reports a run of, and what it says the run found; null when it names none, or a CI setup. */
export function scanRun(text: string, parent: string | null = null): Subject | null {
  const named = CODE_SCANNERS.filter((s) => s.words.test(text));
  if (named.length !== 1 || IN_CI.test(text) || (parent !== null && IN_CI.test(parent))) return null;
  const scanner = named[0].tool;
  if (NOT_RUN.test(text)) return { scanner, result: 'ran', polarity: 'denies' };
  const alerts = text.match(/\b(\d[\d,]*|zero|no)\s+(?:security\s+)?(?:alerts?|vulnerabilit\w*|issues?|findings?)\b/i);
  const n = alerts ? (/^(zero|no)$/i.test(alerts[1]) ? 0 : Number(alerts[1].replace(/,/g, ''))) : 0;
  if (n > 0) return { scanner, result: `alerts = ${n}`, polarity: 'asserts' };
  return { scanner, result: 'finds no alerts', polarity: FAILING.test(text) ? 'denies' : 'asserts' };
}

/** A line that is only a status ("**Status: ✅ PASS**", "Result: PASSED") names no subject of its own. */
export const BARE_STATUS = /^(?:overall\s+)?(status|result|results|outcome|state|verdict)$/i;

/**
 * The scanner whose run a section shows, for a bare status line in it: the section's lines from its
 * heading down to the status line (its command block included) name exactly one scanner.
 */
export function scannerOfSection(markdown: string, line: number): Subject | null {
  const lines = markdown.split('\n');
  let start = line - 1;
  while (start > 0 && !/^\s{0,3}#{1,6}\s/.test(lines[start - 1])) start--;
  if (start === 0) return null;
  const body = lines.slice(start - 1, line - 1).join('\n');
  const named = CODE_SCANNERS.filter((s) => s.words.test(body));
  if (named.length !== 1) return null;
  const status = lines[line - 1];
  return { scanner: named[0].tool, result: 'finds no alerts', polarity: FAILING.test(status) ? 'denies' : 'asserts' };
}
