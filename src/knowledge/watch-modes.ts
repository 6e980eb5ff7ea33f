// Commands that never exit on their own: test runners and compilers in watch mode, file watchers
// that restart a process. Run as a CI step, such a command keeps the job running until the
// provider's timeout cancels it (GitHub Actions: 360 minutes), so the check never passes.
//
// What CI itself changes: vitest's default mode (`vitest` with no subcommand) watches only when
// `process.env.CI` is not set and stdin is a TTY (`watch: !isCI && process.stdin.isTTY`), so in a CI
// job it runs once; `vitest watch`, `vitest dev` and `--watch` watch anyway. Jest's, Node's, mocha's
// and tsc's watch flags do not look at CI.
import { binOf, commandStart } from './dev-servers.js';

export interface WatchMode {
  /** The binary as a command line calls it. */
  bin: string;
  /**
   * Words after the binary that make it watch: a subcommand (`watch`) or a flag (`--watch`, also as
   * `--watch=true`); null when it always watches.
   */
  with: readonly string[] | null;
  /** Its own options come before the script it runs (`node --watch app.js`, not `node app.js --watch`). */
  optionsFirst?: boolean;
  /** It is a test runner: a CI step running it is the CI's test step. */
  tests?: boolean;
  example: string;
  source: string;
}

export const WATCH_MODES: readonly WatchMode[] = [
  { bin: 'node', with: ['--watch', '--watch-path'], optionsFirst: true, tests: false, example: 'node --test --watch', source: 'https://nodejs.org/api/test.html#watch-mode ("the test runner ... watch mode ... re-run"); https://nodejs.org/api/cli.html#--watch' },
  {
    bin: 'vitest', with: ['watch', 'dev', '--watch', '-w'], tests: true, example: 'vitest watch',
    source: 'https://vitest.dev/guide/cli#vitest-watch ("vitest watch: alias to `vitest`"); defaults `watch: !isCI && process.stdin.isTTY` (vitest 4.1 dist/chunks/defaults, https://vitest.dev/config/#watch "Default: !process.env.CI && process.stdin.isTTY"); cac parseCLI: "vitest run --watch should still be watch mode"',
  },
  { bin: 'jest', with: ['--watch', '--watchAll'], tests: true, example: 'jest --watchAll', source: 'https://jestjs.io/docs/cli#--watch ("Watch files for changes and rerun tests")' },
  { bin: 'mocha', with: ['--watch', '-w'], tests: true, example: 'mocha --watch', source: 'https://mochajs.org/#-watch-w ("Rerun tests on file changes")' },
  { bin: 'ava', with: ['--watch', '-w'], tests: true, example: 'ava --watch', source: 'https://github.com/avajs/ava/blob/main/docs/recipes/watch-mode.md' },
  { bin: 'tsc', with: ['--watch', '-w'], example: 'tsc -w --noEmit', source: 'https://www.typescriptlang.org/docs/handbook/compiler-options.html (--watch: "Watch input files")' },
  { bin: 'nodemon', with: null, example: 'nodemon --exec "npm test"', source: 'https://github.com/remy/nodemon#nodemon ("automatically restarting the node application when file changes ... are detected")' },
  { bin: 'ts-node-dev', with: null, example: 'ts-node-dev --respawn src/index.ts', source: 'https://github.com/wclr/ts-node-dev' },
  { bin: 'tsx', with: ['watch'], example: 'tsx watch --test src/a.test.ts', source: 'https://tsx.is/watch-mode' },
];

/** Values that turn a boolean flag off (`--watch=false`). */
const OFF = new Set(['false', '0', 'no']);

/** The watch mode one command (its words) runs, with the words that show it, or null. */
export function watchModeIn(words: readonly string[]): { mode: WatchMode; shown: string } | null {
  const i = commandStart(words);
  const bin = words[i];
  if (!bin) return null;
  const after = words.slice(i + 1);
  for (const mode of WATCH_MODES) {
    if (binOf(bin) !== mode.bin) continue;
    const script = after.findIndex((w) => !w.startsWith('-'));
    const rest = mode.optionsFirst && script >= 0 ? after.slice(0, script) : after;
    const shown = [bin, ...after].join(' ');
    if (mode.with === null) return { mode, shown };
    const sub = rest.find((w) => !w.startsWith('-')) ?? '';
    const flagOn = (f: string) => rest.some((r) => r === f || (r.startsWith(`${f}=`) && !OFF.has(r.slice(f.length + 1))));
    if (mode.with.some((w) => (w.startsWith('-') ? flagOn(w) : sub === w))) return { mode, shown };
  }
  return null;
}
