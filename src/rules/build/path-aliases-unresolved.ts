import { posix } from 'node:path';
import { symbolFacts } from '../../collect/facts/symbols.js';
import { importsOf, moduleFacts } from '../../collect/facts/modules.js';
import type { DiscoveredPackage } from '../../discover/index.js';
import { buildAliasResolverIn, bundlingFrameworkOf, codeAliasResolverOf, runtimeAliasResolverIn } from '../../knowledge/index.js';
import { readTsconfigs, type ResolvedTsconfig } from '../../link/tsconfig.js';
import type { Evidence } from '../../model/run.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { DOCKERFILE, instructionsOf } from '../shared/dockerfiles.js';
import { isDeployable, isLongRunningNodeService, isWorker } from '../shared/packages.js';
import { followScripts, scriptLine, startCommandsOf, type StartCommand } from '../shared/start-commands.js';

interface AliasUse { path: string; line: number; spec: string; pattern: string; config: string }

const RUNNERS = new Set(['npx', 'exec', 'env', 'cross-env', 'dotenv', 'env-cmd', '--']);

/** The words from the binary on, past environment assignments and runners. */
function fromBinary(words: readonly string[]): readonly string[] {
  let i = 0;
  while (i < words.length && (/^[A-Za-z_]\w*=/.test(words[i]) || RUNNERS.has(words[i]))) i++;
  return words.slice(i);
}

const matches = (pattern: string, spec: string) => {
  const star = pattern.indexOf('*');
  return star < 0 ? pattern === spec : spec.length >= pattern.length - 1 && spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1));
};

/** The tsconfig that governs a file: the nearest `tsconfig.json` in its folder or above. */
function governing(configs: ReadonlyMap<string, ResolvedTsconfig>, file: string): ResolvedTsconfig | null {
  for (let d = posix.dirname(file); ; d = posix.dirname(d)) {
    const c = configs.get(d === '.' ? 'tsconfig.json' : `${d}/tsconfig.json`);
    if (c) return c;
    if (d === '.' || d === '/' || d === '') return null;
  }
}

/** Imports of release code that go through a `paths` alias and stay in the compiled output (value uses, side effects, re-exports). */
function aliasUses(ctx: RepoRuleContext): AliasUse[] {
  return ctx.memo('path-alias-uses', () => {
    const workspaces = new Map(ctx.layout.packages.filter((p) => p.name).map((p) => [p.name, p.path]));
    const { configs } = readTsconfigs(ctx.layout.tsconfigs.map((t) => t.path), { read: (p) => ctx.documents.get(p), exists: (p) => ctx.documents.has(p), workspaces });
    if (![...configs.values()].some((c) => c.paths && Object.keys(c.paths).length > 0)) return [];
    const runtime: Array<{ path: string; spec: string; line: number }> = [];
    for (const f of ctx.facts(symbolFacts)) {
      if (f.type === 'import' && (f.valueRefs > 0 || f.injected)) runtime.push({ path: f.path, spec: f.spec, line: f.line });
    }
    // Side-effect imports and re-exports stay in the output whatever their names are.
    for (const i of importsOf(ctx.facts(moduleFacts))) if (i.reexport || i.names.length === 0) runtime.push({ path: i.path, spec: i.spec, line: i.line });
    const out: AliasUse[] = [];
    for (const r of runtime) {
      if (r.spec.startsWith('.') || r.spec.startsWith('/') || ctx.layout.roles.of(r.path) !== 'service') continue;
      if (workspaces.has(r.spec.split('/').slice(0, r.spec.startsWith('@') ? 2 : 1).join('/'))) continue;
      const cfg = governing(configs, r.path);
      const pattern = Object.keys(cfg?.paths ?? {}).find((k) => k !== '*' && matches(k, r.spec));
      if (!cfg || !pattern || ctx.link.resolution(r.path, r.spec).kind !== 'file') continue;
      out.push({ ...r, pattern, config: cfg.path });
    }
    return out.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  });
}

/** The build's commands: the package's build scripts and the release Dockerfile's RUN lines, followed through scripts. */
function buildCommands(ctx: RepoRuleContext, pkg: DiscoveredPackage, start: StartCommand): Array<{ words: string[]; at: Evidence }> {
  const manifest = pkg.manifestPath ? (ctx.documents.get(pkg.manifestPath) ?? null) : null;
  const out: Array<{ words: string[]; at: Evidence }> = [];
  const add = (line: string, at: { path: string; line: number; text: string }) => {
    for (const r of followScripts(line, pkg, manifest, [at])) {
      const last = r.chain[r.chain.length - 1];
      out.push({ words: r.words, at: { kind: 'file', path: last.path, line: last.line, snippet: last.text } });
    }
  };
  for (const name of ['prebuild', 'build', 'postbuild']) {
    const text = pkg.scripts[name];
    if (text !== undefined && pkg.manifestPath) add(text, { path: pkg.manifestPath, line: manifest ? scriptLine(manifest, name) : 1, text: `"${name}": "${text}"` });
  }
  const image = start.chain[0].path;
  if (DOCKERFILE.test(image)) {
    for (const ins of instructionsOf(ctx.documents.get(image) ?? '')) if (ins.keyword === 'RUN') add(ins.args, { path: image, line: ins.line, text: `RUN ${ins.args}` });
  }
  return out;
}

