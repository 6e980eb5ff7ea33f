import { posix } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { DiscoveredPackage } from '../../discover/index.js';
import { destructiveSchemaCommandIn } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { binaries, DEPLOY_SCRIPTS } from '../shared/migration-appliers.js';
import { followScripts, scriptLine, startCommandsOf, type StartStep } from '../shared/start-commands.js';

import type { FileRole } from '../../util/roles.js';

/** Roles of files whose commands a deploy never runs. */
const NOT_DEPLOYED = new Set<FileRole>(['example', 'test', 'mock', 'template', 'archived', 'vendored', 'generated']);

export default defineRepoRule({
  id: 'migrations/destructive-schema-command-at-deploy',
  meta: {
    category: 'migrations',
    severity: 'high',
    title: 'A deploy runs a development schema command that drops or resets data, or seeds it',
    rationale: '`prisma migrate reset`, `prisma migrate dev`, `prisma db push --accept-data-loss`, `drizzle-kit push --force`, `sequelize db:drop` and `typeorm schema:drop` are made for a developer\'s own database: they drop tables or the whole database, or approve data-losing changes without asking. Seed commands insert demo records and default accounts. In a build, start or release command (an entrypoint script included) they do it to production on every deploy.',
    remediation: { text: 'Apply reviewed migrations in the deploy (`prisma migrate deploy`, `drizzle-kit migrate`, `sequelize-cli db:migrate`, `typeorm migration:run`); keep reset, drop, forced push and seeding in scripts a developer runs by hand.', effort: 'low' },
    messages: {
      destructive: '`{{command}}` {{what}}, and {{via}} runs it on every deploy ({{chain}})',
      wipes: '`{{command}}` {{what}}, and {{via}} runs it on every deploy ({{chain}}): the production data is gone each time',
      seeds: '`{{command}}` {{what}}, and {{via}} runs it on every deploy ({{chain}}): seed data in production',
    },
  },
  check(ctx) {
    const runs: Array<{ via: string; words: string[]; chain: StartStep[] }> = [];
    // A command inside a branch of an entrypoint script (`if [ "$SEED" = true ]`) runs only when set: not judged.
    const starts = startCommandsOf(ctx);
    for (const c of starts) if (!c.conditional) runs.push({ via: c.via, words: c.words, chain: c.chain });
    const unread = [...new Set(starts.flatMap((c) => (c.unread ? [c.unread] : [])))];
    const manifests: DiscoveredPackage[] = ctx.layout.packages.filter((p) => p.manifestPath !== null && !NOT_DEPLOYED.has(ctx.layout.roles.of(p.manifestPath)));
    for (const pkg of manifests) {
      const text = ctx.documents.get(pkg.manifestPath!) ?? null;
      for (const name of DEPLOY_SCRIPTS) {
        const body = pkg.scripts[name];
        if (body === undefined) continue;
        const step = { path: pkg.manifestPath!, line: text ? scriptLine(text, name) : 1, text: `"${name}": "${body}"` };
        for (const r of followScripts(body, pkg, text, [step], new Set([name]))) runs.push({ via: `the "${name}" script (${pkg.manifestPath}), which the platform runs`, ...r });
      }
    }
    // A Procfile's release process and fly.toml's release_command run once per deploy, before the new release starts.
    for (const [path, text] of ctx.documents) {
      if (posix.basename(path) === 'fly.toml' && !NOT_DEPLOYED.has(ctx.layout.roles.of(path))) {
        let release: unknown;
        try { release = (parseToml(text) as { deploy?: { release_command?: unknown } }).deploy?.release_command; } catch { release = undefined; }
        if (typeof release !== 'string') continue;
        const dir = posix.dirname(path);
        const pkg = manifests.find((p) => p.path === dir) ?? manifests.find((p) => p.path === '.') ?? null;
        const line = text.split('\n').findIndex((l) => /^\s*release_command\s*=/.test(l)) + 1 || 1;
        const manifest = pkg?.manifestPath ? (ctx.documents.get(pkg.manifestPath) ?? null) : null;
        for (const r of followScripts(release, pkg, manifest, [{ path, line, text: `release_command = "${release}"` }])) runs.push({ via: `fly.toml's release_command (${path})`, ...r });
        continue;
      }
      if (posix.basename(path) !== 'Procfile' || NOT_DEPLOYED.has(ctx.layout.roles.of(path))) continue;
      const dir = posix.dirname(path);
      const pkg = manifests.find((p) => p.path === dir) ?? manifests.find((p) => p.path === '.') ?? null;
      text.split('\n').forEach((l, i) => {
        const m = /^release:\s*(.+)$/.exec(l.trim());
        if (!m) return;
        const manifest = pkg?.manifestPath ? (ctx.documents.get(pkg.manifestPath) ?? null) : null;
        for (const r of followScripts(m[1], pkg, manifest, [{ path, line: i + 1, text: l.trim() }])) runs.push({ via: `the Procfile release process (${path})`, ...r });
      });
    }
    if (runs.length === 0) return ctx.notApplicable('no deploy command, start command or platform-run package script found');
    const seen = new Set<string>();
    for (const r of runs) {
      const c = destructiveSchemaCommandIn(binaries(r.words));
      if (!c) continue;
      const at = r.chain[r.chain.length - 1];
      const key = `${at.path}:${at.line}:${r.words.join(' ')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        messageId: c.wipes ? 'wipes' : c.seeds ? 'seeds' : 'destructive',
        ...(c.wipes ? { severity: 'critical' as const } : {}),
        data: { command: r.words.join(' '), what: c.what, via: r.via, chain: r.chain.map((s) => `${s.path}:${s.line}`).join(' → ') },
        location: { path: at.path, line: at.line },
        package: ctx.packageOf(at.path),
      });
    }
    // A script the image runs that is not in the repository (a base image's `docker-entrypoint.sh`): its commands are not known.
    const notRead = unread.length > 0 ? `; not read (not in the repository): ${unread.join(', ')}` : '';
    ctx.pass(`${runs.length} deploy and start command(s) checked for development schema commands (reset, drop, forced push, seed)${notRead}`);
  },
});
