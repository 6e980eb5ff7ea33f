// Whether a middleware guards a route, judged from what the collector saw: the library export it is
// (knowledge/), or what its body does (calls a verifier, or reads a credential and answers 401/403).
// A name is the last resort, for middleware whose code verdict cannot read, and is marked low confidence.
// Pure functions of typed facts: the link stage's route assembly calls them (link/ sits before rules/, so both can).
import type { BodyFacts, GuardRef } from '../collect/facts/body.js';
import type { Mw } from '../collect/facts/routes.js';
import {
  AUTH_PACKAGE_PREFIXES, calleeFact, exportFact, instanceMethodFact, LENIENT_WORDS, nameSaysCallerCheck, nameSaysLenient, requestMethodFact, SESSION_ONLY_PACKAGES,
} from '../knowledge/index.js';

export interface GuardJudgment {
  guard: boolean;
  /** high: from a library descriptor, the user's config or the code's body; low: from a name alone. */
  confidence: 'high' | 'low';
  /** What decided: the user's config, a library descriptor, the function's body, or its name. */
  by: 'config' | 'library' | 'body' | 'name';
}

const judged = (guard: boolean, by: GuardJudgment['by'], confidence: GuardJudgment['confidence'] = 'high'): GuardJudgment => ({ guard, by, confidence });

/**
 * What the facts say about a middleware, or null when they cannot say (an import from a file of the
 * repo, whose export the route assembly looks up; then, failing that, `byName`).
 */
export function judgeMiddleware(m: Mw, configured: readonly string[]): GuardJudgment | null {
  const last = (m.name.split('.').pop() ?? m.name).toLowerCase();
  if (configured.some((n) => n === m.name.toLowerCase() || n === last)) return judged(true, 'config');
  if (m.from && SESSION_ONLY_PACKAGES.includes(m.from)) return judged(false, 'library');
  // koa-jwt `passthrough: true` (knowledge PASS_THROUGH_OPTIONS): callers without a token get through.
  if (m.passThrough) return judged(false, 'library');
  if (m.from && m.imported) {
    const fact = importedFact(m.from, m.imported);
    // A middleware a wrapper makes of a function of the app (`createMiddleware(fn)`): that function's body decides.
    if (fact?.role === 'middleware-wrapper') return m.body ? judged(bodyGuards(m.body), 'body') : null;
    // A Fastify authentication plugin, registered: it decorates the app or the request and guards a route
    // only where it also hooks every route of its context (and that hook is not turned off).
    if (fact?.role === 'auth-plugin') return judged(Boolean(fact.plugin?.hooksUnless) && !m.hooksNothing, 'library');
    // passport's `AuthGuard(['jwt', 'anonymous'])`: the anonymous strategy lets every caller through.
    if (fact) return judged(fact.role === 'guard' && !fact.lenient && !lenientArgs(m), 'library');
    if (!m.from.startsWith('.') && AUTH_PACKAGE_PREFIXES.some((p) => m.from === p || m.from!.startsWith(p))) return judged(!nameSaysLenient(m.name) && !lenientArgs(m), 'library');
  }
  // A NestJS guard or middleware class, or a decorator: its code is in another file (a decorator of the
  // app's own is looked up among the exports that guard, by the route assembly).
  // A method a registered Fastify plugin adds to the app, named in a hook (`onRequest: fastify.basicAuth`).
  const member = !m.from && !m.nest && m.name.includes('.') ? instanceMethodFact(m.name.slice(m.name.lastIndexOf('.') + 1)) : null;
  if (member) return judged(member.role === 'guard' && !member.lenient, 'library');
  if (m.nest === 'decorator') return judged(false, 'name', 'low');
  if (m.nest) return judged(!lenientArgs(m) && nameSaysCallerCheck(m.name, m.nest === 'guard' ? 'guard-class' : 'middleware'), 'name', 'low');
  if (m.body) return judged(bodyGuards(m.body), 'body');
  return null;
}

/** A guard given an `anonymous` strategy or option: anonymous callers pass. */
function lenientArgs(m: GuardRef): boolean {
  return (m.args ?? []).some((a) => LENIENT_WORDS.some((w) => a.toLowerCase() === w.word));
}

/**
 * The descriptor of an imported export. A CommonJS `require` binds the whole module (`*`), which is
 * its default export to an ES import: `passport.initialize` through `require('passport')` is
 * passport's `default#initialize`.
 */
function importedFact(from: string, imported: string): ReturnType<typeof exportFact> {
  const direct = exportFact(`${from}#${imported}`);
  if (direct || !imported.startsWith('*')) return direct;
  const member = imported.slice(2);
  return exportFact(`${from}#default${member ? `#${member}` : ''}`) ?? (member ? exportFact(`${from}#${member}`) : null);
}

/** The last resort: the middleware's name says it checks the caller (whole words: `authorStats` does not). */
export function byName(m: Mw): GuardJudgment {
  return judged(nameSaysCallerCheck(m.name), 'name', 'low');
}

/** What a callee is by the descriptors: an imported export, or `request.jwtVerify()` by the method a plugin adds to requests. */
export function calleeRole(c: string): ReturnType<typeof calleeFact> | ReturnType<typeof requestMethodFact> {
  return calleeFact(c) ?? (c.includes('#') ? null : requestMethodFact(c.slice(c.lastIndexOf('.') + 1)));
}

/**
 * A body guards when it lets no anonymous caller through: it calls a verifier a library descriptor
 * names (which throws or fails on a bad token), or it reads a credential (a header, a cookie, a session
 * from a session reader, a constant-time comparison, or calls a check named for the caller) and answers
 * 401/403 or throws.
 */
export function bodyGuards(body: BodyFacts): boolean {
  if (passesUnverified(body)) return false;
  const facts = body.calls.map(calleeRole);
  if (facts.some((f) => f && !f.lenient && (f.role === 'verifier' || f.role === 'guard'))) return true;
  const denies = Boolean(body.denies || body.throws);
  if (!denies) return false;
  if ((body.credentials?.length ?? 0) > 0) return true;
  if (facts.some((f) => f?.role === 'session-reader' || f?.role === 'secret-compare')) return true;
  // A check of this repository's own, named for the caller (`verifyToken`, `requireUser`), before the denial.
  return body.calls.some((c, i) => facts[i] === null && namesCallerCheckCall(c, body));
}

/**
 * Whether a body hands the request on where the credential is missing or did not verify (collect's
 * `passesOn`): an optional authentication, which fills in the caller when it can and lets everyone
 * through. A swallowed failure counts when what failed was a check (a verifier or guard a descriptor
 * names, a session reader, a check of the app's own named for the caller); a callback when the call it
 * was handed to is one.
 */
export function passesUnverified(body: BodyFacts): boolean {
  return (body.passesOn ?? []).some((p) => p.when === 'absent' || (p.calls ?? []).some((c) => {
    const f = calleeRole(c);
    if (f) return !f.lenient && ['verifier', 'guard', 'session-reader'].includes(f.role);
    return namesCallerCheckCall(c, body);
  }));
}

/**
 * A callee of `body` named for checking the caller: a function called (`requireUser`, `getSession`),
 * never a class constructed (`new DeleteUserCommand({ userId })`, `new UserDto(...)`: it makes a value
 * and checks nothing, whatever words its name holds).
 */
export function namesCallerCheckCall(callee: string, body: BodyFacts): boolean {
  if (body.constructed?.includes(callee)) return false;
  const name = callee.slice(callee.lastIndexOf('#') + 1).split('.').pop() ?? callee;
  return nameSaysCallerCheck(name);
}
