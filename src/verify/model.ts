// The result of `verdict verify`: the claims a readiness report makes and what the code says about
// each. The JSON output *is* this model.
import { z } from 'zod';
import { Configuration, Evidence } from '../model/run.js';

export const VERIFY_SCHEMA_VERSION = 1;

export const CLAIM_KINDS = [
  'count', 'value', 'feature', 'topic', 'ci', 'symbol', 'path', 'line-range', 'script', 'env-var',
  'tests-pass', 'typecheck', 'lint', 'build', 'vulnerabilities', 'secrets', 'db-access', 'sql-injection',
  'score', 'readiness', 'quote', 'link', 'package', 'call', 'setting', 'migration', 'history', 'outside', 'plan', 'unrecognised',
  // Subjects resolved in the code's structure: a library option, a route's chain, a config file's setting.
  'option', 'route', 'config',
] as const;
export const ClaimKind = z.enum(CLAIM_KINDS);
export type ClaimKind = z.infer<typeof ClaimKind>;

export const VERDICTS = ['contradicted', 'confirmed', 'unverifiable'] as const;
export const ClaimVerdict = z.enum(VERDICTS);
export type ClaimVerdict = z.infer<typeof ClaimVerdict>;

export const ClaimSource = z.enum(['list', 'table', 'heading', 'bold', 'sentence', 'checkbox', 'tree', 'code', 'block']);
export type ClaimSource = z.infer<typeof ClaimSource>;

export const Subject = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type Subject = z.infer<typeof Subject>;

export const Claim = z.object({
  id: z.number().int().describe('1-based, in report order'),
  text: z.string().describe('The claim as the report words it (Markdown stripped, mojibake repaired)'),
  line: z.number().int().min(1).describe('Line in the report'),
  endLine: z.number().int().min(1),
  section: z.array(z.string()).describe('Heading path, outermost first'),
  source: ClaimSource,
  kind: ClaimKind,
  subject: Subject.describe('What the claim is about, as extracted (kind-specific keys)'),
  fact: z.object({
    subject: z.string().describe('What the claim is about: a file, function, route, script, table, the service as a whole'),
    predicate: z.string().describe('What it says of the subject: exists, is used, count = N, status ready, absent, passes'),
    scope: z.string().describe('Where evidence may come from: the package, worker or folder the claim names, else the release code'),
    polarity: z.enum(['asserts', 'denies']),
    key: z.string().nullable().describe('Claims with the same key state the same fact and share one verdict'),
  }),
  verdict: ClaimVerdict,
  evidence: z.array(Evidence),
  reason: z.string().describe('One line: why this verdict'),
  stale: z.object({ since: z.string(), paths: z.array(z.string()) }).nullable()
    .describe('Files the claim refers to that changed after the commit that added the report'),
});
export type Claim = z.infer<typeof Claim>;

export const Provenance = z.object({
  tracked: z.boolean(),
  addedIn: z.string().nullable().describe('Commit that added the report'),
  addedOn: z.string().nullable(),
  checkedAt: z.string().nullable().describe('Commit the claims were checked against (--at), or "working-tree"'),
  changedSince: z.array(z.string()).describe('Files changed between the report commit and the checked revision'),
  changesUnknown: z.string().nullable().describe('Why the files changed since the report commit could not be listed (no claim is then marked stale); null when they were'),
});
export type Provenance = z.infer<typeof Provenance>;

export const VerifySummary = z.object({
  claims: z.number().int(),
  recognised: z.number().int(),
  recognisedShare: z.number().describe('0..1: claims classified into a known kind'),
  verdicts: z.record(ClaimVerdict, z.number().int()),
  worst: z.array(z.number().int()).describe('Ids of contradicted claims, worst first'),
  notClaims: z.number().int().describe('Non-blank prose lines of the report not treated as claims (plans, judgements, unrecognised text, other prose): counted, not annotated'),
  trust: z.string().describe('One sentence a reviewer can act on'),
});
export type VerifySummary = z.infer<typeof VerifySummary>;

export const VerifyResult = z.object({
  schemaVersion: z.literal(VERIFY_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('verdict'), version: z.string() }),
  report: z.object({
    path: z.string(), encoding: z.string(), repaired: z.number().int().describe('Mojibake sequences repaired'),
  }),
  repo: z.object({ root: z.string(), exec: z.boolean(), gate: z.string().nullable(), configuration: Configuration.describe('The configuration the audit behind the checks used') }),
  provenance: Provenance,
  claims: z.array(Claim),
  summary: VerifySummary,
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export function verifyResultJsonSchema(): unknown {
  return z.toJSONSchema(VerifyResult, { target: 'draft-2020-12', io: 'output' });
}
