// What a route handler does, judged from the facts of its body (collect/facts/body.ts) and the
// library knowledge: whether it touches stored data, checks its caller, checks a webhook signature,
// limits requests, only refuses the method, or tells a request helper to skip its auth check.
// Pure functions of typed facts: the link stage's route assembly calls them (link/ sits before rules/, so both can).
import type { BodyFacts } from '../collect/facts/body.js';
import { rejectsOnErrorStatus,
  BINDING_DATA_METHODS, calleeFact, isDataCallMethod, isIdentityName, isSessionField, DATA_CLIENT_NAMES, DATA_METHODS, IN_MEMORY_CONSTRUCTORS, isKnownModule, NOT_STORE_MAKERS, exportsWithRole, nameIsNotStore, nameSaysCallerCheck,
  nameSaysLimiter, nameWords, optionSkipsAuth, RESPONDERS, RUNTIME_MODULES, LOG_RECEIVERS, serviceDependencyOf, type Role, webhookProviderOf, type WebhookProvider,
} from '../knowledge/index.js';
import { bodyGuards, calleeRole, judgeMiddleware, namesCallerCheckCall, passesUnverified } from './guards.js';

/** A judgment and what it rests on: a library descriptor or the code's structure (high), or a name alone (low). */
export interface Judgment {
  yes: boolean;
  confidence: 'high' | 'low';
}

const NO: Judgment = { yes: false, confidence: 'high' };
const yes = (confidence: Judgment['confidence']): Judgment => ({ yes: true, confidence });
const DATA_ROLES: readonly Role[] = ['data-client', 'sql-executor', 'sql-tag'];

/** A callee split into its module (null when it resolved to none) and the members after the export. */
function parts(callee: string): { module: string | null; path: string[] } {
  const hash = callee.indexOf('#');
  if (hash < 0) return { module: null, path: callee.split('.') };
  return { module: callee.slice(0, hash), path: callee.slice(hash + 1).split('#') };
}

/**
 * Whether one call reads or writes stored data. By the library descriptor when the callee resolves to a
 * described module (a Prisma client, a pg pool, a D1 binding's method); a built-in collection made in
 * memory never does; otherwise by names: a data method on a receiver that is no request, hash or
 * collection (`db.insert`), a receiver named for a data client (`prisma.user`), or a Workers binding's
 * data method (`env.DB.prepare`).
 */
export function callTouchesData(callee: string): Judgment {
  // A function of the callee's name alone, asked again for every handler that makes the call.
  let j = touchesByCallee.get(callee);
  if (!j) touchesByCallee.set(callee, (j = Object.freeze(judgeCall(callee))));
  return j;
}
const touchesByCallee = new Map<string, Judgment>();

function judgeCall(callee: string): Judgment {
  const f = calleeFact(callee);
  if (f) return DATA_ROLES.includes(f.role) ? yes('high') : NO;
  const { module, path } = parts(callee);
  if (module !== null && isKnownModule(module)) return NO;
  if (module === null && path.length > 1 && IN_MEMORY_CONSTRUCTORS.includes(path[0])) return NO;
  // `Map#set` on `new Map()`: a built-in made in memory.
  if (module !== null && IN_MEMORY_CONSTRUCTORS.includes(module)) return NO;
  // `createHash()#update`: a value made by a function verdict cannot resolve, judged by the function's name.
  if (module !== null && module.endsWith('()')) {
    const maker = module.slice(0, -2);
    if (NOT_STORE_MAKERS.includes(maker)) return NO;
    return nameWords(maker).some((w) => DATA_CLIENT_NAMES.includes(w)) || DATA_METHODS.includes(path[path.length - 1]) ? yes('low') : NO;
  }
  const method = path[path.length - 1];
  const receiver = path.length > 1 ? path[path.length - 2] : null;
  const envAt = path.lastIndexOf('env');
  if (module === null && envAt >= 0 && envAt === path.length - 3 && isBindingName(path[envAt + 1]) && BINDING_DATA_METHODS.includes(method)) return yes('low');
  if (path.some((p, i) => i < path.length - 1 && DATA_CLIENT_NAMES.includes(p)) || (path.length === 1 && module === null && DATA_CLIENT_NAMES.includes(method))) return yes('low');
  if (receiver !== null && DATA_METHODS.includes(method) && !nameIsNotStore(receiver)) return yes('low');
  return NO;
}

