// What a function's body does, as facts a rule can judge: the calls it makes (imported ones named by
// module and export, through the file's scopes, and methods of values those made), whether it answers
// 401/403 or throws, the statuses it answers with, which credential-bearing request fields it reads,
// and the same-file functions it calls. No judgment here: link/guards.ts and handlers.ts
// decide, with the library knowledge, whether such a body guards a route, touches data or checks a
// signature.
import ts from 'typescript';
import { captchaClientOf, captchaEndpointOf, contextVariableReader, CREDENTIAL_FIELDS, DENIAL_WORDS, isCredentialHeader, isRoleField, roleOfImport, WEBHOOK_PROVIDERS, webhookProviderOf } from '../../knowledge/index.js';
import { requireOf, type Binding, type Scope } from '../scope.js';
import type { BodyFacts, GuardRef } from '../facts/body.js';
import { passesOn } from './continuation.js';

export type { BodyFacts, GuardRef } from '../facts/body.js';

const MAX_CALLS = 40;
const MAX_SMALL = 8;
const UNAUTHENTICATED_WORDS = ['unauthorized', 'unauthorised', 'unauthenticated'];
const CREDENTIALS = new Set(CREDENTIAL_FIELDS);
/** Shorter names and strings hold none of the words above: most identifiers (`c`, `id`, `req`) are not lowered and searched. */
const SHORTEST_WORD = Math.min(...[...DENIAL_WORDS, ...UNAUTHENTICATED_WORDS, 'not authenticated', ...CREDENTIAL_FIELDS, ...WEBHOOK_PROVIDERS.flatMap((p) => p.headers)].map((w) => w.length));

const DENIES = 1;
const UNAUTHENTICATED = 2;
const CREDENTIAL = 4;
const WEBHOOK_HEADER = 8;
/**
 * What the words of a name or string say (the flags above), remembered by its text: a body's names
 * repeat (`req`, `user`, `res.status`), and lowering each one and searching it for every word
 * allocated a string per node fed. Texts longer than any name are not remembered.
 */
const wordMemo = new Map<string, number>();
const MEMO_LONGEST = 64;
const MEMO_SIZE = 50_000;
function wordFlags(text: string): number {
  const known = wordMemo.get(text);
  if (known !== undefined) return known;
  const word = text.toLowerCase();
  let flags = 0;
  if (DENIAL_WORDS.some((w) => word.includes(w))) flags |= DENIES;
  if (UNAUTHENTICATED_WORDS.some((w) => word.includes(w)) || word.includes('not authenticated')) flags |= UNAUTHENTICATED;
  if (CREDENTIALS.has(word)) flags |= CREDENTIAL;
  if (webhookProviderOf(word)) flags |= WEBHOOK_HEADER;
  if (text.length <= MEMO_LONGEST) {
    if (wordMemo.size >= MEMO_SIZE) wordMemo.clear();
    wordMemo.set(text, flags);
  }
  return flags;
}

export function functionBodyFacts(fn: ts.FunctionLikeDeclaration, scope: Scope): BodyFacts {
  if (!fn.body) return { calls: [] };
  const facts = nodeFacts(fn.body, scope, fn.parameters, 1);
  const passes = passesOn(fn, scope);
  if (passes.length > 0) facts.passesOn = passes;
  return facts;
}

/** A parameter decorator that reads a webhook provider's header (NestJS `@Headers('stripe-signature') sig`): the handler reads it too. */
export function addHeaderParameters(facts: BodyFacts, params: readonly ts.ParameterDeclaration[]): void {
  const headers = new Set(facts.webhookHeaders ?? []);
  for (const p of params) {
    for (const d of ts.canHaveDecorators(p) ? ts.getDecorators(p) ?? [] : []) {
      if (!ts.isCallExpression(d.expression)) continue;
      for (const a of d.expression.arguments) if (ts.isStringLiteralLike(a) && webhookProviderOf(a.text.toLowerCase())) headers.add(a.text.toLowerCase());
    }
  }
  if (headers.size > 0) facts.webhookHeaders = [...headers].sort();
}

