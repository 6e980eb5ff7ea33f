// Where a repository applies its migrations: the commands of package scripts, CI steps, Dockerfiles,
// Procfiles, shell scripts and deploy configurations (fly.toml, render.yaml, railway, compose,
// Kubernetes manifests) that run a runner's applier (knowledge/migration-appliers.ts), and the code that
// applies them at start (recorded by database/schema-sync-at-startup). Also which deploy files there are
// at all: without any, whether a deploy applies migrations cannot be said.
import { posix } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { importsOf, moduleFacts } from '../../collect/facts/modules.js';
import { commandsOf, DRIZZLE_MIGRATOR, migrationApplierIn, schemaToolUses } from '../../knowledge/index.js';
import type { RepoRuleContext } from '../api.js';
import { COMPOSE_FILE } from './compose.js';
import { DOCKERFILE } from './dockerfiles.js';
import { scriptLine } from './start-commands.js';
import { workflowsOf } from './workflows.js';

export interface Where { path: string; line: number; text: string }

/** Package scripts a platform or the package manager runs on its own at build, release or start. */
export const DEPLOY_SCRIPTS: readonly string[] = ['start', 'prestart', 'poststart', 'start:prod', 'start:production', 'build', 'prebuild', 'postbuild', 'postinstall',
  'release', 'deploy', 'predeploy', 'postdeploy', 'vercel-build', 'heroku-postbuild', 'render-build'];

/** Deploy configurations whose string values are commands a platform runs (release, pre-deploy, start). */
const DEPLOY_CONFIG = /(^|\/)(fly\.toml|render\.ya?ml|railway\.(json|toml)|nixpacks\.toml|vercel\.json|app\.ya?ml|Procfile)$/;
/** Kubernetes and Helm manifests, by the folders they live in. */
const MANIFEST = /(^|\/)(k8s|kubernetes|deploy|deployment|deployments|helm|charts|manifests|infra)\/.*\.ya?ml$/;

/**
 * A command's words with what hides its binary removed: a runner's `-r <module>` preload
 * (`ts-node -r tsconfig-paths/register`) and a package's CLI run by path (`./node_modules/typeorm/cli.js` is typeorm).
 */
export function binaries(cmd: readonly string[]): string[] {
  const out: string[] = [];
  let cli = -1;
  for (let i = 0; i < cmd.length; i++) {
    if (cmd[i] === '-r' || cmd[i] === '--require') { i++; continue; }
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\//.exec(cmd[i]);
    if (m && cli < 0) cli = out.length;
    out.push(m ? m[1] : cmd[i]);
  }
  // `ts-node ./node_modules/typeorm/cli.js migration:run`: the package's CLI is the command.
  return cli > 0 && ['node', 'ts-node', 'tsx'].includes(posix.basename(out[cli - 1])) ? out.slice(cli) : out;
}

export interface ApplierScan {
  /** The first place each runner's migrations are applied. */
  appliers: Map<string, Where>;
  /** Schema pushes (`prisma db push`, `drizzle-kit push`) on the same paths: other rules judge them. */
  pushes: Map<string, Where>;
  /** The deploy files found (Dockerfiles, Procfiles, platform configs, compose files, manifests). */
  deployFiles: string[];
}

/** Every string of a parsed configuration; an array of strings as one command line. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) out.push((v as string[]).join(' '));
    else for (const x of v) strings(x, out);
  } else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle.split('\n')[0].trim().split(/\s+/)[0] ?? '');
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/**
 * The appliers on a repository's deploy paths. `everyScript`: every package script counts (where a
 * folder is applied at all); else only the scripts a platform runs itself and those a deploy command
 * runs (`npm run migrate`), followed through scripts.
 */
