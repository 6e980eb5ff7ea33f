// Multipart upload parsers (knowledge/uploads), found by what their callee is bound to (an import or
// a `require` of the library), with their options read through the file's scopes, and the routes of
// the same file they are given to: as a registration's argument, through the variable that holds them
// (`upload.single('f')`), inside a handler a registration names, or in a NestJS `@UseInterceptors`.
import ts from 'typescript';
import { uploadExportOf, uploadLibrary, uploadPackages, type UploadExport } from '../../knowledge/index.js';
import { uploadFacts, type UploadParserRecord } from '../facts/uploads.js';
import type { SourceContext, VisitorHost } from '../host.js';
import { commonJsExportName } from '../decl-id.js';
import { requireOf, type Binding } from '../scope.js';
import { isTestSide } from '../../util/roles.js';
import { HTTP_METHODS } from './routes-vocab.js';

const ROUTE_METHODS = new Set<string>(HTTP_METHODS);
const NEST_VERBS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head']);

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

function importOf(b: Binding | null): { from: string; imported: string } | null {
  if (!b) return null;
  if (b.kind === 'import') return { from: b.from, imported: b.imported };
  return requireOf(b);
}

/** `require('pkg')` written in place. */
function inlineRequire(e: ts.Expression): string | null {
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0]) ? e.arguments[0].text : null;
}

/** What an options object says: its readable keys as dotted paths with their values; null when something in it cannot be read. */
type Options = Map<string, ts.Expression> | null;

