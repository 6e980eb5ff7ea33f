// Responses that send a Prisma query's result as it came back, and what that query chose to load. A
// row changed before it is sent (`delete user.password`, a DTO, a destructured rest) is not recorded:
// the value sent is then no longer the query's result. Which fields the model has is the rule's
// question (it reads schema.prisma).
import ts from 'typescript';
import { HANDLER_RESPONSES, responseIndexByShape } from '../../knowledge/index.js';
import { lineTextOf, snippetOf } from '../../util/text.js';
import { sentRowFacts } from '../facts/sent-rows.js';
import type { SourceContext, VisitorHost } from '../host.js';
import { requireOf, type Scope } from '../scope.js';
import { isStoredCredentialField } from '../../knowledge/index.js';

/** Prisma Client's model methods that return rows (https://www.prisma.io/docs/orm/reference/prisma-client-reference#model-queries). */
const PRISMA_ROW_METHODS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'create', 'update', 'upsert', 'delete']);
const RESPONSE_METHODS: ReadonlySet<string> = new Set(HANDLER_RESPONSES.flatMap((h) => h.methods).filter((m) => m === 'json' || m === 'send' || m === 'jsonp'));

function strip(e: ts.Expression): ts.Expression {
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

const keyOf = (p: ts.ObjectLiteralElementLike): string | null => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) ? p.name.text : null);

/** Keys of an object literal set to `true`. */
function trueKeys(o: ts.Expression | undefined): string[] {
  if (!o || !ts.isObjectLiteralExpression(o)) return [];
  return o.properties.filter((p) => ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.TrueKeyword).map(keyOf).filter((k): k is string => k !== null);
}

function option(o: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  const p = o.properties.find((x) => keyOf(x) === key);
  return p && ts.isPropertyAssignment(p) ? strip(p.initializer) : undefined;
}

/** `x.<delegate>.<method>(args)` with a Prisma row method: the delegate, method and the query's options. */
function prismaQuery(e: ts.Expression): { call: ts.CallExpression; delegate: string; method: string } | null {
  e = strip(e);
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return null;
  const method = e.expression.name.text;
  const recv = e.expression.expression;
  if (!PRISMA_ROW_METHODS.has(method) || !ts.isPropertyAccessExpression(recv)) return null;
  return { call: e, delegate: recv.name.text, method };
}

/** The query a sent value is: the call itself, or the variable nothing reassigns that holds its result. */
function queryOf(e: ts.Expression, scope: Scope): ReturnType<typeof prismaQuery> {
  e = strip(e);
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (b?.kind !== 'variable' || !b.initializer || (!b.isConst && scope.isReassigned(b.decl))) return null;
    return prismaQuery(b.initializer);
  }
  return prismaQuery(e);
}

