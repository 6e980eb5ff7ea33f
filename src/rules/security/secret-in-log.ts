import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { isConnectionStringName, isPiiName, isSecretName, LOG_METHODS, roleOfImport } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { valueOf } from '../shared/ast.js';
import { credentialEnvVars, envVarRead, isEnvObject, localProperty, type CredentialUse } from '../shared/credential-sinks.js';
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

/** What a logged value is: a secret or personal data by its name, a credential by its use, the whole environment. */
type Hit =
  | { how: 'name'; name: string; kind: 'secret' | 'personal data' }
  | { how: 'credential'; name: string; use: CredentialUse }
  | { how: 'environment' }
  | { how: 'connection-name'; name: string };

interface Judge { scope: Scope; credentials: () => Map<string, CredentialUse> }

const byName = (name: string): Hit | null => (isSecretName(name) ? { how: 'name', name, kind: 'secret' } : isPiiName(name) ? { how: 'name', name, kind: 'personal data' } : null);

/** What an environment variable read holds: a credential the file passes to a client, a secret by its name, a connection string by its name (last resort). */
function envHit(name: string, j: Judge): Hit | null {
  const use = j.credentials().get(name);
  if (use) return { how: 'credential', name, use };
  return byName(name) ?? (isConnectionStringName(name) ? { how: 'connection-name', name } : null);
}

/**
 * The sensitive value a logged expression carries, walking into templates, objects, concatenations,
 * JSON.stringify, and the values of variables nothing reassigns. A property read of a value
 * (`new URL(url).host`, `key.length`) is judged by the property, not by what it is read from.
 */
function sensitive(e: ts.Node, j: Judge, depth = 0): Hit | null {
  if (depth > 6) return null;
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) return sensitive(e.expression, j, depth + 1);
  if (ts.isExpression(e) && isEnvObject(e, j.scope)) return { how: 'environment' };
  const env = ts.isExpression(e) ? envVarRead(e, j.scope) : null;
  if (env) return envHit(env, j);
  if (ts.isIdentifier(e)) {
    const own = byName(e.text);
    if (own) return own;
    const init = valueOf(e, j.scope);
    return init ? sensitive(init, j, depth + 1) : null;
  }
  if (ts.isPropertyAccessExpression(e)) {
    const own = byName(e.name.text);
    if (own) return own;
    // `config.databaseUrl` of a local object: the value that property holds.
    const v = localProperty(e, j.scope);
    return v ? sensitive(v, j, depth + 1) : null;
  }
  if (ts.isTemplateExpression(e)) {
    for (const s of e.templateSpans) { const r = sensitive(s.expression, j, depth + 1); if (r) return r; }
    return null;
  }
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)) {
    return sensitive(e.left, j, depth + 1) ?? sensitive(e.right, j, depth + 1);
  }
  if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      if (ts.isShorthandPropertyAssignment(p)) { const r = sensitive(p.name, j, depth + 1); if (r) return r; }
      if (ts.isPropertyAssignment(p) && !ts.isStringLiteralLike(p.initializer) && !ts.isNumericLiteral(p.initializer)) {
        const r = (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name) ? byName(p.name.text) : null) ?? sensitive(p.initializer, j, depth + 1);
        if (r) return r;
      }
      if (ts.isSpreadAssignment(p)) { const r = sensitive(p.expression, j, depth + 1); if (r) return r; }
    }
    return null;
  }
  if (ts.isCallExpression(e) && e.expression.getText() === 'JSON.stringify' && e.arguments[0]) return sensitive(e.arguments[0], j, depth + 1);
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
      credential: '{{method}} writes {{name}} to the log, a credential: line {{useLine}} passes it as {{use}}',
      environment: '{{method}} writes the whole process environment to the log: every secret the service is given',
      connectionString: '{{method}} writes {{name}} to the log, a connection string with its password (judged by the name only)',
    },
  },
  triggers: ['console.', 'log', 'Log'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    let credentials: Map<string, CredentialUse> | null = null;
    const j: Judge = { scope: ctx.scope, credentials: () => (credentials ??= credentialEnvVars(ctx.sourceFile, ctx.scope)) };
    return {
      CallExpression(node) {
        const c = node as ts.CallExpression;
        if (!isLogCall(c, ctx)) return;
        const method = c.expression.getText(ctx.sourceFile).slice(0, 40);
        for (const a of c.arguments) {
          const hit = sensitive(a, j);
          if (!hit) continue;
          if (hit.how === 'name') ctx.report({ node: c, messageId: 'logged', data: { method, name: `\`${hit.name}\``, kind: hit.kind } });
          else if (hit.how === 'environment') ctx.report({ node: c, messageId: 'environment', severity: 'high', data: { method } });
          else if (hit.how === 'connection-name') ctx.report({ node: c, messageId: 'connectionString', data: { method, name: `\`${hit.name}\`` } });
          else {
            ctx.report({
              node: c, messageId: 'credential', severity: 'high', data: { method, name: `\`${hit.name}\``, use: hit.use.what, useLine: hit.use.line },
              evidence: [{ kind: 'file', path: ctx.file.path, line: hit.use.line, snippet: `${hit.name} passed as ${hit.use.what}` }],
            });
          }
          return;
        }
      },
    };
  },
});
