// Values read from a committed JSON config: `import config from './config.json'` / `require()`d, or
// node-config's `config.get('jwt.secret')`, where they are passed to a secret sink or read under a
// secret-looking key. Facts only: security/config-file-secret reads the JSON file and judges.
import ts from 'typescript';
import { CONFIG_SCHEMA_LIBRARIES, CONNECTION_NESTED_OPTIONS, configFileReaderOf, connectionOpenerOf, isSecretName, secretSinksOf } from '../../knowledge/index.js';
import { isTestSide } from '../../util/roles.js';
import { configReadFacts } from '../facts/config-reads.js';
import type { VisitorHost } from '../host.js';
import { type Scope } from '../scope.js';
import { importOf, objectOf, sinkValues, strip } from '../secret-sinks.js';

interface KeyRead { kind: 'json' | 'reader' | 'module'; spec: string; keyPath: string; export?: string }

/** The config key an expression reads (`config.jwt.secret`, `config.get('jwt.secret')`, a const holding one), or null. */
function keyRead(e: ts.Expression, scope: Scope, depth = 0): KeyRead | null {
  e = strip(e);
  if (ts.isIdentifier(e) && depth < 3) {
    const b = scope.resolve(e);
    if (b?.kind === 'variable' && b.isConst && b.initializer) {
      const held = keyRead(b.initializer, scope, depth + 1);
      if (held) return held;
    }
    // `import { JWT_SECRET } from './constants'`, `const { secret } = require('./config')`: the export itself.
    const imp = importOf(e, scope);
    return imp && imp.imported !== '*' && imp.imported !== 'default' && !/\.json$/i.test(imp.from) && !configFileReaderOf(imp.from)
      ? { kind: 'module', spec: imp.from, export: imp.imported, keyPath: '' } : null;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression)) {
    const arg = e.arguments[0];
    const method = e.expression.name.text;
    const imp = importOf(e.expression.expression, scope);
    const reader = imp && (imp.imported === 'default' || imp.imported === '*') ? configFileReaderOf(imp.from) : null;
    if (reader) return method === reader.method && arg && ts.isStringLiteralLike(arg) && arg.text ? { kind: 'reader', spec: imp!.from, keyPath: arg.text } : null;
    // `config.get('jwt.secret')` of a module that exports a schema library's config (convict): the rule matches the key path to its default.
    return imp && !/\.json$/i.test(imp.from) && CONFIG_SCHEMA_LIBRARIES.some((l) => method === l.method) && arg && ts.isStringLiteralLike(arg) && arg.text
      ? { kind: 'module', spec: imp.from, export: imp.imported, keyPath: arg.text } : null;
  }
  const names: string[] = [];
  let cur: ts.Expression = e;
  while (ts.isPropertyAccessExpression(cur) || (ts.isElementAccessExpression(cur) && ts.isStringLiteralLike(cur.argumentExpression))) {
    names.unshift(ts.isPropertyAccessExpression(cur) ? cur.name.text : (cur.argumentExpression as ts.StringLiteral).text);
    cur = strip(cur.expression);
  }
  if (names.length === 0 || !ts.isIdentifier(cur)) return null;
  const imp = importOf(cur, scope);
  if (!imp) return null;
  if (/\.json$/i.test(imp.from)) return imp.imported === 'default' || imp.imported === '*' ? { kind: 'json', spec: imp.from, keyPath: names.join('.') } : null;
  // A member of a module's export (`config.jwt.secret`): the rule follows it to the module, if it is one of the repository's.
  return configFileReaderOf(imp.from) ? null : { kind: 'module', spec: imp.from, export: imp.imported, keyPath: names.join('.') };
}

/** A connection opener's password options (`password`, `pass`), a level of nested connection objects included. */
function passwordOptions(arg: ts.Expression | undefined, scope: Scope, depth = 0): ts.Expression[] {
  const obj = objectOf(arg, scope);
  if (!obj || depth > 2) return [];
  const out: ts.Expression[] = [];
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
    const name = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : null;
    const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
    if (name === 'password' || name === 'pass') out.push(value);
    else if (name && (CONNECTION_NESTED_OPTIONS as readonly string[]).includes(name)) out.push(...passwordOptions(value, scope, depth + 1));
  }
  return out;
}

/** The values a sink is handed: its argument, or its option (argument 0, or 1 for a plugin `register`). */
const DB_PASSWORD = 'database password';

/** `new Koa()` (the module's default export constructed): the instance a `koa` assignment sink is a property of. */
function instanceOf(e: ts.Expression, scope: Scope): { from: string; imported: string } | null {
  e = strip(e);
  if (!ts.isIdentifier(e)) return null;
  const b = scope.resolve(e);
  const init = b?.kind === 'variable' && b.initializer ? strip(b.initializer) : null;
  if (!init || !ts.isNewExpression(init) || !ts.isIdentifier(init.expression)) return null;
  return importOf(init.expression, scope);
}

