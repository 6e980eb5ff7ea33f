import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import { calleeName, findInitializer, isConstantExpr } from '../shared/ast.js';

/** Methods that execute SQL text given as their first argument. */
const EXECUTORS = new Set(['prepare', 'query', 'execute', 'exec', 'raw', 'unsafe', '$queryRawUnsafe', '$executeRawUnsafe', 'queryRawUnsafe', 'executeRawUnsafe', 'sql', 'run', 'all', 'batch']);
/** Executors that are unsafe by name: they exist to take raw SQL text. */
const RAW_BY_NAME = new Set(['$queryRawUnsafe', '$executeRawUnsafe', 'unsafe', 'raw']);
const SQL_WORDS = /\b(select\s[\s\S]*\bfrom|insert\s+into|update\s+\S+\s+set|delete\s+from|create\s+(table|index)|drop\s+(table|index)|alter\s+table|where\s|order\s+by|values\s*\()/i;

function literalText(e: ts.Expression): string {
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((s) => ` ${s.literal.text}`).join('');
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return `${literalText(e.left)} ${literalText(e.right)}`;
  return '';
}

/** Non-constant parts of SQL text built by interpolation or concatenation. */
function dynamicParts(e: ts.Expression): ts.Expression[] {
  if (ts.isTemplateExpression(e)) return e.templateSpans.map((s) => s.expression).filter((x) => !isConstantExpr(x));
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return [...dynamicParts(e.left), ...dynamicParts(e.right)];
  if (ts.isParenthesizedExpression(e)) return dynamicParts(e.expression);
  if (ts.isStringLiteralLike(e) || isConstantExpr(e)) return [];
  return [e];
}

/** The SQL argument as written, following one local variable (`const q = \`...\`; db.query(q)`). */
function resolveSqlArg(arg: ts.Expression): ts.Expression {
  if (ts.isIdentifier(arg)) {
    const init = findInitializer(arg);
    if (init && (ts.isTemplateExpression(init) || ts.isBinaryExpression(init) || ts.isStringLiteralLike(init))) return init;
  }
  return arg;
}

export default defineSourceRule({
  id: 'database/sql-injection',
  meta: {
    category: 'database',
    severity: 'critical',
    title: 'SQL text built from non-constant values and executed',
    rationale: 'Interpolating or concatenating values into SQL text lets whoever controls the value rewrite the query.',
    remediation: {
      text: 'Pass values as bound parameters (`?`/`$1` placeholders with `.bind()` or a parameter array, or a tagged `sql` template); pick identifiers such as column names from a fixed allow-list.',
      effort: 'low',
    },
  },
  triggers: ['prepare', 'query', 'execute', 'exec', 'raw', 'unsafe', 'Unsafe', 'run(', 'all(', 'batch('],
  appliesTo: (f) => f.role !== 'test',
  create(ctx) {
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const name = calleeName(call);
        if (!name || !EXECUTORS.has(name) || call.arguments.length === 0) return;
        if (!ts.isPropertyAccessExpression(call.expression) && !RAW_BY_NAME.has(name)) return;
        const first = call.arguments[0];
        const sqlExpr = resolveSqlArg(first);
        const text = literalText(sqlExpr);
        const dynamic = dynamicParts(sqlExpr);
        if (dynamic.length === 0) return;
        const builtFromParts = ts.isTemplateExpression(sqlExpr) || ts.isBinaryExpression(sqlExpr);
        if (builtFromParts) {
          if (!SQL_WORDS.test(text)) return;
        } else if (!RAW_BY_NAME.has(name) || (name === 'raw' && call.arguments.length > 1)) {
          return;
        }
        if (name === 'raw' && !/\b(knex|sql|db|trx|Prisma)\b/i.test(call.expression.getText(ctx.sourceFile))) return;
        const parts = dynamic.slice(0, 3).map((d) => d.getText(ctx.sourceFile)).join(', ');
        ctx.report({
          node: call,
          message: builtFromParts
            ? `SQL passed to .${name}() is built from non-constant values (${parts})`
            : `.${name}() executes SQL text from a non-constant value (${parts})`,
          evidence: sqlExpr !== first ? [{ kind: 'file', path: ctx.file.path, line: ctx.lineOf(sqlExpr), snippet: sqlExpr.getText(ctx.sourceFile).split('\n')[0].slice(0, 160) }] : [],
        });
      },
    };
  },
});
