// The declarations of a source file (functions, classes and their methods, const functions, members
// of object literals, top-level code as `<module>`) and, for each, what it refers to: resolved by
// the file's scopes to a declaration of the file or to an import. A method called on `this`, on a
// field or const holding `new LocalClass()`, or on an imported class's instance is named as that
// class's member. What a receiver cannot be resolved to is kept by member name only.
import ts from 'typescript';
import { requireOf, type Binding, type Scope } from '../scope.js';
import { commonJsExportName } from '../decl-id.js';
import { calledWhenRuns, runsWhen } from '../runs.js';
import { defaultConfigValue, envDependenceOf } from '../conditions.js';
import { symbolFacts, type DeclRecord, type SymbolRef } from '../facts/symbols.js';
import type { SourceContext, VisitorHost } from '../host.js';
import { isIdentityName, isRequestDecorator, isSecretName, isSessionField, LOCK_IDIOMS, lockIdiomOf, nestParamField, ormWriteMethods, paymentConfirmationMethods, RELATIVE_UPDATE_KEYS, signatureCheckMethods, sqlExecutorMethods, STATE_CHANGING_METHODS } from '../../knowledge/index.js';
import { statementVerb } from '../../util/sql.js';
import { findOwnSecrets, looksLikeSecretValue, prefilter } from '../../util/secret-patterns.js';

const MODULE = '<module>';

const modifiers = (n: ts.Node): readonly ts.ModifierLike[] => (ts.canHaveModifiers(n) ? ts.getModifiers(n) ?? [] : []);
const has = (n: ts.Node, kind: ts.SyntaxKind): boolean => modifiers(n).some((m) => m.kind === kind);
/**
 * The text a SQL argument starts with: a literal, a template's head, or those held by a `const` the
 * argument names (`const LIST = 'SELECT ...'` at the top of the file, resolved through the scope so a
 * shadowing local is not taken for it). Null when the text is not readable here.
 */
function sqlTextOf(arg: ts.Expression, scope: Scope, depth = 0): string | null {
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
  if (ts.isTemplateExpression(arg)) return arg.head.text;
  if (!ts.isIdentifier(arg) || depth > 2) return null;
  const b = scope.resolve(arg);
  return b?.kind === 'variable' && b.isConst && b.initializer ? sqlTextOf(b.initializer, scope, depth + 1) : null;
}

/** `module.exports = v` (name null) or `exports.x = v` / `module.exports.x = v` (name x): a CommonJS export, else null. */
function commonJsExport(e: ts.Expression): { name: string | null; value: ts.Expression } | null {
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return null;
  const name = commonJsExportName(e.left);
  return name === null ? null : { name: name || null, value: e.right };
}

/** A variable bound to `require('spec')` or `require('spec').name`: the module and the export (`*` for the whole module). */
function requiredBy(v: ts.VariableDeclaration): { from: string; imported: string } | null {
  let init = v.initializer ? unwrap(v.initializer) : undefined;
  let imported = '*';
  if (init && ts.isPropertyAccessExpression(init) && ts.isIdentifier(init.name)) {
    imported = init.name.text;
    init = init.expression;
  }
  if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require') return null;
  const arg = init.arguments[0];
  return init.arguments.length === 1 && ts.isStringLiteralLike(arg) ? { from: arg.text, imported } : null;
}

const isFunctionValue = (e: ts.Node | undefined): e is ts.ArrowFunction | ts.FunctionExpression =>
  e !== undefined && (ts.isArrowFunction(e) || ts.isFunctionExpression(e));

function decoratorNames(n: ts.Node): string[] | undefined {
  if (!ts.canHaveDecorators(n)) return undefined;
  const names = (ts.getDecorators(n) ?? []).map((d) => {
    const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '';
  }).filter(Boolean);
  return names.length > 0 ? names : undefined;
}

/** `x as const`, `x satisfies T`, `(x)`: the value itself. */
function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/**
 * Whether a constant's string may be kept in the facts (and so in the cache): a name other files read
 * (a queue's, a route prefix), never something that may be a secret. The repository is hostile input
 * and the facts cache is written to disk: a value held by a secret-named constant, shaped like a
 * provider's token, or reading like a generated secret is not kept, and neither is a long one.
 */
const LONGEST_NAME = 64;
function keptAsName(holder: string, value: string): boolean {
  return value.length <= LONGEST_NAME && !isSecretName(holder)
    && prefilter(value, { unquoted: true, generic: false }).length === 0
    && findOwnSecrets(value, { unquoted: true, generic: false }).length === 0
    && !looksLikeSecretValue(value, false);
}

/** What a `const` holds when it is a string or an object of strings: names other files read (a queue's name). */
function constValue(v: ts.VariableDeclaration): Partial<DeclRecord> {
  if (!v.initializer || (ts.getCombinedNodeFlags(v) & ts.NodeFlags.Const) === 0) return {};
  const init = unwrap(v.initializer);
  const holder = ts.isIdentifier(v.name) ? v.name.text : '';
  if (ts.isStringLiteralLike(init)) return keptAsName(holder, init.text) ? { value: init.text } : {};
  const defaults = configDefaults(holder, init);
  const withDefaults = defaults.length > 0 ? { defaults } : {};
  if (!ts.isObjectLiteralExpression(init)) return withDefaults;
  const strings: Record<string, string> = {};
  let n = 0;
  for (const p of init.properties) {
    const name = ts.isPropertyAssignment(p) ? memberName(p.name) : null;
    const value = name !== null && ts.isPropertyAssignment(p) ? unwrap(p.initializer) : null;
    if (name !== null && value && ts.isStringLiteralLike(value) && keptAsName(name, value.text) && !isSecretName(holder)) {
      strings[name] = value.text;
      n++;
    }
  }
  return n > 0 ? { strings, ...withDefaults } : withDefaults;
}

/** Whether every string written in an expression may be kept (its text is the evidence kept with it). */
function literalsKept(holder: string, e: ts.Node): boolean {
  if (ts.isStringLiteralLike(e)) return keptAsName(holder, e.text);
  return e.forEachChild((c) => (literalsKept(holder, c) ? undefined : true)) !== true;
}

