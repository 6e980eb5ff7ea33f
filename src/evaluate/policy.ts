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

export interface ResolvedGatePolicy {
  nogoSeverities: Severity[];
  conditionSeverities: Severity[];
  unknownBlocking: 'conditions' | 'nogo';
  blockingRules: string[];
}

export function resolveGatePolicy(p: GatePolicy | undefined): ResolvedGatePolicy {
  return {
    nogoSeverities: p?.nogoSeverities ?? ['critical'],
    conditionSeverities: p?.conditionSeverities ?? ['high'],
    unknownBlocking: p?.unknownBlocking ?? 'conditions',
    blockingRules: p?.blockingRules ?? [],
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