/**
 * The facts of any stretch of code: a function's body, a handler expression (`withAuth(handler)`),
 * an `if` branch. `params`: the parameters of the function it belongs to (for `requestCalls`);
 * `depth`: how many levels of same-file helpers to read; `requests`: the parameters that are the
 * request or its fields, when not the first plain one (a NestJS handler's decorated parameters).
 */
export function nodeFacts(body: ts.Node, scope: Scope, params: readonly ts.ParameterDeclaration[] = [], depth = 1, until = Infinity, requests?: readonly RequestParam[]): BodyFacts {
  const walk = new NodeFactsWalk(body, scope, params, depth, requests);
  // Parents are kept here: a host may run without parent pointers until the file is bound.
  let parent: ts.Node = body.parent;
  const visit = (n: ts.Node): void => {
    if (until !== Infinity && n.getStart() >= until) return;
    walk.add(n, parent);
    const outer = parent;
    parent = n;
    ts.forEachChild(n, visit);
    parent = outer;
  };
  visit(body);
  return walk.facts();
}

/**
 * `nodeFacts` fed one node at a time, in source order: the shared traversal can feed it the nodes of
 * a body as it passes through them (see routes' deferred body walks) instead of a walk of its own.
 * Only calls (also `new` and tagged templates), `throw`, `await`, `if`, numeric and string literals, property
 * assignments (shorthand too) and accesses, assignments (binary expressions), and identifiers change the
 * facts: a feeder may skip every other node.
 */
export class NodeFactsWalk {
  private readonly out: BodyFacts = { calls: [] };
  private readonly credentials = new Set<string>();
  private readonly webhookHeaders = new Set<string>();
  private readonly statuses = new Set<number>();
  private readonly options: string[] = [];
  private readonly requestCalls: string[] = [];
  private readonly helpers: NonNullable<BodyFacts['helpers']> = [];
  private readonly guards: GuardRef[] = [];
  private readonly seenHelpers = new Set<ts.Node>();
  private readonly requestFields = new Set<string>();
  private readonly keyed = new Map<string, Set<string> | null>();
  /** The parameters that are the request or a field of it: the first plain one (`req`, `ctx`), or a NestJS handler's decorated ones. */
  private readonly requests: readonly RequestParam[];
  private done: BodyFacts | null = null;

  constructor(private readonly within: ts.Node, private readonly scope: Scope, private readonly params: readonly ts.ParameterDeclaration[], private readonly depth: number, requests?: readonly RequestParam[]) {
    this.requests = requests ?? requestParam(params);
  }

