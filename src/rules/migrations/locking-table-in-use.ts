import type { SquawkViolation } from '../../probes/migrations/squawk.js';
import { dataAccessFacts } from '../../collect/facts/data-access.js';
import ts from 'typescript';
import { lockingOperation, ormWriteTarget } from '../../knowledge/index.js';
import type { MigrationSet } from '../../model/migrations.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { nodeOf, setsOf, statementAt, targetTable } from '../shared/migrations.js';

/** The earlier migration of the set that creates `table`, or null. */
function createdBefore(ctx: RepoRuleContext, set: MigrationSet, path: string, table: string): string | null {
  const at = set.files.indexOf(path);
  for (const f of set.files.slice(0, Math.max(0, at))) {
    if ((ctx.migrations.statements[f] ?? []).some((s) => !s.down && nodeOf(s.ast)?.[0] === 'CreateStmt' && targetTable(s) === table)) return f;
  }
  return null;
}

const WRITE_SQL = (table: string) => new RegExp(`\\b(insert\\s+into|update|delete\\s+from)\\s+["\`]?(\\w+\\.)?${table}["\`]?(\\s|\\(|$)`, 'i');
const sameName = (a: string, table: string) => {
  const x = a.toLowerCase();
  const t = table.toLowerCase().replace(/^.*\./, '');
  return x === t || `${x}s` === t || x === `${t}s`;
};

/** The first argument of the call `callee` in a snippet, when it is a plain name (`db.insert(users)` → `users`). */
function firstArgument(snippet: string, callee: string): string | null {
  const sf = ts.createSourceFile('snippet.ts', snippet, ts.ScriptTarget.Latest, false);
  let found: string | null = null;
  const visit = (n: ts.Node): void => {
    if (found === null && ts.isCallExpression(n) && n.expression.getText(sf) === callee) {
      const a = n.arguments[0];
      found = a && ts.isIdentifier(a) ? a.text : '';
    }
    if (found === null) ts.forEachChild(n, visit);
  };
  visit(sf);
  return found || null;
}

/** Where the code writes to `table`: SQL text naming it, or an ORM write on a model or table of that name. */
function writeSite(ctx: RepoRuleContext, table: string): { path: string; line: number; snippet: string; by: string } | null {
  const sql = WRITE_SQL(table.replace(/^.*\./, ''));
  for (const s of ctx.facts(dataAccessFacts)) {
    if (s.kind === 'client') continue;
    if (sql.test(s.snippet)) return { path: s.path, line: s.line, snippet: s.snippet, by: 'SQL text' };
    const target = ormWriteTarget(s.library, s.callee, firstArgument(s.snippet, s.callee));
    if (target && sameName(target, table)) return { path: s.path, line: s.line, snippet: s.snippet, by: `the ${s.library} write on ${target} (knowledge/orm-writes)` };
  }
  return null;
}

export default defineRepoRule({
  id: 'migrations/locking-table-in-use',
  meta: {
    category: 'migrations',
    severity: 'high',
    title: 'A pending migration locks a table the service writes to',
    rationale: 'The migration blocks writes to a table that already holds the production data for as long as it scans or rebuilds it; the service\'s writes queue behind the lock and time out. How long is a matter of the table\'s size, which no static check can know.',
    remediation: { text: 'Rewrite the statement in its non-blocking form (CREATE INDEX CONCURRENTLY, constraints added NOT VALID then validated, a new column backfilled in batches), or apply it in a maintenance window after measuring the table.', effort: 'medium' },
    messages: {
      locks: '{{violation}}: this pending migration takes {{lock}} on {{table}}, created by {{created}} and written by the service ({{writer}}); the table\'s size, and so how long writes wait, is unknowable statically',
    },
  },
  check(ctx) {
    const sets = setsOf(ctx, (s) => s.dialect === 'postgresql' && s.format === 'sql');
    if (sets.length === 0) return ctx.notApplicable('no Postgres SQL migration set');
    let judged = 0;
    for (const set of sets) {
      const probe = ctx.probes.find((p) => p.kind === 'squawk' && p.figures.set === set.path);
      if (!probe || probe.status !== 'ran') {
        ctx.unknown(`squawk did not run on ${set.path}: ${probe?.reason ?? 'no squawk result'}`, set.package);
        continue;
      }
      for (const v of (probe.figures.violations ?? []) as SquawkViolation[]) {
        const op = lockingOperation(v.rule);
        if (!op || ctx.layout.roles.migrationState(v.path) !== 'pending') continue;
        judged++;
        const stmt = statementAt(ctx, v.path, v.line);
        const table = stmt ? targetTable(stmt) : null;
        const created = table ? createdBefore(ctx, set, v.path, table) : null;
        const writer = table && created ? writeSite(ctx, table) : null;
        if (!table || !created || !writer) continue;
        ctx.report({
          messageId: 'locks',
          data: { violation: v.message, lock: op.lock, table, created, writer: `${writer.path}:${writer.line}, by ${writer.by}` },
          location: { path: v.path, line: v.line, column: v.column },
          package: set.package,
          evidence: [
            { kind: 'file', path: writer.path, line: writer.line, snippet: writer.snippet },
            { kind: 'command', command: probe.command, exitCode: probe.exitCode, durationMs: probe.durationMs, excerpt: `${v.path}:${v.line}:${v.column} ${v.rule}: ${v.message}` },
          ],
        });
      }
    }
    ctx.pass(`${judged} locking statement(s) in pending migrations judged`);
  },
});
