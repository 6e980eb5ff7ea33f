// NestJS metadata that guards read: a decorator that sets a key to true (`export const Public = () =>
// SetMetadata(IS_PUBLIC_KEY, true)`, or `applyDecorators(SetMetadata(...), ...)`) and a guard class whose
// `canActivate` reads a key through the Reflector and lets the request through when it is set. The route
// table (link/nest-metadata) matches the two by the key to decide which decorator opens which guard: what
// a decorator is called never decides it.
import ts from 'typescript';
import { isNestExport, NEST_METADATA, readsNestMetadata } from '../../knowledge/index.js';
import { topLevelConst, type Imports } from './routes-ast.js';
import type { Decorator } from './routes-nest.js';

export interface NestKey { value?: string; name?: string; from?: string; imported?: string }
type Target = 'class' | 'method';

const strip = (e: ts.Expression): ts.Expression => {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x) || ts.isAwaitExpression(x) || ts.isSatisfiesExpression(x)) x = x.expression;
  return x;
};

/** The key as the file can tell it: a string, a const of the file holding one, or an import the link follows. */
export function nestKeyOf(e: ts.Expression, imports: Imports): NestKey | null {
  const x = strip(e);
  if (ts.isStringLiteralLike(x)) return { value: x.text };
  if (!ts.isIdentifier(x)) return ts.isPropertyAccessExpression(x) ? { name: x.getText().replace(/\s+/g, '') } : null;
  const imp = imports.get(x.text);
  if (imp) return { name: x.text, from: imp.from, imported: imp.imported };
  const init = topLevelConst(x);
  // The name is kept beside the value: another file reads the const through its declaration when the value is not recorded there.
  return init && ts.isStringLiteralLike(init) ? { value: init.text, name: x.text } : { name: x.text };
}

/** Whether a local name is `@nestjs/common`'s SetMetadata, applyDecorators or UseGuards (knowledge/nest-metadata), or another export of it. */
const fromNest = (imports: Imports, local: string, role: 'setter' | 'composer' | 'guards' | 'Injectable'): boolean => {
  const imp = imports.get(local);
  return role === 'Injectable' ? imp?.from === '@nestjs/common' && imp.imported === role : isNestExport(role, imp?.from, imp?.imported);
};

/** `SetMetadata(KEY, true)`, directly or among the arguments of `applyDecorators(...)`: the key it sets. */
export function setsTrue(e: ts.Expression, imports: Imports): NestKey | null {
  const x = strip(e);
  if (!ts.isCallExpression(x) || !ts.isIdentifier(x.expression)) return null;
  const callee = x.expression.text;
  if (fromNest(imports, callee, 'setter')) {
    const key = x.arguments[NEST_METADATA.setter.keyArg];
    const value = x.arguments[NEST_METADATA.setter.valueArg];
    return key && value?.kind === ts.SyntaxKind.TrueKeyword ? nestKeyOf(key, imports) : null;
  }
  if (fromNest(imports, callee, 'composer')) {
    for (const a of x.arguments) {
      const k = setsTrue(a, imports);
      if (k) return k;
    }
  }
  return null;
}

/** What a decorator factory returns (`() => SetMetadata(...)`, `function Public() { return ... }`), or a decorator itself. */
function returned(fn: ts.Expression | ts.FunctionDeclaration): ts.Expression | null {
  const f = ts.isFunctionDeclaration(fn) ? fn : strip(fn);
  if (!ts.isArrowFunction(f) && !ts.isFunctionExpression(f) && !ts.isFunctionDeclaration(f)) return f;
  if (!f.body) return null;
  if (!ts.isBlock(f.body)) return f.body;
  for (const st of f.body.statements) if (ts.isReturnStatement(st) && st.expression) return st.expression;
  return null;
}

function decoratorKey(fn: ts.Expression | ts.FunctionDeclaration, imports: Imports): NestKey | null {
  const e = returned(fn);
  return e ? setsTrue(e, imports) : null;
}

/**
 * `SetMetadata(KEY, roles)` with any value but `true` (directly or inside `applyDecorators(...)`): a
 * restriction (`@Roles('admin')`) that means something only to a guard that reads KEY.
 */
