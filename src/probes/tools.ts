// The flags verdict adds to each tool, per installed version, kept as data: a flag a version does not
// know makes the tool exit before running anything (vitest 2 rejects --includeTaskLocation), so a
// version outside every range here gets no added flag at all, only the repository's own command.
// Each range spans the majors the version matrix (test/probe-matrix.test.ts) runs, one release
// each; a release inside a range that still rejects a flag is run again the repository's own way
// (rejected.ts), so a range too wide costs a second run, never a false failure.
import type { Reader } from './plan.js';

export type ToolName = 'vitest' | 'jest' | 'mocha' | 'eslint' | 'biome' | 'tsc';

export interface ToolFlags {
  /** The versions these flags are for: space-separated comparators (`>=1.0.0 <3.0.0`). */
  versions: string;
  /** The machine-readable reporter. */
  reporter: string[];
  /** Where that reporter writes; `{file}` is a temp file. Empty: it prints to stdout. */
  outputFile: string[];
  /** Flags that add test locations (file:line of each test) to the report. */
  location: string[];
  /** The repository's own flags to drop, each with its value (`--reporter dot`, `--reporter=dot`). */
  strip: string[];
  /** The repository's own words to drop alone (`--watch`, `run`). */
  drop: string[];
  reader: Reader;
  /** Where the facts behind this entry come from (a changelog, or the matrix fixture). */
  source: string;
}

export interface ToolSpec {
  tool: ToolName;
  /** The npm package whose package.json says the installed version. */
  package: string;
  /** Its executable in node_modules/.bin. */
  bin: string;
  flags: ToolFlags[];
}

const VITEST_STRIP = ['--reporter', '--outputFile'];
const JEST = {
  reporter: ['--ci', '--json'], outputFile: ['--outputFile={file}'], location: ['--testLocationInResults'],
  strip: ['--outputFile'], drop: ['--json', '--watch', '--watchAll'], reader: 'jest-json' as const,
};
const ESLINT = {
  reporter: ['-f', 'json'], outputFile: ['-o', '{file}'], location: [], strip: ['-f', '--format', '-o', '--output-file'], drop: ['--fix'], reader: 'eslint-json' as const,
};

export const TOOLS: ToolSpec[] = [
  {
    tool: 'vitest', package: 'vitest', bin: 'vitest',
    flags: [
      {
        versions: '>=1.0.0 <3.0.0', reporter: ['--reporter=default', '--reporter=json'], outputFile: ['--outputFile.json={file}'], location: [],
        strip: VITEST_STRIP, drop: ['run', '--watch'], reader: 'vitest-json',
        source: 'vitest 1.6.1 and 2.1.9 reject --includeTaskLocation ("CACError: Unknown option"); checked by matrix-vitest-1 and -2',
      },
      {
        versions: '>=3.0.0 <5.0.0', reporter: ['--reporter=default', '--reporter=json'], outputFile: ['--outputFile.json={file}'], location: ['--includeTaskLocation'],
        strip: VITEST_STRIP, drop: ['run', '--watch'], reader: 'vitest-json',
        source: '3.2.4 and 4.1.12 take --includeTaskLocation; checked by matrix-vitest-3 and -4',
      },
    ],
  },
  {
    tool: 'jest', package: 'jest', bin: 'jest',
    flags: [{ versions: '>=27.0.0 <31.0.0', ...JEST, source: '27.5.1, 29.7.0 and 30.2.0; checked by matrix-jest-27, -29 and -30' }],
  },
  {
    tool: 'mocha', package: 'mocha', bin: 'mocha',
    flags: [{
      versions: '>=10.0.0 <12.0.0', reporter: ['--reporter', 'json'], outputFile: ['--reporter-option', 'output={file}'], location: [],
      strip: ['--reporter', '-R', '--reporter-option', '--reporter-options', '-O'], drop: ['--watch', '-w'], reader: 'mocha-json',
      source: '10.8.2 and 11.7.5 write the json reporter to the output option\'s file; checked by matrix-mocha-10 and -11',
    }],
  },
  {
    tool: 'eslint', package: 'eslint', bin: 'eslint',
    flags: [{ versions: '>=8.0.0 <10.0.0', ...ESLINT, source: '8.57.1 (eslintrc) and 9.39.5 (flat config); checked by matrix-eslint-8 and -9' }],
  },
  {
    tool: 'biome', package: '@biomejs/biome', bin: 'biome',
    flags: [{
      versions: '>=1.9.0 <3.0.0', reporter: ['--reporter=json'], outputFile: [], location: [],
      strip: ['--reporter'], drop: ['--write', '--fix', '--apply', '--apply-unsafe', '--unsafe'], reader: 'biome-json',
      source: '1.9.4 (a byte span into the source) and 2.6.9 (line and column) print JSON to stdout; checked by matrix-biome-1 and -2',
    }],
  },
  {
    tool: 'tsc', package: 'typescript', bin: 'tsc',
    flags: [{
      versions: '>=4.0.0 <6.0.0', reporter: ['--pretty', 'false'], outputFile: [], location: [], strip: ['--pretty'], drop: ['--watch', '-w'], reader: 'tsc',
      source: '4.9.5 and 5.9.3 print file(line,col): error TSxxxx with --pretty false; checked by matrix-tsc-4.9 and -5',
    }],
  },
];

type Version = [number, number, number];

/**
 * `1.2.3`, `1.2.3-beta.1`; null for anything else. A prerelease counts as its release: a 3.0 beta
 * already has the next major's CLI, so `<3.0.0` must not take it in.
 */
export function parseVersion(v: string): Version | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-[\w.-]+)?(?:\+[\w.-]+)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether `version` satisfies every comparator of `range` (`>=1.0.0 <3.0.0`). */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  return range.trim().split(/\s+/).every((c) => {
    const m = /^(>=|<=|>|<|=)?(.+)$/.exec(c);
    const bound = m ? parseVersion(m[2]) : null;
    if (!m || !bound) throw new Error(`tools table: bad comparator "${c}" in "${range}"`);
    const d = compare(v, bound);
    switch (m[1]) {
      case '>=': return d >= 0;
      case '<=': return d <= 0;
      case '>': return d > 0;
      case '<': return d < 0;
      default: return d === 0;
    }
  });
}

/** The flags for this version of the tool, or null (unknown version: no flag is safe to add). */
export function flagsFor(spec: ToolSpec, version: string | null): ToolFlags | null {
  if (!version) return null;
  return spec.flags.find((f) => satisfies(version, f.versions)) ?? null;
}

export function toolSpec(tools: ToolSpec[], tool: ToolName): ToolSpec {
  const spec = tools.find((t) => t.tool === tool);
  if (!spec) throw new Error(`tools table: no entry for ${tool}`);
  return spec;
}