  /** One node of the body, after its ancestors and before its children; `parent`: the node it hangs from. */
  add(n: ts.Node, parent: ts.Node): void {
    // Most nodes fed are identifiers that change nothing: no state is read before the kind says so.
    const facts = this.out;
    if (this.requests.length > 0 && (ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n) || (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken))) this.grant(n);
    if (facts.callerRole === undefined && ((ts.isPropertyAccessExpression(n) && isRoleField(n.name.text) && readsCaller(n.expression, this.scope))
      || (ts.isIdentifier(n) && isRoleField(n.text) && destructuredFromCaller(n, this.scope)))) {
      const sf = n.getSourceFile();
      facts.callerRole = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    }
    if (ts.isIfStatement(n) && exits(n.thenStatement)) this.gate(n.expression);
    else if ((ts.isStringLiteralLike(n) || ts.isTemplateHead(n)) && !facts.captcha && n.text.includes('siteverify')) this.captchaAt(captchaEndpointOf(n.text), n);
    if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isTaggedTemplateExpression(n)) {
      const { scope, params, depth, helpers, requestCalls, statuses } = this;
      const target = ts.isTaggedTemplateExpression(n) ? n.tag : n.expression;
      const c = calleeOf(target, scope);
      if (c && facts.calls.length < MAX_CALLS && !facts.calls.includes(c)) facts.calls.push(c);
      if (c && !facts.captcha && c.includes('#')) this.captchaAt(captchaClientOf(c.slice(0, c.indexOf('#')), c.slice(c.indexOf('#') + 1)), n);
      // `fetch(TURNSTILE_URL, ...)`: the endpoint held by a const of the file.
      const first = ts.isCallExpression(n) ? n.arguments[0] : undefined;
      if (first && ts.isIdentifier(first) && !facts.captcha) {
        const b = scope.resolve(first);
        const init = b?.kind === 'variable' && b.isConst ? b.initializer : null;
        if (init && (ts.isStringLiteralLike(init) || ts.isTemplateExpression(init))) this.captchaAt(captchaEndpointOf(init.getText()), n);
      }
      if (c && ts.isNewExpression(n) && facts.calls.includes(c) && !(facts.constructed ??= []).includes(c)) facts.constructed.push(c);
      if (!ts.isTaggedTemplateExpression(n)) {
        const args = n.arguments ?? [];
        for (const a of args) if (ts.isNumericLiteral(a)) addStatus(statuses, a);
        if (c && args[0] && ts.isIdentifier(args[0]) && requestCalls.length < MAX_SMALL && !requestCalls.includes(c)) {
          const b = scope.resolve(args[0]);
          if (b?.kind === 'parameter' && params.includes(b.decl)) requestCalls.push(c);
        }
        if (this.requests.length > 0 && c) keyCall(this.keyed, c, args, this.requests, scope, this.within);
        // `c.get('user')`: the context variable a middleware set (knowledge CONTEXT_VARIABLES) is the field read.
        const read = this.requests.length > 0 && this.requestFields.size < MAX_FIELDS ? contextVariableOf(target, args[0], this.requests, scope) : null;
        if (read !== null) this.requestFields.add(read);
        if (c && this.requests.length > 0 && ts.isAwaitExpression(n.parent) && args.some((a) => this.sendsCallerCredential(a))) {
          const forwards = (facts.forwardsCredential ??= []);
          if (forwards.length < 4 && !forwards.includes(c)) forwards.push(c);
        }
        if (c === '@nestjs/common#UseGuards') for (const a of args) this.guards.push(guardRef(a, scope));
        if (depth > 0 && ts.isIdentifier(target) && helpers.length < MAX_SMALL) {
          const fn = functionOf(target, scope);
          if (fn?.body && !this.seenHelpers.has(fn) && !(fn.pos >= this.within.pos && fn.end <= this.within.end)) {
            this.seenHelpers.add(fn);
            helpers.push({ name: target.text, body: nodeFacts(fn.body, scope, fn.parameters, depth - 1) });
          }
        }
      }
    } else if (ts.isThrowStatement(n)) facts.throws = true;
    else if (ts.isAwaitExpression(n)) facts.awaits = true;
    else if (ts.isNumericLiteral(n) && (n.text === '401' || n.text === '403')) {
      facts.denies = true;
      if (n.text === '401') facts.unauthenticated = true;
    } else if (ts.isPropertyAssignment(n)) {
      const { options, statuses } = this;
      const key = ts.isIdentifier(n.name) || ts.isStringLiteral(n.name) ? n.name.text : null;
      const v = n.initializer;
      if (key && (key === 'status' || key === 'statusCode') && ts.isNumericLiteral(v)) addStatus(statuses, v);
      if (key && (v.kind === ts.SyntaxKind.TrueKeyword || v.kind === ts.SyntaxKind.FalseKeyword) && options.length < MAX_SMALL) {
        options.push(`${key}=${v.kind === ts.SyntaxKind.TrueKeyword}`);
      }
    } else if (ts.isPropertyAccessExpression(n) && n.name.text === 'then') facts.awaits = true;
    else if (ts.isPropertyAccessExpression(n) && this.requests.length > 0 && this.requestFields.size < MAX_FIELDS && ts.isPropertyAccessExpression(n.expression)) {
      // `c.var.user`: the context variable a middleware set (knowledge CONTEXT_VARIABLES) is the field read.
      const inner = n.expression;
      if (ts.isIdentifier(inner.expression) && this.requests.some((r) => r.name.text === (inner.expression as ts.Identifier).text)) {
        const f = requestFieldOf(inner.expression, inner, this.requests, this.scope);
        if (f !== null && contextVariableReader(f) === 'holder') this.requestFields.add(n.name.text);
      }
    }
    else if (this.requests.length > 0 && ts.isIdentifier(n) && this.requestFields.size < MAX_FIELDS && this.requests.some((r) => r.name.text === n.text)) {
      const f = requestFieldOf(n, parent, this.requests, this.scope);
      if (f !== null) this.requestFields.add(f);
    } else if ((ts.isStringLiteralLike(n) || ts.isIdentifier(n)) && n.text.length >= SHORTEST_WORD) {
      const flags = wordFlags(n.text);
      if (flags === 0) return;
      if (flags & DENIES) facts.denies = true;
      if (flags & UNAUTHENTICATED) facts.unauthenticated = true;
      if (flags & CREDENTIAL && readsField(n, parent)) this.credentials.add(n.text.toLowerCase());
      if (flags & WEBHOOK_HEADER && ts.isStringLiteralLike(n) && readsField(n, parent)) this.webhookHeaders.add(n.text.toLowerCase());
    }
  }

  /** `user.role = req.body.role`, `{ role: body.role }`, `{ role }` with `const { role } = req.body`: a role field set from the request body. */
  private grant(n: ts.PropertyAssignment | ts.ShorthandPropertyAssignment | ts.BinaryExpression): void {
    const key = ts.isBinaryExpression(n) ? (ts.isPropertyAccessExpression(n.left) ? n.left.name : null) : n.name;
    if (!key || !(ts.isIdentifier(key) || ts.isStringLiteral(key)) || !isRoleField(key.text)) return;
    const value = ts.isBinaryExpression(n) ? n.right : ts.isPropertyAssignment(n) ? n.initializer : n.name;
    if (!this.readsBody(value, 3)) return;
    const grants = (this.out.grants ??= []);
    const sf = n.getSourceFile();
    const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    if (grants.length < 4 && !grants.some((g) => g.line === line)) grants.push({ field: key.text, line });
  }

  /**
   * An options object of an outbound call whose `headers` hold a credential header (knowledge
   * HTTP_CREDENTIAL_HEADERS) with a value read from the request: the caller's own credential sent on.
   */
  private sendsCallerCredential(a: ts.Expression): boolean {
    if (!ts.isObjectLiteralExpression(a)) return false;
    for (const p of a.properties) {
      if (!ts.isPropertyAssignment(p) || propertyName(p.name) !== 'headers' || !ts.isObjectLiteralExpression(p.initializer)) continue;
      for (const h of p.initializer.properties) {
        if (!ts.isPropertyAssignment(h) && !ts.isShorthandPropertyAssignment(h)) continue;
        const name = propertyName(h.name);
        if (name === null || !isCredentialHeader(name)) continue;
        if (this.readsRequest(ts.isPropertyAssignment(h) ? h.initializer : h.name, 3)) return true;
      }
    }
    return false;
  }

  /** Whether an expression reads the request (any field of it), directly or through the body's own variables. */
  private readsRequest(e: ts.Node, depth: number): boolean {
    if (ts.isIdentifier(e)) {
      const b = this.scope.resolve(e);
      if (b?.kind === 'parameter' && this.requests.some((r) => r.decl === b.decl)) return true;
      if (depth <= 0) return false;
      const init = localValueOf(e, this.scope, this.within);
      return init !== null && this.readsRequest(init, depth - 1);
    }
    let found = false;
    ts.forEachChild(e, (c) => { found ||= !(ts.isPropertyAccessExpression(e) && e.name === c) && this.readsRequest(c, depth); });
    return found;
  }

  /** Whether an expression reads the request body (`req.body.role`, `@Body() dto`), directly or through the body's own variables. */
  private readsBody(e: ts.Node, depth: number): boolean {
    if (ts.isIdentifier(e)) {
      const b = this.scope.resolve(e);
      const request = b?.kind === 'parameter' ? this.requests.find((r) => r.decl === b.decl) : undefined;
      if (request) return request.field === 'body' || (request.field === null && ts.isPropertyAccessExpression(e.parent) && e.parent.expression === e && e.parent.name.text === 'body');
      if (depth <= 0) return false;
      const init = localValueOf(e, this.scope, this.within);
      return init !== null && this.readsBody(init, depth - 1);
    }
    let found = false;
    // A member's name (`role` of `req.body.role`) is no variable: not resolved.
    ts.forEachChild(e, (c) => { found ||= !(ts.isPropertyAccessExpression(e) && e.name === c) && this.readsBody(c, depth); });
    return found;
  }

  private captchaAt(service: { service: string } | null, n: ts.Node): void {
    if (!service) return;
    const sf = n.getSourceFile();
    this.out.captcha = { service: service.service, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1 };
  }

  /**
   * The condition of an `if` that ends the request: whether it reads a `success` field, and the calls
   * it makes or that made the values it tests (`const ok = await verifyToken(t); if (!ok) return ...`).
   */
  private gate(cond: ts.Expression): void {
    const facts = this.out;
    const calls = (facts.gateCalls ??= []);
    const addCall = (e: ts.CallExpression): void => {
      const c = calleeOf(e.expression, this.scope);
      if (c && calls.length < MAX_SMALL && !calls.includes(c)) calls.push(c);
    };
    const visit = (n: ts.Node): void => {
      if ((ts.isPropertyAccessExpression(n) && n.name.text === 'success') || (ts.isIdentifier(n) && n.text === 'success')
        || (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression) && n.argumentExpression.text === 'success')) facts.successGate = true;
      if (ts.isCallExpression(n)) addCall(n);
      if (ts.isIdentifier(n)) {
        const b = this.scope.resolve(n);
        let init = b?.kind === 'variable' && b.isConst ? b.initializer : null;
        while (init && (ts.isAwaitExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
        if (init && ts.isCallExpression(init)) addCall(init);
      }
      ts.forEachChild(n, visit);
    };
    visit(cond);
    if (calls.length === 0) delete facts.gateCalls;
  }

  /** The facts of the nodes added; the walk is over once this is asked. */
  facts(): BodyFacts {
    if (this.done) return this.done;
    const facts = this.out;
    if (this.credentials.size > 0) facts.credentials = [...this.credentials].sort();
    if (this.webhookHeaders.size > 0) facts.webhookHeaders = [...this.webhookHeaders].sort();
    if (this.statuses.size > 0) facts.statuses = [...this.statuses].sort((a, b) => a - b);
    if (this.options.length > 0) facts.options = this.options;
    if (this.requestCalls.length > 0) facts.requestCalls = this.requestCalls;
    if (this.helpers.length > 0) facts.helpers = this.helpers;
    if (this.guards.length > 0) facts.guards = this.guards;
    if (this.requestFields.size > 0) facts.requestFields = [...this.requestFields].sort();
    const keyedCalls = [...this.keyed].flatMap(([callee, fields]) => (fields ? [{ callee, fields: [...fields].sort() }] : [])).slice(0, MAX_SMALL);
    if (keyedCalls.length > 0) facts.keyedCalls = keyedCalls;
    return (this.done = facts);
  }
}

