// ORM writes whose row is the request body as sent, and the models a file declares (mongoose schemas,
// Sequelize models, TypeORM entities) with their fields. Read from the syntax tree and the file's
// scopes; which model a write reaches in another file is the rule's question (through the link).
import ts from 'typescript';
import { CONSTANT_VALIDATORS, DTO_VALIDATION, isDocumentSetter, isPasswordField, isRequestRead, isRoleField, mappedTypeOf, MODEL_DECLARATIONS, MODEL_WRITE_HOOKS, NEST_BODY, ROW_WRITES, rowWritesOf, type RowWrite } from '../../knowledge/index.js';
import { declIdOf } from '../decl-id.js';
import { bodyWriteFacts, type BodyWrite, type DeclaredDto } from '../facts/body-writes.js';
import type { SourceContext, VisitorHost } from '../host.js';
import { requireOf } from '../scope.js';
import { isTestSide } from '../../util/roles.js';

/** A row: the request body (or a NestJS `@Body()` parameter and its DTO type), or a parameter `param` of the function `fn`. */
type Row = Pick<BodyWrite, 'via' | 'body' | 'fixed' | 'param' | 'fn' | 'dto'>;
type Model = BodyWrite['model'];

const ROW_METHODS = new Set(ROW_WRITES.map((w) => w.method));
const { mongoose, nestMongoose, sequelize, typeorm } = MODEL_DECLARATIONS;

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)
    || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

/** A plain property chain, root first (`ctx.request.body` -> ctx, request, body); null for anything else. */
function chainOf(e: ts.Expression): string[] | null {
  const out: string[] = [];
  let cur = unwrap(e);
  while (ts.isPropertyAccessExpression(cur)) { out.unshift(cur.name.text); cur = unwrap(cur.expression); }
  if (!ts.isIdentifier(cur)) return null;
  out.unshift(cur.text);
  return out;
}

/** Whether a name of the chain `chainOf` would build (the root's or a member's) is `body`. */
function namesBody(e: ts.Expression): boolean {
  let cur = e;
  while (ts.isPropertyAccessExpression(cur)) {
    if (cur.name.text === 'body') return true;
    cur = unwrap(cur.expression);
  }
  return ts.isIdentifier(cur) && cur.text === 'body';
}

/**
 * `req.body`, `ctx.request.body`, `await c.req.json()`, `await request.json()`: the whole body the
 * caller sent; or an object nested in it (`req.body.user`), which is the caller's object as much.
 */
function isBodyRead(e: ts.Expression): boolean {
  e = unwrap(e);
  // Asked of every argument of every call: a chain that names no `body` is not built as an array.
  const c = namesBody(e) ? chainOf(e) : null;
  if (c && c.some((_, i) => c[i] === 'body' && isRequestRead(c.slice(0, i + 1)))) return true;
  if (ts.isCallExpression(e) && e.arguments.length === 0) {
    const f = chainOf(e.expression);
    return f !== null && f[f.length - 1] === 'json' && isRequestRead(f);
  }
  return false;
}

function keyOf(p: ts.ObjectLiteralElementLike | ts.BindingElement): string | null {
  const n = ts.isBindingElement(p) ? p.propertyName ?? p.name : p.name;
  return n && (ts.isIdentifier(n) || ts.isStringLiteralLike(n)) ? n.text : null;
}

function functionLine(ctx: SourceContext, n: ts.Node): number {
  const fn = ts.findAncestor(n.parent, ts.isFunctionLike);
  return ctx.lineOf(fn ?? n);
}

/** The function a node is in, or the file. */
function scopeNode(n: ts.Node): ts.Node {
  return ts.findAncestor(n.parent, (a) => ts.isFunctionLike(a) || ts.isSourceFile(a)) ?? n.getSourceFile();
}

