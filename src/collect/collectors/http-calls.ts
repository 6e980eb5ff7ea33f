// Outbound HTTP calls whose options set no deadline (no timeout, no abort signal), and process-wide
// axios defaults. Facts only: reliability/http-timeout judges them per package.
import ts from 'typescript';
import { httpCallFacts, type HttpCallFact } from '../facts/http-calls.js';
import type { VisitorHost } from '../host.js';
import { callName as calleeName } from './runtime.js';
import { isTestSide } from '../../util/roles.js';

const AXIOS_CONFIG_INDEX: Record<string, number> = { get: 1, delete: 1, head: 1, options: 1, post: 2, put: 2, patch: 2, request: 0, postForm: 2, putForm: 2, patchForm: 2 };
const GOT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'stream', 'paginate']);

/**
 * The options object as written: a literal, or a local `const` bound to one that is not changed
 * afterwards; null when there are no options; undefined when they cannot be seen.
 */
function optionsOf(arg: ts.Expression | undefined): ts.ObjectLiteralExpression | null | undefined {
  if (!arg) return null;
  if (ts.isObjectLiteralExpression(arg)) return arg;
  if (!ts.isIdentifier(arg)) return undefined;
  for (let scope: ts.Node | undefined = arg.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
    for (const stmt of scope.statements) {
      if (!ts.isVariableStatement(stmt)) continue;
      for (const d of stmt.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== arg.text || d.pos > arg.pos) continue;
        const isConst = (stmt.declarationList.flags & ts.NodeFlags.Const) !== 0;
        const changed = new RegExp(`\\b${arg.text}(\\.\\w+|\\[[^\\]]+\\])\\s*=[^=]|Object\\.assign\\(\\s*${arg.text}\\b`).test(scope.getText());
        return isConst && !changed && d.initializer && ts.isObjectLiteralExpression(d.initializer) ? d.initializer : undefined;
      }
    }
  }
  return undefined;
}

/** Whether an options literal sets one of the keys (a spread may set it: assume it does). */
function sets(obj: ts.ObjectLiteralExpression, keys: string[]): boolean {
  return obj.properties.some((p) => ts.isSpreadAssignment(p)
    || (p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && keys.includes(p.name.text)));
}

function importedName(text: string, module: string): string | null {
  const m = new RegExp(`import\\s+(\\w+)\\s+from\\s+['"]${module}['"]|(?:const|let|var)\\s+(\\w+)\\s*=\\s*require\\(['"]${module}['"]\\)`).exec(text);
  return m ? (m[1] ?? m[2]) : null;
}

export const httpCalls: VisitorHost = {
  id: httpCallFacts.id,
  triggers: ['fetch(', 'axios', 'got', 'undici'],
  appliesTo: (f) => !isTestSide(f.role) && f.role !== 'generated' && !['.tsx', '.jsx'].includes(f.ext),
  create(ctx) {
    const text = ctx.text;
    // Each whole-text regex runs only where the word it needs occurs.
    if ((text.includes('use client') && /^\s*['"]use client['"]/m.test(text)) || /\b(function|const|let)\s+fetch\b/.test(text)) return {};
    const defaults = text.includes('axios.defaults') ? /axios\.defaults\.timeout\s*=/.exec(text) : null;
    if (defaults) httpCallFacts.emit(ctx, { kind: 'axios-defaults-timeout', line: ctx.lineOfOffset(defaults.index) });
    const axios = text.includes('axios') ? importedName(text, 'axios') : null;
    const got = text.includes('got') ? importedName(text, 'got') : null;
    const undiciRequest = text.includes('undici') && /import\s*\{[^}]*\brequest\b[^}]*\}\s*from\s+['"]undici['"]/.test(text);
    const report = (node: ts.Node, what: string, client: Extract<HttpCallFact, { kind: 'untimed' }>['client'] = 'fetch') => httpCallFacts.emit(ctx, {
      kind: 'untimed', client, what, line: ctx.lineOf(node), role: ctx.file.role,
      snippet: node.getText(ctx.sourceFile).split('\n')[0].slice(0, 160),
    });
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const e = call.expression;
        const name = calleeName(call);
        // The receiver's text is read only where a test below can use it.
        const target = ts.isPropertyAccessExpression(e) && (name === 'fetch' || axios || got) ? e.expression.getText(ctx.sourceFile) : null;
        if ((ts.isIdentifier(e) && e.text === 'fetch') || (name === 'fetch' && target === 'globalThis')) {
          const url = call.arguments[0];
          if (!url || ((ts.isStringLiteralLike(url) || ts.isTemplateExpression(url)) && /^\//.test(url.getText(ctx.sourceFile).slice(1)))) return;
          const opts = optionsOf(call.arguments[1]);
          if (opts === null || (opts && !sets(opts, ['signal']))) report(call, 'fetch()');
          return;
        }
        if (axios && ((ts.isIdentifier(e) && e.text === axios) || (target === axios && name !== null))) {
          if (name === 'create') {
            const opts = optionsOf(call.arguments[0]);
            if (opts === null || (opts && !sets(opts, ['timeout', 'signal']))) report(call, `${axios}.create()`, 'axios');
            return;
          }
          const idx = ts.isIdentifier(e) ? (call.arguments[0] && ts.isObjectLiteralExpression(call.arguments[0]) ? 0 : 1) : AXIOS_CONFIG_INDEX[name ?? ''];
          if (idx === undefined) return;
          const opts = optionsOf(call.arguments[idx]);
          if (opts === null || (opts && !sets(opts, ['timeout', 'signal', 'cancelToken']))) report(call, ts.isIdentifier(e) ? `${axios}()` : `${axios}.${name}()`, 'axios');
          return;
        }
        if (got && ((ts.isIdentifier(e) && e.text === got) || (target === got && name !== null && (GOT_METHODS.has(name) || name === 'extend')))) {
          const opts = optionsOf(call.arguments[name === 'extend' ? 0 : 1]);
          if (opts === null || (opts && !sets(opts, ['timeout', 'signal']))) report(call, name === 'extend' ? `${got}.extend()` : `${got}()`, 'got');
          return;
        }
        if (undiciRequest && ts.isIdentifier(e) && e.text === 'request') {
          const opts = optionsOf(call.arguments[1]);
          if (opts === null || (opts && !sets(opts, ['signal', 'headersTimeout', 'bodyTimeout']))) report(call, 'undici request()', 'undici');
        }
      },
    };
  },
};
