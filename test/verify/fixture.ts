// A small service with known facts, and two reports about it: one that overclaims in every kind,
// one that is accurate. Each report line ends with the verdict it must get, as an HTML comment
// (`<!-- contradicted -->`), which the Markdown parser drops from the claim text.
import { execFileSync } from 'node:child_process';
import type { AuditRun, ProbeResult } from '../../src/model/run.js';
import { type FileMap, writeRepo } from '../helpers/repo.js';

export const SERVICE: FileMap = {
  'README.md': '# svc\n\nA small service used by the verify tests.\n',
  'package.json': JSON.stringify({
    name: 'svc', private: true,
    scripts: { build: 'tsc -p .', test: 'vitest run', typecheck: 'tsc --noEmit', 'db:migrate': 'prisma migrate deploy' },
  }, null, 2),
  '.env.example': 'DATABASE_URL=\nAPI_TOKEN=\n',
  'src/index.ts': [
    "import { Hono } from 'hono';", // 1
    "import { rateLimiter } from './middleware/rate-limit';", // 2
    "import { logger } from './lib/logger';", // 3
    "import { validateEnv } from './env';", // 4
    "import { listUsers, findReport } from './db';", // 5
    '', // 6
    'const app = new Hono();', // 7
    'validateEnv(process.env);', // 8
    "app.get('/health', (c) => c.json({ ok: true }));", // 9
    "app.get('/users', async (c) => c.json(await listUsers()));", // 10
    "app.get('/reports/:id', async (c) => c.json(await findReport(c.env, c.req.param('id'))));", // 11
    "process.on('SIGTERM', () => { logger.info('shutting down'); process.exit(0); });", // 12
    'export default app;', // 13
    '',
  ].join('\n'),
  'src/middleware/rate-limit.ts': 'export function rateLimiter(limit = 60) {\n  return async (_c: unknown, next: () => Promise<void>) => { void limit; await next(); };\n}\n',
  'src/lib/logger.ts': "import pino from 'pino';\nexport const logger = pino({ level: 'info' });\n",
  'src/lib/audit.ts': "import { logger } from './logger';\nexport function recordAudit(event: string) {\n  logger.info({ audit: event });\n}\n",
  'src/env.ts': [
    'export function validateEnv(env: Record<string, string | undefined>) {',
    "  for (const k of ['DATABASE_URL', 'API_TOKEN']) if (!env[k]) throw new Error(`missing ${k}`);",
    '}',
    '',
  ].join('\n'),
  'src/db.ts': [
    "import { PrismaClient } from '@prisma/client';",
    'export const prisma = new PrismaClient();',
    'export async function listUsers() {',
    '  return prisma.user.findMany();',
    '}',
    'export async function findReport(env: any, id: string) {',
    '  return env.DB.prepare(`SELECT * FROM reports WHERE id = ${id}`).first();',
    '}',
    '',
  ].join('\n'),
  'src/routes/admin.ts': "export async function purge(env: any) {\n  await env.DB.prepare('DELETE FROM sessions').run();\n}\n",
  'prisma/schema.prisma': [
    'datasource db {', '  provider = "postgresql"', '  url      = env("DATABASE_URL")', '}',
    'model User {', '  id Int @id', '}',
    'model Client {', '  id Int @id', '}',
    'model OnboardingState {', '  id Int @id', '  clientId Int', '}', '',
  ].join('\n'),
  'prisma/migrations/20240101_init/migration.sql': 'CREATE TABLE "User" ("id" INTEGER PRIMARY KEY);\nCREATE TABLE "Client" ("id" INTEGER PRIMARY KEY);\n',
  'prisma/migrations/20240102_onboarding/migration.sql': [
    'CREATE TABLE "OnboardingState" ("id" INTEGER PRIMARY KEY, "clientId" INTEGER);',
    '-- the backfill was removed: run it by hand',
    'ALTER TABLE "OnboardingState" ADD CONSTRAINT "fk_client" FOREIGN KEY ("clientId") REFERENCES "Client"("id");',
    '',
  ].join('\n'),
  'worker/wrangler.toml': [
    'name = "edge"', 'main = "src/worker.ts"', '',
    '[[d1_databases]]', 'binding = "DB_OPS"', 'database_name = "ops"', 'database_id = "1"', '',
    '[[d1_databases]]', 'binding = "DB_CHATS"', 'database_name = "chats"', 'database_id = "2"', '',
  ].join('\n'),
  'worker/src/worker.ts': 'export default { async fetch() { return new Response("ok"); } };\n',
  '.github/workflows/ci.yml': 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
  'docs/RUNBOOK.md': '# Runbook\n\n## Rollback\n\nRedeploy the previous image.\n\n## Troubleshooting\n\nRead the logs.\n',
  'test/users.test.ts': [
    "import { describe, it, expect } from 'vitest';",
    "describe('users', () => {",
    "  it('lists users', () => { expect(1).toBe(1); });",
    "  it('finds one', () => { expect(1).toBe(1); });",
    "  test('handles none', () => { expect(1).toBe(1); });",
    "  it.skip('pages', () => { expect(1).toBe(1); });",
    '});', '',
  ].join('\n'),
};

