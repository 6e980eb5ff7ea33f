// Folders from which bare specifiers resolve beside node_modules, as NODE_PATH makes them: a file that
// loads a module-root package (knowledge/module-roots) or a package script that sets NODE_PATH. Read
// from what the code imports and what the scripts say, never guessed from a specifier's shape.
import { posix } from 'node:path';
import type { Located } from '../collect/facts/define.js';
import type { ModuleFact } from '../collect/facts/modules.js';
import { moduleRootPackageOf, nodePathOfScript } from '../knowledge/index.js';
import { isRecord, parseJsoncText } from '../util/structured.js';
import type { EntryPackage } from './entries.js';
import type { ModuleRoot } from './resolve.js';

const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

export function moduleRootsOf(
  modules: ReadonlyArray<Located<ModuleFact>>,
  packages: ReadonlyArray<EntryPackage>,
  read: (path: string) => string | undefined,
): ModuleRoot[] {
  const roots: ModuleRoot[] = [];
  const declaredOf = (p: EntryPackage): Set<string> => {
    const out = new Set<string>();
    const parsed = p.manifestPath ? parseJsoncText(read(p.manifestPath) ?? '', p.manifestPath) : null;
    if (parsed?.ok && isRecord(parsed.value)) {
      for (const s of SECTIONS) { const d = parsed.value[s]; if (isRecord(d)) for (const k of Object.keys(d)) out.add(k); }
    }
    return out;
  };
  const add = (p: EntryPackage, dir: string, because: string) => {
    const norm = posix.normalize(posix.join(p.path, dir)).replace(/\/+$/, '') || '.';
    if (norm.startsWith('..') || roots.some((r) => r.scope === p.path && r.dir === norm)) return;
    roots.push({ scope: p.path, dir: norm, declared: declaredOf(p), because });
  };
  /** The package folder a file belongs to: the deepest one holding it. */
  const packageAt = (path: string): EntryPackage | null => {
    let best: EntryPackage | null = null;
    for (const p of packages) {
      if (!p.manifestPath) continue;
      const inside = p.path === '.' || path === p.path || path.startsWith(`${p.path}/`);
      if (inside && (!best || p.path.length > best.path.length || best.path === '.')) best = p;
    }
    return best;
  };
  for (const m of modules) {
    if (m.type !== 'import' || !moduleRootPackageOf(m.spec)) continue;
    const p = packageAt(m.path);
    if (p) add(p, '.', `${m.path}:${m.line}: ${m.spec}`);
  }
  for (const p of packages) {
    for (const [name, script] of Object.entries(p.scripts)) {
      for (const dir of nodePathOfScript(script)) add(p, dir, `${p.manifestPath ?? 'package.json'} script "${name}": NODE_PATH=${dir}`);
    }
  }
  return roots;
}
