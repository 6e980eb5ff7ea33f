// Whether a middleware guards a route, judged from what the collector saw: the library export it is
// (knowledge/), or what its body does (calls a verifier, or reads a credential and answers 401/403).
// A name is the last resort, for middleware whose code verdict cannot read, and is marked low confidence.
import type { Mw } from '../../collect/collectors/routes-ast.js';
import type { BodyFacts } from '../../collect/facts/body.js';
import { AUTH_PACKAGE_PREFIXES, exportFact, requestMethodFact, nameSaysCallerCheck, nameSaysLenient, SESSION_ONLY_PACKAGES } from '../../knowledge/index.js';

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
  // A NestJS guard class judged where it was collected.
  if (m.judged) return judged(Boolean(m.auth), 'name', 'low');
  if (m.from && m.imported) {
    const fact = importedFact(m.from, m.imported);
    if (fact) return judged(fact.role === 'guard' && !fact.lenient, 'library');
    if (!m.from.startsWith('.') && AUTH_PACKAGE_PREFIXES.some((p) => m.from === p || m.from!.startsWith(p))) return judged(!nameSaysLenient(m.name), 'library');
  }
  if (m.body) return judged(bodyGuards(m.body, m.name), 'body');
  return null;
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

/**
 * A body guards when it lets no anonymous caller through: it calls a verifier a library descriptor
 * names (which throws or fails on a bad token), or it reads a credential (a header, a cookie, a session
 * from a session reader, or calls a check named for the caller) and answers 401/403 or throws.
 */
export function bodyGuards(body: BodyFacts, name = ''): boolean {
  if (nameSaysLenient(name)) return false;
  // An imported export by its descriptor; `request.jwtVerify()` by the method a plugin adds to requests.
  const facts = body.calls.map((c) => exportFact(c) ?? (c.includes('#') ? null : requestMethodFact(c.slice(c.lastIndexOf('.') + 1))));
  if (facts.some((f) => f && !f.lenient && (f.role === 'verifier' || f.role === 'guard'))) return true;
  const denies = Boolean(body.denies || body.throws);
  if (!denies) return false;
  if ((body.credentials?.length ?? 0) > 0) return true;
  if (facts.some((f) => f?.role === 'session-reader')) return true;
  // A check of this repository's own, named for the caller (`verifyToken`, `requireUser`), before the denial.
  return body.calls.some((c, i) => facts[i] === null && nameSaysCallerCheck(c.slice(c.lastIndexOf('#') + 1).split('.').pop() ?? c));
}
