import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { property, unwrapCors as unwrap, valueIn, valueOfElement } from '../shared/cors.js';
import { CORS_CREDENTIALS_HEADER, CORS_ORIGIN_HEADER, CORS_ORIGIN_OPTION, corsLibraryOf, NEST_CORS, type CorsLibrary } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

type Origin = 'any' | 'reflect';

/**
 * The origins a CORS options argument allows: every origin (`*`, or no origin option where the
 * library's default is `*`) or the request's own (`origin: true`); null when restricted, when the
 * value is not in the file, or when credentials are on (security/cors-permissive's graver finding).
 */
function originOf(arg: ts.Expression | undefined, fallback: Origin, scope: Scope): { origin: Origin; at: ts.Node | null } | null {
  if (!arg) return { origin: fallback, at: null };
  const opts = valueIn(arg, scope);
  if (!ts.isObjectLiteralExpression(opts)) return null;
  const credentials = property(opts, 'credentials');
  if (credentials && valueOfElement(credentials, scope)?.kind !== ts.SyntaxKind.FalseKeyword) return null;
  const origin = property(opts, CORS_ORIGIN_OPTION);
  if (!origin) return opts.properties.some((p) => ts.isSpreadAssignment(p)) ? null : { origin: fallback, at: null };
  const v = valueOfElement(origin, scope);
  if (!v) return null;
  if (ts.isStringLiteralLike(v) && v.text === '*') return { origin: 'any', at: origin };
  if (v.kind === ts.SyntaxKind.TrueKeyword) return { origin: 'reflect', at: origin };
  return null;
}

export default defineSourceRule({
  id: 'security/cors-any-origin',
  meta: {
    category: 'security',
    severity: 'low',
    title: 'CORS allows every origin',
    rationale: 'A CORS policy for every origin lets any website call the API from a visitor\'s browser and read the answers: endpoints that trust the network a browser sits in (an intranet, localhost) or that answer without cookies become readable by any page.',
    remediation: { text: 'Name the origins that may call the API (`origin: [\'https://app.example.com\']`, from configuration per environment); leave CORS off for APIs no browser calls.', effort: 'low' },
    messages: {
      libraryDefault: '`{{call}}` sets no origin: {{package}} then allows every origin (`*`)',
      anyOrigin: 'CORS origin `*`: every website may call this API from a visitor\'s browser',
      reflectedOrigin: 'CORS `origin: true` echoes whatever origin asks: every website may call this API',
      nestDefault: 'NestJS CORS turned on with the `cors` package defaults: every origin is allowed',
      header: 'Access-Control-Allow-Origin `*` is sent: every website may call this endpoint from a visitor\'s browser',
    },
  },
  triggers: ['cors', 'Cors', 'Access-Control-Allow-Origin', 'access-control-allow-origin'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const scope = ctx.scope;
    /** The import an identifier is bound to, through `import` or `require`. */
    const importOf = (e: ts.Expression): { from: string; imported: string } | null => {
      e = unwrap(e);
      if (!ts.isIdentifier(e)) return null;
      const b = scope.resolve(e);
      if (!b) return null;
      if (b.kind === 'import') return b;
      return requireOf(b);
    };
    const libraryOf = (e: ts.Expression): CorsLibrary | null => {
      const imp = importOf(e);
      if (!imp) return null;
      // `const cors = require('cors')` binds the whole module, which is the CommonJS default export.
      return corsLibraryOf(imp.from, imp.imported) ?? (imp.imported === '*' ? corsLibraryOf(imp.from, 'default') : null);
    };
    /** `NestFactory.create` called through @nestjs/core's export. */
    const isNestCreate = (call: ts.CallExpression): boolean => {
      const e = call.expression;
      if (!ts.isPropertyAccessExpression(e) || e.name.text !== NEST_CORS.factory.method) return false;
      const imp = importOf(e.expression);
      return imp?.from === NEST_CORS.factory.package && imp.imported === NEST_CORS.factory.export;
    };
    const report = (node: ts.Node, messageId: string, found: { origin: Origin; at: ts.Node | null }, data: Record<string, string> = {}) => {
      const id = found.at ? (found.origin === 'any' ? 'anyOrigin' : 'reflectedOrigin') : messageId;
      ctx.report({ node: found.at ?? node, messageId: id, data });
    };
    const headers: ts.Node[] = [];
    let credentialsHeader = false;
    const header = (node: ts.Node, name: ts.Expression, value: ts.Expression) => {
      if (!ts.isStringLiteralLike(name)) return;
      const key = name.text.toLowerCase();
      const v = unwrap(value);
      if (key === CORS_ORIGIN_HEADER && ts.isStringLiteralLike(v) && v.text === '*') headers.push(node);
      if (key === CORS_CREDENTIALS_HEADER && ((ts.isStringLiteralLike(v) && v.text === 'true') || v.kind === ts.SyntaxKind.TrueKeyword)) credentialsHeader = true;
    };

    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const lib = libraryOf(call.expression);
        if (lib?.how === 'call') {
          const found = originOf(call.arguments[lib.optionsArg], lib.defaultOrigin, scope);
          if (found) report(call, 'libraryDefault', found, { call: `${call.expression.getText(ctx.sourceFile)}()`, package: lib.package });
          return;
        }
        const e = call.expression;
        if (!ts.isPropertyAccessExpression(e)) return;
        const method = e.name.text;
        if (method === 'register' && call.arguments[0]) {
          const plugin = libraryOf(call.arguments[0]);
          if (plugin?.how !== 'register') return;
          const found = originOf(call.arguments[plugin.optionsArg], plugin.defaultOrigin, scope);
          if (found) report(call, 'libraryDefault', found, { call: `register(${call.arguments[0].getText(ctx.sourceFile)})`, package: plugin.package });
          return;
        }
        if (isNestCreate(call)) {
          const arg = call.arguments[NEST_CORS.factory.optionsArg];
          const opts = arg && valueIn(arg, scope);
          if (!opts || !ts.isObjectLiteralExpression(opts)) return;
          const option = property(opts, NEST_CORS.factory.option);
          const v = option && valueOfElement(option, scope);
          if (!option || !v) return;
          if (v.kind === ts.SyntaxKind.TrueKeyword) ctx.report({ node: option, messageId: 'nestDefault' });
          else {
            const found = ts.isObjectLiteralExpression(v) ? originOf(v, NEST_CORS.defaultOrigin, scope) : null;
            if (found) report(option, 'nestDefault', found);
          }
          return;
        }
        if (method === NEST_CORS.enable.method) {
          // The receiver must be the app NestFactory.create made in this file.
          const app = valueIn(e.expression, scope);
          if (!ts.isCallExpression(app) || !isNestCreate(app)) return;
          const found = originOf(call.arguments[NEST_CORS.enable.optionsArg], NEST_CORS.defaultOrigin, scope);
          if (found) report(call, 'nestDefault', found);
          return;
        }
        if (['set', 'setHeader', 'header', 'append'].includes(method) && call.arguments.length >= 2) header(call, call.arguments[0], call.arguments[1]);
      },
      PropertyAssignment(node) {
        const p = node as ts.PropertyAssignment;
        if (ts.isStringLiteralLike(p.name)) header(p, p.name, p.initializer);
      },
      'file:end'() {
        // With credentials allowed too, security/cors-permissive reports the pair (high).
        if (credentialsHeader) return;
        for (const node of headers) ctx.report({ node, messageId: 'header' });
      },
    };
  },
});