/** Whether a handler reads or writes stored data: any call that does. */
export function touchesData(body: BodyFacts): Judgment {
  let found: Judgment = NO;
  for (const c of body.calls) {
    const j = callTouchesData(c);
    if (j.yes && j.confidence === 'high') return j;
    if (j.yes) found = j;
  }
  return found;
}

/**
 * Whether what a handler changes is the caller's own: it reads nothing of its request but the fields
 * that hold the caller's session (knowledge/sessions), some call takes those as its key, and every call
 * that touches stored data, and every function of its file it calls that does, is such a call. A key
 * from `params`, `body` or `query`, or the request handed on whole (`*`), and it is not.
 */
export function ownSessionOnly(body: BodyFacts): boolean {
  const fields = body.requestFields ?? [];
  const keyed = new Set((body.keyedCalls ?? []).map((k) => k.callee));
  if (fields.length === 0 || keyed.size === 0 || !fields.every(isSessionField)) return false;
  // A function of the file that calls no data method (a client's getter, `getCheckpointer()`) writes nothing itself.
  const writes = (h: BodyFacts): boolean => h.calls.some((c) => isDataCallMethod(lastName(c)));
  return body.calls.every((c) => keyed.has(c) || !callTouchesData(c).yes) && (body.helpers ?? []).every((h) => keyed.has(h.name) || !writes(h.body));
}

const roleOf = (callee: string): Role | null => calleeFact(callee)?.role ?? null;
const lastName = (callee: string): string => {
  const { path } = parts(callee);
  return path[path.length - 1];
};
const CHECK_VERBS = new Set(['require', 'ensure', 'assert', 'verify', 'check', 'validate', 'authenticate', 'authorize']);

/**
 * A call of the repository's own (or an unknown library's) named for checking the caller with a verb
 * (`requireUser`, `verifyToken`, `checkApiKey`, `authenticate`): by convention it throws or answers when
 * the check fails. A name: low confidence.
 */
function namedCallerCheck(callee: string): boolean {
  let named = namedCheckByCallee.get(callee);
  if (named === undefined) namedCheckByCallee.set(callee, (named = judgeNamedCallerCheck(callee)));
  return named;
}
const namedCheckByCallee = new Map<string, boolean>();

function judgeNamedCallerCheck(callee: string): boolean {
  if (calleeFact(callee)) return false;
  const name = lastName(callee);
  const words = nameWords(name);
  return words.length > 0 && CHECK_VERBS.has(words[0]) && (words.length === 1 ? name === 'authenticate' || name === 'authorize' : nameSaysCallerCheck(name));
}

/**
 * Whether a handler checks its caller itself: its body guards as a middleware would (a verifier, or a
 * credential read with a 401/403), or it checks a signature, or it calls a check named for the caller
 * (low confidence), or it looks a value up from the request and answers 401 without one, or a function
 * of its file it calls does any of this.
 */
export function checksCaller(body: BodyFacts): Judgment {
  if (bodyGuards(body)) return yes(bodyGuardsByName(body) ? 'low' : 'high');
  const signature = checksSignature(body);
  if (signature.yes) return signature;
  if (body.unauthenticated && (body.requestCalls?.length ?? 0) > 0) return yes('high');
  const remote = asksAboutCaller(body);
  if (remote.yes) return remote;
  // `if (!req.user) return res.status(401)`, `if (!c.get('user')) return c.json(..., 401)`: it refuses a caller
  // the middleware did not identify (knowledge IDENTITY_FIELDS, CONTEXT_VARIABLES). Low: the 401 may answer another branch.
  if (body.unauthenticated && (body.requestFields ?? []).some(isIdentityName)) return yes('low');
  if (body.calls.some(namedCallerCheck)) return yes('low');
  if (body.denies || body.throws) {
    for (const h of body.helpers ?? []) {
      const j = checksCaller(h.body);
      if (j.yes) return j;
      if (h.body.calls.some((c) => roleOf(c) === 'session-reader' || roleOf(c) === 'verifier')) return yes('high');
    }
  }
  return NO;
}

