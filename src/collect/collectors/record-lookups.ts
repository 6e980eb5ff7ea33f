// Where a function selects stored records by a filter (knowledge RECORD_SELECTORS), and where each value
// of the filter comes from, followed by the file's scopes through variables, destructuring and the
// function's parameters: the request (`req.params.id`, a Nest `@Param()`), who the caller is
// (`req.user.id`, a user decorator), or a parameter (its callers decide: the rule asks the link). Also the
// calls that hand such values on, by argument, and the comparisons that involve them. No judgement here.
import ts from 'typescript';
import { IN_MEMORY_CONSTRUCTORS, isBearerValueSource, JWT_SIGNERS, isFilterOperator, isIdentityName, isRandomValueSource, isRoleField, rowWritesOf, OPAQUE_TOKEN_SOURCES, RANDOM_VALUE_SOURCES, TOKEN_ROW_WRITES, isRequestDecorator, isRequestRead, isSessionField, nestParamField, recordSelectorOf, RECORD_SELECTORS } from '../../knowledge/index.js';
import { commonJsExportName, declIdOf } from '../decl-id.js';
import { recordLookupFacts, type RecordLookup } from '../facts/record-lookups.js';
import type { SourceContext, VisitorHost } from '../host.js';
import { requireOf } from '../scope.js';
import { isTestSide } from '../../util/roles.js';

type Val = Extract<RecordLookup, { type: 'pass' }>['val'];
type Model = Extract<RecordLookup, { type: 'lookup' }>['model'];
type FilterVal = Extract<RecordLookup, { type: 'lookup' }>['filter'][number];

const MAX_DEPTH = 6;
const MAX_PASSES = 24;
/** Calls whose result is the value they are given, converted (`String(id)`, `id.toString()`, `new ObjectId(id)`, `Number(id)`). */
const CONVERSIONS = new Set(['String', 'Number', 'parseInt', 'ObjectId', 'toString', 'trim', 'toLowerCase', 'valueOf', 'isValidObjectId']);
const COMPARISONS = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);
/** Methods that compare their receiver with their argument (mongoose ObjectId's `equals`, a list's `includes`). */
const COMPARE_METHODS = new Set(['equals', 'includes', 'some', 'every', 'isEqual']);

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)
    || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

const key = (v: Val): string => (v.k === 'param' ? `p${v.i}` : `${v.k}:${v.text}`);
const short = (n: ts.Node): string => n.getText().replace(/\s+/g, '').slice(0, 60);

/**
 * The function a record belongs to: the nearest one the symbols collector names (`C.m`, `f`), or a
 * route's handler written in place (a function handed to a call whose first argument is the path), or
 * the outermost function.
 */
function ownerOf(n: ts.Node): ts.SignatureDeclaration | null {
  let outer: ts.SignatureDeclaration | null = null;
  for (let p: ts.Node | undefined = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (!ts.isFunctionLike(p)) continue;
    if (declIdOf(p) !== null || wrappedName(p) !== null) return p;
    const call = p.parent;
    if (call && ts.isCallExpression(call) && call.arguments.includes(p as unknown as ts.Expression)) {
      const first = call.arguments[0];
      if (first && (ts.isStringLiteralLike(first) || ts.isTemplateExpression(first))) return p;
    }
    outer = p;
  }
  return outer;
}

export const recordLookups: VisitorHost = {
  id: recordLookupFacts.id,
  // Files that read the request, select records, or hand values to a service or repository.
  triggers: ['.params', '.body', '.query', '.param(', '@Param', '@Body', '@Query', 'Service', 'Repository', 'service', 'repository',
    ...[...RECORD_SELECTORS.reads, ...RECORD_SELECTORS.changes].map((m) => `.${m}(`),
    // Files that make a random value, which a write may store as a bearer code.
    // Files that sign a token, which a write may store as a bearer credential.
    ...new Set(JWT_SIGNERS.filter((s) => s.how === 'call').map((s) => s.module)),
    ...new Set([...OPAQUE_TOKEN_SOURCES, ...RANDOM_VALUE_SOURCES].map((g) => (g.export.length > 3 && g.export !== 'default' ? g.export.replace(/^crypto\./, '') : g.module)))],
  appliesTo: (f) => !isTestSide(f.role),
  create(ctx) {
    return {
      CallExpression(node) { onCall(ctx, node as ts.CallExpression); },
      BinaryExpression(node) {
        const b = node as ts.BinaryExpression;
        if (b.operatorToken.kind === ts.SyntaxKind.EqualsToken) { roleAssigned(ctx, b); return; }
        if (!COMPARISONS.has(b.operatorToken.kind)) return;
        check(ctx, b, [b.left, b.right]);
      },
    };
  },
};

