// Recognisers for common probe failures: each entry says what the output looks like, what it means
// and the fix. One fixture per entry lives in test/fixtures/diagnosis/<id>.txt.
import type { Diagnosis } from '../model/run.js';
import { ENVIRONMENT_RECOGNISERS, execPrefix } from './environment.js';

export interface DiagnoseContext {
  kind: string;
  output: string;
  timedOut: boolean;
  timeoutMs: number;
  heapMb: number;
  workspacePackages: string[];
  packageManager: string;
  /** The probe's command as the report shows it (fixes say to run it again). */
  command: string;
  /** The errors of the failing tests and test files verdict read; empty when none were read. */
  failures: string[];
}

export interface Recogniser {
  id: string;
  /** Diagnoses that mean the check could not run (UNKNOWN) rather than that it failed. */
  blocksRun: boolean;
  /** The captures the message and fix use (a RegExp match, or any list of strings), true, or null. */
  match(ctx: DiagnoseContext): readonly string[] | boolean | null;
  message(m: readonly string[] | null, ctx: DiagnoseContext): string;
  fix(m: readonly string[] | null, ctx: DiagnoseContext): string;
}

const NATIVE = /Cannot find (?:module|package) '?"?((?:@rollup\/rollup|@rolldown\/binding|@esbuild\/|@swc\/core-|@swc\/html-|lightningcss-|@parcel\/watcher-|@tailwindcss\/oxide-|@biomejs\/cli-|@next\/swc-|@oxc-[\w-]+\/binding-|@img\/sharp-)[\w/-]*(?:\.[\w-]+)*)/;
const INSTALL = (pm: string) => (pm === 'pnpm' ? 'pnpm install' : pm === 'yarn' ? 'yarn install' : 'npm install');

