// Table-driven detectors: which frameworks, ORMs, test runners, loggers and runtimes a package
// uses, from its dependencies and scripts. Each row: a dependency name (or test) and what it means.
type Deps = Record<string, string>;

const FRAMEWORKS: Array<[string, string]> = [
  ['hono', 'hono'], ['express', 'express'], ['fastify', 'fastify'], ['next', 'next'], ['koa', 'koa'],
  ['@nestjs/core', 'nestjs'], ['itty-router', 'itty-router'], ['h3', 'h3'], ['elysia', 'elysia'],
  ['@hapi/hapi', 'hapi'], ['@remix-run/node', 'remix'],
];
const ORMS: Array<[string, string]> = [
  ['@prisma/client', 'prisma'], ['prisma', 'prisma'], ['drizzle-orm', 'drizzle'], ['kysely', 'kysely'],
  ['typeorm', 'typeorm'], ['knex', 'knex'], ['sequelize', 'sequelize'], ['mongoose', 'mongoose'],
  ['pg', 'pg'], ['postgres', 'postgres'], ['mysql2', 'mysql2'], ['better-sqlite3', 'better-sqlite3'],
  ['@libsql/client', 'libsql'], ['@neondatabase/serverless', 'neon'], ['@planetscale/database', 'planetscale'],
];
const TEST_RUNNERS: Array<[string, string]> = [
  ['vitest', 'vitest'], ['jest', 'jest'], ['mocha', 'mocha'], ['ava', 'ava'], ['@playwright/test', 'playwright'],
  ['tap', 'tap'], ['uvu', 'uvu'],
];
const LOGGERS: Array<[string, string]> = [
  ['pino', 'pino'], ['winston', 'winston'], ['bunyan', 'bunyan'], ['@logtape/logtape', 'logtape'],
  ['tslog', 'tslog'], ['roarr', 'roarr'], ['consola', 'consola'], ['loglevel', 'loglevel'],
];

function pick(deps: Deps, table: Array<[string, string]>): string[] {
  const found = new Set<string>();
  for (const [dep, name] of table) if (dep in deps) found.add(name);
  return [...found].sort();
}

export function detectFrameworks(deps: Deps): string[] {
  return pick(deps, FRAMEWORKS);
}
export function detectOrms(deps: Deps): string[] {
  return pick(deps, ORMS);
}
export function detectLoggers(deps: Deps): string[] {
  return pick(deps, LOGGERS);
}
export function detectTestRunners(deps: Deps, scripts: Record<string, string>): string[] {
  const found = new Set(pick(deps, TEST_RUNNERS));
  if (Object.values(scripts).some((s) => /\bnode\b[^&|;]*--test\b/.test(s))) found.add('node:test');
  return [...found].sort();
}
export function detectRuntimes(deps: Deps, hasWrangler: boolean): string[] {
  const found = new Set<string>();
  if (hasWrangler || '@cloudflare/workers-types' in deps || 'wrangler' in deps) found.add('cloudflare-workers');
  if ('next' in deps) found.add('next');
  if ('@types/aws-lambda' in deps || 'serverless' in deps) found.add('aws-lambda');
  if (found.size === 0 || ['express', 'fastify', 'koa', '@nestjs/core', '@hono/node-server'].some((d) => d in deps)) {
    found.add('node');
  }
  return [...found].sort();
}
