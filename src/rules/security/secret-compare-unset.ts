import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { DENIAL_WORDS, isRequestRead, unsetConfigReadOf } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { valueOf } from '../shared/ast.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** `c.req.header('x')` -> ['c', 'req', 'header']; `req.headers['x-key']` -> ['req', 'headers', 'x-key']; else null. */
function chainOf(e: ts.Expression): string[] | null {
  e = strip(e);
  if (ts.isCallExpression(e)) return chainOf(e.expression);
  if (ts.isIdentifier(e)) return [e.text];
  if (ts.isPropertyAccessExpression(e)) { const c = chainOf(e.expression); return c ? [...c, e.name.text] : null; }
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) { const c = chainOf(e.expression); return c ? [...c, e.argumentExpression.text] : null; }
  return null;
}

/** The expression a local const stands for (one level), else the expression. */
function through(e: ts.Expression, scope: Scope): { expr: ts.Expression; local: ts.Identifier | null } {
  const s = strip(e);
  if (ts.isIdentifier(s)) {
    const init = valueOf(s, scope);
    if (init) return { expr: strip(init), local: s };
  }
  return { expr: s, local: null };
}

const isRequestValue = (e: ts.Expression): boolean => {
  const chain = chainOf(e);
  // `req.headers.authorization`: the request read is a prefix of the chain.
  return chain !== null && chain.some((_, i) => i >= 1 && isRequestRead(chain.slice(0, i + 1)));
};

/**
 * Whether a node under `root` denies the request: a 401/403 status, or a name or text holding one of
 * the denial words collect's body facts use (knowledge DENIAL_WORDS: `HttpStatus.UNAUTHORIZED`,
 * `ForbiddenException`, 'Unauthorized').
 */
function denies(root: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isNumericLiteral(n) && (n.text === '401' || n.text === '403')) found = true;
    else if ((ts.isIdentifier(n) || ts.isStringLiteralLike(n)) && DENIAL_WORDS.some((w) => n.text.toLowerCase().includes(w))) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(root);
  return found;
}

/** Whether `fn` tests `text` (the config read or the request value) for presence anywhere but in `except`. */
function presenceTested(fn: ts.Node, texts: ReadonlySet<string>, except: ts.Node, sf: ts.SourceFile): boolean {
  let found = false;
  const isSubject = (e: ts.Expression) => texts.has(strip(e).getText(sf));
  const visit = (n: ts.Node): void => {
    if (found || n === except) return;
    if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.ExclamationToken && isSubject(n.operand)) found = true;
    else if (ts.isTypeOfExpression(n) && isSubject(n.expression)) found = true;
    else if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if ((op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) && (isSubject(n.left) || isSubject(n.right))) found = true;
      const nothing = (e: ts.Expression) => { const s = strip(e); return s.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(s) && s.text === 'undefined') || (ts.isStringLiteralLike(s) && s.text === ''); };
      if ((isSubject(n.left) && nothing(n.right)) || (isSubject(n.right) && nothing(n.left))) found = true;
    } else if ((ts.isIfStatement(n) || ts.isConditionalExpression(n)) && isSubject(ts.isIfStatement(n) ? n.expression : n.condition)) found = true;
    else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'length' && isSubject(n.expression.expression)) found = true;
    if (!found) ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

export default defineSourceRule({
  id: 'security/secret-compare-unset',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Request checked against a secret that may be unset',
    rationale: 'A guard such as `if (c.req.header(\'Authorization\') !== c.env.API_SECRET) return 401` lets every request in when the secret is not configured: a request without the header reads `undefined`, the unset secret is `undefined`, and they are equal. A deploy that forgets one variable opens the routes the guard protects, and nothing says so.',
    remediation: { text: 'Refuse when the secret is missing or empty (`if (!secret || !provided) return 401`), then compare with a constant-time comparison; in Node also validate the variable at startup.', effort: 'low' },
    messages: {
      unset: '`{{request}}` is compared with `{{secret}}` ({{platform}}) and neither is checked for presence: when {{name}} is not set, a request without the value is let through',
    },
  },
  triggers: ['.env'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const sf = () => ctx.sourceFile;
    return {
      BinaryExpression(node) {
        const b = node as ts.BinaryExpression;
        const op = b.operatorToken.kind;
        const negated = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
        if (!negated && op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken) return;
        const l = through(b.left, ctx.scope);
        const r = through(b.right, ctx.scope);
        const pair = isRequestValue(l.expr) ? [l, r] : isRequestValue(r.expr) ? [r, l] : null;
        if (!pair) return;
        const [req, cfg] = pair;
        const cfgChain = chainOf(cfg.expr);
        const config = cfgChain ? unsetConfigReadOf(cfgChain) : null;
        if (!config || !cfgChain) return;
        // The comparison decides an `if` (alone, or as one operand of `||`/`&&`) that denies the request.
        let top: ts.Node = b;
        while (ts.isParenthesizedExpression(top.parent) || (ts.isBinaryExpression(top.parent) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(top.parent.operatorToken.kind))) top = top.parent;
        const stmt = top.parent;
        if (!ts.isIfStatement(stmt) || stmt.expression !== top) return;
        const denial = negated ? stmt.thenStatement : stmt.elseStatement;
        if (!denial || !denies(denial)) return;
        // Either side tested for presence anywhere in the function makes the unset case a denial.
        let fn: ts.Node = stmt;
        while (fn.parent && !ts.isFunctionLike(fn) && !ts.isSourceFile(fn)) fn = fn.parent;
        const texts = new Set([cfg.expr.getText(sf()), req.expr.getText(sf())]);
        if (cfg.local) texts.add(cfg.local.text);
        if (req.local) texts.add(req.local.text);
        if (presenceTested(fn, texts, b, sf())) return;
        ctx.report({
          node: b, severity: config.startupValidation ? 'medium' : 'high', messageId: 'unset',
          data: { request: (req.local ?? req.expr).getText(sf()), secret: cfg.expr.getText(sf()), platform: config.platform, name: cfgChain[cfgChain.length - 1] },
        });
      },
    };
  },
});
