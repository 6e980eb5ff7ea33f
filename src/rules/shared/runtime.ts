// Groups the `collect/runtime` facts by package for the reliability rules.
import { runtimeFacts, runtimeFactsOf, type RuntimeFactOf, type RuntimeKind } from '../../collect/facts/runtime.js';
import { posix } from 'node:path';
import { routeRecords } from '../../collect/facts/routes.js';
import { bunRunsFiles } from '../../knowledge/index.js';
import type { RepoRuleContext } from '../api.js';
import { isWorker } from './packages.js';
import { routeFacts } from './routes.js';
import { pushTo } from '../../util/group.js';
import { fileRole, isTestSide } from '../../util/roles.js';

export type Fact<K extends RuntimeKind> = RuntimeFactOf<K>;

/** A finding location quoting the fact's line. */
export function where(f: { path: string; line: number; snippet?: string }): { path: string; line: number; snippet?: string } {
  return { path: f.path, line: f.line, snippet: f.snippet };
}

export function factsOf<K extends RuntimeKind>(ctx: RepoRuleContext, kind: K): Array<Fact<K>> {
  return runtimeFactsOf(ctx.facts(runtimeFacts), kind);
}

/** Variables the platform or the tooling sets (`NODE_ENV`, `CI`, `VERCEL_*`, ...), not the service's configuration. */
const PLATFORM_VARS = /^(NODE_ENV|CI|HOME|PATH|PWD|TZ|HOSTNAME|USER|SHELL|TMPDIR|LANG|NODE_OPTIONS|DEBUG|npm_\w+|VERCEL(_\w+)?|NETLIFY|RENDER(_\w+)?|FLY_\w+|RAILWAY_\w+|GITHUB_\w+|K_SERVICE|K_REVISION|AWS_LAMBDA_\w+|AWS_REGION|AWS_EXECUTION_ENV|LAMBDA_TASK_ROOT|FUNCTION_\w+|MODE|DEV|PROD|SSR|BASE_URL|JEST_WORKER_ID|VITEST(_\w+)?)$/;

export function isPlatformVar(name: string): boolean {
  return PLATFORM_VARS.test(name);
}

export function byPackage<T extends { path: string }>(ctx: RepoRuleContext, items: T[]): Map<string | null, T[]> {
  const out = new Map<string | null, T[]>();
  for (const i of items) {
    const pkg = ctx.packageOf(i.path);
    pushTo(out, pkg, i);
  }
  return out;
}

/** Packages running a long-lived server: a `.listen()` / `serve()` call in service code, or an app Bun serves. */
export function serverPackages(ctx: RepoRuleContext): Map<string | null, Array<Fact<'listen'>>> {
  return byPackage(ctx, [...factsOf(ctx, 'listen').filter((f) => f.role === 'service' && !INTEGRATION_TESTS.test(f.path)), ...bunServedEntries(ctx)]);
}

/**
 * Servers Bun starts without a listen call (knowledge/bun-serve): a file a package's script runs with
 * bun whose default export is an app that file creates. The app's line stands for the listen call.
 * Not in a Worker package: there wrangler, not Bun, serves the default export.
 */
export function bunServedEntries(ctx: RepoRuleContext): Array<Fact<'listen'>> {
  return ctx.memo('bun-served-entries', () => {
    const { facts } = routeFacts(ctx);
    const defaults = routeRecords(facts, 'export').filter((e) => e.exported === 'default');
    const apps = routeRecords(facts, 'app');
    // The app the file exports: one it creates (`const app = new Hono()`), or one it declares routes or
    // middleware on when it comes from a factory verdict resolves later (`const app = createApp()`).
    const uses = [...routeRecords(facts, 'use'), ...routeRecords(facts, 'route')];
    const appLine = (path: string, name: string): { line: number; snippet: string } | null => {
      const made = apps.find((a) => a.path === path && a.name === name);
      if (made) return { line: made.line, snippet: made.snippet ?? '' };
      const used = uses.filter((u) => u.path === path && u.receiver === name).sort((a, b) => a.line - b.line)[0];
      return used ? { line: used.line, snippet: 'snippet' in used && typeof used.snippet === 'string' ? used.snippet : '' } : null;
    };
    const out: Array<Fact<'listen'>> = [];
    for (const pkg of ctx.layout.packages) {
      if (isWorker(pkg, ctx.layout)) continue;
      for (const line of Object.values(pkg.scripts)) {
        for (const file of bunRunsFiles(line)) {
          const path = posix.normalize(pkg.path === '.' ? file : `${pkg.path}/${file}`);
          const exported = defaults.find((e) => e.path === path);
          const app = exported && appLine(path, exported.local);
          if (!app || out.some((o) => o.path === path) || fileRole(path) !== 'service') continue;
          // Cited at the `export default` Bun serves (the app's line when the export's is not known).
          const at = exported.line ? { line: exported.line, snippet: exported.snippet ?? '' } : app;
          out.push({ kind: 'listen', path, line: at.line, snippet: at.snippet, role: 'service' });
        }
      }
    }
    return out;
  });
}

/** Integration-test servers (`integration/server.js`) and local dev servers (`src/dev.ts`) are not the service. */
const INTEGRATION_TESTS = /(^|\/)(integration|[\w-]+-tests?|tests?-[\w-]+)\/|(^|\/)(dev|local|dev-server|local-server)\.[cm]?[jt]s$/;

/** Facts from code that runs in production (not tests). */
export function runtimeOnly<T extends { role: string }>(items: T[]): T[] {
  return items.filter((i) => !isTestSide(i.role));
}

/**
 * Names a wrangler config declares: `vars` keys and every binding (`binding = "X"`, Durable Object
 * and workflow `name`s), read from the config text so new binding kinds (ai, assets, hyperdrive,
 * ratelimit, dispatch namespaces) are covered too.
 */
export function wranglerNames(ctx: RepoRuleContext): { bindings: Set<string>; vars: Set<string> } {
  const bindings = new Set<string>();
  const vars = new Set<string>();
  for (const w of ctx.layout.wrangler) {
    for (const k of Object.keys(w.vars)) vars.add(k);
    const text = ctx.documents.get(w.path) ?? '';
    for (const m of text.matchAll(/["']?(?:binding|name)["']?\s*[:=]\s*["']([A-Za-z_][\w]*)["']/g)) bindings.add(m[1]);
  }
  return { bindings, vars };
}

/** Environment reads that must be configured: service code, no fallback, not set by the platform nor declared in wrangler (bindings, vars). */
export function requiredEnvReads(ctx: RepoRuleContext): Array<Fact<'env'>> {
  const workers = new Set(ctx.layout.packages.filter((p) => p.runtimes.includes('cloudflare-workers')).map((p) => p.name));
  const { bindings, vars } = wranglerNames(ctx);
  const written = new Set(factsOf(ctx, 'env-write').map((w) => `${ctx.packageOf(w.path)}|${w.name}`));
  return factsOf(ctx, 'env').filter((r) => r.role === 'service' && !r.fallback && !isPlatformVar(r.name) && !written.has(`${ctx.packageOf(r.path)}|${r.name}`)
    && (r.source !== 'worker' || (workers.has(ctx.packageOf(r.path) ?? '') && !bindings.has(r.name) && !vars.has(r.name))));
}

/** Packages that run as a service: a server that listens, or a Worker. */
export function servicePackageNames(ctx: RepoRuleContext): Set<string | null> {
  const out = new Set<string | null>(serverPackages(ctx).keys());
  for (const p of ctx.layout.packages) if (p.runtimes.includes('cloudflare-workers')) out.add(p.name);
  return out;
}