/**
 * The name a function wrapped in a call is declared by (`exports.cancel = catchAsync(async (req, res) => ...)`,
 * `const cancel = asyncHandler(fn)`): the symbols collector declares the holder by it.
 */
function wrappedName(fn: ts.SignatureDeclaration): string | null {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(fn as unknown as ts.Expression)) return null;
  const holder = call.parent;
  if (holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && ts.isVariableStatement(holder.parent.parent) && ts.isSourceFile(holder.parent.parent.parent)) return holder.name.text;
  if (holder && ts.isBinaryExpression(holder) && holder.right === call && ts.isExpressionStatement(holder.parent) && ts.isSourceFile(holder.parent.parent)) return commonJsExportName(holder.left) || null;
  return null;
}

function emitBase(ctx: SourceContext, n: ts.Node): { fn?: string; fnLine: number; owner: ts.SignatureDeclaration } | null {
  const owner = ownerOf(n);
  if (!owner) return null;
  return { ...placeOf(ctx, owner), owner };
}

/** Where a record's function is: its declaration id (when it has one) and line. */
function placeOf(ctx: SourceContext, owner: ts.SignatureDeclaration): { fn?: string; fnLine: number } {
  const fn = declIdOf(owner) ?? wrappedName(owner);
  return { ...(fn !== null ? { fn } : {}), fnLine: ctx.lineOf(owner) };
}

function check(ctx: SourceContext, n: ts.Node, sides: ts.Expression[]): void {
  const base = emitBase(ctx, n);
  if (!base) return;
  const vals = dedupe(sides.flatMap((s) => originsOf(ctx, s, base.owner, 0, new Set())));
  if (!vals.some((v) => v.k === 'identity' || v.k === 'param')) return;
  const { owner: _, ...at } = base;
  recordLookupFacts.emit(ctx, { type: 'check', ...at, line: ctx.lineOf(n), vals });
}

function onCall(ctx: SourceContext, call: ts.CallExpression): void {
  const callee = call.expression;
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : null;
  if (method === null || call.arguments.length === 0) return;
  if (ts.isPropertyAccessExpression(callee) && COMPARE_METHODS.has(method)) check(ctx, call, [callee.expression, ...call.arguments]);
  const selector = ts.isPropertyAccessExpression(callee) ? recordSelectorOf(method) : null;
  if (selector && !call.arguments.some((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a))) {
    const base = emitBase(ctx, call);
    if (!base) return;
    const vals = filterVals(ctx, filterOf(call, method), base.owner);
    if (vals.length === 0) return;
    const recv = (callee as ts.PropertyAccessExpression).expression;
    if (inMemory(ctx, recv, base.owner)) return;
    const model = modelOf(ctx, recv, base.owner);
    const { owner: _, ...at } = base;
    const roleFields = selector.changes ? rowRoleFields(call, method) : [];
    recordLookupFacts.emit(ctx, {
      type: 'lookup', ...at, line: ctx.lineOf(call), method, callee: short(callee), changes: selector.changes, filter: vals, ...(model ? { model } : {}),
      ...(roleFields.length > 0 ? { roleFields } : {}),
    });
    // `this.notes.remove(id)` may be a service of the repository rather than a client's: the passes say, for the link to decide.
  }
  if (ts.isPropertyAccessExpression(callee)) randomColumns(ctx, call, callee, method);
  randomArgs(ctx, call, method);
  if (CONVERSIONS.has(method)) return;
  const owner = ownerOf(call);
  if (!owner) return;
  // The function's place and the callee's kind are made for the first argument with an origin: most calls have none.
  let at: { fn?: string; fnLine: number } | null = null;
  let via: 'this' | 'import' | null = null;
  let n = 0;
  call.arguments.forEach((a, arg) => {
    if (ts.isArrowFunction(a) || ts.isFunctionExpression(a) || n >= MAX_PASSES) return;
    for (const val of dedupe(originsOf(ctx, a, owner, 0, new Set()))) {
      if (at === null) {
        at = placeOf(ctx, owner);
        via = ownCode(ctx, callee, owner);
      }
      recordLookupFacts.emit(ctx, { type: 'pass', ...at, line: ctx.lineOf(call), callee: method, arg, val, ...(via ? { via } : {}) });
      n++;
    }
  });
}