const lastKey = (keyPath: string): string => keyPath.slice(keyPath.lastIndexOf('.') + 1);

export const configReads: VisitorHost = {
  id: configReadFacts.id,
  // JSON and config libraries by name; the sinks by their modules (a value imported from a constants module).
  triggers: ['.json', 'config', 'jsonwebtoken', 'hono/jwt', 'express-jwt', 'koa-jwt', 'express-session', 'cookie-session', 'cookie-parser', 'koa', '@fastify/', 'createHmac', 'createCipheriv', 'sequelize', 'password'],
  appliesTo: (f) => !isTestSide(f.role) && f.role !== 'generated',
  create(ctx) {
    const emit = (r: KeyRead, sink: string | null, node: ts.Node, sinkKind?: 'signing' | 'database') =>
      configReadFacts.emit(ctx, { ...r, sink, ...(sinkKind ? { sinkKind } : {}), line: ctx.lineOf(node) });
    /** Reads at a sink; true when one was recorded. */
    const atSink = (values: readonly ts.Expression[], what: string, kind: 'signing' | 'database', node: ts.Node): boolean => {
      let hit = false;
      // `app.keys = [config.get('secret')]`: each key of a list.
      for (const v of values.flatMap((x) => { const e = strip(x); return ts.isArrayLiteralExpression(e) ? e.elements.filter((el) => !ts.isSpreadElement(el)) : [x]; })) {
        const read = keyRead(v, ctx.scope);
        if (read) {
          emit(read, what, node, kind);
          hit = true;
        }
      }
      return hit;
    };
    const calleeImport = (callee: ts.Expression): { imp: { from: string; imported: string }; member?: string } | null => {
      let member: string | undefined;
      callee = strip(callee);
      if (ts.isPropertyAccessExpression(callee)) {
        member = callee.name.text;
        callee = strip(callee.expression);
      }
      const imp = ts.isIdentifier(callee) ? importOf(callee, ctx.scope) : null;
      return imp ? { imp, member } : null;
    };
    const call = (node: ts.CallExpression | ts.NewExpression, how: 'call' | 'new'): boolean => {
      const args = node.arguments ?? [];
      const c = calleeImport(node.expression);
      if (c) {
        let hit = false;
        for (const sink of secretSinksOf(c.imp.from, c.imp.imported, c.member, how)) hit = atSink(sinkValues(sink, args, ctx.scope), sink.what, sink.kind, node) || hit;
        if (hit) return true;
        // A database client's options: the password it authenticates with.
        const opener = connectionOpenerOf(c.imp.from, c.imp.imported, c.member ? 'member' : how, c.member);
        if (opener && atSink(opener.args.flatMap((i) => passwordOptions(args[i], ctx.scope)), `${opener.package} ${DB_PASSWORD}`, 'database', node)) return true;
      }
      // `app.register(fastifyCookie, { secret })`: the plugin is argument 0.
      const callee = strip(node.expression);
      if (how === 'call' && ts.isPropertyAccessExpression(callee) && callee.name.text === 'register' && args[0] && ts.isIdentifier(strip(args[0]))) {
        const plugin = importOf(strip(args[0]) as ts.Identifier, ctx.scope);
        let hit = false;
        for (const sink of plugin ? secretSinksOf(plugin.from, plugin.imported, undefined, 'register') : []) hit = atSink(sinkValues(sink, args, ctx.scope), sink.what, sink.kind, node) || hit;
        if (hit) return true;
      }
      return false;
    };
    return {
      NewExpression(node) {
        call(node as ts.NewExpression, 'new');
      },
      CallExpression(node) {
        const c = node as ts.CallExpression;
        if (call(c, 'call')) return;
        // `config.get('jwt.secret')` anywhere: a secret by its key's name.
        const read = ts.isPropertyAccessExpression(c.expression) ? keyRead(c, ctx.scope) : null;
        if (read && read.kind !== 'module' && isSecretName(lastKey(read.keyPath))) emit(read, null, c);
      },
      BinaryExpression(node) {
        // `app.keys = config.session.keys` on `const app = new Koa()`.
        const b = node as ts.BinaryExpression;
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(b.left)) return;
        const inst = instanceOf(b.left.expression, ctx.scope);
        for (const sink of inst ? secretSinksOf(inst.from, inst.imported, undefined, 'assign') : []) {
          if (sink.property === b.left.name.text) atSink([b.right], sink.what, sink.kind, b);
        }
      },
      PropertyAccessExpression(node) {
        const p = node as ts.PropertyAccessExpression;
        // The whole chain once (`config.jwt.secret`, not `config.jwt`), and not a call's callee.
        if (ts.isPropertyAccessExpression(p.parent) || (ts.isCallExpression(p.parent) && p.parent.expression === p)) return;
        if (!isSecretName(p.name.text)) return;
        const read = keyRead(p, ctx.scope);
        // A module's member is followed only where it is used as a secret: its name alone says too little.
        if (read && read.kind !== 'module') emit(read, null, p);
      },
    };
  },
};