type ConfigDefault = NonNullable<DeclRecord['defaults']>[number];
const MAX_DEFAULTS = 32;

/**
 * What a config constant holds in the default configuration (collect/conditions.ts), by member path
 * (`rateLimit.enabled`; `` for the constant itself): booleans and environment reads whose value can be
 * decided, so a file that imports the switch (`skip: () => !config.rateLimit.enabled`) can be judged.
 * A string is kept only when it may be (keptAsName): the facts cache is written to disk.
 */
function configDefaults(holder: string, init: ts.Expression, members: string[] = [], out: ConfigDefault[] = []): ConfigDefault[] {
  if (out.length >= MAX_DEFAULTS || members.length > 3) return out;
  if (ts.isObjectLiteralExpression(init)) {
    for (const p of init.properties) {
      const name = ts.isPropertyAssignment(p) ? memberName(p.name) : null;
      if (name !== null && ts.isPropertyAssignment(p)) configDefaults(name, unwrap(p.initializer), [...members, name], out);
    }
    return out;
  }
  const d = defaultConfigValue(init);
  if (!d || !literalsKept(holder, init)) return out;
  const sf = init.getSourceFile();
  // What it reads and gives with each variable set: a deployment that sets one decides it (rules/shared/env-default.ts).
  const dep = envDependenceOf(init);
  const reads = dep ? { vars: dep.vars, when: dep.when, ...(dep.namedDefault ? { namedDefault: true as const } : {}) } : {};
  out.push({ member: members.join('.'), value: d.value, line: sf.getLineAndCharacterOfPosition(init.getStart(sf)).line + 1, text: init.getText(sf).replace(/\s+/g, ' ').slice(0, 120), ...reads });
  return out;
}

function memberName(n: ts.PropertyName | undefined): string | null {
  if (!n) return null;
  if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n)) return n.text;
  return null;
}

interface Decl {
  fact: DeclRecord;
  seen: Set<string>;
  members: Set<string>;
  identity: Set<string>;
  writes: Array<{ callee: string; line: number; adds?: true }>;
  checks: Array<{ callee: string; line: number }>;
  sql: Array<{ verb: string; line: number }>;
  effects: Array<{ callee: string; line: number }>;
  assigns?: true;
  locks: Array<{ idiom: string; line: number }>;
  intervals: Array<{ line: number; end: number }>;
}

const MAX_IDENTITY = 4;
const MAX_WRITES = 8;
const MAX_LOCKS = 4;
const WRITE_METHODS = ormWriteMethods();
const MAX_CHECKS = 8;
const MAX_SQL = 8;
const SQL_METHODS = sqlExecutorMethods();
const EFFECT_METHODS = new Set(STATE_CHANGING_METHODS);
// And the calls that ask a payment provider whether the buyer paid (knowledge/payments): the link tells them apart.
const RELATIVE_KEYS = new Set(RELATIVE_UPDATE_KEYS.map((k) => k.key));
/** Whether an object literal sets one of the keys, in it or in an object literal it holds (a few levels down). */
function setsKey(e: ts.Expression, keys: ReadonlySet<string>, depth: number): boolean {
  if (!ts.isObjectLiteralExpression(e) || depth > 3) return false;
  return e.properties.some((p) => ts.isPropertyAssignment(p) && ((ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && keys.has(p.name.text) || setsKey(p.initializer, keys, depth + 1)));
}
const CHECK_METHODS = new Set([...signatureCheckMethods(), ...paymentConfirmationMethods()]);
const SQL_EXECUTORS = new Set(sqlExecutorMethods().keys());
/** The methods some lock idiom names: for any other call only advisory-lock SQL text can say it takes a lock. */
const LOCK_METHODS = new Set(LOCK_IDIOMS.flatMap((l) => l.methods ?? []));

/** The literal text of a string, a template's literal parts or a tagged template's; null for any other value. */
function literalSql(e: ts.Expression | undefined): string | null {
  if (!e) return null;
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isTemplateExpression(e)) return [e.head.text, ...e.templateSpans.map((x) => x.literal.text)].join(' ');
  if (ts.isTaggedTemplateExpression(e)) return literalSql(e.template);
  return null;
}

/** The name words of a call's receiver: its identifiers and property names split at case changes, and the strings its calls are given. */
function receiverWords(e: ts.Expression): string[] {
  const out: string[] = [];
  const words = (name: string) => out.push(...name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean));
  for (let n: ts.Expression = e; ;) {
    if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) return (words(n.text), out);
    if (ts.isPropertyAccessExpression(n)) { words(n.name.text); n = n.expression; continue; }
    if (ts.isCallExpression(n)) { for (const a of n.arguments) if (ts.isStringLiteralLike(a)) words(a.text); n = n.expression; continue; }
    if (ts.isParenthesizedExpression(n) || ts.isAwaitExpression(n) || ts.isNonNullExpression(n)) { n = n.expression; continue; }
    return out;
  }
}

/** The lock a call takes (knowledge/schedulers.ts LOCK_IDIOMS): advisory-lock SQL, a Redis SET NX, a lock document claimed atomically. */
function lockOf(n: ts.CallExpression | ts.TaggedTemplateExpression): string | null {
  const callee = ts.isCallExpression(n) ? n.expression : n.tag;
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : null;
  if (method === null) return null;
  if (ts.isTaggedTemplateExpression(n)) return lockIdiomOf({ method, sql: literalSql(n.template), flags: [], receiver: [] }, true);
  // Every call passes here: its option words and receiver words (a regex split per name) are read
  // only for a method a lock idiom names, the only case lockIdiomOf looks at them.
  if (!LOCK_METHODS.has(method)) return SQL_EXECUTORS.has(method) ? lockIdiomOf({ method, sql: literalSql(n.arguments[0]), flags: [], receiver: [] }, true) : null;
  const flags: string[] = [];
  for (const a of n.arguments) {
    if (ts.isStringLiteralLike(a)) flags.push(a.text);
    else if (ts.isObjectLiteralExpression(a)) {
      for (const p of a.properties) if (ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.TrueKeyword && memberName(p.name)) flags.push(memberName(p.name)!);
    }
  }
  const receiver = ts.isPropertyAccessExpression(callee) ? receiverWords(callee.expression) : [];
  return lockIdiomOf({ method, sql: literalSql(n.arguments[0]), flags, receiver }, SQL_EXECUTORS.has(method));
}

