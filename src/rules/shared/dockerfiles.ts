// Dockerfiles and their instructions, read from the text collect kept.

/** `Dockerfile`, `Dockerfile.prod`, `docker/api.Dockerfile`. */
export const DOCKERFILE = /(^|\/)(?:Dockerfile[\w.-]*|[\w.-]+\.Dockerfile)$/i;

/** A Dockerfile for development or tests, by its name (`Dockerfile.dev`, `test.Dockerfile`): not the image that ships. */
export const NON_RELEASE_DOCKERFILE = /(^|[./_-])(dev|develop|development|local|test|tests|e2e|ci)([./_-]|$)/i;

export interface Instruction { line: number; keyword: string; args: string }

/** The instructions of a Dockerfile, continuation lines joined, comments and blank lines skipped; `line` is where each starts. */
export function instructionsOf(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i];
    if (/^\s*(#|$)/.test(line)) continue;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) line = line.replace(/\\\s*$/, ' ') + lines[++i].replace(/^\s*#.*$/, '');
    const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(line);
    if (m) out.push({ line: start + 1, keyword: m[1].toUpperCase(), args: m[2].trim() });
  }
  return out;
}

/**
 * The key/value pairs of an `ENV` or `ARG` instruction: `KEY=value KEY2="two words"`, and the legacy
 * `ENV KEY value with spaces`. An `ARG KEY` with no default has a null value.
 */
export function assignmentsOf(args: string): Array<{ key: string; value: string | null }> {
  const out: Array<{ key: string; value: string | null }> = [];
  if (!/^[\w.-]+=/.test(args)) {
    const [key, ...rest] = args.split(/\s+/);
    if (key) out.push({ key, value: rest.length > 0 ? unquote(rest.join(' ')) : null });
    return out;
  }
  const pair = /([\w.-]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
  for (const m of args.matchAll(pair)) out.push({ key: m[1], value: unquote(m[2]) });
  return out;
}

function unquote(v: string): string {
  return /^(["']).*\1$/s.test(v) ? v.slice(1, -1) : v;
}
