import ts from 'typescript';
import { errorHandlerPositions, HANDLER_RESPONSES, handlerFrameworkOf, NEST_RESPONSE_DECORATORS, responseIndexByShape, type HandlerResponse } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { importedModules } from '../shared/imports.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { envConditionOf } from '../../collect/conditions.js';
import { decideReading, envReadingOf, readingAt, settingEvidence } from '../shared/env-default.js';

/** Every method some framework's response sends a body with: what a handler of an unknown framework may call. */
const ANY_RESPONSE_METHOD = new Set(HANDLER_RESPONSES.flatMap((h) => h.methods));

/**
 * Whether a function can be a route handler: handed to a call (`app.get('/x', fn)`, `app.use(fn)`),
 * exported (a controller registered elsewhere), or a method of an exported object (a Worker's `fetch`).
 * A helper the file declares and calls itself is not, whatever its parameters are named.
 */
function isHandler(fn: ts.SignatureDeclaration): boolean {
  let n: ts.Node = fn;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent)) n = n.parent;
  if (ts.isCallExpression(n.parent) && n.parent.arguments.includes(n as ts.Expression)) return true;
  const holder = ts.isVariableDeclaration(n.parent) ? n.parent.parent.parent : ts.isPropertyAssignment(n.parent) || ts.isMethodDeclaration(n) ? n.parent : n;
  const exported = (x: ts.Node): boolean => (ts.canHaveModifiers(x) && (ts.getModifiers(x) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) || ts.isExportAssignment(x);
  if (ts.isClassLike(holder)) return false;
  if (exported(holder)) return true;
  // `export default { fetch() {} }`, `module.exports = { list(req, res) {} }`. A class's methods are
  // handlers only through a parameter NestJS decorates as the response (`@Res()`, see below).
  if (ts.isObjectLiteralExpression(holder)) return true;
  return ts.isBinaryExpression(n.parent) && n.parent.right === n;
}

/** A parameter decorated with NestJS's response decorator (knowledge NEST_RESPONSE_DECORATORS), resolved to its import. */
function nestResponse(p: ts.ParameterDeclaration): boolean {
  return (ts.getDecorators(p) ?? []).some((d) => {
    const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    if (!ts.isIdentifier(e)) return false;
    const imp = importOf(e);
    return imp !== null && NEST_RESPONSE_DECORATORS.package === imp.from && (NEST_RESPONSE_DECORATORS.decorators as readonly string[]).includes(imp.imported);
  });
}

