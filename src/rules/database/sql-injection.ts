import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import { isSqlFragment, isSqlStatement } from '../../util/sql.js';
import type { Scope } from '../../collect/scope.js';
import type { VisitorHost } from '../../collect/host.js';
import { TriggerIndex } from '../../collect/triggers.js';
import { calleeName, constInitializer, convertsToNumber, isConstantExpr, valueOf } from '../shared/ast.js';
import { allowListSchema, sanitizes, Tracer, type Origin } from '../shared/taint.js';
import { callableRoots, callSiteOf, declIdOf, PENDING, qualify, reviewAcrossFiles, type Pending, type Root } from '../shared/callers.js';
import type { Severity } from '../../model/run.js';
import { queuePackages, sourceWords, sqlExecutorMethods } from '../../knowledge/index.js';
import { consumedQueue, JOB_DATA, jobField, queueRecorders } from '../shared/queue-jobs.js';
import { reviewSqlJob } from '../shared/sql-injection-jobs.js';
import { isTestSide } from '../../util/roles.js';
import { ENUM_MEMBERS, enumRecord, importedEnumRef, reviewImportedEnums } from '../shared/enum-members.js';

/**
 * Methods that execute SQL text, from the SQL libraries' descriptors (knowledge/libraries.ts). The
 * receiver's type is not known to a one-file rule, so the method name is what it matches.
 */
const EXECUTORS = new Set(sqlExecutorMethods().keys());
/**
 * Executors that exist to take raw SQL text (their descriptors say `raw`): a non-constant value given
 * to them is SQL text whatever it looks like. Others are judged only when the text is built in the call.
 */
