import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import { isSqlFragment, isSqlStatement } from '../../util/sql.js';
import { calleeName, findConstInitializer, findInitializer, isConstantExpr } from '../shared/ast.js';
import { readsRequestInput } from '../shared/names.js';

/** Methods that execute SQL text given as their first argument. */
const EXECUTORS = new Set(['prepare', 'query', 'execute', 'exec', 'raw', 'unsafe', '$queryRawUnsafe', '$executeRawUnsafe', 'queryRawUnsafe', 'executeRawUnsafe', 'sql', 'run', 'all', 'batch']);
/** Executors that are unsafe by name: they exist to take raw SQL text. */
const RAW_BY_NAME = new Set(['$queryRawUnsafe', '$executeRawUnsafe', 'unsafe', 'raw']);

function literalText(e: ts.Expression): string {
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((s) => `x${s.literal.text}`).join('');
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return `${literalText(e.left)}${literalText(e.right)}`;
  if (ts.isParenthesizedExpression(e)) return literalText(e.expression);
  return 'x';
}

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** A const array / Set / object literal whose members are all constants: a fixed allow-list. */
function isAllowList(e: ts.Expression): boolean {
  e = strip(e);
  if (ts.isIdentifier(e)) {
    const init = findConstInitializer(e);
    return init !== null && isAllowList(init);
  }
  // `inner ? INNER_COLUMNS : OUTER_COLUMNS`
  if (ts.isConditionalExpression(e)) return isAllowList(e.whenTrue) && isAllowList(e.whenFalse);
  // `[...Object.values(COLUMNS), 'id']`: spreads of allow-lists count (unkey's VALID_COLUMNS).
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((x) => (ts.isSpreadElement(x) ? isAllowList(x.expression) : isConstantExpr(x)));
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Set') return e.arguments?.length === 1 && isAllowList(e.arguments[0]);
  if (ts.isObjectLiteralExpression(e)) return e.properties.every((p) => ts.isPropertyAssignment(p) && isConstantExpr(p.initializer));
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^(keys|values)$/.test(e.expression.name.text)
    && e.expression.expression.getText() === 'Object') return e.arguments.length === 1 && isAllowList(e.arguments[0]);
  return false;
}

/** `ALLOWED.includes(name)` / `ALLOWED.has(name)` / `name in ALLOWED` over a fixed allow-list. */
function testsAllowList(cond: ts.Expression, name: string): boolean {
  cond = strip(cond);
  if (ts.isCallExpression(cond) && ts.isPropertyAccessExpression(cond.expression) && /^(includes|has)$/.test(cond.expression.name.text)) {
    const arg = cond.arguments[0];
    return arg !== undefined && ts.isIdentifier(strip(arg)) && (strip(arg) as ts.Identifier).text === name && isAllowList(cond.expression.expression);
  }
  if (ts.isBinaryExpression(cond) && cond.operatorToken.kind === ts.SyntaxKind.InKeyword) {
    return ts.isIdentifier(cond.left) && cond.left.text === name && isAllowList(cond.right);
  }
  return false;
}

function exits(s: ts.Statement): boolean {
  if (ts.isThrowStatement(s) || ts.isReturnStatement(s)) return true;
  return ts.isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]);
}

/** `if (!ALLOWED.includes(col)) throw ...` earlier in an enclosing block. */
function guardedByAllowList(id: ts.Identifier): boolean {
  let child: ts.Node = id;
  for (let scope: ts.Node | undefined = id.parent; scope; child = scope, scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
    for (const stmt of (scope as ts.Block).statements) {
      if (stmt === child) break;
      if (!ts.isIfStatement(stmt) || !exits(stmt.thenStatement)) continue;
      const c = strip(stmt.expression);
      if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken && testsAllowList(c.operand, id.text)) return true;
    }
    if (ts.isFunctionLike(scope.parent)) break;
  }
  return false;
}

/** `for (const table of TABLES)` over a fixed allow-list, around the use (formbricks' backfill migrations). */
function iteratesAllowList(id: ts.Identifier): boolean {
  for (let p: ts.Node | undefined = id.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (!ts.isForOfStatement(p) || !ts.isVariableDeclarationList(p.initializer)) continue;
    const declares = p.initializer.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === id.text);
    if (declares) return (p.initializer.flags & ts.NodeFlags.Const) !== 0 && isAllowList(p.expression);
  }
  return false;
}

/**
 * A `let` whose every assignment in its scope is a constant (outline's migrations:
 * `let tableName; tableName = "collection_users"; ... tableName = "documents";`).
 */
