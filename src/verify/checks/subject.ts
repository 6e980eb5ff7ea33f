// "Sync engine with D1 replication ✅", "AIProviderOps ✅", "morgan access log ✅": a feature phrase that
// names code is resolved to it. A class or function whose name the phrase spells (in order, as words)
// is the subject, and "in place" means it is used in code a production entry reaches. A library the
// phrase names that the package does not depend on and no file imports is not in place.
import { LIBRARIES } from '../../knowledge/index.js';
import { fileEvidence, figure } from '../repo.js';
import { symbolSites } from './code.js';
import { reachOfDecl, unreached } from './reach.js';
import { type Check, type CheckContext, confirmed, contradicted } from './context.js';

const DECL = /^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|function\*?)\s+([A-Z][A-Za-z0-9_$]*|[a-z]+[A-Z][A-Za-z0-9_$]*)\b/;

/** Every word of a name or phrase, stemmed, none dropped: a name's verb (`get`, `for`) must be in the phrase too. */
function parts(text: string): string[] {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/)
    .filter(Boolean).map((w) => (w.length > 4 ? w.replace(/(ations?|ing|ers?|ed|ies|es|s)$/, '') : w));
}

function runIn(phrase: string[], name: string[]): boolean {
  if (name.length === 0 || name.length > phrase.length) return false;
  for (let i = 0; i + name.length <= phrase.length; i++) if (name.every((w, j) => phrase[i + j] === w)) return true;
  return false;
}

/** The class or function the phrase names, with how much of the phrase its name covers. */
function declared(ctx: CheckContext, phrase: string): { name: string; path: string; line: number; text: string; covers: number; at: number } | null {
  const words = parts(phrase);
  if (words.length === 0) return null;
  const single = phrase.trim().match(/^[A-Za-z_$][\w$]*$/) ? phrase.trim().toLowerCase() : null;
  let best: { name: string; path: string; line: number; text: string; covers: number; at: number } | null = null;
  for (const h of ctx.repo.grep(DECL, ctx.repo.serviceFiles(), 20_000)) {
    const name = h.text.match(DECL)![1];
    const own = parts(name);
    const exact = single !== null && name.toLowerCase() === single;
    if (!exact && (own.length < 2 || !runIn(words, own))) continue;
    const at = exact ? -1 : words.indexOf(own[0]);
    const covers = exact ? 1 : own.length / words.filter((w) => w.length > 2).length;
    if (!best || at < best.at || (at === best.at && covers > best.covers)) best = { name, path: h.path, line: h.line, text: h.text, covers, at };
  }
  return best;
}

function dependsOn(ctx: CheckContext, manifest: string, pkg: string): boolean {
  try {
    const m = JSON.parse((ctx.repo.lines(manifest) ?? []).join('\n') || '{}') as Record<string, Record<string, string> | undefined>;
    return ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].some((k) => Boolean(m[k]?.[pkg]));
  } catch {
    return true; // an unreadable manifest may list it: never contradict from it
  }
}

export function resolvedSubject(ctx: CheckContext, phrase: string): Check | null {
  const d = declared(ctx, phrase);
  if (d) {
    // The phrase is the name itself ("AIProviderOps ✅"): it says the declaration is there, as a symbol claim's label does.
    if (d.at === -1) return confirmed(`\`${d.name}\` is declared at ${d.path}:${d.line}`, [fileEvidence(d)]);
    const uses = symbolSites(ctx, d.name).uses.filter((u) => ctx.repo.isRelease(u.path) && !(u.path === d.path && u.line === d.line));
    const reach = reachOfDecl(ctx, d.path, d.name);
    // An entry the platform calls (a worker's exported entrypoint class) has no caller in the code.
    if (reach === 'production' && d.covers >= 0.5) {
      return confirmed(`"${phrase}" is \`${d.name}\`, declared at ${d.path}:${d.line}, reachable from a production entry`, [fileEvidence(d), ...uses.slice(0, 1).map(fileEvidence)]);
    }
    if (uses.length === 0) return contradicted(`"${phrase}" is \`${d.name}\`, declared at ${d.path}:${d.line} and used nowhere in the release code`, [fileEvidence(d), figure(`uses of ${d.name} in release code`, 0)]);
    if (unreached(reach)) return contradicted(`"${phrase}" is \`${d.name}\` (${d.path}:${d.line}); no production entry reaches it (${reach})`, [fileEvidence(d), fileEvidence(uses[0])]);
    // Only a name that spells most of the phrase stands for it: "memory tracking for debounced writes" is not a MemoryTracker that runs.
    if (d.covers < 0.5) return null;
    return confirmed(`"${phrase}" is \`${d.name}\`, declared at ${d.path}:${d.line} and used at ${uses[0].path}:${uses[0].line}${reach === 'production' ? ', reachable from a production entry' : ''}`, [fileEvidence(d), fileEvidence(uses[0])]);
  }
  const lib = LIBRARIES.find((l) => new RegExp(`(^|[^\\w@/-])${l.package.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w/-])`, 'i').test(phrase) && l.package.length > 3);
  if (lib) {
    const deps = ctx.run.packages.some((p) => dependsOn(ctx, p.path === '.' ? 'package.json' : `${p.path}/package.json`, lib.package));
    const imports = ctx.repo.grep(new RegExp(`['"]${lib.package.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/[^'"]*)?['"]`), ctx.repo.serviceFiles(), 1);
    if (!deps && imports.length === 0) return contradicted(`"${phrase}" names ${lib.package}, which no package depends on and no release file imports`, [figure(`imports of ${lib.package} in release code`, 0)]);
  }
  return null;
}
