// verdict's own invocation failing is never the repository's failure: a tool that rejects a flag
// verdict added, cannot load the reporter verdict asked for, or writes no report verdict can read is
// run again as the repository runs it (src/probes/index.ts), and only that run is judged.
import type { PlannedProbe } from './plan.js';
import type { RunResult } from './runner.js';

// "CACError: Unknown option `--x`" (vitest), "Unrecognized CLI Parameter" / "Unknown argument: x"
// (jest, yargs), "error: unknown option '--x'" (commander), "Invalid option '--x'" (eslint),
// "unexpected argument '--x' found" (biome's bpaf).
const REFUSED = /\b(?:unknown|unrecogni[sz]ed|invalid|unexpected|unsupported)\b.{0,40}\b(?:option|argument|parameter|flag)s?\b/i;
const REPORTER = /\b(?:invalid|unknown|unsupported) reporter\b|\breporter\b.{0,80}\b(?:not found|cannot be found|could not be (?:found|loaded)|failed to load|does not exist)\b|\bfailed to load (?:custom )?reporter\b/i;

/** `--outputFile.json=/tmp/x` -> `outputFile`: the names a tool's error message may use for an added flag. */
function flagNames(added: string[]): string[] {
  return [...new Set(added.filter((a) => a.startsWith('-')).map((a) => a.replace(/^-+/, '').split(/[=.]/)[0]).filter((n) => n.length > 1))];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Why the tool refused verdict's invocation (the line it printed), or null when the run can be judged as it is. */
export function rejection(p: PlannedProbe, r: RunResult, readable: boolean): string | null {
  if (!p.added || p.added.length === 0 || r.timedOut || r.spawnError) return null;
  if (r.exitCode === 0 && readable) return null;
  const who = p.tool ? `${p.tool.name}${p.tool.version ? ` ${p.tool.version}` : ''}` : 'the tool';
  const names = flagNames(p.added).map((n) => new RegExp(`(?:^|[^\\w-])-{0,2}${escape(n)}\\b`));
  // eslint-disable-next-line no-control-regex
  const lines = `${r.stderr}\n${r.stdout}`.replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const refused = lines.find((l) => REFUSED.test(l) && names.some((n) => n.test(l))) ?? lines.find((l) => REPORTER.test(l));
  if (refused) return `${who} rejected the flags verdict added (${refused.slice(0, 200)})`;
  if (!readable) return `${who} exited with code ${r.exitCode ?? r.signal} without the report verdict asked for or a summary verdict could read`;
  return null;
}
