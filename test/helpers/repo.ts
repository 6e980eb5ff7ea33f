// Tiny fixture repos for tests: written to a temp folder from an in-memory map of files.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { audit, type AuditOptions } from '../../src/audit.js';
import type { AuditRun, Finding } from '../../src/model/run.js';
import type { Rule } from '../../src/rules/api.js';

export type FileMap = Record<string, string | Buffer>;

export function writeRepo(files: FileMap, dir?: string): string {
  const root = dir ?? mkdtempSync(join(tmpdir(), 'verdict-fixture-'));
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

export function removeRepo(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** Audit an in-memory repo (no probes, no cache) and clean up. */
export async function auditFiles(files: FileMap, opts: Partial<AuditOptions> = {}): Promise<AuditRun> {
  const root = writeRepo(files);
  try {
    return await audit({ root, exec: false, cache: false, quiet: true, today: '2026-01-01', ...opts });
  } finally {
    removeRepo(root);
  }
}

/** Run a single rule (plus the collectors) on an in-memory repo and return its findings. */
export async function runRule(rule: Rule, files: FileMap, opts: Partial<AuditOptions> = {}): Promise<Finding[]> {
  const run = await auditFiles(files, { rules: [rule], ...opts });
  const errors = run.outcomes.filter((o) => o.ruleId === rule.id && o.status === 'error');
  if (errors.length > 0) throw new Error(`${rule.id} errored: ${errors[0].reason}`);
  return run.findings.filter((f) => f.ruleId === rule.id);
}

/** Findings as `path:line` strings, for compact exact assertions. */
export function at(findings: Finding[]): string[] {
  return findings.map((f) => `${f.location?.path}:${f.location?.line}`);
}

/** A run without what may vary between identical runs: timings, measured durations, and whether a probe's result was reused. */
export function withoutTimings(run: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(run, (k, v) => (k === 'durationMs' || (k === 'cached' && typeof v === 'boolean') ? undefined : v))) as Record<string, unknown>;
  delete copy.timings;
  return copy;
}

/** A run as a cold run and a cached run of the same tree must agree on it: timings and the cache's own counts removed. */
export function withoutCacheState(run: AuditRun): unknown {
  const c = withoutTimings(run) as { options: Record<string, unknown>; stats: Record<string, unknown> };
  delete c.options.cache;
  for (const k of ['cached', 'parsed', 'rulesCached']) delete c.stats[k];
  return c;
}
