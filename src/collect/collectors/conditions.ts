// The condition a statement runs under, when it is one on the environment: a middleware mounted inside
// `if (config.env === 'production') { ... }` or `process.env.ENABLE_X && app.use(...)`. Records the
// condition's text when it does not hold in the default configuration (knowledge/environment.ts): every
// environment variable unset, the app's environment name the development default. A fact about the
// code; the link stage and the rules judge what it means for the middleware.
import ts from 'typescript';
import { DEFAULT_ENV_NAME, ENV_NAME_FIELDS } from '../../knowledge/index.js';
import type { Scope } from '../scope.js';
import { fieldWritten } from './field-writes.js';

const ENV_FIELDS = new Set(ENV_NAME_FIELDS.map((f) => f.word));
const UNKNOWN: unique symbol = Symbol('unknown');
type Value = string | boolean | undefined | typeof UNKNOWN;

/** The text of a condition on the environment the node runs under that does not hold in the default configuration (up to its function), or null. */
export function offByDefault(node: ts.Node, sf: ts.SourceFile, scope: Scope | null = null): string | null {
  let child: ts.Node = node;
  for (let p = node.parent; p && !ts.isFunctionLike(p) && !ts.isSourceFile(p); child = p, p = p.parent) {
    let cond: ts.Expression | null = null;
    let negate = false;
    if (ts.isIfStatement(p) && child !== p.expression) [cond, negate] = [p.expression, child === p.elseStatement];
    else if (ts.isConditionalExpression(p) && child !== p.condition) [cond, negate] = [p.condition, child === p.whenFalse];
    else if (ts.isBinaryExpression(p) && child === p.right && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) cond = p.left;
    if (!cond) continue;
    const v = valueOf(cond, scope, 0);
    if (v === UNKNOWN || !readsEnv(cond, scope, 0)) continue;
    const holds = Boolean(v) !== negate;
    if (!holds) return `${negate ? 'not ' : ''}${cond.getText(sf).replace(/\s+/g, ' ').slice(0, 120)}`;
  }
  return null;
}

function readsEnv(e: ts.Node, scope: Scope | null, depth: number): boolean {
  if (envValue(e as ts.Expression, scope, depth) !== UNKNOWN) return true;
  let found = false;
  e.forEachChild((c) => { found ||= readsEnv(c, scope, depth); });
  return found;
}

const isProcessEnv = (e: ts.Expression): boolean => ts.isPropertyAccessExpression(e) && e.name.text === 'env' && ts.isIdentifier(e.expression) && e.expression.text === 'process';

/**
 * `process.env.X` (unset: undefined), the app's environment name from its config (`config.env`), and,
 * with the file's scope, a name bound to one: `const { ENABLE_X } = process.env` (unset, or its default
 * `= 'on'`), `const enabled = process.env.ENABLE_X === 'true'` (a const the condition reads).
 */
function envValue(e: ts.Expression, scope: Scope | null, depth: number): Value {
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    if (isProcessEnv(e.expression)) return undefined;
    const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : null;
    if (name && ENV_FIELDS.has(name)) return DEFAULT_ENV_NAME;
    // `config.rateLimitEnabled` of `const config = { rateLimitEnabled: process.env.X === 'true' }` in this
    // file: the field's value, when nothing writes another into it.
    if (name && scope && ts.isIdentifier(e.expression) && depth < 3) {
      const b = scope.resolve(e.expression);
      const init = b?.kind === 'variable' && b.isConst ? b.initializer : undefined;
      const field = init && ts.isObjectLiteralExpression(init)
        ? init.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name) : undefined;
      const written = b !== null && b !== undefined && field !== undefined && fieldWritten(e.getSourceFile(), scope, b.decl, name);
      if (field && !written && readsEnv(field.initializer, scope, depth + 1)) return valueOf(field.initializer, scope, depth + 1);
    }
  }
  if (scope && ts.isIdentifier(e) && depth < 3) {
    const b = scope.resolve(e);
    if (b?.kind === 'destructured') {
      const pattern = b.decl.parent;
      const decl = pattern.parent;
      if (ts.isObjectBindingPattern(pattern) && ts.isVariableDeclaration(decl) && decl.initializer && isProcessEnv(decl.initializer) && !b.decl.dotDotDotToken) {
        return b.decl.initializer ? valueOf(b.decl.initializer, scope, depth + 1) : undefined;
      }
    }
    // A const (or a variable nobody reassigns) computed from the environment.
    if (b?.kind === 'variable' && b.initializer && (b.isConst || !scope.isReassigned(b.decl)) && readsEnv(b.initializer, scope, depth + 1)) {
      return valueOf(b.initializer, scope, depth + 1);
    }
  }
  return UNKNOWN;
}

/** What an expression gives in the default configuration, or UNKNOWN. */
function valueOf(e: ts.Expression, scope: Scope | null, depth: number): Value {
  if (ts.isParenthesizedExpression(e)) return valueOf(e.expression, scope, depth);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const v = valueOf(e.operand, scope, depth);
    return v === UNKNOWN ? UNKNOWN : !v;
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const l = valueOf(e.left, scope, depth);
    const r = valueOf(e.right, scope, depth);
    // `unknown && false` is false and `unknown || true` is true whatever the unknown side gives.
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
      if (l === UNKNOWN) return r !== UNKNOWN && !r ? false : UNKNOWN;
      return l ? r : l;
    }
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      if (op === ts.SyntaxKind.QuestionQuestionToken) return l === UNKNOWN ? UNKNOWN : l ?? r;
      if (l === UNKNOWN) return r !== UNKNOWN && r ? true : UNKNOWN;
      return l ? l : r;
    }
    if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) return l === r;
    if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) return l !== r;
    return UNKNOWN;
  }
  return envValue(e, scope, depth);
}

