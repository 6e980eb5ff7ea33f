import type { DiscoveredPackage } from '../../discover/index.js';
import { commandsOf, D1_MIGRATIONS_APPLY, d1MigrationsApply, type D1Target } from '../../knowledge/index.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { lockedVersionOf } from '../shared/lockfiles.js';
import { setsOf } from '../shared/migrations.js';
import { minVersion, satisfies } from '../shared/semver.js';
import { scriptLine } from '../shared/start-commands.js';
import { workflowsOf } from '../shared/workflows.js';

interface Apply { path: string; line: number; text: string; target: D1Target | 'unknown'; why: string }

const SINCE = D1_MIGRATIONS_APPLY.localByDefaultSince;
/** Versions a range is tried with to see whether it admits one that defaults to local. */
const LOCAL_DEFAULT_VERSIONS = [SINCE, '3.50.0', '3.99.0', '4.0.0', '4.50.0', '5.0.0'];

/** Which database an apply without `--local`/`--remote` writes to, from the wrangler version it runs with. */
function defaultTarget(ctx: RepoRuleContext, pkg: DiscoveredPackage | null, pinned: string | null): { target: D1Target | 'unknown'; why: string } {
  const byVersion = (v: string, from: string) => (satisfies(v, `>=${SINCE}`)
    ? { target: 'local' as const, why: `no flag: wrangler ${v} (${from}) applies to the local database by default since ${SINCE}` }
    : { target: 'remote' as const, why: `no flag: wrangler ${v} (${from}) applies to the remote database by default before ${SINCE}` });
  if (pinned) return byVersion(pinned, 'pinned in the command');
  const owner = pkg ?? ctx.layout.packages.find((p) => p.path === '.') ?? null;
  const range = owner ? owner.devDependencies.wrangler ?? owner.dependencies.wrangler : undefined;
  if (owner && range !== undefined) {
    const locked = lockedVersionOf(ctx, owner, 'wrangler');
    if (locked) return byVersion(locked, 'locked');
    const min = minVersion(range);
    if (min && satisfies(min, `>=${SINCE}`)) return { target: 'local', why: `no flag: wrangler "${range}" applies to the local database by default (since ${SINCE})` };
    if (min && LOCAL_DEFAULT_VERSIONS.every((v) => satisfies(v, range) === false)) return { target: 'remote', why: `no flag: wrangler "${range}" applies to the remote database by default (before ${SINCE})` };
    return { target: 'unknown', why: `no flag: wrangler "${range}" admits versions before and after ${SINCE}, when the default changed from remote to local, and no lockfile says which is installed` };
  }
  return { target: 'local', why: `no flag: wrangler is not a dependency, so npx runs the latest, which applies to the local database by default (since ${SINCE})` };
}

/** Each `wrangler d1 migrations apply` of a command line, with the database it writes to. */
function appliesIn(ctx: RepoRuleContext, line: string, where: { path: string; line: number }, pkg: DiscoveredPackage | null, out: Apply[]): void {
  for (const words of commandsOf(line)) {
    const apply = d1MigrationsApply(words);
    if (!apply) continue;
    const d = apply.flag ? { target: apply.flag, why: `--${apply.flag}` } : defaultTarget(ctx, pkg, apply.version);
    out.push({ ...where, text: words.join(' '), target: d.target, why: d.why });
  }
}

/** Every apply in package scripts, CI workflow steps (wrangler-action's `command` too) and shell scripts. */
function appliesOf(ctx: RepoRuleContext): Apply[] {
  const out: Apply[] = [];
  for (const pkg of ctx.layout.packages) {
    if (!pkg.manifestPath) continue;
    const manifest = ctx.documents.get(pkg.manifestPath) ?? '';
    for (const [name, text] of Object.entries(pkg.scripts)) appliesIn(ctx, text, { path: pkg.manifestPath, line: scriptLine(manifest, name) }, pkg, out);
  }
  for (const wf of workflowsOf(ctx)) {
    for (const step of wf.jobs.flatMap((j) => j.steps)) {
      for (const l of (step.run ?? '').split('\n')) appliesIn(ctx, l, { path: wf.path, line: step.line }, null, out);
      // cloudflare/wrangler-action runs `wrangler <command>` for each line of its command inputs.
      for (const key of ['command', 'preCommands', 'postCommands']) {
        for (const l of (step.with[key] ?? '').split('\n')) if (l.trim()) appliesIn(ctx, /^\s*(npx\s+)?wrangler\b/.test(l) ? l : `wrangler ${l}`, { path: wf.path, line: step.line }, null, out);
      }
    }
  }
  for (const [path, text] of ctx.documents) {
    if (!path.endsWith('.sh')) continue;
    text.split('\n').forEach((l, i) => {
      if (!l.trim().startsWith('#')) appliesIn(ctx, l, { path, line: i + 1 }, null, out);
    });
  }
  return out;
}

export default defineRepoRule({
  id: 'migrations/d1-applied-only-locally',
  meta: {
    category: 'migrations',
    severity: 'medium',
    title: 'D1 migrations are applied only to the local database',
    rationale: 'Every `wrangler d1 migrations apply` in the repository writes to the local simulator (`--local`, or the default from wrangler 3.33.0 on); none applies the migrations to the remote D1 database the deployed worker binds, so production\'s schema is changed by hand, or not at all, and nothing in the repository says which migrations it has.',
    remediation: { text: 'Add a script or deploy step that runs `wrangler d1 migrations apply <db> --remote` before `wrangler deploy` (in CI with the API token), so production gets each migration the code needs.', effort: 'low' },
    messages: {
      localOnly: '`{{command}}` applies {{set}} to the local database only ({{why}}); no script, workflow or shell script applies them with --remote: the production D1 schema is not managed by the repository',
    },
  },
  check(ctx) {
    const sets = setsOf(ctx, (s) => s.runner === 'wrangler-d1');
    if (sets.length === 0) return ctx.notApplicable('no D1 migrations set (wrangler d1_databases with migrations)');
    const applies = appliesOf(ctx);
    if (applies.length === 0) return ctx.notApplicable('no `wrangler d1 migrations apply` in package scripts, CI workflows or shell scripts');
    const remote = applies.find((a) => a.target === 'remote');
    if (remote) return ctx.pass(`D1 migrations are applied to the remote database: ${remote.path}:${remote.line} (${remote.why})`);
    const unknown = applies.find((a) => a.target === 'unknown');
    if (unknown) return ctx.unknown(`${unknown.path}:${unknown.line}: \`${unknown.text}\`: ${unknown.why}`);
    const first = applies[0];
    ctx.report({
      messageId: 'localOnly',
      data: { command: first.text, set: sets.map((s) => s.path).join(', '), why: first.why },
      location: { path: first.path, line: first.line },
      evidence: applies.map((a) => ({ kind: 'file' as const, path: a.path, line: a.line, snippet: `${a.text} (${a.why})` })),
    });
  },
});
