// Entry points: where a package's code starts running in production (package.json main/bin/exports
// and the files its scripts run, wrangler `main` with its default export's handlers and its exported
// classes, Next.js route files and middleware, Nest's decorated classes, CLI scripts and tool
// configs), and the test files as a root set of their own. A package none of these applies to has
// no known entries: what it reaches is unknown, never "unreachable".
import { posix } from 'node:path';
import type { FileRole } from '../util/roles.js';
import { buildTargetFileOf, TEST_TARGET, type BuildTargetFile } from '../knowledge/index.js';
import { isRecord } from '../util/structured.js';
import { isLifecycleMethod, isStartupHook, onlyProvider } from '../knowledge/index.js';
import { keyOf, MODULE, type FileSymbols, type Target } from './graph.js';

export type EntryKind = 'main' | 'bin' | 'exports' | 'script' | 'wrangler' | 'rpc' | 'next' | 'nest' | 'cli' | 'config' | 'plugin';

export interface EntryPoint {
  kind: EntryKind;
  file: string;
  /** The declarations this entry runs or exposes. */
  keys: string[];
  /**
   * The declarations that run when the service starts: the top level of a file the package's main,
   * bin or start script runs, a framework's startup hooks (`onModuleInit`). Absent: the entry only
   * exposes code (a route file, a worker's handlers, a tool config, a script run by hand).
   */
  starts?: string[];
}

export interface PackageEntries {
  package: string;
  path: string;
  entries: EntryPoint[];
  /** Whether production entries could be determined: false makes every unreached declaration `unknown`. */
  known: boolean;
  reason: string;
}

export interface EntryPackage {
  name: string;
  path: string;
  scripts: Record<string, string>;
  frameworks: readonly string[];
  manifestPath: string | null;
  /** package.json `dependencies` (the ranges as written), where the caller has them. */
  dependencies?: Readonly<Record<string, string>>;
  devDependencies?: Readonly<Record<string, string>>;
}

export interface EntryInput {
  packages: readonly EntryPackage[];
  wrangler: ReadonlyArray<{ path: string; main: string | null; packagePath: string }>;
  files: readonly string[];
  read(path: string): string | undefined;
  role(path: string): FileRole;
  symbols: ReadonlyMap<string, FileSymbols>;
  packageOf(path: string): string | null;
  /** A source file for a path a manifest or script names (build output read as its source). */
  sourceOf(path: string): string | null;
  /** The declaration a file's export is, through re-exports. */
  resolveExport(path: string, name: string): Target;
  /** Folders a plugin loader (`@fastify/autoload`) loads every file of, relative to the repository. */
  pluginFolders: readonly string[];
}

/** Frameworks whose file conventions decide what runs, and that the link stage does not model yet. */
/** Package scripts that start the service (what a platform or a container runs), by name. */
const START_SCRIPTS = /^(start|serve|server|prod|production)(:(prod|production|server|api))?$/;
const UNMODELLED = new Set(['remix', 'elysia', 'hapi', 'h3']);
/** Programs that run the file named after them. */
const RUNNERS = new Set(['node', 'tsx', 'ts-node', 'ts-node-dev', 'nodemon', 'bun', 'node-dev', 'esno', 'esr', 'vite-node', 'jiti', 'tsnd', 'pm2', 'run']);
const NEXT_FILE = /(^|\/)app\/(.*\/)?(route|page|layout|template|loading|error|global-error|not-found|default|opengraph-image|twitter-image|icon|apple-icon|sitemap|robots|manifest)\.[jt]sx?$|(^|\/)pages\/.+\.[jt]sx?$|(^|\/)(middleware|proxy|instrumentation|instrumentation-client)\.[jt]s$|(^|\/)mdx-components\.[jt]sx?$/;
/** Nest decorators that make the framework construct a class and call its methods. */
const NEST_CLASS = new Set(['Module', 'Controller', 'Injectable', 'Resolver', 'WebSocketGateway', 'Processor', 'Catch', 'Global']);

