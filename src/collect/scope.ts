// Lexical scopes, by TypeScript's own binder and checker on one file: what an identifier refers to
// (a parameter, a variable, a destructured binding, a function, a class, an import), with shadowing,
// hoisting and block scope as the language has them. Bound lazily: binding costs about as much as
// parsing, and most questions do not need it. A name the file declares once refers to that
// declaration wherever its scope holds the reference, and a name it never declares to nothing: the
// binder's answer, read from one walk of the file. Only a name declared more than once (shadowing,
// overloads, merging), or one in a slot where the binder reads names otherwise (types, labels,
// property names of patterns and imports, JSX tags), binds the file, on the first such question.
import { performance } from 'node:perf_hooks';
import ts from 'typescript';

/** What an identifier refers to, resolved through the scopes it is in. */
export type Binding =
  | { kind: 'parameter'; decl: ts.ParameterDeclaration; fn: ts.SignatureDeclaration; index: number }
  /** A variable declared by name (`const x = ...`, `let x`, `var x`); `initializer` is null when it has none. */
  | { kind: 'variable'; decl: ts.VariableDeclaration; isConst: boolean; initializer: ts.Expression | null }
  /** A name bound by destructuring (`const { a } = obj`, `function f({ a })`). */
  | { kind: 'destructured'; decl: ts.BindingElement }
  | { kind: 'function'; decl: ts.FunctionDeclaration }
  | { kind: 'class'; decl: ts.ClassDeclaration }
  /** An import: `from` is the module specifier, `imported` the export's name, 'default', or '*' for a namespace. */
  | { kind: 'import'; decl: ts.Declaration; from: string; imported: string }
  /** Anything else the language can declare (an enum, a catch variable, a type). */
  | { kind: 'other'; decl: ts.Declaration };

export interface Scope {
  /** The declaration `id` refers to in this file; null for a global, an undeclared name or a property name. */
  resolve(id: ts.Identifier): Binding | null;
  /** Whether the variable declared by `decl` is assigned anywhere after its declaration (`x = …`, `x += …`, `x++`). */
  isReassigned(decl: ts.Declaration): boolean;
  /** Each later write to that variable: the value a plain `=` assigns, null for `+=`, `++`, destructuring and loops. */
  writes(decl: ts.Declaration): ReadonlyArray<ts.Expression | null>;
  /** Whether `id` refers to the declaration `decl` (the same binding, not merely the same name). */
  refersTo(id: ts.Identifier, decl: ts.Declaration): boolean;
  /** Every declaration of the file by name, types included (one walk, shared by all who ask). */
  declared(): ReadonlyMap<string, readonly ts.Declaration[]>;
}

/** Time and count of files bound in this thread, for `--timing`. */
export const bindStats = { files: 0, ms: 0 };

const OPTIONS: ts.CompilerOptions = { noLib: true, noResolve: true, types: [], allowJs: true, noEmit: true, skipLibCheck: true };

/**
 * A scope over `sourceFile()`, bound on the first question. `sourceFile` is a getter because the
 * tree exists only while the file is being visited.
 */
