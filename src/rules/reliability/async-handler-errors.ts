import ts from 'typescript';
import { ASYNC_CLIENTS, asyncClientOf, asyncErrorHelperOf, handlerFrameworkOf, promiseRouteMethodBase, type AsyncClient } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { importedModules } from '../shared/imports.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import {
  answersThrough, callsParameter, DEFAULT, definingCall, functionOf, importBinding, isRepoModule, catchesOfAwaits, declLine, droppedCalls, exportedLocals, exportedName, handsRejectionOn, isAsyncRouteMethod, isRouteCall,
  registration, returnedFromTry, waitsOnSomething, streamsBefore, successAnswer, unguardedAwaits, type Fn,
} from '../shared/async-handlers.js';
import { reviewAsyncHandlers, HANDLERS, VIA } from '../shared/async-handler-review.js';

const SEND_METHODS = new Set(['json', 'send', 'jsonp', 'end', 'status', 'sendStatus', 'code', 'render', 'redirect']);

const isAsync = (fn: ts.Node): boolean => ts.canHaveModifiers(fn) && (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);

/** An unguarded Express handler, as the review reads it: where, and the wrapper of another file it went through. */
export interface HandlerNote { line: number; decl: number; name: string | null; via: 'route' | 'export'; label: string; wrapper?: string }

