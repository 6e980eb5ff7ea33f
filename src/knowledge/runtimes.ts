// Runtimes and CI machines past their end of life: no security fixes any more (Node), or no longer
// provided at all (GitHub-hosted runner images: a job that asks for one waits for a runner that never
// comes, so CI has not run since). Each entry is a dated fact, so a given tree always gets the same answer.

export interface EndOfLife {
  /** A Node.js major version, or a GitHub-hosted runner label. */
  name: string;
  /** The date it reached end of life or was removed (YYYY-MM-DD). */
  since: string;
  source: string;
}

const NODE_SCHEDULE = 'https://github.com/nodejs/Release#end-of-life-releases';

/** Node.js majors and the date each reached, or reaches, end of life: judged against the audit's date. */
export const NODE_END_OF_LIFE: readonly EndOfLife[] = [
  ['4', '2018-04-30'], ['5', '2016-06-30'], ['6', '2019-04-30'], ['7', '2017-06-30'], ['8', '2019-12-31'], ['9', '2018-06-30'],
  ['10', '2021-04-30'], ['11', '2019-06-01'], ['12', '2022-04-30'], ['13', '2020-06-01'], ['14', '2023-04-30'], ['15', '2021-06-01'],
  ['16', '2023-09-11'], ['17', '2022-06-01'], ['18', '2025-04-30'], ['19', '2023-06-01'], ['20', '2026-04-30'], ['21', '2024-06-01'],
  ['22', '2027-04-30'], ['23', '2025-06-01'], ['24', '2028-04-30'], ['25', '2026-06-01'],
].map(([name, since]) => ({ name, since, source: NODE_SCHEDULE }));

const RUNNER_IMAGES = 'https://github.com/actions/runner-images (the image\'s deprecation and removal announcement)';

/** GitHub-hosted runner images that were removed. */
export const RETIRED_RUNNERS: readonly EndOfLife[] = [
  { name: 'ubuntu-16.04', since: '2021-09-20', source: RUNNER_IMAGES },
  { name: 'ubuntu-18.04', since: '2023-04-03', source: RUNNER_IMAGES },
  { name: 'ubuntu-20.04', since: '2025-04-15', source: RUNNER_IMAGES },
  { name: 'windows-2016', since: '2022-03-15', source: RUNNER_IMAGES },
  { name: 'macos-10.15', since: '2022-12-01', source: RUNNER_IMAGES },
  { name: 'macos-11', since: '2024-06-28', source: RUNNER_IMAGES },
];

/**
 * The end of life of the Node version a CI file or an image asks for (`12`, `'12.x'`, `v14.17`;
 * `lts/fermium` is not read) when it is on or before `today` (YYYY-MM-DD, the audit's date), else null.
 */
export function nodeEndOfLife(version: string, today: string): EndOfLife | null {
  const m = /^v?(\d+)(?:$|[.x*])/i.exec(version.trim());
  const eol = m ? (NODE_END_OF_LIFE.find((e) => e.name === m[1]) ?? null) : null;
  return eol && eol.since <= today ? eol : null;
}

/** The removal of a GitHub-hosted runner label, or null. */
export function retiredRunner(label: string): EndOfLife | null {
  return RETIRED_RUNNERS.find((r) => r.name === label.trim()) ?? null;
}
