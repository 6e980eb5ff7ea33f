// Whether a route checks the caller's role or permission, not only who they are: a middleware of its
// chain given the role or permission it requires (`auth('manageUsers')`, `authorize(['admin'])`) or named
// for one (`requireAdmin`, `checkRole`: a name can only silence), or a handler that answers 403 itself.
// Read for routes that authenticate; the rule that asks decides which routes need more.
import type { BodyFacts } from '../collect/facts/body.js';
import type { Mw } from '../collect/facts/routes.js';
import { isRoleGuardName, namesAccessCheck } from '../knowledge/index.js';

export type RoleCheck = { by: 'chain'; name: string } | { by: 'handler' } | null;

export function roleCheckOf(mws: readonly Mw[], handler: BodyFacts | undefined): RoleCheck {
  for (const m of mws) {
    if ((m.args?.length ?? 0) > 0 || isRoleGuardName(m.name) || namesAccessCheck(m.name)) return { by: 'chain', name: m.name };
  }
  if (handler && (handler.statuses?.includes(403) || (handler.denies && !handler.unauthenticated))) return { by: 'handler' };
  return null;
}
