import ts from 'typescript';
import { requireOf } from '../../collect/scope.js';
import { isTrustProxySetting, trustProxyOption } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

export default defineSourceRule({
  id: 'security/trust-proxy-all',
  meta: {
    category: 'security',
    severity: 'low',
    title: 'The app trusts forwarded headers from any client',
    rationale: 'With trust proxy set to true, X-Forwarded-For from anyone is believed: `req.ip`, IP-keyed rate limits and audit logs hold the address the caller claims, so a limiter can be dodged by changing a header.',
    remediation: { text: 'Trust only the proxies in front of the service: a hop count (`1`), or their addresses or subnets.', effort: 'low' },
    messages: {
      trustAll: '{{how}} trusts X-Forwarded-* headers from every client: client addresses, and rate limits keyed by them, are what the caller claims',
    },
  },
  triggers: ['roxy'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    /** The package an app-creating callee comes from: `Fastify(...)`, `new Koa(...)`. */
    const packageOf = (callee: ts.Expression): string | null => {
      if (!ts.isIdentifier(callee)) return null;
      const b = ctx.scope.resolve(callee);
      const imp = b && (b.kind === 'import' ? b : requireOf(b));
      return imp ? imp.from : null;
    };
    const checkOptions = (callee: ts.Expression, args: readonly ts.Expression[] | undefined) => {
      const pkg = packageOf(callee);
      const option = pkg ? trustProxyOption(pkg) : null;
      if (!option) return;
      for (const a of args ?? []) {
        if (!ts.isObjectLiteralExpression(a)) continue;
        for (const p of a.properties) {
          if (ts.isPropertyAssignment(p) && p.name.getText(ctx.sourceFile) === option && p.initializer.kind === ts.SyntaxKind.TrueKeyword) {
            ctx.report({ node: p, messageId: 'trustAll', data: { how: `${pkg} option \`${option}: true\`` } });
          }
        }
      }
    };
    return {
      CallExpression(node) {
        const c = node as ts.CallExpression;
        checkOptions(c.expression, c.arguments);
        if (ts.isPropertyAccessExpression(c.expression) && c.expression.name.text === 'set' && c.arguments.length === 2) {
          const [name, value] = c.arguments;
          if (ts.isStringLiteralLike(name) && isTrustProxySetting(name.text) && value.kind === ts.SyntaxKind.TrueKeyword) {
            ctx.report({ node: c, messageId: 'trustAll', data: { how: `\`set('${name.text}', true)\`` } });
          }
        }
      },
      NewExpression(node) {
        const n = node as ts.NewExpression;
        checkOptions(n.expression, n.arguments);
      },
    };
  },
});
