// Root lockfiles, including those over the read limit (discover lists those apart, as `large`).
import type { RuleLayout } from '../api.js';

export const LOCKFILE_MANAGER: Record<string, string> = {
  'package-lock.json': 'npm', 'npm-shrinkwrap.json': 'npm', 'pnpm-lock.yaml': 'pnpm', 'yarn.lock': 'yarn', 'bun.lockb': 'bun', 'bun.lock': 'bun',
};

export function rootLockfiles(layout: RuleLayout): string[] {
  const large = layout.large.map((f) => f.path).filter((p) => !p.includes('/') && p in LOCKFILE_MANAGER);
  return [...new Set([...layout.lockfiles, ...large])].sort();
}
