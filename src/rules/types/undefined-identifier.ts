import ts from 'typescript';
import { BROWSER_AMBIGUOUS, ESLINT_ENVS, JS_GLOBALS, RUNTIMES_BY_IMPORT } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { looksMinified } from '../shared/names.js';

const JS = new Set(['.js', '.mjs', '.cjs', '.jsx']);
/** Receivers whose properties are globals when written (`global.db = ...`). */
const GLOBAL_OBJECTS = new Set(['global', 'globalThis', 'window', 'self']);
/** Record of the rule's own: names some file makes global (the review drops findings about them). */
const GLOBAL_WRITE = 'global-write';
const FN_START = '\u0000fnStart';
const FN_END = '\u0000fnEnd';
const CALL_LINE = '\u0000callLine';
const EXPORT_NAME = '\u0000exportName';

/** Where a name is read as a value: not a property name, a declaration's own name, a label or a key. */
function isRead(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p)) return p.expression === id;
  if (ts.isQualifiedName(p)) return p.left === id;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isEnumMember(p)) && p.name === id) return false;
  if (ts.isBindingElement(p)) return false; // its name declares, its property name names a property
  if ((p as ts.NamedDeclaration).name === id && !ts.isShorthandPropertyAssignment(p)) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p) || ts.isMetaProperty(p)) return false;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return false;
  if (ts.isJsxAttribute(p) || ((ts.isJsxOpeningElement(p) || ts.isJsxSelfClosingElement(p) || ts.isJsxClosingElement(p)) && /^[a-z]/.test(id.text))) return false;
  if (ts.isJsxClosingElement(p)) return false; // the opening tag is the one reference
  return !ts.isTypeNode(p) && !ts.isJSDoc(p);
}

/** A write that, in sloppy mode, makes the name a global: `x = 1`, `x += 1`, `x++`, `for (x of xs)`, `[x] = a`. */
function isImplicitGlobalWrite(target: ts.Expression): boolean {
  let n: ts.Node = target;
  while (ts.isParenthesizedExpression(n.parent) || ts.isArrayLiteralExpression(n.parent) || ts.isShorthandPropertyAssignment(n.parent)
    || ts.isPropertyAssignment(n.parent) || ts.isObjectLiteralExpression(n.parent) || ts.isSpreadElement(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  return (ts.isForInStatement(p) || ts.isForOfStatement(p)) && p.initializer === n;
}

/** The innermost function whose body holds the node, or null at module level. */
function enclosingFunction(n: ts.Node): ts.FunctionLikeDeclaration | null {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) && (p as ts.FunctionLikeDeclaration).body) return p as ts.FunctionLikeDeclaration;
  return null;
}

