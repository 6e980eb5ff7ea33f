// squawk (a Postgres migration linter verdict ships as a binary inside the squawk-cli npm package),
// run on a set's files with its JSON reporter. Rules map its violations to findings.
import { createRequire } from 'node:module';
import type { MigrationSet } from '../../model/migrations.js';
import type { ProbeResult } from '../../model/run.js';
import { run } from '../runner.js';

export interface SquawkViolation {
  path: string;
  line: number;
  column: number;
  rule: string;
  message: string;
  help: string | null;
}

/** squawk rules verdict does not report: style preferences that fire on nearly every migration. */
export const SQUAWK_EXCLUDED = [
  'prefer-robust-stmts', 'prefer-bigint-over-int', 'prefer-bigint-over-smallint', 'prefer-identity',
  'prefer-text-field', 'prefer-timestamptz', 'require-statement-timeout', 'require-lock-timeout',
];
/** Dropped from the output (it cannot be excluded): verdict's sql-parse-error uses the real Postgres parser. */
const DROPPED = new Set(['syntax-error']);

export function squawkBinary(): string | null {
  const target = `@squawk-cli/${process.platform}-${process.arch}/bin/${process.platform === 'win32' ? 'squawk.exe' : 'squawk'}`;
  const req = createRequire(import.meta.url);
  // Hoisted beside verdict, or nested under squawk-cli (its optional dependency) when not hoisted.
  for (const from of [() => req, () => createRequire(req.resolve('squawk-cli/package.json'))]) {
    try {
      return from().resolve(target);
    } catch {
      // try the next place
    }
  }
  return null;
}

/** Runners that wrap each migration file in a transaction (squawk then knows tables created in it are empty). */
const TRANSACTIONAL = new Set(['prisma', 'drizzle', 'goose', 'knex', 'typeorm', 'kysely']);

export async function runSquawk(root: string, set: MigrationSet, downLines: Map<string, number>): Promise<ProbeResult> {
  const bin = squawkBinary();
  const args = ['--reporter', 'json', '--exclude', SQUAWK_EXCLUDED.join(','), ...(TRANSACTIONAL.has(set.runner) ? ['--assume-in-transaction'] : []), ...set.files];
  const base: ProbeResult = {
    kind: 'squawk', package: set.package, status: 'ran', reason: null, command: `squawk ${args.join(' ')}`, cwd: '.', exitCode: null,
    signal: null, durationMs: 0, timedOut: false, figures: { set: set.path }, diagnosis: [], outputExcerpt: '',
  };
  if (!bin) return { ...base, status: 'error', reason: `squawk's binary for ${process.platform}-${process.arch} is not installed (optional dependency @squawk-cli/${process.platform}-${process.arch})` };
  const r = await run(bin, args, { cwd: root, timeoutMs: 60_000 });
  const out = { ...base, exitCode: r.exitCode, signal: r.signal, durationMs: r.durationMs, timedOut: r.timedOut, outputExcerpt: (r.stderr || r.stdout).slice(0, 2000) };
  if (r.exitCode !== 0 && r.exitCode !== 1) return { ...out, status: 'error', reason: r.spawnError ?? (r.timedOut ? 'squawk timed out' : `squawk exited with ${r.exitCode ?? r.signal}: ${r.stderr.trim().split('\n')[0]}`) };
  let raw: Array<Record<string, unknown>>;
  try {
    raw = JSON.parse(r.stdout || '[]') as Array<Record<string, unknown>>;
  } catch {
    return { ...out, status: 'error', reason: r.spawnError ?? `squawk printed no JSON (exit ${r.exitCode})` };
  }
  const violations: SquawkViolation[] = raw
    .map((v) => ({ path: String(v.file), line: Number(v.line) + 1, column: Number(v.column) + 1, rule: String(v.rule_name), message: String(v.message), help: v.help ? String(v.help) : null }))
    .filter((v) => !DROPPED.has(v.rule) && !(downLines.has(v.path) && v.line >= downLines.get(v.path)!));
  return { ...out, figures: { set: set.path, violations } };
}
