// The data-access sites of collect/data-access, each tied to its package and to a database label:
// "d1:<binding>" for `.prepare(` on a D1 binding declared in a wrangler config (or typed D1Database),
// else the library ("prisma", "pg", ...). `.prepare(` calls on anything else are dropped.
import { dataAccessFacts, type DataAccessSite } from '../../collect/facts/data-access.js';
import type { WranglerConfig } from '../../discover/index.js';
import type { RepoRuleContext } from '../api.js';

export interface ResolvedSite extends DataAccessSite {
  package: string | null;
  library: string;
  database: string;
}

const SQL_ORMS = ['prisma', 'drizzle', 'kysely', 'typeorm', 'knex', 'sequelize'];

/** Wrangler configs that describe the package's worker; all of them when the package has none. */
export function workersOf(ctx: RepoRuleContext, pkg: string | null): WranglerConfig[] {
  const p = ctx.layout.packages.find((x) => x.name === pkg);
  const own = p ? ctx.layout.wrangler.filter((w) => w.packagePath === p.path) : [];
  return own.length > 0 ? own : ctx.layout.wrangler;
}

function last(text: string): string {
  const m = /([\w$]+)\s*$/.exec(text);
  return m ? m[1] : text;
}

/**
 * The site with its package and database. Object.assign, not `{ ...s, library }`: V8 takes a slow
 * path when a spread literal redefines a key of the spread object (~5x slower over 28k sites).
 */
function resolved(s: DataAccessSite, pkg: string | null, library: string, database: string): ResolvedSite {
  return Object.assign({}, s, { package: pkg, library, database });
}

/** Resolved once per run: every database rule reads the same facts. */
export function resolveSites(ctx: RepoRuleContext): ResolvedSite[] {
  return ctx.memo('data-access sites', () => resolveAll(ctx));
}

function resolveAll(ctx: RepoRuleContext): ResolvedSite[] {
  const out: ResolvedSite[] = [];
  const pkgOf = new Map<string, string | null>();
  const bindingsOf = new Map<string | null, Set<string>>();
  const defaultLibrary = new Map<string | null, string>();
  for (const s of ctx.facts(dataAccessFacts)) {
    let pkg = pkgOf.get(s.path);
    if (pkg === undefined) pkgOf.set(s.path, (pkg = ctx.packageOf(s.path)));
    if (s.kind === 'prepare') {
      let bindings = bindingsOf.get(pkg);
      if (!bindings) bindingsOf.set(pkg, (bindings = new Set(workersOf(ctx, pkg).flatMap((w) => w.d1.map((b) => b.binding)))));
      const recv = s.receiver ?? '';
      const envBinding = /(?:^|\.)env\.([A-Za-z_$][\w$]*)$/.exec(recv)?.[1];
      const name = bindings.has(last(recv)) ? last(recv) : envBinding && (bindings.size === 0 || bindings.has(envBinding)) ? envBinding : null;
      if (name || s.d1Typed) out.push(resolved(s, pkg, 'd1', `d1:${name ?? (bindings.size === 1 ? [...bindings][0] : last(recv))}`));
      else if (s.library) out.push(resolved(s, pkg, s.library, s.library));
      continue;
    }
    let library = s.library || defaultLibrary.get(pkg);
    if (!library) {
      const declared = ctx.layout.packages.find((p) => p.name === pkg)?.orms ?? [];
      const orms = declared.filter((o) => SQL_ORMS.includes(o));
      library = orms.length === 1 ? orms[0] : declared.length === 1 ? declared[0] : 'unknown';
      defaultLibrary.set(pkg, library);
    }
    out.push(resolved(s, pkg, library, library));
  }
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return out;
}
