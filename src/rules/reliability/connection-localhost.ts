import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import {
  CONNECTION_HOST_OPTIONS, CONNECTION_NESTED_OPTIONS, CONNECTION_URL_OPTIONS, isConnectionOptionType, isLoopbackHost,
  type ConnectionOpener,
} from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { valueOf } from '../shared/ast.js';
import { connectionOpenerAt } from '../shared/connections.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** The loopback host a URL literal names, or null (not a URL, or another host). */
function loopbackOfUrl(text: string): string | null {
  try {
    const host = new URL(text).hostname.replace(/^\[|\]$/g, '');
    return host && isLoopbackHost(host) ? host : null;
  } catch {
    return null;
  }
}

interface Hit { node: ts.Node; option: string; value: string }

/**
 * The loopback address an options object (or a URL string) gives a client, when every address in it
 * is written in the code. One address read from anywhere else (the environment, a config module, a
 * parameter) and the object is not judged: that is the deployed value, the literal a fallback.
 */
function hardcodedLoopback(arg: ts.Expression, scope: Scope, depth = 0): Hit | null {
  let e = strip(arg);
  if (ts.isIdentifier(e)) {
    const init = valueOf(e, scope);
    if (!init) return null;
    e = strip(init);
  }
  if (ts.isStringLiteralLike(e)) {
    const host = loopbackOfUrl(e.text);
    return host ? { node: e, option: 'URL', value: e.text } : null;
  }
  if (!ts.isObjectLiteralExpression(e) || depth > 2) return null;
  let hit: Hit | null = null;
  for (const p of e.properties) {
    if (ts.isSpreadAssignment(p)) return null;
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
    const name = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : null;
    if (!name) continue;
    const isHost = (CONNECTION_HOST_OPTIONS as readonly string[]).includes(name);
    const isUrl = (CONNECTION_URL_OPTIONS as readonly string[]).includes(name);
    const nested = (CONNECTION_NESTED_OPTIONS as readonly string[]).includes(name);
    if (!isHost && !isUrl && !nested) continue;
    if (ts.isShorthandPropertyAssignment(p)) {
      if (isHost || isUrl) return null;
      continue;
    }
    const v = strip(p.initializer);
    if (nested) {
      if (ts.isObjectLiteralExpression(v) || (ts.isStringLiteralLike(v) && name === 'connection')) {
        const inner = hardcodedLoopback(v, scope, depth + 1);
        if (inner) hit ??= inner;
        else if (!ts.isStringLiteralLike(v)) {
          // A nested object that names an address read from elsewhere decides for the whole.
          if (namesNonLiteralAddress(v)) return null;
        }
      } else if (name === 'connection') return null;
      continue;
    }
    if (!ts.isStringLiteralLike(v)) return null;
    const host = isHost ? (isLoopbackHost(v.text) ? v.text : null) : loopbackOfUrl(v.text);
    if (!host) return null;
    hit ??= { node: p, option: name, value: v.text };
  }
  return hit;
}

/** Whether an options object names an address that is not a string literal. */
function namesNonLiteralAddress(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((p) => {
    if (ts.isSpreadAssignment(p)) return true;
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
    if (!name || ![...CONNECTION_HOST_OPTIONS, ...CONNECTION_URL_OPTIONS].includes(name as never)) return false;
    return !ts.isPropertyAssignment(p) || !ts.isStringLiteralLike(strip(p.initializer));
  });
}

export default defineSourceRule({
  id: 'reliability/connection-localhost',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'Database or queue connection hard-coded to localhost',
    rationale: 'A client given `localhost` in the code connects to the machine the service runs on. Deployed in a container or on a platform, nothing listens there: the service starts and every query or job fails, or it needs a code change per environment.',
    remediation: { text: 'Read the address from configuration (`process.env.DATABASE_URL`, `REDIS_URL`), validated at startup; keep `localhost` for local development in `.env.example` or a compose file.', effort: 'low' },
    messages: {
      localhost: '{{package}} {{what}} connects to {{value}} written in the code ({{option}}), with no address read from configuration',
    },
  },
  triggers: ['localhost', '127.0.0.1', '::1'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const importOf = (id: ts.Identifier) => {
      const b = ctx.scope.resolve(id);
      return b && (b.kind === 'import' ? b : requireOf(b));
    };
    const openerOf = (callee: ts.Expression, how: 'call' | 'new'): ConnectionOpener | null => connectionOpenerAt(callee, how, ctx.scope);
    const judge = (o: ConnectionOpener, args: readonly ts.Expression[], at: ts.Node, what: string) => {
      for (const i of o.args) {
        const a = args[i];
        if (!a) continue;
        const hit = hardcodedLoopback(a, ctx.scope);
        if (hit) {
          ctx.report({ node: at, messageId: 'localhost', data: { package: o.package, what, option: hit.option, value: hit.value },
            evidence: [{ kind: 'file', path: ctx.file.path, line: ctx.lineOf(hit.node), snippet: `${hit.option}: ${hit.value}` }] });
          return;
        }
      }
    };
    /** The client options type a declaration is annotated with (`DataSourceOptions`, `Knex.Config`), or null. */
    const typedAsOptions = (t: ts.TypeNode | undefined): { pkg: string; type: string } | null => {
      if (!t || !ts.isTypeReferenceNode(t)) return null;
      const n = t.typeName;
      const head = ts.isIdentifier(n) ? n : ts.isIdentifier(n.left) ? n.left : null;
      const imp = head ? importOf(head) : null;
      const type = ts.isIdentifier(n) ? imp?.imported : n.right.text;
      return imp && type && isConnectionOptionType(imp.from, type) ? { pkg: imp.from, type } : null;
    };
    return {
      NewExpression(node) {
        const n = node as ts.NewExpression;
        const o = openerOf(n.expression, 'new');
        if (o) judge(o, n.arguments ?? [], n, `new ${n.expression.getText(ctx.sourceFile)}()`);
      },
      CallExpression(node) {
        const c = node as ts.CallExpression;
        const o = openerOf(c.expression, 'call');
        if (o) judge(o, c.arguments, c, `${c.expression.getText(ctx.sourceFile)}()`);
      },
      VariableDeclaration(node) {
        const d = node as ts.VariableDeclaration;
        const type = typedAsOptions(d.type);
        if (!type || !d.initializer) return;
        const hit = ts.isObjectLiteralExpression(strip(d.initializer)) ? hardcodedLoopback(d.initializer, ctx.scope) : null;
        if (hit) {
          ctx.report({ node: hit.node, messageId: 'localhost', data: { package: type.pkg, what: `${type.type} object`, option: hit.option, value: hit.value } });
        }
      },
    };
  },
});