export const OVERCLAIMING = `# Production Readiness Report

**Status:** ✅ PRODUCTION READY <!-- contradicted -->

## Testing

- **Test suite:** 5 tests in \`test/\` <!-- contradicted -->
- All 4 tests passing ✅ <!-- contradicted -->
- **TypeScript:** 0 errors ✅ <!-- contradicted -->
- ESLint: 0 errors <!-- confirmed -->
- Build passes ✅ <!-- contradicted -->

## Security

| Check | Status | Notes |
|-------|--------|-------|
| **Rate limiting** | ✅ PASS | 60 req/min per user <!-- contradicted --> |
| **SQL injection prevented** | ✅ PASS | parameterised everywhere <!-- contradicted --> |
| **npm audit** | ✅ PASS | 0 vulnerabilities <!-- contradicted --> |
| **Secrets** | ✅ PASS | no secrets committed <!-- contradicted --> |

- No direct database access outside \`src/db.ts\` <!-- contradicted -->
- Database score: 95/100 <!-- contradicted -->

## Observability

- Prometheus \`/metrics\` endpoint ✅ <!-- contradicted -->
- \`recordAudit()\` added for security events <!-- contradicted -->
- \`SENTRY_DSN\` configured for error reporting <!-- contradicted -->

## Database

- **Prisma models:** 4 <!-- contradicted -->
- 3 D1 databases in \`worker/wrangler.toml\` <!-- contradicted -->
- Added backfill step for \`clientId\` before the FK constraint <!-- contradicted -->
- Rollback support via down migrations <!-- contradicted -->
- 3 migrations in \`prisma/migrations\` <!-- contradicted -->

## Evidence

- \`src/index.ts\` lines 20-24: \`listUsers()\` serves the users route <!-- contradicted -->
- \`src/env.ts\` lines 2-3: \`validateEnv()\` <!-- contradicted -->
- \`src/index.ts\` (16 lines) <!-- contradicted -->
- Migration guide in \`docs/DEPLOY.md\` <!-- contradicted -->
- Run \`npm run db:rollback\` to undo a release <!-- contradicted -->
- 2 CI workflows <!-- contradicted -->

## Deployment

- Deployed to staging and approved by the on-call engineer <!-- unverifiable -->
`;

export const ACCURATE = `# Readiness notes

**Status:** ❌ NOT READY: NO-GO until the SQL injection is fixed <!-- confirmed -->

## Testing

- **Test suite:** 4 tests in \`test/\` <!-- confirmed -->
- 1 test file <!-- confirmed -->
- **TypeScript:** 3 errors ❌ <!-- confirmed -->
- Some tests fail ❌ <!-- confirmed -->

## Security

| Check | Status | Notes |
|-------|--------|-------|
| **Rate limiting** | ❌ MISSING | \`rateLimiter\` is never mounted <!-- confirmed --> |
| **SQL injection** | ❌ FAIL | \`findReport\` interpolates the id <!-- confirmed --> |
| **npm audit** | ❌ | 2 vulnerabilities <!-- confirmed --> |

- Security headers ❌ MISSING <!-- confirmed -->

## Observability

- Health check at \`/health\` ✅ <!-- confirmed -->
- Graceful shutdown on SIGTERM ✅ <!-- confirmed -->
- Structured logging with pino ✅ <!-- confirmed -->
- Prometheus \`/metrics\` ❌ MISSING <!-- confirmed -->
- \`validateEnv()\` implemented and called at startup <!-- confirmed -->
- \`API_TOKEN\` listed in \`.env.example\` <!-- confirmed -->

## Database

- **Prisma models:** 3 <!-- confirmed -->
- 2 D1 databases in \`worker/wrangler.toml\` <!-- confirmed -->
- 2 migrations in \`prisma/migrations\` <!-- confirmed -->
- \`src/db.ts\` lines 6-8: \`findReport\` <!-- confirmed -->
- \`src/env.ts\` lines 1-3: \`validateEnv()\` <!-- confirmed -->
- \`src/index.ts\` (13 lines) <!-- confirmed -->
- \`prisma/schema.prisma\` defines the data model <!-- confirmed -->
- Run \`npm run db:migrate\` to apply migrations <!-- confirmed -->
- 1 CI workflow <!-- confirmed -->
- \`docs/RUNBOOK.md\` <!-- confirmed -->
  - Rollback <!-- confirmed -->
  - Troubleshooting <!-- confirmed -->

## Deployment

- Backups are taken nightly by the hosting provider <!-- unverifiable -->
`;