function letOfConstants(id: ts.Identifier): boolean {
  for (let scope: ts.Node | undefined = id.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
    let declared: ts.VariableDeclaration | undefined;
    for (const stmt of (scope as ts.Block).statements) {
      if (!ts.isVariableStatement(stmt) || (stmt.declarationList.flags & ts.NodeFlags.Let) === 0) continue;
      declared = stmt.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === id.text) ?? declared;
    }
    if (!declared) continue;
    let assigned = declared.initializer !== undefined;
    let constant = declared.initializer === undefined || isConstantExpr(declared.initializer);
    const visit = (n: ts.Node): void => {
      if (!constant) return;
      if (ts.isBinaryExpression(n) && ts.isIdentifier(n.left) && n.left.text === id.text) {
        const op = n.operatorToken.kind;
        if (op === ts.SyntaxKind.EqualsToken) {
          assigned = true;
          if (!isConstantExpr(n.right)) constant = false;
        } else if (op >= ts.SyntaxKind.FirstCompoundAssignment && op <= ts.SyntaxKind.LastCompoundAssignment) constant = false;
      } else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand) && n.operand.text === id.text) {
        constant = false;
      }
      ts.forEachChild(n, visit);
    };
    visit(scope);
    return assigned && constant;
  }
  return false;
}

/** The parameter a name refers to: of the nearest enclosing function that declares one by that name. */
function parameterOf(id: ts.Identifier): { fn: ts.SignatureDeclaration; param: ts.ParameterDeclaration; index: number } | null {
  for (let p: ts.Node | undefined = id.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (!ts.isFunctionLike(p)) continue;
    const index = p.parameters.findIndex((x) => ts.isIdentifier(x.name) && x.name.text === id.text);
    if (index >= 0) return { fn: p, param: p.parameters[index], index };
  }
  return null;
}

/** A parameter typed as string literals (`roleColumn: "r.name" | "r.id"`): the compiler holds callers to them. */
function literalTypedParameter(id: ts.Identifier): boolean {
  const t = parameterOf(id)?.param.type;
  const literal = (n: ts.TypeNode): boolean => ts.isLiteralTypeNode(n) && (ts.isStringLiteral(n.literal) || ts.isNumericLiteral(n.literal));
  return t !== undefined && (literal(t) || (ts.isUnionTypeNode(t) && t.types.every(literal)));
}

/**
 * A parameter of a local, unexported function that every call in the file passes a constant
 * (dub's `buildDiscoverablePartnersFilter("p")`, `("p2")`).
 */
function constantAtEveryCall(id: ts.Identifier): boolean {
  const at = parameterOf(id);
  if (!at) return false;
  const { fn, index } = at;
  const holder = fn.parent;
  const name = ts.isFunctionDeclaration(fn) ? fn.name : holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name : undefined;
  if (!name) return false;
  const decl = ts.isFunctionDeclaration(fn) ? fn : holder.parent?.parent;
  if (decl && ts.canHaveModifiers(decl) && ts.getModifiers(decl)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return false;
  let calls = 0;
  let constant = true;
  const visit = (n: ts.Node): void => {
    if (!constant) return;
    if (ts.isIdentifier(n) && n.text === name.text && n !== name) {
      const call = n.parent;
      if (ts.isCallExpression(call) && call.expression === n) {
        calls++;
        const arg = call.arguments[index];
        if (!arg || !isConstantExpr(arg)) constant = false;
      } else constant = false; // handed on (a callback, an export): other callers may exist
    }
    ts.forEachChild(n, visit);
  };
  visit(id.getSourceFile());
  return calls > 0 && constant;
}

/** A number: a numeric literal or parameter (`hours: number`), arithmetic on them, `Number()`/`Math.*`. */
function isNumeric(e: ts.Expression, depth = 0): boolean {
  e = strip(e);
  if (depth > 6) return false;
  if (ts.isNumericLiteral(e) || (ts.isPrefixUnaryExpression(e) && isNumeric(e.operand, depth + 1))) return true;
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if ([ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken, ts.SyntaxKind.AsteriskAsteriskToken].includes(op)) return true;
    return op === ts.SyntaxKind.PlusToken && isNumeric(e.left, depth + 1) && isNumeric(e.right, depth + 1);
  }
  if (ts.isCallExpression(e)) return /^(Number|parseInt|parseFloat|Math\.\w+)$/.test(e.expression.getText());
  if (ts.isIdentifier(e)) {
    const init = findConstInitializer(e);
    if (init) return isNumeric(init, depth + 1);
    // `hours: number`, or `hours = 24` (inferred as a number).
    const param = parameterOf(e)?.param;
    if (param) return param.type ? param.type.kind === ts.SyntaxKind.NumberKeyword : param.initializer !== undefined && ts.isNumericLiteral(strip(param.initializer));
  }
  return false;
}

