import ts from 'typescript';
import { requireOf } from '../../collect/scope.js';
import { DB_CLIENTS, dbClientOpenedBy, errorEmittingClient, type DbClient } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

/** Methods of a logger or of `console` that only write: a handler doing nothing else swallows the error. */
const LOG_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal']);

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/**
 * Whether a function body or block only logs: every statement a call of a log method (`console.error`,
 * `logger.error`) and nothing thrown, returned as a rejection or exited. Anything else (a call verdict
 * cannot see into, a retry, `process.exit`) is not judged.
 */
function onlyLogs(body: ts.ConciseBody | ts.Block): boolean {
  const statements = ts.isBlock(body) ? body.statements : [ts.factory.createExpressionStatement(body)];
  return statements.every((s) => {
    if (!ts.isExpressionStatement(s)) return false;
    const e = unwrap(s.expression);
    return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && LOG_METHODS.has(e.expression.name.text)
      && !e.arguments.some((a) => ts.isCallExpression(a) || ts.isArrowFunction(a) || ts.isFunctionExpression(a));
  });
}

function handlerBody(e: ts.Expression | undefined): ts.ConciseBody | null {
  if (!e) return null;
  return ts.isArrowFunction(e) || ts.isFunctionExpression(e) ? e.body : null;
}

/** `.catch(console.error)`, `.catch(logger.warn)`: a log method handed over as the handler. */
function isLogMethod(e: ts.Expression | undefined): boolean {
  return !!e && ts.isPropertyAccessExpression(e) && LOG_METHODS.has(e.name.text);
}