/**
 * It sends the caller's credential to another service and waits for the answer (token introspection):
 * a refusal stops it when the client rejects on an error status (knowledge REJECTING_HTTP_CLIENTS) or an
 * `if` that ends the request tests the answer (high); low when the client is not known (a decorated
 * instance, the app's own wrapper); no for a fetch-like client whose answer nothing tests.
 */
function asksAboutCaller(body: BodyFacts): Judgment {
  let low = false;
  for (const callee of body.forwardsCredential ?? []) {
    if (rejectsOnErrorStatus(callee) === true || body.gateCalls?.includes(callee)) return yes('high');
    if (rejectsOnErrorStatus(callee) === null) low = true;
  }
  return low ? yes('low') : NO;
}

/** Whether `bodyGuards` said yes only through a check named for the caller (no library, no credential read). */
function bodyGuardsByName(body: BodyFacts): boolean {
  return !body.calls.some((c) => ['verifier', 'guard', 'session-reader', 'secret-compare'].includes(roleOf(c) ?? '')) && (body.credentials?.length ?? 0) === 0;
}

/**
 * Whether a handler (a webhook) checks the sender's signature: it calls a verifier a descriptor names
 * (`stripe.webhooks.constructEvent`, svix, @octokit/webhooks, QStash), compares in constant time, or
 * computes an HMAC; or, low confidence, calls a check of its own named for a signature
 * (`verifySlackSignature`); or a function of its file it calls does.
 */
export function checksSignature(body: BodyFacts): Judgment {
  // Asked of the same body by checksCaller, verifiesWebhook and exportGuards: a function of the body's facts.
  let j = signatureByBody.get(body);
  if (!j) signatureByBody.set(body, (j = judgeSignature(body)));
  return j;
}
const signatureByBody = new WeakMap<BodyFacts, Judgment>();

function judgeSignature(body: BodyFacts): Judgment {
  let low = false;
  for (const c of body.calls) {
    const s = callChecksSignature(c);
    if (s === 'high') return yes('high');
    if (s === 'low') low = true;
  }
  if (low) return yes('low');
  for (const h of body.helpers ?? []) {
    const j = checksSignature(h.body);
    if (j.yes) return j;
  }
  return NO;
}

/**
 * What one call says of a signature check: a verifier a descriptor names (high), a check of its own
 * named for a signature or a descriptor's verifier matched by its method path (low), or nothing.
 * A function of the callee's name alone, asked for every call of every handler.
 */
export function callChecksSignature(callee: string): 'high' | 'low' | null {
  let s = signatureByCallee.get(callee);
  if (s === undefined) {
    const f = calleeFact(callee);
    s = f ? (!f.lenient && (f.role === 'verifier' || f.role === 'secret-compare' || f.role === 'mac' || (f.role === 'guard' && f.exact)) ? 'high' : null)
      : namesSignatureCheck(lastName(callee)) || verifierByTail(callee) ? 'low' : null;
    signatureByCallee.set(callee, s);
  }
  return s;
}
const signatureByCallee = new Map<string, 'high' | 'low' | null>();

/**
 * The webhook provider a handler receives from, by the provider's header it reads (knowledge/webhooks),
 * itself or through a function of its file it calls; null when it reads none.
 */
export function webhookOf(body: BodyFacts): WebhookProvider | null {
  for (const h of body.webhookHeaders ?? []) {
    const p = webhookProviderOf(h);
    if (p) return p;
  }
  for (const h of body.helpers ?? []) {
    const p = webhookOf(h.body);
    if (p) return p;
  }
  return null;
}

/**
 * Whether a webhook handler verifies its sender: it checks a signature (checksSignature), or, for a
 * provider that sends a shared secret as the header's value (Telegram's secret token), it reads that
 * header and refuses (answers 401/403 or throws).
 */
export function verifiesWebhook(body: BodyFacts, provider: WebhookProvider | null): Judgment {
  const signature = checksSignature(body);
  if (signature.yes) return signature;
  if (provider?.secret && provider.headers.some((h) => (body.webhookHeaders ?? []).includes(h)) && (body.denies || body.throws)) return yes('high');
  return NO;
}

