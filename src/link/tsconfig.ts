// The module-resolution part of each tsconfig in the repository: `baseUrl` and `paths`, followed
// through `extends` (a relative file, or a file of a workspace package). A tsconfig is hostile
// input: it is parsed as JSON with comments (never evaluated), the extends chain is capped and a
// cycle ends it; an `extends` that names a package outside the repository is ignored and said.
import { posix } from 'node:path';
import { parseJsoncText, isRecord } from '../util/structured.js';

/** What module resolution needs from one tsconfig, with `extends` applied. Paths are repository-relative. */
export interface ResolvedTsconfig {
  path: string;
  /** The folder `paths` are relative to (repository-relative, '.' for the root); null without `baseUrl` or `paths`. */
  baseUrl: string | null;
  paths: Record<string, string[]> | null;
}

export interface TsconfigProblem {
  path: string;
  problem: string;
}

/** How deep an `extends` chain is followed: TypeScript has no limit, a hostile file could make one up. */
const MAX_EXTENDS = 10;

interface Own {
  baseUrl?: string;
  paths?: Record<string, string[]>;
  extends: string[];
}

export interface TsconfigSource {
  /** A file's text by repository-relative path; undefined when the file is not in the repository. */
  read(path: string): string | undefined;
  exists(path: string): boolean;
  /** Workspace packages by name: the folder of each (repository-relative). */
  workspaces: ReadonlyMap<string, string>;
}

export function readTsconfigs(configPaths: readonly string[], src: TsconfigSource): { configs: Map<string, ResolvedTsconfig>; problems: TsconfigProblem[] } {
  const problems: TsconfigProblem[] = [];
  const own = new Map<string, Own | null>();
  const ownOf = (path: string): Own | null => {
    if (own.has(path)) return own.get(path)!;
    const text = src.read(path);
    let out: Own | null = null;
    if (text !== undefined) {
      const parsed = parseJsoncText(text, path);
      if (!parsed.ok) problems.push({ path, problem: parsed.error });
      else if (isRecord(parsed.value)) out = ownFields(parsed.value);
    }
    own.set(path, out);
    return out;
  };
  const configs = new Map<string, ResolvedTsconfig>();
  const resolveOne = (path: string, chain: string[]): ResolvedTsconfig | null => {
    if (configs.has(path)) return configs.get(path)!;
    if (chain.includes(path)) {
      problems.push({ path, problem: `extends cycle: ${[...chain, path].join(' -> ')}` });
      return null;
    }
    if (chain.length >= MAX_EXTENDS) {
      problems.push({ path: chain[0], problem: `extends chain longer than ${MAX_EXTENDS}: not followed past ${path}` });
      return null;
    }
    const o = ownOf(path);
    if (!o) return null;
    const dir = posix.dirname(path);
    let result: ResolvedTsconfig = { path, baseUrl: null, paths: null };
    for (const ext of o.extends) {
      const target = extendsTarget(dir, ext, src);
      if (!target) {
        problems.push({ path, problem: `extends "${ext}": not a file of the repository (a package not installed here); its options are ignored` });
        continue;
      }
      const base = resolveOne(target, [...chain, path]);
      if (base) result = { path, baseUrl: base.baseUrl, paths: base.paths };
    }
    const baseUrl = o.baseUrl !== undefined ? posix.normalize(posix.join(dir, o.baseUrl)) : null;
    if (baseUrl) result.baseUrl = baseUrl;
    // `paths` without `baseUrl` are relative to the tsconfig that declares them.
    if (o.paths) result = { ...result, paths: o.paths, baseUrl: result.baseUrl ?? (baseUrl || dir) };
    configs.set(path, result);
    return result;
  };
  for (const p of configPaths) resolveOne(p, []);
  return { configs, problems };
}

function ownFields(cfg: Record<string, unknown>): Own {
  const co = isRecord(cfg.compilerOptions) ? cfg.compilerOptions : {};
  const ext = typeof cfg.extends === 'string' ? [cfg.extends] : Array.isArray(cfg.extends) ? cfg.extends.filter((e): e is string => typeof e === 'string') : [];
  let paths: Record<string, string[]> | undefined;
  if (isRecord(co.paths)) {
    paths = {};
    for (const [k, v] of Object.entries(co.paths)) if (Array.isArray(v)) paths[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return { extends: ext, ...(typeof co.baseUrl === 'string' ? { baseUrl: co.baseUrl } : {}), ...(paths ? { paths } : {}) };
}

/** The repository file an `extends` names, or null (a package not in the repository, a missing file). */
export function extendsTarget(dir: string, ext: string, src: TsconfigSource): string | null {
  const candidates = (p: string): string[] => (p.endsWith('.json') ? [p] : [p, `${p}.json`, posix.join(p, 'tsconfig.json')]);
  if (ext.startsWith('.') || ext.startsWith('/')) {
    if (ext.startsWith('/')) return null;
    const p = posix.normalize(posix.join(dir, ext));
    return candidates(p).find((c) => !c.startsWith('..') && src.exists(c)) ?? null;
  }
  const parts = ext.split('/');
  const nameLen = ext.startsWith('@') ? 2 : 1;
  const folder = src.workspaces.get(parts.slice(0, nameLen).join('/'));
  if (folder === undefined) return null;
  const sub = parts.slice(nameLen).join('/');
  return candidates(sub ? posix.join(folder, sub) : posix.join(folder, 'tsconfig')).find((c) => src.exists(c)) ?? null;
}
