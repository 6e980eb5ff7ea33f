// Drizzle table definitions: `pgTable('users', { email: text('email').notNull(), ... })` and the
// sqlite/mysql equivalents, as facts: table name, columns with their builder, nullability and line.
import ts from 'typescript';
import { drizzleTableFacts, type DrizzleColumn, type DrizzleTable } from '../facts/drizzle-tables.js';
import type { VisitorHost } from '../host.js';
import { isTestSide } from '../../util/roles.js';

const TABLE_FNS: Record<string, DrizzleTable['dialect']> = { pgTable: 'postgresql', sqliteTable: 'sqlite', mysqlTable: 'mysql' };

/** `text('email').notNull().unique()` -> the base call and the chained method names. */
function chain(e: ts.Expression): { base: ts.CallExpression | null; methods: string[] } {
  const methods: string[] = [];
  let cur: ts.Expression = e;
  while (ts.isCallExpression(cur)) {
    const callee = cur.expression;
    if (ts.isPropertyAccessExpression(callee)) { methods.push(callee.name.text); cur = callee.expression; continue; }
    if (ts.isIdentifier(callee)) return { base: cur, methods };
    break;
  }
  return { base: null, methods };
}

export const drizzleTables: VisitorHost = {
  id: drizzleTableFacts.id,
  parents: false,
  triggers: ['pgTable', 'sqliteTable', 'mysqlTable'],
  appliesTo: (f) => !isTestSide(f.role),
  create(ctx) {
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (!ts.isIdentifier(call.expression) || !(call.expression.text in TABLE_FNS)) return;
        const [nameArg, colsArg] = call.arguments;
        if (!nameArg || !ts.isStringLiteralLike(nameArg) || !colsArg || !ts.isObjectLiteralExpression(colsArg)) return;
        const columns: DrizzleColumn[] = [];
        for (const p of colsArg.properties) {
          if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name))) continue;
          const { base, methods } = chain(p.initializer);
          if (!base) continue;
          const first = base.arguments[0];
          columns.push({
            key: p.name.text,
            name: first && ts.isStringLiteralLike(first) ? first.text : p.name.text,
            implied: !(first && ts.isStringLiteralLike(first)),
            builder: (base.expression as ts.Identifier).text,
            notNull: methods.includes('notNull') || methods.includes('primaryKey'),
            line: ctx.lineOf(p),
          });
        }
        drizzleTableFacts.emit(ctx, { table: nameArg.text, dialect: TABLE_FNS[call.expression.text], line: ctx.lineOf(call), columns });
      },
    };
  },
};