export default defineSourceRule({
  id: 'reliability/async-handler-errors',
  meta: {
    category: 'reliability',
    severity: 'high',
    title: 'Request handlers whose failures are lost: unhandled rejections, dropped promises, errors answered as success',
    rationale: 'Express 4 does not catch a rejected async handler: the request hangs and the unhandled rejection kills the process on Node >= 15. A promise a handler drops fails silently the same way, and a catch that answers 200 tells the client a failed write succeeded.',
    remediation: { text: 'Upgrade to Express 5, import express-async-errors, or wrap async handlers in a function that does `.catch(next)`; await (or `.catch`) every promise a handler starts; answer from a catch block with an error status (`res.status(500).json(...)`) or hand the error to `next(err)`.', effort: 'low' },
    messages: {
      unguarded: '{{count}} async Express handler(s) in this file await without try/catch or a wrapper that hands the rejection to next(), on Express {{version}} ({{examples}}): a failing await leaves the request hanging and {{crash}}',
      floating: '`{{call}}` returns a promise that this request handler neither awaits, returns nor catches ({{what}}): if it fails, the failure is silent and its rejection unhandled',
      returnedInTry: '`return {{call}}` hands back a promise from inside the try block ({{what}}): it rejects after the try is left, so the catch below never sees the failure',
      successOnError: 'This catch block answers with `{{answer}}` and no error status: the client is told 200 when the awaited work in the try block failed',
    },
  },
  // Handlers are async or catch; wrappers catch; clients are made from their package.
  triggers: ['async', 'catch', 'unhandledRejection', ...new Set(ASYNC_CLIENTS.map((c) => c.package))],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script' && f.role !== 'config' && f.role !== 'migration',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const sf = ctx.sourceFile;
    const modules = importedModules(sf);
    if (modules.some((m) => m.startsWith('@nestjs/'))) return {};
    const framework = handlerFrameworkOf(modules)?.framework ?? null;
    const fns: Fn[] = [];
    const collect = (node: ts.Node) => { fns.push(node as Fn); };
    const lineOf = (n: ts.Node) => ctx.lineOf(n);

    for (const m of modules) {
      const h = asyncErrorHelperOf(m, '*');
      if (h?.how === 'patch') ctx.emit({ type: 'patch', line: 1, package: m });
      else if (h || asyncErrorHelperOf(m, 'addAsync')) ctx.emit({ type: 'router-helper', line: 1, package: m });
    }

    /** Whether a wrapper call hands its function's rejection on: true, false, or the wrapper imported from another file of the repository. */
    const wrapperSafety = (w: ts.CallExpression): boolean | string | null => {
      let root: ts.Expression = w.expression;
      while (ts.isPropertyAccessExpression(root)) root = root.expression;
      if (!ts.isIdentifier(root)) return null;
      const imp = importBinding(root, ctx.scope);
      if (imp) {
        if (isRepoModule(imp.from)) return `${imp.from}#${ts.isIdentifier(w.expression) ? root.text : w.expression.getText(sf)}`;
        const h = asyncErrorHelperOf(imp.from, imp.imported);
        return h?.how === 'wrapper' ? true : null;
      }
      const local = functionOf(root, ctx.scope);
      return local ? handsRejectionOn(local, ctx.scope) : null;
    };

    /** A router a promise-aware package made (`const router = PromiseRouter()`). */
    const promiseRouter = (call: ts.CallExpression): boolean => {
      let e: ts.Expression = (call.expression as ts.PropertyAccessExpression).expression;
      while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) e = e.expression.expression;
      if (!ts.isIdentifier(e)) return false;
      const b = ctx.scope.resolve(e);
      let init = b?.kind === 'variable' ? b.initializer : null;
      while (init && (ts.isCallExpression(init) || ts.isNewExpression(init)) && !ts.isIdentifier(init.expression)) init = ts.isPropertyAccessExpression(init.expression) ? init.expression.expression : null;
      if (!init || !(ts.isCallExpression(init) || ts.isNewExpression(init)) || !ts.isIdentifier(init.expression)) return false;
      const imp = importBinding(init.expression, ctx.scope);
      return imp !== null && asyncErrorHelperOf(imp.from, imp.imported)?.how === 'router';
    };

    /** The knowledge client a receiver is (`transport`, `prisma`), made in this file; or the local name of one imported from another file. */
    const clientOf = (root: ts.Identifier): AsyncClient | string | null => {
      const imp = importBinding(root, ctx.scope);
      if (imp) return isRepoModule(imp.from) ? root.text : asyncClientOf(imp.from, imp.imported, 'itself');
      const b = ctx.scope.resolve(root);
      const made = b?.kind === 'variable' ? b.initializer : null;
      return made ? clientMadeBy(made) : null;
    };
    const clientMadeBy = (made: ts.Expression): AsyncClient | null => {
      if (ts.isNewExpression(made) && ts.isIdentifier(made.expression)) {
        const imp = importBinding(made.expression, ctx.scope);
        return imp ? asyncClientOf(imp.from, imp.imported, 'new') : null;
      }
      if (ts.isCallExpression(made) && ts.isPropertyAccessExpression(made.expression) && ts.isIdentifier(made.expression.expression)) {
        const imp = importBinding(made.expression.expression, ctx.scope);
        return imp ? asyncClientOf(imp.from, imp.imported, 'factory', made.expression.name.text) : null;
      }
      return null;
    };

    /** Why a dropped call's promise matters, or the local name the review resolves through the link; null when it is not known to be a promise. */
    const droppedPromise = (call: ts.CallExpression, inClass: ts.ClassLikeDeclaration | null): { what: string } | { via: string } | null => {
      const e = call.expression;
      if (ts.isIdentifier(e)) {
        const imp = importBinding(e, ctx.scope);
        if (imp) return isRepoModule(imp.from) ? { via: e.text } : null;
        const fn = functionOf(e, ctx.scope);
        return fn && isAsync(fn) && waitsOnSomething(fn) ? { what: `async function of this file, line ${lineOf(fn)}` } : null;
      }
      if (!ts.isPropertyAccessExpression(e)) return null;
      const method = e.name.text;
      if (e.expression.kind === ts.SyntaxKind.ThisKeyword && inClass) {
        const m = inClass.members.find((x) => ts.isMethodDeclaration(x) && ts.isIdentifier(x.name) && x.name.text === method);
        return m && isAsync(m) && waitsOnSomething(m as Fn) ? { what: `async method of this class, line ${lineOf(m)}` } : null;
      }
      const chain: ts.Expression[] = [];
      let root: ts.Expression = e.expression;
      while (ts.isPropertyAccessExpression(root)) { chain.push(root); root = root.expression; }
      if (!ts.isIdentifier(root)) return null;
      const rootImport = importBinding(root, ctx.scope);
      if (chain.length === 0 && rootImport && isRepoModule(rootImport.from)) return { via: `${root.text}.${method}` };
      const c = clientOf(root);
      if (c === null) return null;
      if (typeof c === 'string') return chain.length <= 1 ? { via: `client:${c}:${chain.length}:${method}` } : null;
      if (!c.methods.includes(method) || (c.onMember ? chain.length !== 1 : chain.length !== 0)) return null;
      return { what: `${c.package} ${method}, which rejects when it fails` };
    };

    const reportReturned = (fn: Fn, inClass: ts.ClassLikeDeclaration | null): void => {
      for (const call of returnedFromTry(fn)) {
        const p = droppedPromise(call, inClass);
        if (!p) continue;
        const text = `${call.expression.getText(sf).replace(/\s+/g, '')}()`;
        ctx.report({ node: call, messageId: 'returnedInTry', severity: 'medium', data: { call: text, what: 'what' in p ? p.what : 'an async function of the repository', ...('via' in p ? { [VIA]: p.via } : {}) } });
      }
    };

    return {
      ArrowFunction: collect,
      FunctionExpression: collect,
      FunctionDeclaration: collect,
      MethodDeclaration: collect,
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(call.expression) || !ts.isIdentifier(call.expression.expression) || call.expression.expression.text !== 'process') return;
        if (!['on', 'once', 'addListener', 'prependListener'].includes(call.expression.name.text)) return;
        const ev = call.arguments[0];
        if (ev && ts.isStringLiteralLike(ev) && ev.text === 'unhandledRejection') ctx.emit({ type: 'process-handler', line: lineOf(call) });
      },
      VariableDeclaration(node) {
        const v = node as ts.VariableDeclaration;
        if (!ts.isIdentifier(v.name) || !v.initializer || !ts.isSourceFile(v.parent.parent.parent)) return;
        const c = clientMadeBy(v.initializer);
        if (c) ctx.emit({ type: 'client', name: v.name.text, line: lineOf(v), package: c.package, methods: c.methods.join(','), onMember: c.onMember === true });
      },
      'file:end'() {
        const locals = exportedLocals(sf);
        // Functions the file registers by name (`router.get('/x', getUser)`).
        const byName = new Map<Fn, ts.CallExpression>();
        const handlers: HandlerNote[] = [];
        for (const fn of fns) {
          const name = exportedName(fn, locals);
          if (name && isAsync(fn) && waitsOnSomething(fn)) ctx.emit({ type: 'async-fn', name, line: declLine(fn, sf) });
          if (name && fn.parameters.length >= 1 && (fns.some((inner) => inner !== fn && inner.parent && isInside(inner, fn)))) {
            ctx.emit({ type: 'wrapper', name, line: declLine(fn, sf), safe: handsRejectionOn(fn, ctx.scope), whole: locals.has(`${DEFAULT}${name}`) });
          }
        }
        // Route calls whose handlers are named (no function literal among the arguments).
        const visitCalls = (n: ts.Node): void => {
          if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
            for (const a of n.arguments) {
              if (ts.isIdentifier(a)) { const t = functionOf(a, ctx.scope); if (t && !byName.has(t) && isRouteCall(n)) byName.set(t, n); }
              // A controller handed to a wrapper here (`asyncHandler(users.get)`): the review spares it in its own file.
              const ref = ts.isCallExpression(a) && a.arguments.length === 1 && isRouteCall(n) ? handedOn(a.arguments[0]) : null;
              if (ref) {
                const safety = wrapperSafety(a as ts.CallExpression);
                if (safety !== false && safety !== null) ctx.emit({ type: 'wrapped', line: lineOf(a), ref: ref.getText(sf), ...(typeof safety === 'string' ? { wrapper: safety } : {}) });
              }
            }
          }
          ts.forEachChild(n, visitCalls);
        };
        visitCalls(sf);

        for (const fn of fns) {
          if (!fn.body) continue;
          const reg = registration(fn) ?? (byName.has(fn) ? { call: byName.get(fn)!, wrapper: null } : null);
          const through = reg ? null : definingCall(fn);
          const name = through ? exportedName(through, locals) : exportedName(fn, locals);
          const res = answersThrough(fn, 1);
          const koa = framework === 'koa' && reg !== null && fn.parameters.length >= 1;
          if (!reg && !(name && (res || (fn.parameters.length === 3 && callsParameter(fn, 2))))) {
            if (name && isAsync(fn)) reportReturned(fn, ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent) ? fn.parent : null);
            continue;
          }
          const inClass = ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent) ? fn.parent : null;
          const label = reg ? routeLabel(reg.call, sf, lineOf(fn)) : `${name} (line ${lineOf(fn)})`;

          // 1. An async Express handler awaiting outside any try.
          const expressShaped = framework === 'express' || res !== null || callsParameter(fn, 2);
          if (isAsync(fn) && fn.parameters.length >= 2 && (framework === 'express' || framework === null) && expressShaped && !(reg && (isAsyncRouteMethod(reg.call) || promiseRouter(reg.call)))) {
            const awaits = unguardedAwaits(fn, sf);
            const wrapper = reg?.wrapper ?? through;
            const safety = wrapper ? wrapperSafety(wrapper) : false;
            if (awaits.length > 0 && safety !== true && safety !== null) {
              handlers.push({ line: lineOf(fn), decl: declLine(through ?? fn, sf), name, via: reg ? 'route' : 'export', label, ...(typeof safety === 'string' ? { wrapper: safety } : {}) });
            }
          }

          // 2. Promises the handler drops.
          for (const call of droppedCalls(fn)) {
            const p = droppedPromise(call, inClass);
            if (!p) continue;
            const text = call.expression.getText(sf).replace(/\s+/g, '');
            if ('via' in p) ctx.report({ node: call, messageId: 'floating', severity: 'medium', data: { call: `${text}()`, what: 'an async function of the repository', [VIA]: p.via } });
            else ctx.report({ node: call, messageId: 'floating', severity: 'medium', data: { call: `${text}()`, what: p.what } });
          }

          // A promise returned from inside a try: the catch is dead for it.
          if (isAsync(fn)) reportReturned(fn, inClass);

          // 3. A catch answering success.
          const kind = framework === 'fastify' ? 'fastify' : koa ? 'koa' : 'express';
          const answering = kind === 'koa' ? fn.parameters[0]?.name : kind === 'fastify' ? answersThrough(fn, 1, new Set(['send', 'code', 'status'])) : res ?? (reg ? answersThrough(fn, 1, SEND_METHODS) : null);
          if (!answering || !ts.isIdentifier(answering)) continue;
          for (const clause of catchesOfAwaits(fn)) {
            if (kind !== 'koa' && streamsBefore(clause, answering.text)) continue;
            const answer = successAnswer(clause, answering.text, kind);
            if (answer) ctx.report({ node: answer, messageId: 'successOnError', severity: 'medium', data: { answer: answer.getText(sf).split('\n')[0].slice(0, 60) } });
          }
        }

        if (handlers.length > 0) {
          const first = handlers[0];
          ctx.report({
            line: first.line,
            messageId: 'unguarded',
            data: { count: handlers.length, version: '4', examples: handlers.slice(0, 3).map((h) => h.label).join(', '), crash: 'the unhandled rejection kills the process', [HANDLERS]: JSON.stringify(handlers) },
          });
        }
      },
    };
  },
  review: reviewAsyncHandlers,
});