/** Whether the function deletes or overwrites a property of the variable (`delete user.password`, `user.password = undefined`). */
function changedInFunction(id: ts.Identifier, fn: ts.Node): boolean {
  let changed = false;
  const visit = (n: ts.Node): void => {
    if (changed) return;
    const target = ts.isDeleteExpression(n) ? n.expression
      : ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken ? n.left : null;
    if (target && (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && ts.isIdentifier(target.expression) && target.expression.text === id.text) changed = true;
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return changed;
}

/** Whether a call is a response method on the handler's response parameter (`res.json`, `reply.send`, `c.json`). */
function isResponse(call: ts.CallExpression, scope: Scope): boolean {
  const e = call.expression;
  if (!ts.isPropertyAccessExpression(e) || !RESPONSE_METHODS.has(e.name.text)) return false;
  let recv: ts.Expression = e.expression;
  // `res.status(200).json(x)`
  while (ts.isCallExpression(recv) && ts.isPropertyAccessExpression(recv.expression)) recv = recv.expression.expression;
  if (!ts.isIdentifier(recv)) return false;
  const b = scope.resolve(recv);
  if (b?.kind !== 'parameter') return false;
  return b.index === responseIndexByShape(b.fn.parameters.length);
}

/** A method of a class decorated `@Controller(...)`: what it returns is the response. */
function inController(node: ts.Node): boolean {
  const fn = ts.findAncestor(node, ts.isFunctionLike);
  if (!fn || !ts.isMethodDeclaration(fn)) return false;
  const cls = fn.parent;
  return ts.isClassDeclaration(cls) && (ts.getDecorators(cls) ?? []).some((d) => ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression) && d.expression.expression.text === 'Controller');
}

/** Mongoose Model statics that return documents (https://mongoosejs.com/docs/api/model.html). */
const MONGOOSE_DOC_METHODS = new Set(['create', 'findOne', 'findById', 'find', 'findOneAndUpdate', 'findByIdAndUpdate', 'findOneAndDelete', 'findByIdAndDelete']);
/** Query methods chained after them that leave the documents' fields as they are. */
const MONGOOSE_PASS = new Set(['lean', 'exec', 'populate', 'sort', 'limit', 'skip', 'where', 'orFail']);

/** `Model.findOne(...)[.select(x)][.lean()]`, `Model.create(...)`, `new Model(...).save()`: the model's name, the method, the query call and its select. */
function mongooseQuery(e: ts.Expression, scope: Scope): { call: ts.Expression; model: string; modelId: ts.Identifier; method: string; select: string | null } | null {
  e = strip(e);
  let select: string | null = null;
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (b?.kind !== 'variable' || !b.initializer || (!b.isConst && scope.isReassigned(b.decl))) return null;
    const init = strip(b.initializer);
    // `const user = new User(body); await user.save(); res.json(user)`
    if (ts.isNewExpression(init) && ts.isIdentifier(init.expression)) return { call: init, model: init.expression.text, modelId: init.expression, method: 'save', select: null };
    e = init;
  }
  for (;;) {
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return null;
    const m = e.expression.name.text;
    const recv = strip(e.expression.expression);
    if (m === 'select') {
      const a = e.arguments[0] && strip(e.arguments[0]);
      select = a && ts.isStringLiteralLike(a) ? a.text : a && ts.isObjectLiteralExpression(a) ? a.properties.map((p) => {
        const k = keyOf(p);
        const v = ts.isPropertyAssignment(p) ? strip(p.initializer) : null;
        return k && v && ts.isNumericLiteral(v) && v.text === '0' ? `-${k}` : k ?? '?';
      }).join(' ') : '?';
      e = recv;
      continue;
    }
    if (MONGOOSE_PASS.has(m)) { e = recv; continue; }
    if (m === 'save' && ts.isNewExpression(recv) && ts.isIdentifier(recv.expression)) return { call: e, model: recv.expression.text, modelId: recv.expression, method: 'save', select };
    if (!MONGOOSE_DOC_METHODS.has(m) || !ts.isIdentifier(recv)) return null;
    // a model is a name the file imports or declares, not a parameter (`repo.findOne` of an injected service)
    const b = scope.resolve(recv);
    if (!b || (b.kind !== 'import' && b.kind !== 'variable')) return null;
    if (b.kind === 'import' && !b.from.startsWith('.') && !b.from.startsWith('@/') && !b.from.startsWith('~')) return null;
    return { call: e, model: recv.text, modelId: recv, method: m, select };
  }
}

/** Whether `e` is mongoose's export `name` (`Schema`, `model`), imported by name or read off the module (`mongoose.Schema`). */
function mongooseExport(e: ts.Expression, name: string, scope: Scope): boolean {
  const of = (id: ts.Expression) => {
    if (!ts.isIdentifier(id)) return null;
    const b = scope.resolve(id);
    return b ? (b.kind === 'import' ? b : requireOf(b)) : null;
  };
  if (ts.isIdentifier(e)) { const i = of(e); return !!i && i.from === 'mongoose' && i.imported === name; }
  if (ts.isPropertyAccessExpression(e) && e.name.text === name) { const i = of(e.expression); return !!i && i.from === 'mongoose' && (i.imported === 'default' || i.imported === '*'); }
  return false;
}

const holderName = (n: ts.Node): string | null => (ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name) ? n.parent.name.text : null);

/** The module and export a model's name is required from (`const User = require('../models/user')`), else nulls. */
function requiredFrom(ctx: SourceContext, id: ts.Identifier): { from: string | null; imported: string | null } {
  const b = ctx.scope.resolve(id);
  const r = b && b.kind !== 'import' ? requireOf(b) : null;
  return r ? { from: r.from, imported: r.imported } : { from: null, imported: null };
}

