import ts from 'typescript';
import { SCHEMA_SYNC_OPTIONS } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { constInitializer } from '../shared/ast.js';
import { bindingsOf } from '../shared/imports.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

/** `true`, or a const that holds it. A value computed at run time (`NODE_ENV !== 'production'`) is not judged. */
function isTrue(e: ts.Expression, scope: Parameters<typeof constInitializer>[1]): boolean {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    return init !== null && isTrue(init, scope);
  }
  return false;
}

export default defineSourceRule({
  id: 'database/schema-sync-at-startup',
  meta: {
    category: 'database',
    severity: 'high',
    title: 'The ORM rewrites the database schema when the application starts',
    rationale: 'Schema sync applies whatever the models say to the live database at every start, unreviewed and without a migration: a renamed field drops a column and its data.',
    remediation: { text: 'Turn the option off (or set it only for local development from the environment) and generate migrations that are reviewed and applied as a deploy step.', effort: 'medium' },
    messages: {
      sync: '{{what}} ({{property}}: true)',
    },
  },
  triggers: ['synchronize', 'force', 'alter'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script' && f.role !== 'migration',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const options = SCHEMA_SYNC_OPTIONS.filter((o) => {
      const b = bindingsOf(ctx.sourceFile, o.packages);
      return b.whole.size > 0 || b.named.size > 0;
    });
    if (options.length === 0) return {};
    return {
      PropertyAssignment(node) {
        const p = node as ts.PropertyAssignment;
        if (!ts.isIdentifier(p.name) && !ts.isStringLiteral(p.name)) return;
        const option = options.find((o) => o.property === p.name.getText(ctx.sourceFile).replace(/['"]/g, '') && isTrue(p.initializer, ctx.scope));
        if (!option || !ts.isObjectLiteralExpression(p.parent)) return;
        if (option.method) {
          // Only the options argument of that method: `sequelize.sync({ force: true })`.
          const call = p.parent.parent;
          if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== option.method) return;
        }
        ctx.report({ node: p, messageId: 'sync', data: { what: option.what, property: option.property } });
      },
    };
  },
});