/** The expressions that select the records: a `where` option's value, a builder's `where(...)` arguments, else the first argument. */
function filterOf(call: ts.CallExpression, method: string): ts.Expression[] {
  for (const a of call.arguments) {
    const o = unwrap(a);
    if (!ts.isObjectLiteralExpression(o)) continue;
    const w = o.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === RECORD_SELECTORS.whereKey);
    if (w && ts.isPropertyAssignment(w)) return [w.initializer];
    if (w && ts.isShorthandPropertyAssignment(w)) return [w.name];
  }
  return method === 'where' ? [...call.arguments] : [call.arguments[0]];
}

/** The values of a filter, each with the column it is matched against when the filter is an object (`{ inviteCode: req.params.code }`). */
function filterVals(ctx: SourceContext, filter: ts.Expression[], owner: ts.SignatureDeclaration): FilterVal[] {
  const out: FilterVal[] = [];
  const seen = new Set<string>();
  const add = (vals: Val[], column?: string) => {
    for (const v of vals) {
      const k = `${key(v)}|${column ?? ''}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(column !== undefined ? { ...v, column } : v);
    }
  };
  for (const f of filter) {
    const o = unwrap(f);
    if (!ts.isObjectLiteralExpression(o)) { add(originsOf(ctx, f, owner, 0, new Set())); continue; }
    for (const p of o.properties) {
      const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
      if (ts.isPropertyAssignment(p)) add(originsOf(ctx, p.initializer, owner, 0, new Set()), name);
      else if (ts.isShorthandPropertyAssignment(p)) add(originsOf(ctx, p.name, owner, 0, new Set()), name);
      else if (ts.isSpreadAssignment(p)) add(originsOf(ctx, p.expression, owner, 0, new Set()));
    }
  }
  return out;
}

/**
 * The role fields (knowledge ROLE_FIELDS) a change's row sets, where the libraries' write shapes
 * (knowledge ROW_WRITES) put the row: Prisma's `data`, mongoose's second argument and its `$set`,
 * Sequelize's first, TypeORM's `update(id, row)`.
 */
function rowRoleFields(call: ts.CallExpression, method: string): string[] {
  const out = new Set<string>();
  const keysOf = (o: ts.ObjectLiteralExpression, depth: number): void => {
    for (const p of o.properties) {
      const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
      if (name === null) continue;
      if (isRoleField(name) && (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))) out.add(name);
      // Mongo's update operators hold the row (`{ $set: { role } }`).
      else if (depth === 0 && name.startsWith('$') && ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(unwrap(p.initializer))) keysOf(unwrap(p.initializer) as ts.ObjectLiteralExpression, 1);
    }
  };
  for (const w of rowWritesOf(method)) {
    for (const i of w.rowArgs) {
      const a = call.arguments[i];
      const o = a ? unwrap(a) : null;
      if (!o || !ts.isObjectLiteralExpression(o)) continue;
      if (!w.key) { keysOf(o, 0); continue; }
      for (const k of w.key) {
        const p = o.properties.find((x) => x.name && ts.isIdentifier(x.name) && x.name.text === k);
        const v = p && ts.isPropertyAssignment(p) ? unwrap(p.initializer) : null;
        if (v && ts.isObjectLiteralExpression(v)) keysOf(v, 0);
      }
    }
  }
  return [...out];
}

/** Methods that store a loaded document or entity (mongoose and Sequelize `doc.save()`, TypeORM `repo.save(entity)`). */
const SAVES = new Set(['save', 'persist', 'flush']);

/**
 * `user.role = value` on a record loaded by a selector (`const user = await User.findById(id)`) and saved
 * in the same function (`user.save()`, `repo.save(user)`): a change of the loaded record's role, selected
 * by what the loading call was given.
 */
function roleAssigned(ctx: SourceContext, b: ts.BinaryExpression): void {
  const left = b.left;
  if (!ts.isPropertyAccessExpression(left) || !isRoleField(left.name.text) || !ts.isIdentifier(left.expression)) return;
  const doc = left.expression;
  const binding = ctx.scope.resolve(doc);
  if (binding?.kind !== 'variable' || !binding.initializer) return;
  const load = unwrap(binding.initializer);
  if (!ts.isCallExpression(load) || !ts.isPropertyAccessExpression(load.expression)) return;
  const method = load.expression.name.text;
  if (!recordSelectorOf(method)) return;
  const base = emitBase(ctx, b);
  if (!base || !savedIn(ctx, base.owner, binding.decl)) return;
  const vals = filterVals(ctx, filterOf(load, method), base.owner);
  if (vals.length === 0) return;
  const model = modelOf(ctx, load.expression.expression, base.owner);
  const { owner: _, ...at } = base;
  recordLookupFacts.emit(ctx, {
    type: 'lookup', ...at, line: ctx.lineOf(b), method: 'save', callee: `${doc.text}.${left.name.text}=(${short(load.expression)})`, changes: true, filter: vals,
    ...(model ? { model } : {}), roleFields: [left.name.text],
  });
}

/** Whether a function saves the document a variable declares: `doc.save()` or a call of a save method given it. */
function savedIn(ctx: SourceContext, owner: ts.SignatureDeclaration, decl: ts.Node): boolean {
  const is = (e: ts.Expression): boolean => { e = unwrap(e); return ts.isIdentifier(e) && ctx.scope.resolve(e)?.decl === decl; };
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && SAVES.has(n.expression.name.text)
      && (is(n.expression.expression) || n.arguments.some(is))) { found = true; return; }
    ts.forEachChild(n, visit);
  };
  const body = 'body' in owner ? (owner as ts.FunctionLikeDeclaration).body : undefined;
  if (body) visit(body);
  return found;
}

/** Methods of a value that keep it as random as it was (`randomBytes(16).toString('hex')`, `nanoid().slice(0, 12)`). */
const ENCODINGS = new Set(['toString', 'slice', 'substring', 'substr', 'toUpperCase', 'toLowerCase', 'replace', 'replaceAll']);

/**
 * The columns a row write fills with a random value (knowledge TOKEN_ROW_WRITES for where the row is,
 * knowledge/capability-tokens for the generators): `prisma.team.create({ data: { inviteCode: nanoid() } })`.
 */
function randomColumns(ctx: SourceContext, call: ts.CallExpression, callee: ts.PropertyAccessExpression, method: string): void {
  const w = TOKEN_ROW_WRITES.find((x) => x.method === method);
  const arg = w ? call.arguments[w.arg] : undefined;
  if (!w || !arg) return;
  const o = unwrap(arg);
  if (!ts.isObjectLiteralExpression(o)) return;
  const nested = ['data', 'create', 'update', '$set'].map((k) => o.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === k))
    .map((p) => (p && ts.isPropertyAssignment(p) ? unwrap(p.initializer) : null)).filter((x): x is ts.ObjectLiteralExpression => x !== null && ts.isObjectLiteralExpression(x));
  const rows = nested.length > 0 ? nested : [o];
  let base: ReturnType<typeof emitBase> | undefined;
  for (const row of rows) {
    for (const p of row.properties) {
      const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : null;
      if (!value || !(ts.isIdentifier(p.name!) || ts.isStringLiteral(p.name!))) continue;
      const column = (p.name as ts.Identifier | ts.StringLiteral).text;
      const generator = randomGenerator(ctx, value, 0);
      base ??= emitBase(ctx, call);
      if (!base) return;
      // `save({ userId, token })` in a repository function: its callers decide what `token` holds (param).
      const param = generator === null ? paramIndex(ctx, value, base.owner) : null;
      if (generator === null && param === null) continue;
      const model = modelOf(ctx, callee.expression, base.owner);
      const { owner: _, ...at } = base;
      recordLookupFacts.emit(ctx, { type: 'random', ...at, line: ctx.lineOf(p), column, generator: generator ?? '', ...(param !== null ? { param } : {}), ...(model ? { model } : {}) });
    }
  }
}

/** The index of the owner's parameter a value is (`token` in `function store(userId, token)`), or null. */
function paramIndex(ctx: SourceContext, e: ts.Expression, owner: ts.SignatureDeclaration): number | null {
  e = unwrap(e);
  if (!ts.isIdentifier(e)) return null;
  const b = ctx.scope.resolve(e);
  return b?.kind === 'parameter' && b.fn === owner ? b.index : null;
}

/**
 * Arguments that hand a random or signed value to a call (`storeToken(user.id, jwt.sign(...))`, or a const
 * holding one): the callee's write of that parameter fills its column with it.
 */
function randomArgs(ctx: SourceContext, call: ts.CallExpression, method: string): void {
  let base: ReturnType<typeof emitBase> | undefined;
  call.arguments.forEach((a, arg) => {
    if (ts.isArrowFunction(a) || ts.isFunctionExpression(a)) return;
    const generator = randomGenerator(ctx, a, 0);
    if (generator === null) return;
    base ??= emitBase(ctx, call);
    if (!base) return;
    const { owner: _, ...at } = base;
    recordLookupFacts.emit(ctx, { type: 'randomPass', ...at, line: ctx.lineOf(call), callee: method, arg, generator });
  });
}

/** The random generator a value is made by (`module#export`), through this file's local constants and encodings; null for any other value. */
function randomGenerator(ctx: SourceContext, e: ts.Expression, depth: number): string | null {
  e = unwrap(e);
  if (depth > 3) return null;
  if (ts.isIdentifier(e)) {
    const b = ctx.scope.resolve(e);
    return b?.kind === 'variable' && b.isConst && b.initializer ? randomGenerator(ctx, b.initializer, depth + 1) : null;
  }
  if (ts.isTemplateExpression(e)) {
    for (const span of e.templateSpans) {
      const g = randomGenerator(ctx, span.expression, depth + 1);
      if (g) return g;
    }
    return null;
  }
  if (!ts.isCallExpression(e)) return null;
  const c = e.expression;
  if (ts.isPropertyAccessExpression(c) && ENCODINGS.has(c.name.text)) return randomGenerator(ctx, c.expression, depth + 1);
  let root: ts.Expression = c;
  let member: string | undefined;
  if (ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression)) { member = c.name.text; root = c.expression; }
  if (!ts.isIdentifier(root)) return null;
  const b = ctx.scope.resolve(root);
  const imp = b ? (b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b)) : null;
  if (!imp) return !b && member && root.text === 'crypto' && isRandomValueSource('global', `crypto.${member}`) ? `crypto.${member}` : null;
  const whole = imp.imported === '*' || imp.imported === 'default';
  const name = whole ? member ?? 'default' : imp.imported;
  return isBearerValueSource(imp.from, imp.imported, member) ? `${imp.from}#${name}` : null;
}

function dedupe(vals: Val[]): Val[] {
  const seen = new Set<string>();
  return vals.filter((v) => (seen.has(key(v)) ? false : (seen.add(key(v)), true)));
}

/** A parameter's origin by how it is declared: a request decorator (`@Param()`), a caller decorator or an identity name, else the parameter itself. */
function ofParameter(ctx: SourceContext, p: ts.ParameterDeclaration, fn: ts.SignatureDeclaration, index: number, owner: ts.SignatureDeclaration): Val[] {
  const name = ts.isIdentifier(p.name) ? p.name.text : '';
  for (const dec of ts.getDecorators(p) ?? []) {
    const e = ts.isCallExpression(dec.expression) ? dec.expression.expression : dec.expression;
    if (!ts.isIdentifier(e)) continue;
    const b = ctx.scope.resolve(e);
    const imp = b?.kind === 'import' ? { from: b.from, imported: b.imported } : null;
    const field = imp ? nestParamField(imp.from, imp.imported) : undefined;
    // `@Req()`: the request object itself, whose fields the property chain reads.
    if (field === null) return [];
    if (field !== undefined) return isSessionField(field) ? [{ k: 'identity', text: `@${e.text}()` }] : [{ k: 'request', text: `@${e.text}() ${name}` }];
    if (imp && isRequestDecorator(imp.from, imp.imported)) return [{ k: 'request', text: `@${e.text}() ${name}` }];
    return [{ k: 'identity', text: `@${e.text}() ${name}` }];
  }
  if (isIdentityName(name)) return [{ k: 'identity', text: name }];
  return fn === owner ? [{ k: 'param', i: index }] : [];
}

/** Where the values an expression is built from come from (request, caller, a parameter); [] for values fixed or made here. */
function originsOf(ctx: SourceContext, e: ts.Expression, owner: ts.SignatureDeclaration, depth: number, seen: Set<ts.Node>): Val[] {
  e = unwrap(e);
  if (depth > MAX_DEPTH || seen.has(e)) return [];
  seen.add(e);
  const next = (x: ts.Expression): Val[] => originsOf(ctx, x, owner, depth + 1, seen);
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return [];
  if (ts.isIdentifier(e)) return ofIdentifier(ctx, e, owner, depth, seen);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return ofChain(ctx, e, owner, depth, seen);
  if (ts.isCallExpression(e)) {
    const c = e.expression;
    // `c.req.param('id')`, `req.get('x')`: a request read by a call.
    if (ts.isPropertyAccessExpression(c) && isRequestRead(chainOf(c) ?? [])) return [{ k: 'request', text: short(e) }];
    // `c.get('user')`: a value a middleware set on the context, named for the caller.
    const first = e.arguments[0];
    if (ts.isPropertyAccessExpression(c) && c.name.text === 'get' && first && ts.isStringLiteralLike(first) && isIdentityName(first.text)) return [{ k: 'identity', text: short(e) }];
    const method = ts.isPropertyAccessExpression(c) ? c.name.text : ts.isIdentifier(c) ? c.text : '';
    if (CONVERSIONS.has(method)) return [...(ts.isPropertyAccessExpression(c) ? next(c.expression) : []), ...e.arguments.flatMap(next)];
    // A record loaded by what it is given (`await Order.findById(id)`): what selected it is where it comes from.
    if (recordSelectorOf(method)) return filterOf(e, method).flatMap(next);
    // `In(ids)`: a filter operator of the ORM matches what it is given.
    if (ts.isIdentifier(c)) {
      const b = ctx.scope.resolve(c);
      if (b?.kind === 'import' && isFilterOperator(b.from, b.imported)) return e.arguments.flatMap(next);
    }
    return [];
  }
  if (ts.isNewExpression(e)) return (e.arguments ?? []).flatMap(next);
  if (ts.isObjectLiteralExpression(e)) {
    return e.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? next(p.initializer) : ts.isShorthandPropertyAssignment(p) ? next(p.name) : ts.isSpreadAssignment(p) ? next(p.expression) : []));
  }
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((x) => next(x));
  if (ts.isTemplateExpression(e)) return e.templateSpans.flatMap((s) => next(s.expression));
  if (ts.isConditionalExpression(e)) return [...next(e.whenTrue), ...next(e.whenFalse)];
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.PlusToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(e.operatorToken.kind)) return [...next(e.left), ...next(e.right)];
  return [];
}