export function findEntries(input: EntryInput): { packages: PackageEntries[]; testRoots: string[] } {
  const byPackage = new Map<string, EntryPoint[]>();
  const add = (kind: EntryKind, file: string | null, keys?: string[], starts?: string[]): void => {
    if (!file) return;
    const pkg = input.packageOf(file) ?? '';
    let list = byPackage.get(pkg);
    if (!list) byPackage.set(pkg, (list = []));
    list.push({ kind, file, keys: keys ?? fileKeys(file), ...(starts && starts.length > 0 ? { starts } : {}) });
  };
  const started = (file: string | null) => (file ? [keyOf(file, MODULE)] : undefined);
  const fileKeys = (file: string): string[] => {
    const f = input.symbols.get(file);
    return [keyOf(file, MODULE), ...(f ? [...f.decls.values()].filter((d) => d.exports.length > 0).map((d) => d.key) : [])];
  };
  const publicMethods = (file: string, cls: string): string[] => {
    const f = input.symbols.get(file);
    return f ? [...f.decls.values()].filter((d) => d.kind === 'method' && d.id.startsWith(`${cls}.`) && !d.private).map((d) => d.key) : [];
  };

  for (const p of input.packages) {
    const at = (rel: string) => posix.normalize(p.path === '.' ? rel : posix.join(p.path, rel));
    const manifest = p.manifestPath ? parseManifest(input.read(p.manifestPath)) : {};
    for (const t of manifestTargets(manifest)) {
      const file = input.sourceOf(at(t.path));
      add(t.kind, file, undefined, t.kind === 'exports' ? undefined : started(file));
    }
    for (const [name, script] of Object.entries(p.scripts)) {
      // The scripts that start the service; others (`seed`, `migrate`, `dev`) are run by hand.
      const starting = START_SCRIPTS.test(name);
      for (const target of [...scriptTargets(script), ...fastifyCliTargets(script)]) {
        const file = input.sourceOf(at(target));
        add('script', file, undefined, starting ? started(file) : undefined);
      }
      if (/\bnest\s+start\b/.test(script)) add('script', input.sourceOf(at('src/main.ts')), undefined, starting ? started(input.sourceOf(at('src/main.ts'))) : undefined);
    }
    if (p.frameworks.includes('next')) for (const f of input.files) if (input.packageOf(f) === p.name && NEXT_FILE.test(f) && input.role(f) !== 'test') add('next', f);
  }
  // Workspace tools (Nx project.json, angular.json) name the file each application's build starts
  // from; paths are relative to the workspace root, which is where such a file's own root is.
  for (const f of input.files) {
    const tool = buildTargetFileOf(f);
    if (!tool || input.role(f) === 'test' || /(^|\/)node_modules\//.test(f)) continue;
    for (const target of buildTargetEntries(input.read(f), tool)) {
      const direct = input.sourceOf(posix.normalize(target));
      const besideFile = input.sourceOf(posix.normalize(posix.join(posix.dirname(f), target)));
      add('main', direct ?? besideFile, undefined, started(direct ?? besideFile));
    }
  }
  // A plugin loader requires every source file under its folder and calls its default export.
  for (const dir of input.pluginFolders) {
    for (const f of input.files) if (f.startsWith(`${dir}/`) && input.sourceOf(f) === f && input.role(f) !== 'test') add('plugin', f);
  }
  for (const w of input.wrangler) {
    if (!w.main) continue;
    const file = input.sourceOf(posix.normalize(posix.join(posix.dirname(w.path), w.main)));
    if (!file) continue;
    add('wrangler', file);
    // Exported classes (Durable Objects, WorkerEntrypoints) are called over RPC: every public method is an entry.
    const f = input.symbols.get(file);
    // Declared in the main file, or exported from it by name (`export { Room } from './room'`).
    const names = new Set([...(f?.exports.keys() ?? []), ...(f?.reexports.filter((r) => r.name !== '*').map((r) => r.name) ?? [])]);
    names.delete('default');
    for (const name of names) {
      const t = input.resolveExport(file, name);
      if (t && 'decl' in t && t.decl.kind === 'class') add('rpc', t.decl.path, [t.decl.key, ...publicMethods(t.decl.path, t.decl.id)]);
    }
  }
  for (const [file, f] of input.symbols) {
    const role = input.role(file);
    if (role === 'test') continue;
    if (role === 'script' || role === 'config' || /(^|\/)bin\//.test(file)) add(role === 'config' ? 'config' : 'cli', file);
    for (const d of f.decls.values()) {
      if (d.kind !== 'class' || !d.decorators.some((x) => NEST_CLASS.has(x))) continue;
      // A provider is constructed, not called: its methods run when a class it is injected into calls
      // them (the call graph follows the receiver's type), except the hooks the container calls and
      // methods other decorators hand to the framework (`@Cron()`, `@OnEvent()`).
      const methods = onlyProvider(d.decorators)
        ? [...f.decls.values()].filter((m) => m.kind === 'method' && m.id.startsWith(`${d.id}.`) && !m.private
          && (m.decorators.length > 0 || isLifecycleMethod(d.decorators, m.id.slice(d.id.length + 1)))).map((m) => m.key)
        : publicMethods(file, d.id);
      const hooks = [...f.decls.values()].filter((m) => m.kind === 'method' && m.id.startsWith(`${d.id}.`) && isStartupHook(d.decorators, m.id.slice(d.id.length + 1))).map((m) => m.key);
      add('nest', file, [d.key, ...methods], hooks);
    }
  }
  const testRoots: string[] = [];
  for (const [file, f] of input.symbols) if (input.role(file) === 'test') testRoots.push(keyOf(file, MODULE), ...[...f.decls.values()].map((d) => d.key));

  const packages: PackageEntries[] = input.packages.map((p) => {
    const entries = byPackage.get(p.name) ?? [];
    const unmodelled = p.frameworks.filter((f) => UNMODELLED.has(f));
    const production = entries.filter((e) => e.kind !== 'config' && e.kind !== 'cli');
    const known = unmodelled.length === 0 && production.length > 0;
    const reason = unmodelled.length > 0 ? `its framework (${unmodelled.join(', ')}) decides what runs, and the link stage does not model it`
      : production.length === 0 ? 'no production entry found (no main, bin, exports, start script, wrangler main or framework entry file)'
        : `${production.length} production entr${production.length === 1 ? 'y' : 'ies'}`;
    return { package: p.name, path: p.path, entries, known, reason };
  });
  return { packages, testRoots };
}

/** The files a workspace project file's build targets start from (test targets left out). */
export function buildTargetEntries(text: string | undefined, tool: BuildTargetFile): string[] {
  const doc = parseManifest(text);
  let levels: unknown[] = [doc];
  for (const step of tool.targets) {
    levels = levels.flatMap((v) => (!isRecord(v) ? [] : step === '*' ? Object.values(v) : [v[step]]));
  }
  const out: string[] = [];
  for (const targets of levels) {
    if (!isRecord(targets)) continue;
    for (const [name, target] of Object.entries(targets)) {
      if (!isRecord(target)) continue;
      const executor = typeof target.executor === 'string' ? target.executor : typeof target.builder === 'string' ? target.builder : '';
      if (TEST_TARGET.test(name) || TEST_TARGET.test(executor)) continue;
      const options = isRecord(target.options) ? target.options : {};
      for (const key of tool.entryOptions) {
        const v = options[key];
        if (typeof v === 'string' && /\.[cm]?[jt]sx?$/.test(v)) out.push(v.replace(/^\.\//, ''));
      }
    }
  }
  return [...new Set(out)];
}

function parseManifest(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return isRecord(v) ? v : {};
  } catch {
    return {};
  }
}

function manifestTargets(m: Record<string, unknown>): Array<{ kind: EntryKind; path: string }> {
  const out: Array<{ kind: EntryKind; path: string }> = [];
  for (const f of ['main', 'module', 'source']) if (typeof m[f] === 'string') out.push({ kind: 'main', path: m[f] as string });
  if (typeof m.bin === 'string') out.push({ kind: 'bin', path: m.bin });
  else if (isRecord(m.bin)) for (const v of Object.values(m.bin)) if (typeof v === 'string') out.push({ kind: 'bin', path: v });
  const strings = (v: unknown, depth: number): string[] =>
    typeof v === 'string' ? [v] : depth < 5 && isRecord(v) ? Object.values(v).flatMap((x) => strings(x, depth + 1)) : [];
  for (const s of strings(m.exports, 0)) if (!s.includes('*') && !s.endsWith('.json') && !s.endsWith('.css')) out.push({ kind: 'exports', path: s });
  return out;
}

/**
 * The files fastify-cli starts as the root plugin: `fastify start -l info app.js`. Its exported
 * function is given the root instance, so the routes it declares (and those of the plugins it
 * registers) have no prefix above them.
 */
export function fastifyCliTargets(script: string): string[] {
  const out: string[] = [];
  for (const command of script.split(/&&|\|\||;|\|/)) {
    const m = /(?:^|\s)(?:npx\s+)?fastify\s+start\s+(.*)$/.exec(command.trim());
    if (!m) continue;
    // Options come first and some take a value (`-l info`): the file is the word that names a source file.
    const file = m[1].split(/\s+/).map((w) => w.replace(/^['"]|['"]$/g, '')).find((w) => !w.startsWith('-') && /\.[cm]?[jt]s$/.test(w));
    if (file) out.push(file.replace(/^\.\//, ''));
  }
  return out;
}

/** The files a script line runs: `node dist/server.js`, `tsx watch src/index.ts`, `nodemon --exec ts-node src/a.ts`. */
export function scriptTargets(script: string): string[] {
  const out: string[] = [];
  for (const command of script.split(/&&|\|\||;|\|/)) {
    const words = command.trim().split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      if (!RUNNERS.has(posix.basename(words[i]))) continue;
      for (let j = i + 1; j < words.length; j++) {
        const w = words[j].replace(/^['"]|['"]$/g, '');
        if (w === 'watch' || w.startsWith('-')) {
          // A flag that takes a value (`-r dotenv/config`, `--env-file .env`): the value is not the file run.
          if (/^(-r|--require|--import|--loader|--env-file|-e|--eval|--exec|-w|--watch-path|--ignore|-i)$/.test(w)) j++;
          continue;
        }
        if (/\.(?:[cm]?[jt]sx?)$/.test(w) || /^\.?\.?\/?[\w@.-]+(\/[\w@.-]+)+$/.test(w)) out.push(w.replace(/^\.\//, ''));
        break;
      }
    }
  }
  return out;
}
