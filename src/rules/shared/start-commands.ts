// The commands that start the service in production, each followed through the package scripts it
// runs (`npm start` → "start": "npm run serve" → "serve": "nodemon src/index.js"): the final stage of
// each release Dockerfile (ENTRYPOINT + CMD), Procfile processes, fly.toml processes and cmd,
// render.yaml startCommand, railway start commands, the `command:` of the application service in a
// production compose file, and, when none of them exists, the package's `start` script (what
// platforms that build from the repository run by default).
import { posix } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import type { DiscoveredPackage } from '../../discover/index.js';
import { commandsOf } from '../../knowledge/index.js';
import type { RepoRuleContext } from '../api.js';
import { composeFilesOf } from './compose.js';
import { DOCKERFILE, instructionsOf, NON_RELEASE_DOCKERFILE, shippedInstructions, type Instruction } from './dockerfiles.js';
import { isLongRunningNodeService, lineOfText } from './packages.js';

/** One link of the chain from the deploy file to the command that runs: where it is and what it says. */
export interface StartStep { path: string; line: number; text: string }

export interface StartCommand {
  /** What declares it (`Dockerfile CMD`, `Procfile web`, `package.json start script`). */
  via: string;
  /** The declaring line first, then each package script it runs, in order. */
  chain: StartStep[];
  /** The words of one command at the end of the chain (no further script to follow). */
  words: string[];
  /** The package whose scripts and dependencies the command runs with; null when none was found. */
  pkg: DiscoveredPackage | null;
  /** Where the image installs without devDependencies (a Dockerfile only); null when it does not, or is no image. */
  omitsDev: StartStep | null;
  /** Run from inside an `if`/`case`/loop/function of an entrypoint script: only on some path. */
  conditional?: true;
  /** A shell script this command runs that verdict could not find in the repository (as written): its commands are not known. */
  unread?: string;
}

/** The package whose manifest sits in the deploy file's folder, else the root package. */
function packageFor(ctx: RepoRuleContext, file: string): DiscoveredPackage | null {
  const dir = posix.dirname(file);
  const pkgs = ctx.layout.packages.filter((p) => p.manifestPath !== null);
  return pkgs.find((p) => p.path === dir) ?? pkgs.find((p) => p.path === '.') ?? null;
}

/** The line of a script's key in a package.json, read with the JSON parser. */
export function scriptLine(text: string, name: string): number {
  const sf = ts.parseJsonText('package.json', text);
  const root = sf.statements[0]?.expression;
  const prop = (o: ts.Node | undefined, key: string) => (o && ts.isObjectLiteralExpression(o)
    ? o.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name) && p.name.text === key)
    : undefined);
  const at = prop(prop(root, 'scripts')?.initializer, name);
  return at ? sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + 1 : 1;
}

const PM_NOT_SCRIPTS = new Set(['install', 'i', 'ci', 'add', 'exec', 'dlx', 'x', 'audit', 'publish', 'config', 'set', 'cache', 'version', 'prune', 'rebuild', 'link', 'remove', 'uninstall', 'init', 'create', 'why', 'list', 'ls', 'info', 'view', 'workspace', 'workspaces', 'node']);

/**
 * The package script a command runs: `npm start`, `npm run x`, `npm run-script x`, `yarn x`, `yarn run x`,
 * `pnpm x`, `pnpm run x`, `bun run x`. Null when it runs none, or names another folder (`--prefix`).
 */
function scriptCalled(words: readonly string[]): string | null {
  const pm = words[0];
  if (!['npm', 'yarn', 'pnpm', 'bun'].includes(pm)) return null;
  const rest = words.slice(1);
  if (rest.some((w) => /^(--prefix|--cwd|-C|--dir|--filter|-F|--workspace|-w)(=|$)/.test(w))) return null;
  const args = rest.filter((w) => !w.startsWith('-'));
  if (args[0] === 'run' || args[0] === 'run-script') return args[1] ?? null;
  if (pm === 'npm') return ['start', 'test', 'restart', 'stop', 't'].includes(args[0]) ? (args[0] === 't' ? 'test' : args[0]) : null;
  if (pm === 'bun') return null; // `bun x.ts` runs a file; only `bun run` names a script
  return args[0] && !PM_NOT_SCRIPTS.has(args[0]) ? args[0] : null;
}