/** Whether `name` is saved in `scope`: `name.save()` or `repo.save(name)` (a mongoose or TypeORM document written). */
function savedIn(scope: ts.Node, name: string): boolean {
  let saved = false;
  const visit = (n: ts.Node): void => {
    if (saved) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'save') {
      const r = unwrap(n.expression.expression);
      // `doc.save()`, or a repository's `repo.save(doc)` (TypeORM).
      const a = n.arguments[0] ? unwrap(n.arguments[0]) : null;
      if ((ts.isIdentifier(r) && r.text === name) || (a && ts.isIdentifier(a) && a.text === name)) { saved = true; return; }
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return saved;
}

export const bodyWrites: VisitorHost = {
  id: bodyWriteFacts.id,
  // Row writes by method (a service's `repo.save(dto)` in a file that never says "body"), DTO classes and
  // the pipe that strips what they do not declare.
  triggers: ['body', '.json(', 'Schema', `.${sequelize.define}(`, `.${sequelize.init}(`, '@Entity', ...[...ROW_METHODS].map((m) => `.${m}(`),
    'class-validator', 'mapped-types', NEST_BODY.pipe, `@${NEST_BODY.decorator}(`],
  appliesTo: (f) => !isTestSide(f.role),
  create(ctx) {
    const sf = ctx.sourceFile;

    /** Whether a value is the request body, and how: read here, through a local, spread into a literal, or left after destructuring. */
    const rowOf = (v: ts.Expression, depth = 0): Row | null => {
      v = unwrap(v);
      if (isBodyRead(v)) return { via: 'whole', body: v.getText(sf).slice(0, 60), fixed: [] };
      if (depth > 3) return null;
      if (ts.isIdentifier(v)) {
        const b = ctx.scope.resolve(v);
        if (!b || ctx.scope.isReassigned(b.decl)) return null;
        if (b.kind === 'parameter') return paramRow(b.decl, b.fn, b.index);
        if (b.kind === 'variable' && b.initializer) return rowOf(b.initializer, depth + 1);
        if (b.kind === 'destructured' && b.decl.dotDotDotToken && ts.isObjectBindingPattern(b.decl.parent)) {
          const pattern = b.decl.parent;
          const init = ts.isVariableDeclaration(pattern.parent) ? pattern.parent.initializer : undefined;
          const inner = init ? rowOf(init, depth + 1) : null;
          if (!inner) return null;
          const taken = pattern.elements.filter((e) => e !== b.decl).map(keyOf).filter((k): k is string => k !== null);
          return { ...inner, via: 'rest', fixed: [...inner.fixed, ...taken] };
        }
        return null;
      }
      if (ts.isObjectLiteralExpression(v)) {
        const props = v.properties;
        for (let i = props.length - 1; i >= 0; i--) {
          const p = props[i];
          if (!ts.isSpreadAssignment(p)) continue;
          const inner = rowOf(p.expression, depth + 1);
          if (!inner) continue;
          // Keys after the spread are the code's own; keys before it are overwritten by the body.
          const after = props.slice(i + 1).map(keyOf).filter((k): k is string => k !== null);
          return { ...inner, via: inner.via === 'whole' ? 'spread' : inner.via, fixed: [...inner.fixed, ...after] };
        }
        return null;
      }
      // `Object.assign({}, req.body, { role: 'user' })`: a copy of the body, later arguments winning.
      if (ts.isCallExpression(v) && isObjectAssign(v) && v.arguments.length >= 2 && ts.isObjectLiteralExpression(unwrap(v.arguments[0]))) {
        for (let i = v.arguments.length - 1; i >= 1; i--) {
          const inner = rowOf(v.arguments[i], depth + 1);
          if (!inner) continue;
          const after = v.arguments.slice(i + 1).flatMap((a) => ts.isObjectLiteralExpression(a) ? a.properties.map(keyOf) : []).filter((k): k is string => k !== null);
          return { ...inner, via: 'spread', fixed: [...inner.fixed, ...after] };
        }
      }
      return null;
    };

    /**
     * A parameter as a row: a NestJS `@Body()` parameter is the request body (its type, when a class,
     * is the DTO); any other is what the function's callers pass (a named function only: the call
     * graph knows it by that name).
     */
    const paramRow = (p: ts.ParameterDeclaration, fn: ts.SignatureDeclaration, index: number): Row | null => {
      if (!ts.isIdentifier(p.name)) return null;
      if (isWholeBodyParam(p)) {
        const t = p.type && ts.isTypeReferenceNode(p.type) && ts.isIdentifier(p.type.typeName) ? p.type.typeName : null;
        return { via: 'whole', body: `@Body() ${p.name.text}`, fixed: [], ...(t ? { dto: named(t) as { name: string; spec?: string } } : {}) };
      }
      // A parameter declared a number, string or boolean holds no row.
      if (p.type && [ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.StringKeyword, ts.SyntaxKind.BooleanKeyword, ts.SyntaxKind.BigIntKeyword].includes(p.type.kind)) return null;
      const id = declIdOf(fn);
      return id ? { via: 'whole', body: p.name.text, fixed: [], param: index, fn: id } : null;
    };

    /** The entity class of a TypeORM repository: `getRepository(User)`, `Repository<User>`, `@InjectRepository(User)`. */
    const entityOf = (n: ts.Node | undefined): ts.Identifier | null => {
      if (!n) return null;
      if ((ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isPropertyDeclaration(n))) {
        for (const d of ts.canHaveDecorators(n) ? ts.getDecorators(n) ?? [] : []) {
          const e = d.expression;
          if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === typeorm.inject && e.arguments[0] && ts.isIdentifier(e.arguments[0])) return e.arguments[0];
          // `@InjectModel(User.name)` (@nestjs/mongoose): the schema class whose name registers the model.
          const a0 = ts.isCallExpression(e) ? e.arguments[0] : undefined;
          if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && importedFrom(e.expression, nestMongoose.module) === nestMongoose.inject
            && a0 && ts.isPropertyAccessExpression(a0) && a0.name.text === 'name' && ts.isIdentifier(a0.expression)) return a0.expression;
        }
        const t = n.type;
        if (t && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && t.typeName.text === typeorm.repositoryType) {
          const arg = t.typeArguments?.[0];
          if (arg && ts.isTypeReferenceNode(arg) && ts.isIdentifier(arg.typeName)) return arg.typeName;
        }
        const init = n.initializer ? unwrap(n.initializer) : null;
        if (init && ts.isCallExpression(init)) {
          const callee = init.expression;
          const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
          if (name === typeorm.getRepository && init.arguments[0] && ts.isIdentifier(init.arguments[0])) return init.arguments[0];
        }
      }
      return null;
    };

    /** The export an identifier is imported as from `module`, or null. */
    const importedFrom = (id: ts.Identifier, module: string): string | null => {
      const b = ctx.scope.resolve(id);
      return b?.kind === 'import' && b.from === module ? b.imported : null;
    };

    /** A name in scope as a model reference: with the module it is imported or required from. */
    const named = (id: ts.Identifier, kind: 'name' | 'table' = 'name'): Model => {
      const b = ctx.scope.resolve(id);
      const spec = b?.kind === 'import' ? b.from : b ? requireOf(b)?.from : undefined;
      return spec ? { kind, name: id.text, spec } : { kind, name: id.text };
    };

    /** What a receiver writes to: a model, a repository's entity, a document loaded from a model, a Prisma delegate, a knex table. */
    const modelOf = (recv: ts.Expression, w: RowWrite | null, depth = 0): Model => {
      recv = unwrap(recv);
      const unknown: Model = { kind: 'unknown', text: recv.getText(sf).slice(0, 60) };
      if (depth > 3) return unknown;
      if (w?.after) {
        const t = ts.isCallExpression(recv) ? recv.arguments[0] : undefined;
        return t && ts.isIdentifier(t) ? named(t, 'table') : unknown;
      }
      if (w?.key && ts.isPropertyAccessExpression(recv)) return { kind: 'prisma', name: recv.name.text };
      if (ts.isIdentifier(recv)) {
        const b = ctx.scope.resolve(recv);
        if (b?.kind === 'variable' || b?.kind === 'parameter') {
          const entity = entityOf(b.decl);
          if (entity) return named(entity);
          // A document loaded from a model (`const user = await User.findById(id)`): that model.
          const init = b.kind === 'variable' && b.initializer ? unwrap(b.initializer) : null;
          if (init && !requireOf(b) && (ts.isCallExpression(init) || ts.isNewExpression(init))) return modelOf(rootOf(init), null, depth + 1);
          if (requireOf(b)) return named(recv);
          return unknown;
        }
        return named(recv);
      }
      // `this.userRepository`: the class member's declared repository.
      if (ts.isPropertyAccessExpression(recv) && recv.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const cls = ts.findAncestor(recv, ts.isClassLike);
        const member = cls?.members.find((m) => m.name && ts.isIdentifier(m.name) && m.name.text === recv.name.text);
        const param = ts.isClassLike(cls ?? sf) ? cls?.members.filter(ts.isConstructorDeclaration).flatMap((c) => [...c.parameters])
          .find((p) => ts.isIdentifier(p.name) && p.name.text === recv.name.text) : undefined;
        const entity = entityOf(member) ?? entityOf(param);
        return entity ? named(entity) : unknown;
      }
      // `models.User.create` on `import * as models from './models'` (or a require of it): the member is
      // an export of that module, which the rule resolves through the link stage. Any other object's
      // member (a parameter, `this.models`, a registry filled at run time) is not resolved here.
      if (ts.isPropertyAccessExpression(recv) && ts.isIdentifier(recv.expression)) {
        const b = ctx.scope.resolve(recv.expression);
        const from = b?.kind === 'import' ? { from: b.from, imported: b.imported } : b ? requireOf(b) : null;
        if (from && (from.imported === '*' || from.imported === 'default')) return { kind: 'name', name: recv.name.text, spec: from.from };
      }
      // `knex('users').where(...).update(...)`: the table the builder starts from.
      const root = rootOf(recv);
      if (ts.isCallExpression(root) && ts.isIdentifier(root.expression) && root.arguments[0] && ts.isStringLiteralLike(root.arguments[0])) {
        return { kind: 'knex', table: root.arguments[0].text };
      }
      if (root !== recv && (ts.isIdentifier(root) || ts.isCallExpression(root))) return modelOf(root, null, depth + 1);
      return unknown;
    };

    const record = (at: ts.Node, method: string, row: Row, model: Model, value?: ts.Expression): void => {
      // Keys the function sets or deletes on the value itself (`body.role = 'member'`, `delete req.body.isAdmin`).
      const own = value ? keysSetOn(scopeNode(at), unwrap(value).getText(sf), sf) : [];
      const inner = row.body !== (value ? unwrap(value).getText(sf) : '') ? keysSetOn(scopeNode(at), row.body, sf) : [];
      const fnNode = ts.findAncestor(at.parent, ts.isFunctionLike);
      const fn = row.fn ?? (fnNode ? declIdOf(fnNode) ?? undefined : undefined);
      // A receiver that is no model verdict knows (`this.usersService.create(dto)`), or an imported name
      // that may hold an instance of the repository's own class (`usersRepository.create(dto)`), may be a
      // function of the repository: recorded as a pass too, for the call graph to follow.
      if ((model.kind === 'unknown' || model.kind === 'name') && ts.isCallExpression(at)) passed(at);
      bodyWriteFacts.emit(ctx, {
        type: 'write', line: ctx.lineOf(at), method, ...row, ...(fn ? { fn } : {}), fixed: [...new Set([...row.fixed, ...own, ...inner])], model, fnLine: functionLine(ctx, at),
        snippet: at.getText(sf).split('\n')[0].slice(0, 120),
      });
    };

    /**
     * A call of another function with a row among its arguments (`this.users.update(id, req.body)`,
     * `this.repoWrapper.write(dto)`): the rule follows it into the callee through the call graph.
     * A row that is a plain parameter is recorded only when handed to a member of `this` or of an
     * import (a service's service): the second hop, not every function passing its argument on.
     */
    /** `this.users`, or an import or require (`usersRepository` exported as `new UsersRepository()` elsewhere): another module's service. */
    const onServiceReceiver = (root: ts.Node): boolean => {
      if (root.kind === ts.SyntaxKind.ThisKeyword) return true;
      if (!ts.isIdentifier(root)) return false;
      const b = ctx.scope.resolve(root);
      return b?.kind === 'import' || (b !== null && requireOf(b) !== null);
    };

    const passed = (call: ts.CallExpression): void => {
      const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : ts.isIdentifier(call.expression) ? call.expression.text : null;
      if (!callee || isObjectAssign(call)) return;
      passedValues(call, callee);
      call.arguments.forEach((a, arg) => {
        const row = rowOf(a);
        if (!row) return;
        if (row.param !== undefined && !(ts.isPropertyAccessExpression(call.expression) && onServiceReceiver(rootOf(call.expression.expression)))) return;
        const fnNode = ts.findAncestor(call.parent, ts.isFunctionLike);
        const fnId = row.fn ?? (fnNode ? declIdOf(fnNode) : null);
        const own = keysSetOn(scopeNode(call), unwrap(a).getText(sf), sf);
        bodyWriteFacts.emit(ctx, {
          type: 'pass', line: ctx.lineOf(call), callee, arg, ...row, ...(fnId ? { fn: fnId } : {}), fixed: [...new Set([...row.fixed, ...own])],
          fnLine: functionLine(ctx, call), snippet: call.getText(sf).split('\n')[0].slice(0, 120),
        });
      });
    };

    /**
     * Where one value comes from: a field of the request body (`request.body.isAdmin`, `dto.role` of a
     * `@Body()` DTO, `const { role } = req.body`), or the enclosing function's parameter (`role`) or a
     * member of one (`data.role`), which its callers decide. `x ?? 'user'` is `x`; anything else
     * (a constant, a conditional, a call) is null.
     */
    type Value = { body: string; dto?: BodyWrite['dto']; param?: undefined; fn?: undefined; member?: undefined } | { body: string; param: number; fn: string; member: boolean; dto?: undefined };
    const valueOf = (v: ts.Expression, depth = 0): Value | null => {
      v = unwrap(v);
      if (depth > 3) return null;
      if (ts.isBinaryExpression(v) && (v.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || v.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return valueOf(v.left, depth + 1);
      if (ts.isPropertyAccessExpression(v)) {
        const row = rowOf(v.expression);
        if (!row) return null;
        if (row.param !== undefined) return row.fn ? { body: v.getText(sf).slice(0, 60), param: row.param, fn: row.fn, member: true } : null;
        return { body: v.getText(sf).slice(0, 60), ...(row.dto ? { dto: row.dto } : {}) };
      }
      if (!ts.isIdentifier(v)) return null;
      const b = ctx.scope.resolve(v);
      if (!b || ctx.scope.isReassigned(b.decl)) return null;
      if (b.kind === 'parameter') {
        if (isFieldBodyParam(b.decl)) return { body: b.decl.getText(sf).slice(0, 60) };
        if (isWholeBodyParam(b.decl)) return null;
        const id = declIdOf(b.fn);
        return id ? { body: v.text, param: b.index, fn: id, member: false } : null;
      }
      if (b.kind === 'variable') return b.initializer ? valueOf(b.initializer, depth + 1) : null;
      if (b.kind === 'destructured' && !b.decl.dotDotDotToken && ts.isObjectBindingPattern(b.decl.parent) && ts.isVariableDeclaration(b.decl.parent.parent) && b.decl.parent.parent.initializer) {
        const row = rowOf(b.decl.parent.parent.initializer);
        if (!row) return null;
        if (row.param !== undefined) return row.fn ? { body: v.text, param: row.param, fn: row.fn, member: true } : null;
        return { body: `${v.text} of ${row.body}`, ...(row.dto ? { dto: row.dto } : {}) };
      }
      return null;
    };

    /** The row object a write stores (`{ email, role }`, Prisma's `{ data: { ... } }`): each role field whose value comes from the request or a parameter is a grant. */
    const granted = (call: ts.CallExpression | ts.NewExpression, method: string, row: ts.Expression, model: Model): void => {
      row = unwrap(row);
      if (!ts.isObjectLiteralExpression(row)) return;
      const props = row.properties;
      props.forEach((p, i) => {
        const key = keyOf(p);
        if (!key || !isRoleField(key) || !(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))) return;
        // A later key of the same name overwrites it.
        if (props.slice(i + 1).some((q) => keyOf(q) === key)) return;
        const value = valueOf(ts.isPropertyAssignment(p) ? p.initializer : p.name);
        if (!value) return;
        const fnNode = ts.findAncestor(call.parent, ts.isFunctionLike);
        const fn = value.fn ?? (fnNode ? declIdOf(fnNode) ?? undefined : undefined);
        bodyWriteFacts.emit(ctx, {
          type: 'grant', line: ctx.lineOf(p), method, field: key, body: value.body, model, fnLine: functionLine(ctx, call),
          ...(fn ? { fn } : {}), ...(value.param !== undefined ? { param: value.param, member: value.member } : {}), ...(value.dto ? { dto: value.dto } : {}),
          snippet: p.getText(sf).split('\n')[0].slice(0, 120),
        });
      });
    };

    /**
     * A role value handed to another function as one argument (`this.register.execute(dto.email, dto.password, dto.role)`),
     * or a parameter passed on as it is to a member of `this` (`this.users.create(email, role)`): the
     * grant rule follows it into the callee through the call graph.
     */
    const passedValues = (call: ts.CallExpression, callee: string): void => {
      const own = ts.isPropertyAccessExpression(call.expression) && rootOf(call.expression.expression).kind === ts.SyntaxKind.ThisKeyword;
      call.arguments.forEach((a, arg) => {
        const e = unwrap(a);
        const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : null;
        if (!name) return;
        const value = valueOf(e);
        if (!value || value.member) return;
        if (value.param === undefined && !isRoleField(name) && !(ts.isIdentifier(e) && isRoleField(e.text))) return;
        if (value.param !== undefined && !own) return;
        const fnNode = ts.findAncestor(call.parent, ts.isFunctionLike);
        const fnId = value.fn ?? (fnNode ? declIdOf(fnNode) : null);
        bodyWriteFacts.emit(ctx, {
          type: 'pass', line: ctx.lineOf(call), callee, arg, via: 'whole', body: value.body, fixed: [], field: name,
          ...(value.param !== undefined ? { param: value.param } : {}), ...(value.dto ? { dto: value.dto } : {}), ...(fnId ? { fn: fnId } : {}),
          fnLine: functionLine(ctx, call), snippet: call.getText(sf).split('\n')[0].slice(0, 120),
        });
      });
    };

    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        declaredModel(ctx, call);
        if (isObjectAssign(call)) return assigned(call);
        if (ts.isPropertyAccessExpression(call.expression) && isDocumentSetter(call.expression.name.text) && setOnSaved(call)) return;
        if (!ts.isPropertyAccessExpression(call.expression) || !ROW_METHODS.has(call.expression.name.text)) return passed(call);
        const method = call.expression.name.text;
        const recv = unwrap(call.expression.expression);
        // A parameter may be the row under one library's shape and an id under another's (`update(id, dto)`):
        // each is recorded, and the callers of the function decide which holds a body.
        const params = new Map<number, () => void>();
        grants(call, method, recv);
        for (const w of rowWritesOf(method)) {
          if (w.after && !(ts.isCallExpression(recv) && ts.isPropertyAccessExpression(recv.expression) && recv.expression.name.text === w.after)) continue;
          for (const i of w.rowArgs) {
            const arg = call.arguments[i] ? unwrap(call.arguments[i]) : null;
            if (!arg) continue;
            const values = w.key
              ? ts.isObjectLiteralExpression(arg) ? arg.properties.filter((p) => w.key!.includes(keyOf(p) ?? '')).map((p) => ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : null) : []
              : [arg];
            for (const v of values) {
              const row = v ? rowOf(v) : null;
              if (!row) continue;
              if (row.param === undefined) return record(call, method, row, modelOf(recv, w), v ?? undefined);
              if (!params.has(row.param)) params.set(row.param, () => record(call, method, row, modelOf(recv, w), v ?? undefined));
            }
          }
        }
        for (const emit of params.values()) emit();
      },
      ClassDeclaration(node) {
        const dto = dtoOf(ctx, node as ts.ClassDeclaration);
        if (dto) bodyWriteFacts.emit(ctx, dto);
      },
      NewExpression(node) {
        const nw = node as ts.NewExpression;
        const pipe = whitelistOf(nw);
        if (pipe) bodyWriteFacts.emit(ctx, { type: 'pipe', line: ctx.lineOf(nw), option: pipe });
        const arg = nw.arguments?.[0];
        if (!arg || !ts.isIdentifier(nw.expression)) return;
        const row = rowOf(arg);
        if (!row || !isSaved(nw)) return;
        record(nw, `new ${nw.expression.text}`, row, named(nw.expression), arg);
      },
    };

    /** The grants of a row-write call, once per row it may take (the first library shape that has an object there). */
    function grants(call: ts.CallExpression, method: string, recv: ts.Expression): void {
      const seen = new Set<ts.Node>();
      for (const w of rowWritesOf(method)) {
        if (w.after && !(ts.isCallExpression(recv) && ts.isPropertyAccessExpression(recv.expression) && recv.expression.name.text === w.after)) continue;
        for (const i of w.rowArgs) {
          const arg = call.arguments[i] ? unwrap(call.arguments[i]) : null;
          if (!arg || !ts.isObjectLiteralExpression(arg)) continue;
          const rows = w.key ? arg.properties.filter((p) => w.key!.includes(keyOf(p) ?? '') && ts.isPropertyAssignment(p)).map((p) => (p as ts.PropertyAssignment).initializer) : [arg];
          for (const r of rows) {
            if (seen.has(r)) continue;
            seen.add(r);
            granted(call, method, r, modelOf(recv, w));
          }
        }
      }
    }

    /** `new User(req.body).save()`, or `const u = new User(req.body); ... u.save()`. */
    function isSaved(nw: ts.NewExpression): boolean {
      let up: ts.Node = nw;
      while (ts.isParenthesizedExpression(up.parent) || ts.isAwaitExpression(up.parent)) up = up.parent;
      if (ts.isPropertyAccessExpression(up.parent) && up.parent.name.text === 'save') return true;
      return ts.isVariableDeclaration(up.parent) && ts.isIdentifier(up.parent.name) && savedIn(scopeNode(up.parent), up.parent.name.text);
    }

    /** `user.set(req.body); await user.save()` (knowledge DOCUMENT_SETTERS): the body copied onto a document that is then saved. */
    function setOnSaved(call: ts.CallExpression): boolean {
      const target = ts.isPropertyAccessExpression(call.expression) ? unwrap(call.expression.expression) : null;
      if (!target || !ts.isIdentifier(target) || call.arguments.length !== 1 || !savedIn(scopeNode(call), target.text)) return false;
      const row = rowOf(call.arguments[0]);
      if (!row) return false;
      record(call, 'set', row, modelOf(target, null), call.arguments[0]);
      return true;
    }

    /** `Object.assign(user, req.body); await user.save()`: the body merged into a document that is then saved. */
    function assigned(call: ts.CallExpression): void {
      const target = call.arguments[0] ? unwrap(call.arguments[0]) : null;
      if (!target || !ts.isIdentifier(target) || !savedIn(scopeNode(call), target.text)) return;
      for (let i = call.arguments.length - 1; i >= 1; i--) {
        const row = rowOf(call.arguments[i]);
        if (!row) continue;
        const after = call.arguments.slice(i + 1).flatMap((a) => ts.isObjectLiteralExpression(a) ? a.properties.map(keyOf) : []).filter((k): k is string => k !== null);
        return record(call, 'Object.assign', { ...row, via: 'assign', fixed: [...row.fixed, ...after] }, modelOf(target, null), call.arguments[i]);
      }
    }
  },
};