export function migrationAppliers(ctx: RepoRuleContext, everyScript: boolean): ApplierScan {
  const appliers = new Map<string, Where>();
  const pushes = new Map<string, Where>();
  const deployFiles: string[] = [];
  const wanted = new Set<string>(DEPLOY_SCRIPTS);
  /** Words of every command seen: a script or file a deploy command names. */
  const words: string[] = [];
  const scan = (line: string, at: Omit<Where, 'text'>): void => {
    for (const raw of commandsOf(line)) {
      // `sh -c "..."` (a Dockerfile's exec form) runs the words after it.
      const cmd = (/^(\/bin\/)?(ba)?sh$/.test(raw[0] ?? '') && raw[1] === '-c' ? raw.slice(2) : raw).map((w) => w.replace(/^['"]|['"]$/g, ''));
      words.push(...cmd);
      const i = cmd.findIndex((w) => ['npm', 'yarn', 'pnpm', 'bun'].includes(w));
      if (i >= 0) {
        const at_ = cmd[i + 1] === 'run' || cmd[i + 1] === 'run-script' ? i + 2 : i + 1;
        const script = cmd[at_] ?? '';
        wanted.add(script);
        // `npm run typeorm -- migration:run`: the script's command with the arguments handed on.
        const dash = cmd.indexOf('--', at_);
        const body = dash > 0 ? ctx.layout.packages.map((p) => p.scripts[script]).find((t) => t !== undefined) : undefined;
        if (body !== undefined && !commandsOf(body).some((c) => c.includes(script))) scan(`${body} ${cmd.slice(dash + 1).join(' ')}`, at);
      }
      const a = migrationApplierIn(binaries(cmd));
      if (a && !appliers.has(a.runner)) appliers.set(a.runner, { ...at, text: cmd.join(' ') });
      for (const u of schemaToolUses(cmd.join(' '))) if (u.workflow === 'push' && !pushes.has(u.tool.runner)) pushes.set(u.tool.runner, { ...at, text: cmd.join(' ') });
      // `prisma db push` (migrations/prisma-db-push reports it).
      const p = cmd.findIndex((w) => posix.basename(w) === 'prisma');
      if (p >= 0 && cmd[p + 1] === 'db' && cmd[p + 2] === 'push' && !pushes.has('prisma')) pushes.set('prisma', { ...at, text: cmd.join(' ') });
    }
  };
  for (const wf of workflowsOf(ctx)) for (const s of wf.jobs.flatMap((j) => j.steps)) for (const l of (s.run ?? '').split('\n')) scan(l, { path: wf.path, line: s.line });
  for (const [path, text] of ctx.documents) {
    const role = ctx.layout.roles.of(path);
    if (role === 'example' || role === 'test') continue;
    const name = posix.basename(path);
    if (DOCKERFILE.test(path) || name === 'Procfile' || name.endsWith('.sh')) {
      if (!name.endsWith('.sh')) deployFiles.push(path);
      text.split('\n').forEach((l, i) => scan(l.replace(/^\s*(RUN|CMD|ENTRYPOINT)\s+/, '').replace(/^\s*[\w-]+:\s*/, '').replace(/[[\]",]/g, ' '), { path, line: i + 1 }));
      continue;
    }
    const config = DEPLOY_CONFIG.test(path) || COMPOSE_FILE.test(path) || MANIFEST.test(path);
    if (!config) continue;
    let parsed: unknown;
    try {
      parsed = path.endsWith('.toml') ? parseToml(text) : path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch {
      continue;
    }
    deployFiles.push(path);
    for (const s of strings(parsed)) scan(s, { path, line: lineOf(text, s) });
  }
  // Package scripts: those a platform runs and those the commands above name, followed until none is new.
  const done = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const pkg of ctx.layout.packages) {
      if (!pkg.manifestPath) continue;
      for (const [name, text] of Object.entries(pkg.scripts)) {
        const key = `${pkg.manifestPath}#${name}`;
        if (done.has(key) || !(everyScript || wanted.has(name))) continue;
        done.add(key);
        changed = true;
        scan(text, { path: pkg.manifestPath, line: scriptLine(ctx.documents.get(pkg.manifestPath) ?? '', name) });
      }
    }
  }
  // Code: the application applies them at start; a script only when a command above runs it.
  for (const r of ctx.facts('database/schema-sync-at-startup')) {
    if (r.type !== 'migration-applier' || appliers.has(String(r.runner))) continue;
    const role = ctx.layout.roles.of(r.path);
    const stem = posix.basename(r.path).replace(/\.[cm]?[jt]s$/, '');
    const run = role === 'service' || (role === 'script' && words.some((w) => posix.basename(w).replace(/\.[cm]?[jt]s$/, '') === stem));
    if (run) appliers.set(String(r.runner), { path: r.path, line: Number(r.line), text: String(r.text) });
  }
  if (!appliers.has('drizzle')) {
    const imp = importsOf(ctx.facts(moduleFacts)).find((i) => DRIZZLE_MIGRATOR.module.test(i.spec) && ctx.layout.roles.of(i.path) !== 'test');
    if (imp) appliers.set('drizzle', { path: imp.path, line: imp.line, text: `import from '${imp.spec}' (migrate() applies the folder at run time)` });
  }
  return { appliers, pushes, deployFiles };
}
