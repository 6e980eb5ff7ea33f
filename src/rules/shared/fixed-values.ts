// Values the code fixes: constants, numbers, and values picked from (or checked against) a fixed
// allow-list the requester does not choose. Shared by the data-flow rules (SQL text, file paths):
// each asks whether a part of its sink's argument can only hold such a value.
import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { constInitializer, convertsToNumber, isConstantExpr } from './ast.js';
import { allowListSchema, sanitizes, Tracer } from './taint.js';

export function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** A const array / Set / object literal whose members are all constants: a fixed allow-list. */
export function isAllowList(e: ts.Expression, scope: Scope): boolean {
  e = strip(e);
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    return init !== null && isAllowList(init, scope);
  }
  // `inner ? INNER_COLUMNS : OUTER_COLUMNS`
  if (ts.isConditionalExpression(e)) return isAllowList(e.whenTrue, scope) && isAllowList(e.whenFalse, scope);
  // `[...Object.values(COLUMNS), 'id']`: spreads of allow-lists count.
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((x) => (ts.isSpreadElement(x) ? isAllowList(x.expression, scope) : isConstantExpr(x, scope)));
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Set' && !scope.resolve(e.expression)) {
    return e.arguments?.length === 1 && isAllowList(e.arguments[0], scope);
  }
  if (ts.isObjectLiteralExpression(e)) return e.properties.every((p) => ts.isPropertyAssignment(p) && isConstantExpr(p.initializer, scope));
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && (e.expression.name.text === 'keys' || e.expression.name.text === 'values')
    && ts.isIdentifier(e.expression.expression) && e.expression.expression.text === 'Object' && !scope.resolve(e.expression.expression)) {
    return e.arguments.length === 1 && isAllowList(e.arguments[0], scope);
  }
  return false;
}

/**
 * A list the requester does not choose: the code's own (`await this.listTables()`, the catalog's rows),
 * traced to no request, caller or command line. Membership in it bounds a value to its members.
 */
function ownList(e: ts.Expression, scope: Scope): boolean {
  return isAllowList(e, scope) || new Tracer(scope, (x) => isConstantExpr(x, scope)).originOf(e).kind === 'local';
}

/** `ALLOWED.includes(name)` / `ALLOWED.has(name)` / `name in ALLOWED` over an allow-list, where `name` is the variable `decl`. */
function testsAllowList(cond: ts.Expression, decl: ts.Declaration, scope: Scope): boolean {
  cond = strip(cond);
  const isVar = (x: ts.Expression | undefined): boolean => x !== undefined && ts.isIdentifier(strip(x)) && scope.refersTo(strip(x) as ts.Identifier, decl);
  if (ts.isCallExpression(cond) && ts.isPropertyAccessExpression(cond.expression) && (cond.expression.name.text === 'includes' || cond.expression.name.text === 'has')) {
    return isVar(cond.arguments[0]) && ownList(cond.expression.expression, scope);
  }
  if (ts.isBinaryExpression(cond) && cond.operatorToken.kind === ts.SyntaxKind.InKeyword) return isVar(cond.left) && isAllowList(cond.right, scope);
  return false;
}

export function exits(s: ts.Statement): boolean {
  if (ts.isThrowStatement(s) || ts.isReturnStatement(s)) return true;
  return ts.isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]);
}

/** `if (!ALLOWED.includes(col)) throw ...` earlier in an enclosing block, about the same variable. */
function guardedByAllowList(id: ts.Identifier, scope: Scope): boolean {
  const decl = scope.resolve(id)?.decl;
  if (!decl) return false;
  let child: ts.Node = id;
  for (let block: ts.Node | undefined = id.parent; block; child = block, block = block.parent) {
    if (!ts.isBlock(block) && !ts.isSourceFile(block)) continue;
    for (const stmt of (block as ts.Block).statements) {
      if (stmt === child) break;
      if (!ts.isIfStatement(stmt) || !exits(stmt.thenStatement)) continue;
      const c = strip(stmt.expression);
      if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken && testsAllowList(c.operand, decl, scope)) return true;
    }
    if (ts.isFunctionLike(block.parent)) break;
  }
  return false;
}

