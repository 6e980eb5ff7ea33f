// One tsc run for the typecheck and the build when they are the same program. A build script that
// is one `tsc` call (with emit) over the project the typecheck would check runs the same program
// with the same diagnostics, and writes its output besides: the build runs, and the typecheck's
// figures are read from its output. The build runs rather than `tsc --noEmit` alone because only
// the build's run can say the build succeeds and measure what it wrote; the typecheck loses nothing,
// since emitting does not change the program tsc checks. Anything else in either call (`-b`,
// `--watch`, other options, another tsconfig, `&&`) keeps two runs: they may not be one program.
import { posix } from 'node:path';
import type { DiscoveredPackage, RepoLayout } from '../discover/index.js';
import { singleCall, type PlannedProbe } from './plan.js';

/** The tsconfig a tsc call checks, relative to its cwd; null when the call does anything besides check (and emit) one project. */
export function tscProject(args: string[]): string | null {
  let project = '.';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-p' || a === '--project') {
      const next = args[++i];
      if (!next || next.startsWith('-')) return null;
      project = next;
    } else if (a === '--pretty') {
      if (args[i + 1] === 'false' || args[i + 1] === 'true') i++;
    } else if (a !== '--noEmit') return null;
  }
  const p = posix.normalize(project.replace(/\/$/, ''));
  return p.endsWith('.json') ? p : posix.join(p, 'tsconfig.json');
}

/** The tsc arguments a planned probe runs: its own call of the tsc bin, or its package script when that is one tsc call. */
function tscArgs(p: PlannedProbe, pkg: DiscoveredPackage | undefined): string[] | null {
  if (p.args[0] === 'run' && p.args.length === 2 && pkg) return singleCall(pkg.scripts[p.args[1]], 'tsc');
  return posix.basename(p.file) === 'tsc' ? p.args : null;
}

/**
 * Typecheck probes the build's run answers, each with the build probe that serves it. Only probes
 * that will run are given: a build that is off or skipped serves nothing, and the typecheck runs.
 */
export function sharedTscRuns(todo: PlannedProbe[], layout: RepoLayout): Map<PlannedProbe, PlannedProbe> {
  const out = new Map<PlannedProbe, PlannedProbe>();
  for (const build of todo.filter((p) => p.kind === 'build')) {
    const pkg = layout.packages.find((x) => x.name === build.package && x.path === build.pkgPath);
    const args = tscArgs(build, pkg);
    if (!args || args.includes('--noEmit')) continue;
    const project = tscProject(args);
    if (!project) continue;
    const typechecks = todo.filter((p) => p.kind === 'typecheck' && p.pkgPath === build.pkgPath && p.cwd === build.cwd);
    // Two typecheck runs in one package (several projects): the build is one of them at most; keep both runs.
    if (typechecks.length !== 1) continue;
    const tc = typechecks[0];
    const own = tscArgs(tc, pkg);
    if (own && tscProject(own) === project) out.set(tc, build);
  }
  return out;
}

export function derivedReason(build: string): string {
  return `read from the build's run (\`${build}\` is one tsc call over the project the typecheck checks): the same program and diagnostics; tsc ran once`;
}
