import { watchModeIn } from '../../knowledge/index.js';
import type { DiscoveredPackage } from '../../discover/index.js';
import type { Workflow, WorkflowStep } from '../../model/workflows.js';
import { defineRepoRule } from '../api.js';
import { followScripts, type StartStep } from '../shared/start-commands.js';
import { workflowsOf } from '../shared/workflows.js';

interface Hit { wf: Workflow; step: WorkflowStep; shown: string; bin: string; tests: boolean; chain: StartStep[] }

/** The shell lines of a `run:` text: continuation lines joined, comments dropped. */
function linesOf(run: string): string[] {
  return run.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/** What a line runs in the foreground: a command put in the background with `&` does not hold the step. */
function foreground(line: string): string {
  const parts = line.split(/(?<![&>|<])&(?![&>])/);
  return parts[parts.length - 1] ?? '';
}

/** The command of a step that watches and never exits, followed through the package's scripts. */
function watcherOf(step: WorkflowStep, pkg: DiscoveredPackage | null, manifest: string | null): Omit<Hit, 'wf' | 'step'> | null {
  if (!step.run) return null;
  for (const line of linesOf(step.run)) {
    for (const r of followScripts(foreground(line), pkg, manifest, [])) {
      const words = r.words.includes('&') ? r.words.slice(r.words.lastIndexOf('&') + 1) : r.words;
      const hit = watchModeIn(words);
      if (hit) return { shown: hit.shown, bin: hit.mode.bin, tests: Boolean(hit.mode.tests) || step.kinds.includes('tests'), chain: r.chain };
    }
  }
  return null;
}

export default defineRepoRule({
  id: 'ci/step-never-exits',
  meta: {
    category: 'ci',
    severity: 'high',
    title: 'A CI step runs a command in watch mode: the job never finishes',
    rationale: 'A test runner or compiler in watch mode (`node --test --watch`, `jest --watch`, `vitest watch`, `tsc -w`, nodemon) waits for file changes after its first run instead of exiting, so the CI job runs until the provider cancels it and the check never goes green.',
    remediation: { text: 'Run the one-shot form in CI: `vitest run`, `jest --ci`, `node --test`, `tsc --noEmit`; keep the watching form in a `dev`/`test:watch` script.', effort: 'low' },
    messages: {
      onlyTests: '{{where}} runs `{{command}}`{{via}}, which watches for changes and never exits: the only test step of CI hangs until the job times out, so it never passes',
      watches: '{{where}} runs `{{command}}`{{via}}, which watches for changes and never exits: the job hangs until it times out',
    },
  },
  check(ctx) {
    const workflows = workflowsOf(ctx).filter((w) => w.error === null);
    if (workflows.length === 0) return ctx.notApplicable('no GitHub Actions or GitLab CI workflow read');
    // Steps run from the repository root: its package's scripts are the ones `npm test` runs.
    const pkg = ctx.layout.packages.find((p) => p.path === '.' && p.manifestPath) ?? null;
    const manifest = pkg?.manifestPath ? ctx.documents.get(pkg.manifestPath) ?? null : null;
    const hits: Hit[] = [];
    let testSteps = 0;
    let steps = 0;
    for (const wf of workflows) {
      for (const job of wf.jobs) {
        for (const step of job.steps) {
          steps++;
          const w = watcherOf(step, pkg, manifest);
          if (step.kinds.includes('tests') || w?.tests) testSteps++;
          if (w) hits.push({ wf, step, ...w });
        }
      }
    }
    for (const h of hits) {
      const only = h.tests && testSteps === 1;
      const last = h.chain[h.chain.length - 1];
      ctx.report({
        messageId: only ? 'onlyTests' : 'watches',
        severity: only ? 'high' : 'medium',
        data: {
          where: `${h.wf.path}:${h.step.line}${h.step.name ? ` ("${h.step.name}")` : ''}`,
          command: h.shown,
          via: last ? ` (through ${h.chain.map((s) => s.text).join(' → ')})` : '',
        },
        location: { path: h.wf.path, line: h.step.line },
        evidence: h.chain.map((s) => ({ kind: 'file' as const, path: s.path, line: s.line, snippet: s.text })),
      });
    }
    if (hits.length === 0) ctx.pass(`${steps} step(s) of ${workflows.length} workflow(s) read, package scripts followed: none runs a command in watch mode`);
  },
});
