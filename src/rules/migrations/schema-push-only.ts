import { schemaToolUses, type SchemaTool } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';

export default defineRepoRule({
  id: 'migrations/schema-push-only',
  meta: {
    category: 'migrations',
    severity: 'medium',
    title: 'Schema changes are pushed, never written as migrations',
    rationale: 'A schema push applies the ORM schema straight to the database: no migration file, no history, nothing to review or roll back, and a column the schema loses is dropped with its data. Where no script writes migrations and no migration folder exists, every production schema change goes that way.',
    remediation: { text: 'Generate migration files (`drizzle-kit generate`), commit and review them, and apply them with `drizzle-kit migrate` (or the app\'s migrator) in the deploy; keep push for local prototyping.', effort: 'medium' },
    messages: {
      pushOnly: 'The "{{script}}" script runs `{{command}}` and no script or folder keeps migrations for {{bin}}: schema changes reach the database with no history and no review',
    },
  },
  check(ctx) {
    const pushes: Array<{ tool: SchemaTool; script: string; command: string; manifest: string }> = [];
    const migrating = new Set<string>();
    for (const pkg of ctx.layout.packages) {
      for (const [script, command] of Object.entries(pkg.scripts ?? {})) {
        for (const use of schemaToolUses(command)) {
          if (use.workflow === 'migrate') migrating.add(use.tool.bin);
          else if (pkg.manifestPath) pushes.push({ tool: use.tool, script, command, manifest: pkg.manifestPath });
        }
      }
    }
    if (pushes.length === 0) return ctx.notApplicable('no package script pushes a schema');
    for (const set of ctx.migrations.sets) for (const p of pushes) if (set.runner === p.tool.runner) migrating.add(p.tool.bin);
    for (const p of pushes) {
      if (migrating.has(p.tool.bin)) continue;
      const text = ctx.documents.get(p.manifest) ?? '';
      const key = JSON.stringify(p.script);
      const index = text.split('\n').findIndex((l) => l.trimStart().startsWith(`${key}:`) || l.trimStart().startsWith(`${key} :`));
      ctx.report({
        messageId: 'pushOnly',
        data: { script: p.script, command: p.command, bin: p.tool.bin },
        location: { path: p.manifest, line: index >= 0 ? index + 1 : 1 },
        package: ctx.packageOf(p.manifest),
      });
      migrating.add(p.tool.bin); // one finding per tool: the other push scripts say the same
    }
    ctx.pass(`${pushes.length} schema push script(s); migrations kept for: ${[...migrating].join(', ') || 'none'}`);
  },
});
