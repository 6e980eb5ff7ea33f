// Where a Worker's bindings reach a file's code, resolved through its scopes (knowledge/environment
// WORKER_ENV_SOURCES), never by a parameter's name: the `env` parameter of the default-exported
// handler's `fetch`/`scheduled`/`queue`, `this.env` in a class extending a `cloudflare:workers` base,
// the `env` member of the context Hono hands a handler (a function given to a call on a value from
// `hono`, or a parameter typed with its `Context`), a parameter typed with the global bindings
// interface `wrangler types` generates (`env: Env` in a helper module), and a parameter of a function
// of the file that one of those is handed to (`handle(request, env)`).
import ts from 'typescript';
import { isWorkerEnvModule, WORKER_ENV_SOURCES } from '../../knowledge/index.js';
import { requireOf, type Scope } from '../scope.js';

const MAX_DEPTH = 6;

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

export interface WorkerEnv {
  /** Whether `e` is a Worker's bindings object (`env`, `c.env`, `this.env`). */
  isEnv(e: ts.Node): boolean;
  /** Whether `e` is the default-exported Worker handler object. */
  isHandlerObject(e: ts.Node): boolean;
}

export function workerEnv(sf: ts.SourceFile, scope: Scope): WorkerEnv {
  let built: { env: Set<ts.ParameterDeclaration>; context: Set<ts.ParameterDeclaration>; classes: Set<ts.ClassLikeDeclaration>; handlers: Set<ts.ObjectLiteralExpression> } | null = null;

  /** The module a value comes from: through the variables holding it, calls and `new` of it, and its members. */
  const originOf = (expr: ts.Expression, depth = 0): { from: string; imported: string } | null => {
    const e = strip(expr);
    if (depth > MAX_DEPTH) return null;
    if (ts.isIdentifier(e)) {
      const b = scope.resolve(e);
      if (!b) return null;
      if (b.kind === 'import') return b;
      const r = requireOf(b);
      if (r) return r;
      if (b.kind === 'variable' && b.initializer) return originOf(b.initializer, depth + 1);
      return null;
    }
    if (ts.isCallExpression(e) || ts.isNewExpression(e) || ts.isPropertyAccessExpression(e)) return originOf(e.expression, depth + 1);
    return null;
  };

  /** The function a callback argument is: inline, or a function of the file it names. */
  const functionOf = (arg: ts.Expression): ts.SignatureDeclaration | null => {
    const e = strip(arg);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
    if (!ts.isIdentifier(e)) return null;
    const b = scope.resolve(e);
    if (b?.kind === 'function') return b.decl;
    const init = b?.kind === 'variable' && b.initializer ? strip(b.initializer) : null;
    return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : null;
  };

  /** The object literal a default export is: `export default {...}`, or a const of the file holding one. */
  const defaultExported = (): ts.ObjectLiteralExpression | null => {
    for (const st of sf.statements) {
      if (!ts.isExportAssignment(st) || st.isExportEquals) continue;
      const e = strip(st.expression);
      if (ts.isObjectLiteralExpression(e)) return e;
      if (ts.isIdentifier(e)) {
        const b = scope.resolve(e);
        const init = b?.kind === 'variable' && b.initializer ? strip(b.initializer) : null;
        if (init && ts.isObjectLiteralExpression(init)) return init;
      }
    }
    return null;
  };

  /** A type or namespace of that name declared or imported by the file itself (the binder resolves values only). */
  const declaresType = (name: string): boolean => sf.statements.some((st) =>
    ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isModuleDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name !== undefined && ts.isIdentifier(st.name) && st.name.text === name)
    || (ts.isImportDeclaration(st) && !!st.importClause && (st.importClause.name?.text === name
      || (!!st.importClause.namedBindings && (ts.isNamespaceImport(st.importClause.namedBindings) ? st.importClause.namedBindings.name.text === name
        : st.importClause.namedBindings.elements.some((e) => e.name.text === name))))));
  const build = () => {
    const env = new Set<ts.ParameterDeclaration>();
    const context = new Set<ts.ParameterDeclaration>();
    const classes = new Set<ts.ClassLikeDeclaration>();
    const handlers = new Set<ts.ObjectLiteralExpression>();
    const handler = defaultExported();
    for (const source of WORKER_ENV_SOURCES) {
      if (source.kind === 'handler' && handler) {
        handlers.add(handler);
        for (const p of handler.properties) {
          if (!p.name || !ts.isIdentifier(p.name) || !source.members.includes(p.name.text)) continue;
          const fn = ts.isMethodDeclaration(p) ? p : ts.isPropertyAssignment(p) ? functionOf(p.initializer) : ts.isShorthandPropertyAssignment(p) ? functionOf(p.name) : null;
          const param = fn?.parameters[source.param];
          if (param) env.add(param);
        }
      }
    }
    // Every call of the file, in the order a walk meets them: handing the bindings on is read from
    // these below, without walking the file again.
    const calls: ts.CallExpression[] = [];
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.CallExpression) calls.push(n as ts.CallExpression);
      for (const source of WORKER_ENV_SOURCES) {
        if (source.kind === 'class' && ts.isClassLike(n)) {
          const base = n.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
          const o = base ? originOf(base) : null;
          if (o && o.from === source.module && source.exports.includes(o.imported)) {
            classes.add(n);
            const ctor = n.members.find(ts.isConstructorDeclaration);
            const param = ctor?.parameters[source.param];
            if (param) env.add(param);
          }
        }
        if (source.kind === 'context') {
          // A function given to a call on a value from the framework (`app.get('/', (c) => ...)`, `createMiddleware(async (c, next) => ...)`).
          if (ts.isCallExpression(n)) {
            const o = originOf(n.expression);
            if (o && isWorkerEnvModule(source.modules, o.from)) {
              for (const a of n.arguments) {
                const param = functionOf(a)?.parameters[source.param];
                if (param) context.add(param);
              }
            }
          }
          // A parameter typed with the framework's context (`(c: Context) => ...`).
          if (ts.isParameter(n) && n.type && ts.isTypeReferenceNode(n.type) && ts.isIdentifier(n.type.typeName)) {
            const b = scope.resolve(n.type.typeName);
            if (b?.kind === 'import' && isWorkerEnvModule(source.modules, b.from) && b.imported === source.typeExport) context.add(n);
          }
        }
        // A parameter typed with the global bindings interface `wrangler types` generates, not a type of the file's own.
        if (source.kind === 'type' && ts.isParameter(n) && n.type && ts.isTypeReferenceNode(n.type)) {
          const t = n.type.typeName;
          const head = ts.isIdentifier(t) ? t : t.left;
          const name = ts.isIdentifier(t) ? t.text : ts.isIdentifier(t.left) ? `${t.left.text}.${t.right.text}` : null;
          if (name && ts.isIdentifier(head) && source.names.includes(name) && !scope.resolve(head) && !declaresType(head.text)) env.add(n);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    // Handed on: a function of the file called with the bindings (`handle(request, env)`, `load(c.env)`) receives them in that parameter.
    const isEnvValue = (e: ts.Expression): boolean => {
      const x = strip(e);
      if (ts.isIdentifier(x)) {
        const b = scope.resolve(x);
        return b?.kind === 'parameter' && env.has(b.decl);
      }
      return ts.isPropertyAccessExpression(x) && x.name.text === 'env' && isContext(x.expression);
    };
    const isContext = (e: ts.Expression): boolean => {
      const x = strip(e);
      if (x.kind === ts.SyntaxKind.ThisKeyword) {
        for (let p: ts.Node | undefined = x.parent; p; p = p.parent) if (ts.isClassLike(p)) return classes.has(p);
        return false;
      }
      if (!ts.isIdentifier(x)) return false;
      const b = scope.resolve(x);
      return b?.kind === 'parameter' && context.has(b.decl);
    };
    // With no bindings parameter, no context and no class of the bindings, nothing is an env value:
    // nothing can be handed on.
    const rounds = env.size > 0 || context.size > 0 || classes.size > 0 ? 3 : 0;
    for (let round = 0; round < rounds; round++) {
      const before = env.size;
      for (const n of calls) {
        const fn = functionOf(n.expression);
        if (fn) n.arguments.forEach((a, i) => { const p = fn.parameters[i]; if (p && !p.dotDotDotToken && isEnvValue(a)) env.add(p); });
      }
      if (env.size === before) break;
    }
    return { env, context, classes, handlers, isContext };
  };
  let isContextOf: ((e: ts.Expression) => boolean) | null = null;
  const get = () => {
    if (!built) {
      const b = build();
      built = b;
      isContextOf = b.isContext;
    }
    return built;
  };

  return {
    isEnv(e: ts.Node): boolean {
      if (ts.isPropertyAccessExpression(e) && e.name.text === 'env') {
        get();
        return isContextOf!(e.expression);
      }
      if (!ts.isIdentifier(e)) return false;
      const b = scope.resolve(e);
      return b?.kind === 'parameter' && get().env.has(b.decl);
    },
    isHandlerObject(e: ts.Node): boolean {
      return ts.isObjectLiteralExpression(e) && get().handlers.has(e);
    },
  };
}