let verifierTails: string[] | null = null;

/**
 * A verifier a descriptor names, recognised by its method path alone, low confidence: `stripe.webhooks
 * .constructEvent` or `receiver.verify` on a client imported from a file of the repo, whose making
 * verdict cannot see here (`Receiver#verify` is matched as `receiver.verify`). Paths of one name alone
 * (`verify`) say nothing.
 */
function verifierByTail(callee: string): boolean {
  verifierTails ??= exportsWithRole('verifier').map((e) => e.name.split('#').filter((p) => p !== 'default')).filter((t) => t.length >= 2).map((t) => t.join('#').toLowerCase());
  const path = `#${callee.split('.').join('#').toLowerCase()}`;
  return verifierTails.some((t) => path.endsWith(`#${t}`));
}

function namesSignatureCheck(name: string): boolean {
  const words = nameWords(name);
  return words.some((w) => CHECK_VERBS.has(w) || w === 'construct') && words.some((w) => w === 'signature' || w === 'webhook' || w === 'hmac');
}

/**
 * Whether a handler applies a limiter itself: a limiter a descriptor names (`ratelimit.limit(id)` on
 * `new Ratelimit(...)`), or, by name, a Workers rate-limiting binding (`env.RATE_LIMITER.limit(...)`) or
 * a limiter of its own (`limiter.consume(ip)`).
 */
export function limitsRequests(body: BodyFacts): Judgment {
  for (const c of body.calls) {
    if (roleOf(c) === 'limiter') return yes('high');
    const { module, path } = parts(c);
    const method = path[path.length - 1];
    if (module === null && path.length > 1 && (method === 'limit' || method === 'consume') && nameSaysLimiter(path[path.length - 2])) return yes('low');
    if (module === null && method === 'limit' && path.length >= 3 && path[path.length - 3] === 'env') return yes('low');
  }
  return NO;
}

const REFUSALS = [405, 501];

/**
 * Whether a handler only turns the request away: it answers 405 or 501 and nothing else, awaits
 * nothing and calls nothing but what builds the answer.
 */
export function onlyRefuses(body: BodyFacts): boolean {
  const statuses = body.statuses ?? [];
  if (statuses.length === 0 || !statuses.every((s) => REFUSALS.includes(s)) || body.awaits) return false;
  return body.calls.every((c) => {
    const name = lastName(c);
    return RESPONDERS.has(name) || RESPONDERS.has(c);
  });
}

/** Whether the handler tells a request helper to skip its auth check (`parseRequest(req, schema, { skipAuth: true })`). */
export function skipsAuth(body: BodyFacts): boolean {
  return (body.options ?? []).some((o) => {
    const [name, value] = o.split('=');
    return optionSkipsAuth(name, value === 'true');
  });
}

/** `DB`, `RATE_LIMITER`: the upper-case name a Workers binding has on `env`. */
function isBindingName(name: string): boolean {
  return name === name.toUpperCase() && name !== name.toLowerCase();
}

/**
 * Whether an exported helper guards the requests it is given (`parseRequest`, `withAdmin`): stricter
 * than a handler's own check. It has a sender's signature checked, or applies a NestJS auth guard
 * (`applyDecorators(UseGuards(AuthGuard('jwt')))`), or answers 401 (not merely 403: a resource rule
 * guards nothing) after a verifier, a credential read or a check named for the caller; itself or
 * through a function of its file it calls.
 */
export function exportGuards(body: BodyFacts): boolean {
  if (passesUnverified(body)) return false;
  if (body.calls.some((c) => {
    const f = calleeRole(c);
    return f !== null && !f.lenient && (f.role === 'verifier' || f.role === 'guard' || f.role === 'secret-compare' || f.role === 'mac') && c !== '@nestjs/common#UseGuards';
  })) return true;
  if ((body.guards ?? []).some((g) => judgeMiddleware({ ...g, nest: 'guard' }, [])?.guard)) return true;
  // A cron or webhook wrapper that has the sender's signature checked (`verifyQstashSignature`, which throws).
  if (checksSignature(body).yes) return true;
  if (body.unauthenticated && (readsCaller(body) || body.calls.some((c) => calleeRole(c)?.role === 'session-reader'))) return true;
  return (body.helpers ?? []).some((h) => exportGuards(h.body));
}