function recordMongoose(ctx: SourceContext, at: ts.Node, sent: ts.Expression): void {
  const s = strip(sent);
  const candidates = ts.isObjectLiteralExpression(s)
    ? s.properties.flatMap((p) => (ts.isShorthandPropertyAssignment(p) ? [p.name as ts.Expression] : ts.isPropertyAssignment(p) ? [p.initializer] : []))
    : [s];
  for (const e of candidates) {
    const q = mongooseQuery(e, ctx.scope);
    if (!q) continue;
    const inner = strip(e);
    const fn = ts.findAncestor(at, ts.isFunctionLike);
    if (ts.isIdentifier(inner) && fn && changedInFunction(inner, fn)) continue;
    const line = ctx.lineOf(at);
    const queryLine = ctx.lineOf(q.call);
    sentRowFacts.emit(ctx, {
      ...requiredFrom(ctx, q.modelId),
      kind: 'mongoose-sent', line, snippet: snippetOf(lineTextOf(ctx.sourceFile, ctx.text, line)), model: q.model, method: q.method,
      queryLine, querySnippet: snippetOf(lineTextOf(ctx.sourceFile, ctx.text, queryLine)), select: q.select,
    });
  }
}

function record(ctx: SourceContext, at: ts.Node, sent: ts.Expression): void {
  recordMongoose(ctx, at, sent);
  const candidates: Array<{ e: ts.Expression; wrapped: boolean }> = [];
  const s = strip(sent);
  if (ts.isObjectLiteralExpression(s)) {
    for (const p of s.properties) {
      if (ts.isShorthandPropertyAssignment(p)) candidates.push({ e: p.name, wrapped: true });
      else if (ts.isPropertyAssignment(p)) candidates.push({ e: p.initializer, wrapped: true });
    }
  } else candidates.push({ e: s, wrapped: false });
  for (const { e, wrapped } of candidates) {
    const q = queryOf(e, ctx.scope);
    if (!q) continue;
    const inner = strip(e);
    const fn = ts.findAncestor(at, ts.isFunctionLike);
    if (ts.isIdentifier(inner) && fn && changedInFunction(inner, fn)) continue;
    const args = q.call.arguments[0] && strip(q.call.arguments[0]);
    const opts = args && ts.isObjectLiteralExpression(args) ? args : null;
    const select = opts ? option(opts, 'select') : undefined;
    const include = opts ? option(opts, 'include') : undefined;
    const included = include && ts.isObjectLiteralExpression(include) ? include.properties.filter((p) => {
      if (!ts.isPropertyAssignment(p)) return false;
      const v = strip(p.initializer);
      return v.kind === ts.SyntaxKind.TrueKeyword || (ts.isObjectLiteralExpression(v) && !option(v, 'select') && !option(v, 'omit'));
    }).map(keyOf).filter((k): k is string => k !== null) : [];
    const line = ctx.lineOf(at);
    const queryLine = ctx.lineOf(q.call);
    const root = strip(((q.call.expression as ts.PropertyAccessExpression).expression as ts.PropertyAccessExpression).expression);
    const rb = ts.isIdentifier(root) ? ctx.scope.resolve(root) : null;
    sentRowFacts.emit(ctx, {
      kind: 'sent', line, snippet: snippetOf(lineTextOf(ctx.sourceFile, ctx.text, line)), delegate: q.delegate, method: q.method,
      queryLine, querySnippet: snippetOf(lineTextOf(ctx.sourceFile, ctx.text, queryLine)),
      select: select ? trueKeys(select) : null, omit: opts ? trueKeys(option(opts, 'omit')) : [], include: included, wrapped,
      client: ts.isIdentifier(root) ? root.text : null, clientLine: rb?.kind === 'variable' ? ctx.lineOf(rb.decl) : null,
      ...(fn ? { fn: { line: ctx.lineOf(fn), end: ctx.sourceFile.getLineAndCharacterOfPosition(fn.end).line + 1 } } : {}),
    });
  }
}