interface ClassInfo {
  id: string;
  members: Set<string>;
  /**
   * What each field holds, as the class it is an instance of: `new X()` assigned to it, its declared
   * type (`svc: X`), or a constructor parameter property's type (`constructor(private svc: X)`, how a
   * dependency-injection container hands a service in): field name -> the `X` expression.
   */
  fields: Map<string, ts.Expression>;
  /** Fields set from a constructor parameter with no declared type: field name -> the parameter's index. */
  args: Map<string, number>;
}

/**
 * A value built by a chain of method calls whose last call is handed a function
 * (`procedure.input(schema).mutation(fn)`): the function, the chain before that call, and the
 * methods called, in order. Null for any other value (a plain call `withAuth(fn)` stays its owner's).
 */
function builtMember(init: ts.Expression): { fn: ts.ArrowFunction | ts.FunctionExpression; chain: ts.Expression; methods: string[] } | null {
  const e = unwrap(init);
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return null;
  const fn = e.arguments[e.arguments.length - 1];
  if (!isFunctionValue(fn)) return null;
  const methods: string[] = [];
  let c: ts.Expression = e.expression;
  while (ts.isPropertyAccessExpression(c) || ts.isCallExpression(c)) {
    if (ts.isPropertyAccessExpression(c)) methods.unshift(c.name.text);
    c = c.expression;
  }
  return { fn, chain: e.expression, methods };
}

/** `X` of a declared type `X` or `X<T>`: the class named; null for any other type (a union, a literal, `any`). */
function typeName(t: ts.TypeNode | undefined): ts.Identifier | null {
  return t && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) ? t.typeName : null;
}

/** Where each `implements` type comes from: the import's module, `.` when this file declares it, `` when neither. */
function implementsOrigins(c: ts.ClassLikeDeclaration, sf: ts.SourceFile): string[] | undefined {
  const names = (c.heritageClauses ?? []).filter((h) => h.token === ts.SyntaxKind.ImplementsKeyword)
    .flatMap((h) => h.types.map((t) => (ts.isIdentifier(t.expression) ? t.expression.text : ts.isPropertyAccessExpression(t.expression) && ts.isIdentifier(t.expression.expression) ? t.expression.expression.text : '')));
  if (names.length === 0) return undefined;
  return names.map((n) => {
    for (const s of sf.statements) {
      if ((ts.isInterfaceDeclaration(s) || ts.isClassDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name?.text === n) return '.';
      if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || !s.importClause) continue;
      const cl = s.importClause;
      const nb = cl.namedBindings;
      if (cl.name?.text === n || (nb && ts.isNamespaceImport(nb) && nb.name.text === n)
        || (nb && ts.isNamedImports(nb) && nb.elements.some((e) => e.name.text === n))) return s.moduleSpecifier.text;
    }
    return '';
  });
}