export const uploads: VisitorHost = {
  id: uploadFacts.id,
  triggers: uploadPackages(),
  appliesTo: (f) => !isTestSide(f.role),
  create(ctx) {
    const sf = ctx.sourceFile;
    const resolveImport = (e: ts.Expression) => {
      e = unwrap(e);
      const req = inlineRequire(e);
      if (req) return { from: req, imported: 'default' };
      return ts.isIdentifier(e) ? importOf(ctx.scope.resolve(e)) : null;
    };
    /** The upload export a callee is: `multer`, `formidable.IncomingForm`, `MulterModule.register`. */
    const exportOfCallee = (callee: ts.Expression): UploadExport | null => {
      callee = unwrap(callee);
      const direct = resolveImport(callee);
      if (direct) return uploadExportOf(direct.from, direct.imported, null);
      if (ts.isPropertyAccessExpression(callee)) {
        const root = resolveImport(callee.expression);
        if (root) return uploadExportOf(root.from, root.imported, callee.name.text);
      }
      return null;
    };
    const parsers: Array<{ node: ts.CallExpression | ts.NewExpression; exp: UploadExport; options: ts.Expression | undefined }> = [];
    const registrations: ts.CallExpression[] = [];

    const onCall = (node: ts.CallExpression | ts.NewExpression) => {
      const args = node.arguments ?? [];
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        if (ROUTE_METHODS.has(method) && args.length >= 2) registrations.push(node);
        // `app.register(multipart, { limits })`
        if (method === 'register' && args[0]) {
          const imp = resolveImport(args[0]);
          const exp = imp ? uploadExportOf(imp.from, imp.imported, null) : null;
          if (exp?.shape === 'plugin') parsers.push({ node, exp, options: args[exp.optionsArg] });
        }
      }
      const exp = exportOfCallee(node.expression);
      if (exp && exp.shape !== 'plugin') parsers.push({ node, exp, options: args[exp.optionsArg] });
    };

    /** The options object's keys (one level into `limits`), through variables and spreads of this file. */
    const readOptions = (e: ts.Expression | undefined, depth = 0): Options => {
      const out = new Map<string, ts.Expression>();
      if (!e) return out;
      e = unwrap(e);
      if (depth > 3) return null;
      if (ts.isIdentifier(e)) {
        if (e.text === 'undefined') return out;
        const b = ctx.scope.resolve(e);
        return b?.kind === 'variable' && b.initializer && !ctx.scope.isReassigned(b.decl) ? readOptions(b.initializer, depth + 1) : null;
      }
      if (!ts.isObjectLiteralExpression(e)) return null;
      for (const p of e.properties) {
        if (ts.isSpreadAssignment(p)) {
          const inner = readOptions(p.expression, depth + 1);
          if (!inner) return null;
          for (const [k, v] of inner) out.set(k, v);
          continue;
        }
        if (!p.name || ts.isComputedPropertyName(p.name)) return null;
        const key = p.name.getText(sf).replace(/^['"]|['"]$/g, '');
        // A method (`fileFilter(req, file, cb) { ... }`) is given as much as a property holding a function.
        const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) || (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name)) ? p.name as ts.Identifier : null;
        if (!value) continue;
        out.set(key, value);
        if (key === 'limits') {
          const inner = readOptions(value, depth + 1);
          if (!inner) return null;
          for (const [k, v] of inner) out.set(`limits.${k}`, v);
        }
      }
      return out;
    };

    /** `Infinity`, `Number.POSITIVE_INFINITY`, `Number.MAX_SAFE_INTEGER`: given, but no bound. */
    const isUnbounded = (v: ts.Expression): boolean => {
      const t = unwrap(v).getText(sf).replace(/\s+/g, '');
      return t === 'Infinity' || t === 'Number.POSITIVE_INFINITY' || t === 'Number.MAX_SAFE_INTEGER' || t === 'Number.MAX_VALUE';
    };

    /** Whether a `storage` value writes to disk: `diskStorage(...)` of multer (or re-exported by Nest), `memoryStorage()` not. */
    const storageOnDisk = (v: ts.Expression, depth = 0): boolean | null => {
      v = unwrap(v);
      if (ts.isIdentifier(v) && depth < 3) {
        const b = ctx.scope.resolve(v);
        return b?.kind === 'variable' && b.initializer ? storageOnDisk(b.initializer, depth + 1) : null;
      }
      if (!ts.isCallExpression(v)) return null;
      const callee = unwrap(v.expression);
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      const root = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
      const from = resolveImport(root)?.from;
      if (from !== 'multer' && from !== '@nestjs/platform-express') return null;
      return name === 'diskStorage' ? true : name === 'memoryStorage' ? false : null;
    };

    /** The route registration lines a node is given to, and a Nest controller when on a class. */
    const anchors = (node: ts.Node): { lines: number[]; controller?: string } => {
      const lines = new Set<number>();
      let controller: string | undefined;
      const registrationsGiven = (decl: ts.Node) => {
        for (const call of registrations) {
          if (call.arguments.some((a) => refersTo(a, decl))) lines.add(registrationLine(call));
        }
      };
      for (let p: ts.Node = node; p.parent; p = p.parent) {
        const parent = p.parent;
        if (ts.isCallExpression(parent) && parent !== node && registrations.includes(parent) && parent.arguments.includes(p as ts.Expression)) {
          lines.add(registrationLine(parent));
          break;
        }
        if (ts.isDecorator(parent)) {
          const owner = parent.parent;
          if (ts.isMethodDeclaration(owner)) {
            const verb = (ts.getDecorators(owner) ?? []).find((d) => ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression) && NEST_VERBS.has(d.expression.expression.text));
            if (verb) lines.add(ctx.lineOf(verb));
          } else if (ts.isClassDeclaration(owner) && owner.name) controller = owner.name.text;
          break;
        }
        // `const upload = multer(...)` (or `multer(...).single('f')`): the registrations that use the variable.
        // A parser made inside a handler is also that handler's: keep climbing.
        if (ts.isVariableDeclaration(parent) && parent.initializer === p && ts.isIdentifier(parent.name)) registrationsGiven(parent);
        // Inside a handler: the registrations that name the function (or the variable holding it).
        if (ts.isFunctionDeclaration(parent) || ((ts.isArrowFunction(parent) || ts.isFunctionExpression(parent)) && ts.isVariableDeclaration(parent.parent))) {
          registrationsGiven(ts.isFunctionDeclaration(parent) ? parent : parent.parent);
          break;
        }
      }
      return { lines: [...lines].sort((a, b) => a - b), ...(controller ? { controller } : {}) };
    };

    /** Whether an argument is the declaration's name, or a call on it (`upload.single('f')`, `upload.any()`). */
    const refersTo = (a: ts.Expression, decl: ts.Node): boolean => {
      let e = unwrap(a);
      if (ts.isCallExpression(e)) e = unwrap(e.expression);
      if (ts.isPropertyAccessExpression(e)) e = unwrap(e.expression);
      return ts.isIdentifier(e) && ctx.scope.refersTo(e, decl as ts.Declaration);
    };

    const registrationLine = (call: ts.CallExpression) => ts.isPropertyAccessExpression(call.expression) ? ctx.lineOf(call.expression.name) : ctx.lineOf(call);

    /** The name other files import it by: `export const upload = ...`, `export default`, `module.exports = `. */
    const exportedName = (node: ts.Node): string | undefined => {
      let p: ts.Node = node;
      while (p.parent && (ts.isCallExpression(p.parent) || ts.isPropertyAccessExpression(p.parent) || ts.isParenthesizedExpression(p.parent))) p = p.parent;
      const parent = p.parent;
      if (!parent) return undefined;
      if (ts.isExportAssignment(parent)) return 'default';
      if (ts.isBinaryExpression(parent) && parent.right === p && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        // `module.exports = ...` / `exports.x = ...` read from the assignment's target, as collect/symbols reads it.
        const name = commonJsExportName(parent.left);
        return name === null ? undefined : name || 'default';
      }
      if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
        const stmt = parent.parent.parent;
        if (ts.isVariableStatement(stmt) && stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return parent.name.text;
      }
      return undefined;
    };

    /** A parser made inside an exported function (`exports.uploadMiddleware = (req, res, next) => { multer(...)... }`): that function's export name. */
    const exportedHandler = (node: ts.Node): string | undefined => {
      for (let p = node.parent; p; p = p.parent) {
        if (ts.isFunctionDeclaration(p)) return p.name && p.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ? p.name.text : undefined;
        if (ts.isArrowFunction(p) || ts.isFunctionExpression(p)) return exportedName(p);
      }
      return undefined;
    };

    const record = (p: (typeof parsers)[number]): UploadParserRecord => {
      const lib = uploadLibrary(p.exp.library);
      const options = readOptions(p.options);
      const limits = options ? lib.limitOptions.filter((k) => options.has(k) && !isUnbounded(options.get(k)!)) : null;
      const unbounded = options ? lib.limitOptions.filter((k) => options.has(k) && isUnbounded(options.get(k)!)) : [];
      let disk: boolean | null = options ? false : null;
      if (options) {
        for (const k of lib.diskOptions) {
          const v = options.get(k);
          if (!v) continue;
          disk = k === 'storage' ? storageOnDisk(v) : true;
        }
      }
      const { lines, controller } = anchors(p.node);
      const exported = exportedName(p.node) ?? exportedHandler(p.node);
      const line = ctx.lineOf(p.node);
      return {
        line, snippet: p.node.getText(sf).split('\n')[0].slice(0, 120), library: lib.id,
        via: `${p.exp.package}#${p.exp.export}${p.exp.member ? `.${p.exp.member}` : ''}`, shape: p.exp.shape,
        limits, unbounded, fileFilter: options && lib.filterOption ? options.has(lib.filterOption) : options ? false : null, disk,
        routeLines: lines, ...(controller ? { controller } : {}), ...(exported ? { exported } : {}),
      };
    };

    return {
      CallExpression: (n) => onCall(n as ts.CallExpression),
      NewExpression: (n) => onCall(n as ts.NewExpression),
      'file:end': () => {
        for (const p of parsers) uploadFacts.emit(ctx as SourceContext, record(p));
      },
    };
  },
};