export const sentRows: VisitorHost = {
  id: sentRowFacts.id,
  triggers: ['findUnique', 'findFirst', 'findMany', 'PrismaClient', '.create(', '.update(', '.upsert(', 'findOne', 'findById', '.save(', 'Schema'],
  create(ctx) {
    /** Whether the file changes a schema's JSON: `schema.set('toJSON', ...)`, `schema.methods.toJSON = ...`. */
    let transformedInFile: boolean | null = null;
    const transformed = (): boolean => (transformedInFile ??= (() => {
      let found = false;
      const isTo = (n: ts.Node | undefined): boolean => !!n && ((ts.isStringLiteralLike(n) || ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) && (n.text === 'toJSON' || n.text === 'toObject'));
      const visit = (n: ts.Node): void => {
        if (found) return;
        // `schema.set('toJSON', { transform })`
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'set' && isTo(n.arguments[0])) found = true;
        // `schema.plugin(toJSON)`: a plugin verdict does not read may change the JSON; not judged
        else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'plugin' && n.arguments.length > 0) found = true;
        // `schema.methods.toJSON = function () { ... }`, `schema.options.toJSON = ...`
        else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && isTo(n.left.name)
          && ts.isPropertyAccessExpression(n.left.expression) && ['methods', 'options'].includes(n.left.expression.name.text)) found = true;
        else ts.forEachChild(n, visit);
      };
      visit(ctx.sourceFile);
      return found;
    })());
    /** `new Schema({...}, opts)`, or `mongoose.Schema({...})` called without new: its credential fields. */
    const schemaDefinition = (n: ts.NewExpression | ts.CallExpression): boolean => {
      if (!n.arguments?.[0] || !mongooseExport(n.expression, 'Schema', ctx.scope)) return false;
      const def = strip(n.arguments[0]);
      const opts = n.arguments[1] && strip(n.arguments[1]);
      if (!ts.isObjectLiteralExpression(def)) return true;
      const fields = def.properties.flatMap((p) => {
        const k = keyOf(p);
        if (!k || !isStoredCredentialField(k)) return [];
        const v = ts.isPropertyAssignment(p) ? strip(p.initializer) : null;
        const sel = v && ts.isObjectLiteralExpression(v) ? option(v, 'select') : undefined;
        return [{ name: k, line: ctx.lineOf(p), selectFalse: sel?.kind === ts.SyntaxKind.FalseKeyword }];
      });
      const optTransform = !!opts && ts.isObjectLiteralExpression(opts) && (!!option(opts, 'toJSON') || !!option(opts, 'toObject'));
      sentRowFacts.emit(ctx, { kind: 'mongoose-schema', line: ctx.lineOf(n), name: holderName(n), fields, transformed: optTransform || transformed() });
      return true;
    };
    return {
      CallExpression(node) {
        const c = node as ts.CallExpression;
        if (c.arguments[0] && isResponse(c, ctx.scope)) record(ctx, c, c.arguments[0]);
        schemaDefinition(c);
        if (c.arguments.length >= 2 && ts.isStringLiteralLike(c.arguments[0]) && mongooseExport(c.expression, 'model', ctx.scope)) {
          const sch = strip(c.arguments[1]);
          sentRowFacts.emit(ctx, { kind: 'mongoose-model', line: ctx.lineOf(c), name: holderName(c), modelName: c.arguments[0].text, schema: ts.isIdentifier(sch) ? sch.text : null });
        }
      },
      BinaryExpression(node) {
        // Koa: `ctx.body = user`, on the handler's context parameter
        const b = node as ts.BinaryExpression;
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(b.left) || b.left.name.text !== 'body' || !ts.isIdentifier(b.left.expression)) return;
        const p = ctx.scope.resolve(b.left.expression);
        if (p?.kind === 'parameter' && p.index === 0 && p.fn.parameters.length <= 2) recordMongoose(ctx, b, b.right);
      },
      ReturnStatement(node) {
        const r = node as ts.ReturnStatement;
        if (r.expression && inController(r)) record(ctx, r, r.expression);
      },
      NewExpression(node) {
        const n = node as ts.NewExpression;
        if (schemaDefinition(n)) return;
        if (!ts.isIdentifier(n.expression) || n.expression.text !== 'PrismaClient') return;
        const b = ctx.scope.resolve(n.expression);
        if (b?.kind !== 'import') return;
        const o = n.arguments?.[0] && strip(n.arguments[0]);
        const omit = o && ts.isObjectLiteralExpression(o) ? option(o, 'omit') : undefined;
        if (!omit || !ts.isObjectLiteralExpression(omit)) return;
        const byModel: Record<string, string[]> = {};
        for (const p of omit.properties) {
          const k = keyOf(p);
          if (k && ts.isPropertyAssignment(p)) byModel[k] = trueKeys(strip(p.initializer));
        }
        const holder = ts.isVariableDeclaration(n.parent) ? n.parent : n;
        sentRowFacts.emit(ctx, { kind: 'global-omit', line: ctx.lineOf(holder), omit: byModel });
      },
    };
  },
};