/** A plain property chain, root first (`req.params.id` -> req, params, id); null when its root is no name. */
function chainOf(e: ts.Expression): string[] | null {
  const out: string[] = [];
  let cur = unwrap(e);
  while (ts.isPropertyAccessExpression(cur) || ts.isElementAccessExpression(cur)) {
    if (ts.isPropertyAccessExpression(cur)) out.unshift(cur.name.text);
    else if (ts.isStringLiteralLike(cur.argumentExpression)) out.unshift(cur.argumentExpression.text);
    else out.length = 0;
    cur = unwrap(cur.expression);
  }
  if (ts.isIdentifier(cur)) out.unshift(cur.text);
  else if (cur.kind === ts.SyntaxKind.ThisKeyword) out.unshift('this');
  else return null;
  return out;
}

function ofChain(ctx: SourceContext, e: ts.PropertyAccessExpression | ts.ElementAccessExpression, owner: ts.SignatureDeclaration, depth: number, seen: Set<ts.Node>): Val[] {
  const chain = chainOf(e);
  if (chain) {
    // Read from the root outwards: `req.user.id` is the caller, `req.params.id` the request.
    for (let i = 1; i < chain.length; i++) {
      if (isIdentityName(chain[i])) return [{ k: 'identity', text: chain.slice(0, i + 1).join('.') }];
      if (isRequestRead(chain.slice(0, i + 1))) return [{ k: 'request', text: chain.join('.').slice(0, 60) }];
    }
  }
  // `dto.orderId`, `params.id`, `order.userId`: where the object comes from.
  let root: ts.Expression = e.expression;
  while (ts.isPropertyAccessExpression(unwrap(root)) || ts.isElementAccessExpression(unwrap(root))) root = (unwrap(root) as ts.PropertyAccessExpression).expression;
  return originsOf(ctx, root, owner, depth + 1, seen);
}