export function lazyScope(sourceFile: () => ts.SourceFile, onBind?: (ms: number) => void): Scope & { release(): void; bind(): void } {
  let checker: ts.TypeChecker | null = null;
  let bound: ts.SourceFile | null = null;
  let written: Map<ts.Declaration, Array<ts.Expression | null>> | null = null;
  let named: Declared | null = null;
  /** The file's declarations by name, from one walk (parent pointers set first: scopes are read through them). */
  const names = (): Declared => {
    const sf = sourceFile();
    if (named?.sf === sf) return named;
    // Unbound: parents and declarations in one walk (see bindDeclared).
    if (sf.statements.length > 0 && !sf.statements[0].parent) return (named = bindDeclared(sf));
    return (named = declarationsOf(sf));
  };
  /**
   * What `id` refers to without binding: the innermost declaration of its name whose scope holds the
   * reference, null when none does; undefined when only the binder can tell (two declarations in one
   * scope, a type, a block-level function, a namespace, a binder's slot).
   */
  const quick = (id: ts.Identifier): ts.Declaration | null | undefined => {
    const d = names();
    if (d.namespaces) return undefined;
    if (ts.isTypeReferenceNode(id.parent) && id.parent.typeName === id) return typeQuick(d, id);
    // `require` a JavaScript file does not declare: the binder's own require symbol, which declares nothing.
    if (id.text === 'require' && (d.sf.flags & ts.NodeFlags.JavaScriptFile) !== 0 && !d.names.has('require')) return null;
    // A JSX tag: a lowercase or dashed one (`<div>`) is an intrinsic element, which declares nothing while
    // no JSX types are loaded; any other (`<Button>`) is read as a plain reference to a value.
    const p = id.parent;
    const tag = (ts.isJsxOpeningElement(p) || ts.isJsxSelfClosingElement(p) || ts.isJsxClosingElement(p)) && p.tagName === id;
    if (tag && (/^[a-z]/.test(id.text) || id.text.includes('-'))) return null;
    if (!tag && bindersSlot(id, d.sf)) return undefined;
    const all = d.names.get(id.text);
    if (!all) return null;
    // A name declared in many places (`id` in each of 40 route handlers) is looked up by the scopes
    // around the reference, not by trying every declaration: a file's questions stay linear.
    const list = all.length > FEW ? inScopesOf(d, id, all) : all;
    let best: ts.Declaration | null = null;
    let bestScope: ts.Node | null = null;
    let tie = false;
    for (const decl of list) {
      let scope = d.scopes.get(decl);
      if (!scope) d.scopes.set(decl, (scope = scopeOf(decl)));
      if (scope.pos > id.pos || id.end > scope.end) continue;
      if (!plainValue(decl)) return undefined;
      if (bestScope === scope) tie = true;
      else if (!bestScope || scope.end - scope.pos < bestScope.end - bestScope.pos) {
        best = decl;
        bestScope = scope;
        tie = false;
      }
    }
    return tie ? undefined : best;
  };
  const check = (): ts.TypeChecker => {
    const sf = sourceFile();
    if (checker && bound === sf) return checker;
    const t = performance.now();
    checker = checkerFor(sf);
    bound = sf;
    written = null;
    bindStats.files++;
    const ms = performance.now() - t;
    bindStats.ms += ms;
    onBind?.(ms);
    return checker;
  };
  /** Answers given for this file's identifiers (a Binding is never changed by those who read it). */
  let resolved: Map<ts.Identifier, Binding | null> | null = null;
  const resolveNow = (id: ts.Identifier): Binding | null => {
    if (!id.parent) names(); // a host parsed without parent pointers: set them before reading any
    if (isPropertyName(id)) return null;
    const known = quick(id);
    if (known !== undefined) return known ? bindingOf(known) : null;
    const c = check();
    let sym = c.getSymbolAtLocation(id);
    // `{ a }` in an object literal: the symbol is the property; the value comes from the variable.
    if (sym && ts.isShorthandPropertyAssignment(id.parent) && id.parent.name === id) sym = c.getShorthandAssignmentValueSymbol(id.parent);
    const decl = sym?.declarations?.[0];
    return decl ? bindingOf(decl) : null;
  };
  const scope: Scope & { release(): void; bind(): void } = {
    /**
     * Sets the file's parent pointers, recording its declarations in the same walk: nearly every
     * parsed file is asked about its names, and a second whole-tree walk for them cost twice the first.
     */
    bind() {
      const sf = sourceFile();
      if (named?.sf !== sf) named = bindDeclared(sf);
    },
    /** Drops the checker, and with it the file's tree (see processFile in index.ts). */
    release() {
      resolved = null;
      checker = null;
      bound = null;
      written = null;
      named = null;
    },
    declared() {
      return names().names;
    },
    refersTo(id, decl) {
      return scope.resolve(id)?.decl === decl;
    },
    resolve(id) {
      // Several hosts ask about the same names (a call's root, an argument): each is answered once per file.
      const seen = resolved?.get(id);
      if (seen !== undefined) return seen;
      const b = resolveNow(id);
      (resolved ??= new Map()).set(id, b);
      return b;
    },
    isReassigned(decl) {
      return (writesIn().get(decl)?.length ?? 0) > 0;
    },
    writes(decl) {
      return writesIn().get(decl) ?? [];
    },
  };
  /** Every write to a variable in the file, by its declaration: the value assigned, or null when not a plain `=`. */
  const writesIn = (): Map<ts.Declaration, Array<ts.Expression | null>> => {
    if (written) return written;
    const map = new Map<ts.Declaration, Array<ts.Expression | null>>();
    const target = (e: ts.Expression, value: ts.Expression | null): void => {
      while (ts.isParenthesizedExpression(e)) e = e.expression;
      if (ts.isIdentifier(e)) {
        // A shorthand `{ a } = …` names the object's property to the binder, not the variable.
        const fast = ts.isShorthandPropertyAssignment(e.parent) ? undefined : quick(e);
        const d = fast !== undefined ? fast : check().getSymbolAtLocation(e)?.declarations?.[0];
        if (d) {
          let list = map.get(d);
          if (!list) map.set(d, (list = []));
          list.push(value);
        }
      } else if (ts.isArrayLiteralExpression(e)) {
        for (const x of e.elements) target(ts.isSpreadElement(x) ? x.expression : x, null);
      } else if (ts.isObjectLiteralExpression(e)) {
        for (const p of e.properties) {
          if (ts.isShorthandPropertyAssignment(p)) target(p.name, null);
          else if (ts.isPropertyAssignment(p)) target(p.initializer, null);
        }
      }
    };
    const write = (n: ts.Node): void => {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        target(n.left, n.operatorToken.kind === ts.SyntaxKind.EqualsToken ? n.right : null);
      } else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n))
        && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) target(n.operand, null);
      else if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && !ts.isVariableDeclarationList(n.initializer)) target(n.initializer as ts.Expression, null);
    };
    const d = names();
    // The binding walk listed the nodes that may write (in tree order): no second walk of the file.
    if (d.writeNodes) for (const n of d.writeNodes) write(n);
    else {
      const visit = (n: ts.Node): void => {
        write(n);
        ts.forEachChild(n, visit);
      };
      visit(d.sf);
    }
    return (written = map);
  };
  return scope;
}

