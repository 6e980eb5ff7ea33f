import ts from 'typescript';
import { codeMigrationApplierOf, codeMigrationOption, SCHEMA_SYNC_OPTIONS } from '../../knowledge/index.js';
import { MODULE, keyOf } from '../../link/graph.js';
import { packageOf, type RepoLayout } from '../../discover/index.js';
import { defineSourceRule, type ReviewContext, type RuleFinding } from '../api.js';
import { runsIn } from '../../collect/runs.js';
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

/** Marks a `synchronize(true)` in a file that does not import TypeORM: the review checks the package depends on it. */
const UNCONFIRMED = 'unconfirmedPackages';

/**
 * A drop at start is critical where the file is loaded from a production entry (link reach); where
 * reach cannot tell or the file is reached only from tests, it stays at the rule's high.
 */
function review(finding: RuleFinding, layout: RepoLayout, ctx: ReviewContext): RuleFinding | null {
  const data = { ...finding.data };
  const unconfirmed = data[UNCONFIRMED];
  delete data[UNCONFIRMED];
  if (typeof unconfirmed === 'string' && finding.path !== null) {
    const pkg = layout.packages.find((p) => p.name === packageOf(finding.path!, layout.packages));
    const deps = { ...pkg?.dependencies, ...pkg?.devDependencies };
    if (!unconfirmed.split(',').some((m) => m in deps)) return null;
  }
  if (finding.messageId !== 'drop' || finding.path === null) return { ...finding, data };
  const reach = ctx.link.reach(keyOf(finding.path, MODULE));
  return { ...finding, data, severity: reach === 'production' ? 'critical' : 'high' };
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
      drop: '{{what}} (`{{text}}`): every restart of the service wipes the stored data',
    },
  },
  // Also the code that applies migrations (knowledge CODE_MIGRATION_APPLIERS), recorded for
  // migrations/not-applied-at-deploy: `db.migrate.latest()`, `runMigrations()`, `migrationsRun: true`, `umzug.up()`.
  triggers: ['synchronize', 'dropSchema', 'force', 'alter', 'migrate.latest', 'migrate.up', 'runMigrations', 'migrationsRun', 'migrateToLatest', 'umzug'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'migration',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const script = ctx.file.role === 'script';
    const options = script ? [] : SCHEMA_SYNC_OPTIONS.filter((o) => {
      const b = bindingsOf(ctx.sourceFile, o.packages);
      return b.whole.size > 0 || b.named.size > 0;
    });
    const imports = ctx.sourceFile.statements.flatMap((st) => (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) ? [st.moduleSpecifier.text] : []));
    // `dataSource.synchronize(true)` where the data source is imported from the project's own module:
    // the review confirms the package depends on TypeORM.
    const calls = script ? [] : SCHEMA_SYNC_OPTIONS.filter((o) => o.argument !== undefined);
    if (ctx.text.includes("require('umzug')") || ctx.text.includes('require("umzug")')) imports.push('umzug');
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const chain: string[] = [];
        let e: ts.Expression = call.expression;
        while (ts.isPropertyAccessExpression(e)) { chain.unshift(e.name.text); e = e.expression; }
        if (chain.length === 0) return;
        chain.unshift(ts.isIdentifier(e) ? e.text : e.kind === ts.SyntaxKind.ThisKeyword ? 'this' : '?');
        const a = codeMigrationApplierOf(chain, imports);
        if (a) ctx.emit({ type: 'migration-applier', runner: a.runner, line: ctx.lineOf(call), text: call.expression.getText(ctx.sourceFile).replace(/\s+/g, '') });
        const method = chain[chain.length - 1];
        for (const o of calls) {
          const arg = call.arguments[o.argument!];
          if (chain.length < 2 || method !== o.method || !arg || !isTrue(arg, ctx.scope)) continue;
          const imported = options.includes(o);
          ctx.report({ node: call, messageId: 'drop', severity: 'critical', data: { what: o.what, text: call.getText(ctx.sourceFile).replace(/\s+/g, ''), ...(imported ? {} : { [UNCONFIRMED]: o.packages.join(',') }) } });
        }
      },
      PropertyAssignment(node) {
        const p = node as ts.PropertyAssignment;
        if (!ts.isIdentifier(p.name) && !ts.isStringLiteral(p.name)) return;
        const applies = codeMigrationOption(p.name.text);
        if (applies && isTrue(p.initializer, ctx.scope)) ctx.emit({ type: 'migration-applier', runner: applies.runner, line: ctx.lineOf(p), text: `${p.name.text}: true` });
        if (options.length === 0) return;
        const option = options.find((o) => o.property === p.name.getText(ctx.sourceFile).replace(/['"]/g, '') && isTrue(p.initializer, ctx.scope));
        if (!option || option.argument !== undefined || !ts.isObjectLiteralExpression(p.parent)) return;
        if (option.method) {
          // Only the options argument of that method: `sequelize.sync({ force: true })`.
          const call = p.parent.parent;
          if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== option.method) return;
        }
        // A drop in a branch (`if (NODE_ENV === 'development') sequelize.sync({ force: true })`) runs only when it is taken: not judged.
        if (option.drops && runsIn(p)?.conditional === true) return;
        if (option.drops) ctx.report({ node: p, messageId: 'drop', severity: 'critical', data: { what: option.what, text: `${option.property}: true` } });
        else ctx.report({ node: p, messageId: 'sync', data: { what: option.what, property: option.property } });
      },
    };
  },
  review,
});