const RAW_BY_NAME = new Set([...sqlExecutorMethods()].filter(([, m]) => m.raw).map(([name]) => name));

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
function isAllowList(e: ts.Expression, scope: Scope): boolean {
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

function exits(s: ts.Statement): boolean {
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
function isFixed(e: ts.Expression, scope: Scope, depth = 0): boolean {
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

/** Non-constant parts of SQL text built by interpolation or concatenation. */
function dynamicParts(e: ts.Expression, scope: Scope): ts.Expression[] {
  if (ts.isTemplateExpression(e)) return e.templateSpans.map((s) => s.expression).filter((x) => !isFixed(x, scope));
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return [...dynamicParts(e.left, scope), ...dynamicParts(e.right, scope)];
  if (ts.isParenthesizedExpression(e)) return dynamicParts(e.expression, scope);
  if (ts.isStringLiteralLike(e) || isFixed(e, scope)) return [];
  return [e];
}

/** Whether the built text begins with literal text (then that text must read as a statement). */
function startsWithLiteral(e: ts.Expression): boolean {
  if (ts.isTemplateExpression(e)) return e.head.text.trim() !== '';
  if (ts.isBinaryExpression(e)) return startsWithLiteral(e.left);
  if (ts.isParenthesizedExpression(e)) return startsWithLiteral(e.expression);
  return ts.isStringLiteralLike(e);
}

/** The SQL argument as written, following one local variable by scope (`const q = \`...\`; db.query(q)`). */
function resolveSqlArg(arg: ts.Expression, scope: Scope): ts.Expression {
  if (ts.isIdentifier(arg)) {
    const init = valueOf(arg, scope);
    if (init && (ts.isTemplateExpression(init) || ts.isBinaryExpression(init) || ts.isStringLiteralLike(init))) return init;
  }
  return arg;
}

/** Words of the executors' calls: a file without any runs no SQL, so no sink of it waits on its own calls. */
const SQL_WORDS = ['prepare', 'query', 'execute', 'exec', 'raw', 'unsafe', 'Unsafe', 'run(', 'all(', 'batch('];

const SOURCE_WORDS = sourceWords();

/** Both word lists, found in one pass over a file's text (the trigger automaton) instead of one `includes` per word. */
const WORD_LISTS: VisitorHost[] = [{ id: 'sql', triggers: SQL_WORDS }, { id: 'source', triggers: SOURCE_WORDS }];
let wordIndex: TriggerIndex | null = null;
const QUEUE_PACKAGES = queuePackages();

/** A migration runs once, by the operator; a script or CLI runs with the values its operator gives it. */
const offlineRole = (role: string): string | null => (role === 'migration' ? 'a migration' : role === 'script' ? 'a script' : null);

/** The origin that decides the severity: request input, then callers in other files (high until resolved), then the command line. */
const rank = (o: Origin): number => (o.kind === 'caller' && o.outside ? 1.5 : { local: 0, caller: 1, operator: 1.2, request: 2 }[o.kind]);

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
    messages: {
      built: 'SQL passed to .{{method}}() is built from non-constant values ({{parts}}){{origin}}',
      raw: '.{{method}}() executes SQL text from a non-constant value ({{parts}}){{origin}}',
    },
  },
  // A sink needs an executor's word; the calls recorded for the callers of other files' functions need an import.
  // An enum's file records its constant members, for the sinks of files that import it.
  triggers: [...SQL_WORDS, 'import', 'require(', 'enum '],
  appliesTo: (f) => !isTestSide(f.role),
  review: (finding, layout, ctx) => {
    const settled = reviewImportedEnums(finding, ctx);
    if (!settled) return null;
    const reviewed = reviewAcrossFiles(settled, layout, ctx);
    return reviewed && reviewSqlJob(reviewed, ctx);
  },
  create(ctx) {
    const fixed = (x: ts.Expression) => isFixed(x, ctx.scope);
    let roots: Map<string, Root> | null = null;
    // One scan of the file's text, made the first time a recorded call asks (a file may record none).
    let found: readonly VisitorHost[] | null = null;
    const scan = (): readonly VisitorHost[] => (found ??= (wordIndex ??= new TriggerIndex(WORD_LISTS)).match(ctx.text, WORD_LISTS));
    let at: ts.CallExpression | null = null;
    const place = {
      path: ctx.file.path, roots: new Map<string, Root>(), line: () => ctx.lineOf(at!.expression),
      ownCalls: () => scan().includes(WORD_LISTS[0]),
      sourceless: () => !scan().includes(WORD_LISTS[1]),
    };
    // Jobs enqueued from request input, for a worker's sink fed by job data (reviewSqlJob). A receiver is
    // a queue only if imported or made here by a queue package: other files' `.add()` calls bind no scopes.
    const queueFile = QUEUE_PACKAGES.some((m) => ctx.text.includes(m));
    const { enqueued, made } = queueRecorders(ctx, (name) => queueFile || (roots?.get(name) !== undefined && 'imported' in roots.get(name)!));
    return {
      EnumDeclaration(node) {
        const record = enumRecord(node as ts.EnumDeclaration);
        if (record) ctx.emit(record);
      },
      VariableDeclaration(node) {
        if (queueFile) made(node as ts.VariableDeclaration);
      },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        place.roots = roots ??= callableRoots(ctx.sourceFile);
        at = call;
        enqueued(call);
        const site = callSiteOf(call, place, ctx.scope, fixed);
        if (site) ctx.emit(site as unknown as Record<string, unknown>);
        const name = calleeName(call);
        if (!name || !EXECUTORS.has(name) || call.arguments.length === 0) return;
        if (!ts.isPropertyAccessExpression(call.expression) && !RAW_BY_NAME.has(name)) return;
        const first = call.arguments[0];
        const sqlExpr = resolveSqlArg(first, ctx.scope);
        const text = literalText(sqlExpr);
        const dynamic = dynamicParts(sqlExpr, ctx.scope);
        if (dynamic.length === 0) return;
        const builtFromParts = ts.isTemplateExpression(sqlExpr) || ts.isBinaryExpression(sqlExpr);
        if (builtFromParts) {
          if (!(startsWithLiteral(sqlExpr) ? isSqlStatement(text) : isSqlFragment(text))) return;
        } else if (!RAW_BY_NAME.has(name) || (name === 'raw' && call.arguments.length > 1)) {
          return;
        }
        if (name === 'raw' && !/\b(knex|sql|db|trx|Prisma)\b/i.test(call.expression.getText(ctx.sourceFile))) return;
        const parts = dynamic.slice(0, 3).map((d) => d.getText(ctx.sourceFile)).join(', ');
        // Where the text comes from decides the severity: critical only on a path from request input
        // (source -> sink). A parameter whose callers are not all in this file is left to the review,
        // which follows the callers through the link graph; unresolved, it is high when other files
        // may call the function (exported or handed on) and medium otherwise.
        const tracer = new Tracer(ctx.scope, fixed);
        const origins = dynamic.map((d) => tracer.originOf(d));
        const origin = origins.reduce<Origin>((a, b) => (rank(b) > rank(a) ? b : a), { kind: 'local', path: [] });
        // Job data: the queue and field it came from, for the review to find the producer that fills it.
        const fromJob = origin.kind === 'request' && origin.path[0]?.startsWith(JOB_DATA) ? dynamic[origins.indexOf(origin)] : null;
        const job: Record<string, string> = fromJob ? { jobQueue: consumedQueue(fromJob, ctx.scope) ?? '', jobField: jobField(fromJob, ctx.scope) } : {};
        const sink = `.${name}() SQL text (line ${ctx.lineOf(call)})`;
        const flow = [...origin.path, sink].join(' → ');
        const targets: Pending[] = [];
        let rest: Severity | null = null;
        for (const o of origin.kind === 'request' ? [] : origins) {
          const fn = o.kind === 'caller' && o.at ? declIdOf(o.at.fn) : null;
          if (fn !== null && o.at) targets.push({ fn, index: o.at.index, steps: qualify([...o.path, sink], ctx.file.path) });
          else if (rest !== 'high') rest = o.kind === 'caller' && o.outside ? 'high' : 'medium';
        }
        const pending = targets.length > 0 ? { targets, rest } : null;
        // Every part a member of an imported enum: the review settles it once the import is resolved.
        const enumRefs = dynamic.map((d) => importedEnumRef(d, ctx.scope));
        const enums: Record<string, string> = enumRefs.every((r) => r !== null) ? { [ENUM_MEMBERS]: JSON.stringify(enumRefs) } : {};
        const offline = origin.kind === 'request' ? null : offlineRole(ctx.file.role);
        const said = origin.kind === 'operator' ? `; a command-line argument reaches it: ${origin.path[0]} (the input of whoever runs it, not a request's)`
          : offline ? `; in ${offline}, so no request controls it`
          : origin.kind === 'request' ? `; request input reaches it: ${origin.path[0]}`
            : origin.kind === 'caller' && origin.outside ? `; a value from callers in other files (${origin.path[origin.path.length - 1]})${pending ? '' : ', which verdict cannot resolve'}`
            : origin.kind === 'caller' ? `; a caller's value (${origin.path[origin.path.length - 1]}), not traced to request input in this file`
              : '; not traced to request input in this file';
        ctx.report({
          node: call,
          ...(origin.kind === 'request' ? {} : { severity: offline || !(origin.kind === 'caller' && origin.outside) ? 'medium' as const : 'high' as const }),
          messageId: builtFromParts ? 'built' : 'raw',
          data: { method: name, parts, origin: said, ...job, ...enums, ...(pending ? { [PENDING]: JSON.stringify(pending) } : {}) },
          evidence: [
            ...(sqlExpr !== first ? [{ kind: 'file' as const, path: ctx.file.path, line: ctx.lineOf(sqlExpr), snippet: sqlExpr.getText(ctx.sourceFile).split('\n')[0].slice(0, 160) }] : []),
            { kind: 'note' as const, text: `${origin.kind === 'request' || origin.kind === 'operator' ? 'source → sink' : 'path'}: ${flow}` },
          ],
        });
      },
    };
  },
});