/**
 * A call of a function in this file whose every `return` gives a constant, found by name: a
 * function declaration, a `const f = () => ...`, or a method of a class declared here
 * (`Database.sqlHourOffset()` in uptime-kuma, which returns one of two SQL fragments by dialect).
 */
function returnsConstants(call: ts.CallExpression): boolean {
  const callee = strip(call.expression);
  const sf = call.getSourceFile();
  let target: ts.FunctionLikeDeclaration | undefined;
  if (ts.isIdentifier(callee)) {
    // The name must be declared once in the whole file (no parameter, local or other function of that
    // name anywhere): a lookup by name that ignored scope would take another function's constant.
    const name = callee.text;
    let declarations = 0;
    const visit = (n: ts.Node): void => {
      if (declarations > 1) return;
      const declared = (ts.isFunctionDeclaration(n) || ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isClassDeclaration(n)
        || ts.isImportSpecifier(n) || ts.isImportClause(n) || ts.isNamespaceImport(n) || ts.isBindingElement(n))
        && n.name !== undefined && ts.isIdentifier(n.name) && n.name.text === name;
      if (declared) {
        declarations++;
        if (ts.isFunctionDeclaration(n) && n.body) target = n;
        else if (ts.isVariableDeclaration(n) && n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))
          && (n.parent.flags & ts.NodeFlags.Const) !== 0) target = n.initializer;
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    if (declarations !== 1) return false;
  } else if (ts.isPropertyAccessExpression(callee) && (ts.isIdentifier(callee.expression) || callee.expression.kind === ts.SyntaxKind.ThisKeyword)) {
    const owner = callee.expression.kind === ts.SyntaxKind.ThisKeyword ? ts.findAncestor(call, ts.isClassLike)?.name?.text : (callee.expression as ts.Identifier).text;
    const method = callee.name.text;
    const visit = (n: ts.Node): void => {
      if (target) return;
      if (ts.isClassLike(n) && n.name?.text === owner) {
        const m = n.members.find((x): x is ts.MethodDeclaration => ts.isMethodDeclaration(x) && ts.isIdentifier(x.name) && x.name.text === method && x.body !== undefined);
        if (m) target = m;
        return;
      }
      ts.forEachChild(n, visit);
    };
    if (owner) visit(sf);
  }
  if (!target?.body) return false;
  if (!ts.isBlock(target.body)) return isConstantExpr(target.body);
  let returns = 0;
  let constant = true;
  const walk = (n: ts.Node): void => {
    if (!constant || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) {
      returns++;
      if (!n.expression || !isConstantExpr(n.expression)) constant = false;
      return;
    }
    ts.forEachChild(n, walk);
  };
  ts.forEachChild(target.body, walk);
  return returns > 0 && constant;
}

/** Values fixed by the code: constants, and values picked from (or checked against) a fixed allow-list. */
function isFixed(e: ts.Expression, depth = 0): boolean {
  if (isConstantExpr(e)) return true;
  if (depth > 4) return false;
  e = strip(e);
  if (ts.isConditionalExpression(e)) {
    const w = strip(e.whenTrue);
    const allowed = ts.isIdentifier(w) && testsAllowList(e.condition, w.text);
    return (allowed || isFixed(e.whenTrue, depth + 1)) && isFixed(e.whenFalse, depth + 1);
  }
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)) {
    return isFixed(e.left, depth + 1) && isFixed(e.right, depth + 1);
  }
  if (ts.isElementAccessExpression(e)) return isAllowList(e.expression);
  if (ts.isIdentifier(e)) {
    const init = findConstInitializer(e);
    return (init !== null && isFixed(init, depth + 1)) || guardedByAllowList(e) || iteratesAllowList(e) || letOfConstants(e) || literalTypedParameter(e) || isNumeric(e) || constantAtEveryCall(e);
  }
  // Digits only: a number, or `String(hoursAhead + 1)` / `n.toFixed(0)` of one (midday's interval).
  if (isNumeric(e)) return true;
  if (ts.isCallExpression(e) && e.arguments.length === 1 && e.expression.getText() === 'String' && isNumeric(e.arguments[0])) return true;
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^(toString|toFixed)$/.test(e.expression.name.text)
    && isNumeric(e.expression.expression)) return true;
  if (ts.isCallExpression(e) && returnsConstants(e)) return true;
  // COLUMNS.join(', ') over a fixed list (unkey's AUDIT_LOG_COLUMNS)
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join'
    && e.arguments.every((a) => isConstantExpr(a)) && isAllowList(e.expression.expression)) return true;
  // z.enum(['asc', 'desc']).parse(input)
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'parse') {
    const inner = e.expression.expression;
    return ts.isCallExpression(inner) && /\benum$/.test(inner.expression.getText()) && inner.arguments.length === 1 && isAllowList(inner.arguments[0]);
  }
  return false;
}

