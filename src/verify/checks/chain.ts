// "`/account/*` protected by `passportConfig.isAuthenticated`", "`/api/facebook` requires an
// authenticated and authorised user", "Agendash on `/dash` behind basic auth", "`/auth/logout` revokes
// the JWT": a route's middleware chain or its handler. Judged on the audit's route table (mounts,
// prefixes and app-level middleware resolved), never on the words of a file.
import type { AssembledRoute } from '../../link/index.js';
import { BASIC_AUTH_MODULES } from '../../knowledge/index.js';
import type { Evidence } from '../../model/run.js';
import type { Subject } from '../model.js';
import { fileEvidence, figure } from '../repo.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable, type Verifier } from './context.js';

/** What a line says of a route it names in a code span; null when it names no route or no guard. */
export function routeClaim(text: string): Subject | null {
  const t = text.replace(/\*\*|__/g, '');
  const codes = [...t.matchAll(/`([^`\n]+)`/g)].map((m) => m[1].trim());
  const route = codes.map((c) => c.match(/^(?:(GET|POST|PUT|PATCH|DELETE|HEAD)\s+)?(\/[\w/:.*-]*)$/)).find(Boolean);
  if (!route) return null;
  const guard = codes.find((c) => c !== route[0] && /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(c) && /[a-z][A-Z]|\./.test(c));
  const wants = {
    ...(guard && /\b(protect\w*|guard\w*|behind|requires?|by)\b/i.test(t) ? { guard } : {}),
    ...(/\bauthenticat\w*|\blogged[- ]in\b/i.test(t) ? { authenticated: true } : {}),
    ...(/\bauthori[sz]\w*/i.test(t) ? { authorised: true } : {}),
    ...(/\bbasic[- ]auth\b/i.test(t) ? { basicAuth: true } : {}),
    ...(/\b(revok\w*|invalidat\w*|blacklist\w*|denylist\w*)\b/i.test(t) ? { writes: true } : {}),
  };
  if (Object.keys(wants).length === 0) return null;
  return { topic: 'route', path: route[2], ...(route[1] ? { method: route[1] } : {}), ...wants };
}

function routesOf(ctx: CheckContext): AssembledRoute[] | null {
  try { return ctx.link?.().routes.routes.filter((r) => ctx.repo.isRelease(r.file)) ?? null; } catch { return null; }
}

/** Routes the claim's path names: exact, or under a `/x/*` prefix; a prefix the route table could not resolve is tolerated at the front. */
function matching(routes: AssembledRoute[], path: string, method: string): AssembledRoute[] {
  const wild = path.endsWith('/*') || path.endsWith('*');
  const base = path.replace(/\/?\*$/, '');
  const fits = (p: string) => (wild ? p === base || p.startsWith(`${base}/`) || p.includes(`${base}/`) || p.endsWith(base) : p === path || p.endsWith(path));
  return routes.filter((r) => fits(r.path.replace(/^\?/, '')) && (!method || r.method === method || r.method === 'ALL'));
}

const lastName = (n: string) => n.split('.').pop()!;
const hasGuard = (r: AssembledRoute, guard: string) => r.middleware.some((m) => m === guard || lastName(m) === lastName(guard));
const ev = (rs: AssembledRoute[]): Evidence[] => rs.slice(0, 2).map((r) => fileEvidence({ path: r.file, line: r.line, text: r.snippet || `${r.method} ${r.path}` }));
const said = (r: AssembledRoute) => `${r.method} ${r.path} (${r.file}:${r.line})`;

/** `app.use('/dash', basicAuth(...), agendash(...))`: a mount, which the route table keeps as a `use` fact. */
function mountedBehindBasicAuth(ctx: CheckContext, path: string): Check {
  let facts: ReadonlyArray<{ kind: string; path: string; prefix?: string | null; line?: number; middleware?: Array<{ name: string; from: string | null }> }> = [];
  try { facts = (ctx.link?.().routes.facts ?? []) as typeof facts; } catch { facts = []; }
  const mounts = facts.filter((f) => f.kind === 'use' && f.prefix === path && ctx.repo.isRelease(f.path));
  if (mounts.length === 0) return unverifiable(`no route or mount at ${path} in the route table`);
  const m = mounts[0];
  const at = { path: m.path, line: m.line ?? 1, text: ctx.repo.lines(m.path)?.[(m.line ?? 1) - 1] ?? '' };
  const guard = (m.middleware ?? []).find((x) => x.from !== null && BASIC_AUTH_MODULES.includes(x.from));
  return guard ? confirmed(`${path} is mounted at ${m.path}:${at.line} behind \`${guard.name}\` (${guard.from})`, [fileEvidence(at)])
    : contradicted(`${path} is mounted at ${m.path}:${at.line} with no basic-auth middleware (${(m.middleware ?? []).map((x) => x.name).join(', ') || 'none'})`, [fileEvidence(at)]);
}

export const routeChain: Verifier = (s, ctx) => {
  const all = routesOf(ctx);
  if (!all) return unverifiable('no route table: the audit\'s link stage did not run');
  const path = String(s.path);
  const rs = matching(all, path, String(s.method ?? ''));
  if (rs.length === 0) return s.basicAuth ? mountedBehindBasicAuth(ctx, path) : unverifiable(`no route at ${path} in the route table (${all.length} routes)`);
  const fails: string[] = [];
  const notes: string[] = [];
  if (s.guard) {
    const bare = rs.filter((r) => !hasGuard(r, String(s.guard)));
    if (bare.length) fails.push(`${bare.length} of ${rs.length} route(s) under ${path} lack \`${String(s.guard)}\`, first ${said(bare[0])} (chain: ${bare[0].middleware.join(', ') || 'none'})`);
    else notes.push(`\`${String(s.guard)}\` is in the chain of all ${rs.length} route(s)`);
  }
  if (s.authenticated) {
    const open = rs.filter((r) => !r.auth);
    if (open.length) fails.push(`${said(open[0])} has no authentication in its chain (${open[0].middleware.join(', ') || 'none'})`);
    else notes.push(`authenticated by \`${rs[0].auth}\``);
  }
  if (s.authorised) {
    // A step after the authenticating guard whose code can refuse the caller (answers 401/403, throws or
    // redirects) or that the route table judges a guard from a library, its body or the user's config;
    // one that only its name calls a guard cannot confirm.
    const after = (r: AssembledRoute) => r.steps.slice(r.steps.findIndex((x) => x.name === r.auth) + 1);
    const checks = (x: AssembledRoute['steps'][number]) => x.refuses || (x.guard !== null && x.guard !== 'name');
    const none = rs.find((r) => !r.auth || !after(r).some((x) => checks(x) || x.guard === 'name'));
    const named = rs.find((r) => !after(r).some(checks));
    if (none) fails.push(`${said(none)} has no authorisation step after authentication (chain: ${none.middleware.join(', ') || 'none'})`);
    else if (named) return unverifiable(`\`${after(named).find((x) => x.guard === 'name')!.name}\` follows the authentication of ${said(named)}, but only its name says it checks the caller`);
    else { const step = after(rs[0]).find(checks)!; notes.push(`authorised by \`${step.name}\` (its code ${step.refuses ? 'refuses callers' : 'guards the route'}, after the authentication guard)`); }
  }
  if (s.basicAuth) {
    // By the module the middleware is imported from (knowledge BASIC_AUTH_MODULES), not its name.
    const basic = (r: AssembledRoute) => r.steps.find((x) => x.from !== null && BASIC_AUTH_MODULES.includes(x.from));
    const open = rs.find((r) => !basic(r));
    if (open) fails.push(`${said(open)} has no basic-auth middleware (chain: ${open.middleware.join(', ') || 'none'})`);
    else notes.push(`basic auth in the chain (\`${basic(rs[0])!.name}\` from ${basic(rs[0])!.from})`);
  }
  if (s.writes) {
    const blind = rs.filter((r) => !r.inspected);
    if (blind.length) return unverifiable(`the handler of ${said(blind[0])} could not be read`);
    const idle = rs.filter((r) => !r.touchesData);
    if (idle.length) fails.push(`the handler of ${said(idle[0])} reads or writes no store (its calls: ${idle[0].calls.split(' ').filter(Boolean).slice(0, 4).join(', ') || 'none'}): nothing is revoked`);
    else notes.push('the handler writes to a store');
  }
  if (fails.length) return contradicted(fails.join('; '), [...ev(rs), figure(`routes matching ${path}`, rs.length)]);
  return confirmed(`${rs.length} route(s) at ${path}: ${notes.join('; ')}`, [...ev(rs), figure(`routes matching ${path}`, rs.length)]);
};
