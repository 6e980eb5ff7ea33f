// Audits of the migration fixture repos (test/fixtures/repos/migrations-*), sharing one set of
// embedded engines per test file: PGlite starts once (~3 s, ~0.8 GB) however many audits run.
import { fileURLToPath } from 'node:url';
import { audit } from '../../src/audit.js';
import type { AuditRun } from '../../src/model/run.js';
import { MigrationEngines } from '../../src/probes/migrations/index.js';
import type { Rule } from '../../src/rules/api.js';
import { writeRepo, removeRepo, type FileMap } from './repo.js';

export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/repos/${name}`, import.meta.url));

export function sharedEngines(): MigrationEngines {
  return new MigrationEngines();
}

export async function auditFixture(name: string, rules: Rule[], engines?: MigrationEngines): Promise<AuditRun> {
  return audit({ root: fixture(name), exec: false, cache: false, quiet: true, today: '2026-01-01', rules, engines });
}

export async function auditMigrationFiles(files: FileMap, rules: Rule[], engines?: MigrationEngines): Promise<AuditRun> {
  const root = writeRepo(files);
  try {
    return await audit({ root, exec: false, cache: false, quiet: true, today: '2026-01-01', rules, engines });
  } finally {
    removeRepo(root);
  }
}

/** `ruleId path:line` for each finding, in the run's (deterministic) order. */
export function hits(run: AuditRun, ruleId?: string): string[] {
  return run.findings.filter((f) => !ruleId || f.ruleId === ruleId).map((f) => `${f.ruleId} ${f.location?.path}:${f.location?.line}`);
}

export function statusOf(run: AuditRun, ruleId: string): string[] {
  return run.outcomes.filter((o) => o.ruleId === ruleId).map((o) => o.status);
}
