// Where a line of code can be reached from: the link stage's reachability of the declaration that
// holds it. "In place" means reachable from a production entry, not only defined, imported or tested.
import { keyOf, type Link, MODULE, type Reach } from '../../link/index.js';
import { fileRole, isTestSide } from '../../util/roles.js';
import type { Hit } from '../repo.js';
import type { CheckContext } from './context.js';

const byPath = new WeakMap<Link, Map<string, Array<{ key: string; line: number; id: string; kind: string }>>>();

function declsOf(link: Link, path: string) {
  let index = byPath.get(link);
  if (!index) {
    index = new Map();
    for (const d of link.declarations()) index.set(d.path, [...(index.get(d.path) ?? []), { key: d.key, line: d.line, id: d.id, kind: d.kind }]);
    byPath.set(link, index);
  }
  return index.get(path) ?? [];
}

function linkOf(ctx: CheckContext): Link | null {
  try { return ctx.link?.() ?? null; } catch { return null; }
}

/**
 * The reach of the code at a hit: an unindented line is a module-level statement (its module's
 * reach); an indented one belongs to the nearest declaration above it. Null without a link.
 */
/**
 * The link's reach, trusted where it is safe to. "none" (no production path) stands when every caller
 * outside tests is itself unreached; an exported declaration of a loaded module that nothing calls may
 * be loaded in a way the link does not follow (a dynamic require, a framework reading a folder), so it
 * is unknown, never dead.
 */
function settled(link: Link, key: string, seen = new Set<string>()): Reach {
  const r = link.reach(key);
  if (r !== 'none' || seen.has(key) || seen.size > 50) return r === 'none' ? 'unknown' : r;
  seen.add(key);
  const [path, id] = [key.slice(0, key.lastIndexOf('#')), key.slice(key.lastIndexOf('#') + 1)];
  if (id === MODULE) return 'unknown';
  const callers = link.callers(key).filter((c) => !isTestSide(fileRole(c.from.slice(0, c.from.lastIndexOf('#')))));
  if (callers.length === 0) {
    const d = link.decl(key);
    // A method is called through an instance (`service.signUp()`, `this.sign()`), a receiver the link
    // often cannot resolve: with no caller seen it is as reachable as its class, never dead on its own.
    if (d?.kind === 'method' && id.includes('.')) {
      return settled(link, keyOf(path, id.slice(0, id.lastIndexOf('.'))), seen) === 'none' ? 'none' : 'unknown';
    }
    const loaded = link.reach(keyOf(path, MODULE)) === 'production';
    return d && d.exports.length > 0 && loaded ? 'unknown' : 'none';
  }
  return callers.every((c) => settled(link, c.from, seen) === 'none') ? 'none' : 'unknown';
}

const CONTAINERS = new Set(['function', 'method', 'class']);

export function reachAt(ctx: CheckContext, h: Hit): Reach | null {
  const link = linkOf(ctx);
  if (!link) return null;
  const moduleKey = keyOf(h.path, MODULE);
  if (!/^\s/.test(h.text)) return settled(link, moduleKey);
  // Only a function, method or class holds the lines below it; a variable above is not their container.
  const above = declsOf(link, h.path).filter((d) => d.line <= h.line && d.id !== MODULE && CONTAINERS.has(d.kind)).sort((a, b) => b.line - a.line)[0];
  return settled(link, above?.key ?? moduleKey);
}

/** The reach of a declaration named `name` in `path` (a function, class, method `Class.name`). Null when not resolved. */
export function reachOfDecl(ctx: CheckContext, path: string, name: string): Reach | null {
  const link = linkOf(ctx);
  if (!link) return null;
  const d = declsOf(link, path).find((x) => x.id === name || x.id.endsWith(`.${name}`));
  return d ? settled(link, d.key) : null;
}

export const unreached = (r: Reach | null) => r === 'none' || r === 'tests';