/** `for (const table of TABLES)` over a fixed allow-list declares the variable. */
function iteratesAllowList(id: ts.Identifier, scope: Scope): boolean {
  const b = scope.resolve(id);
  if (b?.kind !== 'variable' || !b.isConst) return false;
  const loop = b.decl.parent.parent;
  return ts.isForOfStatement(loop) && isAllowList(loop.expression, scope);
}

/** A `let` whose initializer and every later assignment are constants (`let table = "a"; ... table = "b";`). */
function letOfConstants(id: ts.Identifier, scope: Scope): boolean {
  const b = scope.resolve(id);
  if (b?.kind !== 'variable' || b.isConst || ts.isForOfStatement(b.decl.parent.parent) || ts.isForInStatement(b.decl.parent.parent)) return false;
  const values = [...(b.initializer ? [b.initializer] : []), ...scope.writes(b.decl)];
  return values.length > 0 && values.every((v) => v !== null && isConstantExpr(v, scope));
}

/** The parameter an identifier refers to, through the file's scopes. */
function parameterOf(id: ts.Identifier, scope: Scope): { fn: ts.SignatureDeclaration; param: ts.ParameterDeclaration; index: number } | null {
  const b = scope.resolve(id);
  return b?.kind === 'parameter' ? { fn: b.fn, param: b.decl, index: b.index } : null;
}

/** A parameter typed as string literals (`roleColumn: "r.name" | "r.id"`): the compiler holds callers to them. */
function literalTypedParameter(id: ts.Identifier, scope: Scope): boolean {
  const t = parameterOf(id, scope)?.param.type;
  const literal = (n: ts.TypeNode): boolean => ts.isLiteralTypeNode(n) && (ts.isStringLiteral(n.literal) || ts.isNumericLiteral(n.literal));
  return t !== undefined && (literal(t) || (ts.isUnionTypeNode(t) && t.types.every(literal)));
}

/**
 * A parameter of a local, unexported function that every call in the file passes a constant
 * (`buildFilter("p")`, `buildFilter("p2")`): the calls are found by what they refer to, not by name.
 */
function constantAtEveryCall(id: ts.Identifier, scope: Scope): boolean {
  const at = parameterOf(id, scope);
  if (!at) return false;
  const { fn, index } = at;
  const holder = fn.parent;
  const name = ts.isFunctionDeclaration(fn) ? fn.name : holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name : undefined;
  if (!name) return false;
  const nameDecl: ts.Declaration = ts.isFunctionDeclaration(fn) ? fn : holder as ts.VariableDeclaration;
  const statement = ts.isFunctionDeclaration(fn) ? fn : holder.parent?.parent;
  if (statement && ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return false;
  let calls = 0;
  let constant = true;
  const visit = (n: ts.Node): void => {
    if (!constant) return;
    if (ts.isIdentifier(n) && n.text === name.text && n !== name && scope.refersTo(n, nameDecl)) {
      const call = n.parent;
      if (ts.isCallExpression(call) && call.expression === n) {
        calls++;
        const arg = call.arguments[index];
        if (!arg || !isConstantExpr(arg, scope)) constant = false;
      } else constant = false; // handed on (a callback, an export): other callers may exist
    }
    ts.forEachChild(n, visit);
  };
  visit(id.getSourceFile());
  return calls > 0 && constant;
}

/** A number: a numeric literal or parameter (`hours: number`), arithmetic on them, `Number()`/`Math.*`. */
function isNumeric(e: ts.Expression, scope: Scope, depth = 0): boolean {
  e = strip(e);
  if (depth > 6) return false;
  if (ts.isNumericLiteral(e) || (ts.isPrefixUnaryExpression(e) && isNumeric(e.operand, scope, depth + 1))) return true;
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if ([ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken, ts.SyntaxKind.AsteriskAsteriskToken].includes(op)) return true;
    return op === ts.SyntaxKind.PlusToken && isNumeric(e.left, scope, depth + 1) && isNumeric(e.right, scope, depth + 1);
  }
  if (ts.isCallExpression(e)) return convertsToNumber(e, scope);
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    if (init) return isNumeric(init, scope, depth + 1);
    // `hours: number`, or `hours = 24` (inferred as a number).
    const param = parameterOf(e, scope)?.param;
    if (param) return param.type ? param.type.kind === ts.SyntaxKind.NumberKeyword : param.initializer !== undefined && ts.isNumericLiteral(strip(param.initializer));
  }
  return false;
}