/** Keys assigned or deleted on an expression in a function: `x.role = ...`, `x['role'] = ...`, `delete x.role`. */
function keysSetOn(scope: ts.Node, text: string, sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const keyOn = (e: ts.Expression): string | null => {
    if (ts.isPropertyAccessExpression(e) && e.expression.getText(sf) === text) return e.name.text;
    if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression) && e.expression.getText(sf) === text) return e.argumentExpression.text;
    return null;
  };
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) { const k = keyOn(n.left); if (k) out.push(k); }
    if (ts.isDeleteExpression(n)) { const k = keyOn(n.expression); if (k) out.push(k); }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return out;
}

/** `Object.assign(...)`: the chain `Object`, `assign` (asked of every call, so read without building it). */
function isObjectAssign(call: ts.CallExpression): boolean {
  const e = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'assign') return false;
  const root = unwrap(e.expression);
  return ts.isIdentifier(root) && root.text === 'Object';
}

/** The start of a call chain: `User.findById(id).lean()` -> `User`, `knex('t').where()` -> `knex('t')`. */
function rootOf(e: ts.Expression): ts.Expression {
  let cur = unwrap(e);
  for (;;) {
    if ((ts.isCallExpression(cur) || ts.isNewExpression(cur)) && ts.isPropertyAccessExpression(cur.expression)) cur = unwrap(cur.expression.expression);
    else if (ts.isPropertyAccessExpression(cur) && cur.expression.kind !== ts.SyntaxKind.ThisKeyword) cur = unwrap(cur.expression);
    else if (ts.isNewExpression(cur) && ts.isIdentifier(cur.expression)) return cur.expression;
    else return cur;
  }
}