function isInside(inner: ts.Node, fn: ts.Node): boolean {
  for (let p = inner.parent; p; p = p.parent) if (p === fn) return true;
  return false;
}

/**
 * The function of elsewhere a wrapper is handed: `users.get`, `users.get.bind(users)`, or the one call
 * of an arrow that only passes the request on (`(req, res) => users.get(req, res)`).
 */
function handedOn(e: ts.Expression): ts.Identifier | ts.PropertyAccessExpression | null {
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) return e;
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'bind') return handedOn(e.expression.expression);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
    let body: ts.Node = e.body;
    if (ts.isBlock(body) && body.statements.length === 1) {
      const st = body.statements[0];
      body = ts.isReturnStatement(st) && st.expression ? st.expression : ts.isExpressionStatement(st) ? st.expression : st;
    }
    while (ts.isAwaitExpression(body) || ts.isParenthesizedExpression(body)) body = body.expression;
    if (ts.isCallExpression(body) && (ts.isIdentifier(body.expression) || ts.isPropertyAccessExpression(body.expression))) return body.expression;
  }
  return null;
}

/** `POST /users (line 12)`, or the line alone when the path is not a literal. */
function routeLabel(call: ts.CallExpression, sf: ts.SourceFile, line: number): string {
  const m = ts.isPropertyAccessExpression(call.expression) ? (promiseRouteMethodBase(call.expression.name.text) ?? call.expression.name.text).toUpperCase() : '';
  const first = call.arguments[0];
  let path = first && ts.isStringLiteralLike(first) ? first.text : '';
  if (!path && ts.isPropertyAccessExpression(call.expression) && ts.isCallExpression(call.expression.expression)) {
    const inner = call.expression.expression;
    if (ts.isPropertyAccessExpression(inner.expression) && inner.expression.name.text === 'route' && inner.arguments[0] && ts.isStringLiteralLike(inner.arguments[0])) path = inner.arguments[0].text;
  }
  void sf;
  return path ? `${m} ${path} (line ${line})` : `${m} handler (line ${line})`;
}
