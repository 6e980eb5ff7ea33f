// Which of the repository's files a package's test script would run, read without running it: the
// script's commands (following `npm run x`), the runner each one is (knowledge/test-runners.ts), the
// runner's configuration where verdict can read it (package.json keys, JSON and YAML config files) and
// its default patterns. A configuration verdict cannot read (a JS/TS config file, a preset from a
// package, a flag that moves the selection) makes the answer unknown, never "none".
import { parse as parseYaml } from 'yaml';
import { COMMAND_WRAPPERS, NON_TEST_COMMANDS, testRunnerOf, TEST_PRESETS_KEEPING_SELECTION, type TestRunner } from '../../knowledge/index.js';
import type { DiscoveredPackage } from '../../discover/types.js';
import { globRegExp } from '../../util/glob.js';

export interface SelectionInput {
  pkg: DiscoveredPackage;
  files: ReadonlyArray<{ path: string; abs: string }>;
  document(path: string): string | undefined;
}

export type Selection =
  | { kind: 'files'; runners: string[]; files: string[]; configs: string[]; script: string }
  /** Every command of the script is a known tool that runs no test (`tsc`, `eslint`; knowledge NON_TEST_COMMANDS). */
  | { kind: 'tools'; commands: string[]; script: string }
  | { kind: 'unknown'; why: string };

interface Command { bin: string; args: string[]; script: string }

const OPERATORS = new Set(['&&', '||', ';', '|', '&']);

/** Words of a shell line, quotes removed, operators as their own words. */
function words(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let any = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") { quote = c; any = true; continue; }
    if (/\s/.test(c)) { if (cur || any) out.push(cur); cur = ''; any = false; continue; }
    const two = line.slice(i, i + 2);
    if (two === '&&' || two === '||') { if (cur || any) out.push(cur); out.push(two); cur = ''; any = false; i++; continue; }
    if (c === ';' || c === '|' || c === '&') { if (cur || any) out.push(cur); out.push(c); cur = ''; any = false; continue; }
    cur += c;
  }
  if (cur || any) out.push(cur);
  return out;
}

const RUNS_SCRIPT: Record<string, string[]> = { npm: ['run', 'run-script', 'test', 't'], pnpm: ['run'], yarn: ['run'], bun: ['run'] };