/** The binding a declaration's value is held in: a variable, `module.exports =` / `export default` (`default`). */
function bindingOf(n: ts.Node): string | null {
  let up: ts.Node = n;
  while (ts.isParenthesizedExpression(up.parent) || ts.isAsExpression(up.parent) || ts.isAwaitExpression(up.parent)) up = up.parent;
  const p = up.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isExportAssignment(p)) return 'default';
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const t = p.left.getText();
    if (t === 'module.exports' || t === 'exports.default') return 'default';
    if (ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  }
  return null;
}

function objectKeys(o: ts.Expression | undefined): string[] | null {
  if (!o || !ts.isObjectLiteralExpression(o)) return null;
  return o.properties.map(keyOf).filter((k): k is string => k !== null);
}

/** Records a model this call declares: `model('User', schema)`, `sequelize.define('User', {...})`, `User.init({...})`. */
function declaredModel(ctx: SourceContext, call: ts.CallExpression): void {
  const callee = call.expression;
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  const [a0, a1] = call.arguments;
  if (method === mongoose.modelCall && a0 && ts.isStringLiteralLike(a0) && a1) {
    const schema = schemaLiteral(ctx, a1);
    const fields = schema ? objectKeys(schema) : null;
    const hooks = ts.isIdentifier(unwrap(a1)) ? middlewareOf(ctx, unwrap(a1) as ts.Identifier) : [];
    if (fields) bodyWriteFacts.emit(ctx, { type: 'model', library: 'mongoose', name: bindingOf(call) ?? a0.text, modelName: a0.text, fields, line: ctx.lineOf(call), hooks });
  } else if (method === sequelize.define && ts.isPropertyAccessExpression(callee) && a0 && ts.isStringLiteralLike(a0)) {
    const fields = objectKeys(a1 ? unwrap(a1) : undefined);
    if (fields) bodyWriteFacts.emit(ctx, { type: 'model', library: 'sequelize', name: bindingOf(call) ?? a0.text, modelName: a0.text, fields, line: ctx.lineOf(call) });
  } else if (method === sequelize.init && ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && call.arguments.length >= 2) {
    const fields = objectKeys(a0 ? unwrap(a0) : undefined);
    const b = ctx.scope.resolve(callee.expression);
    if (fields && b?.kind === 'class') bodyWriteFacts.emit(ctx, { type: 'model', library: 'sequelize', name: callee.expression.text, fields, line: ctx.lineOf(call) });
  } else if (method === nestMongoose.schemaDecorator && ts.isIdentifier(callee) && ts.isDecorator(call.parent) && ts.isClassDeclaration(call.parent.parent) && call.parent.parent.name) {
    // `@Schema() class User { @Prop() roles: string[] }` (@nestjs/mongoose): its decorated properties are the schema's fields.
    const b = ctx.scope.resolve(callee);
    if (b?.kind !== 'import' || b.from !== nestMongoose.module || b.imported !== nestMongoose.schemaDecorator) return;
    const cls = call.parent.parent;
    const fields = cls.members.filter((m) => ts.isPropertyDeclaration(m) && (ts.getDecorators(m) ?? []).length > 0)
      .map((m) => m.name && ts.isIdentifier(m.name) ? m.name.text : null).filter((k): k is string => k !== null);
    bodyWriteFacts.emit(ctx, { type: 'model', library: 'mongoose', name: cls.name!.text, fields, line: ctx.lineOf(cls) });
  } else if ((typeorm.entityDecorators as readonly string[]).includes(method) && ts.isDecorator(call.parent) && ts.isClassDeclaration(call.parent.parent)) {
    const cls = call.parent.parent;
    const fields = cls.members.filter((m) => ts.isPropertyDeclaration(m) && (ts.getDecorators(m) ?? []).length > 0)
      .map((m) => m.name && ts.isIdentifier(m.name) ? m.name.text : null).filter((k): k is string => k !== null);
    const isDefault = (ts.getModifiers(cls) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    const hooks = listenersOf(ctx, cls);
    bodyWriteFacts.emit(ctx, { type: 'model', library: 'typeorm', name: cls.name?.text ?? (isDefault ? 'default' : 'anonymous'), fields, line: ctx.lineOf(cls), hooks });
    if (isDefault && cls.name) bodyWriteFacts.emit(ctx, { type: 'model', library: 'typeorm', name: 'default', fields, line: ctx.lineOf(cls), hooks });
  }
}

/**
 * The write middleware registered on a mongoose schema in this file (`userSchema.pre('save', fn)`,
 * knowledge MODEL_WRITE_HOOKS), each with whether its function sets a password-named field: on the
 * document (`this.password = ...`, or through a local holding `this`) or asks `isModified('password')`.
 */
function middlewareOf(ctx: SourceContext, schema: ts.Identifier): Array<{ event: string; password: boolean; line: number }> {
  const b = ctx.scope.resolve(schema);
  const out: Array<{ event: string; password: boolean; line: number }> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === MODEL_WRITE_HOOKS.middleware.method
      && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === schema.text && (!b || ctx.scope.resolve(n.expression.expression)?.decl === b.decl)) {
      const [event, fn] = n.arguments;
      const events = MODEL_WRITE_HOOKS.middleware.events as readonly string[];
      if (event && ts.isStringLiteralLike(event) && events.includes(event.text) && fn && (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn))) {
        out.push({ event: event.text, password: setsPassword(fn.body), line: ctx.lineOf(n) });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(ctx.sourceFile);
  return out;
}

/** Whether a hook body assigns a password-named property, or asks whether one was modified. */
function setsPassword(body: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && isPasswordField(n.left.name.text)) found = true;
    else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'isModified'
      && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0]) && isPasswordField(n.arguments[0].text)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