const MAX_FIELDS = 16;

/** `role` of `const { role } = req.user` (or `= req`), where it is used: the caller's role, taken apart. */
function destructuredFromCaller(n: ts.Identifier, scope: Scope): boolean {
  const b = scope.resolve(n);
  if (b?.kind !== 'destructured' || b.decl.name === n) return false;
  const init = declarationOf(b.decl)?.initializer;
  if (!init) return false;
  let root: ts.Expression = init;
  while (ts.isNonNullExpression(root) || ts.isParenthesizedExpression(root) || ts.isAwaitExpression(root)) root = root.expression;
  if (ts.isIdentifier(root)) return scope.resolve(root)?.kind === 'parameter';
  return readsCaller(root, scope);
}

/**
 * Whether a value is a member of a parameter (`req.user`, `res.locals.user`, `ctx.state.user`), or a
 * local const or destructured name taken from one (`const user = req.user`, `const { user } = req`):
 * where a middleware finds the caller, or a parameter itself (`user` of passport's verify callback).
 */
function readsCaller(e: ts.Expression, scope: Scope, depth = 0): boolean {
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  if (!ts.isIdentifier(e)) return false;
  const b = scope.resolve(e);
  // `user.role` of `(err, user) => ...`, the callback passport hands the verified user to: a parameter's role field.
  if (b?.kind === 'parameter') return true;
  if (depth > 0) return false;
  if (b?.kind === 'variable' && b.isConst && b.initializer) return readsCaller(b.initializer, scope, depth + 1);
  if (b?.kind === 'destructured') {
    const decl = declarationOf(b.decl);
    const init = decl?.initializer;
    if (!init) return false;
    // `const { user } = req`: the name is one member of what it takes apart.
    let root: ts.Expression = init;
    while (ts.isPropertyAccessExpression(root) || ts.isNonNullExpression(root) || ts.isParenthesizedExpression(root) || ts.isAwaitExpression(root)) root = root.expression;
    if (!ts.isIdentifier(root)) return false;
    const rb = scope.resolve(root);
    return rb?.kind === 'parameter' || readsCaller(init, scope, depth + 1);
  }
  return false;
}

