// A finished probe process -> figures (and, for the audit, the reason there are none).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import type { PlannedProbe } from './plan.js';
import { parseAudit } from './parse/audit.js';
import { parseBiomeJson, parseEslintJson } from './parse/lint.js';
import { parseJestJson, parseMochaJson, parseTestText } from './parse/tests.js';
import { parseTsc } from './parse/typecheck.js';
import { measureBuild } from './measure.js';
import { omittedChars, type RunResult } from './runner.js';

export interface ReadResult {
  figures: Record<string, unknown>;
  /** The probe ran but gave no usable answer (the audit's registry refused): its checks are UNKNOWN. */
  unusable: string | null;
}

function readJson(file: string | null): unknown {
  if (!file || !existsSync(file)) return undefined;
  try { return JSON.parse(readFileSync(file, 'utf8')); } catch { return undefined; }
}

function parseJsonText(text: string): unknown {
  const t = text.trim();
  const start = t.search(/[[{]/);
  if (start < 0) return undefined;
  try { return JSON.parse(t.slice(start)); } catch { return undefined; }
}

function lintText(output: string): Record<string, unknown> {
  const m = /(\d+) problems? \((\d+) errors?, (\d+) warnings?\)/.exec(output);
  return m ? { tool: 'text', errors: Number(m[2]), warnings: Number(m[3]) } : {};
}

function coverage(cwd: string, since: number, manifest: Record<string, unknown> | null): Record<string, unknown> {
  const file = join(cwd, 'coverage', 'coverage-summary.json');
  if (!existsSync(file) || statSync(file).mtimeMs < since - 1000) return {};
  const json = readJson(file) as { total?: Record<string, { pct?: number }> } | undefined;
  const total = json?.total;
  if (!total) return {};
  const jest = manifest?.jest as { coverageThreshold?: { global?: Record<string, number> } } | undefined;
  return {
    coverage: { lines: total.lines?.pct ?? null, statements: total.statements?.pct ?? null, functions: total.functions?.pct ?? null, branches: total.branches?.pct ?? null },
    coverageThresholdFromRepo: jest?.coverageThreshold?.global ?? null,
  };
}

export interface ReadContext {
  root: string;
  started: number;
  frontend: boolean;
  manager: string;
}

export function readProbe(p: PlannedProbe, r: RunResult, ctx: ReadContext): ReadResult {
  const toRepo = (f: string) => posix.normalize(relative(ctx.root, resolve(p.cwd, f)).split('\\').join('/'));
  const both = `${r.stdout}\n${r.stderr}`;
  switch (p.reader) {
    case 'tsc': {
      const { diagnostics, ...rest } = parseTsc(both, toRepo);
      // Errors are counted line by line: when the cap cut the output and tsc printed no total, the
      // count is a lower bound, and the report says "at least".
      const cut = omittedChars(r.stdout) + omittedChars(r.stderr) > 0 && !rest.summarised;
      return { figures: { ...rest, diagnostics, ...(cut ? { truncated: true } : {}) }, unusable: null };
    }
    case 'vitest-json':
    case 'jest-json':
    case 'mocha-json':
    case 'test-text': {
      const json = readJson(p.reportFile) ?? (p.reader === 'mocha-json' ? parseJsonText(r.stdout) : undefined);
      const parsed = (p.reader === 'mocha-json' ? parseMochaJson(json, toRepo) : parseJestJson(json, p.reader, toRepo)) ?? parseTestText(both, toRepo);
      const noTests = /No test files found|No tests found|no test files|0 passing/i.test(both) && (parsed?.total ?? 0) === 0;
      let manifest: Record<string, unknown> | null = null;
      try { manifest = JSON.parse(readFileSync(join(p.cwd, 'package.json'), 'utf8')) as Record<string, unknown>; } catch { /* none */ }
      return { figures: { ...(parsed ?? { parsed: false }), noTests, ...coverage(p.cwd, ctx.started, manifest) }, unusable: null };
    }
    case 'eslint-json': {
      const parsed = parseEslintJson(readJson(p.reportFile), toRepo);
      return { figures: parsed ? { ...parsed } : lintText(both), unusable: null };
    }
    case 'biome-json': {
      const parsed = parseBiomeJson(parseJsonText(r.stdout), toRepo);
      return { figures: parsed ? { ...parsed } : lintText(both), unusable: null };
    }
    case 'lint-text':
      return { figures: lintText(both), unusable: null };
    case 'audit': {
      const a = parseAudit(ctx.manager, r.stdout, r.stderr);
      return a.ok ? { figures: { ...a.figures }, unusable: null } : { figures: {}, unusable: a.reason };
    }
    case 'build':
      return { figures: r.exitCode === 0 ? { ...measureBuild(p.cwd, p.pkgPath, ctx.started, ctx.frontend) } : {}, unusable: null };
    default:
      return { figures: {}, unusable: null };
  }
}