export const symbols: VisitorHost = {
  id: symbolFacts.id,
  // Every file with code that declares or imports something; a file of types alone is not parsed for this.
  triggers: ['function', '=>', 'class', 'import', 'require', /\bexport\s+(?:default|const|let|var|enum|\{|\*)/],
  create(ctx) {
    // Constructor parameters' types, gathered in the shared traversal, for files that declare a constructor at all.
    const injected = new Set<string>();
    const constructors = ctx.text.includes('constructor');
    return {
      Constructor: (n) => { if (constructors) injectedTypes(n as ts.ConstructorDeclaration, injected); },
      'file:end': () => collectFile(ctx, injected),
    };
  },
};

function collectFile(ctx: SourceContext, injected: ReadonlySet<string>): void {
  const sf = ctx.sourceFile;
  const decls = new Map<string, Decl>();
  /** Top-level declaration nodes -> their id, for references resolved by scope. */
  const idOf = new Map<ts.Node, string>();
  // Names a top-level destructured `require` binds: references to them are references to the module's exports.
  const required = new Set<string>();
  const classes = new Map<string, ClassInfo>();
  const importUses = new Map<ts.Node, number>();
  const imports: Array<{ spec: string; imported: string; local: string; line: number; node: ts.Node }> = [];
  const declare = (id: string, kind: DeclRecord['kind'], node: ts.Node, exports: string[] = [], extra: Partial<DeclRecord> = {}): Decl => {
    let d = decls.get(id);
    if (!d) {
      d = { fact: { type: 'decl', id, kind, line: ctx.lineOf(node), exports, refs: [], ...extra }, seen: new Set(), members: new Set(), identity: new Set(), writes: [], checks: [], sql: [], effects: [], locks: [], intervals: [] };
      decls.set(id, d);
    }
    return d;
  };
  const mod = declare(MODULE, 'module', sf);
  mod.fact.line = 1;
  const exportNames = (n: ts.Node, name: string | null): string[] =>
    has(n, ts.SyntaxKind.ExportKeyword) ? [has(n, ts.SyntaxKind.DefaultKeyword) ? 'default' : name ?? 'default'] : [];

  /** `module.exports = new C()`: C's methods are exported (resolved after the loop, when C is declared). */
  const instanceExports: Array<[string, string, ts.Node]> = [];
  /** Variables bound once to `new X(...)`: the class expression, resolved once the file's names are known. */
  const holders: Array<[Decl, ts.Expression]> = [];

  // Pass 1: the declarations, so that a reference to one declared further down resolves.
  const bodies: Array<{ decl: Decl; node: ts.Node; cls?: ClassInfo }> = [];
  const objectMembers = (owner: string, obj: ts.ObjectLiteralExpression, ownerDecl: Decl) => {
    for (const p of obj.properties) {
      const name = memberName(p.name);
      const fn = ts.isMethodDeclaration(p) ? p : ts.isPropertyAssignment(p) && isFunctionValue(p.initializer) ? p.initializer : null;
      const built = !fn && name && ts.isPropertyAssignment(p) ? builtMember(p.initializer) : null;
      if (name && fn) {
        const d = declare(`${owner}.${name}`, 'member', p);
        ownerDecl.fact.refs.push({ local: d.fact.id, line: d.fact.line });
        bodies.push({ decl: d, node: fn });
      } else if (name && built) {
        // `delete: protectedProcedure.input(schema).mutation(async ({ ctx, input }) => ...)`: a member of
        // its own, whose builder chain (what it is built from) and function are its references.
        const d = declare(`${owner}.${name}`, 'member', p, [], { builtBy: built.methods });
        ownerDecl.fact.refs.push({ local: d.fact.id, line: d.fact.line });
        bodies.push({ decl: d, node: built.fn }, { decl: d, node: built.chain });
      } else bodies.push({ decl: ownerDecl, node: p });
    }
  };
  const classDecl = (c: ts.ClassLikeDeclaration, id: string, exports: string[]) => {
    const impl = implementsOrigins(c, sf);
    const d = declare(id, 'class', c, exports, {
      ...(decoratorNames(c) ? { decorators: decoratorNames(c) } : {}), ...(c.heritageClauses?.length ? { heritage: true as const } : {}),
      ...(c.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword) ? { extends: true as const } : {}), ...(impl ? { implements: impl } : {}),
    });
    const info: ClassInfo = { id, members: new Set(), fields: new Map(), args: new Map() };
    classes.set(id, info);
    for (const m of c.members) {
      const name = memberName(m.name);
      const fnLike = ts.isMethodDeclaration(m) || ts.isGetAccessor(m) || ts.isSetAccessor(m)
        || (ts.isPropertyDeclaration(m) && isFunctionValue(m.initializer));
      if (name && fnLike) {
        info.members.add(name);
        const priv = has(m, ts.SyntaxKind.PrivateKeyword) || (m.name !== undefined && ts.isPrivateIdentifier(m.name));
        const md = declare(`${id}.${name}`, 'method', m, [], { ...(decoratorNames(m) ? { decorators: decoratorNames(m) } : {}), ...(priv ? { private: true } : {}) });
        bodies.push({ decl: md, node: m, cls: info });
        continue;
      }
      if (ts.isPropertyDeclaration(m) && name && m.initializer && ts.isNewExpression(m.initializer)) info.fields.set(name, m.initializer.expression);
      else if (ts.isPropertyDeclaration(m) && name && typeName(m.type)) info.fields.set(name, typeName(m.type)!);
      if (ts.isConstructorDeclaration(m)) {
        for (const p of m.parameters) {
          const t = typeName(p.type);
          if (t && ts.isIdentifier(p.name) && ts.isParameterPropertyDeclaration(p, m)) info.fields.set(p.name.text, t);
          // `constructor(private repo)` with no type: the field holds what each `new` site hands in.
          else if (ts.isIdentifier(p.name) && ts.isParameterPropertyDeclaration(p, m) && !p.type) info.args.set(p.name.text, m.parameters.indexOf(p));
        }
      }
      if (ts.isConstructorDeclaration(m) && m.body) {
        for (const s of m.body.statements) {
          const e = ts.isExpressionStatement(s) ? s.expression : null;
          if (!e || !ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(e.left)
            || e.left.expression.kind !== ts.SyntaxKind.ThisKeyword) continue;
          const field = e.left.name.text;
          const right = unwrap(e.right);
          if (ts.isNewExpression(right)) info.fields.set(field, right.expression);
          else if (ts.isIdentifier(right)) {
            // `this.repo = repo`: the parameter's declared type, else what each `new` site hands in.
            const at = m.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === right.text);
            const p = at >= 0 ? m.parameters[at] : undefined;
            if (p && typeName(p.type)) info.fields.set(field, typeName(p.type)!);
            else if (p && !p.type && !p.dotDotDotToken) info.args.set(field, at);
          }
        }
      }
      // Constructors, field initializers and static blocks run with the class: they are the class's own references.
      bodies.push({ decl: d, node: m, cls: info });
    }
    for (const h of c.heritageClauses ?? []) bodies.push({ decl: d, node: h });
    for (const dec of ts.canHaveDecorators(c) ? ts.getDecorators(c) ?? [] : []) bodies.push({ decl: d, node: dec });
  };
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.body) {
      const id = s.name?.text ?? 'default';
      const d = declare(id, 'function', s, exportNames(s, s.name?.text ?? null));
      if (s.name) idOf.set(s, id);
      bodies.push({ decl: d, node: s });
    } else if (ts.isClassDeclaration(s)) {
      const id = s.name?.text ?? 'default';
      if (s.name) idOf.set(s, id);
      classDecl(s, id, exportNames(s, s.name?.text ?? null));
    } else if (ts.isVariableStatement(s)) {
      const exported = has(s, ts.SyntaxKind.ExportKeyword);
      for (const v of s.declarationList.declarations) {
        if (!ts.isIdentifier(v.name)) {
          // `const { findUser } = require('./users')`: its names refer to that module's exports.
          if (ts.isObjectBindingPattern(v.name) && v.initializer && ts.isCallExpression(v.initializer) && ts.isIdentifier(v.initializer.expression) && v.initializer.expression.text === 'require') {
            for (const el of v.name.elements) if (ts.isIdentifier(el.name)) required.add(el.name.text);
          }
          bodies.push({ decl: mod, node: v });
          continue;
        }
        const id = v.name.text;
        // `const users = require('./users')`, `const verify = require('./auth').verify`: an import of the
        // module (or of its export), as `import * as users` is, so the link resolves the name to it.
        const req = requiredBy(v);
        if (req) {
          imports.push({ spec: req.from, imported: req.imported, local: id, line: ctx.lineOf(v), node: v });
          continue;
        }
        idOf.set(v, id);
        const init = v.initializer;
        const exports = exported ? [id] : [];
        if (isFunctionValue(init)) bodies.push({ decl: declare(id, 'function', v, exports), node: init });
        else if (init && ts.isClassExpression(init)) classDecl(init, id, exports);
        // `{ ... } satisfies RouterRecord`, `{ ... } as const`: the object itself.
        else if (init && ts.isObjectLiteralExpression(unwrap(init))) objectMembers(id, unwrap(init) as ts.ObjectLiteralExpression, declare(id, 'object', v, exports, constValue(v)));
        else {
          // A value computed when the module loads: top-level code refers to it.
          const d = declare(id, 'variable', v, exports, constValue(v));
          mod.fact.refs.push({ local: id, line: d.fact.line, runs: true });
          if (init) bodies.push({ decl: d, node: init });
          const made = init ? unwrap(init) : null;
          if (made && ts.isNewExpression(made) && (s.declarationList.flags & ts.NodeFlags.Const) !== 0) holders.push([d, made.expression]);
        }
      }
    } else if (ts.isExpressionStatement(s) && commonJsExport(s.expression)) {
      // `module.exports = { authenticate }`, `module.exports = fn`, `exports.verify = (req, res, next) => ...`:
      // the file's exports as a `require` (destructured or not) of it reads them.
      const { name, value } = commonJsExport(s.expression)!;
      const named = (n: string, v: ts.Expression, at: ts.Node) => {
        const right = unwrap(v);
        const required = ts.isCallExpression(right) && ts.isIdentifier(right.expression) && right.expression.text === 'require' && right.arguments.length === 1 && ts.isStringLiteralLike(right.arguments[0]) ? right.arguments[0].text : null;
        if (ts.isIdentifier(right)) symbolFacts.emit(ctx, { type: 'export', name: n, local: right.text });
        else if (isFunctionValue(right)) bodies.push({ decl: declare(n, 'function', at, [n]), node: right });
        // `module.exports.users = require('./users')`: a barrel of CommonJS modules.
        else if (required) symbolFacts.emit(ctx, { type: 'reexport', spec: required, name: n, imported: '*' });
        // `exports.getUser = catchAsync(async (req, res) => ...)`: the export holds what the call makes of the
        // function it is handed, declared by its name as `export const getUser = catchAsync(...)` is.
        else if (n !== 'default' && ts.isCallExpression(right) && right.arguments.some(isFunctionValue)) {
          const d = declare(n, 'variable', at, [n]);
          mod.fact.refs.push({ local: n, line: d.fact.line });
          bodies.push({ decl: d, node: right });
        }
        // `module.exports = new UserService()`: the instance's methods are the file's exports (after the loop, when the class is declared).
        else if (ts.isNewExpression(right) && ts.isIdentifier(right.expression)) {
          instanceExports.push([n === 'default' ? '' : n, right.expression.text, at]);
          bodies.push({ decl: mod, node: v });
        } else bodies.push({ decl: mod, node: v });
      };
      if (name !== null) named(name, value, s);
      else if (ts.isObjectLiteralExpression(value)) {
        for (const p of value.properties) {
          if (ts.isShorthandPropertyAssignment(p)) symbolFacts.emit(ctx, { type: 'export', name: p.name.text, local: p.name.text });
          else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) named(p.name.text, p.initializer, p);
          else bodies.push({ decl: mod, node: p });
        }
      } else named('default', value, s);
    } else if (ts.isExportAssignment(s)) {
      const e = s.expression;
      if (ts.isIdentifier(e)) symbolFacts.emit(ctx, { type: 'export', name: 'default', local: e.text });
      if (ts.isObjectLiteralExpression(e)) objectMembers('default', e, declare('default', 'object', s, ['default']));
      else if (ts.isClassExpression(e)) classDecl(e, 'default', ['default']);
      else if (isFunctionValue(e)) bodies.push({ decl: declare('default', 'function', s, ['default']), node: e });
      else if (ts.isNewExpression(unwrap(e))) {
        // `export default new UserService()`: a value of its own, whose class the link reads.
        const d = declare('default', 'variable', s, ['default']);
        mod.fact.refs.push({ local: 'default', line: d.fact.line });
        bodies.push({ decl: d, node: e });
        holders.push([d, (unwrap(e) as ts.NewExpression).expression]);
      } else bodies.push({ decl: mod, node: e });
    } else if (ts.isImportDeclaration(s)) {
      const spec = ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : null;
      const clause = s.importClause;
      if (!spec || !clause || clause.isTypeOnly) continue;
      if (clause.name) imports.push({ spec, imported: 'default', local: clause.name.text, line: ctx.lineOf(s), node: clause });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) imports.push({ spec, imported: '*', local: nb.name.text, line: ctx.lineOf(s), node: nb });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) if (!el.isTypeOnly) imports.push({ spec, imported: (el.propertyName ?? el.name).text, local: el.name.text, line: ctx.lineOf(s), node: el });
      }
    } else if (ts.isExportDeclaration(s)) {
      if (s.isTypeOnly) continue;
      const spec = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : null;
      const clause = s.exportClause;
      if (spec && !clause) symbolFacts.emit(ctx, { type: 'reexport', spec, name: '*', imported: '*' });
      else if (spec && clause && ts.isNamespaceExport(clause)) symbolFacts.emit(ctx, { type: 'reexport', spec, name: clause.name.text, imported: '*' });
      else if (clause && ts.isNamedExports(clause)) {
        for (const el of clause.elements) {
          if (el.isTypeOnly) continue;
          const local = (el.propertyName ?? el.name).text;
          if (spec) symbolFacts.emit(ctx, { type: 'reexport', spec, name: el.name.text, imported: local });
          else {
            symbolFacts.emit(ctx, { type: 'export', name: el.name.text, local });
            // Exporting an imported binding hands its value on: that is a use of it.
            const b = ctx.scope.resolve(el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName : el.name as ts.Identifier);
            if (b?.kind === 'import') importUses.set(b.decl, (importUses.get(b.decl) ?? 0) + 1);
          }
        }
      }
    } else if (!ts.isInterfaceDeclaration(s) && !ts.isTypeAliasDeclaration(s) && !ts.isModuleDeclaration(s)) {
      bodies.push({ decl: mod, node: s });
    }
  }
  for (const [name, cls, at] of instanceExports) {
    for (const m of classes.get(cls)?.members ?? []) symbolFacts.emit(ctx, { type: 'export', name: m, local: `${cls}.${m}` });
    if (!classes.has(cls)) symbolFacts.emit(ctx, { type: 'export', name: name || 'default', local: cls });
    // `const users = require('./users'); users.update()`: the module's value is an instance of the class.
    else if (!decls.has(name || 'default')) declare(name || 'default', 'variable', at, [name || 'default'], { holds: { local: cls } });
  }

  // Only names that can resolve to something recorded are looked up (the scopes answer most without binding the file).
  const interesting = new Set<string>([...idOf.values(), ...imports.map((i) => i.local), ...required]);
  const declared = ctx.scope.declared();
  // A variable holding `new X()` matters only when X is a class the file declares or imports (`new URL()` does not).
  const classNames = new Set(interesting);
  const holdsKnownInstance = (d: ts.Declaration): boolean => ts.isVariableDeclaration(d) && d.initializer !== undefined
    && ts.isNewExpression(d.initializer) && ts.isIdentifier(d.initializer.expression) && classNames.has(d.initializer.expression.text);
  // So does a variable or parameter declared with such a class as its type (`svc: ArticleService`).
  const typedAsKnown = (d: ts.Declaration): boolean => (ts.isVariableDeclaration(d) || ts.isParameter(d)) && classNames.has(typeName(d.type)?.text ?? '');
  for (const [name, list] of declared) if (list.some(holdsKnownInstance) || list.some(typedAsKnown)) interesting.add(name);
  const resolved = (id: ts.Identifier): Binding | null => (interesting.has(id.text) ? ctx.scope.resolve(id) : null);
  /** What an expression names: a declaration of the file or an import (with a member when it is `X.member`). */
  const target = (e: ts.Expression, depth = 0): Omit<SymbolRef, 'line'> | null => {
    if (depth > 4) return null;
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return target(e.expression, depth + 1);
    if (!ts.isIdentifier(e)) return null;
    const b = resolved(e);
    if (!b) return null;
    if (b.kind === 'import') return { module: b.from, name: b.imported };
    const req = requireOf(b);
    if (req) return { module: req.from, name: req.imported };
    const local = idOf.get(b.decl);
    if (local !== undefined) return { local };
    return null;
  };
  /** The class a receiver is an instance of: a const or field holding `new X()`. */
  const instanceOf = (e: ts.Expression, cls: ClassInfo | undefined): Omit<SymbolRef, 'line'> | null => {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (ts.isNewExpression(e)) return target(e.expression);
    if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword && cls) {
      const x = cls.fields.get(e.name.text);
      return x ? target(x) : null;
    }
    if (ts.isIdentifier(e)) {
      const b = resolved(e);
      if (b?.kind === 'variable' && b.isConst && b.initializer && ts.isNewExpression(b.initializer)) return target(b.initializer.expression);
      const t = b?.kind === 'variable' || b?.kind === 'parameter' ? typeName(b.decl.type) : null;
      if (t) return target(t);
    }
    return null;
  };
  for (const [h, x] of holders) {
    const t = target(x);
    if (t && (t.local === undefined || classes.has(t.local))) h.fact.holds = { ...(t.local !== undefined ? { local: t.local } : {}), ...(t.module !== undefined ? { module: t.module } : {}), ...(t.name !== undefined ? { name: t.name } : {}) };
  }
  const withMember = (t: Omit<SymbolRef, 'line'>, member: string): Omit<SymbolRef, 'line'> =>
    t.local !== undefined ? { local: classes.has(t.local) || decls.has(`${t.local}.${member}`) ? `${t.local}.${member}` : t.local } : { ...t, member };
  /** The class a constructor's argument is an instance of (`new Repo(db)`, a const holding one, a typed name), or a name that may hold one. */
  const heldBy = (a: ts.Expression): { local?: string; module?: string; name?: string } | null => {
    const t = instanceOf(a, cls) ?? (ts.isIdentifier(unwrap(a)) ? target(unwrap(a)) : null);
    if (!t || t.member !== undefined) return null;
    return { ...(t.local !== undefined ? { local: t.local } : {}), ...(t.module !== undefined ? { module: t.module } : {}), ...(t.name !== undefined ? { name: t.name } : {}) };
  };
  const add = (d: Decl, t: Omit<SymbolRef, 'line'>, node: ts.Node, isNew = false): void => {
    const runs = isNew ? runsWhen(node, owner) : calledWhenRuns(node, owner);
    const key = `${t.local ?? ''}|${t.module ?? ''}|${t.name ?? ''}|${t.member ?? ''}|${isNew}|${t.instance === true}|${t.field ?? ''}|${t.args ? JSON.stringify(t.args) : ''}|${runs}`;
    if (d.seen.has(key)) return;
    d.seen.add(key);
    d.fact.refs.push({ ...t, ...(isNew ? { new: true as const } : {}), ...(runs ? { runs: true as const } : {}), line: ctx.lineOf(node) });
  };

  // The declaration and class whose body is walked: the same for the whole of one body's walk.
  let d: Decl = mod;
  let cls: ClassInfo | undefined;
  // The function whose body is walked (null: the top level, or a value's initializer), for `runs` (collect/runs.ts).
  let owner: ts.Node | null = null;
  const walk = (n: ts.Node): void => {
    // One switch on the kind: every node of every body passes here, and most are of no kind below.
    switch (n.kind) {
      case ts.SyntaxKind.Identifier: {
        // Most nodes are names, and most names resolve to nothing recorded: those are left before any other test.
        const id = n as ts.Identifier;
        if (interesting.has(id.text) && !isDeclarationName(id)) {
          const t = target(id);
          if (t) add(d, t, id);
          countImport(id);
        }
        return;
      }
      // `extends Base<T>`: the base class is a value; its type arguments are not.
      case ts.SyntaxKind.ExpressionWithTypeArguments: return walk((n as ts.ExpressionWithTypeArguments).expression);
      case ts.SyntaxKind.InterfaceDeclaration: case ts.SyntaxKind.TypeAliasDeclaration: return;
      case ts.SyntaxKind.HeritageClause:
        if ((n as ts.HeritageClause).token === ts.SyntaxKind.ImplementsKeyword) return;
        break;
      case ts.SyntaxKind.CallExpression: call(n as ts.CallExpression); break;
      case ts.SyntaxKind.BinaryExpression: {
        const op = (n as ts.BinaryExpression).operatorToken.kind;
        if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) d.assigns = true;
        break;
      }
      case ts.SyntaxKind.PrefixUnaryExpression: case ts.SyntaxKind.PostfixUnaryExpression: {
        const op = (n as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression).operator;
        if (op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken) d.assigns = true;
        break;
      }
      case ts.SyntaxKind.DeleteExpression: d.assigns = true; break;
      case ts.SyntaxKind.NewExpression: {
        const e = n as ts.NewExpression;
        checkCall(e);
        const t = target(e.expression);
        // What each argument is an instance of, for a class whose fields hold what its constructor is handed.
        const args = t ? (e.arguments ?? []).map((a) => heldBy(a)) : [];
        if (t) add(d, args.some((a) => a !== null) ? { ...t, args: args.map((a) => a ?? {}) } : t, e, true);
        break;
      }
      case ts.SyntaxKind.TaggedTemplateExpression: lockCall(n as ts.TaggedTemplateExpression); break;
      case ts.SyntaxKind.Parameter: identityParameter(n as ts.ParameterDeclaration); break;
      case ts.SyntaxKind.PropertyAccessExpression: {
        const pa = n as ts.PropertyAccessExpression;
        const name = pa.name.text;
        const recv = pa.expression;
        if (isIdentityName(name) && d.identity.size < MAX_IDENTITY) d.identity.add(textOf(pa));
        if (recv.kind === ts.SyntaxKind.ThisKeyword && cls?.members.has(name)) add(d, { local: `${cls.id}.${name}` }, pa);
        else {
          const inst = instanceOf(recv, cls);
          const base = inst ?? (ts.isIdentifier(recv) ? target(recv) : null);
          if (base) add(d, { ...withMember(base, name), ...(inst ? { instance: true as const } : {}) }, pa);
          // `this.users` alone, a field holding an instance of a known class (a constructor parameter property): the call on it is resolved above.
          else if (recv.kind !== ts.SyntaxKind.ThisKeyword || !instanceOf(pa, cls)) {
            d.members.add(name);
            // `this.repo.update()` on a field the constructor is handed untyped: the link reads the `new` sites.
            if (cls && ts.isPropertyAccessExpression(recv) && recv.expression.kind === ts.SyntaxKind.ThisKeyword && cls.args.has(recv.name.text)) add(d, { field: recv.name.text, member: name }, pa);
          }
        }
        if (ts.isIdentifier(recv)) countImport(recv);
        else walk(recv);
        return;
      }
      default:
        if (ts.isTypeNode(n)) return;
    }
    ts.forEachChild(n, walk);
  };
  const call = (n: ts.CallExpression): void => {
    if (ts.isPropertyAccessExpression(n.expression) && WRITE_METHODS.has(n.expression.name.text) && d.writes.length < MAX_WRITES) {
      const callee = writeCallee(n.expression);
      // `{ credits: { increment: 5 } }`, `{ $inc: { balance } }`: applied twice, it adds twice (knowledge RELATIVE_UPDATE_KEYS).
      if (callee) d.writes.push({ callee, line: ctx.lineOf(n), ...(n.arguments.some((a) => setsKey(a, RELATIVE_KEYS, 0)) ? { adds: true as const } : {}) });
    }
    // What the declaration does to stored state: the SQL it runs, by the statement's first keyword, and
    // calls that change state some other way (a KV put, a queue send): link/reach says whether a
    // handler only reads.
    if (ts.isPropertyAccessExpression(n.expression) && SQL_METHODS.has(n.expression.name.text) && d.sql.length < MAX_SQL) {
      const text = SQL_METHODS.get(n.expression.name.text)!.text;
      const arg = n.arguments[text];
      const literal = arg ? sqlTextOf(arg, ctx.scope) : null;
      // No argument there: a step of a prepared statement (`.all()` after `prepare(text)`), whose text the prepare carries.
      if (arg) d.sql.push({ verb: (literal !== null ? statementVerb(literal) : null) ?? '?', line: ctx.lineOf(n) });
    }
    if (d.effects.length < MAX_SQL) {
      const e = n.expression;
      const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : null;
      if (name !== null && EFFECT_METHODS.has(name)) d.effects.push({ callee: e.getText(ctx.sourceFile).slice(0, 80), line: ctx.lineOf(n) });
    }
    checkCall(n);
    lockCall(n);
    // `setInterval(fn, ms)` of the runtime (no declaration of that name in scope): its lines, for what the callback does.
    if (ts.isIdentifier(n.expression) && n.expression.text === 'setInterval' && !ctx.scope.resolve(n.expression) && d.intervals.length < MAX_LOCKS) {
      d.intervals.push({ line: ctx.lineOf(n), end: ctx.lineOfOffset((n.arguments[0] ?? n).end) });
    }
  };
  // `new paypal.orders.OrdersCaptureRequest(id)`: a confirmation is a request object made, then executed.
  const checkCall = (n: ts.CallExpression | ts.NewExpression): void => {
    if (d.checks.length >= MAX_CHECKS) return;
    const e = n.expression;
    const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : null;
    const callee = name !== null && CHECK_METHODS.has(name) ? checkCallee(e) : null;
    if (callee) d.checks.push({ callee, line: ctx.lineOf(n) });
  };
  const lockCall = (n: ts.CallExpression | ts.TaggedTemplateExpression): void => {
    if (d.locks.length >= MAX_LOCKS) return;
    const idiom = lockOf(n);
    if (idiom) d.locks.push({ idiom, line: ctx.lineOf(n) });
  };
  /** `typeorm#Repository#delete` for a write on an instance of an imported class, else the call as written. */
  const writeCallee = (e: ts.PropertyAccessExpression): string | null => {
    // `prisma.note.update` on `const prisma = new PrismaClient()`: `@prisma/client#PrismaClient#note#update`.
    const members = [e.name.text];
    let recv = e.expression;
    while (ts.isPropertyAccessExpression(recv) && recv.expression.kind !== ts.SyntaxKind.ThisKeyword && members.length < 4) {
      members.unshift(recv.name.text);
      recv = recv.expression;
    }
    const inst = instanceOf(recv, cls);
    if (inst?.module !== undefined) return [`${inst.module}#${inst.name ?? 'default'}`, ...members].join('#');
    if (inst?.local !== undefined) return [inst.local, ...members].join('#');
    const text = textOf(e);
    return text.length <= 80 ? text : null;
  };
  /**
   * A call of a method some library checks a signature with, named as body facts name callees: an
   * import as `module#export` (`crypto#timingSafeEqual`, `twilio#default#validateRequest`), a method of
   * an instance of an imported class as `module#Class#member...` (`stripe#default#webhooks#constructEvent`
   * on `new Stripe()`), else as written. Which of them verify is the link's judgment (knowledge).
   */
  const checkCallee = (e: ts.Expression): string | null => {
    const members: string[] = [];
    let base = e;
    while (ts.isPropertyAccessExpression(base) && members.length < 4) {
      members.unshift(base.name.text);
      base = base.expression;
    }
    const t = target(base);
    if (t?.module !== undefined) return [t.module, ...(t.name === undefined || t.name === '*' ? [] : [t.name]), ...members].join('#');
    if (ts.isPropertyAccessExpression(e)) return writeCallee(e);
    return null;
  };
  /** A parameter named for the caller (`userId`), or decorated by something that is no request input (`@User('id')`). */
  const identityParameter = (p: ts.ParameterDeclaration): void => {
    if (d.identity.size >= MAX_IDENTITY) return;
    if (ts.isIdentifier(p.name) && isIdentityName(p.name.text)) d.identity.add(p.name.text);
    for (const dec of ts.getDecorators(p) ?? []) {
      const e = ts.isCallExpression(dec.expression) ? dec.expression.expression : dec.expression;
      if (!ts.isIdentifier(e)) continue;
      const b = ctx.scope.resolve(e);
      const imp = b?.kind === 'import' ? { from: b.from, imported: b.imported } : null;
      // The framework's own decorators are the caller only for the session (`@Session()`); `@Res()`,
      // `@Ip()` or `@UploadedFile()` say nothing of who the caller is. One of the app's own may (`@CurrentUser()`).
      const field = imp ? nestParamField(imp.from, imp.imported) : undefined;
      if (field !== undefined ? field !== null && isSessionField(field) : !imp || !isRequestDecorator(imp.from, imp.imported)) d.identity.add(`@${e.text}`);
    }
  };
  const countImport = (id: ts.Identifier): void => {
    const b = resolved(id);
    if (b?.kind === 'import') importUses.set(b.decl, (importUses.get(b.decl) ?? 0) + 1);
  };
  for (const b of bodies) {
    // The function's own name and parameters are not references; its body and default values are.
    d = b.decl;
    cls = b.cls;
    owner = ts.isFunctionLike(b.node) ? b.node : null;
    if (ts.isFunctionLike(b.node)) ts.forEachChild(b.node, (c) => { if (c !== (b.node as ts.NamedDeclaration).name) walk(c); });
    else walk(b.node);
  }
  for (const i of imports) {
    symbolFacts.emit(ctx, {
      type: 'import', spec: i.spec, imported: i.imported, local: i.local, line: i.line, valueRefs: importUses.get(i.node) ?? 0,
      ...(injected.has(i.local) ? { injected: true as const } : {}),
    });
  }
  for (const [id, c] of classes) {
    const d = decls.get(id);
    if (d && c.args.size > 0) d.fact.ctorFields = [...c.args].map(([field, arg]) => ({ field, arg }));
  }
  for (const d of decls.values()) {
    if (d.members.size > 0) d.fact.members = [...d.members].sort();
    if (d.identity.size > 0) d.fact.identity = [...d.identity];
    if (d.writes.length > 0) d.fact.writes = d.writes;
    if (d.checks.length > 0) d.fact.checks = d.checks;
    if (d.sql.length > 0) d.fact.sql = d.sql;
    if (d.effects.length > 0) d.fact.effects = d.effects;
    if (d.assigns) d.fact.assigns = true;
    if (d.locks.length > 0) d.fact.locks = d.locks;
    if (d.intervals.length > 0) d.fact.intervals = d.intervals;
    if (d.fact.id === MODULE && d.fact.refs.length === 0 && !d.fact.members) continue;
    symbolFacts.emit(ctx, d.fact);
  }
}

