import { posix } from 'node:path';
import { migrationApplierIn } from '../../knowledge/index.js';
import type { DiscoveredPackage } from '../../discover/index.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { composeFilesOf, type ComposeFile, type ComposeService } from '../shared/compose.js';
import { binaries } from '../shared/migration-appliers.js';
import { finalImageOf, finalInstructions } from '../shared/production-image.js';
import { commandLine, followScripts, type StartStep } from '../shared/start-commands.js';

interface Applies { runner: string; step: StartStep; applier: string; longRunning: boolean }

function packageIn(ctx: RepoRuleContext, dir: string): DiscoveredPackage | null {
  const pkgs = ctx.layout.packages.filter((p) => p.manifestPath !== null);
  return pkgs.find((p) => p.path === dir) ?? pkgs.find((p) => p.path === '.') ?? null;
}

/** What a service runs at start, as command lines with where each is declared: its compose command/entrypoint, else its image's. */
function startLines(ctx: RepoRuleContext, file: ComposeFile, s: ComposeService): { lines: Array<{ text: string; step: StartStep }>; context: string } {
  const dir = posix.dirname(file.path);
  const context = s.build ? posix.normalize(posix.join(dir, s.build.context)).replace(/\/$/, '') : dir;
  const lines: Array<{ text: string; step: StartStep }> = [];
  let entry = s.entrypoint ? { text: s.entrypoint.value, step: { path: file.path, line: s.entrypoint.line, text: `entrypoint: ${s.entrypoint.value}` } } : null;
  let cmd = s.command ? { text: s.command.value, step: { path: file.path, line: s.command.line, text: `command: ${s.command.value}` } } : null;
  if (s.build && (!entry || !cmd)) {
    const path = posix.normalize(posix.join(context, s.build.dockerfile ?? 'Dockerfile'));
    const image = finalImageOf(ctx.documents.get(path) ?? '');
    const ins = image ? finalInstructions(image) : [];
    const last = (k: string) => [...ins].reverse().find((i) => i.keyword === k);
    const e = last('ENTRYPOINT');
    const c = last('CMD');
    entry ??= e ? { text: commandLine(e), step: { path, line: e.line, text: `ENTRYPOINT ${e.args}` } } : null;
    // A compose `entrypoint:` resets the image's CMD.
    if (!cmd && !s.entrypoint && c) cmd = { text: commandLine(c), step: { path, line: c.line, text: `CMD ${c.args}` } };
  }
  if (entry) lines.push(entry);
  if (cmd) lines.push(cmd);
  return { lines, context };
}