export function setsValue(e: ts.Expression, imports: Imports): NestKey | null {
  const x = strip(e);
  if (!ts.isCallExpression(x) || !ts.isIdentifier(x.expression)) return null;
  const callee = x.expression.text;
  if (fromNest(imports, callee, 'setter')) {
    const key = x.arguments[NEST_METADATA.setter.keyArg];
    const value = x.arguments[NEST_METADATA.setter.valueArg];
    return key && value && value.kind !== ts.SyntaxKind.TrueKeyword ? nestKeyOf(key, imports) : null;
  }
  if (fromNest(imports, callee, 'composer')) {
    for (const a of x.arguments) {
      const k = setsValue(a, imports);
      if (k) return k;
    }
  }
  return null;
}

/** `UseGuards(A, B)` among the arguments of `applyDecorators(...)`: guards a composed decorator (`@Auth('admin')`) puts on the route itself. */
function appliedGuards(e: ts.Expression, imports: Imports): Array<{ name: string; from: string | null; imported: string | null }> {
  const x = strip(e);
  if (!ts.isCallExpression(x) || !ts.isIdentifier(x.expression) || !fromNest(imports, x.expression.text, 'composer')) return [];
  const out: Array<{ name: string; from: string | null; imported: string | null }> = [];
  for (const a of x.arguments) {
    const u = strip(a);
    if (!ts.isCallExpression(u) || !ts.isIdentifier(u.expression) || !fromNest(imports, u.expression.text, 'guards')) continue;
    for (const g of u.arguments) {
      const id = strip(ts.isNewExpression(strip(g)) ? (strip(g) as ts.NewExpression).expression : g);
      const name = ts.isIdentifier(id) ? id.text : ts.isCallExpression(id) ? id.expression.getText() : id.getText();
      const imp = imports.get(name);
      out.push({ name, from: imp?.from ?? null, imported: imp?.imported ?? null });
    }
  }
  return out;
}

/** `Reflector.createDecorator<string[]>()` (`@nestjs/core`): a decorator that is its own key; a guard reads it with `reflector.get(Roles, ...)`. */
function isCreatedDecorator(e: ts.Expression, imports: Imports): boolean {
  const x = strip(e);
  if (!ts.isCallExpression(x) || !ts.isPropertyAccessExpression(x.expression) || x.expression.name.text !== NEST_METADATA.reflector.createDecorator) return false;
  const r = x.expression.expression;
  if (!ts.isIdentifier(r)) return false;
  const imp = imports.get(r.text);
  return imp?.from === NEST_METADATA.reflector.package && imp.imported === NEST_METADATA.reflector.export;
}

/** A decorator of the file that sets a value a guard must read (a restriction), with the guards it applies itself; null for another. */
function restrictionOf(name: string, fn: ts.Expression | ts.FunctionDeclaration, imports: Imports): Record<string, unknown> | null {
  const e = returned(fn);
  if (!e) return null;
  const key = isCreatedDecorator(e, imports) ? { name } : setsValue(e, imports);
  const guards = appliedGuards(e, imports);
  // A composed decorator that only applies guards (`Auth = () => applyDecorators(UseGuards(JwtGuard, RolesGuard))`): its guards, no key.
  if (!key) return guards.length > 0 ? { key: {}, guards } : null;
  return { key, restricts: true, ...(guards.length > 0 ? { guards } : {}) };
}

/** The decorators a method and its class carry that may set metadata: the app's own, and `SetMetadata(KEY, true)` in place. */
export function metadataOf(ctx: { lineOf(n: ts.Node): number }, method: Decorator[], cls: Decorator[], imports: Imports): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const [on, ds] of [['method', method], ['class', cls]] as const) {
    for (const d of ds) {
      const line = d.node ? ctx.lineOf(d.node) : 1;
      if (d.node && fromNest(imports, d.name, 'setter')) {
        const key = setsTrue(d.node.expression, imports);
        const value = key ? null : setsValue(d.node.expression, imports);
        if (key) out.push({ name: d.name, on, line, from: null, imported: null, key });
        else if (value) out.push({ name: d.name, on, line, from: null, imported: null, key: value, restricts: true });
        continue;
      }
      const imp = imports.get(d.name);
      if (imp && /^@nestjs\//.test(imp.from)) continue;
      out.push({ name: d.name, on, line, from: imp?.from ?? null, imported: imp?.imported ?? null });
    }
  }
  return out;
}


