// Which route a payment provider sends the buyer back to: the return URL's path given where the
// checkout is created (collect/payment-returns) matched to the route table's resolved paths, segment by
// segment. A route's parameter (`:id`, `[id]`, `{id}`) takes any segment; a piece of the URL not known
// where it was written (`{*}`) takes any segment of the route.
import type { Located } from '../collect/facts/define.js';
import type { PaymentReturn } from '../collect/facts/payment-returns.js';

function isParameter(segment: string): boolean {
  return segment.startsWith(':') || segment.startsWith('[') || (segment.startsWith('{') && segment !== '{*}');
}

/** Whether a return URL's path (`/orders/{*}/paid`) names a route's path (`/orders/:id/paid`). */
export function returnPathMatches(returnPath: string, routePath: string): boolean {
  const a = returnPath.split('/').filter((s) => s.length > 0);
  const b = routePath.split('/').filter((s) => s.length > 0);
  if (a.length !== b.length || a.length === 0) return false;
  return a.every((s, i) => s === b[i] || isParameter(b[i]!) || (s.includes('{*}') && new RegExp(`^${s.split('{*}').map(escape).join('[^/]*')}$`).test(b[i]!)));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first checkout whose return URL names the route's path, or null. */
export function paymentReturnTo(returns: ReadonlyArray<Located<PaymentReturn>>, routePath: string): Located<PaymentReturn> | null {
  return returns.find((r) => r.returnPath !== null && returnPathMatches(r.returnPath, routePath)) ?? null;
}
