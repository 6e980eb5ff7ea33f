// The result model. The JSON output *is* this model; `verdict schema` prints its JSON schema.
import { z } from 'zod';
import { CATEGORIES, SCHEMA_VERSION, SEVERITIES, SEVERITY_RANK } from './constants.js';

export { CATEGORIES, SCHEMA_VERSION, SEVERITIES, SEVERITY_RANK };

export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const Location = z.object({
  path: z.string().describe('Relative to the audited root, forward slashes'),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endLine: z.number().int().min(1),
  snippet: z.string(),
});
export type Location = z.infer<typeof Location>;

export const Evidence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string(), line: z.number().int().min(1), snippet: z.string() }),
  z.object({
    kind: z.literal('command'), command: z.string(), exitCode: z.number().int().nullable(),
    durationMs: z.number(), excerpt: z.string(),
  }),
  z.object({ kind: z.literal('figure'), name: z.string(), value: z.union([z.number(), z.string(), z.boolean()]) }),
  z.object({ kind: z.literal('note'), text: z.string() }),
]);
export type Evidence = z.infer<typeof Evidence>;

export const Suppression = z.object({
  reason: z.string(),
  where: z.string().describe('path:line of the comment, or "config exemption"'),
});

export const Finding = z.object({
  ruleId: z.string(),
  category: Category,
  severity: Severity,
  message: z.string(),
  messageId: z.string().optional().describe('Key of the message in the rule\'s catalogue (`verdict explain <rule>`); stable while the wording changes'),
  location: Location.nullable(),
  evidence: z.array(Evidence),
  remediation: z.string(),
  fingerprint: z.string(),
  package: z.string().nullable(),
  suppressed: Suppression.nullable(),
  experimental: z.boolean(),
  outsideRelease: z.object({
    role: z.string().describe('The role of the file (test, mock, script, example, generated, vendored, archived, template, migration for one already applied)'),
    severity: Severity.describe('The severity the rule gave, before it was lowered'),
  }).optional().describe('Present when the finding is outside release code: its severity is lowered (see docs/gate.md) and it never blocks the gate'),
});
export type Finding = z.infer<typeof Finding>;

export const OutcomeStatus = z.enum(['pass', 'fail', 'not-applicable', 'unknown', 'error']);
export type OutcomeStatus = z.infer<typeof OutcomeStatus>;

export const Outcome = z.object({
  ruleId: z.string(),
  category: Category,
  package: z.string().nullable(),
  status: OutcomeStatus,
  reason: z.string().describe('What was inspected, or why the check could not run'),
  blocking: z.boolean(),
});
export type Outcome = z.infer<typeof Outcome>;

export const Diagnosis = z.object({ id: z.string(), message: z.string(), fix: z.string() });
export type Diagnosis = z.infer<typeof Diagnosis>;

