import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { expirySpanMs, INJECTED_JWT_SIGNERS, JWT_SIGNERS, isSessionField } from '../../knowledge/index.js';
import { defineSourceRule, type ReviewContext, type RuleFinding } from '../api.js';
import { valueOf } from '../shared/ast.js';
import { fixedValue, signSiteOf, type SignSite } from '../shared/jwt.js';
import { receiverClass } from '../shared/jwt-keys.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

/** The modules whose calls sign a token (knowledge/jwt-signers.ts): files that may define a function returning one. */
const SIGNER_MODULES = [...new Set([...JWT_SIGNERS.map((s) => s.module), ...INJECTED_JWT_SIGNERS.map((s) => s.module)])];
const MAX_DEPTH = 6;
const LONG_LIVED_DAYS = 30;
/** Marks a finding whose token comes from a function of another file: the review follows it through the link. */
const PENDING = 'tokenCall';

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

const keyText = (n: ts.Node | undefined): string | null => (n && (ts.isIdentifier(n) || ts.isStringLiteralLike(n)) ? n.text : null);

/** What a value is: a signed token (with its lifetime when the code fixes it), the caller's session id, or a call into another file to follow. */
type Token =
  | { kind: 'jwt'; site: SignSite; lifetime: 'long' | 'forever' | 'other' }
  | { kind: 'session'; node: ts.Node }
  | { kind: 'imported'; spec: string; imported: string; member: string | null; prop: string | null };

/** How long a signed token lives: no expiry at all, 30 days or more fixed in the code, or anything else (short, or not read). */
function lifetimeOf(site: SignSite, scope: Scope): 'long' | 'forever' | 'other' {
  const unit = JWT_SIGNERS.find((s) => s.module === site.module)?.expiryNumberUnit ?? INJECTED_JWT_SIGNERS.find((s) => s.module === site.module)?.expiryNumberUnit;
  const obj = (e: ts.Expression | undefined): ts.ObjectLiteralExpression | null => {
    if (!e) return null;
    let x = strip(e);
    if (ts.isIdentifier(x)) x = strip(valueOf(x, scope) ?? x);
    return ts.isObjectLiteralExpression(x) ? x : null;
  };
  const prop = (o: ts.ObjectLiteralExpression, keys: readonly string[]) => o.properties.find((p) => keys.includes(keyText(p.name) ?? ''));
  const options = obj(site.options);
  const expiry = options && prop(options, ['expiresIn']);
  if (expiry && ts.isPropertyAssignment(expiry) && unit) {
    const v = fixedValue(expiry.initializer, scope);
    const span = v === null ? null : expirySpanMs(v, unit);
    return span !== null && span >= LONG_LIVED_DAYS * 86_400_000 ? 'long' : 'other';
  }
  // Forever only where the signer has no registered defaults (an injected signer's are read by jwt-no-expiry) and payload and options are read.
  if (site.chain.length > 0 || INJECTED_JWT_SIGNERS.some((s) => s.module === site.module)) return site.chain.length > 0 && !site.chain.includes('setExpirationTime') && obj(site.payload) && !prop(obj(site.payload)!, ['exp']) ? 'forever' : 'other';
  const payload = obj(site.payload);
  if (!payload || payload.properties.some((p) => ts.isSpreadAssignment(p)) || prop(payload, ['exp'])) return 'other';
  if (site.options !== undefined && (!options || options.properties.some((p) => ts.isSpreadAssignment(p)))) return 'other';
  return 'forever';
}

/** The return expressions of a function-like, not those of functions nested in it. */
function returnsOf(fn: ts.SignatureDeclaration): ts.Expression[] {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}

/** The function a call runs when it is declared in this file: a function, a const arrow function, or a method of the enclosing class (`this.issue()`). */
function localFunction(call: ts.CallExpression, scope: Scope): ts.SignatureDeclaration | null {
  const callee = strip(call.expression);
  if (ts.isIdentifier(callee)) {
    const b = scope.resolve(callee);
    if (b?.kind === 'function') return b.decl;
    if (b?.kind === 'variable' && b.initializer) {
      const f = strip(b.initializer);
      return ts.isArrowFunction(f) || ts.isFunctionExpression(f) ? f : null;
    }
    return null;
  }
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = ts.findAncestor(call, ts.isClassLike);
    const m = cls?.members.find((x): x is ts.MethodDeclaration => ts.isMethodDeclaration(x) && keyText(x.name) === callee.name.text && x.body !== undefined);
    return m ?? null;
  }
  return null;
}

