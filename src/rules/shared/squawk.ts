// One verdict rule per squawk rule: `migrations/squawk-<rule>` reports squawk's violations of that
// rule at file:line. Severity mapping (documented in docs/rules/migrations/squawk-*.md): locks that
// block reads and writes or make a deploy fail are high; locks that block writes only are medium.
import type { SquawkViolation } from '../../probes/migrations/squawk.js';
import { defineRepoRule, type RepoRule, type RuleMeta } from '../api.js';
import { createdEarlierInFile, declareByPackage, plural, setsOf, statementAt, targetTable } from './migrations.js';

export interface SquawkRuleSpec extends Omit<RuleMeta, 'category' | 'messages'> {
  /** squawk's rule name. */
  rule: string;
  /** The rule's templates: squawk's text is `{{violation}}`, the statement's table `{{table}}`. */
  messages: Record<string, string>;
  /** The id a finding reports when the statement names no table (data: violation). */
  messageId: string;
  /** The id a finding reports when it does (data: violation, table). */
  messageIdOnTable: string;
  /** Other squawk rules that, at the same line, already say this (keeps one finding per problem). */
  supersededBy?: string[];
}

export function defineSquawkRule(spec: SquawkRuleSpec): RepoRule {
  const { rule, supersededBy = [], messageId, messageIdOnTable, ...meta } = spec;
  // A wrong id would only show at the first violation, as an error outcome: fail when the rule is defined.
  for (const id of [messageId, messageIdOnTable]) {
    if (!(id in meta.messages)) throw new Error(`migrations/squawk-${rule}: message id "${id}" is not in its messages (${Object.keys(meta.messages).join(', ')})`);
  }
  return defineRepoRule({
    id: `migrations/squawk-${rule}`,
    meta: { category: 'migrations', ...meta },
    check(ctx) {
      const sets = setsOf(ctx, (s) => s.dialect === 'postgresql' && s.format === 'sql');
      if (sets.length === 0) return ctx.notApplicable('no Postgres SQL migration set');
      const unknowns = new Map<string | null, string>();
      for (const set of sets) {
        const probe = ctx.probes.find((p) => p.kind === 'squawk' && p.figures.set === set.path);
        if (!probe || probe.status !== 'ran') {
          unknowns.set(set.package, `squawk did not run on ${set.path}: ${probe?.reason ?? 'no squawk result'}`);
          continue;
        }
        const all = (probe.figures.violations ?? []) as SquawkViolation[];
        for (const v of all) {
          if (v.rule !== rule) continue;
          if (all.some((o) => o.path === v.path && o.line === v.line && supersededBy.includes(o.rule))) continue;
          const stmt = statementAt(ctx, v.path, v.line);
          const table = stmt ? targetTable(stmt) : null;
          if (table && createdEarlierInFile(ctx, v.path, stmt!.line, table)) continue;
          ctx.report({
            ...(table ? { messageId: messageIdOnTable, data: { violation: v.message, table } } : { messageId, data: { violation: v.message } }),
            location: { path: v.path, line: v.line, column: v.column },
            evidence: [{ kind: 'command', command: probe.command, exitCode: probe.exitCode, durationMs: probe.durationMs, excerpt: `${v.path}:${v.line}:${v.column} ${rule}: ${v.message}${v.help ? ` (${v.help})` : ''}` }],
          });
        }
      }
      declareByPackage(ctx, sets, (list) => `squawk checked ${plural(list.reduce((n, s) => n + s.files.length, 0), 'migration file')} for ${rule}`, unknowns);
    },
  });
}
