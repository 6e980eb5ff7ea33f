// Facts about how a service runs: servers that listen, signal and process-error handlers, what the
// shutdown path closes, environment reads and validation, and queue producers/consumers. Never judges.
import { PROCESS_ERROR_REPORTERS } from '../../knowledge/async-errors.js';
import ts from 'typescript';
import { lineTextOf, snippetOf } from '../../util/text.js';
import type { RecordOf } from '../facts/define.js';
import { runtimeFacts } from '../facts/runtime.js';
import { DB_CLIENTS, dbClientOpenedBy, ERROR_EMITTING_CLIENTS, errorEmittingClient, PROCESS_ENV_GLOBALS } from '../../knowledge/index.js';
import type { VisitorHost, Visitors } from '../host.js';
import { requireOf, type Scope } from '../scope.js';
import { startsServer, startsServing } from './listen.js';
import { workerEnv } from './worker-env.js';

type RuntimeRecord = RecordOf<typeof runtimeFacts>;
/** A record as the visitors build it: the line's text is added when it is emitted. */
type Unquoted<R> = R extends { snippet: string } ? Omit<R, 'snippet'> : R;

const CLOSE_METHODS = new Set(['close', 'end', '$disconnect', 'disconnect', 'destroy', 'quit', 'stop', 'shutdown', 'terminate', 'drain', 'closeAllConnections', 'dispose', 'closeAll']);
const CLOSE_RE = /\.(close|end|\$disconnect|disconnect|destroy|quit|stop|shutdown|terminate|drain|closeAllConnections|dispose|closeAll)\(/;
const SIGNALS: ReadonlyArray<Extract<RuntimeRecord, { kind: 'signal' }>['signal']> = ['SIGTERM', 'SIGINT'];
const PROCESS_ERRORS: ReadonlyArray<Extract<RuntimeRecord, { kind: 'process-error' }>['event']> = ['unhandledRejection', 'uncaughtException'];
const SHUTDOWN_LIBS = ['http-terminator', 'stoppable', '@godaddy/terminus', 'close-with-grace', 'fastify-graceful-shutdown', 'lightship', 'http-graceful-shutdown', 'async-exit-hook', 'exit-hook', 'death'];
const ERROR_REPORTERS: readonly string[] = PROCESS_ERROR_REPORTERS;
const VALIDATION_LIBS = ['envalid', '@t3-oss/env-core', '@t3-oss/env-nextjs', 'env-var', 'envsafe', 'convict', '@fastify/env', 'znv', '@nestjs/config'];
const KNOWN_LIBS = [...SHUTDOWN_LIBS, ...ERROR_REPORTERS, ...VALIDATION_LIBS];
const LIB_IMPORT = new RegExp(`(from\\s+|require\\()['"](${KNOWN_LIBS.map((l) => l.replace(/[/.]/g, '\\$&')).join('|')})['"]`, 'g');
const VALIDATE_CALLS = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'cleanEnv', 'createEnv', 'validate', 'validateSync', 'validateEnv', 'decode', 'assert', 'is', 'Check', 'envsafe', 'znv', 'parseEnv']);

function strArg(e: ts.Expression | undefined): string | null {
  return e && ts.isStringLiteralLike(e) ? e.text : null;
}

export function callName(call: ts.CallExpression): string | null {
  const e = call.expression;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isIdentifier(e)) return e.text;
  return null;
}

/** `process.env`, or another global that is the same environment (`Bun.env`: knowledge/environment). */
const ENV_GLOBALS = new Set(PROCESS_ENV_GLOBALS.map((g) => g.global));
function isProcessEnv(e: ts.Node): boolean {
  return ts.isPropertyAccessExpression(e) && e.name.text === 'env' && ts.isIdentifier(e.expression) && ENV_GLOBALS.has(e.expression.text);
}

function isImportMetaEnv(e: ts.Node): boolean {
  return ts.isPropertyAccessExpression(e) && e.name.text === 'env' && ts.isMetaProperty(e.expression);
}

