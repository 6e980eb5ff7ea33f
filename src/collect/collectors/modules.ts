// What each source file imports, exports and calls by name: the module graph facts that repository
// rules need (loggers and SDKs in use, worker entrypoints exported, exports nothing uses).
import ts from 'typescript';
import { lineTextOf, snippetOf } from '../../util/text.js';
import { callerCheckPackages } from '../../knowledge/index.js';
import { functionBodyFacts, wrappedFunction } from './body-facts.js';
import { moduleFacts, type ExportFact } from '../facts/modules.js';
import type { VisitorHost } from '../host.js';

const hasExport = (n: ts.Node): boolean =>
  ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
const hasDefault = (n: ts.Node): boolean =>
  ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);

/** Text that names a source file of the repository by path: `./worker.js`, `jobs/resize.ts`, `../child.mjs`. */
const SOURCE_PATH = /^(?:\.{1,2}\/|\/)?[\w@.-]+(?:\/[\w@.-]+)*\.[cm]?[jt]sx?$|^\.{1,2}\/[\w@.-]+(?:\/[\w@.-]+)*$/;

// A glob over source files: `src/**/*.entity{.ts,.js}`, `dist/migrations/*.js`, `./routes/*.{ts,js}`.
const SOURCE_GLOB = /^[^\s]*\*[^\s]*(?:\.[cm]?[jt]sx?|\{\.?[cm]?[jt]sx?,|\.\{[cm]?[jt]sx?,)[^\s]*$/;

/** Names used in a "this is called or handed on" position: callee, argument, property value, `new`, JSX tag. */
function usedName(n: ts.Expression): string | null {
  if (ts.isIdentifier(n)) return n.text;
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  return null;
}

/** The file's top-level functions, declared or bound to a `const`, by name. */
function localFunctions(sf: ts.SourceFile): Array<{ name: string; node: ts.Node }> {
  const out: Array<{ name: string; node: ts.Node }> = [];
  for (const stmt of sf.statements) {
    if (ts.isFunctionDeclaration(stmt) && stmt.name) out.push({ name: stmt.name.text, node: stmt });
    else if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) out.push({ name: d.name.text, node: d.initializer });
    }
  }
  return out;
}

/** The local names bound to imports or requires of packages that export a guard or a verifier. */
function checkerImports(sf: ts.SourceFile): string[] {
  const packages = callerCheckPackages();
  const out: string[] = [];
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier) && packages.has(stmt.moduleSpecifier.text)) {
      const c = stmt.importClause;
      if (c?.name) out.push(c.name.text);
      if (c?.namedBindings && ts.isNamespaceImport(c.namedBindings)) out.push(c.namedBindings.name.text);
      if (c?.namedBindings && ts.isNamedImports(c.namedBindings)) for (const el of c.namedBindings.elements) out.push(el.name.text);
    } else if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        const init = d.initializer;
        if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require') continue;
        const spec = init.arguments[0];
        if (!spec || !ts.isStringLiteralLike(spec) || !packages.has(spec.text)) continue;
        if (ts.isIdentifier(d.name)) out.push(d.name.text);
        else if (ts.isObjectBindingPattern(d.name)) for (const el of d.name.elements) if (ts.isIdentifier(el.name)) out.push(el.name.text);
      }
    }
  }
  return out;
}

function firstIdentifier(n: ts.Node): ts.Identifier | undefined {
  return ts.isIdentifier(n) ? n : ts.forEachChild(n, firstIdentifier);
}

/**
 * Text that a guarding helper's file holds: a 401 or its words, a verifier, a signature, a NestJS guard
 * (what link/handlers.ts `exportGuards` can say yes to). A file without any is not bound for this.
 */
// `403`, `orbidden` and `redirect(`: an authorisation step refuses a signed-in caller without the right
// (link's route steps read whether an export can end the request).
// Webhook providers' headers without 'signature' in them (knowledge/webhooks) are hints too: a function reading one receives that provider's webhooks.
const GUARD_HINTS = ['401', '403', 'nauthori', 'NAUTHORI', 'nauthenticated', 'orbidden', 'ORBIDDEN', 'redirect(', 'erify', 'ignature', 'UseGuards', 'timingSafeEqual', 'createHmac', 'constructEvent', 'secret-token', 'sns-message-type', 'hmac-sha256'];

/**
 * The method NestJS calls on a middleware class (`implements NestMiddleware`): `use(req, res, next)`.
 * What it does to a request is what the class does, so its body stands for the class's.
 */
function nestMiddlewareUse(c: ts.ClassDeclaration): ts.MethodDeclaration | undefined {
  const implementsIt = c.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ImplementsKeyword
    && h.types.some((t) => ts.isIdentifier(t.expression) && t.expression.text === 'NestMiddleware'));
  if (!implementsIt) return undefined;
  return c.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === 'use' && m.body !== undefined);
}

