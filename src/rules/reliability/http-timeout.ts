import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import { calleeName, findInitializer } from '../shared/ast.js';

const AXIOS_CONFIG_INDEX: Record<string, number> = { get: 1, delete: 1, head: 1, options: 1, post: 2, put: 2, patch: 2, request: 0, postForm: 2, putForm: 2, patchForm: 2 };
const GOT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'stream', 'paginate']);

/** The options object as written: a literal, or a local const bound to one; undefined when unknown. */
function optionsOf(arg: ts.Expression | undefined): ts.ObjectLiteralExpression | null | undefined {
  if (!arg) return null;
  if (ts.isObjectLiteralExpression(arg)) return arg;
  if (ts.isIdentifier(arg)) {
    const init = findInitializer(arg);
    if (init && ts.isObjectLiteralExpression(init)) return init;
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

export default defineSourceRule({
  id: 'reliability/http-timeout',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'Outbound HTTP request without a timeout',
    rationale: 'fetch, axios and got wait indefinitely (or for minutes) by default; one slow upstream then holds every request that depends on it, exhausting sockets and memory.',
    remediation: { text: 'Give every outbound call a deadline: `fetch(url, { signal: AbortSignal.timeout(5000) })`, axios `{ timeout: 5000 }` (or `axios.create({ timeout })`), got `{ timeout: { request: 5000 } }`, undici `{ signal }` or `headersTimeout`/`bodyTimeout`.', effort: 'low' },
  },
  triggers: ['fetch(', 'axios', 'got', 'undici'],
  appliesTo: (f) => f.role === 'service' && !['.tsx', '.jsx'].includes(f.ext),
  create(ctx) {
    const text = ctx.text;
    if (/^\s*['"]use client['"]/m.test(text) || /\b(function|const|let)\s+fetch\b/.test(text)) return {};
    const axios = importedName(text, 'axios');
    const got = importedName(text, 'got');
    const undiciRequest = /import\s*\{[^}]*\brequest\b[^}]*\}\s*from\s+['"]undici['"]/.test(text);
    const axiosDefaults = /defaults\.timeout\s*=/.test(text);
    const report = (node: ts.Node, what: string) => ctx.report({ node, message: `${what} has no timeout or abort signal: a hung upstream holds this request indefinitely` });
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const e = call.expression;
        const name = calleeName(call);
        const target = ts.isPropertyAccessExpression(e) ? e.expression.getText(ctx.sourceFile) : null;
        if ((ts.isIdentifier(e) && e.text === 'fetch') || (name === 'fetch' && target === 'globalThis')) {
          const url = call.arguments[0];
          if (!url || ((ts.isStringLiteralLike(url) || ts.isTemplateExpression(url)) && /^\//.test(url.getText(ctx.sourceFile).slice(1)))) return;
          const opts = optionsOf(call.arguments[1]);
          if (opts === null || (opts && !sets(opts, ['signal']))) report(call, 'fetch()');
          return;
        }
        if (axios && !axiosDefaults && ((ts.isIdentifier(e) && e.text === axios) || (target === axios && name !== null))) {
          if (name === 'create') {
            const opts = optionsOf(call.arguments[0]);
            if (opts === null || (opts && !sets(opts, ['timeout', 'signal']))) report(call, `${axios}.create()`);
            return;
          }
          const idx = ts.isIdentifier(e) ? (call.arguments[0] && ts.isObjectLiteralExpression(call.arguments[0]) ? 0 : 1) : AXIOS_CONFIG_INDEX[name ?? ''];
          if (idx === undefined) return;
          const opts = optionsOf(call.arguments[idx]);
          if (opts === null || (opts && !sets(opts, ['timeout', 'signal', 'cancelToken']))) report(call, ts.isIdentifier(e) ? `${axios}()` : `${axios}.${name}()`);
          return;
        }
        if (got && ((ts.isIdentifier(e) && e.text === got) || (target === got && name !== null && (GOT_METHODS.has(name) || name === 'extend')))) {
          const opts = optionsOf(call.arguments[name === 'extend' ? 0 : 1]);
          if (opts === null || (opts && !sets(opts, ['timeout', 'signal']))) report(call, name === 'extend' ? `${got}.extend()` : `${got}()`);
          return;
        }
        if (undiciRequest && ts.isIdentifier(e) && e.text === 'request') {
          const opts = optionsOf(call.arguments[1]);
          if (opts === null || (opts && !sets(opts, ['signal', 'headersTimeout', 'bodyTimeout']))) report(call, 'undici request()');
        }
      },
    };
  },
});