function checkerFor(sf: ts.SourceFile): ts.TypeChecker {
  const name = sf.fileName;
  const host: ts.CompilerHost = {
    getSourceFile: (n) => (n === name ? sf : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => {},
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => f === name,
    readFile: () => undefined,
    // `noResolve` keeps other files out of the program, but TypeScript still resolves each import,
    // probing node_modules in every folder up to the root: 40% of the time binding a file took
    // (measured on 400 files of a monorepo). An import binds the same alias unresolved.
    resolveModuleNameLiterals: (literals) => literals.map(() => ({ resolvedModule: undefined })),
    resolveTypeReferenceDirectiveReferences: (refs) => refs.map(() => ({ resolvedTypeReferenceDirective: undefined })),
  };
  return ts.createProgram({ rootNames: [name], options: OPTIONS, host }).getTypeChecker();
}

/** `x` in `a.x`, `{ x: 1 }`, `class { x() {} }`: a name, not a reference. */
function isPropertyName(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return true;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) && p.name === id) return true;
  return false;
}

/** What a declaration binds, as `resolve` answers for an identifier that refers to it. */
export function bindingOf(decl: ts.Declaration): Binding {
  if (ts.isParameter(decl)) {
    const fn = decl.parent as ts.SignatureDeclaration;
    return { kind: 'parameter', decl, fn, index: fn.parameters.indexOf(decl) };
  }
  if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) {
    const isConst = (ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) !== 0;
    return { kind: 'variable', decl, isConst, initializer: decl.initializer ?? null };
  }
  if (ts.isBindingElement(decl)) return { kind: 'destructured', decl };
  if (ts.isFunctionDeclaration(decl)) return { kind: 'function', decl };
  if (ts.isClassDeclaration(decl)) return { kind: 'class', decl };
  if (ts.isImportSpecifier(decl)) {
    return { kind: 'import', decl, from: moduleOf(decl.parent.parent.parent), imported: (decl.propertyName ?? decl.name).text };
  }
  if (ts.isImportClause(decl)) return { kind: 'import', decl, from: moduleOf(decl.parent), imported: 'default' };
  if (ts.isNamespaceImport(decl)) return { kind: 'import', decl, from: moduleOf(decl.parent.parent), imported: '*' };
  if (ts.isImportEqualsDeclaration(decl) && ts.isExternalModuleReference(decl.moduleReference) && ts.isStringLiteral(decl.moduleReference.expression)) {
    return { kind: 'import', decl, from: decl.moduleReference.expression.text, imported: '*' };
  }
  return { kind: 'other', decl };
}

