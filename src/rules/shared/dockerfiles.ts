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

/**
 * The instructions of the stages the final image is built from: the last stage and the stages it
 * derives from by name (`FROM builder AS runner`). A stage only copied from (`COPY --from=builder`)
 * leaves its ENV and ARG values in the build cache, not in the image. Null when there is no FROM.
 */
export function shippedInstructions(all: readonly Instruction[]): Instruction[] | null {
  const stages: Array<{ name: string | null; base: string; body: Instruction[] }> = [];
  for (const ins of all) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const as = words.findIndex((w) => w.toUpperCase() === 'AS');
      stages.push({ name: as >= 0 ? (words[as + 1] ?? '').toLowerCase() : null, base: (words[0] ?? '').toLowerCase(), body: [] });
    } else if (stages.length > 0) stages[stages.length - 1].body.push(ins);
    // ARG before the first FROM is global: it reaches every stage that declares it again.
  }
  if (stages.length === 0) return null;
  const shipped: Instruction[] = [];
  const seen = new Set<number>();
  for (let i = stages.length - 1; i >= 0 && !seen.has(i);) {
    seen.add(i);
    shipped.push(...stages[i].body);
    const base = stages[i].base;
    i = stages.findIndex((s, j) => j < i && s.name === base);
  }
  return shipped;
}