/**
 * The call into another file a value comes from: an imported function (`issueTokens(user)`), or a method
 * of a field typed with an imported class (`this.auth.login(user)`, how NestJS injects a service).
 */
function importedCall(call: ts.CallExpression, scope: Scope, prop: string | null): Token | null {
  const callee = strip(call.expression);
  if (ts.isIdentifier(callee)) {
    const b = scope.resolve(callee);
    return b?.kind === 'import' ? { kind: 'imported', spec: b.from, imported: b.imported, member: null, prop } : null;
  }
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const cls = receiverClass(callee.expression, scope);
  if (cls) return { kind: 'imported', spec: cls.from, imported: cls.imported, member: callee.name.text, prop };
  if (ts.isIdentifier(callee.expression)) {
    const b = scope.resolve(callee.expression);
    if (b?.kind === 'import' && (b.imported === '*' || b.imported === 'default')) return { kind: 'imported', spec: b.from, imported: callee.name.text, member: null, prop };
  }
  return null;
}

/** The token a value is, followed through consts, destructuring, returned objects and the functions of this file; null when it is none verdict knows. */
function tokenOf(e: ts.Expression, scope: Scope, depth = 0, prop: string | null = null): Token | null {
  if (depth > MAX_DEPTH) return null;
  const x = strip(e);
  if (ts.isObjectLiteralExpression(x)) {
    if (prop === null) return null;
    const p = x.properties.find((q) => keyText(q.name) === prop);
    if (!p) return null;
    return ts.isPropertyAssignment(p) ? tokenOf(p.initializer, scope, depth + 1) : ts.isShorthandPropertyAssignment(p) ? tokenOf(p.name, scope, depth + 1) : null;
  }
  if (prop === null) {
    const site = signSiteOf(x, scope);
    if (site) return { kind: 'jwt', site, lifetime: lifetimeOf(site, scope) };
  }
  if (ts.isIdentifier(x)) {
    const b = scope.resolve(x);
    if (b?.kind === 'variable') {
      const init = valueOf(x, scope);
      return init ? tokenOf(init, scope, depth + 1, prop) : null;
    }
    if (b?.kind === 'destructured' && prop === null) {
      // `const { accessToken } = await this.auth.login(user)`: the property of what the initializer gives.
      const el = b.decl;
      const pattern = el.parent;
      const holder = pattern.parent;
      const name = keyText(el.propertyName ?? el.name);
      if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(holder) || !holder.initializer || !name || el.dotDotDotToken) return null;
      return tokenOf(holder.initializer, scope, depth + 1, name);
    }
    return null;
  }
  if (ts.isPropertyAccessExpression(x)) {
    if (prop !== null) return null;
    // `req.sessionID`: the session's own id (knowledge sessions.ts), on a parameter of the handler.
    const base = strip(x.expression);
    if (ts.isIdentifier(base) && scope.resolve(base)?.kind === 'parameter' && isSessionField(x.name.text) && /^session_?id$/i.test(x.name.text)) return { kind: 'session', node: x };
    return tokenOf(x.expression, scope, depth + 1, x.name.text);
  }
  if (ts.isCallExpression(x)) {
    const fn = localFunction(x, scope);
    if (fn) {
      for (const r of returnsOf(fn)) {
        const t = tokenOf(r, scope, depth + 1, prop);
        if (t) return t;
      }
      return null;
    }
    return importedCall(x, scope, prop);
  }
  return null;
}

/** A value placed in a URL, and whether it sits after a `#` (a fragment: never sent to a server nor in a Referer). */
interface Part { e: ts.Expression; fragment: boolean }

/**
 * The values a URL expression is built from: template spans, `+` operands, `new URLSearchParams({ ... })`
 * values, `url.searchParams.set(k, v)` on a `new URL()` of the function, followed through consts.
 */
