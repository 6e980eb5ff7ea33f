// The published scoring and gate policy: one table, read by the scorer and the gate.
import type { GatePolicy } from '../config/schema.js';
import type { Category, Severity } from '../model/run.js';

export const SEVERITY_POINTS: Record<Severity, number> = { critical: 40, high: 15, medium: 5, low: 1, info: 0 };

/** One rule can take at most this many times its worst finding's points from a category. */
export const RULE_CAP_MULTIPLIER = 2;

export const CATEGORY_WEIGHTS: Record<Category, number> = {
  security: 3, testing: 2, types: 2, database: 2, migrations: 2, reliability: 2,
  observability: 1.5, ci: 1.5, build: 1, lint: 1, completeness: 1, docs: 0.5,
};

/**
 * Findings that make the gate NO-GO at this severity or above, whatever `nogoSeverities` says: what
 * static checks prove is enough to stop a release (docs/gate.md). A high route-without-auth finding is
 * a route that changes data with no guard (a read-only one is medium); a high no-test-suite finding
 * is a repository with no test at all; a locking-table-in-use finding is a pending migration that
 * blocks writes to a table earlier migrations made and the code writes to.
 */
export const BLOCKING_FINDINGS: Readonly<Record<string, Severity>> = {
  'security/route-without-auth': 'high',
  'testing/no-test-suite': 'high',
  'migrations/locking-table-in-use': 'high',
};

/**
 * The order blocking reasons are listed in, most decisive first: what a run proved broken (failing
 * tests or typecheck, a migration that does not apply, a committed secret), then critical findings,
 * then what static checks prove missing or open, then checks that could not run (`unknownBlocking`).
 */
export const REASON_RANK = { probe: 0, critical: 1, policy: 2, unknown: 3 } as const;

export interface ResolvedGatePolicy {
  nogoSeverities: Severity[];
  conditionSeverities: Severity[];
  unknownBlocking: 'conditions' | 'nogo';
  blockingRules: string[];
  blockingFindings: Readonly<Record<string, Severity>>;
}

export function resolveGatePolicy(p: GatePolicy | undefined): ResolvedGatePolicy {
  return {
    nogoSeverities: p?.nogoSeverities ?? ['critical'],
    conditionSeverities: p?.conditionSeverities ?? ['high'],
    unknownBlocking: p?.unknownBlocking ?? 'conditions',
    blockingRules: p?.blockingRules ?? [],
    blockingFindings: BLOCKING_FINDINGS,
  };
}

/**
 * Roles a category's rules are about: a committed `.only` is a finding about the tests, a broken link
 * one about the docs, so there they keep their severity. Elsewhere outside release code a finding is
 * lowered (see LOWERED in evaluate/index.ts).
 */
export const SUBJECT_ROLES: Partial<Record<Category, readonly string[]>> = {
  testing: ['test', 'mock'],
  docs: ['example'],
};