/**
 * A parameter that holds the request (`field` null: `req`, `@Req() req`) or one field of it (`@Body()
 * dto` is `body`, `@Session() s` is `session`; `@CurrentUser` for a decorator of the app's own, which
 * the link stage names from its definition).
 */
export interface RequestParam { name: ts.Identifier; decl: ts.ParameterDeclaration; field: string | null }

/** The function's first parameter when it is a plain name (`req`, `ctx`): the request or context object a handler gets. */
function requestParam(params: readonly ts.ParameterDeclaration[]): RequestParam[] {
  const p = params[0];
  return p && ts.isIdentifier(p.name) ? [{ name: p.name, decl: p, field: null }] : [];
}

/** Which field of the request a use of a request parameter reads (`req.user` -> user, `req['session']` -> session, `dto` of `@Body() dto` -> body); `*` for any other use of the whole request; null for another binding of the name. */
function requestFieldOf(n: ts.Identifier, p: ts.Node, requests: readonly RequestParam[], scope: Scope): string | null {
  const b = scope.resolve(n);
  const request = b?.kind === 'parameter' ? requests.find((r) => r.decl === b.decl) : undefined;
  if (!request) return null;
  if (request.field !== null) return request.field;
  if (ts.isPropertyAccessExpression(p) && p.expression === n) return p.name.text;
  if (ts.isElementAccessExpression(p) && p.expression === n && ts.isStringLiteralLike(p.argumentExpression)) return p.argumentExpression.text;
  return '*';
}