function urlParts(e: ts.Expression, scope: Scope, state: { fragment: boolean }, out: Part[], depth = 0): void {
  if (depth > MAX_DEPTH) return;
  const x = strip(e);
  if (ts.isStringLiteralLike(x)) {
    if (x.text.includes('#')) state.fragment = true;
    return;
  }
  if (ts.isTemplateExpression(x)) {
    if (x.head.text.includes('#')) state.fragment = true;
    for (const span of x.templateSpans) {
      urlParts(span.expression, scope, state, out, depth + 1);
      if (span.literal.text.includes('#')) state.fragment = true;
    }
    return;
  }
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    urlParts(x.left, scope, state, out, depth + 1);
    urlParts(x.right, scope, state, out, depth + 1);
    return;
  }
  if (ts.isNewExpression(x) && ts.isIdentifier(x.expression) && !scope.resolve(x.expression)) {
    if (x.expression.text === 'URLSearchParams') {
      const arg = x.arguments?.[0] && strip(x.arguments[0]);
      const obj = arg && ts.isIdentifier(arg) ? valueOf(arg, scope) : arg;
      if (obj && ts.isObjectLiteralExpression(strip(obj))) {
        for (const p of (strip(obj) as ts.ObjectLiteralExpression).properties) {
          if (ts.isPropertyAssignment(p)) out.push({ e: p.initializer, fragment: state.fragment });
          else if (ts.isShorthandPropertyAssignment(p)) out.push({ e: p.name, fragment: state.fragment });
        }
      }
      return;
    }
    if (x.expression.text === 'URL') {
      for (const a of x.arguments ?? []) urlParts(a, scope, state, out, depth + 1);
      return;
    }
  }
  // `url.toString()`, `url.href`, `params.toString()`: the object itself.
  if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && x.expression.name.text === 'toString' && x.arguments.length === 0) {
    urlParts(x.expression.expression, scope, state, out, depth + 1);
    return;
  }
  if (ts.isPropertyAccessExpression(x) && x.name.text === 'href') {
    urlParts(x.expression, scope, state, out, depth + 1);
    return;
  }
  if (ts.isIdentifier(x)) {
    const b = scope.resolve(x);
    const init = b?.kind === 'variable' ? valueOf(x, scope) : null;
    const built = init && strip(init);
    if (built && (ts.isTemplateExpression(built) || ts.isBinaryExpression(built) || ts.isNewExpression(built) || (ts.isCallExpression(built) && ts.isPropertyAccessExpression(built.expression) && built.expression.name.text === 'toString'))) {
      urlParts(built, scope, state, out, depth + 1);
      if (b?.kind === 'variable') searchParamWrites(b.decl, x, scope, state, out);
      return;
    }
  }
  out.push({ e: x, fragment: state.fragment });
}

/** `url.searchParams.set('token', t)` / `append` on the variable a URL is held in, in the function that holds it. */
function searchParamWrites(decl: ts.VariableDeclaration, use: ts.Identifier, scope: Scope, state: { fragment: boolean }, out: Part[]): void {
  const fn = ts.findAncestor(decl, ts.isFunctionLike) ?? decl.getSourceFile();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ['set', 'append'].includes(n.expression.name.text) && n.arguments[1]) {
      const holder = n.expression.expression;
      if (ts.isPropertyAccessExpression(holder) && holder.name.text === 'searchParams' && ts.isIdentifier(holder.expression) && holder.expression !== use) {
        const b = scope.resolve(holder.expression);
        if (b?.decl === decl) out.push({ e: n.arguments[1], fragment: state.fragment });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
}

/** A function's id as the link stage names it (`issue`, `AuthService.login`), or null for one it does not name. */
function functionId(fn: ts.Node): string | null {
  if (ts.isFunctionDeclaration(fn) && fn.name) return fn.name.text;
  if (ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent)) {
    const cls = fn.parent.name?.text;
    const m = keyText(fn.name);
    return cls && m ? `${cls}.${m}` : null;
  }
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return null;
}

/** The review of a token that comes from another file: found when the function it calls returns a signed token there. */
function reviewImported(finding: RuleFinding, ctx: ReviewContext): RuleFinding | null {
  const { [PENDING]: raw, ...data } = finding.data!;
  const call = JSON.parse(String(raw)) as { spec: string; imported: string; member: string | null; prop: string | null };
  const file = finding.path ? ctx.link.resolveImport(finding.path, call.spec) : null;
  const target = file ? ctx.link.resolveExport(file, call.imported) : null;
  if (!target || !('decl' in target)) return null;
  const id = call.member ? `${target.decl.id}.${call.member}` : target.decl.id;
  const rec = ctx.records().find((r) => r.type === 'tokenReturner' && r.path === target.decl.path && r.id === id && (r.prop ?? null) === call.prop);
  if (!rec) return null;
  const long = rec.lifetime !== 'other';
  return {
    ...finding,
    messageId: long ? 'longTokenInUrl' : 'tokenInUrl',
    severity: long ? 'high' : 'medium',
    data: { ...data, what: `the ${String(rec.what)} ${id}() returns`, at: `${String(rec.path)}:${String(rec.line)}`, life: rec.lifetime === 'forever' ? 'ever (no expiry)' : 'a long time (30 days or more)' },
    evidence: [...finding.evidence, { kind: 'file', path: String(rec.path), line: Number(rec.line), snippet: String(rec.text) }],
  };
}