/** The environment object itself, or a parameter/const standing for it (`function load(src = process.env) { Env.parse(src) }`); `isWorkerEnv`: a Worker's bindings (worker-env.ts). */
function isEnvSource(e: ts.Expression, isWorkerEnv: (e: ts.Node) => boolean): boolean {
  if (isProcessEnv(e) || isImportMetaEnv(e) || isWorkerEnv(e)) return true;
  if (!ts.isIdentifier(e)) return false;
  for (let p: ts.Node | undefined = e.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p)) {
      const param = p.parameters.find((x) => ts.isIdentifier(x.name) && x.name.text === e.text);
      if (param) return !!param.initializer && (isProcessEnv(param.initializer) || isImportMetaEnv(param.initializer));
    }
    if (ts.isBlock(p) || ts.isSourceFile(p)) {
      for (const st of p.statements) {
        if (!ts.isVariableStatement(st)) continue;
        const d = st.declarationList.declarations.find((x) => ts.isIdentifier(x.name) && x.name.text === e.text);
        if (d) return !!d.initializer && (isProcessEnv(d.initializer) || isImportMetaEnv(d.initializer));
      }
    }
  }
  return false;
}

/** The code copes with the variable being absent here: a default, a guard, or a comparison (a flag). */
function hasFallback(node: ts.Node): boolean {
  let child: ts.Node = node;
  let p = node.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p))) {
    child = p;
    p = p.parent;
  }
  if (!p) return false;
  if (ts.isBinaryExpression(p)) {
    const k = p.operatorToken.kind;
    if ((k === ts.SyntaxKind.QuestionQuestionToken || k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.AmpersandAmpersandToken) && p.left === child) return true;
    return [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(k);
  }
  return (ts.isIfStatement(p) && p.expression === child) || (ts.isConditionalExpression(p) && p.condition === child)
    || (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken);
}

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** A then-branch that stops: `throw ...` or the process's `exit(...)` (the global `process`, no variable of the file) as one of its own statements. */
function stops(stmt: ts.Statement, scope: Scope): boolean {
  const isExit = (e: ts.Expression) => ts.isPropertyAccessExpression(e) && e.name.text === 'exit' && ts.isIdentifier(e.expression)
    && e.expression.text === 'process' && scope.resolve(e.expression) === null;
  const isStop = (x: ts.Statement) => ts.isThrowStatement(x) || (ts.isExpressionStatement(x) && ts.isCallExpression(x.expression) && isExit(x.expression.expression));
  return isStop(stmt) || (ts.isBlock(stmt) && stmt.statements.some(isStop));
}

const NOTHING = (e: ts.Expression): boolean => {
  const x = strip(e);
  return x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined') || (ts.isStringLiteralLike(x) && x.text === '');
};

/** A receiver as a dotted chain of names (`mongoose.connection`), `?` for anything computed (`getConnection()`). */
function chainOf(e: ts.Expression): string {
  const names: string[] = [];
  while (ts.isPropertyAccessExpression(e)) {
    names.unshift(e.name.text);
    e = e.expression;
  }
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  names.unshift(ts.isIdentifier(e) ? e.text : e.kind === ts.SyntaxKind.ThisKeyword ? 'this' : '?');
  return names.join('.');
}

/** Names of functions called in a body, whether it calls a closing method directly, and the chain of each such call. */
function callsIn(body: ts.Node): { calls: string[]; closes: boolean; closed: string[] } {
  const calls = new Set<string>();
  const closed = new Set<string>();
  let closes = false;
  const walk = (x: ts.Node): void => {
    if (ts.isCallExpression(x)) {
      const name = callName(x);
      if (name) {
        calls.add(name);
        if (CLOSE_METHODS.has(name) && ts.isPropertyAccessExpression(x.expression)) {
          closes = true;
          closed.add(`${chainOf(x.expression.expression)}.${name}`);
        }
      }
      for (const a of x.arguments) if (ts.isIdentifier(a)) calls.add(a.text);
    }
    ts.forEachChild(x, walk);
  };
  walk(body);
  return { calls: [...calls], closes, closed: [...closed] };
}

function upperKeys(obj: ts.Node | undefined): string[] {
  if (!obj || !ts.isObjectLiteralExpression(obj)) return [];
  return obj.properties.map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '')).filter((n) => /^[A-Z][A-Z0-9_]*$/.test(n));
}

