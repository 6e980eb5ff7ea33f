// Which files a test runner selects when a package's test script runs it, read without running it:
// the runner's command, its default patterns, where its configuration lives and which of its keys
// (and command-line flags) change the selection. testing/no-test-suite counts the repository's files
// the configuration selects: none is an empty suite; a configuration verdict cannot read is unknown.
//
// Patterns are regular expressions over a path relative to the directory the runner starts in (the
// package's), written to select at least what the runner does: selecting too much only makes "empty"
// rarer, selecting too little would report tests as missing.

export interface TestRunner {
  runner: string;
  /** The command (`jest`, `vitest`), or `node` with `flag` (`node --test`). */
  bin: string;
  /** A flag the command needs to run tests (`--test` for node); absent: the command itself is the runner. */
  flag?: string;
  /** What the runner selects with no configuration and no path arguments. */
  defaults: readonly string[];
  /** Configuration files, by name, in the package directory. */
  configFiles: RegExp;
  /** The key of package.json that holds the configuration. */
  manifestKey?: string;
  /** Configuration keys that decide the selection: verdict reads these (and only literal values). */
  selectKeys: readonly string[];
  /** Flags that change what is selected: verdict does not follow them (unknown). */
  selectFlags: readonly string[];
  /** Flags that take a value as the next argument (the value is no path). */
  valueFlags: readonly string[];
  /** Whether positional arguments replace the selection (files, globs) or only filter it (a regex on paths). */
  positional: 'select' | 'filter';
  source: string;
}

