import ts from 'typescript';
import { requireOf } from '../../collect/scope.js';
import { isPiiName, isSecretName, LOG_METHODS, roleOfImport } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import type { SourceContext } from '../../collect/host.js';

/** Whether a call writes a log line: `console.x`, a framework's `request.log.x` / `app.log.x`, or a logger a logging library made. */
function isLogCall(c: ts.CallExpression, ctx: SourceContext): boolean {
  const e = c.expression;
  if (!ts.isPropertyAccessExpression(e) || !LOG_METHODS.includes(e.name.text)) return false;
  const recv = e.expression;
  if (ts.isIdentifier(recv) && recv.text === 'console') return !ctx.scope.resolve(recv);
  // Fastify decorates the instance and every request with its pino logger as `.log`.
  if (ts.isPropertyAccessExpression(recv) && recv.name.text === 'log') return true;
  if (!ts.isIdentifier(recv)) return false;
  const b = ctx.scope.resolve(recv);
  if (b?.kind !== 'variable' || !b.initializer) return false;
  const init = b.initializer;
  const made = ts.isCallExpression(init) ? init.expression : null;
  const callee = made && ts.isPropertyAccessExpression(made) ? made.expression : made;
  if (!callee || !ts.isIdentifier(callee)) return false;
  const cb = ctx.scope.resolve(callee);
  const imp = cb && (cb.kind === 'import' ? cb : requireOf(cb));
  if (!imp) return false;
  const member = made && ts.isPropertyAccessExpression(made) ? made.name.text : undefined;
  const fact = roleOfImport(imp.from, imp.imported === '*' ? 'default' : imp.imported, member) ?? roleOfImport(imp.from, member ?? imp.imported);
  return fact?.role === 'logger';
}

/** The secret or personal-data name a logged value reads, walking into templates, objects, concatenations and JSON.stringify. */
function sensitiveName(e: ts.Node, depth = 0): { name: string; kind: 'secret' | 'personal data' } | null {
  if (depth > 6) return null;
  const judge = (name: string) => (isSecretName(name) ? { name, kind: 'secret' as const } : isPiiName(name) ? { name, kind: 'personal data' as const } : null);
  if (ts.isIdentifier(e)) return judge(e.text);
  if (ts.isPropertyAccessExpression(e)) return judge(e.name.text);
  if (ts.isTemplateExpression(e)) {
    for (const s of e.templateSpans) { const r = sensitiveName(s.expression, depth + 1); if (r) return r; }
    return null;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return sensitiveName(e.left, depth + 1) ?? sensitiveName(e.right, depth + 1);
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return sensitiveName(e.expression, depth + 1);
  if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      if (ts.isShorthandPropertyAssignment(p)) { const r = judge(p.name.text); if (r) return r; }
      if (ts.isPropertyAssignment(p) && !ts.isStringLiteralLike(p.initializer) && !ts.isNumericLiteral(p.initializer)) {
        const r = sensitiveName(p.initializer, depth + 1);
        if (r) return r;
      }
    }
    return null;
  }
  if (ts.isCallExpression(e) && e.expression.getText() === 'JSON.stringify' && e.arguments[0]) return sensitiveName(e.arguments[0], depth + 1);
  return null;
}

export default defineSourceRule({
  id: 'security/secret-in-log',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'A secret or personal data written to the logs',
    rationale: 'Logs are copied to aggregators, kept for months and read by many people: a password or token written there is a leaked credential, an email list is personal data held without need.',
    remediation: { text: 'Log an identifier instead of the value (a user id, the last 4 characters of a key), or configure the logger to redact the field (pino `redact`, winston format).', effort: 'low' },
    messages: {
      logged: '{{method}} writes {{name}} ({{kind}}) to the log',
    },
  },
  triggers: ['console.', 'log', 'Log'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    return {
      CallExpression(node) {
        const c = node as ts.CallExpression;
        if (!isLogCall(c, ctx)) return;
        for (const a of c.arguments) {
          const hit = sensitiveName(a);
          if (!hit) continue;
          ctx.report({ node: c, messageId: 'logged', data: { method: c.expression.getText(ctx.sourceFile).slice(0, 40), name: `\`${hit.name}\``, kind: hit.kind } });
          return;
        }
      },
    };
  },
});
