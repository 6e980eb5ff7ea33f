import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { requireOf } from '../../collect/scope.js';
import { ENV_NAME_FIELDS, nameSaysLimiter, roleOfImport } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

type Protection = { what: 'an auth guard' | 'a rate limiter'; name: string; byName: boolean };

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/**
 * What a middleware expression is, by the library that made it: `basicAuth({...})`, `rateLimit({...})`,
 * an imported guard passed as is, or a const holding one. A limiter known only by its name (imported
 * from the repository) counts, marked as such.
 */
function protectionOf(e: ts.Expression, scope: Scope, depth = 0): Protection | null {
  e = strip(e);
  if (depth > 3) return null;
  const id = ts.isCallExpression(e) ? strip(e.expression) : e;
  if (ts.isPropertyAccessExpression(id) && ts.isIdentifier(id.expression)) {
    const b = scope.resolve(id.expression);
    const imp = b && (b.kind === 'import' ? b : requireOf(b));
    // `require('passport')` binds the module itself: `passport.authenticate` is its default export's.
    const fact = imp ? roleOfImport(imp.from, imp.imported === '*' ? 'default' : imp.imported, id.name.text) : null;
    return fact ? asProtection(fact.role, id.getText()) : null;
  }
  if (!ts.isIdentifier(id)) return null;
  const b = scope.resolve(id);
  if (!b) return null;
  const imp = b.kind === 'import' ? b : requireOf(b);
  if (imp) {
    // `const rateLimit = require('express-rate-limit')` binds the module itself: its default export.
    const fact = roleOfImport(imp.from, imp.imported) ?? (imp.imported === '*' ? roleOfImport(imp.from, 'default') : null);
    if (fact) return asProtection(fact.role, id.text);
    // The repository's own middleware, not called here: only its name can say (low confidence).
    return !ts.isCallExpression(e) && nameSaysLimiter(id.text) ? { what: 'a rate limiter', name: id.text, byName: true } : null;
  }
  if (!ts.isCallExpression(e) && b.kind === 'variable' && b.isConst && b.initializer) return protectionOf(b.initializer, scope, depth + 1);
  return null;
}

function asProtection(role: string, name: string): Protection | null {
  if (role === 'guard') return { what: 'an auth guard', name, byName: false };
  if (role === 'limiter') return { what: 'a rate limiter', name, byName: false };
  return null;
}

/** `(req, res, next) => next()`: a middleware that lets every request through. */
function passesThrough(e: ts.Expression): boolean {
  e = strip(e);
  if (!ts.isArrowFunction(e) && !ts.isFunctionExpression(e)) return false;
  const next = e.parameters[e.parameters.length - 1];
  if (!next || !ts.isIdentifier(next.name) || e.parameters.length < 2) return false;
  const calls = (x: ts.Node | undefined): boolean => !!x && ts.isCallExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === (next.name as ts.Identifier).text;
  if (!ts.isBlock(e.body)) return calls(strip(e.body));
  const [only] = e.body.statements;
  return e.body.statements.length === 1 && ((ts.isExpressionStatement(only) && calls(strip(only.expression))) || (ts.isReturnStatement(only) && calls(only.expression && strip(only.expression))));
}

/** `next()`, `return next()`, `return await next()`, `{ await next(); return; }`: the request goes on, nothing else happens. */
function onlyPasses(s: ts.Node, next: string): boolean {
  if (ts.isBlock(s)) {
    const acts = s.statements.filter((x) => !(ts.isReturnStatement(x) && !x.expression));
    return acts.length === 1 && onlyPasses(acts[0], next);
  }
  if (ts.isReturnStatement(s) || ts.isExpressionStatement(s)) return !!s.expression && onlyPasses(s.expression, next);
  if (!ts.isExpression(s)) return false;
  const e = strip(s);
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === next;
}

/**
 * The protection a stretch of code builds and hands the request to, `bearerAuth({ token })(c, next)` or
 * `const auth = bearerAuth(...); return auth(c, next)`: a call given `next` whose callee is a guard or
 * limiter (nested functions are their own middleware, not searched).
 */
function appliedProtection(n: ts.Node, next: string, scope: Scope): Protection | null {
  let found: Protection | null = null;
  const visit = (x: ts.Node): void => {
    if (found || ts.isFunctionLike(x)) return;
    if (ts.isCallExpression(x) && x.arguments.some((a) => ts.isIdentifier(a) && a.text === next)) found = protectionOf(x.expression, scope);
    if (!found) ts.forEachChild(x, visit);
  };
  visit(n);
  return found;
}

/**
 * Whether a condition reads the environment: a property named for the environment or its variables
 * (`process.env.X`, `c.env.ENVIRONMENT`, `config.env`; knowledge ENV_NAME_FIELDS), directly or through
 * a const of the file (`const isDev = process.env.NODE_ENV === 'development'`).
 */
function readsEnvironment(e: ts.Node, scope: Scope, depth = 0): boolean {
  if (ts.isPropertyAccessExpression(e) && ENV_FIELDS.has(e.name.text)) return true;
  if (ts.isIdentifier(e) && depth < 2) {
    const b = scope.resolve(e);
    if (b?.kind === 'variable' && b.isConst && b.initializer) return readsEnvironment(b.initializer, scope, depth + 1);
    return false;
  }
  let found = false;
  ts.forEachChild(e, (c) => { found ||= readsEnvironment(c, scope, depth); });
  return found;
}
const ENV_FIELDS = new Set(ENV_NAME_FIELDS.map((f) => f.word));