/** What a function returns when its body is one expression or one `return`: null for any other function or value. */
function returnedExpression(fn: ts.Expression | ts.MethodDeclaration | ts.FunctionDeclaration): ts.Expression | null {
  while (ts.isParenthesizedExpression(fn) || ts.isAsExpression(fn)) fn = fn.expression;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn) && !ts.isMethodDeclaration(fn) && !ts.isFunctionDeclaration(fn)) return null;
  if (!fn.body) return null;
  let out: ts.Node = fn.body;
  if (ts.isBlock(out)) {
    const only = out.statements.length === 1 ? out.statements[0] : null;
    if (!only || !ts.isReturnStatement(only) || !only.expression) return null;
    out = only.expression;
  }
  return out as ts.Expression;
}

/**
 * A function option that decides per request (a limiter's `skip`), when what it returns holds in the
 * default configuration on the environment alone (`() => !process.env.ENABLE_RATE_LIMIT`,
 * `() => config.env !== 'production'`): the returned condition's text, or null. A function that reads
 * the request, or returns anything verdict cannot evaluate, is null: it decides per request.
 */
export function alwaysByDefault(fn: ts.Expression | ts.MethodDeclaration | ts.FunctionDeclaration, sf: ts.SourceFile, scope: Scope | null = null): string | null {
  const e = returnedExpression(fn);
  if (!e) return null;
  const v = valueOf(e, scope, 0);
  if (v === UNKNOWN || !v || !readsEnv(e, scope, 0)) return null;
  return e.getText(sf).replace(/\s+/g, ' ').slice(0, 120);
}

/**
 * What a constant's initializer gives in the default configuration when it reads the environment or is
 * a boolean (`process.env.RATE_LIMIT_ENABLED === 'true'` is false, `process.env.X !== 'false'` true):
 * the value (null for an unset variable), or UNKNOWN-free `undefined` when it cannot be decided. Read
 * without the file's scope: what another file imports is the constant as written.
 */
export function defaultConfigValue(e: ts.Expression): { value: string | boolean | null } | undefined {
  const v = valueOf(e, null, 0);
  if (v === UNKNOWN) return undefined;
  if (typeof v !== 'boolean' && !readsEnv(e, null, 0)) return undefined;
  return { value: v === undefined ? null : v };
}

/**
 * A function option whose answer is a value imported from another module (`skip: () => !config.rateLimit.enabled`,
 * `skip: () => RATE_LIMIT_DISABLED`): the imported name's root identifier, the member path read on it,
 * and whether the answer is negated; null for any other shape. The link stage resolves the export and
 * decides it in the default configuration.
 */
export function importedSwitchOf(fn: ts.Expression | ts.MethodDeclaration | ts.FunctionDeclaration): { root: ts.Identifier; members: string[]; negate: boolean } | null {
  const e = returnedExpression(fn);
  return e ? refShape(e) : null;
}

/** `[!]root.member...`: a value read on a name, possibly negated; null for any other shape. */
function refShape(e: ts.Expression): { root: ts.Identifier; members: string[]; negate: boolean } | null {
  let negate = false;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    else if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) [e, negate] = [e.operand, !negate];
    else break;
  }
  const members: string[] = [];
  while (ts.isPropertyAccessExpression(e) || (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression))) {
    members.unshift(ts.isPropertyAccessExpression(e) ? e.name.text : (e.argumentExpression as ts.StringLiteralLike).text);
    e = e.expression;
  }
  return ts.isIdentifier(e) ? { root: e, members, negate } : null;
}

/**
 * The innermost condition a mount runs under (up to its function) that reads a value imported from
 * another module and that this file cannot decide (`if (config.rateLimit.enabled) app.use(limiter)`):
 * the read, whether the mount runs when it is false (`!`, the else branch), and the condition's text.
 */
export function importedConditionOf(node: ts.Node, sf: ts.SourceFile, scope: Scope | null): { root: ts.Identifier; members: string[]; negate: boolean; text: string } | null {
  let child: ts.Node = node;
  for (let p = node.parent; p && !ts.isFunctionLike(p) && !ts.isSourceFile(p); child = p, p = p.parent) {
    let cond: ts.Expression | null = null;
    let negate = false;
    if (ts.isIfStatement(p) && child !== p.expression) [cond, negate] = [p.expression, child === p.elseStatement];
    else if (ts.isConditionalExpression(p) && child !== p.condition) [cond, negate] = [p.condition, child === p.whenFalse];
    else if (ts.isBinaryExpression(p) && child === p.right && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) cond = p.left;
    if (!cond || valueOf(cond, scope, 0) !== UNKNOWN) continue;
    const read = refShape(cond);
    const b = read && scope ? scope.resolve(read.root) : null;
    if (read && b?.kind === 'import') return { ...read, negate: read.negate !== negate, text: cond.getText(sf).replace(/\s+/g, ' ').slice(0, 120) };
  }
  return null;
}