/** The commands a script runs, `npm run x` followed into script x; a string says why it is not known. */
function commandsOf(pkg: DiscoveredPackage, name: string, depth: number): Command[] | string {
  const script = pkg.scripts[name];
  if (script === undefined) return `the script \`${name}\` does not exist`;
  if (depth > 4) return `scripts call each other too deep from \`${name}\``;
  const out: Command[] = [];
  let cmd: string[] = [];
  for (const w of [...words(script), ';']) {
    if (!OPERATORS.has(w)) { cmd.push(w); continue; }
    if (cmd.length === 0) continue;
    // Assignments and wrappers before the command: `NODE_ENV=test npx cross-env X=1 jest`.
    while (cmd.length > 0 && (/^\w+=/.test(cmd[0]) || COMMAND_WRAPPERS.includes(cmd[0]) || (COMMAND_WRAPPERS.includes(out.at(-1)?.bin ?? '') && cmd[0].startsWith('-')))) {
      const w0 = cmd.shift()!;
      if (w0 === 'dotenv' || w0 === 'env-cmd') {
        // `dotenv -e .env.test -- jest`: the command follows `--`.
        const dd = cmd.indexOf('--');
        if (dd < 0) return `\`${script}\` runs a command through ${w0} verdict cannot split`;
        cmd = cmd.slice(dd + 1);
      }
    }
    const [bin, ...args] = cmd;
    cmd = [];
    if (!bin) continue;
    const runs = RUNS_SCRIPT[bin];
    const target = runs && args.length > 0 && runs.includes(args[0]) ? (args[0] === 'test' || args[0] === 't' ? 'test' : args[1]) : bin === 'yarn' || bin === 'pnpm' ? args[0] : undefined;
    // `npm run test --workspace=core`, `pnpm --filter api test`: another package's script, not followed here.
    if (runs && args.some((a) => /^(--workspaces?|-w|--filter|-F|--prefix|-C|--dir|--cwd)(=|$)/.test(a))) return `\`${script}\` runs a script of another package (${args.join(' ')}), which verdict does not follow`;
    if (runs && target) {
      if (target === name && depth > 0) return `the script \`${name}\` calls itself`;
      const inner = pkg.scripts[target] !== undefined ? commandsOf(pkg, target, depth + 1) : `\`${bin} ${args.join(' ')}\` names no script of ${pkg.name}`;
      if (typeof inner === 'string') return inner;
      out.push(...inner);
      continue;
    }
    out.push({ bin: bin.replace(/^.*node_modules\/\.bin\//, ''), args, script: `${name}: ${script}` });
  }
  return out;
}

/**
 * A regular expression a repository's config gives (Jest `testRegex`, `testPathIgnorePatterns`), compiled only when
 * it cannot backtrack without bound: no quantified group that itself holds a quantifier (`(a+)+`), no quantified
 * group whose alternatives could match the same text (`(a|a)+`, `(a|ab)*`: conservatively, alternatives that share
 * a first character, or one that starts with a class, a dot, an escape, a group or nothing), no back-reference,
 * at most 300 characters. The config is the audited repository's, so hostile input; anything else is null (unknown).
 */
export function boundedRegExp(source: string): RegExp | null {
  if (source.length > 300 || /\\[1-9]|\\k</.test(source)) return null;
  // Per open group: whether it holds a quantifier, whether it has alternatives, the first character of each
  // alternative (`*` for one that can start with several: a class, a dot, an escape, a group, or nothing), and
  // whether the next character starts an alternative.
  const groups: Array<{ quantified: boolean; alt: boolean; firsts: string[]; atStart: boolean }> = [];
  const first = (ch: string): void => {
    const g = groups[groups.length - 1];
    if (!g?.atStart) return;
    g.firsts.push(ch);
    g.atStart = false;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { first('*'); i++; continue; }
    if (c === '[') { first('*'); while (i < source.length && source[i] !== ']') { if (source[i] === '\\') i++; i++; } continue; }
    if (c === '(') {
      first('*');
      groups.push({ quantified: false, alt: false, firsts: [], atStart: true });
      // `(?:`, `(?=`, `(?!`: the group's own syntax, no character of it.
      if (source[i + 1] === '?' && ':=!'.includes(source[i + 2] ?? '')) i += 2;
    } else if (c === '|' && groups.length) {
      const g = groups[groups.length - 1];
      if (g.atStart) g.firsts.push('*');
      g.alt = true;
      g.atStart = true;
    } else if (c === ')') {
      const g = groups.pop();
      if (g?.atStart) g.firsts.push('*');
      const inner = g?.quantified ?? false;
      const next = source[i + 1];
      const repeats = next === '+' || next === '*' || next === '{';
      if (inner && repeats) return null;
      // `(a|a)+`: two alternatives that can match the same text, repeated, backtrack without bound.
      if (g?.alt && repeats && (g.firsts.includes('*') || new Set(g.firsts).size < g.firsts.length)) return null;
      if (groups.length && (inner || repeats || next === '?')) groups[groups.length - 1].quantified = true;
    } else {
      if ((c === '+' || c === '*' || c === '{') && groups.length) groups[groups.length - 1].quantified = true;
      else if (c === '.') first('*');
      else if (c !== '^' && c !== '$' && c !== '?') first(c);
    }
  }
  try { return new RegExp(source); } catch { return null; }
}

const strings = (v: unknown): string[] | null => (typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v as string[] : null);
const join = (dir: string, rel: string): string => {
  const parts = (dir === '.' || dir === '' ? [] : dir.split('/'));
  for (const p of rel.replace(/^\.\//, '').split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop(); else parts.push(p);
  }
  return parts.join('/');
};
const under = (path: string, dir: string): boolean => dir === '' || dir === '.' || path === dir || path.startsWith(`${dir}/`);
const relTo = (path: string, dir: string): string => (dir === '' || dir === '.' ? path : path.slice(dir.length + 1));

type Config = { path: string; value: Record<string, unknown> } | { path: string; unread: string } | null;

/** The runner's configuration for the package: its config file (JSON/YAML read; JS/TS not) or its package.json key. */
function configOf(r: TestRunner, input: SelectionInput, explicit: string | undefined): Config {
  const { pkg, files } = input;
  const dir = pkg.path;
  const candidates = explicit !== undefined ? [join(dir, explicit)]
    : files.map((f) => f.path).filter((p) => under(p, dir) && !p.slice(dir === '.' ? 0 : dir.length + 1).includes('/') && r.configFiles.test(p.split('/').pop()!));
  if (explicit !== undefined && !files.some((f) => f.path === candidates[0])) return { path: candidates[0], unread: `the config ${candidates[0]} the script names is no file of the repository` };
  const file = candidates.sort()[0];
  if (file) {
    const text = input.document(file);
    if (/\.(json|jsonc|ya?ml)$|\/\.mocharc$|\/\.taprc$|^\.mocharc$|^\.taprc$/.test(file) && text !== undefined) {
      try {
        const v = /\.jsonc?$/.test(file) ? JSON.parse(text) : parseYaml(text);
        if (v && typeof v === 'object' && !Array.isArray(v)) return { path: file, value: v as Record<string, unknown> };
      } catch { /* unread below */ }
      return { path: file, unread: `${file} does not parse` };
    }
    return { path: file, unread: `${file} is code verdict does not evaluate` };
  }
  if (r.manifestKey && pkg.manifestPath) {
    const text = input.document(pkg.manifestPath);
    if (text === undefined) return { path: pkg.manifestPath, unread: `${pkg.manifestPath} was not read` };
    try {
      const v = (JSON.parse(text) as Record<string, unknown>)[r.manifestKey];
      if (v === undefined) return null;
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) return { path: `${pkg.manifestPath} "${r.manifestKey}"`, value: v as Record<string, unknown> };
      return { path: pkg.manifestPath, unread: `"${r.manifestKey}" in ${pkg.manifestPath} is no object` };
    } catch { return { path: pkg.manifestPath, unread: `${pkg.manifestPath} does not parse` }; }
  }
  return null;
}

/** The files one command of the script selects, or why that is not known. */
function selectedBy(c: Command, r: TestRunner, input: SelectionInput): { files: string[]; config: string | null } | string {
  const positional: string[] = [];
  let explicit: string | undefined;
  for (let i = 0; i < c.args.length; i++) {
    const a = c.args[i];
    if (a === r.flag && i === c.args.indexOf(r.flag)) continue;
    if (!a.startsWith('-')) { positional.push(a); continue; }
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (r.selectFlags.includes(flag)) return `\`${c.script}\` passes ${flag}, which moves what ${r.runner} selects`;
    const value = r.valueFlags.includes(flag) ? inline ?? c.args[++i] : undefined;
    if ((flag === '--config' || flag === '-c') && r.valueFlags.includes(flag)) explicit = value;
  }
  const dir = input.pkg.path;
  const mine = input.files.filter((f) => under(f.path, dir) && !/(^|\/)node_modules\//.test(f.path));
  if (positional.length > 0 && r.positional === 'select') {
    // Files, folders or globs relative to the package.
    const res = positional.map((p) => ({ p: join(dir, p), re: globRegExp(join(dir, p)) }));
    if (res.some((x) => !x.re)) return `\`${c.script}\` names ${positional.join(' ')}, a pattern verdict does not read`;
    return { files: mine.filter((f) => res.some((x) => x.re!.test(f.path) || under(f.path, x.p))).map((f) => f.path), config: null };
  }
  const cfg = configOf(r, input, explicit);
  if (cfg && 'unread' in cfg) return `${r.runner}'s configuration is not read: ${cfg.unread}`;
  const v = cfg?.value ?? {};
  const defaults = (files: typeof mine, base: string) => files.filter((f) => r.defaults.some((p) => new RegExp(p).test(relTo(f.path, base)))).map((f) => f.path);
  if (r.bin === 'jest') {
    if (v.projects !== undefined) return `${cfg!.path} declares jest projects, which verdict does not follow`;
    if (v.preset !== undefined && !(typeof v.preset === 'string' && TEST_PRESETS_KEEPING_SELECTION.some((p) => v.preset === p || (v.preset as string).startsWith(`${p}/`)))) return `${cfg!.path} uses the preset ${JSON.stringify(v.preset)}, whose patterns verdict does not read`;
    const cfgDir = cfg && !cfg.path.includes(' ') ? cfg.path.split('/').slice(0, -1).join('/') || '.' : dir;
    if (v.rootDir !== undefined && typeof v.rootDir !== 'string') return `rootDir in ${cfg!.path} is no string`;
    const rootDir = join(cfgDir, (v.rootDir as string | undefined) ?? '.');
    const roots = v.roots === undefined ? [rootDir] : strings(v.roots)?.map((x) => join(rootDir, x.replace(/^<rootDir>\/?/, '')));
    if (!roots) return `roots in ${cfg!.path} is no list of paths`;
    const inRoots = mine.filter((f) => roots.some((r0) => under(f.path, r0)));
    const ignore = v.testPathIgnorePatterns === undefined ? ['/node_modules/'] : strings(v.testPathIgnorePatterns);
    if (!ignore) return `testPathIgnorePatterns in ${cfg!.path} is no list`;
    const ignores = ignore.map((p) => boundedRegExp(p.replace(/<rootDir>/g, '')));
    if (ignores.some((x) => !x)) return `testPathIgnorePatterns in ${cfg!.path} holds a pattern verdict does not run (unbounded or invalid)`;
    const ignored = (f: { abs: string }) => ignores.some((x) => x!.test(f.abs));
    if (v.testRegex !== undefined) {
      const regs = strings(v.testRegex);
      if (!regs) return `testRegex in ${cfg!.path} is no string`;
      const compiled = regs.map(boundedRegExp);
      if (compiled.some((x) => !x)) return `testRegex in ${cfg!.path} is no regular expression verdict runs (unbounded or invalid)`;
      const res = compiled as RegExp[];
      return { files: inRoots.filter((f) => !ignored(f) && res.some((x) => x.test(f.abs))).map((f) => f.path), config: cfg!.path };
    }
    if (v.testMatch !== undefined) {
      const globs = strings(v.testMatch);
      if (!globs) return `testMatch in ${cfg!.path} is no list of globs`;
      const res = globs.filter((g) => !g.startsWith('!')).map((g) => g.replace(/^<rootDir>\/?/, ''));
      const regs = res.map(globRegExp);
      if (regs.some((x) => !x)) return `testMatch in ${cfg!.path} uses a glob verdict does not read`;
      return { files: inRoots.filter((f) => !ignored(f) && regs.some((x) => x!.test(relTo(f.path, rootDir)) || x!.test(f.path) || x!.test(f.abs.replace(/^\//, '')))).map((f) => f.path), config: cfg!.path };
    }
    return { files: defaults(inRoots.filter((f) => !ignored(f)), rootDir), config: cfg?.path ?? null };
  }
  if (r.bin === 'mocha' && v.spec !== undefined) {
    const specs = strings(v.spec);
    if (!specs) return `spec in ${cfg!.path} is no list of globs`;
    const res = specs.map((p) => ({ p: join(dir, p), re: globRegExp(join(dir, p)) }));
    if (res.some((x) => !x.re)) return `spec in ${cfg!.path} uses a glob verdict does not read`;
    return { files: mine.filter((f) => res.some((x) => x.re!.test(f.path) || under(f.path, x.p))).map((f) => f.path), config: cfg!.path };
  }
  if (cfg && r.selectKeys.some((k) => k in v)) return `${cfg.path} sets ${r.selectKeys.filter((k) => k in v).join(', ')}, which verdict does not follow for ${r.runner}`;
  return { files: defaults(mine, dir), config: cfg?.path ?? null };
}

/** What the package's `test` script selects: every file any of its runners would run. */
export function testSelection(input: SelectionInput): Selection {
  const cmds = commandsOf(input.pkg, 'test', 0);
  if (typeof cmds === 'string') return { kind: 'unknown', why: cmds };
  const runners: string[] = [];
  const files = new Set<string>();
  const configs: string[] = [];
  const tools: string[] = [];
  for (const c of cmds) {
    const r = testRunnerOf(c.bin, c.args);
    if (!r) {
      if (NON_TEST_COMMANDS.includes(c.bin)) { if (!tools.includes(c.bin)) tools.push(c.bin); continue; }
      return { kind: 'unknown', why: `\`${c.script}\` runs \`${c.bin}\`, no test runner verdict knows` };
    }
    const sel = selectedBy(c, r, input);
    if (typeof sel === 'string') return { kind: 'unknown', why: sel };
    runners.push(r.runner);
    sel.files.forEach((f) => files.add(f));
    if (sel.config) configs.push(sel.config);
  }
  if (runners.length === 0 && tools.length > 0) return { kind: 'tools', commands: tools, script: input.pkg.scripts.test };
  if (runners.length === 0) return { kind: 'unknown', why: `the test script \`${input.pkg.scripts.test}\` runs no test runner verdict knows` };
  return { kind: 'files', runners, files: [...files].sort(), configs, script: input.pkg.scripts.test };
}