/** The last parameter of a function that takes two or more, by name: a middleware's `next`. */
function nextParam(fn: ts.SignatureDeclaration): string | null {
  const last = fn.parameters[fn.parameters.length - 1];
  return fn.parameters.length >= 2 && last && ts.isIdentifier(last.name) ? last.name.text : null;
}

/**
 * A condition that holds only when something is set or equal to a value: `env.X`, `config.enabled`,
 * `NODE_ENV === 'production'`. A negation or an inequality (`!isTest`, `env !== 'test'`) is on by default.
 */
function requiresSetting(c: ts.Expression): boolean {
  c = strip(c);
  if (ts.isPropertyAccessExpression(c) || ts.isIdentifier(c) || ts.isElementAccessExpression(c)) return true;
  if (ts.isBinaryExpression(c)) {
    const k = c.operatorToken.kind;
    if (k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken) return ts.isStringLiteralLike(strip(c.right)) || ts.isStringLiteralLike(strip(c.left));
    if (k === ts.SyntaxKind.AmpersandAmpersandToken) return requiresSetting(c.left) || requiresSetting(c.right);
  }
  return false;
}

export default defineSourceRule({
  id: 'security/fail-open-switch',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'An auth guard or rate limiter that is off unless a setting turns it on',
    rationale: 'A protection that applies only when a variable is set fails open: a deploy that forgets the variable, or any environment but the one named, serves the route unprotected, and nothing says so.',
    remediation: { text: 'Apply the guard or limiter unconditionally, and refuse to start when the credentials it needs are missing (validate the environment at startup).', effort: 'low' },
    messages: {
      passThrough: '{{what}} ({{name}}) applies only when `{{condition}}` holds; otherwise this middleware lets every request through{{byName}}',
      mountedIf: '{{what}} ({{name}}) is mounted only when `{{condition}}` holds: off in every other configuration{{byName}}',
      skippedIf: '{{what}} ({{name}}) is built in this middleware but skipped when `{{condition}}` holds: every request gets through in that environment',
    },
  },
  triggers: ['next', '.use('],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const cond = (c: ts.Expression) => c.getText(ctx.sourceFile).replace(/\s+/g, ' ').slice(0, 80);
    const by = (p: Protection) => (p.byName ? ' (known as a limiter by its name only)' : '');
    const skipped = (at: ts.Node, condition: ts.Expression, p: Protection | null, negated = false): void => {
      if (!p || p.byName || !readsEnvironment(condition, ctx.scope)) return;
      const c = strip(condition);
      const text = !negated ? cond(condition) : ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken ? cond(c.operand) : `!(${cond(condition)})`;
      ctx.report({ node: at, messageId: 'skippedIf', data: { what: p.what, name: p.name, condition: text } });
    };
    // A middleware whose body lets the request through under a condition on the environment and
    // otherwise hands it to a guard it builds: `if (isDev) return next(); return bearerAuth(...)(c, next)`.
    const bypassIn = (node: ts.Node): void => {
      const fn = node as ts.FunctionLikeDeclaration;
      const next = nextParam(fn);
      if (!next || !fn.body || !ts.isBlock(fn.body)) return;
      const stmts = fn.body.statements;
      stmts.forEach((st, i) => {
        if (!ts.isIfStatement(st) || !onlyPasses(st.thenStatement, next)) return;
        const rest = st.elseStatement ? [st.elseStatement] : stmts.slice(i + 1);
        skipped(st, st.expression, rest.map((r) => appliedProtection(r, next, ctx.scope)).find((p) => p !== null) ?? null);
      });
    };
    return {
      ArrowFunction: bypassIn,
      FunctionExpression: bypassIn,
      FunctionDeclaration: bypassIn,
      ConditionalExpression(node) {
        const c = node as ts.ConditionalExpression;
        // `isDev ? next() : passport.authenticate('jwt')(req, res, next)`, either way round.
        const calledNext = (e: ts.Expression): string | null => {
          const x = strip(e);
          return ts.isCallExpression(x) && ts.isIdentifier(x.expression) && x.arguments.length === 0 ? x.expression.text : null;
        };
        const skipWhen = calledNext(c.whenTrue);
        const skipUnless = calledNext(c.whenFalse);
        if (skipWhen) skipped(c, c.condition, appliedProtection(c.whenFalse, skipWhen, ctx.scope));
        else if (skipUnless) skipped(c, c.condition, appliedProtection(c.whenTrue, skipUnless, ctx.scope), true);
        if (!requiresSetting(c.condition)) return;
        const p = protectionOf(c.whenTrue, ctx.scope);
        if (!p || !passesThrough(c.whenFalse)) return;
        ctx.report({ node: c.whenFalse, messageId: 'passThrough', data: { what: p.what, name: p.name, condition: cond(c.condition), byName: by(p) } });
      },
      IfStatement(node) {
        const s = node as ts.IfStatement;
        if (s.elseStatement || !requiresSetting(s.expression)) return;
        const statements = ts.isBlock(s.thenStatement) ? s.thenStatement.statements : [s.thenStatement];
        for (const st of statements) {
          if (!ts.isExpressionStatement(st)) continue;
          const call = strip(st.expression);
          if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'use') continue;
          const p = call.arguments.map((a) => protectionOf(a, ctx.scope)).find((x) => x !== null);
          if (!p) continue;
          ctx.report({ node: s, messageId: 'mountedIf', data: { what: p.what, name: p.name, condition: cond(s.expression), byName: by(p) } });
          return;
        }
      },
    };
  },
});