/** The migrations a service applies at start, and whether it keeps running afterwards (a server) or exits (a one-shot job). */
function appliesAtStart(ctx: RepoRuleContext, file: ComposeFile, s: ComposeService): Applies | null {
  const { lines, context } = startLines(ctx, file, s);
  if (lines.length === 0) return null;
  const pkg = packageIn(ctx, context === '' ? '.' : context);
  const manifest = pkg?.manifestPath ? (ctx.documents.get(pkg.manifestPath) ?? null) : null;
  const commands: Array<{ words: string[]; chain: StartStep[] }> = [];
  for (const l of lines) {
    for (const r of followScripts(l.text, pkg, manifest, [l.step])) {
      // An entrypoint script: the commands it runs, in order.
      const script = r.words.find((w) => /\.sh$/.test(w));
      const doc = script ? [...ctx.documents.keys()].find((p) => posix.basename(p) === posix.basename(script) && (context === '.' || p.startsWith(`${context}/`))) : undefined;
      if (doc && r.words.indexOf(script!) <= 1) {
        ctx.documents.get(doc)!.split('\n').forEach((text, i) => {
          if (/^\s*(#|$)/.test(text)) return;
          for (const x of followScripts(text, pkg, manifest, [...r.chain, { path: doc, line: i + 1, text: text.trim() }])) commands.push(x);
        });
      } else commands.push(r);
    }
  }
  const at = commands.findIndex((c) => migrationApplierIn(binaries(c.words)) !== null);
  if (at < 0) return null;
  const c = commands[at];
  const applier = migrationApplierIn(binaries(c.words))!;
  // Something after the applier (the server, `exec "$@"` with a CMD) keeps the container running.
  const after = commands.slice(at + 1).filter((x) => !/^(exit|echo|set|true)$/.test(x.words[0] ?? ''));
  return { runner: applier.runner, step: c.chain[c.chain.length - 1], applier: c.words.join(' '), longRunning: after.length > 0 };
}

export default defineRepoRule({
  id: 'migrations/applied-by-several-services',
  meta: {
    category: 'migrations',
    severity: 'medium',
    title: 'Several long-running services apply the migrations at start',
    rationale: 'When two services (an API and a worker built from the same image, or replicas of one) each apply migrations as they start, every deploy starts them together: they race on the same migrations, and depending on the runner\'s locking one fails its start, or a migration runs twice.',
    remediation: { text: 'Apply migrations once per deploy: a one-shot `migrate` service the others wait for (`depends_on: { migrate: { condition: service_completed_successfully } }`), or a release step; start the long-running services without the migrate command.', effort: 'low' },
    messages: {
      several: 'Services {{services}} of {{file}} ({{purpose}}) each apply the {{runner}} migrations at start ({{where}}): they race on every deploy',
      replicas: 'Service "{{service}}" of {{file}} ({{purpose}}) runs {{count}} replicas, each applying the {{runner}} migrations at start ({{where}}): they race on every deploy',
    },
  },
  check(ctx) {
    const files = composeFilesOf(ctx).filter((f) => f.purpose !== 'development');
    if (files.length === 0) return ctx.notApplicable('no compose file outside development');
    const notes: string[] = [];
    for (const file of files) {
      const purpose = file.purpose === 'production' ? `production: ${file.why}` : `not known to be production: ${file.why}`;
      const severity = file.purpose === 'production' ? 'medium' as const : 'low' as const;
      const applying = file.services.map((s) => ({ s, a: appliesAtStart(ctx, file, s) })).filter((x): x is { s: ComposeService; a: Applies } => x.a !== null);
      // A one-shot service that the others wait for, or that exits after migrating, is the safe shape.
      const racing = applying.filter((x) => x.a.longRunning && x.s.restart?.value !== 'no');
      const byRunner = new Map<string, typeof racing>();
      for (const x of racing) byRunner.set(x.a.runner, [...(byRunner.get(x.a.runner) ?? []), x]);
      for (const [runner, group] of byRunner) {
        const where = group.map((x) => `"${x.s.name}": \`${x.a.applier}\` at ${x.a.step.path}:${x.a.step.line}`).join('; ');
        const evidence = group.map((x) => ({ kind: 'file' as const, path: x.a.step.path, line: x.a.step.line, snippet: x.a.step.text }));
        if (group.length >= 2) {
          const last = group[group.length - 1].s;
          ctx.report({ messageId: 'several', data: { services: group.map((x) => `"${x.s.name}"`).join(', '), file: file.path, purpose, runner, where }, severity, location: { path: file.path, line: last.line, snippet: `${last.name}:` }, evidence });
        } else if ((group[0].s.replicas ?? 1) >= 2) {
          const s = group[0].s;
          ctx.report({ messageId: 'replicas', data: { service: s.name, file: file.path, purpose, count: s.replicas!, runner, where }, severity, location: { path: file.path, line: s.line, snippet: `${s.name}:` }, evidence });
        } else notes.push(`${file.path}: only "${group[0].s.name}" applies ${runner} migrations at start`);
      }
      for (const x of applying.filter((y) => !racing.includes(y))) notes.push(`${file.path}: "${x.s.name}" applies ${x.a.runner} migrations and exits (one-shot)`);
    }
    ctx.pass(`${files.length} compose file(s) read${notes.length ? `: ${notes.join('; ')}` : ', no service applies migrations at start'}`);
  },
});