function moduleOf(decl: ts.ImportDeclaration | ts.JSDocImportTag): string {
  return ts.isStringLiteral(decl.moduleSpecifier) ? decl.moduleSpecifier.text : '';
}

/**
 * What a name bound by `const x = require('m')` or `const { a } = require('m')` imports; null when
 * it is not a require binding. CommonJS code imports this way.
 */
export function requireOf(b: Binding): { from: string; imported: string } | null {
  let decl: ts.Node = b.decl;
  let imported = '*';
  if (b.kind === 'destructured') {
    const el = b.decl;
    imported = (el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName : ts.isIdentifier(el.name) ? el.name : null)?.text ?? '*';
    decl = el.parent.parent;
    if (!ts.isVariableDeclaration(decl)) return null;
  } else if (b.kind !== 'variable') return null;
  let init = (decl as ts.VariableDeclaration).initializer;
  // `const verify = require('./auth').verify`: the module's export of that name, as a named import is.
  if (init && b.kind === 'variable' && ts.isPropertyAccessExpression(init) && ts.isIdentifier(init.name)) {
    imported = init.name.text;
    init = init.expression;
  }
  if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require'
    && init.arguments.length === 1 && ts.isStringLiteralLike(init.arguments[0])) {
    return { from: init.arguments[0].text, imported };
  }
  return null;
}

/**
 * Whether `id` sits where the binder reads a name by other rules than a plain reference to a value:
 * a type, a label, the property half of a pattern, import or export, a JSX tag or attribute, a
 * declaration's own name that the walk below does not record, or `exports`/`module`/`require` in a
 * JavaScript file (CommonJS names the checker declares itself).
 */
