import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { mask } from '../../util/redact.js';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { constInitializer } from '../shared/ast.js';
import { bindingsOf, callsExport } from '../shared/imports.js';
import { EXPRESS_JWT, HONO_JWT, jwtCall } from '../shared/jwt.js';
import { sinkCallValues } from '../../collect/secret-sinks.js';

interface Literal {
  value: string;
  /** `process.env.X ?? 'literal'`: used when the variable is unset. */
  fallback: boolean;
  /** Where the literal is written, when it is not at the call. */
  declared: ts.Node | null;
}

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** The string literal a key expression evaluates to (directly, via a const, or as a fallback). */
function literalKey(e: ts.Expression, scope: Scope, depth = 0): Literal | null {
  e = strip(e);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text ? { value: e.text, fallback: false, declared: null } : null;
  if (depth > 3) return null;
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    const lit = init ? literalKey(init, scope, depth + 1) : null;
    return lit ? { ...lit, declared: lit.declared ?? init } : null;
  }
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)) {
    const right = literalKey(e.right, scope, depth + 1);
    return right ? { ...right, fallback: true } : null;
  }
  if (ts.isCallExpression(e) && /\bBuffer\.from$|\bencode$/.test(e.expression.getText()) && e.arguments[0]) return literalKey(e.arguments[0], scope, depth + 1);
  return null;
}

/** The `secret` property of a middleware options literal. */
function secretProperty(call: ts.CallExpression): ts.Expression | null {
  const obj = call.arguments[0];
  if (!obj || !ts.isObjectLiteralExpression(obj)) return null;
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText().replace(/['"]/g, '') === 'secret') return p.initializer;
  }
  return null;
}

export default defineSourceRule({
  id: 'security/hardcoded-jwt-secret',
  meta: {
    category: 'security',
    severity: 'critical',
    title: 'Signing secret (JWT, session, cookie) written in the code',
    rationale: 'Whoever reads the repository can sign tokens the service accepts, as any user; a fallback literal is used in production as soon as the variable is missing.',
    remediation: {
      text: 'Read the key from the environment or a secret manager, fail at startup when it is missing (no fallback literal), and rotate the key that was committed.',
      effort: 'low',
    },
    messages: {
      fallbackSecret: '{{what}} falls back to a secret written in the code ({{shown}}) when the variable is unset',
      literalSecret: '{{what}} uses a secret written in the code ({{shown}})',
    },
  },
  triggers: ['jsonwebtoken', 'hono/jwt', 'hono/utils/jwt', 'express-jwt', 'koa-jwt', '@fastify/', 'express-session', 'cookie-session'],
  appliesTo: isShippedCode,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const sf = () => ctx.sourceFile;
    const check = (call: ts.CallExpression, key: ts.Expression | null | undefined, what: string): void => {
      if (!key) return;
      const lit = literalKey(key, ctx.scope);
      if (!lit) return;
      const shown = mask(lit.value);
      ctx.report({
        node: call,
        secret: lit.value,
        severity: lit.fallback ? 'high' : 'critical',
        messageId: lit.fallback ? 'fallbackSecret' : 'literalSecret',
        data: { what, shown },
        evidence: lit.declared ? [{ kind: 'file', path: ctx.file.path, line: ctx.lineOf(lit.declared), snippet: `secret literal ${shown}` }] : [],
      });
    };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const hit = jwtCall(call, sf());
        if (hit) {
          check(call, call.arguments[1], `${hit.lib} ${hit.fn}()`);
          return;
        }
        const mw = callsExport(call, sf(), HONO_JWT, ['jwt']) ?? callsExport(call, sf(), EXPRESS_JWT, ['expressjwt', 'default']);
        const defaultExpressJwt = ts.isIdentifier(call.expression) && bindingsOf(sf(), EXPRESS_JWT).whole.has(call.expression.text);
        if (mw || defaultExpressJwt) {
          check(call, secretProperty(call), mw === 'jwt' ? 'hono jwt() middleware' : 'express-jwt middleware');
          return;
        }
        // The option of a library that signs tokens, sessions or cookies with it (knowledge SECRET_SINKS):
        // `app.register(fastifyJwt, { secret: 'x' })`, `session({ secret: process.env.S || 'dev' })`.
        for (const { sink, value } of sinkCallValues(call, ctx.scope)) {
          if (sink.kind !== 'signing' || sink.option === undefined) continue;
          const lit = literalKey(value, ctx.scope);
          if (!lit) continue;
          const shown = mask(lit.value);
          ctx.report({
            node: value,
            secret: lit.value,
            severity: lit.fallback ? 'high' : sink.literalSeverity ?? 'critical',
            messageId: lit.fallback ? 'fallbackSecret' : 'literalSecret',
            data: { what: sink.what, shown },
            evidence: [
              { kind: 'file', path: ctx.file.path, line: ctx.lineOf(call), snippet: `${sink.what} (${sink.module}) given here` },
              ...(lit.declared ? [{ kind: 'file' as const, path: ctx.file.path, line: ctx.lineOf(lit.declared), snippet: `secret literal ${shown}` }] : []),
            ],
          });
        }
      },
    };
  },
});