export default defineRepoRule({
  id: 'build/path-aliases-unresolved',
  meta: {
    category: 'build',
    severity: 'high',
    title: 'tsconfig path aliases reach the compiled output, and nothing resolves them at run time',
    rationale: '`tsc` leaves `paths` aliases (`@/lib/db`) in its output as written; `node dist/main.js` then fails on the first aliased import with MODULE_NOT_FOUND and the service never starts, unless a build step rewrites or bundles the output or the runtime is taught the aliases.',
    remediation: { text: 'Rewrite the aliases after compiling (`tsc && tsc-alias`), bundle (tsup, esbuild), start with `node -r tsconfig-paths/register dist/main.js`, or use package.json `imports` (`#lib/*`) which Node resolves itself.', effort: 'low' },
    messages: {
      aliasUnresolved: '{{path}}:{{line}} imports "{{spec}}" through the `paths` alias "{{pattern}}" of {{config}}; the build is plain tsc ({{build}}) and {{via}} starts `{{start}}` with no alias resolver: the service fails at start with MODULE_NOT_FOUND ({{count}} aliased import(s) in release code)',
    },
  },
  check(ctx) {
    const uses = aliasUses(ctx);
    if (uses.length === 0) return ctx.notApplicable('no release code imports through a tsconfig `paths` alias');
    const starts = startCommandsOf(ctx);
    const unknowns: string[] = [];
    let judged = 0;
    for (const pkg of ctx.layout.packages) {
      const mine = uses.filter((u) => ctx.packageOf(u.path) === pkg.name);
      if (mine.length === 0 || !isDeployable(pkg, ctx.layout) || isWorker(pkg, ctx.layout)) continue;
      // A framework that bundles the server resolves the aliases in its own build.
      if (bundlingFrameworkOf({ ...pkg.dependencies, ...pkg.devDependencies })) { judged++; continue; }
      const codeResolver = importsOf(ctx.facts(moduleFacts)).find((i) => ctx.packageOf(i.path) === pkg.name && codeAliasResolverOf(i.spec) !== null && ctx.layout.roles.of(i.path) === 'service');
      if (codeResolver) { judged++; continue; }
      const own = starts.filter((s) => s.pkg === pkg);
      if (own.length === 0 && !isLongRunningNodeService(pkg, ctx.layout)) continue;
      if (own.length === 0) { unknowns.push(`${pkg.name}: ${mine.length} aliased import(s), no production start command found`); continue; }
      for (const s of own) {
        if (s.unread) { unknowns.push(`${pkg.name}: ${s.via} runs ${s.unread}, not read`); continue; }
        const words = fromBinary(s.words);
        if (!['node', 'nodejs'].includes(posix.basename(words[0] ?? '')) || runtimeAliasResolverIn(words)) { judged++; continue; }
        const script = words.slice(1).find((w) => !w.startsWith('-'));
        if (!script || /\.[cm]?tsx?$/.test(script)) { judged++; continue; }
        const build = buildCommands(ctx, pkg, s);
        if (build.some((b) => buildAliasResolverIn(b.words))) { judged++; continue; }
        const tsc = build.find((b) => posix.basename(fromBinary(b.words)[0] ?? '') === 'tsc' && !b.words.includes('--noEmit'));
        if (!tsc) { unknowns.push(`${pkg.name}: how ${script} is built was not read (no tsc, bundler or alias rewriter in the build script or the image)`); continue; }
        judged++;
        const first = mine[0];
        const step = s.chain[s.chain.length - 1];
        const evidence: Evidence[] = [
          ...mine.slice(0, 5).map((u) => ({ kind: 'file' as const, path: u.path, line: u.line, snippet: `import "${u.spec}"` })),
          { kind: 'file', path: first.config, line: 1, snippet: `"paths": { "${first.pattern}": ... }` },
          tsc.at,
          ...s.chain.map((c) => ({ kind: 'file' as const, path: c.path, line: c.line, snippet: c.text })),
        ];
        ctx.report({
          messageId: 'aliasUnresolved',
          data: { path: first.path, line: first.line, spec: first.spec, pattern: first.pattern, config: first.config, build: tsc.at.kind === 'file' ? `${tsc.at.path}:${tsc.at.line}` : 'tsc', via: `${s.via} (${step.path}:${step.line})`, start: s.words.join(' '), count: mine.length },
          location: { path: first.path, line: first.line, snippet: `import "${first.spec}"` },
          package: pkg.name,
          evidence,
        });
        break;
      }
    }
    if (unknowns.length > 0) return ctx.unknown(unknowns.join('; '));
    ctx.pass(`${uses.length} aliased import(s) in release code; ${judged} start command(s) judged`);
  },
});