/** `this.reflector.getAllAndOverride(KEY, [context.getHandler(), context.getClass()])`: the key and whose metadata it reads. */
function reflectorRead(e: ts.Expression): { key: ts.Expression; on: Target[] } | null {
  const x = strip(e);
  if (!ts.isCallExpression(x) || !ts.isPropertyAccessExpression(x.expression) || !readsNestMetadata(x.expression.name.text)) return null;
  const [key, targets] = x.arguments;
  if (!key || !targets) return null;
  const on = new Set<Target>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const name = n.expression.name.text;
      const target = Object.hasOwn(NEST_METADATA.targets, name) ? NEST_METADATA.targets[name] : undefined;
      if (target) on.add(target);
    }
    ts.forEachChild(n, visit);
  };
  visit(targets);
  // Targets verdict cannot read (a variable): either may be meant.
  return { key, on: on.size > 0 ? [...on] : ['method', 'class'] };
}

const returnsTrue = (s: ts.Statement): boolean => ts.isReturnStatement(s) && s.expression?.kind === ts.SyntaxKind.TrueKeyword;
/** A branch that lets the request through: `return true`, or a block with one at its top level. */
const passes = (s: ts.Statement): boolean => returnsTrue(s) || (ts.isBlock(s) && s.statements.some(returnsTrue));
/** A branch that ends in a return or a throw: the code after it runs only when the condition is false. */
const ends = (s: ts.Statement): boolean => ts.isReturnStatement(s) || ts.isThrowStatement(s) || (ts.isBlock(s) && s.statements.length > 0 && ends(s.statements[s.statements.length - 1]));

/**
 * The keys a `canActivate` lets the request through for: a Reflector read kept in a variable or tested in
 * place, then `if (read) return true`, `return read || super.canActivate(ctx)`, `read ? true : ...`, or
 * `if (!read) { ...; return ... } return true`.
 */
function skipsOf(method: ts.MethodDeclaration, imports: Imports): Array<{ key: NestKey; on: Target[] }> {
  const vars = new Map<string, { key: ts.Expression; on: Target[] }>();
  const out: Array<{ key: NestKey; on: Target[] }> = [];
  const readOf = (e: ts.Expression): { key: ts.Expression; on: Target[] } | null => {
    const x = strip(e);
    if (ts.isIdentifier(x)) return vars.get(x.text) ?? null;
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken && x.right.kind === ts.SyntaxKind.TrueKeyword) return readOf(x.left);
    return reflectorRead(x);
  };
  /** The reads a truthy test stands on: `a`, `a || b` (each alone suffices). */
  const truthy = (e: ts.Expression): Array<{ key: ts.Expression; on: Target[] }> => {
    const x = strip(e);
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.BarBarToken) return [...truthy(x.left), ...truthy(x.right)];
    const r = readOf(x);
    return r ? [r] : [];
  };
  const add = (reads: Array<{ key: ts.Expression; on: Target[] }>): void => {
    for (const r of reads) {
      const key = nestKeyOf(r.key, imports);
      if (key) out.push({ key, on: r.on });
    }
  };
  const block = (statements: readonly ts.Statement[]): void => {
    statements.forEach((st, i) => {
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          const r = d.initializer && ts.isIdentifier(d.name) ? reflectorRead(d.initializer) : null;
          if (r && ts.isIdentifier(d.name)) vars.set(d.name.text, r);
        }
      } else if (ts.isIfStatement(st)) {
        const cond = strip(st.expression);
        if (passes(st.thenStatement)) add(truthy(cond));
        else if (ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken && ends(st.thenStatement) && statements[i + 1] && returnsTrue(statements[i + 1])) {
          add(truthy(cond.operand));
        }
        for (const branch of [st.thenStatement, st.elseStatement]) if (branch && ts.isBlock(branch)) block(branch.statements);
      } else if (ts.isReturnStatement(st) && st.expression) {
        const r = strip(st.expression);
        if (ts.isBinaryExpression(r) && r.operatorToken.kind === ts.SyntaxKind.BarBarToken) add(truthy(r.left));
        if (ts.isConditionalExpression(r) && r.whenTrue.kind === ts.SyntaxKind.TrueKeyword) add(truthy(r.condition));
      } else if (ts.isTryStatement(st)) block(st.tryBlock.statements);
      else if (ts.isBlock(st)) block(st.statements);
    });
  };
  if (method.body) block(method.body.statements);
  return out;
}