export const RECOGNISERS: Recogniser[] = [
  {
    id: 'heap-out-of-memory',
    blocksRun: false,
    match: (c) => /JavaScript heap out of memory|Reached heap limit Allocation failed|FATAL ERROR: .*Allocation failed/.exec(c.output),
    message: (_m, c) => {
      const crashed = new Set([...c.output.matchAll(/^\[(\d+):0x[0-9a-f]+\]\s+\d+ ms: /gm)].map((x) => x[1])).size;
      const heap = /--max-old-space-size=(\d+)/.exec(c.output)?.[1] ?? String(c.heapMb);
      return `JavaScript heap out of memory: ${crashed > 1 ? `${crashed} processes` : 'a process'} hit the ${heap} MB heap limit` +
        (crashed > 1 ? ` (${crashed} workers x ${heap} MB = ${crashed * Number(heap)} MB)` : '');
    },
    fix: () => 'Find the test or build step that holds the memory (a leak, a huge fixture); if the need is real, raise the heap (NODE_OPTIONS=--max-old-space-size, or the probe\'s heapMb in verdict.config.json) and lower the worker count (vitest --maxWorkers, jest -w) so workers x heap fits the machine.',
  },
  {
    id: 'native-binding-missing',
    blocksRun: true,
    match: (c) => NATIVE.exec(c.output) ?? /Class extends value undefined is not a constructor or null/.exec(c.output),
    message: (m) => m && m[1]
      ? `a native optional dependency is missing for this platform (${process.platform}-${process.arch}): ${m[1]}`
      : 'a native optional dependency is missing for this platform (symptom: "Class extends value undefined is not a constructor or null")',
    fix: (_m, c) => `Optional platform packages are installed only for the platform that wrote the lockfile (npm bug npm/cli#4828): remove node_modules and reinstall on this platform (${INSTALL(c.packageManager)}), or add the binding for ${process.platform}-${process.arch} to optionalDependencies.`,
  },
  {
    id: 'lockfile-out-of-sync',
    blocksRun: true,
    match: (c) => /`npm ci` can only install packages when your package\.json and package-lock\.json|ERR_PNPM_OUTDATED_LOCKFILE|Your lockfile needs to be updated, but yarn was run with `--frozen-lockfile`|lockfile would have been modified/.exec(c.output),
    message: () => 'the lockfile is out of sync with package.json',
    fix: (_m, c) => `Run ${INSTALL(c.packageManager)} locally and commit the updated lockfile.`,
  },
  {
    id: 'node-modules-missing',
    blocksRun: true,
    match: (c) => /(?:sh: \d+: |: )(tsc|vitest|jest|mocha|eslint|biome|vite|next|tsup|rollup|esbuild|turbo|prisma|wrangler|nest|tsx|ts-node): (?:not found|command not found)|Cannot find package '(vitest|typescript|jest|eslint|mocha)'/.exec(c.output),
    message: (m) => `the repository's dependencies are not installed${m ? ` (\`${m[1] ?? m[2]}\` not found)` : ''}`,
    fix: (_m, c) => `Install the dependencies first (${INSTALL(c.packageManager)}), or run verdict audit --install (a clean install from the lockfile; add --ignore-scripts to skip install scripts).`,
  },
  {
    id: 'prisma-client-not-generated',
    blocksRun: true,
    match: (c) => /@prisma\/client did not initialize yet|Please run "prisma generate"|Cannot find module '\.prisma\/client|has no exported member '(PrismaClient|Prisma)'/.exec(c.output),
    message: () => 'the Prisma client has not been generated',
    fix: (_m, c) => `Run \`${execPrefix(c.packageManager)} prisma generate\`, then \`${c.command}\` again; a postinstall script (\`prisma generate\`) makes every install do it.`,
  },
  {
    id: 'test-timeout',
    blocksRun: false,
    match: (c) => c.timedOut || /Test timed out in \d+ ?ms|Exceeded timeout of \d+ ?ms for a test|Timeout of \d+ms exceeded/.exec(c.output),
    message: (_m, c) => c.timedOut
      ? `the ${c.kind} run did not finish within ${Math.round(c.timeoutMs / 1000)} s and its whole process tree was killed`
      : 'tests timed out (a test waited on something that never answered)',
    fix: (_m, c) => c.timedOut
      ? 'Look for a test that never ends (an open server, a timer, a hanging promise, a watch mode); run the suite once with --reporter=verbose to find it, or raise the probe\'s timeout in verdict.config.json.'
      : 'Mock the network or service the test waits on, or give it a realistic timeout.',
  },
  {
    id: 'workspace-package-not-built',
    blocksRun: true,
    match: (c) => {
      for (const name of c.workspacePackages) {
        const esc = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        const m = new RegExp(`(?:Failed to resolve entry for package "(${esc})"|Cannot find module '(${esc})(?:/[^']*)?'|Could not resolve "(${esc})"|Cannot find package '(${esc})'|Cannot find module '(${esc})' or its corresponding type declarations)`).exec(c.output);
        if (m) return m;
      }
      return null;
    },
    message: (m) => `the workspace package ${m?.slice(1).find(Boolean) ?? ''} is imported before it was built`,
    fix: () => 'Build the workspace dependencies first (a `pretest`/`pretypecheck` step, `tsc -b` with project references, or turbo `dependsOn: ["^build"]`), or point its package.json `exports`/`types` at the sources.',
  },
  ...ENVIRONMENT_RECOGNISERS,
];

export function diagnose(ctx: DiagnoseContext): Diagnosis[] {
  const out: Diagnosis[] = [];
  for (const r of RECOGNISERS) {
    const hit = r.match(ctx);
    if (!hit) continue;
    const m = hit === true ? null : hit;
    out.push({ id: r.id, message: r.message(m, ctx), fix: r.fix(m, ctx) });
  }
  return out;
}

/** A recogniser's diagnosis given without output to match (verdict saw the cause itself). */
export function diagnosisFor(id: string, ctx: DiagnoseContext): Diagnosis {
  const r = RECOGNISERS.find((x) => x.id === id);
  if (!r) throw new Error(`no recogniser ${id}`);
  return { id, message: r.message(null, ctx), fix: r.fix(null, ctx) };
}

/** Diagnosis ids that mean the probe could not do its job: its checks are UNKNOWN, not failed. */
export const BLOCKING_DIAGNOSES = RECOGNISERS.filter((r) => r.blocksRun).map((r) => r.id);
