// How the rate-limit rules name the limiters the route table says apply to a route (link/routes.ts
// RouteLimiter): by where each is applied, so `app.use(rateLimit(...))` and `app.use('/auth',
// rateLimit(...))` are two limiters, and a reviewer is told the line to open.
import type { RouteLimiter } from '../../link/routes.js';
import type { AssembledRoute } from './routes.js';

/** One limiter's identity: its name and where it is applied. */
export function limiterKey(l: RouteLimiter): string {
  return `${l.name}@${l.path ?? ''}:${l.line ?? ''}`;
}

/** `authLimiter (src/app.ts:12)`; an auth library's built-in limiter has no place of its own. */
export function limiterText(l: RouteLimiter): string {
  return l.path ? `${l.name} (${l.path}:${l.line})` : l.name;
}

/** The limiters every route of the list shares, by identity. */
export function sharedLimiters(list: readonly AssembledRoute[]): Set<string> {
  if (list.length === 0) return new Set();
  const keys = list[0].limiters.map(limiterKey);
  return new Set(keys.filter((k) => list.every((r) => r.limiters.some((l) => limiterKey(l) === k))));
}

/** What a route's chain holds, for the evidence of a route no limiter covers. */
export function chainNote(r: AssembledRoute): string {
  const names = r.middleware.length ? r.middleware.join(', ') : 'nothing';
  return `middleware before the handler: ${names}; none of it limits requests, nor does the handler`;
}
