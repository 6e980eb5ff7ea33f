// The condition a statement runs under, when it is one on the environment: a middleware mounted inside
// `if (config.env === 'production') { ... }` or `process.env.ENABLE_X && app.use(...)`. Records the
// condition's text when it does not hold in the default configuration (knowledge/environment.ts): every
// environment variable unset, the app's environment name the development default. A fact about the
// code; the link stage and the rules judge what it means for the middleware.
import ts from 'typescript';
import { DEFAULT_ENV_NAME, ENV_NAME_FIELDS } from '../knowledge/index.js';
import type { Scope } from './scope.js';
import { fieldWritten } from './collectors/field-writes.js';

const ENV_FIELDS = new Set(ENV_NAME_FIELDS.map((f) => f.word));
const UNKNOWN: unique symbol = Symbol('unknown');
type Value = string | boolean | undefined | typeof UNKNOWN;

/** The environment variable an environment-name field (`config.env`, knowledge ENV_NAME_FIELDS) stands for. */
const ENV_NAME_VAR = 'NODE_ENV';
/** A value set to a variable that is none of the strings the code compares it with. */
const OTHER_VALUE = '\u0001set';

/**
 * What an evaluation assumes and what it saw: the file's scope, the variables assumed set (all others
 * unset), and, filled in as it goes, the variables read, the strings the code holds (the values worth
 * trying for them), and whether an environment-name field was taken as the development default.
 */
interface Env {
  scope: Scope | null;
  assume: Readonly<Record<string, string>>;
  vars: Set<string>;
  literals: Set<string>;
  namedDefault: boolean;
}
const envOf = (scope: Scope | null, assume: Readonly<Record<string, string>> = {}): Env => ({ scope, assume, vars: new Set(), literals: new Set(), namedDefault: false });

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
    const v = valueOf(cond, envOf(scope), 0);
    if (v === UNKNOWN || !readsEnv(cond, envOf(scope), 0)) continue;
    const holds = Boolean(v) !== negate;
    if (!holds) return `${negate ? 'not ' : ''}${cond.getText(sf).replace(/\s+/g, ' ').slice(0, 120)}`;
  }
  return null;
}

/**
 * The innermost condition on the environment a node runs under, up to `stop` (or its function): the
 * condition, and whether the node runs when it is false (the else branch, the false side of `?:`).
 * `{ ...(isDev && { stack }) }`, `isProd ? undefined : err.stack`, `if (env !== 'production') { ... }`.
 */
export function envConditionOf(node: ts.Node, stop: ts.Node | null, scope: Scope | null): { cond: ts.Expression; negate: boolean } | null {
  let child: ts.Node = node;
  for (let p = node.parent; p && p !== stop && !ts.isFunctionLike(p) && !ts.isSourceFile(p); child = p, p = p.parent) {
    let cond: ts.Expression | null = null;
    let negate = false;
    if (ts.isIfStatement(p) && child !== p.expression) [cond, negate] = [p.expression, child === p.elseStatement];
    else if (ts.isConditionalExpression(p) && child !== p.condition) [cond, negate] = [p.condition, child === p.whenFalse];
    else if (ts.isBinaryExpression(p) && child === p.right && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) cond = p.left;
    if (cond && readsEnv(cond, envOf(scope), 0)) return { cond, negate };
  }
  return null;
}

function readsEnv(e: ts.Node, env: Env, depth: number): boolean {
  if (envValue(e as ts.Expression, env, depth) !== UNKNOWN) return true;
  let found = false;
  e.forEachChild((c) => { found ||= readsEnv(c, env, depth); });
  return found;
}

const isProcessEnv = (e: ts.Expression): boolean => ts.isPropertyAccessExpression(e) && e.name.text === 'env' && ts.isIdentifier(e.expression) && e.expression.text === 'process';

/** A variable's value under the evaluation's assumptions: unset (undefined) unless assumed. */
function variable(name: string, env: Env): string | undefined {
  env.vars.add(name);
  return env.assume[name];
}

/**
 * `process.env.X` (unset: undefined), the app's environment name from its config (`config.env`), and,
 * with the file's scope, a name bound to one: `const { ENABLE_X } = process.env` (unset, or its default
 * `= 'on'`), `const enabled = process.env.ENABLE_X === 'true'` (a const the condition reads),
 * `const env = process.env` (an alias of the environment).
 */
function envValue(e: ts.Expression, env: Env, depth: number): Value {
  const scope = env.scope;
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : null;
    if (isProcessEnv(e.expression) || (scope && ts.isIdentifier(e.expression) && aliasesProcessEnv(e.expression, scope))) return name ? variable(name, env) : undefined;
    if (name && ENV_FIELDS.has(name)) {
      const set = variable(ENV_NAME_VAR, env);
      if (set === undefined) env.namedDefault = true;
      return set ?? DEFAULT_ENV_NAME;
    }
    // `config.rateLimitEnabled` of `const config = { rateLimitEnabled: process.env.X === 'true' }` in this
    // file: the field's value, when nothing writes another into it.
    if (name && scope && ts.isIdentifier(e.expression) && depth < 3) {
      const b = scope.resolve(e.expression);
      const init = b?.kind === 'variable' && b.isConst ? b.initializer : undefined;
      const field = init && ts.isObjectLiteralExpression(init)
        ? init.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name) : undefined;
      const written = b !== null && b !== undefined && field !== undefined && fieldWritten(e.getSourceFile(), scope, b.decl, name);
      if (field && !written && readsEnv(field.initializer, env, depth + 1)) return valueOf(field.initializer, env, depth + 1);
    }
  }
  if (scope && ts.isIdentifier(e) && depth < 3) {
    const b = scope.resolve(e);
    if (b?.kind === 'destructured') {
      const pattern = b.decl.parent;
      const decl = pattern.parent;
      if (ts.isObjectBindingPattern(pattern) && ts.isVariableDeclaration(decl) && decl.initializer && isProcessEnv(decl.initializer) && !b.decl.dotDotDotToken) {
        const key = b.decl.propertyName ?? b.decl.name;
        const set = ts.isIdentifier(key) || ts.isStringLiteralLike(key) ? variable(key.text, env) : undefined;
        if (set !== undefined) return set;
        return b.decl.initializer ? valueOf(b.decl.initializer, env, depth + 1) : undefined;
      }
    }
    // A const (or a variable nobody reassigns) computed from the environment.
    if (b?.kind === 'variable' && b.initializer && (b.isConst || !scope.isReassigned(b.decl)) && readsEnv(b.initializer, env, depth + 1)) {
      return valueOf(b.initializer, env, depth + 1);
    }
  }
  return UNKNOWN;
}

