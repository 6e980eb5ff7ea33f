import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { constInitializer } from '../shared/ast.js';
import { callsExport, NODE_CRYPTO } from '../shared/imports.js';

const MIN_ITERATIONS = 100_000;

/** A number written in the code (literal, `100_000`, `1e5`, `10 * 1000`, or a const bound to one). */
function numberOf(e: ts.Expression, scope: Scope, depth = 0): number | null {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  if (ts.isNumericLiteral(e)) return Number(e.text.replace(/_/g, ''));
  if (depth > 3) return null;
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    return init ? numberOf(init, scope, depth + 1) : null;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AsteriskToken) {
    const a = numberOf(e.left, scope, depth + 1);
    const b = numberOf(e.right, scope, depth + 1);
    return a !== null && b !== null ? a * b : null;
  }
  return null;
}

/** A string written in the code: a literal or a const bound to one. */
function stringOf(e: ts.Expression, scope: Scope): string | null {
  if (ts.isStringLiteralLike(e)) return e.text;
  const init = ts.isIdentifier(e) ? constInitializer(e, scope) : null;
  return init && ts.isStringLiteralLike(init) ? init.text : null;
}

export default defineSourceRule({
  id: 'security/weak-pbkdf2',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'PBKDF2 with fewer than 100,000 iterations',
    rationale: 'PBKDF2 is only as slow as its iteration count: below 100,000 a GPU tests passwords fast enough to crack most of a leaked table (OWASP asks for 600,000 with SHA-256).',
    remediation: {
      text: 'Raise the iterations to at least 600,000 for PBKDF2-SHA256 (210,000 for SHA-512), re-hashing on next login, or move to argon2id / scrypt.',
      effort: 'low',
    },
    messages: {
      fewIterations: '{{where}} with {{iterations}} iterations (fewer than {{minimum}})',
    },
  },
  triggers: ['pbkdf2', 'PBKDF2'],
  appliesTo: isShippedCode,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const report = (node: ts.Node, n: number, where: string) =>
      ctx.report({ node, messageId: 'fewIterations', data: { where, iterations: n.toLocaleString('en-US'), minimum: MIN_ITERATIONS.toLocaleString('en-US') } });
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        let name = callsExport(call, ctx.sourceFile, NODE_CRYPTO, ['pbkdf2', 'pbkdf2Sync']);
        const e = call.expression;
        if (!name && ts.isPropertyAccessExpression(e) && ['pbkdf2', 'pbkdf2Sync'].includes(e.name.text) && ts.isIdentifier(e.expression) && e.expression.text === 'crypto') name = e.name.text;
        if (!name || !call.arguments[2]) return;
        const n = numberOf(call.arguments[2], ctx.scope);
        if (n !== null && n < MIN_ITERATIONS) report(call, n, `${name}()`);
      },
      ObjectLiteralExpression(node) {
        const obj = node as ts.ObjectLiteralExpression;
        let isPbkdf2 = false;
        let iterations: ts.PropertyAssignment | null = null;
        for (const p of obj.properties) {
          if (!ts.isPropertyAssignment(p)) continue;
          const key = p.name.getText(ctx.sourceFile);
          if (key === 'name' && stringOf(p.initializer, ctx.scope)?.toUpperCase() === 'PBKDF2') isPbkdf2 = true;
          if (key === 'iterations') iterations = p;
        }
        if (!isPbkdf2 || !iterations) return;
        const n = numberOf(iterations.initializer, ctx.scope);
        if (n !== null && n < MIN_ITERATIONS) report(iterations, n, 'Web Crypto PBKDF2');
      },
    };
  },
});
