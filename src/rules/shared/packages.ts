// What kind of package a package is, from discovered facts: rules that judge "a service" must not
// judge a published library the same way.
import type { DiscoveredPackage } from '../../discover/index.js';
import type { RuleLayout } from '../api.js';

type FactRecord = Record<string, unknown> & { path: string };

const SERVER_FRAMEWORKS = ['express', 'fastify', 'koa', 'nestjs', 'hapi', 'h3', 'elysia'];

function depends(pkg: DiscoveredPackage, name: string): boolean {
  return name in pkg.dependencies || name in pkg.devDependencies;
}

/** A Cloudflare worker (a wrangler config sits in the package). */
export function isWorker(pkg: DiscoveredPackage, layout: RuleLayout): boolean {
  return layout.wrangler.some((w) => w.packagePath === pkg.path);
}

/** Deployed code rather than a published library: private, a worker, or started by a script. */
export function isDeployable(pkg: DiscoveredPackage, layout: RuleLayout): boolean {
  if (isWorker(pkg, layout)) return true;
  return pkg.private || 'start' in pkg.scripts || layout.files.some((f) => f.path === (pkg.path === '.' ? 'Dockerfile' : `${pkg.path}/Dockerfile`));
}

/** A deployable Node HTTP server that keeps running (not a worker, not a library, not a function). */
export function isLongRunningNodeService(pkg: DiscoveredPackage, layout: RuleLayout): boolean {
  if (!isDeployable(pkg, layout) || isWorker(pkg, layout) || !pkg.runtimes.includes('node')) return false;
  return pkg.frameworks.some((f) => SERVER_FRAMEWORKS.includes(f)) || (pkg.frameworks.includes('hono') && depends(pkg, '@hono/node-server'));
}

/** Facts grouped by the package of their path. */
export function byPackage<T extends { path: string }>(records: T[], packageOf: (p: string) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of records) {
    const key = packageOf(r.path) ?? '';
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(r);
  }
  return out;
}

export type { FactRecord };

/** 1-based line of the first occurrence of a needle in a text, or 1. */
export function lineOfText(text: string | undefined, needle: string): number {
  if (!text) return 1;
  const i = text.indexOf(needle);
  return i < 0 ? 1 : text.slice(0, i).split('\n').length;
}
