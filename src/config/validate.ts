// Checking a config against its schema: loaded only when there is a config file (zod and the
// schema cost ~50 ms of start-up that a run on the embedded defaults does not need).
import type { z } from 'zod';
import { UsageError } from '../util/errors.js';
import { ConfigSchema, type VerdictConfig } from './schema.js';

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  return `${key}: ${issue.message}`;
}

export function validateConfig(raw: unknown, file: string): VerdictConfig {
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${describeIssue(i)}`).join('\n');
    throw new UsageError(`${file}: invalid configuration\n${lines}\nSee \`verdict schema --config\` for the expected form.`);
  }
  return result.data;
}