/** The object literal a mongoose schema is built from: `new Schema({...})` here or in the variable named. */
function schemaLiteral(ctx: SourceContext, e: ts.Expression, depth = 0): ts.ObjectLiteralExpression | null {
  e = unwrap(e);
  if (ts.isNewExpression(e)) {
    const c = e.expression;
    const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
    const a = e.arguments?.[0] ? unwrap(e.arguments[0]) : null;
    return name === mongoose.schemaClass && a && ts.isObjectLiteralExpression(a) ? a : null;
  }
  if (ts.isIdentifier(e) && depth < 2) {
    const b = ctx.scope.resolve(e);
    return b?.kind === 'variable' && b.initializer ? schemaLiteral(ctx, b.initializer, depth + 1) : null;
  }
  return null;
}

/** `@Body('role')`: one field of the request body. */
function isFieldBodyParam(p: ts.ParameterDeclaration): boolean {
  return (ts.getDecorators(p) ?? []).some((d) => ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression)
    && d.expression.expression.text === NEST_BODY.decorator && d.expression.arguments.length === 1 && ts.isStringLiteralLike(d.expression.arguments[0]));
}

/** `@Body()` with no argument: the whole request body (`@Body('name')` is one field of it). */
function isWholeBodyParam(p: ts.ParameterDeclaration): boolean {
  return (ts.getDecorators(p) ?? []).some((d) => ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression)
    && d.expression.expression.text === NEST_BODY.decorator && d.expression.arguments.length === 0);
}