/** Wrappers that run the command after them in the container (`dumb-init --`, `tini --`, `sh -c "..."`). */
function unwrap(words: string[]): string[] {
  let w = words;
  while (w.length > 0 && /^(dumb-init|tini|\/sbin\/tini|\/usr\/bin\/dumb-init|--)$/.test(w[0])) w = w.slice(1);
  return w;
}

/**
 * Each command a command line runs, followed through package scripts (`depth` levels at most, no cycle),
 * with the chain of script lines that led to it.
 */
export function followScripts(line: string, pkg: DiscoveredPackage | null, manifestText: string | null, chain: StartStep[], seen = new Set<string>()): Array<{ words: string[]; chain: StartStep[] }> {
  const out: Array<{ words: string[]; chain: StartStep[] }> = [];
  for (const raw of commandsOf(line)) {
    let words = unwrap(raw.map((w) => w.replace(/^["']|["']$/g, '')));
    if ((words[0] === 'sh' || words[0] === 'bash' || words[0] === '/bin/sh' || words[0] === '/bin/bash') && words[1] === '-c') words = words.slice(2);
    if (words.length === 0) continue;
    const script = scriptCalled(words);
    const text = script !== null ? pkg?.scripts[script] : undefined;
    if (script !== null && text !== undefined && pkg?.manifestPath && !seen.has(script) && seen.size < 8) {
      const step = { path: pkg.manifestPath, line: manifestText ? scriptLine(manifestText, script) : 1, text: `"${script}": "${text}"` };
      out.push(...followScripts(text, pkg, manifestText, [...chain, step], new Set([...seen, script])));
    } else out.push({ words, chain });
  }
  return out;
}

/** A shell script a command runs (`./docker-entrypoint.sh`, `sh scripts/start.sh`, `bash -e run.sh`): the word naming it, or null. */
export function shellScriptRun(words: readonly string[]): string | null {
  let i = 0;
  if (/^(\/bin\/|\/usr\/bin\/)?(ba|da)?sh$/.test(words[0] ?? '')) {
    i = 1;
    while (i < words.length && words[i].startsWith('-')) i++;
  }
  const w = words[i];
  return w !== undefined && /\.sh$/.test(w) ? w : null;
}

/**
 * The repository file a shell script word names: a kept `.sh` document of that name, the one at the path
 * as written (from the deploy file's folder, or the root) when several share the name. Null when none or
 * several with no path to choose: the caller says the script was not read.
 */
export function shellScriptFile(documents: ReadonlyMap<string, string>, word: string, from: string): string | null {
  const base = posix.basename(word);
  const named = [...documents.keys()].filter((p) => posix.basename(p) === base);
  if (named.length <= 1) return named[0] ?? null;
  const rel = word.replace(/^\.\//, '');
  const exact = named.filter((p) => p === posix.normalize(posix.join(from, rel)) || p === posix.normalize(rel) || (word.startsWith('/') && word.endsWith(`/${p}`)));
  return exact.length === 1 ? exact[0] : null;
}

/**
 * The commands of a shell script, in order, with the line each is on. `exec "$@"` (and `"$@"`) runs the
 * arguments the script was handed: the `args` line. A command inside `if`/`case`/`while`/`for` or a
 * function runs only on some path: `conditional`.
 */
export function shellScriptLines(text: string): Array<{ line: number; text: string; conditional: boolean; args: boolean }> {
  const out: Array<{ line: number; text: string; conditional: boolean; args: boolean }> = [];
  let depth = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let l = lines[i];
    while (/\\\s*$/.test(l) && i + 1 < lines.length) l = l.replace(/\\\s*$/, ' ') + lines[++i];
    l = l.trim();
    if (l === '' || l.startsWith('#') || /^#!/.test(l)) continue;
    const opens = /^(if|case|while|until|for|select)\b/.test(l) || /^(function\s+)?[\w-]+\s*\(\s*\)\s*\{?\s*$/.test(l) || /^\{\s*$/.test(l);
    const closes = /^(fi|esac|done|\})\b/.test(l) || /(^|;\s*)(fi|esac|done)\s*$/.test(l);
    if (opens && !closes) { depth++; continue; }
    if (closes) { depth = Math.max(0, depth - 1); continue; }
    if (/^(set|export|cd|echo|printf|shift|trap|source|\.|umask|ulimit)\b|^[A-Za-z_]\w*=/.test(l)) continue;
    out.push({ line: start + 1, text: l, conditional: depth > 0, args: /^(exec\s+)?["']?\$[@*]["']?\s*$/.test(l) });
  }
  return out;
}

/** An instruction's command as one line: the exec form's JSON array joined, or the shell form as written. */
export function commandLine(ins: Instruction): string {
  if (ins.args.startsWith('[')) {
    try {
      const parts = JSON.parse(ins.args) as unknown;
      if (Array.isArray(parts)) {
        // `["sh", "-c", "npm run migrate && npm start"]`: the script is one element.
        if (parts.length === 3 && /^(\/bin\/)?(ba)?sh$/.test(String(parts[0])) && parts[1] === '-c') return String(parts[2]);
        return parts.map(String).join(' ');
      }
    } catch {
      // Not JSON: Docker runs it as a shell command line.
    }
  }
  return ins.args;
}

/** The npm/yarn/pnpm flags that leave devDependencies out of an install. */
const OMIT_DEV = /^(--omit=dev|--only=prod(uction)?|--production(=true)?|--prod|-P)$/;

/** Where the shipped stages install without devDependencies: a flag, or NODE_ENV=production set before the install. */
function omitsDevAt(path: string, shipped: readonly Instruction[]): StartStep | null {
  let prodEnv = false;
  for (const ins of shipped) {
    if ((ins.keyword === 'ENV') && /\bNODE_ENV[= ]+["']?production\b/.test(ins.args)) prodEnv = true;
    if (ins.keyword !== 'RUN') continue;
    for (const words of commandsOf(ins.args)) {
      const pm = words[0];
      if (!['npm', 'yarn', 'pnpm'].includes(pm)) continue;
      const sub = words.find((w, i) => i > 0 && !w.startsWith('-')) ?? (pm === 'yarn' ? 'install' : '');
      if (!['install', 'i', 'ci', 'prune', 'focus'].includes(sub) && !(pm === 'yarn' && sub === 'workspaces')) continue;
      if (words.some((w) => OMIT_DEV.test(w)) || (prodEnv && !words.some((w) => /^--include=dev$|^--production=false$|^--dev$/.test(w)))) {
        return { path, line: ins.line, text: `RUN ${ins.args}` };
      }
    }
  }
  return null;
}

/** What one release Dockerfile starts: the final stage's ENTRYPOINT and CMD. */
function fromDockerfile(ctx: RepoRuleContext, path: string): Declared | null {
  const shipped = shippedInstructions(instructionsOf(ctx.documents.get(path) ?? ''));
  if (!shipped) return null;
  const last = (k: string) => [...shipped].reverse().find((i) => i.keyword === k) ?? null;
  const cmd = last('CMD');
  const entry = last('ENTRYPOINT');
  // An entrypoint script (`docker-entrypoint.sh`) runs its arguments: the CMD is then the command.
  const entryLine = entry ? commandLine(entry) : '';
  const entryIsScript = entry !== null && /\.sh$|entrypoint/.test(entryLine.split(/\s+/)[0] ?? '');
  const at = entry && !entryIsScript ? entry : cmd;
  const script = entryIsScript && entry ? shellScriptRun(entryLine.split(/\s+/)) : null;
  const entered = script && entry ? { word: script, step: { path, line: entry.line, text: `ENTRYPOINT ${entry.args}` } } : undefined;
  if (!at) return entered ? { via: `${path} ENTRYPOINT`, step: entered.step, line: '', pkg: packageFor(ctx, path), omitsDev: omitsDevAt(path, shipped), script: entered } : null;
  const line = at === entry ? `${entryLine} ${cmd ? commandLine(cmd) : ''}`.trim() : commandLine(at);
  return { via: `${path} ${at.keyword}`, step: { path, line: at.line, text: `${at.keyword} ${at.args}` }, line, pkg: packageFor(ctx, path), omitsDev: omitsDevAt(path, shipped), ...(entered ? { script: entered } : {}) };
}

/** `script`: the entrypoint script the image runs first, handed the command (`line`) as its arguments. */
interface Declared { via: string; step: StartStep; line: string; pkg: DiscoveredPackage | null; omitsDev: StartStep | null; script?: { word: string; step: StartStep } }

/** Commands declared by platform files: Procfile, fly.toml, render.yaml, railway.json/toml. */
function fromPlatforms(ctx: RepoRuleContext): Array<{ via: string; path: string; line: number; command: string }> {
  const out: Array<{ via: string; path: string; line: number; command: string }> = [];
  for (const [path, text] of ctx.documents) {
    const base = posix.basename(path);
    try {
      if (base === 'Procfile') {
        text.split('\n').forEach((l, i) => {
          const m = /^([\w-]+):\s*(.+)$/.exec(l.trim());
          if (m && m[1] !== 'release') out.push({ via: `Procfile ${m[1]}`, path, line: i + 1, command: m[2] });
        });
      } else if (base === 'fly.toml') {
        const doc = parseToml(text) as Record<string, unknown>;
        const procs = doc.processes;
        if (procs && typeof procs === 'object') {
          for (const [name, c] of Object.entries(procs)) if (typeof c === 'string') out.push({ via: `fly.toml process ${name}`, path, line: lineOfText(text, c), command: c });
        }
        const cmd = (doc.experimental as Record<string, unknown> | undefined)?.cmd;
        const c = Array.isArray(cmd) ? cmd.map(String).join(' ') : typeof cmd === 'string' ? cmd : null;
        if (c) out.push({ via: 'fly.toml experimental.cmd', path, line: lineOfText(text, 'cmd'), command: c });
      } else if (/^render\.ya?ml$/.test(base)) {
        const doc = parseYaml(text) as { services?: Array<Record<string, unknown>> } | null;
        for (const s of doc?.services ?? []) {
          if (typeof s.startCommand === 'string') out.push({ via: `render.yaml startCommand of ${String(s.name ?? 'a service')}`, path, line: lineOfText(text, s.startCommand), command: s.startCommand });
        }
      } else if (base === 'railway.json' || base === 'railway.toml') {
        const doc = (base === 'railway.json' ? JSON.parse(text) : parseToml(text)) as { deploy?: { startCommand?: unknown } };
        const c = doc.deploy?.startCommand;
        if (typeof c === 'string') out.push({ via: `${base} deploy.startCommand`, path, line: lineOfText(text, c), command: c });
      }
    } catch {
      // A file that does not parse declares no command verdict can read.
    }
  }
  return out;
}

interface Run { words: string[]; chain: StartStep[]; conditional?: true; unread?: string }

/**
 * A command that runs a shell script of the repository, replaced by the script's commands (followed
 * through package scripts and the scripts they run in turn, a few levels deep); `args` is what the
 * script's `exec "$@"` runs. A script not found stays as the command, marked `unread`.
 */
function intoScripts(ctx: RepoRuleContext, r: Run, pkg: DiscoveredPackage | null, manifest: string | null, from: string, args: { line: string; step: StartStep } | null, depth = 0): Run[] {
  const word = shellScriptRun(r.words);
  // A script named for development or tests (`startup.dev.sh`), as such a Dockerfile is: not what the release runs.
  if (!word || depth > 3 || NON_RELEASE_DOCKERFILE.test(posix.basename(word))) return [r];
  const file = shellScriptFile(ctx.documents, word, from);
  if (!file) return [{ ...r, unread: word }];
  const out: Run[] = [];
  const mark = (x: Run, conditional: boolean): Run => (conditional || r.conditional ? { ...x, conditional: true } : x);
  for (const l of shellScriptLines(ctx.documents.get(file)!)) {
    const step = { path: file, line: l.line, text: l.text };
    const line = l.args ? args?.line : l.text.replace(/^exec\s+/, '');
    if (!line) continue;
    const chain = l.args && args ? [...r.chain, step, args.step] : [...r.chain, step];
    for (const x of followScripts(line, pkg, manifest, chain)) out.push(...intoScripts(ctx, mark(x, l.conditional), pkg, manifest, from, null, depth + 1));
  }
  return out;
}

/** Every production start command of the repository, followed to the commands it runs. */
export function startCommandsOf(ctx: RepoRuleContext): StartCommand[] {
  return ctx.memo('start-commands', () => {
    const declared: Declared[] = [];
    const releaseFile = (p: string) => ['service', 'config'].includes(ctx.layout.roles.of(p));
    for (const path of [...ctx.documents.keys()].sort()) {
      if (!DOCKERFILE.test(path) || NON_RELEASE_DOCKERFILE.test(posix.basename(path)) || !releaseFile(path)) continue;
      const d = fromDockerfile(ctx, path);
      if (d) declared.push(d);
    }
    for (const p of fromPlatforms(ctx)) {
      if (releaseFile(p.path)) declared.push({ via: p.via, step: { path: p.path, line: p.line, text: p.command }, line: p.command, pkg: packageFor(ctx, p.path), omitsDev: null });
    }
    for (const file of composeFilesOf(ctx)) {
      if (file.purpose !== 'production') continue;
      for (const s of file.services) {
        if (s.built && s.command) declared.push({ via: `${file.path} service ${s.name} command`, step: { path: file.path, line: s.command.line, text: `command: ${s.command.value}` }, line: s.command.value, pkg: packageFor(ctx, file.path), omitsDev: null });
      }
    }
    if (declared.length === 0) {
      // No deploy file says how the service starts: platforms that build from the repository run `npm start`.
      for (const pkg of ctx.layout.packages) {
        const start = pkg.scripts.start;
        if (start === undefined || !pkg.manifestPath || !isLongRunningNodeService(pkg, ctx.layout)) continue;
        declared.push({ via: `${pkg.manifestPath} start script (npm start, what platforms run by default)`, step: { path: pkg.manifestPath, line: scriptLine(ctx.documents.get(pkg.manifestPath) ?? '', 'start'), text: `"start": "${start}"` }, line: start, pkg, omitsDev: null });
      }
    }
    const out: StartCommand[] = [];
    for (const d of declared) {
      const manifest = d.pkg?.manifestPath ? (ctx.documents.get(d.pkg.manifestPath) ?? null) : null;
      const push = (r: Run) => out.push({ via: d.via, chain: r.chain, words: r.words, pkg: d.pkg, omitsDev: d.omitsDev, ...(r.conditional ? { conditional: true as const } : {}), ...(r.unread ? { unread: r.unread } : {}) });
      const follow = (line: string, chain: StartStep[]) => followScripts(line, d.pkg, manifest, chain).flatMap((r) => intoScripts(ctx, r, d.pkg, manifest, posix.dirname(d.step.path), null));
      const entered = d.script ? shellScriptFile(ctx.documents, d.script.word, posix.dirname(d.step.path)) : null;
      if (d.script && entered) {
        // The entrypoint script's commands in order, the image's CMD where it runs its arguments.
        const args = d.line === '' ? null : { line: d.line, step: d.step };
        for (const r of intoScripts(ctx, { words: [d.script.word], chain: [d.script.step] }, d.pkg, manifest, posix.dirname(d.step.path), args)) push(r);
        continue;
      }
      if (d.line === '') continue;
      // The fallback's own line is the start script: follow from its text, the chain starts there.
      for (const r of follow(d.line, [d.step])) push(r);
    }
    return out;
  });
}
