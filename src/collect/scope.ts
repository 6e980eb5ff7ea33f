// Lexical scopes, by TypeScript's own binder and checker on one file: what an identifier refers to
// (a parameter, a variable, a destructured binding, a function, a class, an import), with shadowing,
// hoisting and block scope as the language has them. Bound lazily: a file is bound on the first
// question a host asks about it, never for a file no host asks about, and never for a file whose
// facts the cache answers (its hosts do not run). Binding costs about as much as parsing; answering
// is cheap after that.
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
}

/** Time and count of files bound in this thread, for `--timing`. */
export const bindStats = { files: 0, ms: 0 };

const OPTIONS: ts.CompilerOptions = { noLib: true, noResolve: true, types: [], allowJs: true, noEmit: true, skipLibCheck: true };

/**
 * A scope over `sourceFile()`, bound on the first question. `sourceFile` is a getter because the
 * tree exists only while the file is being visited.
 */
export function lazyScope(sourceFile: () => ts.SourceFile, onBind?: (ms: number) => void): Scope & { release(): void } {
  let checker: ts.TypeChecker | null = null;
  let bound: ts.SourceFile | null = null;
  let written: Map<ts.Declaration, Array<ts.Expression | null>> | null = null;
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
  const scope: Scope & { release(): void } = {
    /** Drops the checker, and with it the file's tree (see processFile in index.ts). */
    release() {
      checker = null;
      bound = null;
      written = null;
    },
    refersTo(id, decl) {
      return scope.resolve(id)?.decl === decl;
    },
    resolve(id) {
      if (isPropertyName(id)) return null;
      const c = check();
      let sym = c.getSymbolAtLocation(id);
      // `{ a }` in an object literal: the symbol is the property; the value comes from the variable.
      if (sym && ts.isShorthandPropertyAssignment(id.parent) && id.parent.name === id) sym = c.getShorthandAssignmentValueSymbol(id.parent);
      const decl = sym?.declarations?.[0];
      return decl ? bindingOf(decl) : null;
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
    const c = check();
    const map = new Map<ts.Declaration, Array<ts.Expression | null>>();
    const target = (e: ts.Expression, value: ts.Expression | null): void => {
      while (ts.isParenthesizedExpression(e)) e = e.expression;
      if (ts.isIdentifier(e)) {
        const d = c.getSymbolAtLocation(e)?.declarations?.[0];
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
    const visit = (n: ts.Node): void => {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        target(n.left, n.operatorToken.kind === ts.SyntaxKind.EqualsToken ? n.right : null);
      } else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n))
        && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) target(n.operand, null);
      else if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && !ts.isVariableDeclarationList(n.initializer)) target(n.initializer as ts.Expression, null);
      ts.forEachChild(n, visit);
    };
    visit(sourceFile());
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
  const init = (decl as ts.VariableDeclaration).initializer;
  if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require'
    && init.arguments.length === 1 && ts.isStringLiteralLike(init.arguments[0])) {
    return { from: init.arguments[0].text, imported };
  }
  return null;
}