/** `new ValidationPipe({ whitelist: true })`: the option that makes a DTO's declared properties all that passes, or null. */
function whitelistOf(nw: ts.NewExpression): string | null {
  const c = nw.expression;
  const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
  const o = nw.arguments?.[0] ? unwrap(nw.arguments[0]) : null;
  if (name !== NEST_BODY.pipe || !o || !ts.isObjectLiteralExpression(o)) return null;
  for (const p of o.properties) {
    const k = keyOf(p);
    if (k && (NEST_BODY.whitelistOptions as readonly string[]).includes(k) && ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.TrueKeyword) return k;
  }
  return null;
}

/**
 * A class that is not an entity, with its declared properties and what it extends: a DTO a `@Body()`
 * parameter may name. `extends PartialType(X)`, `PickType(X, ['a'])`, `OmitType(X, ['b'])`,
 * `IntersectionType(A, B)` (knowledge NEST_BODY) and a plain `extends X` say which of X's it keeps.
 */
function dtoOf(ctx: SourceContext, cls: ts.ClassDeclaration): Omit<DeclaredDto, 'path'> | null {
  // An entity is a model (declaredModel); a class with behaviour (a service, a controller) is no DTO.
  const decorators = (ts.getDecorators(cls) ?? []).map((d) => ts.isCallExpression(d.expression) ? d.expression.expression.getText() : d.expression.getText());
  if (!cls.name || decorators.some((d) => (typeorm.entityDecorators as readonly string[]).includes(d) || d === nestMongoose.schemaDecorator)) return null;
  if (cls.members.some((m) => ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m))) return null;
  const fields = cls.members.filter(ts.isPropertyDeclaration).map((m) => keyOf(m as unknown as ts.ObjectLiteralElementLike)).filter((k): k is string => k !== null);
  const bases: DeclaredDto['bases'] = [];
  const ref = (e: ts.Expression | undefined, how: 'keep' | 'pick' | 'omit', keys: string[] = []): void => {
    if (!e || !ts.isIdentifier(e)) return;
    const b = ctx.scope.resolve(e);
    const spec = b?.kind === 'import' ? b.from : undefined;
    bases.push({ name: e.text, ...(spec ? { spec } : {}), how, keys });
  };
  // `PartialType(OmitType(X, ['role']))`: mapped types nest; a pick inside an omit (or the like) is not
  // followed, and its unnamed base leaves the DTO unresolved rather than short of fields.
  const base = (e: ts.Expression | undefined, how: 'keep' | 'pick' | 'omit', keys: string[]): void => {
    e = e ? unwrap(e) : undefined;
    if (!e) return;
    if (ts.isIdentifier(e)) return ref(e, how, keys);
    const m = ts.isCallExpression(e) && ts.isIdentifier(e.expression) ? mappedTypeOf(e.expression.text) : null;
    if (!m || !ts.isCallExpression(e)) return void bases.push({ name: '', how, keys });
    const listArg = e.arguments[1] ? unwrap(e.arguments[1]) : undefined;
    const list = listArg && ts.isArrayLiteralExpression(listArg) ? listArg.elements.filter(ts.isStringLiteralLike).map((x) => x.text) : [];
    if (m === 'join') for (const a of e.arguments) base(a, how, keys);
    else if (m === 'keep') base(e.arguments[0], how, keys);
    else if (how === 'keep') base(e.arguments[0], m, list);
    else bases.push({ name: '', how, keys });
  };
  for (const h of cls.heritageClauses ?? []) {
    if (h.token !== ts.SyntaxKind.ExtendsKeyword) continue;
    for (const t of h.types) base(t.expression, 'keep', []);
  }
  if (fields.length === 0 && bases.length === 0) return null;
  // The constraints class-validator reads off its properties: what a validation pipe would check.
  const validators = new Set<string>();
  const constant: NonNullable<DeclaredDto['constant']> = [];
  for (const m of cls.members) {
    if (!ts.isPropertyDeclaration(m)) continue;
    for (const d of ts.getDecorators(m) ?? []) {
      const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
      const b = ts.isIdentifier(e) ? ctx.scope.resolve(e) : null;
      if (b?.kind === 'import' && b.from === DTO_VALIDATION.module && validators.size < 8) validators.add(b.imported);
      const values = constantValues(d, b);
      const name = m.name && ts.isIdentifier(m.name) ? m.name.text : null;
      if (values && name) constant.push({ field: name, values });
    }
  }
  return { type: 'dto', name: cls.name.text, fields, line: ctx.lineOf(cls), bases, ...(validators.size > 0 ? { validators: [...validators] } : {}), ...(constant.length > 0 ? { constant } : {}) };
}

