// What makes a test suite, read without running anything: test files by the names runners look for,
// and the test script npm writes when there are none.

export interface TestFilePattern { pattern: string; example: string; source: string }

/** Source files the common runners (Vitest, Jest, Mocha, node:test, AVA, Playwright) collect as tests. */
export const TEST_FILE_PATTERNS: readonly TestFilePattern[] = [
  { pattern: '\\.(test|spec|e2e-spec|e2e)\\.[cm]?[jt]sx?$', example: 'src/user.test.ts', source: 'Vitest and Jest default include (`**/*.{test,spec}.?(c|m)[jt]s?(x)`)' },
  { pattern: '(^|/)__tests__/[^/]+\\.[cm]?[jt]sx?$', example: 'src/__tests__/user.ts', source: 'Jest default testMatch' },
  { pattern: '(^|/)(test|tests|e2e)/(.+/)?[^/]+\\.[cm]?[jt]sx?$', example: 'test/user.js', source: 'Mocha default spec folder (`./test`), node --test, AVA' },
];

/** The test script `npm init` writes: it runs no test and fails. */
export const NPM_PLACEHOLDER_TEST: TestFilePattern = {
  pattern: '^echo "Error: no test specified" && exit 1$',
  example: 'echo "Error: no test specified" && exit 1',
  source: 'https://docs.npmjs.com/cli/commands/npm-init (default package.json)',
};

const testFile = TEST_FILE_PATTERNS.map((p) => new RegExp(p.pattern));

/** Whether a repository path names a file a test runner collects. */
export function isTestFilePath(path: string): boolean {
  return !/(^|\/)node_modules\//.test(path) && testFile.some((re) => re.test(path));
}

/** Whether a `test` script runs nothing: absent, empty, or npm's placeholder. */
export function isPlaceholderTestScript(script: string | undefined): boolean {
  return script === undefined || script.trim() === '' || new RegExp(NPM_PLACEHOLDER_TEST.pattern).test(script.trim());
}