export const ProbeResult = z.object({
  kind: z.string().describe('typecheck | tests | lint | audit | build | ...'),
  package: z.string().nullable(),
  status: z.enum(['ran', 'skipped', 'error']),
  reason: z.string().nullable(),
  command: z.string(),
  cwd: z.string(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  durationMs: z.number(),
  timedOut: z.boolean(),
  figures: z.record(z.string(), z.unknown()),
  diagnosis: z.array(Diagnosis),
  outputExcerpt: z.string(),
  cached: z.boolean().optional().describe('True when this is the result of an earlier run of the same probe on identical inputs (the migrations probe: same SQL files, engine versions and verdict build)'),
  tool: z.object({
    name: z.string(), version: z.string().nullable(), flags: z.string().nullable(),
  }).optional().describe('The tool the probe called and its installed version (null: unreadable); flags is the version range of the flags-table entry used, null when no entry fits and the repository\'s own command ran unchanged'),
  derivedFrom: z.object({
    kind: z.string(), command: z.string(), reason: z.string(),
  }).optional().describe('Set when this probe did not run a process of its own: its figures are read from the run of that probe (the typecheck from a build that is one tsc call over the same project), and the reason says why that is the same check'),
  rejectedInvocation: z.object({
    command: z.string(), exitCode: z.number().int().nullable(), reason: z.string(),
  }).optional().describe('verdict\'s own invocation, when the tool rejected it: this result is from the repository\'s own command, run instead'),
});
export type ProbeResult = z.infer<typeof ProbeResult>;

export const Deduction = z.object({
  ruleId: z.string(), severity: Severity, findings: z.number().int(), points: z.number(), capped: z.boolean(),
});
export const CategoryScore = z.object({
  score: z.number().nullable().describe('null when no check of the category was verified'),
  coverage: z.object({ verified: z.number().int(), total: z.number().int() }),
  deductions: z.array(Deduction),
  counts: z.record(Severity, z.number().int()),
});
export type CategoryScore = z.infer<typeof CategoryScore>;

export const ScoreSet = z.object({
  overall: z.number().nullable(),
  coverage: z.object({ verified: z.number().int(), total: z.number().int() }),
  categories: z.record(z.string(), CategoryScore),
});
export type ScoreSet = z.infer<typeof ScoreSet>;

export const Scores = ScoreSet.extend({
  weights: z.record(z.string(), z.number()),
  packages: z.record(z.string(), ScoreSet),
});
export type Scores = z.infer<typeof Scores>;

export const GateItem = z.object({
  kind: z.string().describe('finding | unknown | probe | policy | unread'),
  message: z.string(),
  ruleId: z.string().nullable(),
  evidence: z.string().nullable(),
});
export type GateItem = z.infer<typeof GateItem>;

export const Decision = z.enum(['GO', 'GO_WITH_CONDITIONS', 'NO_GO']);
export type Decision = z.infer<typeof Decision>;
export const Gate = z.object({ decision: Decision, reasons: z.array(GateItem), conditions: z.array(GateItem) });
export type Gate = z.infer<typeof Gate>;

export const Unknown = z.object({ check: z.string(), package: z.string().nullable(), reason: z.string() });
export type Unknown = z.infer<typeof Unknown>;

export const InputDiagnostic = z.object({
  path: z.string(), problem: z.string(), action: z.string(),
});
export type InputDiagnostic = z.infer<typeof InputDiagnostic>;

export const PackageInfo = z.object({
  name: z.string(),
  path: z.string().describe('Relative to the root; "." for the root package'),
  kind: z.enum(['root', 'workspace', 'nested', 'worker']),
  private: z.boolean(),
  scripts: z.record(z.string(), z.string()),
  frameworks: z.array(z.string()),
  orms: z.array(z.string()),
  testRunners: z.array(z.string()),
  loggers: z.array(z.string()),
  runtimes: z.array(z.string()),
  sourceFiles: z.number().int(),
});
export type PackageInfo = z.infer<typeof PackageInfo>;

export const Timings = z.object({
  startedAt: z.string(),
  endedAt: z.string(),
  totalMs: z.number(),
  stages: z.record(z.string(), z.number()),
  rules: z.record(z.string(), z.number()),
  collectors: z.record(z.string(), z.number()).describe('Time inside each collector\'s visitors (with --timing), summed over threads'),
  threads: z.number().int().min(1).describe('Threads that processed files in the collect stage (1: the main thread only)'),
  rulesRan: z.array(z.string()).optional().describe('With the rule cache: the repository rules that ran, in run order (the others were answered from the cache because every input they read was unchanged)'),
  engines: z.object({
    pgliteColdStartMs: z.number().optional(),
    pglitePeakRssMb: z.number().optional().describe('Peak resident memory of the audit process while PGlite ran, MB'),
    pgliteDataDir: z.enum(['image', 'initdb, image made', 'initdb, image remade', 'initdb']).optional()
      .describe('How PGlite got its data directory: loaded from the image in verdict\'s cache folder, or made by initdb (and the image then written)'),
    pgliteImageProblem: z.string().optional().describe('Why the data directory image could not be used or written'),
  }).optional().describe('Embedded SQL engines started to apply migrations (absent when none started)'),
});

export const Configuration = z.object({
  origin: z.enum(['repository', 'user', 'none'])
    .describe('Whose configuration the run used: the audited repository\'s own verdict.config.json (or a --config file inside it), a --config file of the user\'s outside it, or none (defaults)'),
  path: z.string().nullable().describe('The file, relative to the audited root when inside it'),
  repositoryConfigIgnored: z.boolean().describe('The repository has a verdict.config.json that --config none or another --config left unread'),
  changes: z.array(z.object({
    kind: z.enum(['rule-off', 'severity', 'ignore', 'exemption', 'gate', 'probe', 'auth', 'boundary', 'role']),
    text: z.string(),
  })).describe('Every setting that changes what is checked or how it is judged, one line each'),
});
export type Configuration = z.infer<typeof Configuration>;

export const AuditRun = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('verdict'), version: z.string() }),
  repo: z.object({
    root: z.string(), gitRoot: z.string().nullable(), commit: z.string().nullable(), dirty: z.boolean().nullable(),
  }),
  options: z.object({
    exec: z.boolean(), only: z.array(z.string()), skip: z.array(z.string()), config: z.string().nullable(),
    cache: z.boolean(),
    sandbox: z.object({
      tool: z.string().nullable().describe('The sandbox the repository\'s code ran in ("bubblewrap 0.8.0"); null: none was available'),
      problem: z.string().nullable().describe('Why no sandbox was available'),
      unconfined: z.boolean().describe('The repository\'s code ran without a sandbox because the user asked for it (--exec); the caches were not used'),
    }).describe('How the repository\'s code was contained (see docs/security-model.md)'),
  }),
  configuration: Configuration,
  packages: z.array(PackageInfo),
  inventory: z.record(z.string(), z.unknown()).describe('Named facts: databases, routes, migrations, workflows, ...'),
  stats: z.object({
    files: z.number().int(), sourceFiles: z.number().int(), parsed: z.number().int(), cached: z.number().int(),
    rulesCached: z.number().int().optional().describe('Repository rules whose result was reused from the rule cache because every input they read was unchanged'),
    bytes: z.number().int(),
    skipped: z.object({
      large: z.number().int(), binary: z.number().int(), symlinks: z.number().int(), unreadable: z.number().int(),
      listed: z.number().int().optional().describe('Files listed and not read: vendored code (a committed .env excepted), or of a kind no check reads (images, fonts, archives); vendored and generated trees are counted in inventory.roles'),
    }),
  }),
  probes: z.array(ProbeResult),
  outcomes: z.array(Outcome),
  findings: z.array(Finding),
  scores: Scores,
  gate: Gate,
  unknowns: z.array(Unknown),
  diagnostics: z.array(InputDiagnostic),
  timings: Timings,
});
export type AuditRun = z.infer<typeof AuditRun>;

export function auditRunJsonSchema(): unknown {
  return z.toJSONSchema(AuditRun, { target: 'draft-2020-12', io: 'output' });
}