/** An entity's listener methods (`@BeforeInsert() hash() { this.password = ... }`): the event, and whether it sets a password-named field. */
function listenersOf(ctx: SourceContext, cls: ts.ClassDeclaration): Array<{ event: string; password: boolean; line: number }> {
  const out: Array<{ event: string; password: boolean; line: number }> = [];
  for (const m of cls.members) {
    if (!ts.isMethodDeclaration(m)) continue;
    for (const d of ts.getDecorators(m) ?? []) {
      const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
      if (!ts.isIdentifier(e) || !(MODEL_WRITE_HOOKS.decorators as readonly string[]).includes(e.text)) continue;
      let password = false;
      const visit = (n: ts.Node): void => {
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)
          && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && isPasswordField(n.left.name.text)) password = true;
        ts.forEachChild(n, visit);
      };
      if (m.body) visit(m.body);
      out.push({ event: e.text, password, line: ctx.lineOf(m) });
    }
  }
  return out;
}

/**
 * The constant values a class-validator decorator restricts a property to (knowledge CONSTANT_VALIDATORS:
 * `@IsIn(['SELLER'])`, `@Equals('SELLER')`), or null when it is no such decorator or its values are not
 * all literals written in place.
 */
function constantValues(d: ts.Decorator, b: ReturnType<SourceContext['scope']['resolve']>): Array<string | number | boolean> | null {
  if (b?.kind !== 'import' || !ts.isCallExpression(d.expression)) return null;
  const v = CONSTANT_VALIDATORS.find((c) => c.module === b.from && c.export === b.imported);
  const arg = v ? d.expression.arguments[v.arg] : undefined;
  if (!v || !arg) return null;
  const literal = (e: ts.Expression): string | number | boolean | null => {
    e = unwrap(e);
    if (ts.isStringLiteralLike(e)) return e.text;
    if (ts.isNumericLiteral(e)) return Number(e.text);
    if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
    return null;
  };
  const items = v.list ? (ts.isArrayLiteralExpression(unwrap(arg)) ? [...(unwrap(arg) as ts.ArrayLiteralExpression).elements] : null) : [arg];
  if (!items || items.length === 0) return null;
  const values = items.map((e) => ts.isSpreadElement(e) ? null : literal(e));
  return values.every((x) => x !== null) ? values as Array<string | number | boolean> : null;
}