function ofIdentifier(ctx: SourceContext, id: ts.Identifier, owner: ts.SignatureDeclaration, depth: number, seen: Set<ts.Node>): Val[] {
  const b = ctx.scope.resolve(id);
  if (!b) return [];
  const next = (x: ts.Expression): Val[] => originsOf(ctx, x, owner, depth + 1, seen);
  if (b.kind === 'parameter') return ofParameter(ctx, b.decl, b.fn, b.index, owner);
  if (b.kind === 'variable') return [b.initializer, ...ctx.scope.writes(b.decl)].filter((v): v is ts.Expression => v !== null).flatMap(next);
  if (b.kind === 'destructured') {
    const el = b.decl;
    const name = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : '';
    let n: ts.Node = el;
    while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) n = n.parent;
    if (ts.isVariableDeclaration(n) && n.initializer) {
      const from = next(n.initializer);
      // `const { user } = req`: the caller; `const { id } = req.params`: the request.
      if (isIdentityName(name) && from.length === 0) return [{ k: 'identity', text: name }];
      if (from.length === 0 && ts.isIdentifier(unwrap(n.initializer)) && isRequestRead([(unwrap(n.initializer) as ts.Identifier).text, name])) return [{ k: 'request', text: `{ ${name} }` }];
      return from;
    }
    if (ts.isParameter(n) && ts.isFunctionLike(n.parent)) {
      if (isIdentityName(name)) return [{ k: 'identity', text: name }];
      return ofParameter(ctx, n, n.parent, n.parent.parameters.indexOf(n), owner);
    }
    return [];
  }
  if (requireOf(b)) return [];
  return [];
}

