// The CI workflow inventory (`inventory.workflows`): what each workflow runs, with the line of each step.
import { z } from 'zod';

export const CHECK_KINDS = ['install', 'typecheck', 'tests', 'lint', 'audit', 'build', 'deploy'] as const;
export const CheckKind = z.enum(CHECK_KINDS);
export type CheckKind = z.infer<typeof CheckKind>;

export const WorkflowStep = z.object({
  line: z.number().int().min(1),
  name: z.string().nullable(),
  uses: z.string().nullable(),
  run: z.string().nullable(),
  with: z.record(z.string(), z.string()).describe('Scalar inputs of a `uses:` step'),
  /** Check kinds this step performs (install means: from the lockfile). */
  kinds: z.array(CheckKind),
  /** Scripts a `npm run x` style command resolved to, as `x: <script text>`. */
  resolved: z.array(z.string()),
});
export type WorkflowStep = z.infer<typeof WorkflowStep>;

export const WorkflowJob = z.object({
  id: z.string(),
  line: z.number().int().min(1),
  environment: z.string().nullable(),
  permissions: z.boolean(),
  /** Jobs this one waits for (`needs:`). */
  needs: z.array(z.string()),
  steps: z.array(WorkflowStep),
});
export type WorkflowJob = z.infer<typeof WorkflowJob>;

export const Workflow = z.object({
  path: z.string(),
  platform: z.enum(['github', 'gitlab']),
  name: z.string().nullable(),
  triggers: z.array(z.string()),
  /** Branches a `push` trigger is limited to (`on.push.branches`); [] when it runs for tags only; null for every branch or no push trigger. */
  pushBranches: z.array(z.string()).nullable(),
  /** Paths a `push` trigger is limited to (`on.push.paths`); null when none. */
  pushPaths: z.array(z.string()).nullable(),
  /** Line of the top-level `permissions:` key, null when absent. */
  permissionsLine: z.number().int().nullable(),
  jobs: z.array(WorkflowJob),
  runs: z.array(CheckKind).describe('Union of the check kinds of every step'),
  error: z.string().nullable().describe('Parse error; the workflow was not inspected'),
});
export type Workflow = z.infer<typeof Workflow>;

export const Workflows = z.array(Workflow);
