import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { UsageError } from '../util/errors.js';
import { parseJsoncText } from '../util/structured.js';
import { ConfigSchema, type VerdictConfig } from './schema.js';

export const CONFIG_FILE = 'verdict.config.json';

export interface LoadedConfig {
  config: VerdictConfig;
  /** The file the config came from, or null for the embedded defaults. */
  path: string | null;
}

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

/** Loads --config when given, else verdict.config.json at the root, else the embedded defaults. */
export function loadConfig(root: string, explicit?: string): LoadedConfig {
  const file = explicit ? resolve(explicit) : join(root, CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicit) throw new UsageError(`--config ${explicit}: file not found`);
    return { config: {}, path: null };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${file}: cannot read the config (${(err as Error).message})`);
  }
  const parsed = parseJsoncText(text.replace(/^\uFEFF/, ''), file);
  if (!parsed.ok) throw new UsageError(`${parsed.error}. Fix the file or pass another with --config.`);
  return { config: validateConfig(parsed.value, file), path: file };
}