/** `env` of `const env = process.env`: another name for the environment. */
function aliasesProcessEnv(id: ts.Identifier, scope: Scope): boolean {
  const b = scope.resolve(id);
  return b?.kind === 'variable' && b.isConst && !!b.initializer && isProcessEnv(b.initializer);
}

/** What an expression gives in the default configuration, or UNKNOWN. */
function valueOf(e: ts.Expression, env: Env, depth: number): Value {
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return valueOf(e.expression, env, depth);
  if (ts.isStringLiteralLike(e)) {
    env.literals.add(e.text);
    return e.text;
  }
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  // `.env.${process.env.NODE_ENV || 'development'}`: a string when every part is one.
  if (ts.isTemplateExpression(e)) {
    let out = e.head.text;
    for (const span of e.templateSpans) {
      const v = valueOf(span.expression, env, depth);
      if (typeof v !== 'string') return UNKNOWN;
      out += v + span.literal.text;
    }
    return out;
  }
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const v = valueOf(e.operand, env, depth);
    return v === UNKNOWN ? UNKNOWN : !v;
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const l = valueOf(e.left, env, depth);
    const r = valueOf(e.right, env, depth);
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
  return envValue(e, env, depth);
}

/** The value of an expression that depends on the environment (knowledge/environment.ts), and what it depends on. */
export interface EnvDependence {
  /** In the default configuration: every variable unset (null), an environment-name field the development default. */
  value: string | boolean | null;
  /** The variables it reads; an environment-name field (`config.env`) reads NODE_ENV. */
  vars: string[];
  /** An environment-name field was taken as 'development' (the boilerplates' default), not read from code. */
  namedDefault?: true;
  /** The value with one variable set (the rest unset): to a string the code compares with, or (null) to any other. */
  when: Array<{ name: string; set: string | null; value: string | boolean | null }>;
}

const MAX_WHEN = 12;
const plain = (v: Exclude<Value, typeof UNKNOWN>): string | boolean | null => (v === undefined ? null : typeof v === 'string' ? v.split(OTHER_VALUE).join('<set>') : v);

/**
 * What an expression on the environment gives in the default configuration, and with each variable it
 * reads set: `process.env.NODE_ENV === 'production'` is false, and true with NODE_ENV=production. Null
 * when it does not read the environment or cannot be decided (a call, a value verdict cannot follow).
 * With the file's scope it follows consts, destructured variables and config objects of the file.
 */
export function envDependenceOf(e: ts.Expression, scope: Scope | null = null): EnvDependence | null {
  const env = envOf(scope);
  const v = valueOf(e, env, 0);
  if (v === UNKNOWN || env.vars.size === 0) return null;
  const when: EnvDependence['when'] = [];
  for (const name of [...env.vars].sort()) {
    for (const set of [...[...env.literals].sort(), null]) {
      if (when.length >= MAX_WHEN) break;
      const w = valueOf(e, envOf(scope, { [name]: set ?? OTHER_VALUE }), 0);
      if (w !== UNKNOWN) when.push({ name, set, value: plain(w) });
    }
  }
  return { value: plain(v), vars: [...env.vars].sort(), ...(env.namedDefault ? { namedDefault: true as const } : {}), when };
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
  const v = valueOf(e, envOf(scope), 0);
  if (v === UNKNOWN || !v || !readsEnv(e, envOf(scope), 0)) return null;
  return e.getText(sf).replace(/\s+/g, ' ').slice(0, 120);
}

/**
 * What a constant's initializer gives in the default configuration when it reads the environment or is
 * a boolean (`process.env.RATE_LIMIT_ENABLED === 'true'` is false, `process.env.X !== 'false'` true):
 * the value (null for an unset variable), or UNKNOWN-free `undefined` when it cannot be decided. Read
 * without the file's scope: what another file imports is the constant as written.
 */
export function defaultConfigValue(e: ts.Expression): { value: string | boolean | null } | undefined {
  const v = valueOf(e, envOf(null), 0);
  if (v === UNKNOWN) return undefined;
  if (typeof v !== 'boolean' && !readsEnv(e, envOf(null), 0)) return undefined;
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
export function refShape(e: ts.Expression): { root: ts.Identifier; members: string[]; negate: boolean } | null {
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
    if (!cond || valueOf(cond, envOf(scope), 0) !== UNKNOWN) continue;
    const read = refShape(cond);
    const b = read && scope ? scope.resolve(read.root) : null;
    if (read && b?.kind === 'import') return { ...read, negate: read.negate !== negate, text: cond.getText(sf).replace(/\s+/g, ' ').slice(0, 120) };
  }
  return null;
}