/** Non-constant parts of SQL text built by interpolation or concatenation. */
function dynamicParts(e: ts.Expression): ts.Expression[] {
  if (ts.isTemplateExpression(e)) return e.templateSpans.map((s) => s.expression).filter((x) => !isFixed(x));
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return [...dynamicParts(e.left), ...dynamicParts(e.right)];
  if (ts.isParenthesizedExpression(e)) return dynamicParts(e.expression);
  if (ts.isStringLiteralLike(e) || isFixed(e)) return [];
  return [e];
}

/** Whether the built text begins with literal text (then that text must read as a statement). */
function startsWithLiteral(e: ts.Expression): boolean {
  if (ts.isTemplateExpression(e)) return e.head.text.trim() !== '';
  if (ts.isBinaryExpression(e)) return startsWithLiteral(e.left);
  if (ts.isParenthesizedExpression(e)) return startsWithLiteral(e.expression);
  return ts.isStringLiteralLike(e);
}

/** The SQL argument as written, following one local variable (`const q = \`...\`; db.query(q)`). */
function resolveSqlArg(arg: ts.Expression): ts.Expression {
  if (ts.isIdentifier(arg)) {
    const init = findInitializer(arg);
    if (init && (ts.isTemplateExpression(init) || ts.isBinaryExpression(init) || ts.isStringLiteralLike(init))) return init;
  }
  return arg;
}

export default defineSourceRule({
  id: 'database/sql-injection',
  meta: {
    category: 'database',
    severity: 'critical',
    title: 'SQL text built from non-constant values and executed',
    rationale: 'Interpolating or concatenating values into SQL text lets whoever controls the value rewrite the query.',
    remediation: {
      text: 'Pass values as bound parameters (`?`/`$1` placeholders with `.bind()` or a parameter array, or a tagged `sql` template); pick identifiers such as column names from a fixed allow-list.',
      effort: 'low',
    },
  },
  triggers: ['prepare', 'query', 'execute', 'exec', 'raw', 'unsafe', 'Unsafe', 'run(', 'all(', 'batch('],
  appliesTo: (f) => f.role !== 'test',
  create(ctx) {
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const name = calleeName(call);
        if (!name || !EXECUTORS.has(name) || call.arguments.length === 0) return;
        if (!ts.isPropertyAccessExpression(call.expression) && !RAW_BY_NAME.has(name)) return;
        const first = call.arguments[0];
        const sqlExpr = resolveSqlArg(first);
        const text = literalText(sqlExpr);
        const dynamic = dynamicParts(sqlExpr);
        if (dynamic.length === 0) return;
        const builtFromParts = ts.isTemplateExpression(sqlExpr) || ts.isBinaryExpression(sqlExpr);
        if (builtFromParts) {
          if (!(startsWithLiteral(sqlExpr) ? isSqlStatement(text) : isSqlFragment(text))) return;
        } else if (!RAW_BY_NAME.has(name) || (name === 'raw' && call.arguments.length > 1)) {
          return;
        }
        if (name === 'raw' && !/\b(knex|sql|db|trx|Prisma)\b/i.test(call.expression.getText(ctx.sourceFile))) return;
        const parts = dynamic.slice(0, 3).map((d) => d.getText(ctx.sourceFile)).join(', ');
        // A migration runs once, by the operator, on values from its own code or the database; a
        // script or a CLI (logto's `packages/cli`, `.scripts/`) runs with the values its operator gives
        // it: fragile SQL worth a fix, but no request reaches it.
        // A `tools/` folder may be an AI agent's tools inside the service: request input keeps it critical.
        const offline = ctx.file.role === 'migration' ? 'a migration'
          : ctx.file.role === 'script' && !dynamic.some((d) => readsRequestInput(d, ctx.sourceFile)) ? 'a script' : null;
        ctx.report({
          node: call,
          ...(offline ? { severity: 'medium' as const } : {}),
          message: (builtFromParts
            ? `SQL passed to .${name}() is built from non-constant values (${parts})`
            : `.${name}() executes SQL text from a non-constant value (${parts})`)
            + (offline ? `; in ${offline}, so no request controls it` : ''),
          evidence: sqlExpr !== first ? [{ kind: 'file', path: ctx.file.path, line: ctx.lineOf(sqlExpr), snippet: sqlExpr.getText(ctx.sourceFile).split('\n')[0].slice(0, 160) }] : [],
        });
      },
    };
  },
});
