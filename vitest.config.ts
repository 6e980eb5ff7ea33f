import { defineConfig } from 'vitest/config';

const include = ['src/**/*.test.ts', 'test/**/*.test.ts'];
const exclude = ['node_modules', 'dist', 'examples', 'test/fixtures'];
// Files that change process-wide state a later file in the same process would see (an environment
// variable the cache folder is resolved from): each runs in a fresh process.
const isolated = ['test/cache-seal.test.ts'];
// Files whose audits use every core (the collect stage's worker threads): they run after the others,
// one at a time, and no other file's processes compete with their time limits.
const alone = ['test/collect-pool.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Two files at a time even on two cores: the slow files wait on child processes (the CLI, tsc,
    // test runners) or PGlite's thread for much of their time, and other files run meanwhile.
    maxWorkers: 2,
    projects: [
      {
        // A fresh process per file spent about a second loading TypeScript and verdict's modules, a
        // third of the suite: these files share the worker processes and the modules they loaded.
        extends: true,
        test: { name: 'shared', include, exclude: [...exclude, ...isolated, ...alone], isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: isolated, exclude } },
      { extends: true, test: { name: 'alone', include: alone, exclude, isolate: false, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