export const runtime: VisitorHost = {
  id: runtimeFacts.id,
  triggers: ['listen', 'serve', 'process.', 'fetch', 'scheduled', 'hono', 'cloudflare:', 'env', 'Env', 'Queue', 'Worker', '.on(', '.once(', 'addListener(', 'prependListener(', '.send(', 'sendBatch', 'queue', 'Sentry', 'signal', '.close(', '.quit(', 'disconnect(', ...DB_CLIENTS.map((c) => c.package), ...ERROR_EMITTING_CLIENTS.map((c) => c.package)],
  create(ctx) {
    const role = ctx.file.role;
    // Facts with a line carry its text, so repository rules can quote source files they cannot read.
    const emit = (f: Unquoted<RuntimeRecord>) => runtimeFacts.emit(ctx, 'line' in f ? { ...f, snippet: snippetOf(lineTextOf(ctx.sourceFile, ctx.text, f.line)) } : f);
    const text = ctx.text;
    const bull = text.includes('bull') && /from\s+['"](bullmq?|@nestjs\/bullmq?)['"]|require\(['"]bullmq?['"]\)/.test(text);
    /** A queue name: a string literal, or the variable it refers to (by scope) bound to one and never reassigned. */
    const queueName = (e: ts.Expression | undefined): string | null => {
      if (!e) return null;
      if (ts.isStringLiteralLike(e)) return e.text;
      if (!ts.isIdentifier(e)) return null;
      const b = ctx.scope.resolve(e);
      if (b?.kind !== 'variable' || !b.initializer || !ts.isStringLiteralLike(b.initializer)) return null;
      return b.isConst || !ctx.scope.isReassigned(b.decl) ? b.initializer.text : null;
    };
    const envReads = new Map<string, { line: number; source: 'process' | 'worker' | 'import.meta'; fallback: boolean }>();
    const written = new Set<string>();
    const readEnv = (name: string, node: ts.Node, source: 'process' | 'worker' | 'import.meta', fallback: boolean) => {
      const key = `${source}:${name}`;
      const parent = node.parent;
      // `process.env.X = ...` / `c.env.X = ...`: the code sets it, nobody has to configure it.
      if (parent && ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        written.add(key);
        return;
      }
      const prev = envReads.get(key);
      // One guarded or defaulted read in the file means the code copes with its absence.
      if (!prev) envReads.set(key, { line: ctx.lineOf(node), source, fallback });
      else if (fallback) prev.fallback = true;
    };
    const wenv = workerEnv(ctx.sourceFile, ctx.scope);
    const isWorkerEnv = wenv.isEnv;
    const isHandlerObject = wenv.isHandlerObject;
    /**
     * The variable an expression reads from the environment, resolved: `process.env.X`, `process.env[key]`
     * (name null when the key is not constant), `import.meta.env.X`, a Worker binding, or a variable of the
     * file bound to one of those (`const key = process.env[name]`, `const { X } = process.env`).
     */
    const envRead = (e: ts.Expression, depth = 0): { name: string | null } | null => {
      const x = strip(e);
      const envObject = (o: ts.Expression) => isProcessEnv(o) || isImportMetaEnv(o) || isWorkerEnv(o);
      if (ts.isPropertyAccessExpression(x) && envObject(x.expression)) return { name: x.name.text };
      if (ts.isElementAccessExpression(x) && envObject(x.expression)) return { name: strArg(x.argumentExpression) };
      if (!ts.isIdentifier(x) || depth > 3) return null;
      const b = ctx.scope.resolve(x);
      if (b?.kind === 'variable' && b.initializer && (b.isConst || !ctx.scope.isReassigned(b.decl))) return envRead(b.initializer, depth + 1);
      if (b?.kind === 'destructured') {
        const holder = b.decl.parent.parent;
        const key = b.decl.propertyName && ts.isIdentifier(b.decl.propertyName) ? b.decl.propertyName.text : ts.isIdentifier(b.decl.name) ? b.decl.name.text : null;
        if (ts.isVariableDeclaration(holder) && holder.initializer && envObject(strip(holder.initializer))) return { name: key };
      }
      return null;
    };
    /** The variables a condition tests the absence of: `!X`, `X === undefined`, `X == null`, `typeof X !== 'string'`, joined by `||`/`&&`. */
    const absenceTested = (cond: ts.Expression): Array<string | null> => {
      const c = strip(cond);
      if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) {
        const r = envRead(c.operand);
        return r ? [r.name] : [];
      }
      if (!ts.isBinaryExpression(c)) return [];
      const k = c.operatorToken.kind;
      if (k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.AmpersandAmpersandToken) return [...absenceTested(c.left), ...absenceTested(c.right)];
      if (k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken) {
        const r = NOTHING(c.right) ? envRead(c.left) : NOTHING(c.left) ? envRead(c.right) : null;
        return r ? [r.name] : [];
      }
      if (k === ts.SyntaxKind.ExclamationEqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsToken) {
        const side = ts.isTypeOfExpression(strip(c.left)) ? strip(c.left) as ts.TypeOfExpression : ts.isTypeOfExpression(strip(c.right)) ? strip(c.right) as ts.TypeOfExpression : null;
        const r = side ? envRead(side.expression) : null;
        return r ? [r.name] : [];
      }
      return [];
    };
    const validationNames = new Set<string>();
    let validated: { line: number; via: string } | null = null;
    // One pass over the text for every library: where each is first imported or required.
    const firstImport = new Map<string, number>();
    for (const m of text.matchAll(LIB_IMPORT)) if (!firstImport.has(m[2])) firstImport.set(m[2], m.index);
    for (const lib of KNOWN_LIBS) {
      const at = firstImport.get(lib);
      if (at === undefined) continue;
      const line = ctx.lineOfOffset(at);
      if (SHUTDOWN_LIBS.includes(lib)) emit({ kind: 'shutdown-lib', name: lib, line, role });
      else if (ERROR_REPORTERS.includes(lib)) emit({ kind: 'error-reporter', name: lib, line, role });
      else validated ??= { line, via: lib };
    }
    /** What an identifier imports, through `import` or `require` (the whole module is `*`). */
    const importOf = (e: ts.Expression): { from: string; imported: string } | null => {
      if (!ts.isIdentifier(e)) return null;
      const b = ctx.scope.resolve(e);
      return b ? (b.kind === 'import' ? b : requireOf(b)) : null;
    };
    /** A database client opened by this call or `new` (knowledge/db-clients), with the name it is bound to. */
    const dbClient = (n: ts.CallExpression | ts.NewExpression): void => {
      const how = ts.isNewExpression(n) ? 'new' : 'call';
      let client = null;
      let module: string | null = null;
      const direct = importOf(n.expression);
      if (direct) client = dbClientOpenedBy(direct.from, direct.imported === '*' ? 'default' : direct.imported, how);
      else if (how === 'call' && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression)) {
        const imp = importOf(n.expression.expression);
        if (imp && (imp.imported === '*' || imp.imported === 'default')) {
          client = dbClientOpenedBy(imp.from, imp.imported, 'member', n.expression.name.text);
          module = n.expression.expression.text;
        }
      }
      if (!client) return;
      let at: ts.Node = n;
      while (at.parent && (ts.isAwaitExpression(at.parent) || ts.isParenthesizedExpression(at.parent) || ts.isAsExpression(at.parent))) at = at.parent;
      const variable = at.parent && ts.isVariableDeclaration(at.parent) && at.parent.initializer === at && ts.isIdentifier(at.parent.name) ? at.parent.name.text : null;
      emit({ kind: 'db-client', package: client.package, binding: variable ?? module, line: ctx.lineOf(n), role });
    };
    /** The function an identifier names in this file (a declaration, or a const holding an arrow or function expression), or null. */
    const localFunction = (id: ts.Identifier): ts.Node | null => {
      const b = ctx.scope.resolve(id);
      if (b?.kind === 'function') return b.decl.body ?? null;
      const init = b?.kind === 'variable' && b.isConst ? b.initializer : null;
      return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init.body : null;
    };
    /**
     * The names the file exports a top-level variable under: `export const x`, `export { x as y }`,
     * `export default x`, `module.exports = x` (`default`), `module.exports = { x }`, `exports.y = x`.
     */
    const exportedAs = (decl: ts.VariableDeclaration): string[] => {
      const stmt = decl.parent.parent;
      if (!ts.isVariableStatement(stmt) || stmt.parent !== ctx.sourceFile || !ts.isIdentifier(decl.name)) return [];
      const out: string[] = [];
      if (stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) out.push(decl.name.text);
      const same = (e: ts.Node): boolean => ts.isIdentifier(e) && ctx.scope.resolve(e)?.decl === decl;
      const isModuleExports = (e: ts.Expression) => ts.isPropertyAccessExpression(e) && e.name.text === 'exports' && ts.isIdentifier(e.expression) && e.expression.text === 'module';
      for (const st of ctx.sourceFile.statements) {
        if (ts.isExportAssignment(st) && same(st.expression)) out.push('default');
        else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
          for (const el of st.exportClause.elements) if (same(el.propertyName ?? el.name)) out.push(el.name.text);
        } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          const { left, right } = st.expression;
          if (isModuleExports(left) && same(right)) out.push('default', '*');
          else if (isModuleExports(left) && ts.isObjectLiteralExpression(right)) {
            for (const p of right.properties) {
              if (ts.isShorthandPropertyAssignment(p) && same(p.name)) out.push(p.name.text);
              else if (ts.isPropertyAssignment(p) && same(p.initializer) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out.push(p.name.text);
            }
          } else if (ts.isPropertyAccessExpression(left) && same(right) && (isModuleExports(left.expression) || (ts.isIdentifier(left.expression) && left.expression.text === 'exports'))) out.push(left.name.text);
        }
      }
      return [...new Set(out)];
    };
    /** A client that emits 'error' on a lost connection (knowledge/client-errors) made here, and the variable it is bound to. */
    const errorClient = (n: ts.CallExpression | ts.NewExpression): void => {
      const how = ts.isNewExpression(n) ? 'new' : 'call';
      const direct = importOf(n.expression);
      let client = direct ? errorEmittingClient(direct.from, direct.imported, how) : null;
      if (!direct && ts.isPropertyAccessExpression(n.expression)) {
        // `redis.createClient()`, `new pg.Pool()`: a function or class of the whole module.
        const mod = importOf(n.expression.expression);
        const name = n.expression.name.text;
        if (mod && (mod.imported === '*' || mod.imported === 'default')) client = how === 'call' ? errorEmittingClient(mod.from, mod.imported, 'member', name) : errorEmittingClient(mod.from, name, 'new');
      }
      if (!client) return;
      let at: ts.Node = n;
      while (at.parent && (ts.isAwaitExpression(at.parent) || ts.isParenthesizedExpression(at.parent) || ts.isAsExpression(at.parent))) at = at.parent;
      const decl = at.parent;
      const bound = !!decl && ts.isVariableDeclaration(decl) && decl.initializer === at && ts.isIdentifier(decl.name);
      emit({ kind: 'error-client', package: client.package, how: client.how, export: client.export, variable: bound ? (decl.name as ts.Identifier).text : null, exported: bound ? exportedAs(decl) : [], line: ctx.lineOf(n), role });
    };
    /** The call or `new` a variable of this file is bound to (`const pool = new Pool()`, `const c = await make()`), or null. */
    const madeBy = (b: ReturnType<Scope['resolve']>): ts.Expression | null => {
      if (b?.kind !== 'variable' || !b.initializer) return null;
      let e = b.initializer;
      while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
      return ts.isNewExpression(e) || ts.isCallExpression(e) ? e : null;
    };
    const visitors: Visitors = {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        dbClient(call);
        errorClient(call);
        const name = callName(call);
        const e = call.expression;
        if (startsServer(call, ctx.scope) || startsServing(call, ctx.scope)) {
          emit({ kind: 'listen', line: ctx.lineOf(call), role });
        }
        if (name === 'enableShutdownHooks') emit({ kind: 'shutdown-lib', name: 'nestjs enableShutdownHooks', line: ctx.lineOf(call), role });
        if ((name === 'on' || name === 'once' || name === 'addListener' || name === 'prependListener') && ts.isPropertyAccessExpression(e) && e.expression.getText() === 'process') {
          const event = strArg(call.arguments[0]);
          const handler = call.arguments[1];
          const signal = SIGNALS.find((s) => s === event);
          const processError = PROCESS_ERRORS.find((s) => s === event);
          if (signal && handler) {
            // A handler named by a function of this file (`const onSignal = (sig) => shutdown(sig)`;
            // `process.on('SIGTERM', onSignal)`) is read in its body, resolved through the scope: what it
            // calls is what the handler calls. Anything else is kept by name for the closers of other files.
            // `shutdown.bind(null, worker)`: the function bound is the handler, and what it is handed is named.
            const bound = ts.isCallExpression(handler) && ts.isPropertyAccessExpression(handler.expression) && handler.expression.name.text === 'bind'
              && ts.isIdentifier(handler.expression.expression) ? handler.expression.expression : null;
            const fn = bound ?? handler;
            const body = ts.isIdentifier(fn) ? localFunction(fn) : fn;
            const read = body ? callsIn(body) : { calls: [], closes: false, closed: [] };
            const handed = bound ? (handler as ts.CallExpression).arguments.filter(ts.isIdentifier).map((a) => a.text) : [];
            const calls = ts.isIdentifier(fn) ? [fn.text, ...handed, ...read.calls] : read.calls;
            const { closes, closed } = read;
            emit({ kind: 'signal', signal, line: ctx.lineOf(call), role, closes, calls, closed });
          }
          if (processError) emit({ kind: 'process-error', event: processError, line: ctx.lineOf(call), role });
        }
        const envArg = name && VALIDATE_CALLS.has(name) ? call.arguments.find((a) => isEnvSource(a, isWorkerEnv)) : undefined;
        if (envArg) validated ??= { line: ctx.lineOf(call), via: `${name}(${envArg.getText()})` };
        if (name === 'createEnv' || name === 'cleanEnv' || name === 'object' || name === 'envsafe') {
          for (const a of call.arguments) {
            for (const k of upperKeys(a)) validationNames.add(k);
            if (ts.isObjectLiteralExpression(a)) {
              for (const p of a.properties) if (ts.isPropertyAssignment(p)) for (const k of upperKeys(p.initializer)) validationNames.add(k);
            }
          }
        }
        if ((name === 'on' || name === 'once' || name === 'addListener' || name === 'prependListener') && ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
          const event = strArg(call.arguments[0]);
          const b = event ? ctx.scope.resolve(e.expression) : null;
          const imp = b ? (b.kind === 'import' ? b : requireOf(b)) : null;
          // A listener on an import (the repository's own module, relative or through an alias the link
          // resolves), or on an emitter this file makes with `new` or a call.
          if (imp) {
            emit({ kind: 'listener', receiver: e.expression.text, event: event!, from: imp.from, imported: imp.imported, line: ctx.lineOf(call) });
          } else if (madeBy(b)) {
            emit({ kind: 'listener', receiver: e.expression.text, event: event!, from: null, imported: null, line: ctx.lineOf(call) });
          }
        }
        if ((name === 'send' || name === 'sendBatch') && ts.isPropertyAccessExpression(e) && ts.isPropertyAccessExpression(e.expression)
          && isWorkerEnv(e.expression.expression)) {
          emit({ kind: 'queue-send', binding: e.expression.name.text, line: ctx.lineOf(call) });
        }
        if (name === 'init' && ts.isPropertyAccessExpression(e) && /^Sentry$/.test(e.expression.getText())) {
          emit({ kind: 'error-reporter', name: 'Sentry.init', line: ctx.lineOf(call), role });
        }
      },
      NewExpression(node) {
        const n = node as ts.NewExpression;
        dbClient(n);
        errorClient(n);
        if (!bull) return;
        const cls = n.expression.getText();
        const qname = queueName(n.arguments?.[0]);
        if (cls === 'Worker') emit({ kind: 'bull-worker', name: qname, line: ctx.lineOf(n) });
        const decl = n.parent;
        if (ts.isIdentifier(n.expression) && decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) {
          const b = ctx.scope.resolve(n.expression);
          if (b?.kind === 'import') {
            const stmt = decl.parent.parent;
            const exported = ts.isVariableStatement(stmt) && stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ? decl.name.text : null;
            emit({ kind: 'worker-binding', from: b.from, cls: b.imported, variable: decl.name.text, exported, line: ctx.lineOf(n) });
          }
        }
      },
      Decorator(node) {
        const d = node as ts.Decorator;
        if (bull && ts.isCallExpression(d.expression) && d.expression.expression.getText() === 'Processor') {
          const a = d.expression.arguments[0];
          const name = a && ts.isObjectLiteralExpression(a)
            ? a.properties.filter(ts.isPropertyAssignment).find((p) => p.name.getText() === 'name')?.initializer
            : a;
          emit({ kind: 'bull-worker', name: queueName(name as ts.Expression | undefined), line: ctx.lineOf(d) });
        }
      },
      PropertyAccessExpression(node) {
        const p = node as ts.PropertyAccessExpression;
        const name = p.name.text;
        if (isProcessEnv(p.expression)) readEnv(name, p, 'process', hasFallback(p));
        else if (isImportMetaEnv(p.expression)) readEnv(name, p, 'import.meta', hasFallback(p));
        // The name first: asking whether a receiver is the bindings builds the file's bindings (a walk
        // of the whole file), and most property accesses (`opts.retries`) name no variable.
        else if (/^[A-Z][A-Z0-9_]*$/.test(name) && isWorkerEnv(p.expression)) readEnv(name, p, 'worker', hasFallback(p));
      },
      ElementAccessExpression(node) {
        const el = node as ts.ElementAccessExpression;
        const key = strArg(el.argumentExpression);
        if (key && isProcessEnv(el.expression)) readEnv(key, el, 'process', hasFallback(el));
      },
      VariableDeclaration(node) {
        const d = node as ts.VariableDeclaration;
        if (!d.initializer || !ts.isObjectBindingPattern(d.name)) return;
        const source = isProcessEnv(d.initializer) ? 'process' : isImportMetaEnv(d.initializer) ? 'import.meta' : isWorkerEnv(d.initializer) ? 'worker' : null;
        if (!source) return;
        for (const el of d.name.elements) {
          const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : null;
          if (key && (source !== 'worker' || /^[A-Z][A-Z0-9_]*$/.test(key))) readEnv(key, el, source, !!el.initializer);
        }
      },
      IfStatement(node) {
        // An `if` that stops the process when a variable is absent, directly or through a variable bound to
        // the read (a `required(name)` helper's `const v = process.env[name]; if (!v) throw ...`).
        const s = node as ts.IfStatement;
        const tested = absenceTested(s.expression);
        if (tested.length === 0 || !stops(s.thenStatement, ctx.scope)) return;
        validated ??= { line: ctx.lineOf(s), via: 'a check that throws' };
        for (const n of tested) if (n && /^[A-Z][A-Z0-9_]*$/.test(n)) validationNames.add(n);
      },
      // The Worker's queue consumer: the `queue` member of its default-exported handler object (worker-env.ts).
      MethodDeclaration(node) {
        const m = node as ts.MethodDeclaration;
        if (ts.isIdentifier(m.name) && m.name.text === 'queue' && isHandlerObject(m.parent)) emit({ kind: 'queue-handler', line: ctx.lineOf(m) });
      },
      FunctionDeclaration(node) {
        const f = node as ts.FunctionDeclaration;
        if (f.name && f.body && CLOSE_RE.test(f.body.getText())) {
          const { closes, closed } = callsIn(f.body);
          if (closes) emit({ kind: 'closer', name: f.name.text, closed });
        }
      },
      PropertyAssignment(node) {
        const p = node as ts.PropertyAssignment;
        if (ts.isIdentifier(p.name) && p.name.text === 'queue' && isHandlerObject(p.parent)) emit({ kind: 'queue-handler', line: ctx.lineOf(p) });
      },
      ShorthandPropertyAssignment(node) {
        const p = node as ts.ShorthandPropertyAssignment;
        if (p.name.text === 'queue' && isHandlerObject(p.parent)) emit({ kind: 'queue-handler', line: ctx.lineOf(p) });
      },
      ArrowFunction(node) {
        const f = node as ts.ArrowFunction;
        const d = f.parent;
        if (d && ts.isVariableDeclaration(d) && ts.isIdentifier(d.name) && CLOSE_RE.test(f.body.getText())) {
          const { closes, closed } = callsIn(f.body);
          if (closes) emit({ kind: 'closer', name: d.name.text, closed });
        }
      },
      'file:end'() {
        for (const key of written) emit({ kind: 'env-write', name: key.slice(key.indexOf(':') + 1) });
        for (const [key, r] of envReads) if (!written.has(key)) emit({ kind: 'env', name: key.slice(key.indexOf(':') + 1), line: r.line, source: r.source, fallback: r.fallback, role });
        if (validated) emit({ kind: 'env-validation', line: validated.line, via: validated.via, names: [...validationNames].sort(), role });
      },
    };
    // Visitors whose every fact needs a word the file does not contain are not called at all.
    // A Worker's bindings may come under any name: a default export (its handler) or a framework's context stands for them.
    const envy = text.includes('env') || text.includes('\\u') || text.includes('Env') || text.includes('export default') || text.includes('hono') || text.includes('cloudflare:');
    if (!envy) {
      delete visitors.PropertyAccessExpression;
      delete visitors.ElementAccessExpression;
      delete visitors.VariableDeclaration;
      delete visitors.IfStatement;
    }
    const queues = text.includes('queue') || text.includes('\\u');
    if (!queues) {
      delete visitors.MethodDeclaration;
      delete visitors.PropertyAssignment;
      delete visitors.ShorthandPropertyAssignment;
    }
    if (!CLOSE_RE.test(text)) {
      delete visitors.ArrowFunction;
      if (!queues) delete visitors.FunctionDeclaration;
    }
    return visitors;
  },
};
