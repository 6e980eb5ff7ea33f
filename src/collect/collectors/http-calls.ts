// Outbound HTTP calls whose options set no deadline (no timeout, no abort signal), and process-wide
// axios defaults. Facts only: reliability/http-timeout judges them per package.
import ts from 'typescript';
import { httpCallFacts, type HttpCallFact } from '../facts/http-calls.js';
import type { VisitorHost } from '../host.js';
import { requireOf, type Scope } from '../scope.js';
import { fieldWritten } from './field-writes.js';
import { callName as calleeName } from './runtime.js';
import { isTestSide } from '../../util/roles.js';

const AXIOS_CONFIG_INDEX: Record<string, number> = { get: 1, delete: 1, head: 1, options: 1, post: 2, put: 2, patch: 2, request: 0, postForm: 2, putForm: 2, patchForm: 2 };
const GOT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'stream', 'paginate']);

/**
 * The options object as written: a literal, or a `const` of the file bound to one whose fields the file
 * never writes (resolved through the scope); null when there are no options; undefined when they cannot
 * be seen.
 */
function optionsOf(arg: ts.Expression | undefined, sf: ts.SourceFile, scope: Scope): ts.ObjectLiteralExpression | null | undefined {
  if (!arg) return null;
  if (ts.isObjectLiteralExpression(arg)) return arg;
  if (!ts.isIdentifier(arg)) return undefined;
  const b = scope.resolve(arg);
  if (b?.kind !== 'variable' || !b.isConst || !b.initializer || !ts.isObjectLiteralExpression(b.initializer)) return undefined;
  return fieldWritten(sf, scope, b.decl, null) ? undefined : b.initializer;
}

/** Whether an options literal sets one of the keys (a spread may set it: assume it does). */
function sets(obj: ts.ObjectLiteralExpression, keys: string[]): boolean {
  return obj.properties.some((p) => ts.isSpreadAssignment(p)
    || (p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && keys.includes(p.name.text)));
}

/** The HTTP client module and export a name is imported as (`import axios from 'axios'`, `const got = require('got')`), or null. */
function clientImport(id: ts.Identifier, scope: Scope): { from: string; imported: string } | null {
  const b = scope.resolve(id);
  if (!b) return null;
  const i = b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b);
  return i ? { from: i.from, imported: i.imported === '*' ? 'default' : i.imported } : null;
}

/** Whether the file is a client component (`'use client'` as its first directive): it runs in the browser, no server deadline applies. */
function clientComponent(sf: ts.SourceFile): boolean {
  for (const st of sf.statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) return false;
    if (st.expression.text === 'use client') return true;
  }
  return false;
}

export const httpCalls: VisitorHost = {
  id: httpCallFacts.id,
  triggers: ['fetch(', 'axios', 'got', 'undici'],
  appliesTo: (f) => !isTestSide(f.role) && f.role !== 'generated' && !['.tsx', '.jsx'].includes(f.ext),
  create(ctx) {
    if (clientComponent(ctx.sourceFile)) return {};
    const scope = ctx.scope;
    /** The client a name is (its module, as imported), or null. */
    const client = (id: ts.Identifier): 'axios' | 'got' | 'undici-request' | null => {
      const i = clientImport(id, scope);
      if (!i) return null;
      if ((i.from === 'axios' || i.from === 'got') && i.imported === 'default') return i.from;
      return i.from === 'undici' && i.imported === 'request' ? 'undici-request' : null;
    };
    const report = (node: ts.Node, what: string, client: Extract<HttpCallFact, { kind: 'untimed' }>['client'] = 'fetch') => httpCallFacts.emit(ctx, {
      kind: 'untimed', client, what, line: ctx.lineOf(node), role: ctx.file.role,
      snippet: node.getText(ctx.sourceFile).split('\n')[0].slice(0, 160),
    });
    return {
      BinaryExpression(node) {
        // `axios.defaults.timeout = 5000`: a process-wide deadline for every call of the default instance.
        const n = node as ts.BinaryExpression;
        const left = n.left;
        if (n.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(left) || left.name.text !== 'timeout') return;
        const defaults = left.expression;
        if (ts.isPropertyAccessExpression(defaults) && defaults.name.text === 'defaults' && ts.isIdentifier(defaults.expression) && client(defaults.expression) === 'axios') {
          httpCallFacts.emit(ctx, { kind: 'axios-defaults-timeout', line: ctx.lineOf(n) });
        }
      },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const e = call.expression;
        const name = calleeName(call);
        const sf = ctx.sourceFile;
        // The global fetch: a `fetch` the file does not declare or import, or `globalThis.fetch`.
        const globalFetch = (ts.isIdentifier(e) && e.text === 'fetch' && scope.resolve(e) === null)
          || (ts.isPropertyAccessExpression(e) && name === 'fetch' && ts.isIdentifier(e.expression) && e.expression.text === 'globalThis' && scope.resolve(e.expression) === null);
        if (globalFetch) {
          const url = call.arguments[0];
          if (!url || ((ts.isStringLiteralLike(url) || ts.isTemplateExpression(url)) && /^\//.test(url.getText(sf).slice(1)))) return;
          const opts = optionsOf(call.arguments[1], sf, scope);
          if (opts === null || (opts && !sets(opts, ['signal']))) report(call, 'fetch()');
          return;
        }
        // The client called (`axios(...)`, `got(...)`, `request(...)`) or whose method is (`axios.get(...)`).
        const root = ts.isIdentifier(e) ? e : ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) ? e.expression : null;
        const lib = root ? client(root) : null;
        if (!lib || !root) return;
        const as = root.text;
        if (lib === 'axios') {
          if (name === 'create' && !ts.isIdentifier(e)) {
            const opts = optionsOf(call.arguments[0], sf, scope);
            if (opts === null || (opts && !sets(opts, ['timeout', 'signal']))) report(call, `${as}.create()`, 'axios');
            return;
          }
          const idx = ts.isIdentifier(e) ? (call.arguments[0] && ts.isObjectLiteralExpression(call.arguments[0]) ? 0 : 1) : AXIOS_CONFIG_INDEX[name ?? ''];
          if (idx === undefined) return;
          const opts = optionsOf(call.arguments[idx], sf, scope);
          if (opts === null || (opts && !sets(opts, ['timeout', 'signal', 'cancelToken']))) report(call, ts.isIdentifier(e) ? `${as}()` : `${as}.${name}()`, 'axios');
          return;
        }
        if (lib === 'got' && (ts.isIdentifier(e) || (name !== null && (GOT_METHODS.has(name) || name === 'extend')))) {
          const opts = optionsOf(call.arguments[name === 'extend' ? 0 : 1], sf, scope);
          if (opts === null || (opts && !sets(opts, ['timeout', 'signal']))) report(call, name === 'extend' ? `${as}.extend()` : `${as}()`, 'got');
          return;
        }
        if (lib === 'undici-request' && ts.isIdentifier(e)) {
          const opts = optionsOf(call.arguments[1], sf, scope);
          if (opts === null || (opts && !sets(opts, ['signal', 'headersTimeout', 'bodyTimeout']))) report(call, 'undici request()', 'undici');
        }
      },
    };
  },
};