/** The context variable a call reads (`c.get('user')` -> user, knowledge CONTEXT_VARIABLES) when its target is the getter of the request parameter; null otherwise. */
function contextVariableOf(target: ts.Expression, key: ts.Expression | undefined, requests: readonly RequestParam[], scope: Scope): string | null {
  if (!key || !ts.isStringLiteralLike(key) || !ts.isPropertyAccessExpression(target) || !ts.isIdentifier(target.expression)) return null;
  const id = target.expression;
  if (!requests.some((r) => r.name.text === id.text)) return null;
  const f = requestFieldOf(id, target, requests, scope);
  return f !== null && contextVariableReader(f) === 'getter' ? key.text : null;
}

/**
 * Records what a call's arguments read of the request, through the body's own variables (one
 * initializer deep each, a few levels): the callee stays keyed only while every call of it reads some.
 */
function keyCall(keyed: Map<string, Set<string> | null>, callee: string, args: readonly ts.Expression[], requests: readonly RequestParam[], scope: Scope, within: ts.Node): void {
  if (keyed.get(callee) === null || (!keyed.has(callee) && keyed.size >= MAX_CALLS)) return;
  const fields = new Set<string>();
  // A method of the request itself (`req.session.save()`, `req.flash(...)`) acts on the field it is called on;
  // one of a field's parameter (`session.destroy()` of `@Session() session`) on that field.
  const request = requests.find((r) => callee.startsWith(`${r.name.text}.`));
  const own = request ? request.field ?? callee.slice(request.name.text.length + 1).split('.')[0] : null;
  if (own) fields.add(own);
  else if (args.length === 0) return;
  const seen = new Set<ts.Node>();
  const read = (n: ts.Node, p: ts.Node, depth: number): void => {
    if (ts.isIdentifier(n)) {
      if (requests.some((r) => r.name.text === n.text)) {
        const f = requestFieldOf(n, p, requests, scope);
        if (f !== null) {
          fields.add(f);
          return;
        }
      }
      // A member's or a property's name is no variable: not resolved.
      const named = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n);
      const init = depth > 0 && !named ? localValueOf(n, scope, within) : null;
      if (init && !seen.has(init)) {
        seen.add(init);
        read(init, init.parent, depth - 1);
      }
      return;
    }
    ts.forEachChild(n, (c) => read(c, n, depth));
  };
  for (const a of args) read(a, a.parent, 3);
  const before = keyed.get(callee);
  if (fields.size === 0) keyed.set(callee, null);
  else keyed.set(callee, new Set([...(before ?? []), ...fields]));
}