function bindersSlot(id: ts.Identifier, sf: ts.SourceFile): boolean {
  const p = id.parent;
  switch (p.kind) {
    case ts.SyntaxKind.TypeReference:
    case ts.SyntaxKind.QualifiedName:
    case ts.SyntaxKind.TypePredicate:
    case ts.SyntaxKind.LabeledStatement:
    case ts.SyntaxKind.BreakStatement:
    case ts.SyntaxKind.ContinueStatement:
    case ts.SyntaxKind.MetaProperty:
    case ts.SyntaxKind.ExportSpecifier:
    case ts.SyntaxKind.JsxOpeningElement:
    case ts.SyntaxKind.JsxSelfClosingElement:
    case ts.SyntaxKind.JsxClosingElement:
    case ts.SyntaxKind.JsxAttribute:
    case ts.SyntaxKind.JsxNamespacedName:
    case ts.SyntaxKind.NamedTupleMember:
      return true;
  }
  // `class A extends B`: B is a value; `implements B` and an interface's `extends B` are types.
  if (ts.isExpressionWithTypeArguments(p)) {
    const clause = p.parent;
    return !(ts.isHeritageClause(clause) && clause.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(clause.parent));
  }
  if ((ts.isBindingElement(p) || ts.isImportSpecifier(p)) && p.propertyName === id) return true;
  // `{ a }` in an object literal names the value `a` as a plain reference would (what `resolve` asks the
  // binder through getShorthandAssignmentValueSymbol): logging `{ id, tenant }` in a handler binds nothing.
  if ((p as ts.NamedDeclaration).name === id && !isRecorded(p) && !ts.isShorthandPropertyAssignment(p)) return true;
  if ((sf.flags & ts.NodeFlags.JavaScriptFile) !== 0) {
    if (id.text === 'exports' || id.text === 'module' || id.text === 'require') return true;
  }
  return false;
}

/** Declarations the walk below records by name. */
function isRecorded(n: ts.Node): n is ts.NamedDeclaration & ts.Declaration {
  return (recorded ??= recordedKinds())[n.kind] === 1;
}

/**
 * The kinds above as a table, built once: this test runs on every node of every file bound, and a
 * switch over `ts.SyntaxKind.X` loads each constant again through the module binding on every call.
 */
let recorded: Uint8Array | null = null;
function recordedKinds(): Uint8Array {
  const table = new Uint8Array(ts.SyntaxKind.Count);
  for (const k of [
    ts.SyntaxKind.VariableDeclaration, ts.SyntaxKind.Parameter, ts.SyntaxKind.BindingElement,
    ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.ClassDeclaration, ts.SyntaxKind.FunctionExpression,
    ts.SyntaxKind.ClassExpression, ts.SyntaxKind.EnumDeclaration, ts.SyntaxKind.EnumMember,
    ts.SyntaxKind.ModuleDeclaration, ts.SyntaxKind.ImportSpecifier, ts.SyntaxKind.NamespaceImport,
    ts.SyntaxKind.ImportClause, ts.SyntaxKind.ImportEqualsDeclaration, ts.SyntaxKind.InterfaceDeclaration,
    ts.SyntaxKind.TypeAliasDeclaration, ts.SyntaxKind.TypeParameter,
  ]) table[k] = 1;
  return table;
}

/**
 * A type's name (`x: Row`) without binding: null when the file declares nothing by that name (a global or
 * library type: the binder's unresolved symbol declares nothing); its one declaration when that names a
 * type (an interface, alias, class, enum, type parameter or import) and its scope holds the reference.
 * Anything else (merged declarations, a value of the same name, `infer`) is the binder's to answer.
 */
function typeQuick(d: Declared, id: ts.Identifier): ts.Declaration | null | undefined {
  const list = d.names.get(id.text);
  if (!list) return null;
  if (list.length !== 1 || !namesType(list[0])) return undefined;
  let scope = d.scopes.get(list[0]);
  if (!scope) d.scopes.set(list[0], (scope = scopeOf(list[0])));
  return scope.pos <= id.pos && id.end <= scope.end ? list[0] : undefined;
}

function namesType(decl: ts.Declaration): boolean {
  switch (decl.kind) {
    case ts.SyntaxKind.InterfaceDeclaration: case ts.SyntaxKind.TypeAliasDeclaration: case ts.SyntaxKind.ClassDeclaration:
    case ts.SyntaxKind.EnumDeclaration: case ts.SyntaxKind.TypeParameter: case ts.SyntaxKind.ImportSpecifier:
    case ts.SyntaxKind.ImportClause: case ts.SyntaxKind.NamespaceImport: case ts.SyntaxKind.ImportEqualsDeclaration:
      return true;
  }
  return false;
}

/** Up to this many declarations of a name are tried one by one; more are indexed by scope. */
const FEW = 8;

