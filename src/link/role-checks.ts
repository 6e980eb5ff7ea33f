// Whether a route checks the caller's role or permission, not only who they are. A middleware of its
// chain is a role check when it is a library's role, permission or scope check (knowledge/role-guards),
// or when its code (its own, or the repository export it is) reads the caller's role or permissions
// (`req.user.role`, `req.auth.permissions`) and refuses (403, a throw); or a handler that answers 403
// itself. What it is given decides nothing: `passport.authenticate('jwt', { session: false })`,
// `rateLimit({...})` and `validate(schema)` take arguments and check no role. An authentication library
// (knowledge/libraries) is no role check. A name (`requireAdmin`, `checkRole`) decides only for middleware
// whose code verdict cannot read, and can only silence (marked `by: 'name'`).
// Read for routes that authenticate; the rule that asks decides which routes need more.
import type { BodyFacts } from '../collect/facts/body.js';
import type { Mw } from '../collect/facts/routes.js';
import { AUTH_PACKAGE_PREFIXES, exportFact, isRoleGuardExport, isRoleGuardName, namesAccessCheck } from '../knowledge/index.js';

export type RoleCheck = { by: 'chain'; name: string; how?: 'library' | 'body' | 'name' } | { by: 'handler' } | null;

/** The code of a middleware imported from a file of the repository, when the link stage can read it. */
export type MwBody = (m: Mw) => BodyFacts | undefined;

export function roleCheckOf(mws: readonly Mw[], handler: BodyFacts | undefined, bodyOf: MwBody = () => undefined): RoleCheck {
  let byName: RoleCheck = null;
  for (const m of mws) {
    if (m.from && m.imported && isRoleGuardExport(m.from, m.imported)) return { by: 'chain', name: m.name, how: 'library' };
    const body = m.body ?? bodyOf(m);
    if (body) {
      if (checksCallerRole(body)) return { by: 'chain', name: m.name, how: 'body' };
      continue;
    }
    // A library whose export is known (an authentication middleware, a limiter, an upload parser): no role check.
    if (m.from && !m.from.startsWith('.') && (knownExport(m.from, m.imported) || AUTH_PACKAGE_PREFIXES.some((p) => m.from === p || m.from!.startsWith(p)))) continue;
    if (!byName && (isRoleGuardName(m.name) || namesAccessCheck(m.name))) byName = { by: 'chain', name: m.name, how: 'name' };
  }
  if (handler && (handler.statuses?.includes(403) || (handler.denies && !handler.unauthenticated))) return { by: 'handler' };
  return byName;
}

function knownExport(from: string, imported: string | null): boolean {
  if (!imported) return false;
  const name = imported.startsWith('*#') ? imported.slice(2) : imported;
  return exportFact(`${from}#${name}`) !== null || exportFact(`${from}#${name.split('#')[0]}`) !== null;
}

/**
 * A body (or a function of its file it calls) that reads the caller's role or permissions and refuses:
 * answers 403 (or a denial's name), or throws.
 */
export function checksCallerRole(body: BodyFacts): boolean {
  const all = [body, ...(body.helpers ?? []).map((h) => h.body)];
  const reads = all.some((b) => b.callerRole !== undefined);
  const refuses = all.some((b) => b.statuses?.includes(403) || b.denies || b.throws);
  return reads && refuses;
}