/** The initializer of a variable declared in `within` (`const id = ...`, `const { id } = ...`) that a name refers to. */
function localValueOf(id: ts.Identifier, scope: Scope, within: ts.Node): ts.Expression | null {
  const b = scope.resolve(id);
  const decl = b?.kind === 'variable' ? b.decl : b?.kind === 'destructured' ? declarationOf(b.decl) : null;
  if (!decl?.initializer || decl.pos < within.pos || decl.end > within.end) return null;
  return decl.initializer;
}

/** A property's name as written (`headers`, `'Authorization'`), or null when computed. */
function propertyName(n: ts.PropertyName): string | null {
  return ts.isIdentifier(n) || ts.isStringLiteralLike(n) ? n.text : null;
}

function declarationOf(e: ts.BindingElement): ts.VariableDeclaration | null {
  let n: ts.Node = e;
  while (n && (ts.isBindingElement(n) || ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n))) n = n.parent;
  return n && ts.isVariableDeclaration(n) ? n : null;
}

/**
 * Whether a name is read as a field (`req.headers.authorization`, `req.get('x-api-key')`,
 * `headers['cookie']`), not written (`{ Authorization: ... }` sent upstream) or merely declared.
 */
function readsField(n: ts.StringLiteralLike | ts.Identifier, p: ts.Node): boolean {
  if (ts.isIdentifier(n)) return ts.isPropertyAccessExpression(p) && p.name === n;
  return (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) || (ts.isElementAccessExpression(p) && p.argumentExpression === n);
}

/** A statement that ends the request: a `return` or `throw`, or a block holding one at its top level. */
function exits(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st)) return true;
  return ts.isBlock(st) && st.statements.some((x) => ts.isReturnStatement(x) || ts.isThrowStatement(x));
}

/** HTTP statuses, and WebSocket close codes (1000-4999): the answers a handler gives. */
function addStatus(out: Set<number>, n: ts.NumericLiteral): void {
  const v = Number(n.text);
  if (Number.isInteger(v) && ((v >= 100 && v <= 599) || (v >= 1000 && v <= 4999))) out.add(v);
}

/** `AuthGuard('jwt')`, `JwtAuthGuard`, `new RolesGuard(reflector)` -> the guard's name, import and string arguments. */
export function guardRef(e: ts.Expression, scope: Scope): GuardRef {
  let target: ts.Expression = e;
  if (ts.isNewExpression(target) || ts.isCallExpression(target)) target = target.expression;
  const name = target.getText().replace(/\s+/g, '');
  let root: ts.Expression = target;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  const imp = ts.isIdentifier(root) ? importBinding(root, scope) : null;
  const args: string[] = [];
  if (ts.isNewExpression(e) || ts.isCallExpression(e)) {
    const add = (a: ts.Expression): void => {
      if (ts.isStringLiteralLike(a)) args.push(a.text);
      else if (ts.isArrayLiteralExpression(a)) a.elements.forEach(add);
    };
    (e.arguments ?? []).forEach(add);
  }
  return { name, from: imp?.from ?? null, imported: imp ? imp.imported : null, ...(args.length > 0 ? { args } : {}) };
}

/** What an identifier imports (an `import` or a `const x = require('m')`), through its scopes. */
function importBinding(id: ts.Identifier, scope: Scope): { from: string; imported: string } | null {
  const b = scope.resolve(id);
  if (!b) return null;
  if (b.kind === 'import') return { from: b.from, imported: b.imported };
  return requireOf(b);
}