export default defineSourceRule({
  id: 'security/token-in-redirect-url',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'Session or access token put in a redirect URL',
    rationale: 'A token in a URL is written to server and proxy access logs, sent to other sites in the Referer header and kept in browser history: anyone who reads one of those holds the session.',
    remediation: { text: 'Set the token in an httpOnly, Secure cookie before redirecting, or redirect with a one-time code the front end exchanges by POST for the token.', effort: 'medium' },
    messages: {
      tokenInUrl: '{{how}} puts {{what}} ({{at}}) in the URL it redirects to: the token lands in access logs, Referer headers and browser history',
      longTokenInUrl: '{{how}} puts {{what}} ({{at}}), a token valid for {{life}}, in the URL it redirects to: it lands in access logs, Referer headers and browser history and stays usable',
      sessionInUrl: '{{how}} puts the session id ({{at}}) in the URL it redirects to: whoever reads the URL from a log or a Referer header holds the session',
      // Said only until the review has followed the call into the other file (it confirms the finding or drops it).
      tokenInUrlPending: '{{how}} puts the value of {{what}} in the URL it redirects to: read by the review',
    },
  },
  triggers: ['redirect', ...SIGNER_MODULES],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  review: (finding, _layout, ctx) => (typeof finding.data?.[PENDING] === 'string' ? reviewImported(finding, ctx) : finding),
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const signs = SIGNER_MODULES.some((m) => ctx.text.includes(m));
    const at = (n: ts.Node): string => `${ctx.file.path}:${ctx.lineOf(n)}`;
    /** Records a function of this file that returns a signed token (or an object holding one): a redirect in another file may use it. */
    const returner = (fn: ts.SignatureDeclaration): void => {
      const id = functionId(fn);
      if (!id) return;
      for (const r of returnsOf(fn)) {
        const x = strip(r);
        const props: Array<string | null> = ts.isObjectLiteralExpression(x) ? x.properties.map((p) => keyText(p.name)).filter((k): k is string => k !== null) : [null];
        for (const prop of props) {
          const t = tokenOf(r, ctx.scope, 0, prop);
          if (t?.kind !== 'jwt') continue;
          ctx.emit({ type: 'tokenReturner', id, prop, line: ctx.lineOf(t.site.call), lifetime: t.lifetime, what: `token signed with ${t.site.module}`, text: t.site.call.getText(ctx.sourceFile).split('\n')[0].slice(0, 160) });
        }
      }
    };
    return {
      FunctionDeclaration(node) { if (signs) returner(node as ts.FunctionDeclaration); },
      MethodDeclaration(node) { if (signs) returner(node as ts.MethodDeclaration); },
      ArrowFunction(node) { if (signs) returner(node as ts.ArrowFunction); },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const callee = call.expression;
        if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'redirect' || call.arguments.length === 0) return;
        const how = `${callee.getText(ctx.sourceFile).slice(0, 40)}()`;
        const parts: Part[] = [];
        for (const a of call.arguments) urlParts(a, ctx.scope, { fragment: false }, parts);
        const found = parts.filter((p) => !p.fragment).map((p) => ({ part: p, t: tokenOf(p.e, ctx.scope) })).filter((x): x is { part: Part; t: Token } => x.t !== null);
        // A token the file shows outranks a call the review has to follow.
        found.sort((a, b) => Number(a.t.kind === 'imported') - Number(b.t.kind === 'imported'));
        for (const { part, t } of found.slice(0, 1)) {
          if (t.kind === 'session') {
            ctx.report({ node: call, messageId: 'sessionInUrl', data: { how, at: at(t.node) } });
          } else if (t.kind === 'jwt') {
            const long = t.lifetime !== 'other';
            const evidence = [{ kind: 'file' as const, path: ctx.file.path, line: ctx.lineOf(t.site.call), snippet: t.site.call.getText(ctx.sourceFile).split('\n')[0].slice(0, 160) }];
            ctx.report({
              node: call, messageId: long ? 'longTokenInUrl' : 'tokenInUrl', severity: long ? 'high' : 'medium', evidence,
              data: { how, what: `the token signed with ${t.site.module}`, at: at(t.site.call), life: t.lifetime === 'forever' ? 'ever (no expiry)' : 'a long time (30 days or more)' },
            });
          } else {
            const { kind: _, ...pending } = t;
            ctx.report({ node: call, messageId: 'tokenInUrlPending', data: { how, what: part.e.getText(ctx.sourceFile).slice(0, 60), at: '', life: '', [PENDING]: JSON.stringify(pending) } });
          }
        }
      },
    };
  },
});
