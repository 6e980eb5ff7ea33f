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

/**
 * What a test file uses: a runner's or an assertion library's module, or the globals the runners
 * define (Jest, Vitest with `globals`, Mocha). A file named as a test that uses none of them is a
 * script kept in a test folder: it checks nothing a runner could report.
 */
export interface TestApi { module?: string; global?: string; example: string; source: string }

export const TEST_APIS: readonly TestApi[] = [
  { module: 'vitest', example: "import { it, expect } from 'vitest';", source: 'https://vitest.dev/api/' },
  { module: '@jest/globals', example: "import { test, expect } from '@jest/globals';", source: 'https://jestjs.io/docs/api' },
  { module: 'node:test', example: "import test from 'node:test';", source: 'https://nodejs.org/api/test.html' },
  { module: 'mocha', example: "import { describe, it } from 'mocha';", source: 'https://mochajs.org/#require' },
  { module: 'ava', example: "import test from 'ava';", source: 'https://github.com/avajs/ava/blob/main/docs/01-writing-tests.md' },
  { module: 'tap', example: "import t from 'tap';", source: 'https://node-tap.org/basics/' },
  { module: 'uvu', example: "import { test } from 'uvu';", source: 'https://github.com/lukeed/uvu/blob/master/docs/api.uvu.md' },
  { module: '@playwright/test', example: "import { test, expect } from '@playwright/test';", source: 'https://playwright.dev/docs/api/class-test' },
  { module: 'assert', example: "import assert from 'node:assert';", source: 'https://nodejs.org/api/assert.html' },
  { module: 'chai', example: "import { expect } from 'chai';", source: 'https://www.chaijs.com/api/bdd/' },
  { global: 'describe', example: "describe('user', () => {});", source: 'https://jestjs.io/docs/api#describename-fn (Jest, Vitest globals, Mocha BDD)' },
  { global: 'it', example: "it('works', () => {});", source: 'https://jestjs.io/docs/api#testname-fn-timeout (`it` is an alias of `test`)' },
  { global: 'test', example: "test('works', () => {});", source: 'https://jestjs.io/docs/api#testname-fn-timeout' },
  { global: 'suite', example: "suite('user', () => {});", source: 'https://mochajs.org/#tdd' },
  { global: 'expect', example: 'expect(1).toBe(1);', source: 'https://jestjs.io/docs/expect' },
];

const bareModule = (spec: string) => (spec.startsWith('node:') ? spec.slice(5) : spec);
const testModules = new Set(TEST_APIS.flatMap((a) => (a.module ? [bareModule(a.module)] : [])));
const testGlobals = new Set(TEST_APIS.flatMap((a) => (a.global ? [a.global] : [])));

/** Whether a module specifier is a test runner's or an assertion library's (`node:` prefix and subpaths included). */
export function isTestModule(spec: string): boolean {
  const bare = bareModule(spec);
  const root = bare.startsWith('@') ? bare.split('/').slice(0, 2).join('/') : bare.split('/')[0];
  return testModules.has(bare) || testModules.has(root);
}

/** Whether a name a file calls is a test runner's global. */
export function isTestGlobal(name: string): boolean {
  return testGlobals.has(name);
}

/**
 * How far a committed `.only` (`it.only`, `fit`, `test.describe.only`) reaches, per runner: within
 * the file it is in (the other files still run all their tests), or across the whole run (every
 * test of every other file is skipped).
 */
export interface FocusScope { runner: string; modules: readonly string[]; scope: 'file' | 'run'; source: string }

export const FOCUS_SCOPES: readonly FocusScope[] = [
  { runner: 'Vitest', modules: ['vitest'], scope: 'file', source: 'https://vitest.dev/api/#test-only (only the focused tests of that file run; other files run in full)' },
  { runner: 'Jest', modules: ['jest', '@jest/globals'], scope: 'file', source: 'https://jestjs.io/docs/api#testonlyname-fn-timeout (only the focused tests in that test file run)' },
  { runner: 'Mocha', modules: ['mocha'], scope: 'run', source: 'https://mochajs.org/#exclusive-tests (exclusivity spans every loaded spec file; --forbid-only refuses it)' },
  { runner: 'Playwright Test', modules: ['@playwright/test'], scope: 'run', source: 'https://playwright.dev/docs/api/class-test#test-only (all focused tests run and nothing else; forbidOnly refuses it)' },
  { runner: 'Jasmine', modules: ['jasmine'], scope: 'run', source: 'https://jasmine.github.io/api/edge/global.html#fit (a focused spec makes the run execute only focused specs)' },
];

/** The runner, and how far its `.only` reaches, for a test module or a package a project depends on; null when none is known. */
export function focusScopeOf(moduleOrPackage: string): FocusScope | null {
  return FOCUS_SCOPES.find((s) => s.modules.includes(moduleOrPackage)) ?? null;
}

/**
 * Tests a generator writes that check nothing of the application: the NestJS CLI (`nest new`,
 * `nest g service|controller|...`) writes a spec per class whose one test builds a testing module and
 * expects the class instance to be defined, an app controller spec and an e2e spec that expect the
 * generated greeting. A test whose every assertion has one of these shapes exercises no behaviour.
 *
 * - `defined`: `expect(x).toBeDefined()` (no argument) where `x` is only ever assigned the result of a
 *   testing module's `get`/`resolve` call (`module.get<UserService>(UserService)`), in a file that calls
 *   `createTestingModule`.
 * - `greeting`: an assertion whose expected value is the generated greeting text: `expect(...).toBe(greeting)`
 *   or a supertest chain `.expect(200).expect(greeting)` (every `.expect` argument the greeting or status 200).
 */
export interface ScaffoldTest { shape: 'defined' | 'greeting'; generator: string; example: string; source: string }

export const SCAFFOLD_TESTS: readonly ScaffoldTest[] = [
  {
    shape: 'defined', generator: 'nest g service|controller|resolver|gateway|... (@nestjs/schematics)',
    example: "it('should be defined', () => { expect(service).toBeDefined(); });",
    source: 'https://github.com/nestjs/schematics/blob/master/src/lib/service/files/ts/__name__.service.spec.ts (and controller/__name__.controller.spec.ts)',
  },
  {
    shape: 'greeting', generator: 'nest new (@nestjs/schematics application)',
    example: "expect(appController.getHello()).toBe('Hello World!');",
    source: 'https://github.com/nestjs/schematics/blob/master/src/lib/application/files/ts/src/app.controller.spec.ts',
  },
  {
    shape: 'greeting', generator: 'nest new (@nestjs/schematics application)',
    example: "request(app.getHttpServer()).get('/').expect(200).expect('Hello World!');",
    source: 'https://github.com/nestjs/schematics/blob/master/src/lib/application/files/ts/test/app.e2e-spec.ts',
  },
];

/** The greeting the generated app controller returns and its generated tests expect. */
export const SCAFFOLD_GREETING = 'Hello World!';
/** The matcher of the generated "should be defined" test, called with no argument. */
export const SCAFFOLD_DEFINED_MATCHER = 'toBeDefined';
/** The testing-module calls whose result the generated "should be defined" test checks, and the call that builds the module. */
export const SCAFFOLD_MODULE_GETTERS: readonly string[] = ['get', 'resolve'];
export const SCAFFOLD_MODULE_FACTORY = 'createTestingModule';