/**
 * Type names of constructor parameters (`constructor(private limiter: RateLimiter)`): what a DI container
 * hands in. A constructor inside another's body (a class declared in a constructor) is not one of them.
 */
function injectedTypes(n: ts.ConstructorDeclaration, out: Set<string>): void {
  for (let up: ts.Node | undefined = n.parent; up; up = up.parent) if (ts.isConstructorDeclaration(up)) return;
  for (const p of n.parameters) {
    if (p.type && ts.isTypeReferenceNode(p.type) && ts.isIdentifier(p.type.typeName)) out.add(p.type.typeName.text);
    // `@Inject(RateLimiter)`, `@InjectQueue('x')`: the decorator names what is handed in.
    for (const d of ts.getDecorators(p) ?? []) if (ts.isCallExpression(d.expression)) for (const a of d.expression.arguments) if (ts.isIdentifier(a)) out.add(a.text);
  }
}

/** An expression's text without spaces or line breaks. */
function textOf(e: ts.Node): string {
  return e.getText().replace(/\s+/g, '');
}

/** The name a declaration introduces (`x` in `const x`, `f` in `function f`), not a reference. */
function isDeclarationName(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if ((ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p)
    || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertyAssignment(p) || ts.isFunctionExpression(p) || ts.isClassExpression(p)
    || ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isEnumDeclaration(p) || ts.isEnumMember(p) || ts.isPropertySignature(p) || ts.isMethodSignature(p)) && p.name === id) return true;
  if (ts.isBindingElement(p) && p.propertyName === id) return true;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return true;
  return false;
}