/**
 * A callee as a fact: `module#export[#member]` when its root is an import (or a value an imported
 * function or class made in this file), `Ctor#member` on a built-in made with `new`, else its text
 * without spaces.
 */
export function calleeOf(e: ts.Expression, scope: Scope, depth = 0): string | null {
  const members: string[] = [];
  let root = e;
  while (ts.isPropertyAccessExpression(root)) {
    members.unshift(root.name.text);
    root = root.expression;
  }
  // One question to the scopes per root: what it is decides both readings below.
  const b = ts.isIdentifier(root) ? scope.resolve(root) : null;
  const made = madeBy(root, b, scope, depth);
  if (made) return [made, ...members].join('#');
  const imp = b ? (b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b)) : null;
  if (imp) {
    const head = imp.imported === '*' && members.length > 0 ? `${imp.from}#${members.shift()}` : `${imp.from}#${imp.imported}`;
    return [head, ...members].join('#');
  }
  const text = e.getText().replace(/\s+/g, '');
  return text.length > 0 && text.length <= 80 ? text : null;
}

/**
 * What made the value `root` is: `new Map()` in place is `Map`; a const of this file bound to
 * `new PrismaClient()` or `await createClient(url)` is what its constructor or function resolves to
 * (`@prisma/client#PrismaClient`). Null when it is no such value. `b`: what `root` resolves to, if a name.
 */
function madeBy(root: ts.Expression, b: Binding | null, scope: Scope, depth: number): string | null {
  if (depth > 2) return null;
  let init: ts.Expression | null = root;
  if (ts.isIdentifier(root)) init = b?.kind === 'variable' && b.isConst ? b.initializer : null;
  while (init && (ts.isAwaitExpression(init) || ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isNonNullExpression(init))) init = init.expression;
  if (!init || !(ts.isNewExpression(init) || ts.isCallExpression(init))) return null;
  const ctor = init.expression;
  // `const passport = require('passport')` binds the module, which the import reading names (`passport#...`).
  if (ts.isIdentifier(ctor) && ctor.text === 'require' && ts.isIdentifier(root) && b && requireOf(b)) return null;
  // A global or undeclared maker: `new Map()` is `Map`, `createHash('sha256')` with no import `createHash()`.
  if (ts.isIdentifier(ctor) && !scope.resolve(ctor)) return ts.isNewExpression(init) ? ctor.text : `${ctor.text}()`;
  const c = calleeOf(ctor, scope, depth + 1);
  return c && c.includes('#') ? c : null;
}

/** The function an identifier refers to: a function declaration, or a variable bound to a function (also through a wrapper call). */
export function functionOf(id: ts.Identifier, scope: Scope): ts.FunctionLikeDeclaration | null {
  const b = scope.resolve(id);
  if (b?.kind === 'function') return b.decl.body ? b.decl : null;
  if (b?.kind !== 'variable' || !b.initializer) return null;
  let init: ts.Expression = b.initializer;
  while (ts.isCallExpression(init) && init.arguments.length > 0) init = init.arguments[init.arguments.length - 1];
  return ts.isArrowFunction(init) || ts.isFunctionExpression(init) ? init : null;
}

/**
 * The function a middleware wrapper the knowledge describes is given (`createMiddleware(async (c, next)
 * => ...)` of hono/factory): a function literal, or a function of the file it names. Null for any other call.
 */
export function wrappedFunction(call: ts.CallExpression, scope: Scope): ts.FunctionLikeDeclaration | null {
  let root: ts.Expression = call.expression;
  const members: string[] = [];
  while (ts.isPropertyAccessExpression(root)) {
    members.unshift(root.name.text);
    root = root.expression;
  }
  if (!ts.isIdentifier(root) || members.length > 1) return null;
  const imp = importBinding(root, scope);
  const fact = imp ? roleOfImport(imp.from, imp.imported === '*' && members.length === 0 ? 'default' : imp.imported, members[0]) : null;
  if (fact?.role !== 'middleware-wrapper' || fact.wraps === undefined) return null;
  const arg = call.arguments[fact.wraps];
  if (!arg) return null;
  if (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) return arg;
  return ts.isIdentifier(arg) ? functionOf(arg, scope) : null;
}