/**
 * Whether a body reads the caller's credential from the request itself (a header, a cookie, an API
 * key) or calls a verifier or a check named for the caller: a guard that can stand for a route's
 * handler, not one that sends a token upstream and maps the upstream's 401.
 */
export function readsCaller(body: BodyFacts): boolean {
  if ((body.credentials?.length ?? 0) > 0) return true;
  return body.calls.some((c) => {
    const f = calleeRole(c);
    if (f) return f.role === 'verifier' || f.role === 'session-reader';
    return namesCallerCheckCall(c, body);
  });
}


/**
 * What the calls of a health handler (and of the functions of its file it calls, collect's `helpers`)
 * could check. `dependency`: a call that reaches a service client (knowledge/dependencies by the
 * module it is imported from, or a data call as handlers.ts judges one); `repo`: calls into other files
 * of the repository (`./db#pool#query`), for the link to follow; `open`: calls verdict cannot rule out
 * as a check (an unknown object's method, a package it has no entry for). Calls that only build the
 * answer (`RESPONDERS`), write the log or read the runtime are none of these: a handler made of them
 * answers the same whether its dependencies are up or down.
 */
export function healthCalls(body: BodyFacts): { dependency: string | null; repo: string[]; open: string[] } {
  const out = { dependency: null as string | null, repo: [] as string[], open: [] as string[] };
  const helpers = new Map((body.helpers ?? []).map((h) => [h.name, h.body]));
  const visit = (b: BodyFacts, depth: number): void => {
    for (const c of b.calls) {
      const { module, path } = parts(c);
      const last = path[path.length - 1];
      if (RESPONDERS.has(c) || RESPONDERS.has(last) || (module === null && RESPONDERS.has(path.join('.')))) continue;
      if (module !== null && serviceDependencyOf(module)) { out.dependency ??= c; continue; }
      if (callTouchesData(c).yes) { out.dependency ??= c; continue; }
      if (module !== null && module.startsWith('.')) { out.repo.push(c); continue; }
      if (module !== null && (RUNTIME_MODULES.has(module) || roleOf(c) === 'logger')) continue;
      if (path.slice(0, -1).some((p) => LOG_RECEIVERS.has(p)) || (module === null && path[0] === 'console')) continue;
      const helper = module === null && path.length === 1 ? helpers.get(last) : undefined;
      if (helper && depth === 0) { visit(helper, 1); continue; }
      out.open.push(c);
    }
  };
  visit(body, 0);
  return out;
}

/** Where a request is gated by a CAPTCHA check: the service, and the file (null: the body's own) and line that ask it. */
export interface CaptchaGate { service: string; path: string | null; line: number }

/**
 * Whether a body refuses the request unless a CAPTCHA service says the visitor's token is good
 * (knowledge/captcha): it asks the service and an `if` on the answer's `success` returns or throws; or
 * an `if` that ends the request tests what a function returned that asks the service (a function of its
 * file, or one `resolve` finds the body of: an import); or a function it calls asks and refuses itself.
 * A call whose answer is never tested gates nothing.
 */
export function captchaGate(body: BodyFacts, resolve?: (callee: string) => { body: BodyFacts; path: string } | null): CaptchaGate | null {
  if (body.captcha && body.successGate) return { ...body.captcha, path: null };
  for (const c of body.gateCalls ?? []) {
    const local = (body.helpers ?? []).find((h) => h.name === c);
    const found = local ? { body: local.body, path: null } : resolve?.(c) ?? null;
    // The function asks the service and hands its answer back: the `if` here is the refusal.
    if (found?.body.captcha) return { ...found.body.captcha, path: found.path };
  }
  // A function it calls that asks the service and itself returns or throws when `success` is false.
  for (const h of body.helpers ?? []) if (h.body.captcha && h.body.successGate) return { ...h.body.captcha, path: null };
  for (const c of body.calls) {
    const found = c.includes('#') ? resolve?.(c) ?? null : null;
    if (found?.body.captcha && found.body.successGate) return { ...found.body.captcha, path: found.path };
  }
  return null;
}