/** `!x`, `!x?.length`, `x === undefined`, `x == null`, `!x || x.length === 0`: the name whose absence the test is true for. */
function absentOf(e: ts.Expression): string | null {
  const x = strip(e);
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
    const o = strip(x.operand);
    if (ts.isIdentifier(o)) return o.text;
    if (ts.isPropertyAccessExpression(o) && o.name.text === 'length' && ts.isIdentifier(strip(o.expression))) return (strip(o.expression) as ts.Identifier).text;
    return null;
  }
  if (!ts.isBinaryExpression(x)) return null;
  const op = x.operatorToken.kind;
  if (op === ts.SyntaxKind.BarBarToken) return absentOf(x.left);
  const nullish = (n: ts.Expression) => n.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(n) && n.text === 'undefined');
  if ([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(op) && nullish(strip(x.right)) && ts.isIdentifier(strip(x.left))) return (strip(x.left) as ts.Identifier).text;
  return null;
}

/** A statement that may end the request refused: a throw, a return of anything but `true`, or a branch holding one. */
function mayRefuse(n: ts.Node): boolean {
  if (ts.isThrowStatement(n)) return true;
  if (ts.isReturnStatement(n)) return n.expression?.kind !== ts.SyntaxKind.TrueKeyword;
  if (ts.isFunctionLike(n)) return false;
  return ts.forEachChild(n, (c) => (mayRefuse(c) ? true : undefined)) === true;
}

/**
 * The keys whose absence a `canActivate` answers by letting the request through, before anything in it
 * can refuse: `const roles = reflector.get(ROLES_KEY, ...); if (!roles) return true;` (or
 * `return !roles || ...`). Such a guard checks only the routes that carry the metadata; a guard that
 * throws or returns false when it is absent (`closes`) is closed by default: it checks every route.
 */
function absentAnswers(method: ts.MethodDeclaration, imports: Imports): { opens: Array<{ key: NestKey; on: Target[] }>; closes: Array<{ key: NestKey; on: Target[] }> } {
  const vars = new Map<string, { key: ts.Expression; on: Target[] }>();
  const opens: Array<{ key: NestKey; on: Target[] }> = [];
  const closes: Array<{ key: NestKey; on: Target[] }> = [];
  const add = (name: string | null, out = opens): void => {
    const r = name ? vars.get(name) : undefined;
    const key = r ? nestKeyOf(r.key, imports) : null;
    if (r && key) out.push({ key, on: r.on });
  };
  for (const st of method.body?.statements ?? []) {
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const r = d.initializer && ts.isIdentifier(d.name) ? reflectorRead(d.initializer) : null;
        if (r && ts.isIdentifier(d.name)) vars.set(d.name.text, r);
      }
      continue;
    }
    if (ts.isIfStatement(st) && passes(st.thenStatement) && !(ts.isBlock(st.thenStatement) && st.thenStatement.statements.some(mayRefuse))) {
      add(absentOf(st.expression));
      continue;
    }
    // `if (!roles) throw new ForbiddenException()` / `return false`: closed by default.
    if (ts.isIfStatement(st) && !st.elseStatement && ends(st.thenStatement) && mayRefuse(st.thenStatement)) add(absentOf(st.expression), closes);
    if (ts.isReturnStatement(st) && st.expression) {
      const r = strip(st.expression);
      if (ts.isBinaryExpression(r) && r.operatorToken.kind === ts.SyntaxKind.BarBarToken) add(absentOf(r.left));
      if (ts.isConditionalExpression(r) && strip(r.whenTrue).kind === ts.SyntaxKind.TrueKeyword) add(absentOf(r.condition));
    }
    if (mayRefuse(st)) break;
  }
  return { opens, closes };
}

/** Every key the class's methods read through the Reflector (or `Reflect.getMetadata`): what a restriction needs a guard to read. */
function readsOf(cls: ts.ClassDeclaration, imports: Imports): Array<{ key: NestKey; on: Target[] }> {
  const out: Array<{ key: NestKey; on: Target[] }> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const r = reflectorRead(n);
      const key = r ? nestKeyOf(r.key, imports) : null;
      if (r && key) out.push({ key, on: r.on });
    }
    ts.forEachChild(n, visit);
  };
  for (const m of cls.members) if (ts.isMethodDeclaration(m) || ts.isPropertyDeclaration(m)) visit(m);
  return out;
}

