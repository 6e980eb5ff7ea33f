import { z } from 'zod';
import { Severity } from '../model/run.js';
import { FILE_ROLES } from '../util/roles.js';

const RuleSetting = z.union([z.literal('off'), Severity]);

export const Exemption = z.strictObject({
  rule: z.string().min(1).describe('Rule id, e.g. "database/sql-injection"'),
  path: z.string().min(1).describe('Glob relative to the audited root'),
  reason: z.string().min(1),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').optional(),
});
export type Exemption = z.infer<typeof Exemption>;

export const GatePolicy = z.strictObject({
  nogoSeverities: z.array(Severity).optional().describe('Unsuppressed findings of these severities make the gate NO_GO'),
  conditionSeverities: z.array(Severity).optional().describe('Findings of these severities make the gate GO_WITH_CONDITIONS'),
  unknownBlocking: z.enum(['conditions', 'nogo']).optional()
    .describe('What a blocking check (tests, typecheck) that could not run does to the gate'),
  blockingRules: z.array(z.string()).optional().describe('Extra rule ids whose findings make the gate NO_GO'),
});
export type GatePolicy = z.infer<typeof GatePolicy>;

export const ProbeOverride = z.strictObject({
  off: z.boolean().optional().describe('Do not run this probe (its checks are UNKNOWN)'),
  command: z.string().min(1).optional().describe('Shell command to run instead of the planned one; its output is read as text'),
  cwd: z.string().min(1).optional().describe('Folder to run in, relative to the audited root'),
  timeout: z.number().positive().optional().describe('Seconds before the whole process tree is killed'),
  heapMb: z.number().int().min(16).optional().describe('--max-old-space-size for Node children, in MB'),
});
export type ProbeOverride = z.infer<typeof ProbeOverride>;

export const ProbesConfig = z.strictObject({
  typecheck: ProbeOverride.optional(),
  tests: ProbeOverride.optional(),
  lint: ProbeOverride.optional(),
  audit: ProbeOverride.optional(),
  build: ProbeOverride.optional(),
  install: ProbeOverride.optional(),
  concurrency: z.number().int().min(1).max(16).optional().describe('How many probes run at once (default 2)'),
  registry: z.string().url().optional().describe('Registry the dependency audit asks (default: the package manager\'s own)'),
  coverageThreshold: z.number().min(0).max(100).optional()
    .describe('Line coverage (%) required when the tests write coverage/coverage-summary.json'),
  passEnv: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')).optional()
    .describe('Environment variables passed to the probes besides PATH, the locale, TZ and CI. Honoured only from a config file outside the audited repository (--config)'),
  allowUnsandboxed: z.boolean().optional()
    .describe('Run the repository\'s code where no sandbox is available, as --exec does. Honoured only from a config file outside the audited repository (--config)'),
});
export type ProbesConfig = z.infer<typeof ProbesConfig>;

export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  rules: z.record(z.string(), RuleSetting).optional().describe('"<rule-id>": "off" or a severity'),
  exemptions: z.array(Exemption).optional(),
  boundaries: z.strictObject({
    database: z.strictObject({
      allow: z.array(z.string()).describe('Globs of files that may touch the database'),
    }).optional(),
  }).optional(),
  gate: GatePolicy.optional(),
  ignore: z.array(z.string()).optional().describe('Globs of files verdict does not read'),
  roles: z.record(z.string().min(1), z.enum(FILE_ROLES, { error: (iss) => `unknown role ${JSON.stringify(iss.input)}: expected one of ${FILE_ROLES.join(', ')}` })).optional()
    .describe('"<glob>": role. Overrides the role verdict gives the matching paths (the first glob that matches wins); findings outside release code (service, config, pending migrations) are lowered and never block'),
  probes: ProbesConfig.optional().describe('Probe overrides per kind (off, command, cwd, timeout, heapMb) and limits'),
  auth: z.strictObject({
    middleware: z.array(z.string()).optional().describe('Names of the project\'s own auth middleware or guards'),
  }).optional(),
});
export type VerdictConfig = z.infer<typeof ConfigSchema>;

export function configJsonSchema(): unknown {
  return z.toJSONSchema(ConfigSchema, { target: 'draft-2020-12', io: 'input' });
}