/** The model a selector is called on, as written: a name in scope (`Order`), a Prisma delegate (`prisma.order`), a TypeORM repository's entity. */
function modelOf(ctx: SourceContext, recv: ts.Expression, owner: ts.SignatureDeclaration): Model {
  recv = unwrap(recv);
  if (ts.isIdentifier(recv)) {
    const b = ctx.scope.resolve(recv);
    if (b?.kind === 'import') return { kind: 'name', name: recv.text, spec: b.from };
    const req = b ? requireOf(b) : null;
    if (req) return { kind: 'name', name: recv.text, spec: req.from };
    if (b?.kind === 'class' || (b?.kind === 'variable' && b.initializer && ts.isCallExpression(unwrap(b.initializer)))) return { kind: 'name', name: recv.text };
    return entityOfDecl(ctx, b?.decl);
  }
  if (ts.isPropertyAccessExpression(recv)) {
    // `this.ordersRepository`: the field's declaration says its entity.
    if (recv.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = ts.findAncestor(owner, ts.isClassLike);
      const member = cls ? fieldDecl(cls, recv.name.text) : undefined;
      const entity = entityOfDecl(ctx, member);
      if (entity) return entity;
    }
    // `prisma.order`, `this.prisma.order`, `ctx.db.order`: a delegate of a client.
    return { kind: 'prisma', name: recv.name.text };
  }
  return undefined;
}