export type Expected = 'confirmed' | 'contradicted' | 'unverifiable';

/** Line -> expected verdict, from the HTML comments in a report. */
export function expectations(report: string): Map<number, Expected> {
  const out = new Map<number, Expected>();
  report.split('\n').forEach((l, i) => {
    const m = l.match(/<!-- (confirmed|contradicted|unverifiable) -->/);
    if (m) out.set(i + 1, m[1] as Expected);
  });
  return out;
}

function probe(kind: string, exitCode: number, figures: Record<string, unknown>): ProbeResult {
  return {
    kind, package: 'svc', status: 'ran', reason: null, command: `npm run ${kind}`, cwd: '.', exitCode, signal: null,
    durationMs: 1200, timedOut: false, figures, diagnosis: [], outputExcerpt: `${kind} output`,
  };
}

/** What the probes would have found in this service: 3 type errors, 1 failing test, 2 advisories, a failed build, clean lint. */
export function withProbes(run: AuditRun): AuditRun {
  return {
    ...run,
    probes: [
      probe('typecheck', 2, { errors: 3, filesWithErrors: 1, byCode: { TS2322: 3 } }),
      probe('tests', 1, { passed: 2, failed: 1, skipped: 1, total: 4 }),
      probe('lint', 0, { errors: 0, warnings: 2 }),
      probe('audit', 1, { total: 2, bySeverity: { critical: 0, high: 2, moderate: 0, low: 0, info: 0 }, packages: [] }),
      probe('build', 2, {}),
    ],
    findings: [...run.findings, {
      ruleId: 'security/committed-secret', category: 'security', severity: 'critical', message: 'a committed secret (sk_l…, 32 characters)',
      location: { path: 'src/config.ts', line: 3, column: 1, endLine: 3, snippet: 'const key = "sk_l…"' }, evidence: [], remediation: '',
      fingerprint: 'x', package: 'svc', suppressed: null, experimental: false,
    }],
  };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=verdict', '-c', 'user.email=verdict@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();
}

export function serviceRepo(extra: FileMap = {}): string {
  const root = writeRepo({ ...SERVICE, ...extra });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'service');
  return root;
}

/**
 * Written after the verifiers, in the phrasing of the example reports, to measure how well the
 * classifier generalises beyond the two reports above (the first run's figure is in the report).
 */
export const HELD_OUT = `# 🚀 SVC Release Readiness

## Executive Summary

**Overall Assessment:** 🟢 **READY FOR PRODUCTION** <!-- contradicted -->

The service ships 2 CI workflows and 4 Prisma models. <!-- contradicted -->

### Key Findings

| Component | Status | Notes |
|-----------|--------|-------|
| **Health Check** | ✅ PRESENT | \`/health\` returns JSON <!-- confirmed --> |
| **Graceful Shutdown** | ✅ IMPLEMENTED | SIGTERM handler in \`src/index.ts\` <!-- confirmed --> |
| **Security Headers** | ✅ CONFIGURED | helmet on every route <!-- contradicted --> |
| **Env Validation** | ✅ PASS | \`validateEnv()\` runs at boot <!-- confirmed --> |
| **Structured Logging** | ✅ PASS | pino logger <!-- confirmed --> |
| **Metrics** | ❌ MISSING | no Prometheus exporter <!-- confirmed --> |
| **Circuit Breaker** | ✅ PASS | 3 failures, 10s cooldown <!-- contradicted --> |

## Database ✅ READY

- **Schema:** \`prisma/schema.prisma\` (15 lines) <!-- contradicted -->
- **Migrations:** 2 present in \`prisma/migrations/\` <!-- confirmed -->
- **D1 bindings:** 2 in \`worker/wrangler.toml\` <!-- confirmed -->
- ✅ No \`.prepare()\` calls outside \`src/db.ts\` <!-- contradicted -->
- \`findReport()\` defined in \`src/db.ts\` and used by the reports route <!-- confirmed -->
- Backfill for \`clientId\` added to the onboarding migration <!-- contradicted -->

## Testing

| Check | Result |
|-------|--------|
| Test files | 1 <!-- confirmed --> |
| Vitest | ✅ 4/4 passing <!-- contradicted --> |
| Type errors | 0 <!-- contradicted --> |

## Files Referenced

- \`src/middleware/rate-limit.ts\` - per-user rate limiting <!-- confirmed -->
- \`src/lib/metrics.ts\` - Prometheus registry <!-- contradicted -->
- \`docs/RUNBOOK.md\` - rollback procedure <!-- confirmed -->
- \`.github/workflows/deploy.yml\` - gated deploy <!-- contradicted -->

## Sign-off

- Approved by the security team on 2026-01-10 <!-- unverifiable -->
`;
