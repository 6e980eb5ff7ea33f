import ts from 'typescript';
import { telemetryPiiOptionOf } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { constInitializer, valueOf } from '../shared/ast.js';
import { importedCallee } from '../shared/imported-call.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

export default defineSourceRule({
  id: 'security/telemetry-sends-pii',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'Error tracker told to send request personal data',
    rationale: 'With Sentry\'s `sendDefaultPii: true`, every event a server sends carries the request\'s headers (the Authorization bearer token among them), its cookies (session ids), the client\'s IP address and the logged-in user: credentials and personal data stored by a third party, readable by everyone with access to the project there.',
    remediation: {
      text: 'Leave `sendDefaultPii` off (the default); attach the user id you need with `Sentry.setUser({ id })`, and scrub anything else in `beforeSend`.',
      effort: 'low',
    },
    messages: {
      sendsPii: '{{what}}({ {{option}}: true }) makes {{vendor}} receive {{sends}} of every request an event is sent for',
    },
  },
  triggers: ['sendDefaultPii'],
  appliesTo: (f) => isShippedCode(f),
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const ref = importedCallee(call, ctx.scope);
        if (!ref) return;
        const o = telemetryPiiOptionOf(ref.module, ref.member ?? ref.name);
        if (!o) return;
        let arg = call.arguments[o.optionsArg] && strip(call.arguments[o.optionsArg]);
        if (arg && ts.isIdentifier(arg)) arg = valueOf(arg, ctx.scope) ?? arg;
        if (!arg || !ts.isObjectLiteralExpression(strip(arg))) return;
        const obj = strip(arg) as ts.ObjectLiteralExpression;
        for (const p of obj.properties) {
          if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) || p.name.text !== o.option) continue;
          let v = strip(p.initializer);
          // A const bound to the value; a value read from the environment or computed is not judged.
          if (ts.isIdentifier(v)) v = constInitializer(v, ctx.scope) ?? v;
          if (v.kind !== ts.SyntaxKind.TrueKeyword) continue;
          ctx.report({ node: p, messageId: 'sendsPii', data: { what: `${ref.module} ${o.export}`, option: o.option, vendor: o.vendor, sends: o.sends } });
        }
      },
    };
  },
});