/** `module.exports` itself (not one of its members). */
function isModuleExports(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
}

/** The function a file declares at its top level under `name`: a function declaration, or a const holding an arrow or function expression. */
function topLevelFunction(sf: ts.SourceFile, name: string): ts.FunctionLikeDeclaration | undefined {
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name && st.body) return st;
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== name || !d.initializer) continue;
      const init = d.initializer;
      return ts.isArrowFunction(init) || ts.isFunctionExpression(init) ? init : undefined;
    }
  }
  return undefined;
}

export const modules: VisitorHost = {
  id: moduleFacts.id,
  parents: false,
  // `export interface` / `export type X =` give no fact here: a file of types alone is not parsed for this.
  triggers: ['import', 'require', /\bexport\s+(?:default|async|function|const|let|var|class|abstract|declare|enum|type\s*\{|\{|\*|=)/, /\bmodule\.exports\b|\bexports\.\w+\s*=/],
  create(ctx) {
    const uses = new Set<string>();
    /**
     * A path to a source file handed to a call or `new` as text, directly or through `path.join`/`new URL`
     * (`new Worker('./jobs/resize.js')`, `fork(join(__dirname, 'child.ts'))`): code a runtime loads by path.
     */
    const sourceGlob = (lit: ts.StringLiteralLike | ts.TemplateTail): void => {
      // A pattern over source files wherever it is written (`entities: [__dirname + '/**/*.entity{.ts,.js}']`): a loader
      // takes every file it matches.
      if (SOURCE_GLOB.test(lit.text)) moduleFacts.emit(ctx, { type: 'load', spec: lit.text, line: ctx.lineOf(lit) });
    };
    /**
     * The arguments of a call or `new` that end in a path to a source file, directly, through a
     * concatenation or a template (`__dirname + '/w.js'`, `${__dirname}/w.js`), read downwards from the call:
     * this host has no parent pointers. `import('./x.js')`/`require('./x.js')` of the literal itself are imports.
     */
    const sourcePaths = (call: ts.CallExpression | ts.NewExpression, importLike: boolean): void => {
      for (const arg of call.arguments ?? []) {
        let e: ts.Expression = arg;
        while (ts.isParenthesizedExpression(e)) e = e.expression;
        const direct = e;
        while (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
          e = e.right;
          while (ts.isParenthesizedExpression(e)) e = e.expression;
        }
        const lit = ts.isStringLiteralLike(e) ? e : ts.isTemplateExpression(e) ? e.templateSpans[e.templateSpans.length - 1].literal : null;
        if (!lit || SOURCE_GLOB.test(lit.text) || !SOURCE_PATH.test(lit.text)) continue;
        if (importLike && lit === direct) continue;
        moduleFacts.emit(ctx, { type: 'load', spec: lit.text, line: ctx.lineOf(lit) });
      }
    };
    const emitImport = (spec: string, names: string[], node: ts.Node, reexport = false, star = false) =>
      moduleFacts.emit(ctx, { type: 'import', spec, names, line: ctx.lineOf(node), reexport, star });
    // What an exported function's body does is recorded only for a function that could guard: its
    // text, or that of a function of the file it names, holds a 401, a verifier or a signature (a
    // trigger, not a judgment: the rules judge the facts).
    let hinted: string[] | null = null;
    const hints = (n: ts.Node): boolean => {
      const text = ctx.text.slice(n.pos, n.end);
      return GUARD_HINTS.some((h) => text.includes(h));
    };
    // The local names the file binds to a package with a guard or verifier (knowledge): a function that
    // names one may build and call that guard (`bearerAuth({ token })(c, next)`), whatever its text says.
    let checkers: string[] | null = null;
    const namesChecker = (fn: ts.FunctionLikeDeclaration): boolean => {
      checkers ??= checkerImports(ctx.sourceFile);
      if (checkers.length === 0) return false;
      const text = ctx.text.slice(fn.pos, fn.end);
      return checkers.some((name) => text.includes(name));
    };
    // A file naming a CAPTCHA verification endpoint (knowledge/captcha): its functions may ask it through a const of the file.
    const asksCaptcha = ctx.text.includes('siteverify');
    const mayGuard = (fn: ts.FunctionLikeDeclaration): boolean => {
      if (asksCaptcha || hints(fn) || namesChecker(fn)) return true;
      hinted ??= GUARD_HINTS.some((h) => ctx.text.includes(h)) ? localFunctions(ctx.sourceFile).filter((f) => hints(f.node)).map((f) => f.name) : [];
      const text = ctx.text.slice(fn.pos, fn.end);
      return hinted.some((name) => text.includes(`${name}(`));
    };
    // A handler that reads the caller's session (`req.session`, `req.sessionID`): what its writes are keyed by is judged from its body (link/handlers ownSessionOnly).
    const readsSession = (fn: ts.FunctionLikeDeclaration): boolean => ctx.text.slice(fn.pos, fn.end).includes('.session');
    // A NestJS middleware's `use` is read whatever its text holds: the class is judged by it, not by its name.
    const bodyOf = (fn: ts.FunctionLikeDeclaration | undefined) => {
      if (!fn?.body || (!mayGuard(fn) && !readsSession(fn) && !ts.isMethodDeclaration(fn))) return undefined;
      // This host parses without parent pointers; binding the file (the scope's first question) sets
      // them, and body facts read a node's text and parent.
      const id = firstIdentifier(fn.body);
      if (id) ctx.scope.resolve(id);
      return functionBodyFacts(fn, ctx.scope);
    };
    const emitExport = (name: string, kind: ExportFact['kind'], node: ts.Node, fn?: ts.FunctionLikeDeclaration) => {
      const line = ctx.lineOf(node);
      const body = bodyOf(fn);
      moduleFacts.emit(ctx, { type: 'export', name, kind, line, ...(kind === 'function' ? { snippet: snippetOf(lineTextOf(ctx.sourceFile, ctx.text, line)) } : {}), ...(body ? { body } : {}) });
    };
    const declared = (node: ts.Node, kind: ExportFact['kind']) => {
      if (!hasExport(node)) return;
      const name = (node as ts.DeclarationStatement).name;
      const body = ts.isFunctionDeclaration(node) ? node : ts.isClassDeclaration(node) ? nestMiddlewareUse(node) : undefined;
      if (hasDefault(node)) emitExport('default', kind, node, body);
      else if (name && ts.isIdentifier(name)) emitExport(name.text, kind, node, body);
    };
    const wrappedFunctionOf = (call: ts.CallExpression): ts.FunctionLikeDeclaration | undefined => {
      // Binding the file sets the parent pointers the scope reads (see bodyOf).
      const id = firstIdentifier(call);
      if (id) ctx.scope.resolve(id);
      return wrappedFunction(call, ctx.scope) ?? undefined;
    };
    return {
      ImportDeclaration(node) {
        const d = node as ts.ImportDeclaration;
        if (!ts.isStringLiteral(d.moduleSpecifier)) return;
        const names: string[] = [];
        const clause = d.importClause;
        if (clause?.name) names.push('default');
        if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) {
          for (const el of clause.namedBindings.elements) names.push((el.propertyName ?? el.name).text);
        }
        if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) names.push('*');
        emitImport(d.moduleSpecifier.text, names, d);
      },
      ExportDeclaration(node) {
        const d = node as ts.ExportDeclaration;
        if (d.moduleSpecifier && ts.isStringLiteral(d.moduleSpecifier)) {
          const names = d.exportClause && ts.isNamedExports(d.exportClause) ? d.exportClause.elements.map((e) => (e.propertyName ?? e.name).text) : [];
          emitImport(d.moduleSpecifier.text, names, d, true, !d.exportClause);
        }
        if (d.exportClause && ts.isNamedExports(d.exportClause)) {
          for (const e of d.exportClause.elements) {
            // `export { protectAuth }` of a function the file declares: its body is read as a declared export's is.
            const fn = d.moduleSpecifier ? undefined : topLevelFunction(ctx.sourceFile, (e.propertyName ?? e.name).text);
            emitExport(e.name.text, d.moduleSpecifier ? 'reexport' : 'specifier', e, fn);
            if (!d.moduleSpecifier) uses.add((e.propertyName ?? e.name).text);
          }
        } else if (d.exportClause && ts.isNamespaceExport(d.exportClause)) emitExport(d.exportClause.name.text, 'reexport', d);
      },
      ExportAssignment(node) {
        const e = node as ts.ExportAssignment;
        // `export default requireStaff` of a function the file declares (`const requireStaff = async (req, res, next) => ...`),
        // or `export default (req, res, next) => ...`: its body is read as a declared export's is.
        const value = e.expression;
        const fn = ts.isIdentifier(value) ? topLevelFunction(ctx.sourceFile, value.text)
          : ts.isArrowFunction(value) || ts.isFunctionExpression(value) ? value : undefined;
        emitExport('default', 'default', e, fn);
        if (ts.isIdentifier(value)) uses.add(value.text);
      },
      ExpressionStatement(node) {
        // CommonJS, `exports.postReset = async (req, res) => ...` at the top of a file: an exported function.
        const e = (node as ts.ExpressionStatement).expression;
        if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(e.left)) return;
        const target = e.left.expression;
        const cjs = (ts.isIdentifier(target) && target.text === 'exports')
          || (ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) && target.expression.text === 'module' && target.name.text === 'exports');
        // `exports.getUser = asyncHandler(async (req, res) => ...)`: the function a wrapper of a library's is handed (knowledge middleware-wrapper).
        const fn = ts.isArrowFunction(e.right) || ts.isFunctionExpression(e.right) ? e.right : ts.isCallExpression(e.right) ? wrappedFunctionOf(e.right) : undefined;
        if (cjs && fn && ctx.sourceFile.statements.includes(node as ts.Statement)) emitExport(e.left.name.text, 'function', node, fn);
        // `module.exports = { authenticate, verify: checkToken }` and `module.exports = authenticate`: the
        // file's functions under those names, read as `export { authenticate }` is (a `require` of the
        // whole module binds `default`).
        if (cjs || !ctx.sourceFile.statements.includes(node as ts.Statement) || !isModuleExports(e.left)) return;
        const value = e.right;
        if (ts.isIdentifier(value)) emitExport('default', 'specifier', node, topLevelFunction(ctx.sourceFile, value.text));
        // `module.exports = (req, res, next) => ...`: the function written in place is the module.
        if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) emitExport('default', 'function', node, value);
        if (!ts.isObjectLiteralExpression(value)) return;
        for (const p of value.properties) {
          if (ts.isShorthandPropertyAssignment(p)) emitExport(p.name.text, 'specifier', p, topLevelFunction(ctx.sourceFile, p.name.text));
          else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
            const v = p.initializer;
            const own = ts.isArrowFunction(v) || ts.isFunctionExpression(v) ? v : ts.isIdentifier(v) ? topLevelFunction(ctx.sourceFile, v.text) : undefined;
            emitExport(p.name.text, own && !ts.isIdentifier(v) ? 'function' : 'specifier', p, own);
          }
        }
      },
      FunctionDeclaration: (n) => declared(n, 'function'),
      ClassDeclaration: (n) => declared(n, 'class'),
      VariableStatement(node) {
        const v = node as ts.VariableStatement;
        if (!hasExport(v)) return;
        for (const d of v.declarationList.declarations) {
          if (!ts.isIdentifier(d.name)) continue;
          const init = d.initializer;
          // `export const auth = createMiddleware(async (c, next) => ...)`: the function the wrapper is given.
          const fn = init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : init && ts.isCallExpression(init) ? wrappedFunctionOf(init) : undefined;
          emitExport(d.name.text, fn ? 'function' : 'const', d, fn);
        }
      },
      CallExpression(node) {
        const c = node as ts.CallExpression;
        const callee = c.expression;
        const importLike = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
        sourcePaths(c, importLike);
        if (importLike) {
          const a = c.arguments[0];
          if (a && ts.isStringLiteralLike(a)) emitImport(a.text, ['*'], c);
          // `import(name)`, `require(path.join(dir, f))`: which module loads is decided at run time.
          else if (a) moduleFacts.emit(ctx, { type: 'load', spec: null, line: ctx.lineOf(c) });
          return;
        }
        const name = usedName(callee);
        if (name) uses.add(name);
        for (const a of c.arguments) {
          const n = usedName(a);
          if (n) uses.add(n);
        }
      },
      NewExpression(node) {
        sourcePaths(node as ts.NewExpression, false);
        const n = usedName((node as ts.NewExpression).expression);
        if (n) uses.add(n);
      },
      StringLiteral(node) { sourceGlob(node as ts.StringLiteral); },
      NoSubstitutionTemplateLiteral(node) { sourceGlob(node as ts.NoSubstitutionTemplateLiteral); },
      TemplateTail(node) { sourceGlob(node as ts.TemplateTail); },
      PropertyAssignment(node) {
        const n = usedName((node as ts.PropertyAssignment).initializer);
        if (n) uses.add(n);
      },
      ArrayLiteralExpression(node) {
        for (const el of (node as ts.ArrayLiteralExpression).elements) {
          const n = usedName(el);
          if (n) uses.add(n);
        }
      },
      ShorthandPropertyAssignment(node) {
        uses.add((node as ts.ShorthandPropertyAssignment).name.text);
      },
      JsxOpeningElement(node) {
        uses.add((node as ts.JsxOpeningElement).tagName.getText(ctx.sourceFile));
      },
      JsxSelfClosingElement(node) {
        uses.add((node as ts.JsxSelfClosingElement).tagName.getText(ctx.sourceFile));
      },
      'file:end'() {
        if (uses.size > 0) moduleFacts.emit(ctx, { type: 'uses', names: [...uses].sort() });
      },
    };
  },
};