export default defineSourceRule({
  id: 'reliability/db-connect-failure-ignored',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'A failed database connection is only logged',
    rationale: 'When the connection at start fails and the error is only logged, the process neither exits with an error nor retries: the orchestrator sees no crash to restart, the health of the deploy looks fine, and the service serves nothing (or errors on every request).',
    remediation: { text: 'Exit with a non-zero code when the database cannot be reached at start (`process.exit(1)` or rethrow), or retry with a bound and then exit; the orchestrator restarts the process and the deploy fails visibly.', effort: 'low' },
    messages: {
      onlyLogged: 'When the {{client}} connection fails, this handler only logs: the process keeps running without a database and exits with no error',
      servesAnyway: 'When the {{client}} connection fails, this handler only logs and the server still starts (line {{listen}}): it serves requests with no database and reports healthy',
      unhandledServes: 'This {{client}} connection is neither awaited nor caught, and the server starts anyway (line {{listen}}): it serves with no database until the unhandled rejection kills the process (or, under an unhandledRejection handler that logs, for good)',
      unhandledNoListener: 'This {{client}} connection is neither awaited nor caught, and the client has no `error` listener: a database that is down or restarts kills the process with an unhandled rejection or error event, with no retry and no clear exit',
    },
  },
  // Every finding names a client opened by an import or require of a package knowledge/db-clients
  // lists (`dbClientOpenedBy` compares the module's name whole): that name in quotes is a necessary
  // condition. The words `connect`/`catch` were in most files, and had every one of them parsed and bound.
  triggers: DB_CLIENTS.flatMap((c) => [`'${c.package}'`, `"${c.package}"`, `\`${c.package}\``]),
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const importOf = (e: ts.Expression): { from: string; imported: string } | null => {
      if (!ts.isIdentifier(e)) return null;
      const b = ctx.scope.resolve(e);
      return b ? (b.kind === 'import' ? b : requireOf(b)) : null;
    };
    /** The client a call opens (`createConnection(...)`, `mongoose.connect(...)`), or null. */
    const opens = (e: ts.Expression): DbClient | null => {
      e = unwrap(e);
      if (!ts.isCallExpression(e)) return null;
      const direct = importOf(e.expression);
      if (direct) return dbClientOpenedBy(direct.from, direct.imported === '*' ? 'default' : direct.imported, 'call');
      if (ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression)) {
        const imp = importOf(e.expression.expression);
        if (imp && (imp.imported === '*' || imp.imported === 'default')) return dbClientOpenedBy(imp.from, imp.imported, 'member', e.expression.name.text);
      }
      return null;
    };
    /** The client an opened client's connecting method belongs to: `prisma.$connect()` of `const prisma = new PrismaClient()`. */
    const connectsOn = (e: ts.Expression): { client: DbClient; exported: string; receiver: ts.Identifier } | null => {
      e = unwrap(e);
      if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || !ts.isIdentifier(e.expression.expression)) return null;
      const b = ctx.scope.resolve(e.expression.expression);
      const init = b?.kind === 'variable' && b.isConst && b.initializer ? unwrap(b.initializer) : null;
      if (!init || (!ts.isNewExpression(init) && !ts.isCallExpression(init))) return null;
      const imp = importOf(init.expression);
      const exported = imp ? (imp.imported === '*' ? 'default' : imp.imported) : '';
      const client = imp ? dbClientOpenedBy(imp.from, exported, ts.isNewExpression(init) ? 'new' : 'call') : null;
      return client?.connects?.includes(e.expression.name.text) ? { client, exported, receiver: e.expression.expression } : null;
    };
    const connects = (e: ts.Expression): DbClient | null => connectsOn(e)?.client ?? null;
    /**
     * The handlers of the `error` listeners the file registers on the client `id` names, or on its
     * `connection` (`client.on('error', h)`, `mongoose.connection.on('error', h)`, `once`).
     */
    const errorListeners = (id: ts.Identifier): ts.Expression[] => {
      const target = ctx.scope.resolve(id)?.decl;
      const out: ts.Expression[] = [];
      if (!target) return out;
      const same = (e: ts.Expression): boolean => {
        if (ts.isPropertyAccessExpression(e) && e.name.text === 'connection') e = e.expression;
        return ts.isIdentifier(e) && ctx.scope.resolve(e)?.decl === target;
      };
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ['on', 'once', 'addListener', 'prependListener'].includes(n.expression.name.text)
          && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0]) && n.arguments[0].text === 'error' && n.arguments[1] && same(n.expression.expression)) out.push(n.arguments[1]);
        ts.forEachChild(n, visit);
      };
      visit(id.getSourceFile());
      return out;
    };
    /** Whether a listener does more than log (exits, rethrows, or calls what verdict cannot see into). */
    const handles = (h: ts.Expression): boolean => {
      const body = handlerBody(h);
      return !isLogMethod(h) && (!body || !onlyLogs(body));
    };
    /** The opening call at the head of a promise chain (`open(...).then(a).catch(b)`), or null. */
    const chainHead = (e: ts.Expression): { call: ts.Expression; client: DbClient } | null => {
      let cur = unwrap(e);
      while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression) && ['then', 'catch', 'finally'].includes(cur.expression.name.text)) {
        const inner = unwrap(cur.expression.expression);
        const client = opens(inner) ?? connects(inner);
        if (client) return { call: inner, client };
        cur = inner;
      }
      return null;
    };
    /**
     * Where the server starts although the connection failed: a `listen(...)` after the statement that
     * connects, in the same block or an enclosing one up to the function (not inside a `then` of the
     * chain, nor in the try block after the connect: a failure skips those). Null when none.
     */
    const listensAfter = (stmt: ts.Node): number | null => {
      for (let s: ts.Node = stmt; s.parent && !ts.isSourceFile(s) && !ts.isFunctionLike(s); s = s.parent) {
        const block = s.parent;
        if (!ts.isBlock(block) && !ts.isSourceFile(block)) continue;
        for (const next of block.statements.slice(block.statements.indexOf(s as ts.Statement) + 1)) {
          let at: ts.Node | null = null;
          const visit = (n: ts.Node): void => {
            if (at || ts.isFunctionLike(n)) return;
            if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'listen') at = n;
            else ts.forEachChild(n, visit);
          };
          visit(next);
          if (at) return ctx.lineOf(at);
        }
        if (ts.isSourceFile(block)) break;
      }
      return null;
    };
    const report = (node: ts.Node, stmt: ts.Node, client: DbClient): void => {
      const listen = listensAfter(stmt);
      if (listen !== null) ctx.report({ node, messageId: 'servesAnyway', data: { client: client.package, listen } });
      else ctx.report({ node, messageId: 'onlyLogged', data: { client: client.package } });
    };
    /**
     * A statement that starts a connection and drops its promise: `client.connect();`, `void mongoose.connect(url);`,
     * `mongoose.connect(url).then(() => log('ok'));`, with no rejection handler anywhere in the chain.
     */
    const dropped = (stmt: ts.ExpressionStatement): void => {
      let cur = stmt.expression;
      while (ts.isParenthesizedExpression(cur) || ts.isVoidExpression(cur)) cur = cur.expression;
      while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression) && ['then', 'finally'].includes(cur.expression.name.text)) {
        if (cur.expression.name.text === 'then' && cur.arguments.length > 1) return;
        cur = cur.expression.expression;
        while (ts.isParenthesizedExpression(cur)) cur = cur.expression;
      }
      if (!ts.isCallExpression(cur)) return;
      const on = connectsOn(cur);
      const client = on?.client ?? opens(cur);
      if (!client) return;
      const receiver = on?.receiver ?? (ts.isPropertyAccessExpression(cur.expression) && ts.isIdentifier(cur.expression.expression) ? cur.expression.expression : null);
      const listeners = receiver ? errorListeners(receiver) : [];
      // `mongoose.connection.on('error', () => process.exit(1))`: the failure is handled by the listener
      if (listeners.some(handles)) return;
      const listen = listensAfter(stmt);
      if (listen !== null) ctx.report({ node: cur, messageId: 'unhandledServes', data: { client: client.package, listen } });
      else if (on && errorEmittingClient(on.client.package, on.exported, 'new')?.unlistened === 'throws' && listeners.length === 0) ctx.report({ node: cur, messageId: 'unhandledNoListener', data: { client: client.package } });
    };
    return {
      ExpressionStatement(node) {
        dropped(node as ts.ExpressionStatement);
      },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(call.expression)) return;
        const method = call.expression.name.text;
        const onRejected = method === 'catch' ? call.arguments[0] : method === 'then' ? call.arguments[1] : undefined;
        const body = handlerBody(onRejected);
        if (!isLogMethod(onRejected) && (!body || !onlyLogs(body))) return;
        const head = chainHead(call);
        const stmt = ts.findAncestor(call, (n) => ts.isStatement(n));
        if (head && stmt) report(call.arguments[method === 'catch' ? 0 : 1], stmt, head.client);
      },
      TryStatement(node) {
        const t = node as ts.TryStatement;
        if (!t.catchClause || !onlyLogs(t.catchClause.block)) return;
        let client: DbClient | null = null;
        const find = (n: ts.Node): void => {
          if (client || ts.isFunctionLike(n)) return;
          if (ts.isAwaitExpression(n)) client = opens(n.expression) ?? connects(n.expression);
          if (!client) ts.forEachChild(n, find);
        };
        find(t.tryBlock);
        if (client) report(t.catchClause, t, client);
      },
    };
  },
});