/**
 * The declarations of a name whose scope holds `id`, in the order the file declares them: those whose
 * scope is `id` or one of its ancestors (a node's text holds another's only if it is an ancestor).
 */
function inScopesOf(d: Declared, id: ts.Identifier, all: readonly ts.Declaration[]): ts.Declaration[] {
  let byScope = d.byScope.get(id.text);
  if (!byScope) {
    byScope = new Map();
    for (let i = 0; i < all.length; i++) {
      let scope = d.scopes.get(all[i]);
      if (!scope) d.scopes.set(all[i], (scope = scopeOf(all[i])));
      const at = byScope.get(scope);
      if (at) at.push(i);
      else byScope.set(scope, [i]);
    }
    d.byScope.set(id.text, byScope);
  }
  const found: number[] = [];
  for (let n: ts.Node | undefined = id; n; n = n.parent) {
    const at = byScope.get(n);
    if (at) found.push(...at);
  }
  return found.sort((a, b) => a - b).map((i) => all[i]);
}

interface Declared {
  sf: ts.SourceFile;
  /** Per name declared more than FEW times: its declarations' indexes by their scope node. */
  byScope: Map<string, Map<ts.Node, number[]>>;
  /** Every declaration of the file by name: values, and types too (a name declared as both is left to the binder). */
  names: Map<string, ts.Declaration[]>;
  /** Each declaration's scope, as asked. */
  scopes: Map<ts.Declaration, ts.Node>;
  /** The file declares a namespace or module: declarations merge across its blocks, so the binder answers. */
  namespaces: boolean;
  /** Assignments, `++`/`--` and `for…in/of` heads, in tree order, when the walk that bound the file listed them. */
  writeNodes?: ts.Node[];
}

