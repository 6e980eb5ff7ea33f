// Calls that run literal SQL with placeholders, and how many values they bind (collect/sql-params).
// Only what the code lists is counted: a values argument that is a variable, a spread or an object
// (named parameters) is not a count, and the call is not recorded.
import ts from 'typescript';
import { SQL_PARAM_CALLS } from '../../knowledge/index.js';
import { isSqlStatement, STATEMENT_IN_SOURCE } from '../../util/sql.js';
import { sqlParamFacts, type SqlParamSite } from '../facts/sql-params.js';
import type { VisitorHost } from '../host.js';
import { isTestSide } from '../../util/roles.js';

/** Text that may hold a placeholder: `$1`, `?`. */
const MAY_HOLD = /\$\d|\?/;

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** Literal SQL text: a string or a template without substitutions. */
function literalSql(e: ts.Expression | undefined): string | null {
  if (!e) return null;
  e = unwrap(e);
  const text = ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) ? e.text : null;
  return text !== null && MAY_HOLD.test(text) && isSqlStatement(text) ? text : null;
}

/** A count of listed values: the elements of an array literal, or the arguments themselves; null when a spread, object or variable hides it. */
function countOf(args: readonly ts.Expression[]): number | null {
  if (args.some((a) => ts.isSpreadElement(a) || ts.isObjectLiteralExpression(unwrap(a)))) return null;
  return args.length;
}

export const sqlParams: VisitorHost = {
  id: sqlParamFacts.id,
  parents: false,
  // A record needs literal SQL (isSqlStatement), so a statement keyword as the source spells it:
  // `?` alone triggered every file with an optional property or `?.`, and a file of types alone was parsed for it.
  triggers: [STATEMENT_IN_SOURCE],
  appliesTo: (f) => !isTestSide(f.role),
  create(ctx) {
    const emit = (call: ts.CallExpression, shape: SqlParamSite['shape'], method: string, sql: string, values: number): void => {
      sqlParamFacts.emit(ctx, {
        line: ctx.lineOf(call), shape, method, sql: sql.slice(0, 4000), values,
        snippet: call.getText(ctx.sourceFile).split('\n')[0].slice(0, 120),
      });
    };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(call.expression)) return;
        const method = call.expression.name.text;
        const entry = SQL_PARAM_CALLS.find((c) => c.methods.includes(method));
        if (!entry) return;
        if (entry.shape === 'bind' || entry.shape === 'run') {
          // `x.prepare(text).bind(a, b)`: the text is the argument of the `prepare` this is called on.
          const recv = unwrap(call.expression.expression);
          if (!ts.isCallExpression(recv) || !ts.isPropertyAccessExpression(recv.expression) || recv.expression.name.text !== 'prepare') return;
          const sql = literalSql(recv.arguments[0]);
          // `run`/`get`/`all` with arguments are better-sqlite3's binds; with none, nothing is bound (D1's `first('col')` is not a bind).
          if (!sql || (entry.shape === 'run' && call.arguments.length > 0 && !entry.bindsArguments)) return;
          const n = countOf(call.arguments);
          if (n !== null) emit(call, entry.shape, method, sql, n);
          return;
        }
        const sql = literalSql(call.arguments[0]);
        if (!sql) return;
        if (entry.shape === 'spread') {
          const n = countOf(call.arguments.slice(1));
          if (n !== null) emit(call, 'spread', method, sql, n);
          return;
        }
        const values = call.arguments[1] ? unwrap(call.arguments[1]) : null;
        if (values === null) return emit(call, entry.shape, method, sql, 0);
        if (!ts.isArrayLiteralExpression(values)) return;
        const n = countOf([...values.elements]);
        if (n !== null) emit(call, entry.shape, method, sql, n);
      },
    };
  },
};
