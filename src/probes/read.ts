// A finished probe process -> figures (and, for the audit, the reason there are none).
import { lstatSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { readConfined } from '../util/confined-read.js';
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
  /** False when neither the machine-readable report verdict asked for nor a printed summary could be read. */
  readable: boolean;
}

/** A report or summary is at most this big: past it, verdict reads the printed output instead. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/**
 * A JSON file the probe's process wrote or could have rewritten: read only as a regular file inside
 * `within` (see confined-read.ts), else undefined, as if it were not there.
 */
function readJson(file: string | null, within = file ? dirname(file) : ''): unknown {
  if (!file) return undefined;
  const { bytes } = readConfined(file, within, MAX_REPORT_BYTES);
  if (!bytes) return undefined;
  try { return JSON.parse(bytes.toString('utf8')); } catch { return undefined; }
}

function parseJsonText(text: string): unknown {
  const t = text.trim();
  const start = t.search(/[[{]/);
  if (start < 0) return undefined;
  try { return JSON.parse(t.slice(start)); } catch { return undefined; }
}

/** ESLint's stylish summary, or Biome's default reporter's "Found N errors." / "Found N warnings.". */
function lintText(output: string): Record<string, unknown> {
  const m = /(\d+) problems? \((\d+) errors?, (\d+) warnings?\)/.exec(output);
  if (m) return { tool: 'text', errors: Number(m[2]), warnings: Number(m[3]) };
  const errors = /^Found (\d+) errors?\.?$/m.exec(output);
  const warnings = /^Found (\d+) warnings?\.?$/m.exec(output);
  return errors || warnings ? { tool: 'text', errors: Number(errors?.[1] ?? 0), warnings: Number(warnings?.[1] ?? 0) } : {};
}

function coverage(cwd: string, since: number, manifest: Record<string, unknown> | null): Record<string, unknown> {
  const file = join(cwd, 'coverage', 'coverage-summary.json');
  let mtime = 0;
  try { mtime = lstatSync(file).mtimeMs; } catch { return {}; }
  if (mtime < since - 1000) return {};
  const json = readJson(file, cwd) as { total?: Record<string, { pct?: number }> } | undefined;
  const total = json?.total;
  if (!total) return {};
  const jest = manifest?.jest as { coverageThreshold?: { global?: Record<string, number> } } | undefined;
  return {
    coverage: { lines: total.lines?.pct ?? null, statements: total.statements?.pct ?? null, functions: total.functions?.pct ?? null, branches: total.branches?.pct ?? null },
    coverageThresholdFromRepo: jest?.coverageThreshold?.global ?? null,
  };
}

function readLint(parsed: object | null, output: string): ReadResult {
  if (parsed) return { figures: { ...parsed }, unusable: null, readable: true };
  const text = lintText(output);
  return { figures: text, unusable: null, readable: 'tool' in text };
}

export interface ReadContext {
  root: string;
  started: number;
  frontend: boolean;
  manager: string;
  /** Where a path of the repository is on disk for reading what a probe wrote (its scratch copy when sandboxed). */
  files?: (abs: string) => string;
}

export function readProbe(p: PlannedProbe, r: RunResult, ctx: ReadContext): ReadResult {
  const toRepo = (f: string) => posix.normalize(relative(ctx.root, resolve(p.cwd, f)).split('\\').join('/'));
  const both = `${r.stdout}\n${r.stderr}`;
  const cwd = ctx.files ? ctx.files(p.cwd) : p.cwd;
  switch (p.reader) {
    case 'tsc': {
      const { diagnostics, ...rest } = parseTsc(both, toRepo);
      // Errors are counted line by line: when the cap cut the output and tsc printed no total, the
      // count is a lower bound, and the report says "at least".
      const cut = omittedChars(r.stdout) + omittedChars(r.stderr) > 0 && !rest.summarised;
      return { figures: { ...rest, diagnostics, ...(cut ? { truncated: true } : {}) }, unusable: null, readable: true };
    }
    case 'vitest-json':
    case 'jest-json':
    case 'mocha-json':
    case 'test-text': {
      const json = readJson(p.reportFile) ?? (p.reader === 'mocha-json' ? parseJsonText(r.stdout) : undefined);
      const parsed = (p.reader === 'mocha-json' ? parseMochaJson(json, toRepo) : parseJestJson(json, p.reader, toRepo)) ?? parseTestText(both, toRepo);
      const noTests = /No test files found|No tests found|no test files|0 passing/i.test(both) && (parsed?.total ?? 0) === 0;
      let manifest: Record<string, unknown> | null = null;
      manifest = (readJson(join(cwd, 'package.json'), cwd) as Record<string, unknown> | undefined) ?? null;
      const fromReport = p.reader === 'test-text' || parsed !== null;
      return { figures: { ...(parsed ?? { parsed: false }), noTests, ...coverage(cwd, ctx.started, manifest) }, unusable: null, readable: fromReport };
    }
    case 'eslint-json': {
      const parsed = parseEslintJson(readJson(p.reportFile), toRepo);
      return readLint(parsed, both);
    }
    case 'biome-json': {
      const parsed = parseBiomeJson(parseJsonText(r.stdout), toRepo);
      return readLint(parsed, both);
    }
    case 'lint-text':
      return { figures: lintText(both), unusable: null, readable: true };
    case 'audit': {
      const a = parseAudit(ctx.manager, r.stdout, r.stderr);
      return a.ok ? { figures: { ...a.figures }, unusable: null, readable: true } : { figures: {}, unusable: a.reason, readable: true };
    }
    case 'build':
      return { figures: r.exitCode === 0 ? { ...measureBuild(cwd, p.pkgPath, ctx.started, ctx.frontend) } : {}, unusable: null, readable: true };
    default:
      return { figures: {}, unusable: null, readable: true };
  }
}