function declarationsOf(sf: ts.SourceFile): Declared {
  const names = new Map<string, ts.Declaration[]>();
  let namespaces = false;
  const table = (recorded ??= recordedKinds());
  const moduleKind = ts.SyntaxKind.ModuleDeclaration;
  const visit = (n: ts.Node): void => {
    if (table[n.kind] === 1) {
      if (n.kind === moduleKind) namespaces = true;
      const name = (n as ts.NamedDeclaration).name;
      if (name && ts.isIdentifier(name)) {
        const list = names.get(name.text);
        if (list) list.push(n as ts.Declaration);
        else names.set(name.text, [n as ts.Declaration]);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { sf, names, scopes: new Map(), byScope: new Map(), namespaces };
}

/**
 * A declaration whose scope is where `scopeOf` says for a value reference: not a type (the binder
 * looks past one for a value), nor a function declared in a block (function-scoped outside strict code).
 */
function plainValue(d: ts.Declaration): boolean {
  if (ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d) || ts.isTypeParameterDeclaration(d)) return false;
  if (ts.isFunctionDeclaration(d)) {
    const p = d.parent;
    return ts.isSourceFile(p) || ts.isModuleBlock(p) || (ts.isBlock(p) && ts.isFunctionLike(p.parent));
  }
  return true;
}

/** The node whose text a declaration is visible in: its block, function, loop, catch clause or the file. */
function scopeOf(decl: ts.Declaration): ts.Node {
  let d: ts.Node = decl;
  while (ts.isBindingElement(d) || ts.isObjectBindingPattern(d) || ts.isArrayBindingPattern(d)) d = d.parent;
  if (ts.isParameter(d)) return d.parent;
  if (ts.isFunctionExpression(d) || ts.isClassExpression(d)) return d;
  if (ts.isImportSpecifier(d) || ts.isNamespaceImport(d) || ts.isImportClause(d) || ts.isImportEqualsDeclaration(d)) return d.getSourceFile();
  if (ts.isEnumMember(d) || ts.isTypeParameterDeclaration(d)) return d.parent;
  if (ts.isVariableDeclaration(d)) {
    const list = d.parent;
    if (ts.isCatchClause(list)) return list;
    const blockScoped = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.BlockScoped) !== 0;
    let up: ts.Node = list.parent;
    // `for (const x of ...)`: the loop; `const x` in a statement: the block around it; `var x`: the function.
    if (blockScoped) return ts.isVariableStatement(up) ? up.parent : up;
    while (up.parent && !ts.isFunctionLike(up) && !ts.isSourceFile(up) && !ts.isClassStaticBlockDeclaration(up)) up = up.parent;
    return up;
  }
  // Functions, classes, enums, namespaces, interfaces and type aliases: the block or file they are declared in.
  return d.parent;
}

/**
 * Parent pointers for every node, by one plain recursion: what `createSourceFile(..., true)` does,
 * without its generic work-list walk and the JSDoc nodes nothing here reads (12% less parse CPU on
 * the bench corpus).
 */
let bindingParent: ts.Node;
function bindChild(child: ts.Node): void {
  (child as { parent: ts.Node }).parent = bindingParent;
  const saved = bindingParent;
  bindingParent = child;
  ts.forEachChild(child, bindChild);
  bindingParent = saved;
}

/**
 * `bindParents` and `declarationsOf` in one walk: the same nodes in the same order, so the names
 * recorded are those `declarationsOf` records over the bound tree.
 */
let declaredNames: Map<string, ts.Declaration[]>;
let declaredNamespaces = false;
let declaredTable: Uint8Array;
let declaredWrites: ts.Node[];
let writeTable: Uint8Array | null = null;
const MODULE_KIND = ts.SyntaxKind.ModuleDeclaration;
/** The kinds `writesIn` looks at: a superset is fine (it tests each node again), a subset is not. */
function writeKinds(): Uint8Array {
  const table = new Uint8Array(ts.SyntaxKind.Count);
  for (const k of [ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.PrefixUnaryExpression, ts.SyntaxKind.PostfixUnaryExpression,
    ts.SyntaxKind.ForOfStatement, ts.SyntaxKind.ForInStatement]) table[k] = 1;
  return table;
}
function bindDeclaredChild(child: ts.Node): void {
  (child as { parent: ts.Node }).parent = bindingParent;
  if (declaredTable[child.kind] === 1) {
    if (child.kind === MODULE_KIND) declaredNamespaces = true;
    const name = (child as ts.NamedDeclaration).name;
    if (name && ts.isIdentifier(name)) {
      const list = declaredNames.get(name.text);
      if (list) list.push(child as ts.Declaration);
      else declaredNames.set(name.text, [child as ts.Declaration]);
    }
  } else if (writeTable![child.kind] === 1) declaredWrites.push(child);
  const saved = bindingParent;
  bindingParent = child;
  ts.forEachChild(child, bindDeclaredChild);
  bindingParent = saved;
}
function bindDeclared(sf: ts.SourceFile): Declared {
  declaredTable = (recorded ??= recordedKinds());
  // The file itself is no recorded kind: its children are where declarations start.
  writeTable ??= writeKinds();
  declaredNames = new Map();
  declaredWrites = [];
  declaredNamespaces = false;
  bindingParent = sf;
  try {
    ts.forEachChild(sf, bindDeclaredChild);
    return { sf, names: declaredNames, scopes: new Map(), byScope: new Map(), namespaces: declaredNamespaces, writeNodes: declaredWrites };
  } finally {
    // Not left pointing at this tree (see bindParents).
    bindingParent = undefined as unknown as ts.Node;
    declaredNames = undefined as unknown as Map<string, ts.Declaration[]>;
    declaredWrites = undefined as unknown as ts.Node[];
  }
}

export function bindParents(sf: ts.SourceFile): void {
  bindingParent = sf;
  ts.forEachChild(sf, bindChild);
  // Not left pointing at this tree: a module variable is old, and what it points to survives scavenges.
  bindingParent = undefined as unknown as ts.Node;
}