/** A class's field or constructor parameter property of that name. */
function fieldDecl(cls: ts.ClassLikeDeclaration, name: string): ts.Declaration | undefined {
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name) return m;
    if (ts.isConstructorDeclaration(m)) for (const p of m.parameters) if (ts.isIdentifier(p.name) && p.name.text === name) return p;
  }
  return undefined;
}

/** The entity a TypeORM repository is for: `@InjectRepository(Order)`, `Repository<Order>`, `getRepository(Order)`. */
function entityOfDecl(ctx: SourceContext, d: ts.Declaration | undefined): Model {
  if (!d || !(ts.isParameter(d) || ts.isPropertyDeclaration(d) || ts.isVariableDeclaration(d))) return undefined;
  const named = (id: ts.Identifier): Model => {
    const b = ctx.scope.resolve(id);
    return b?.kind === 'import' ? { kind: 'name', name: id.text, spec: b.from } : { kind: 'name', name: id.text };
  };
  for (const dec of ts.canHaveDecorators(d) ? ts.getDecorators(d) ?? [] : []) {
    const x = dec.expression;
    if (ts.isCallExpression(x) && x.arguments[0] && ts.isIdentifier(x.arguments[0])) return named(x.arguments[0]);
  }
  const t = d.type;
  if (t && ts.isTypeReferenceNode(t) && t.typeArguments?.[0] && ts.isTypeReferenceNode(t.typeArguments[0]) && ts.isIdentifier(t.typeArguments[0].typeName)) return named(t.typeArguments[0].typeName);
  const init = 'initializer' in d && d.initializer ? unwrap(d.initializer) : null;
  if (init && ts.isCallExpression(init) && init.arguments[0] && ts.isIdentifier(init.arguments[0])) return named(init.arguments[0]);
  return undefined;
}

