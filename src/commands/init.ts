import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE } from '../config/load.js';
import { UsageError } from '../util/errors.js';

export const STARTER_CONFIG = `{
  // verdict configuration. Comments are allowed (JSONC). \`verdict schema --config\` prints the schema.
  "$schema": "./node_modules/verdict/schema/config.json",

  // Turn a rule off or change its severity: "<rule-id>": "off" | "critical" | "high" | "medium" | "low" | "info"
  "rules": {},

  // Accept a known finding for a while, with a reason and an expiry date (YYYY-MM-DD).
  // "exemptions": [{ "rule": "observability/console-logging", "path": "src/legacy/**", "reason": "logger lands in Q3", "expires": "2027-01-01" }],
  "exemptions": [],

  // Which files may touch the database (globs relative to this folder).
  // "boundaries": { "database": { "allow": ["orchestrator/**"] } },

  // Gate policy: which severities make NO-GO and what an unverified blocking check does.
  "gate": { "nogoSeverities": ["critical"], "conditionSeverities": ["high"], "unknownBlocking": "conditions" },

  // Files verdict should not read (globs); .gitignore is already honoured.
  "ignore": []
}
`;

export function initCommand(dir: string, opts: { force?: boolean }): number {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`init: ${dir}: no such folder`);
  const file = join(root, CONFIG_FILE);
  if (existsSync(file) && !opts.force) throw new UsageError(`init: ${file} exists; pass --force to overwrite it`);
  writeFileSync(file, STARTER_CONFIG);
  process.stdout.write(`wrote ${file}\n`);
  const gi = join(root, '.gitignore');
  const current = existsSync(gi) ? readFileSync(gi, 'utf8') : '';
  if (!current.split(/\r?\n/).some((l) => l.trim() === '.verdict/' || l.trim() === '.verdict')) {
    appendFileSync(gi, `${current && !current.endsWith('\n') ? '\n' : ''}.verdict/\n`);
    process.stdout.write(`added .verdict/ to ${gi}\n`);
  }
  return 0;
}
