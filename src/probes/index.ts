// probes: the only code that runs the audited repository's code (its typecheck, tests, lint,
// dependency audit and build). Every child process starts through the one runner module.
import type { RepoLayout } from '../discover/index.js';
import type { ProbeResult } from '../model/run.js';

export interface ProbeOptions {
  exec: boolean;
  config: Record<string, unknown> | undefined;
  quiet: boolean;
}

/** The probe kinds this build of verdict can run. */
export const PROBE_KINDS: string[] = [];

export async function runProbes(_layout: RepoLayout, _opts: ProbeOptions): Promise<ProbeResult[]> {
  return [];
}