/** Whether a callee is the repository's own code as far as this file says: `this.svc.m()`, or a name imported from a relative or aliased path. */
function ownCode(ctx: SourceContext, callee: ts.Expression, owner: ts.SignatureDeclaration): 'this' | 'import' | null {
  const own = (from: string | undefined): boolean => from !== undefined && /^(\.|~\/|@\/|#)/.test(from);
  let root = callee;
  while (ts.isPropertyAccessExpression(root) && root.expression.kind !== ts.SyntaxKind.ThisKeyword) root = root.expression;
  if (ts.isPropertyAccessExpression(root)) {
    // `this.orders.cancel()`: the field's declared class, imported from the repository (an injected service), or this class's own method.
    if (root === callee) return 'this';
    const cls = ts.findAncestor(owner, ts.isClassLike);
    const d = cls ? fieldDecl(cls, root.name.text) : undefined;
    const t = d && (ts.isParameter(d) || ts.isPropertyDeclaration(d)) && d.type && ts.isTypeReferenceNode(d.type) && ts.isIdentifier(d.type.typeName) ? d.type.typeName : null;
    const b = t ? ctx.scope.resolve(t) : null;
    return b?.kind === 'class' || (b?.kind === 'import' && own(b.from)) ? 'this' : null;
  }
  if (!ts.isIdentifier(root)) return null;
  const b = ctx.scope.resolve(root);
  return own(b?.kind === 'import' ? b.from : b ? requireOf(b)?.from : undefined) ? 'import' : null;
}

/** A receiver that holds a built-in collection made in memory (`new Map()`), as a local or a field of the class: no stored record. */
function inMemory(ctx: SourceContext, recv: ts.Expression, owner: ts.SignatureDeclaration): boolean {
  recv = unwrap(recv);
  let init: ts.Expression | undefined;
  if (ts.isIdentifier(recv)) {
    const b = ctx.scope.resolve(recv);
    init = b?.kind === 'variable' ? b.initializer ?? undefined : undefined;
  } else if (ts.isPropertyAccessExpression(recv) && recv.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = ts.findAncestor(owner, ts.isClassLike);
    const d = cls ? fieldDecl(cls, recv.name.text) : undefined;
    init = d && ts.isPropertyDeclaration(d) ? d.initializer : undefined;
  }
  init = init ? unwrap(init) : undefined;
  return init !== undefined && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && IN_MEMORY_CONSTRUCTORS.includes(init.expression.text);
}
