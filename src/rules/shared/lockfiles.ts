// Root lockfiles, including those over the read limit (discover lists those apart, as `large`).
import type { DiscoveredPackage } from '../../discover/index.js';
import { isRecord } from '../../util/structured.js';
import { yaml } from '../../util/yaml.js';
import type { RepoRuleContext, RuleLayout } from '../api.js';

const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

function rec(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {};
}

export const LOCKFILE_MANAGER: Record<string, string> = {
  'package-lock.json': 'npm', 'npm-shrinkwrap.json': 'npm', 'pnpm-lock.yaml': 'pnpm', 'yarn.lock': 'yarn', 'bun.lockb': 'bun', 'bun.lock': 'bun',
};

export function rootLockfiles(layout: RuleLayout): string[] {
  const large = layout.large.map((f) => f.path).filter((p) => !p.includes('/') && p in LOCKFILE_MANAGER);
  return [...new Set([...layout.lockfiles, ...large])].sort();
}

/** The version the lockfile installed for a dependency of a package, when it records one. */
export function lockedVersion(manager: string, lock: unknown, p: DiscoveredPackage, name: string): string | null {
  if (manager === 'npm') {
    const pkgs = rec(rec(lock).packages);
    const nested = p.path === '.' ? null : rec(pkgs[`${p.path}/node_modules/${name}`]).version;
    const v = nested ?? rec(pkgs[`node_modules/${name}`]).version;
    return typeof v === 'string' ? v : null;
  }
  const importers = rec(rec(lock).importers);
  const imp = p.path === '.' && !importers['.'] ? rec(lock) : rec(importers[p.path === '.' ? '.' : p.path]);
  for (const s of SECTIONS) {
    const e = rec(imp[s])[name];
    const v = isRecord(e) ? e.version : e;
    if (typeof v === 'string') return v.split('(')[0];
  }
  return null;
}

/**
 * A pnpm lockfile without its `packages:` and `snapshots:` sections: this rule reads what each importer
 * declares (and the top-level `dependencies`/`specifiers` of old lockfiles), never the resolved
 * packages, which are 90% of a large lockfile and most of the time its YAML took to parse (1.6 s of
 * CPU for a 1.5 MB monorepo lockfile). A top-level key starts a line with neither space nor comment.
 */
export function importersOf(text: string): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of text.split('\n')) {
    const top = line.length > 0 && !/^[\s#]/.test(line);
    if (top) skipping = /^(packages|snapshots):/.test(line);
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

/** The root npm or pnpm lockfile, parsed once per run (pnpm: its importers only); null when there is none or it does not parse. */
export function rootLockOf(ctx: Pick<RepoRuleContext, 'memo' | 'documents' | 'layout'>): { path: string; manager: string; lock: unknown } | null {
  return ctx.memo('root-lock', () => {
    for (const path of rootLockfiles(ctx.layout)) {
      const manager = LOCKFILE_MANAGER[path];
      const text = ctx.documents.get(path);
      if (text === undefined || (manager !== 'npm' && manager !== 'pnpm')) continue;
      try {
        if (manager === 'npm') return { path, manager, lock: JSON.parse(text) as unknown };
        const doc = yaml().parseDocument(importersOf(text));
        if (doc.errors.length === 0) return { path, manager, lock: doc.toJS() as unknown };
      } catch {
        // A lockfile that does not parse records no version verdict can read.
      }
    }
    return null;
  });
}

/** The version of a dependency the root lockfile installed for a package, or null when it records none verdict can read. */
export function lockedVersionOf(ctx: Pick<RepoRuleContext, 'memo' | 'documents' | 'layout'>, p: DiscoveredPackage, name: string): string | null {
  const root = rootLockOf(ctx);
  return root ? lockedVersion(root.manager, root.lock, p, name) : null;
}
