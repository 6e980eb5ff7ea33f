import ts from 'typescript';
import { requireOf } from '../../collect/scope.js';
import { isLocalUrl, oauthCallbackOption, type OAuthCallbackOption } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

export default defineSourceRule({
  id: 'reliability/oauth-callback-localhost',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'OAuth callback URL hard-coded to localhost',
    rationale: 'The callback URL is where the provider sends a user after sign-in. Hard-coded to localhost, a deployed service sends every user to their own machine: sign-in does not work anywhere but on a developer\'s laptop.',
    remediation: { text: 'Read the callback URL from configuration per environment (`callbackUri: `${config.PUBLIC_URL}/login/callback``), validated at startup.', effort: 'low' },
    messages: {
      localhost: '{{package}} `{{option}}` is the literal {{url}}: deployed, the provider sends users back to their own machine',
    },
  },
  triggers: ['localhost', '127.0.0.1'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const optionOf = (e: ts.Expression | undefined, how: 'register' | 'new'): OAuthCallbackOption | null => {
      if (!e || !ts.isIdentifier(e)) return null;
      const b = ctx.scope.resolve(e);
      const imp = b && (b.kind === 'import' ? b : requireOf(b));
      if (!imp) return null;
      return oauthCallbackOption(imp.from, imp.imported === '*' ? 'default' : imp.imported, how);
    };
    const check = (opts: ts.Expression | undefined, o: OAuthCallbackOption) => {
      if (!opts || !ts.isObjectLiteralExpression(opts)) return;
      for (const p of opts.properties) {
        if (!ts.isPropertyAssignment(p) || p.name.getText(ctx.sourceFile) !== o.option) continue;
        const v = p.initializer;
        if ((ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v)) && isLocalUrl(v.text)) {
          ctx.report({ node: p, messageId: 'localhost', data: { package: o.package, option: o.option, url: v.text } });
        }
      }
    };
    return {
      CallExpression(node) {
        const c = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(c.expression) || c.expression.name.text !== 'register') return;
        const o = optionOf(c.arguments[0], 'register');
        if (o) check(c.arguments[1], o);
      },
      NewExpression(node) {
        const n = node as ts.NewExpression;
        const callee = n.expression;
        const o = ts.isIdentifier(callee) ? optionOf(callee, 'new') : null;
        if (o) check(n.arguments?.[0], o);
      },
    };
  },
});
