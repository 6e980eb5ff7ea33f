import ts from 'typescript';
import { requireOf } from '../../collect/scope.js';
import { envValidatorOf, isSecretName, type EnvValidator } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

function keyOf(p: ts.ObjectLiteralElementLike): string | null {
  return p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) ? p.name.text : null;
}

/** The `process.env` variables an expression reads (`process.env.CI`, `process.env['CI']`). */
function envReads(e: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n))) {
      const obj = n.expression;
      if (ts.isPropertyAccessExpression(obj) && obj.name.text === 'env' && ts.isIdentifier(obj.expression) && obj.expression.text === 'process') {
        const name = ts.isPropertyAccessExpression(n) ? n.name.text : ts.isStringLiteralLike(n.argumentExpression) ? n.argumentExpression.text : null;
        if (name) out.push(name);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(e);
  return out;
}

/** Whether a schema chain calls one of the methods (`z.string().min(1).optional()`). */
function calls(e: ts.Expression, methods: readonly string[]): boolean {
  e = unwrap(e);
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    if (methods.includes(e.expression.name.text)) return true;
    e = e.expression.expression;
  }
  return false;
}

export default defineSourceRule({
  id: 'security/env-validation-bypass',
  meta: {
    category: 'security',
    severity: 'low',
    title: 'Environment validation that the environment can switch off',
    rationale: 'Environment validation is what stops a service starting without its secrets. Skipped whenever some variable is set, it checks nothing where that variable is set; a secret optional outside production lets staging and preview deploys start with none, and libraries then run with their default secret or without one.',
    remediation: { text: 'Skip validation only for steps that never start the service (a lint run), by a flag the deploy cannot carry; require secrets in every environment that serves traffic.', effort: 'low' },
    messages: {
      skipFromEnv: '{{validator}} validation is skipped whenever {{vars}} is set: the environments that set it start with nothing checked',
      secretOptional: '{{name}} is optional unless {{vars}} says production: other deploys (staging, previews) start without the secret',
    },
  },
  triggers: ['createEnv'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const validatorOf = (e: ts.Expression): EnvValidator | null => {
      if (!ts.isIdentifier(e)) return null;
      const b = ctx.scope.resolve(e);
      const imp = b && (b.kind === 'import' ? b : requireOf(b));
      return imp ? envValidatorOf(imp.from, imp.imported) : null;
    };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const v = validatorOf(call.expression);
        const opts = call.arguments[0] && unwrap(call.arguments[0]);
        if (!v || !opts || !ts.isObjectLiteralExpression(opts)) return;
        for (const p of opts.properties) {
          if (!ts.isPropertyAssignment(p)) continue;
          const key = keyOf(p);
          if (key === v.skipOption) {
            const vars = [...new Set(envReads(p.initializer))];
            if (vars.length > 0) ctx.report({ node: p, messageId: 'skipFromEnv', data: { validator: v.package, vars: vars.join(' or ') } });
          } else if (key && v.schemaOptions.includes(key) && ts.isObjectLiteralExpression(unwrap(p.initializer))) {
            for (const s of (unwrap(p.initializer) as ts.ObjectLiteralExpression).properties) {
              const name = keyOf(s);
              if (!ts.isPropertyAssignment(s) || !name || !isSecretName(name)) continue;
              const schema = unwrap(s.initializer);
              if (!ts.isConditionalExpression(schema)) continue;
              const vars = [...new Set(envReads(schema.condition))];
              if (vars.length === 0) continue;
              const optional = [schema.whenTrue, schema.whenFalse].find((b) => calls(b, v.optionalMethods));
              const required = [schema.whenTrue, schema.whenFalse].find((b) => !calls(b, v.optionalMethods));
              if (optional && required) ctx.report({ node: optional, messageId: 'secretOptional', severity: 'medium', data: { name, vars: vars.join(', ') } });
            }
          }
        }
      },
    };
  },
});
