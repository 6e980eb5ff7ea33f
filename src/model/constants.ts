// The result model's constants, without zod: the audit path reads these on every run, and loading
// zod (for the schemas in run.ts) costs ~50 ms of start-up that a run without a config file never
// needs. run.ts builds its schemas from these and re-exports them.

export const SCHEMA_VERSION = 1;

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type SeverityName = (typeof SEVERITIES)[number];

export const CATEGORIES = [
  'testing', 'types', 'lint', 'build', 'database', 'migrations', 'security',
  'observability', 'reliability', 'ci', 'docs', 'completeness',
] as const;

export const SEVERITY_RANK: Record<SeverityName, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