/** Names a file declares known through comments: `/* global a, b: writable *\/` and `/* eslint-env node, mocha *\/`. */
function commentGlobals(text: string): { names: Set<string>; unknownEnv: string | null } {
  const names = new Set<string>();
  let unknownEnv: string | null = null;
  for (const m of text.matchAll(/\/\*\s*(globals?|eslint-env)\s([^*]*)\*\//g)) {
    for (const item of m[2].split(/[\s,]+/).filter(Boolean)) {
      const name = item.split(':')[0];
      if (m[1] !== 'eslint-env') names.add(name);
      else if (ESLINT_ENVS[name]) for (const g of ESLINT_ENVS[name]) names.add(g);
      else unknownEnv = name;
    }
  }
  return { names, unknownEnv };
}

export default defineSourceRule({
  id: 'types/undefined-identifier',
  meta: {
    category: 'types',
    severity: 'medium',
    title: 'A JavaScript function reads a name that nothing declares',
    rationale: 'In JavaScript nothing checks names before the code runs: a function that reads a variable no scope declares and no runtime defines throws a ReferenceError each time that line runs. In a route handler every request that reaches it gets a 500.',
    remediation: { text: 'Declare or import the name (or fix its spelling); run `tsc --checkJs` or ESLint `no-undef` in CI to catch the next one.', effort: 'low' },
    messages: {
      undeclared: '`{{name}}` is read in {{fn}} but no scope declares it and no runtime defines it: a ReferenceError when this line runs',
      // A file whose names verdict cannot decide (a `with`, a direct `eval`, an eslint-env it does not know): not checked, said so.
      unverified: '{{names}} read in this file {{verb}} declared by no scope, and whether they exist at run time is not verified: {{why}}',
      undeclaredInRoute: '`{{name}}` is read in {{fn}}, the handler of {{route}}, but no scope declares it and no runtime defines it: every request that reaches this line fails with a ReferenceError',
    },
  },
  appliesTo: (f) => f.role === 'service' || f.role === 'config' || f.role === 'script',
  // Files with code in functions (what is judged) or that write a global (what other files may read);
  // a file of type declarations alone is not parsed for this rule.
  triggers: ['function', '=>', 'class', 'require', 'global', 'window', 'defineProperty', 'exports.', 'export default', 'export const', 'export let', 'export var', 'export {', 'export *'],
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const sf = ctx.sourceFile;
    const jsFile = JS.has(ctx.file.ext);
    const judged = jsFile && ctx.file.role === 'service';
    const comments = commentGlobals(ctx.text);
    // `with` and a direct `eval` make what a name refers to a run-time question: the file is not judged.
    let unreadable: string | null = comments.unknownEnv !== null ? `the file names an eslint environment verdict does not know (\`eslint-env ${comments.unknownEnv}\`)` : null;
    let module = ts.isExternalModule(sf);
    let browser = /\.jsx$/.test(ctx.file.ext);
    const typeofNames = new Set<string>();
    const writes = new Set<string>();
    const candidates: ts.Identifier[] = [];
    return {
      WithStatement(node) { unreadable ??= `a \`with\` statement (line ${ctx.lineOf(node)}) decides what a name refers to at run time`; },
      ImportDeclaration(node) {
        const spec = (node as ts.ImportDeclaration).moduleSpecifier;
        if (!ts.isStringLiteral(spec)) return;
        for (const r of RUNTIMES_BY_IMPORT) if (r.module.test(spec.text)) for (const g of r.globals) comments.names.add(g);
      },
      CallExpression(node) {
        const c = node as ts.CallExpression;
        if (ts.isIdentifier(c.expression) && c.expression.text === 'eval') unreadable ??= `a direct \`eval\` (line ${ctx.lineOf(c)}) may declare names at run time`;
        if (ts.isIdentifier(c.expression) && c.expression.text === 'require') module = true;
        // `Object.defineProperty(global, 'db', ...)`
        const [target, key] = c.arguments;
        if (ts.isPropertyAccessExpression(c.expression) && c.expression.name.text === 'defineProperty' && target && ts.isIdentifier(target) && GLOBAL_OBJECTS.has(target.text) && key && ts.isStringLiteral(key)) writes.add(key.text);
      },
      JsxElement() { browser = true; },
      JsxSelfClosingElement() { browser = true; },
      TypeOfExpression(node) {
        const e = (node as ts.TypeOfExpression).expression;
        if (ts.isIdentifier(e)) typeofNames.add(e.text);
      },
      PropertyAccessExpression(node) {
        const p = node as ts.PropertyAccessExpression;
        if (!ts.isIdentifier(p.expression)) return;
        if (p.expression.text === 'module' || p.expression.text === 'exports') module = true;
        if (p.expression.text === 'window' || p.expression.text === 'document') browser = true;
        // `global.db = ...`, `globalThis.cache ??= ...`: a global for every file after it runs.
        if (GLOBAL_OBJECTS.has(p.expression.text) && isImplicitGlobalWrite(p)) writes.add(p.name.text);
      },
      ElementAccessExpression(node) {
        const p = node as ts.ElementAccessExpression;
        if (ts.isIdentifier(p.expression) && GLOBAL_OBJECTS.has(p.expression.text) && ts.isStringLiteral(p.argumentExpression) && isImplicitGlobalWrite(p)) writes.add(p.argumentExpression.text);
      },
      Identifier(node) {
        // A name no scope declares is a compile error in TypeScript, and a sloppy-mode global write only
        // JavaScript makes: TypeScript files are not bound for it (their global.x writes are read above).
        if (!jsFile) return;
        const id = node as ts.Identifier;
        if (!isRead(id) || JS_GLOBALS.has(id.text)) return;
        if (ctx.scope.resolve(id) !== null) return;
        if (isImplicitGlobalWrite(id)) writes.add(id.text);
        else if (judged) candidates.push(id);
      },
      'file:end'() {
        for (const name of writes) ctx.emit({ kind: GLOBAL_WRITE, name });
        // A script loaded beside others (no import, export or require) shares its globals with them.
        if (!judged || !module) return;
        const reported = new Set<string>();
        const unverified: ts.Identifier[] = [];
        for (const id of candidates) {
          const name = id.text;
          if (writes.has(name) || typeofNames.has(name) || comments.names.has(name) || (browser && BROWSER_AMBIGUOUS.has(name))) continue;
          // `__VERSION__`: a bundler's define, replaced at build time.
          if (/^__\w+__$/.test(name)) continue;
          const fn = enclosingFunction(id);
          if (!fn) continue;
          const key = `${fn.pos}:${name}`;
          if (reported.has(key)) continue;
          reported.add(key);
          if (unreadable) {
            if (!unverified.some((u) => u.text === name)) unverified.push(id);
            continue;
          }
          const call = ts.isCallExpression(fn.parent) ? fn.parent : null;
          const own = fn.name && ts.isIdentifier(fn.name) ? fn.name.text
            : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text
              : ts.isPropertyAssignment(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text
                : ts.isBinaryExpression(fn.parent) && ts.isPropertyAccessExpression(fn.parent.left) ? fn.parent.left.name.text : '';
          const fnName = fn.name && ts.isIdentifier(fn.name) ? `\`${fn.name.text}\``
            : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? `\`${fn.parent.name.text}\``
              : ts.isPropertyAssignment(fn.parent) || ts.isBinaryExpression(fn.parent) ? `\`${fn.parent.getChildAt(0, sf).getText(sf)}\`` : 'a function';
          ctx.report({
            node: id,
            messageId: 'undeclared',
            data: { name, fn: `${fnName} (line ${ctx.lineOf(fn)})`, route: '', [FN_START]: ctx.lineOf(fn), [FN_END]: sf.getLineAndCharacterOfPosition(fn.end).line + 1, [CALL_LINE]: call ? ctx.lineOf(call) : 0, [EXPORT_NAME]: own },
          });
        }
        // Skipped is not checked: the file is reported as not verified, with the names and why.
        if (unreadable && unverified.length > 0) {
          const names = unverified.slice(0, 5).map((u) => `\`${u.text}\``).join(', ') + (unverified.length > 5 ? ` and ${unverified.length - 5} more` : '');
          ctx.report({ node: unverified[0], messageId: 'unverified', severity: 'info', data: { names, verb: unverified.length === 1 ? 'is' : 'are', why: unreadable } });
        }
      },
    };
  },
  review(finding, _layout, ctx) {
    if (finding.messageId === 'unverified') return finding;
    const data = finding.data ?? {};
    const name = String(data.name ?? '');
    const written = ctx.memo('global-writes', () => new Set(ctx.records().filter((r) => r.kind === GLOBAL_WRITE).map((r) => String(r.name))));
    // Another file makes the name global (`global.db = ...`, a sloppy-mode `x = 1`): not decided here.
    if (written.has(name)) return null;
    const { [FN_START]: start, [FN_END]: end, [CALL_LINE]: callLine, [EXPORT_NAME]: own, ...rest } = data;
    const routes = ctx.link.routes.routes;
    // `users.getUser` registered in a file that loads this one: this file's export only when no other
    // file it loads exports that name too (which one `users` is, the link does not say).
    const namesExport = (from: string, handler: string, file: string, name: string): boolean => {
      if (handler.split('.').pop() !== name) return false;
      const exporting = ctx.link.loadsOf(from).filter((f) => { const t = ctx.link.resolveExport(f, name); return t !== null && 'decl' in t; });
      return exporting.length === 1 && exporting[0] === file;
    };
    // Registered in this file (inline, or a function of the file the route names), or in a file that
    // loads this one and names the function as a member of what it imported (`users.getUser`).
    const route = routes.find((r) => r.file === finding.path
      && ((Number(callLine) > 0 && r.line === Number(callLine)) || (r.handlerLine !== undefined && r.handlerLine >= Number(start) && r.handlerLine <= Number(end))))
      ?? (own ? routes.find((r) => r.file !== finding.path && namesExport(r.file, r.handler, finding.path!, String(own))) : undefined);
    if (!route) return { ...finding, data: rest };
    return { ...finding, messageId: 'undeclaredInRoute', severity: 'high', data: { ...rest, route: `${route.method} ${route.path}` } };
  },
});