/** The module and export an identifier is imported as, read from the file's import declarations. */
function importOf(id: ts.Identifier): { from: string; imported: string } | null {
  for (const s of id.getSourceFile().statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    const nb = s.importClause?.namedBindings;
    if (!nb || !ts.isNamedImports(nb)) continue;
    const el = nb.elements.find((x) => x.name.text === id.text);
    if (el) return { from: s.moduleSpecifier.text, imported: (el.propertyName ?? el.name).text };
  }
  return null;
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

export default defineSourceRule({
  id: 'security/error-exposed',
  meta: {
    category: 'security',
    severity: 'low',
    title: 'Error text sent to the client',
    rationale: 'Exception messages and stacks name files, queries, tables, hosts and library versions; sent to the caller they map the service for an attacker, and database errors can echo data.',
    remediation: { text: 'Log the error with its stack on the server and answer with a generic message and a request id; send the message only for errors made to be shown (validation errors).', effort: 'low' },
    messages: {
      exposed: 'The caught error `{{error}}` is sent to the client in the response: its text (and stack) goes to whoever called',
      stack: 'An error stack is sent to the client in the response',
      handlerExposed: 'The shared error handler at {{handler}} sends `{{error}}` to the client for every error that reaches it, not only the errors the app made to be shown: a database or library error\'s text goes to whoever called',
      stackByEnv: 'An error stack is sent to the client in the response unless `{{condition}}` says otherwise, and where the service runs it does not: {{said}}',
    },
  },
  triggers: ['catch', '.stack', 'onError', 'setErrorHandler', 'next)', 'NextFunction', 'ErrorRequestHandler'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  review(finding, layout, ctx) {
    if (finding.messageId !== 'stackByEnv') return finding;
    const rec = ctx.records().find((r) => r.path === finding.path && r.line === finding.line && typeof r.negate === 'boolean');
    const reading = readingAt(ctx.records(), finding.path, finding.line);
    const outcome = rec && reading ? decideReading(reading, finding.path ?? '', layout, ctx) : null;
    if (!outcome || Boolean(outcome.value) === rec!.negate) return null;
    return { ...finding, data: { ...finding.data, said: outcome.said }, evidence: [...finding.evidence, ...settingEvidence(outcome)], severity: outcome.namedDefault ? 'low' : 'medium' };
  },
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    /** The `.stack` read inside a value, or null. */
    const stackIn = (e: ts.Node): ts.PropertyAccessExpression | null => {
      if (ts.isPropertyAccessExpression(e) && e.name.text === 'stack') return e;
      return ts.forEachChild(e, stackIn) ?? null;
    };
    /**
     * A stack sent only under a condition on the environment (`isDev && { stack }`, `if (NODE_ENV !== 'production')`):
     * recorded for the review, which decides the condition with the deployment's settings. True when reported.
     */
    const gated = (call: ts.Node, args: readonly ts.Node[]): ts.Node | null => {
      const stack = args.map(stackIn).find((x) => x !== null);
      if (!stack) return null;
      const fn = ts.findAncestor(call, ts.isFunctionLike) ?? null;
      const own = envConditionOf(stack, call, ctx.scope);
      const c = own ?? envConditionOf(call, fn, ctx.scope);
      const reading = c ? envReadingOf(c.cond, ctx.sourceFile, ctx.scope) : null;
      if (!c || !reading) return null;
      // What the condition gates: the stack alone, or the whole response.
      const gatedPart = own ? stack : call;
      const dep = reading.dependence;
      if (dep && ![dep.value, ...dep.when.map((w) => w.value)].some((v) => Boolean(v) !== c.negate)) return gatedPart;
      ctx.emit({ line: ctx.lineOf(call), reading: reading as unknown as Record<string, unknown>, negate: c.negate });
      ctx.report({ node: call, messageId: 'stackByEnv', severity: 'medium', data: { condition: c.negate ? `!(${reading.text})` : reading.text, said: reading.text } });
      return gatedPart;
    };
    /**
     * Where a function, as the shared error handler of the file's framework, gets the error and the response
     * (knowledge errorHandlerPositions: Express `(err, req, res, next)`, Hono `app.onError((err, c) => …)`,
     * Fastify `setErrorHandler((error, request, reply) => …)`), or null when it is none.
     */
    let registeredByName: Map<ts.Declaration, string> | undefined;
    /** Functions the file hands to an error-handler registration by name (`app.setErrorHandler(errorHandler)`), resolved by scope. */
    const registered = (): Map<ts.Declaration, string> => {
      if (registeredByName) return registeredByName;
      registeredByName = new Map();
      const register = frameworkOf()?.errorHandler?.register;
      const visit = (n: ts.Node): void => {
        if (register && ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === register) {
          const a = n.arguments[0] && unwrap(n.arguments[0]);
          const b = a && ts.isIdentifier(a) ? ctx.scope.resolve(a) : null;
          if (b && (b.kind === 'function' || b.kind === 'variable')) registeredByName!.set(b.decl, register);
        }
        ts.forEachChild(n, visit);
      };
      visit(ctx.sourceFile);
      return registeredByName;
    };
    const errorHandlerOf = (fn: ts.SignatureDeclaration): { error: number; response: number } | null => {
      const fw = frameworkOf();
      if (!fw) return null;
      const named = ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn ? fn.parent : null;
      const byName = named ? registered().get(named) : undefined;
      if (byName) return errorHandlerPositions(fw, fn.parameters.length, byName);
      if (!isHandler(fn)) return null;
      let n: ts.Node = fn;
      while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent)) n = n.parent;
      const p = n.parent;
      const registeredWith = ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) ? p.expression.name.text : null;
      return errorHandlerPositions(fw, fn.parameters.length, registeredWith);
    };
    /** The error handler a node is in. */
    const handlerAround = (n: ts.Node): ts.SignatureDeclaration | null => {
      const fn = ts.findAncestor(n, ts.isFunctionLike) as ts.SignatureDeclaration | undefined;
      return fn && errorHandlerOf(fn) ? fn : null;
    };
    const inErrorHandler = (n: ts.Node): boolean => handlerAround(n) !== null;
    /** Whether an identifier is the error parameter of the error handler `fn`. */
    const isErrorParam = (e: ts.Node, fn: ts.SignatureDeclaration): e is ts.Identifier => {
      if (!ts.isIdentifier(e)) return false;
      const b = ctx.scope.resolve(e);
      return b?.kind === 'parameter' && b.fn === fn && b.index === errorHandlerOf(fn)?.error;
    };
    /**
     * Whether a condition picks which errors a branch handles: it reads the error (`err instanceof HTTPException`,
     * `err.statusCode < 500`, `error.validation`, `err.expose`) other than as `instanceof` a global class
     * (`err instanceof Error` holds for every error).
     */
    const narrows = (cond: ts.Expression, fn: ts.SignatureDeclaration): boolean => {
      const c = unwrap(cond);
      if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) return narrows(c.operand, fn);
      if (ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword && isErrorParam(unwrap(c.left), fn)) {
        const cls = unwrap(c.right);
        return !(ts.isIdentifier(cls) && !ctx.scope.resolve(cls));
      }
      let reads = false;
      const visit = (x: ts.Node): void => { if (isErrorParam(x, fn)) reads = true; else if (!reads) ts.forEachChild(x, visit); };
      visit(c);
      return reads;
    };
    /** A statement that always leaves the function: `return …`, `throw …`, or a block ending with one. */
    const exits = (s: ts.Statement): boolean => ts.isReturnStatement(s) || ts.isThrowStatement(s)
      || (ts.isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]));
    /** Whether a response in an error handler is only reached for errors a condition picked (a branch, or after an early exit). */
    const guarded = (call: ts.Node, fn: ts.SignatureDeclaration): boolean => {
      for (let a: ts.Node = call; a !== fn && a.parent; a = a.parent) {
        const p = a.parent;
        if (ts.isIfStatement(p) && a !== p.expression && narrows(p.expression, fn)) return true;
        if (ts.isConditionalExpression(p) && a !== p.condition && narrows(p.condition, fn)) return true;
        if (ts.isBlock(p) || ts.isSourceFile(p)) {
          const before = p.statements.slice(0, p.statements.indexOf(a as ts.Statement));
          if (before.some((s) => ts.isIfStatement(s) && exits(s.thenStatement) && narrows(s.expression, fn))) return true;
        }
      }
      return false;
    };
    /** The error parameter's text a value carries (the error, its message or stack, `String(err)`), outside branches a condition on the error picked. */
    const carriedFromHandler = (e: ts.Node, fn: ts.SignatureDeclaration): string | null => {
      if (ts.isConditionalExpression(e) && narrows(e.condition, fn)) return null;
      if (isErrorParam(e, fn)) {
        const p = e.parent;
        const field = p && ts.isPropertyAccessExpression(p) && p.expression === e ? p.name.text : null;
        if (field === null || field === 'message' || field === 'stack' || field === 'toString') return field ? `${e.text}.${field}` : e.text;
      }
      return ts.forEachChild(e, (c) => carriedFromHandler(c, fn) ?? undefined) ?? null;
    };
    /** The caught error a value carries: the catch variable itself, its message, `${e}`, `String(e)`, `e.toString()`; or a stack. */
    const carried = (e: ts.Node, found: { error: string | null; stack: boolean }, skip: ts.Node | null = null): void => {
      if (e === skip) return;
      if (ts.isPropertyAccessExpression(e) && e.name.text === 'stack') found.stack = true;
      if (ts.isIdentifier(e)) {
        const b = ctx.scope.resolve(e);
        if (b && ts.isVariableDeclaration(b.decl) && ts.isCatchClause(b.decl.parent)) {
          // `e.status`, `e.code`: a field chosen for the client, not the error's text.
          const p = e.parent;
          const field = p && ts.isPropertyAccessExpression(p) && p.expression === e ? p.name.text : null;
          if (field === null || field === 'message' || field === 'stack' || field === 'toString') found.error ??= e.text;
        }
      }
      ts.forEachChild(e, (c) => carried(c, found, skip));
    };
    // The framework whose handlers this file writes (knowledge HANDLER_RESPONSES), read from its imports.
    let framework: HandlerResponse | null | undefined;
    const frameworkOf = (): HandlerResponse | null => (framework === undefined ? (framework = handlerFrameworkOf(importedModules(ctx.sourceFile))) : framework);
    /**
     * Whether `root` is the response parameter of the handler it belongs to: the parameter in the
     * position the file's framework hands the response (Express `(req, res)`, its error handler
     * `(err, req, res, next)`, Hono `(c)`), or, when the framework is not known, the position every
     * framework's handler shape shares. Its name is not read.
     */
    const isResponseParameter = (root: ts.Identifier, method: string | null): boolean => {
      const b = ctx.scope.resolve(root);
      if (b?.kind !== 'parameter') return false;
      // NestJS hands the response to the parameter decorated `@Res()` (`@Response()`), in any position.
      if (nestResponse(b.decl)) return method === null || ANY_RESPONSE_METHOD.has(method);
      if (!isHandler(b.fn) && !errorHandlerOf(b.fn)) return false;
      const fw = frameworkOf();
      const count = b.fn.parameters.length;
      const at = fw ? (errorHandlerOf(b.fn)?.response ?? fw.response) : responseIndexByShape(count);
      if (b.index !== at) return false;
      return method === null || (fw ? fw.methods.includes(method) : ANY_RESPONSE_METHOD.has(method));
    };
    /** Whether a call writes a response: the global `Response`, or a response method on the handler's response parameter. */
    const writesResponse = (call: ts.CallExpression | ts.NewExpression): boolean => {
      const callee = unwrap(call.expression);
      if (ts.isNewExpression(call)) return ts.isIdentifier(callee) && callee.text === 'Response' && !ctx.scope.resolve(callee);
      if (!ts.isPropertyAccessExpression(callee)) return false;
      let root: ts.Expression = callee.expression;
      while (ts.isCallExpression(root) && ts.isPropertyAccessExpression(root.expression)) root = root.expression.expression; // res.status(500).json(...)
      if (ts.isIdentifier(root) && root.text === 'Response' && !ctx.scope.resolve(root)) return callee.name.text === 'json';
      return ts.isIdentifier(root) && isResponseParameter(root, callee.name.text);
    };
    const check = (call: ts.CallExpression | ts.NewExpression, args: readonly ts.Expression[]) => {
      // Inside a catch, or an error handler's stack under a condition on the environment.
      const inCatch = !!ts.findAncestor(call, ts.isCatchClause);
      if ((!inCatch && !inErrorHandler(call)) || !writesResponse(call)) return;
      const byEnv = gated(call, args.slice(0, 1));
      if (byEnv === call) return;
      if (!inCatch) {
        // A shared error handler: every error the routes throw reaches it.
        const fn = handlerAround(call)!;
        if (byEnv || guarded(call, fn)) return;
        const error = args.slice(0, 1).map((a) => carriedFromHandler(a, fn)).find((x) => x !== null);
        if (error) ctx.report({ node: call, messageId: 'handlerExposed', severity: 'medium', data: { error, handler: `${ctx.file.path}:${ctx.lineOf(fn)}` } });
        return;
      }
      const found = { error: null as string | null, stack: false };
      for (const a of args.slice(0, 1)) carried(a, found, byEnv);
      if (found.error) ctx.report({ node: call, messageId: 'exposed', data: { error: found.error } });
      else if (found.stack) ctx.report({ node: call, messageId: 'stack' });
    };
    return {
      CallExpression(node) {
        const c = node as ts.CallExpression;
        check(c, c.arguments);
      },
      NewExpression(node) {
        const n = node as ts.NewExpression;
        check(n, n.arguments ?? []);
      },
      // Koa sends what is assigned to `ctx.body`.
      BinaryExpression(node) {
        const b = node as ts.BinaryExpression;
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(b.left) || !ts.isIdentifier(b.left.expression)) return;
        const body = frameworkOf()?.bodyProperty;
        if (!body || b.left.name.text !== body || !ts.findAncestor(b, ts.isCatchClause) || !isResponseParameter(b.left.expression, null)) return;
        const found = { error: null as string | null, stack: false };
        carried(b.right, found);
        if (found.error) ctx.report({ node: b, messageId: 'exposed', data: { error: found.error } });
        else if (found.stack) ctx.report({ node: b, messageId: 'stack' });
      },
    };
  },
});