const JS = '[cm]?[jt]sx?';
export const TEST_RUNNERS: readonly TestRunner[] = [
  {
    runner: 'Jest', bin: 'jest',
    defaults: [`(^|/)__tests__/(.+/)?[^/]+\\.${JS}$`, `(^|/)([^/]*\\.)?(spec|test)\\.${JS}$`],
    configFiles: /^jest\.config\.(js|ts|mjs|cjs|json)$/, manifestKey: 'jest',
    selectKeys: ['testMatch', 'testRegex', 'roots', 'rootDir', 'preset', 'projects', 'testPathIgnorePatterns'],
    selectFlags: ['--rootDir', '--roots', '--testMatch', '--testRegex', '--projects', '--selectProjects', '--preset'],
    valueFlags: ['-c', '--config', '--testNamePattern', '-t', '--testPathPattern', '--testPathIgnorePatterns', '--maxWorkers', '-w', '--reporters', '--coverageReporters', '--testTimeout', '--shard', '--outputFile', '--setupFiles', '--env', '--testEnvironment'],
    positional: 'filter',
    source: 'https://jestjs.io/docs/configuration#testmatch-arraystring (default testMatch; testRegex overrides it; roots default ["<rootDir>"])',
  },
  {
    runner: 'Vitest', bin: 'vitest',
    defaults: [`(^|/)[^/]*\\.(test|spec)\\.${JS}$`],
    configFiles: /^(vitest\.config|vite\.config|vitest\.workspace|vitest\.projects)\.[cm]?[jt]s$/,
    selectKeys: ['test.include', 'test.dir', 'test.root', 'root', 'test.projects', 'test.workspace'],
    selectFlags: ['--root', '--dir', '--project', '--workspace'],
    valueFlags: ['-c', '--config', '-t', '--testNamePattern', '--reporter', '--environment', '--pool', '--shard', '--mode', '--coverage.provider', '--outputFile'],
    positional: 'filter',
    source: 'https://vitest.dev/config/#include (default ["**/*.{test,spec}.?(c|m)[jt]s?(x)"])',
  },
  {
    runner: 'Mocha', bin: 'mocha',
    // `./test/*.{js,cjs,mjs}`, recursive with --recursive: any file under test/ is selected too much, never too little.
    defaults: [`(^|/)test/(.+/)?[^/]+\\.${JS}$`],
    configFiles: /^\.mocharc(\.(js|cjs|json|jsonc|yml|yaml))?$/, manifestKey: 'mocha',
    selectKeys: ['spec', 'extension', 'recursive', 'ignore'],
    selectFlags: ['--spec', '--extension', '--file'],
    valueFlags: ['-r', '--require', '-t', '--timeout', '-R', '--reporter', '-u', '--ui', '-g', '--grep', '-f', '--fgrep', '--ignore', '--config', '--package', '--slow', '-s', '--reporter-option', '--reporter-options', '-O', '-j', '--jobs', '--node-option', '-n'],
    positional: 'select',
    source: 'https://mochajs.org/#the-test-directory (default spec ./test/*.{js,cjs,mjs}; positional arguments are spec files or globs)',
  },
  {
    runner: 'node:test', bin: 'node', flag: '--test',
    defaults: [`(^|/)[^/]*[._-]test\\.${JS}$`, `(^|/)test-[^/]*\\.${JS}$`, `(^|/)test\\.${JS}$`, `(^|/)test/(.+/)?[^/]+\\.${JS}$`],
    configFiles: /^$/,
    selectKeys: [],
    selectFlags: [],
    valueFlags: ['-r', '--require', '--import', '--loader', '--experimental-loader', '--test-reporter', '--test-reporter-destination', '--test-name-pattern', '--test-concurrency', '--env-file', '--test-timeout', '--test-skip-pattern', '--test-shard'],
    positional: 'select',
    source: 'https://nodejs.org/api/test.html#running-tests-from-the-command-line (default patterns; arguments are files or globs)',
  },
  {
    runner: 'AVA', bin: 'ava',
    defaults: [`(^|/)test\\.${JS}$`, `(^|/)test-[^/]*\\.${JS}$`, `(^|/)[^/]*\\.(spec|test)\\.${JS}$`, `(^|/)(test|tests|__tests__)/(.+/)?[^/]+\\.${JS}$`],
    configFiles: /^ava\.config\.(js|cjs|mjs)$/, manifestKey: 'ava',
    selectKeys: ['files'],
    selectFlags: ['--config'],
    valueFlags: ['-m', '--match', '-c', '--concurrency', '--timeout', '-T', '--node-arguments'],
    positional: 'select',
    source: 'https://github.com/avajs/ava/blob/main/docs/05-command-line.md (default files: test.js, test-*.js, *.spec.js, *.test.js, test/, tests/, __tests__/)',
  },
  {
    runner: 'tap', bin: 'tap',
    defaults: [`(^|/)(test|tests|__tests__)/(.+/)?[^/]+\\.${JS}$`, `(^|/)[^/]*\\.(spec|test)\\.${JS}$`],
    configFiles: /^\.taprc$/, manifestKey: 'tap',
    selectKeys: ['include', 'exclude'],
    selectFlags: ['--include', '--exclude'],
    valueFlags: ['-R', '--reporter', '-t', '--timeout', '-j', '--jobs', '--grep', '-g'],
    positional: 'select',
    source: 'https://node-tap.org/cli/#include (default {test,tests,__tests__}/** and *.{test,spec}.*)',
  },
  {
    runner: 'Playwright Test', bin: 'playwright', flag: 'test',
    defaults: [`(^|/)[^/]*\\.(spec|test)\\.${JS}$`],
    configFiles: /^playwright\.config\.[cm]?[jt]s$/,
    selectKeys: ['testDir', 'testMatch', 'projects'],
    selectFlags: ['--config', '-c', '--project'],
    valueFlags: ['-g', '--grep', '--grep-invert', '--reporter', '-j', '--workers', '--retries', '--timeout', '--shard', '--repeat-each', '--max-failures'],
    positional: 'filter',
    source: 'https://playwright.dev/docs/api/class-testconfig#test-config-test-match (default **/*.@(spec|test).?(c|m)[jt]s?(x) under testDir)',
  },
  {
    // Create React App runs Jest with its own testMatch, under src/ only; package.json "jest" may not
    // change the selection keys it does not support, and any that is set is not followed (unknown).
    runner: 'Jest (react-scripts)', bin: 'react-scripts', flag: 'test',
    defaults: [`^src/(.+/)?__tests__/(.+/)?[^/]+\\.${JS}$`, `^src/(.+/)?[^/]*\\.(spec|test)\\.${JS}$`],
    configFiles: /^$/, manifestKey: 'jest',
    selectKeys: ['testMatch', 'testRegex', 'roots', 'rootDir', 'preset', 'projects', 'testPathIgnorePatterns'],
    selectFlags: ['--rootDir', '--roots', '--testMatch', '--testRegex', '--projects', '--selectProjects', '--preset', '--config', '-c'],
    valueFlags: ['--testNamePattern', '-t', '--testPathPattern', '--testPathIgnorePatterns', '--maxWorkers', '-w', '--reporters', '--coverageReporters', '--testTimeout', '--env', '--outputFile'],
    positional: 'filter',
    source: 'https://create-react-app.dev/docs/running-tests/#filename-conventions (src/**/__tests__/**, src/**/*.test.js, src/**/*.spec.js; .js/.jsx/.ts/.tsx)',
  },
];

/**
 * Commands in a test script that run no test and select none: a type check or a lint before the
 * tests, a build, a clean. Any other command may run tests verdict does not know: unknown.
 */
export const NON_TEST_COMMANDS: readonly string[] = ['tsc', 'eslint', 'prettier', 'rimraf', 'echo', 'true', 'exit', 'nest', 'prisma', 'tsc-alias', 'biome', 'del-cli', 'mkdir', 'rm'];

/** Commands that run the rest of the line (after their own options and `VAR=value` assignments). */
export const COMMAND_WRAPPERS: readonly string[] = ['npx', 'cross-env', 'env', 'dotenv', 'env-cmd', 'bunx', 'pnpx'];

/** The runner a command runs: its bin (and `node --test`, `playwright test`). */
export function testRunnerOf(bin: string, args: readonly string[]): TestRunner | null {
  return TEST_RUNNERS.find((r) => r.bin === bin && (!r.flag || args.includes(r.flag))) ?? null;
}

/**
 * Jest presets that set how files are transformed, not which are selected (ts-jest's presets set
 * `transform` only): a config using one selects what it would without it. Any other preset's
 * patterns come from a package verdict does not read (unknown).
 */
export const TEST_PRESETS_KEEPING_SELECTION: readonly string[] = ['ts-jest'];