/** The class hands its Reflector to another function (`readRoles(this.reflector, context)`): what that reads is not seen here. */
function handsReflectorOn(cls: ts.ClassDeclaration, imports: Imports): boolean {
  const ctor = cls.members.find(ts.isConstructorDeclaration);
  const names = new Set((ctor?.parameters ?? []).filter((p) => ts.isIdentifier(p.name) && p.type && ts.isTypeReferenceNode(p.type)
    && ts.isIdentifier(p.type.typeName) && imports.get(p.type.typeName.text)?.from === '@nestjs/core' && imports.get(p.type.typeName.text)?.imported === 'Reflector')
    .map((p) => (p.name as ts.Identifier).text));
  if (names.size === 0) return false;
  let handed = false;
  const visit = (n: ts.Node): void => {
    if (handed) return;
    if (ts.isCallExpression(n) && n.arguments.some((a) => {
      const x = strip(a);
      return (ts.isPropertyAccessExpression(x) && x.expression.kind === ts.SyntaxKind.ThisKeyword && names.has(x.name.text)) || (ts.isIdentifier(x) && names.has(x.text));
    })) handed = true;
    else ts.forEachChild(n, visit);
  };
  for (const m of cls.members) if (ts.isMethodDeclaration(m)) visit(m);
  return handed;
}

/** The class a class extends, when it is a name (`extends BaseGuard`), not a call (`extends AuthGuard('jwt')`). */
function baseOf(cls: ts.ClassDeclaration, imports: Imports): { name: string; from: string | null; imported: string | null } | null {
  const ext = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (!ext || !ts.isIdentifier(ext)) return null;
  const imp = imports.get(ext.text);
  return { name: ext.text, from: imp?.from ?? null, imported: imp?.imported ?? null };
}

/** The file's metadata decorators and its guard-shaped classes (see the header). */
export function nestMetadata(ctx: { sourceFile: ts.SourceFile; lineOf(n: ts.Node): number }, imports: Imports): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const st of ctx.sourceFile.statements) {
    if (ts.isFunctionDeclaration(st) && st.name) {
      const key = decoratorKey(st, imports);
      const restriction = key ? null : restrictionOf(st.name.text, st, imports);
      if (key) out.push({ kind: 'nest-metadata', name: st.name.text, key, line: ctx.lineOf(st) });
      else if (restriction) out.push({ kind: 'nest-metadata', name: st.name.text, ...restriction, line: ctx.lineOf(st) });
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!d.initializer || !ts.isIdentifier(d.name)) continue;
        const key = decoratorKey(d.initializer, imports);
        const restriction = key ? null : restrictionOf(d.name.text, d.initializer, imports);
        if (key) out.push({ kind: 'nest-metadata', name: d.name.text, key, line: ctx.lineOf(d) });
        else if (restriction) out.push({ kind: 'nest-metadata', name: d.name.text, ...restriction, line: ctx.lineOf(d) });
      }
    } else if (ts.isClassDeclaration(st) && st.name) {
      const can = st.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.name.getText() === 'canActivate');
      const base = baseOf(st, imports);
      // A guard that overrides nothing (`class JwtGuard extends AuthGuard('jwt') {}`) is an injectable extending another.
      const injectable = (ts.getDecorators(st) ?? []).some((d) => ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression) && fromNest(imports, d.expression.expression.text, 'Injectable'));
      if (!can && !(injectable && st.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword))) continue;
      const absent = can ? absentAnswers(can, imports) : { opens: [], closes: [] };
      out.push({ kind: 'nest-guard', name: st.name.text, line: ctx.lineOf(st), canActivate: Boolean(can), skips: can ? skipsOf(can, imports) : [], reads: readsOf(st, imports), ...(absent.opens.length > 0 ? { opensWithout: absent.opens } : {}), ...(absent.closes.length > 0 ? { closedWithout: absent.closes } : {}), ...(handsReflectorOn(st, imports) ? { handsReflector: true } : {}), base });
    }
  }
  return out;
}
