// The condition a statement runs under, when it is one on the environment: a middleware mounted inside
// `if (config.env === 'production') { ... }` or `process.env.ENABLE_X && app.use(...)`. Records the
// condition's text when it does not hold in the default configuration (knowledge/environment.ts): every
// environment variable unset, the app's environment name the development default. A fact about the
// code; the link stage and the rules judge what it means for the middleware.
import ts from 'typescript';
import { DEFAULT_ENV_NAME, ENV_NAME_FIELDS } from '../../knowledge/index.js';

const ENV_FIELDS = new Set(ENV_NAME_FIELDS.map((f) => f.word));
const UNKNOWN: unique symbol = Symbol('unknown');
type Value = string | boolean | undefined | typeof UNKNOWN;

/** The text of a condition on the environment the node runs under that does not hold in the default configuration (up to its function), or null. */
export function offByDefault(node: ts.Node, sf: ts.SourceFile): string | null {
  let child: ts.Node = node;
  for (let p = node.parent; p && !ts.isFunctionLike(p) && !ts.isSourceFile(p); child = p, p = p.parent) {
    let cond: ts.Expression | null = null;
    let negate = false;
    if (ts.isIfStatement(p) && child !== p.expression) [cond, negate] = [p.expression, child === p.elseStatement];
    else if (ts.isConditionalExpression(p) && child !== p.condition) [cond, negate] = [p.condition, child === p.whenFalse];
    else if (ts.isBinaryExpression(p) && child === p.right && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) cond = p.left;
    if (!cond) continue;
    const v = valueOf(cond);
    if (v === UNKNOWN || !readsEnv(cond)) continue;
    const holds = Boolean(v) !== negate;
    if (!holds) return `${negate ? 'not ' : ''}${cond.getText(sf).replace(/\s+/g, ' ').slice(0, 120)}`;
  }
  return null;
}

function readsEnv(e: ts.Node): boolean {
  if (envValue(e as ts.Expression) !== UNKNOWN) return true;
  let found = false;
  e.forEachChild((c) => { found ||= readsEnv(c); });
  return found;
}

/** `process.env.X` (unset: undefined), or the app's environment name from its config (`config.env`). */
function envValue(e: ts.Expression): Value {
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const obj = e.expression;
    if ((ts.isPropertyAccessExpression(obj) && obj.name.text === 'env' && ts.isIdentifier(obj.expression) && obj.expression.text === 'process')) return undefined;
    const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : null;
    if (name && ENV_FIELDS.has(name)) return DEFAULT_ENV_NAME;
  }
  return UNKNOWN;
}

/** What an expression gives in the default configuration, or UNKNOWN. */
function valueOf(e: ts.Expression): Value {
  if (ts.isParenthesizedExpression(e)) return valueOf(e.expression);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const v = valueOf(e.operand);
    return v === UNKNOWN ? UNKNOWN : !v;
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const l = valueOf(e.left);
    const r = valueOf(e.right);
    // `unknown && false` is false and `unknown || true` is true whatever the unknown side gives.
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
      if (l === UNKNOWN) return r !== UNKNOWN && !r ? false : UNKNOWN;
      return l ? r : l;
    }
    if (op === ts.SyntaxKind.BarBarToken) {
      if (l === UNKNOWN) return r !== UNKNOWN && r ? true : UNKNOWN;
      return l ? l : r;
    }
    if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) return l === r;
    if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) return l !== r;
    return UNKNOWN;
  }
  return envValue(e);
}

/**
 * A function option that decides per request (a limiter's `skip`), when what it returns holds in the
 * default configuration on the environment alone (`() => !process.env.ENABLE_RATE_LIMIT`,
 * `() => config.env !== 'production'`): the returned condition's text, or null. A function that reads
 * the request, or returns anything verdict cannot evaluate, is null: it decides per request.
 */
export function alwaysByDefault(fn: ts.Expression | ts.MethodDeclaration, sf: ts.SourceFile): string | null {
  while (ts.isParenthesizedExpression(fn) || ts.isAsExpression(fn)) fn = fn.expression;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn) && !ts.isMethodDeclaration(fn)) return null;
  if (!fn.body) return null;
  let out: ts.Node = fn.body;
  if (ts.isBlock(out)) {
    const only = out.statements.length === 1 ? out.statements[0] : null;
    if (!only || !ts.isReturnStatement(only) || !only.expression) return null;
    out = only.expression;
  }
  const e = out as ts.Expression;
  const v = valueOf(e);
  if (v === UNKNOWN || !v || !readsEnv(e)) return null;
  return e.getText(sf).replace(/\s+/g, ' ').slice(0, 120);
}
