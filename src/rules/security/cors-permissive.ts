import ts from 'typescript';
import { defineSourceRule } from '../api.js';

const CORS_MODULES = /^(cors|hono\/cors|@fastify\/cors|@koa\/cors)$/;
const REQUEST_ORIGIN = /(headers\.origin|headers\[['"]origin['"]\]|headers\.get\(\s*['"]origin['"]\s*\)|header\(\s*['"]origin['"]\s*\)|\borigin\b)/i;
/** Credentials sent only when the helper's options ask for them (`if (opts.credentials) headers.set(...)`). */
const CREDENTIALS_ON_REQUEST = /if\s*\(\s*[\w$.?]*\bcredentials\s*\)\s*\{?\s*[\w$.]+\s*\.\s*(set|setHeader|header|append)\(\s*['"]Access-Control-Allow-Credentials/i;
const ALLOW_LIST = /includes\(\s*origin|\.has\(\s*origin|\.test\(\s*origin|origin\s*===|===\s*origin|allowed\w*Origins?|ALLOWED_ORIGINS|whitelist|allowList/i;

function prop(obj: ts.ObjectLiteralExpression, key: string): ts.Expression | null {
  for (const p of obj.properties) if (ts.isPropertyAssignment(p) && p.name.getText().replace(/['"]/g, '') === key) return p.initializer;
  return null;
}

/** The kind of permissive origin an option value expresses, or null when it is restricted. */
function permissiveOrigin(v: ts.Expression | null): 'any' | 'reflect' | null {
  if (!v) return 'any';
  if (ts.isStringLiteralLike(v) && v.text === '*') return 'any';
  if (v.kind === ts.SyntaxKind.TrueKeyword) return 'reflect';
  if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) {
    const body = v.body.getText();
    const param = v.parameters[0]?.name.getText();
    if (ALLOW_LIST.test(body)) return null;
    if (param && (body.trim() === param || new RegExp(`return\\s+${param}\\b|cb\\(\\s*null\\s*,\\s*true|callback\\(\\s*null\\s*,\\s*true`).test(body))) return 'reflect';
  }
  return null;
}

export default defineSourceRule({
  id: 'security/cors-permissive',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'CORS allows any origin with credentials, or reflects the request origin',
    rationale: 'With credentials allowed, any website a user visits can call the API with the user\'s cookies and read the answer.',
    remediation: {
      text: 'List the allowed origins explicitly (`origin: [\'https://app.example.com\']`) or check the request origin against an allow-list before echoing it; drop `credentials: true` if the API does not use cookies.',
      effort: 'low',
    },
    messages: {
      anyOrigin: 'CORS allows any origin (`*`) together with credentials',
      reflectedOrigin: 'CORS reflects the request origin together with credentials: every site is allowed',
      headerAnyOrigin: 'Access-Control-Allow-Origin `*` is sent together with Access-Control-Allow-Credentials: true',
      headerEchoesOrigin: 'Access-Control-Allow-Origin echoes the request origin with credentials allowed and no allow-list check',
    },
  },
  triggers: ['cors', 'Access-Control-Allow-Origin'],
  appliesTo: (f) => f.role === 'service' || f.role === 'config',
  create(ctx) {
    const corsLocals = new Set<string>();
    return {
      ImportDeclaration(node) {
        const d = node as ts.ImportDeclaration;
        if (!ts.isStringLiteral(d.moduleSpecifier) || !CORS_MODULES.test(d.moduleSpecifier.text)) return;
        const c = d.importClause;
        if (c?.name) corsLocals.add(c.name.text);
        if (c?.namedBindings && ts.isNamedImports(c.namedBindings)) for (const el of c.namedBindings.elements) corsLocals.add(el.name.text);
      },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const callee = call.expression.getText(ctx.sourceFile);
        let opts: ts.Expression | undefined;
        if (corsLocals.has(callee) || (callee === 'cors' && /require\(\s*['"]cors['"]\s*\)/.test(ctx.text))) opts = call.arguments[0];
        else if (/\.register$/.test(callee) && call.arguments[0] && corsLocals.has(call.arguments[0].getText(ctx.sourceFile))) opts = call.arguments[1];
        else {
          handWritten(call);
          return;
        }
        if (!opts || !ts.isObjectLiteralExpression(opts)) return;
        const credentials = prop(opts, 'credentials');
        if (!credentials || credentials.kind !== ts.SyntaxKind.TrueKeyword) return;
        const kind = permissiveOrigin(prop(opts, 'origin'));
        if (!kind) return;
        ctx.report({
          node: call,
          messageId: kind === 'any' ? 'anyOrigin' : 'reflectedOrigin',
        });
      },
    };

    function handWritten(call: ts.CallExpression): void {
      const name = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : '';
      if (!['set', 'setHeader', 'header', 'append'].includes(name) || call.arguments.length < 2) return;
      const [k, v] = call.arguments;
      if (!ts.isStringLiteralLike(k) || k.text.toLowerCase() !== 'access-control-allow-origin') return;
      if (!/Access-Control-Allow-Credentials['"]\s*,\s*['"]?true/i.test(ctx.text)) return;
      // A configurable CORS helper (the `cors` package redone with web APIs, as some apps write it): its
      // `*` and its credentials come from different option values, so its body alone does not say both are sent.
      if (CREDENTIALS_ON_REQUEST.test(ctx.text)) return;
      const value = v.getText(ctx.sourceFile);
      if (ts.isStringLiteralLike(v) && v.text !== '*') return;
      if (!ts.isStringLiteralLike(v) && (!REQUEST_ORIGIN.test(value) || ALLOW_LIST.test(ctx.text))) return;
      ctx.report({
        node: call,
        messageId: ts.isStringLiteralLike(v) ? 'headerAnyOrigin' : 'headerEchoesOrigin',
      });
    }
  },
});