/**
 * A call of a function of this file whose every `return` gives a constant: the callee resolved by
 * scope to a function declaration, a `const f = () => ...`, or a method of a class declared here
 * (`Database.sqlHourOffset()`, `this.dialectFragment()`).
 */
function returnsConstants(call: ts.CallExpression, scope: Scope): boolean {
  const callee = strip(call.expression);
  let target: ts.FunctionLikeDeclaration | undefined;
  if (ts.isIdentifier(callee)) {
    const b = scope.resolve(callee);
    if (b?.kind === 'function') target = b.decl;
    else if (b?.kind === 'variable' && b.isConst && b.initializer && (ts.isArrowFunction(b.initializer) || ts.isFunctionExpression(b.initializer))) target = b.initializer;
  } else if (ts.isPropertyAccessExpression(callee)) {
    let owner: ts.ClassLikeDeclaration | undefined;
    if (callee.expression.kind === ts.SyntaxKind.ThisKeyword) owner = ts.findAncestor(call, ts.isClassLike);
    else if (ts.isIdentifier(callee.expression)) {
      const b = scope.resolve(callee.expression);
      if (b?.kind === 'class') owner = b.decl;
    }
    const method = callee.name.text;
    target = owner?.members.find((x): x is ts.MethodDeclaration => ts.isMethodDeclaration(x) && ts.isIdentifier(x.name) && x.name.text === method && x.body !== undefined);
  }
  if (!target?.body) return false;
  if (!ts.isBlock(target.body)) return isConstantExpr(target.body, scope);
  let returns = 0;
  let constant = true;
  const walk = (n: ts.Node): void => {
    if (!constant || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) {
      returns++;
      if (!n.expression || !isConstantExpr(n.expression, scope)) constant = false;
      return;
    }
    ts.forEachChild(n, walk);
  };
  ts.forEachChild(target.body, walk);
  return returns > 0 && constant;
}

/** Values fixed by the code: constants, and values picked from (or checked against) a fixed allow-list. */
export function isFixed(e: ts.Expression, scope: Scope, depth = 0): boolean {
  if (isConstantExpr(e, scope)) return true;
  if (depth > 4) return false;
  e = strip(e);
  if (ts.isConditionalExpression(e)) {
    const w = strip(e.whenTrue);
    const decl = ts.isIdentifier(w) ? scope.resolve(w)?.decl : undefined;
    const allowed = decl !== undefined && testsAllowList(e.condition, decl, scope);
    return (allowed || isFixed(e.whenTrue, scope, depth + 1)) && isFixed(e.whenFalse, scope, depth + 1);
  }
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)) {
    return isFixed(e.left, scope, depth + 1) && isFixed(e.right, scope, depth + 1);
  }
  if (ts.isElementAccessExpression(e)) return isAllowList(e.expression, scope);
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    return (init !== null && isFixed(init, scope, depth + 1)) || guardedByAllowList(e, scope) || iteratesAllowList(e, scope)
      || letOfConstants(e, scope) || literalTypedParameter(e, scope) || isNumeric(e, scope) || constantAtEveryCall(e, scope);
  }
  // Digits only: a number, or `String(hoursAhead + 1)` / `n.toFixed(0)` of one.
  if (isNumeric(e, scope)) return true;
  if (ts.isCallExpression(e) && e.arguments.length === 1 && e.expression.getText() === 'String' && isNumeric(e.arguments[0], scope)) return true;
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && (e.expression.name.text === 'toString' || e.expression.name.text === 'toFixed')
    && isNumeric(e.expression.expression, scope)) return true;
  if (ts.isCallExpression(e) && returnsConstants(e, scope)) return true;
  // An identifier or literal escaper a SQL library's descriptor names (pg-format, mysql2 escapeId, sql.identifier).
  if (ts.isCallExpression(e) && sanitizes(e, scope)) return true;
  // COLUMNS.join(', ') over a fixed list
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join'
    && e.arguments.every((a) => isConstantExpr(a, scope)) && isAllowList(e.expression.expression, scope)) return true;
  // z.enum(['asc', 'desc']).parse(input): a schema of the validation library's that only lets the listed values through.
  const listed = ts.isCallExpression(e) ? allowListSchema(e, scope) : null;
  if (listed) return isAllowList(listed, scope);
  return false;
}
