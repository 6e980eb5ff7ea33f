import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './no-test-suite.js';

const pkg = (scripts: Record<string, string>) => ({ name: 'svc', path: '.', manifestPath: 'package.json', scripts });
const placeholder = 'echo "Error: no test specified" && exit 1';

// A service and the specs a generator writes for it: the instance is defined, the greeting comes back.
const service = "export class OrdersService { total(items: number[]) { return items.reduce((a, b) => a + b, 0); } }\n";
const definedSpec = [
  "import { Test, TestingModule } from '@nestjs/testing';",
  "import { OrdersService } from './orders.service';",
  "describe('OrdersService', () => {",
  '  let svc: OrdersService;',
  '  beforeEach(async () => {',
  '    const mod: TestingModule = await Test.createTestingModule({ providers: [OrdersService] }).compile();',
  '    svc = mod.get<OrdersService>(OrdersService);',
  '  });',
  "  it('is there', () => { expect(svc).toBeDefined(); });",
  '});',
].join('\n');
const greetingE2e = [
  "import { Test } from '@nestjs/testing';",
  "import request from 'supertest';",
  "import { AppModule } from '../src/app.module';",
  "describe('root (e2e)', () => {",
  '  let app: any;',
  "  beforeAll(async () => { const m = await Test.createTestingModule({ imports: [AppModule] }).compile(); app = m.createNestApplication(); await app.init(); });",
  "  it('GET /', () => request(app.getHttpServer()).get('/').expect(200).expect('Hello World!'));",
  '});',
].join('\n');
const realSpec = [
  "import { OrdersService } from './orders.service';",
  "describe('total', () => {",
  "  it('adds the items', () => { expect(new OrdersService().total([2, 3])).toBe(5); });",
  '});',
].join('\n');
// NestJS's generated jest block: rootDir src, specs by regex.
const jestManifest = JSON.stringify({ name: 'svc', scripts: { test: 'jest' }, jest: { moduleFileExtensions: ['js', 'json', 'ts'], rootDir: 'src', testRegex: '.*\\.(spec|check)\\.ts$', transform: { '^.+\\.(t|j)s$': 'ts-jest' }, testEnvironment: 'node' } }, null, 2);
const jestPkg = { ...pkg({ test: 'jest' }), testRunners: ['jest'] };
const nest = (extra: Record<string, string>) => ({
  'package.json': '{"name":"svc"}', 'src/orders.service.ts': service, 'src/app.module.ts': 'export class AppModule {}\n',
  'src/orders.service.spec.ts': definedSpec, 'test/app.e2e-spec.ts': greetingE2e, ...extra,
});

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'a test file, whatever the script',
      layout: { packages: [pkg({})] },
      files: { 'package.json': '{}', 'src/index.ts': 'export const one = 1;\n', 'src/user.test.ts': "import { it, expect } from 'vitest';\nimport { one } from './index';\nit('is one', () => { expect(one).toBe(1); });\n" },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      name: 'a test folder (Mocha, node --test)',
      layout: { packages: [pkg({ test: 'mocha' })] },
      files: { 'package.json': '{}', 'test/api.js': "const assert = require('assert');\nit('adds', () => { assert.equal(1 + 1, 2); });\n" },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      name: 'a test file verdict has no content for (listed only): whether it asserts anything is unknown',
      layout: { packages: [pkg({})], files: ['package.json', 'src/index.ts', 'src/user.test.ts'] },
      outcomes: [{ status: 'unknown', package: 'svc' }],
    },
    {
      name: 'a real test script and no test file is unknown: only running it can tell',
      layout: { packages: [pkg({ test: 'newman run collection.json' })], files: ['package.json', 'src/index.ts'] },
      outcomes: [{ status: 'unknown' }],
    },
    {
      name: 'jest configured in package.json whose testRegex matches a spec under rootDir',
      layout: { packages: [pkg({ test: 'jest' })] },
      files: { 'package.json': jestManifest, 'src/orders.service.ts': service, 'src/orders.check.ts': "import { OrdersService } from './orders.service';\nit('adds', () => { expect(new OrdersService().total([1, 2])).toBe(3); });\n" },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      name: 'react-scripts test with a test file under src: tests exist',
      layout: { packages: [pkg({ test: 'react-scripts test' })] },
      files: { 'package.json': '{"name":"svc"}', 'src/App.js': 'export const one = 1;\n', 'src/App.test.js': "import { one } from './App';\nit('is one', () => { expect(one).toBe(1); });\n" },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      name: 'a jest.config.js computing its patterns: what it selects is unknown, not empty',
      layout: { packages: [pkg({ test: 'jest' })] },
      files: { 'package.json': '{"name":"svc"}', 'jest.config.js': "const base = require('./jest.base');\nmodule.exports = { ...base, testMatch: base.patterns };\n", 'src/index.ts': 'export const one = 1;\n' },
      outcomes: [{ status: 'unknown' }],
    },
    {
      name: 'a jest preset from a package: its patterns are not read, unknown',
      layout: { packages: [pkg({ test: 'jest' })] },
      files: { 'package.json': '{"name":"svc","jest":{"preset":"@acme/jest-preset"}}', 'src/index.ts': 'export const one = 1;\n' },
      outcomes: [{ status: 'unknown' }],
    },
    {
      name: 'vitest with a config file verdict does not evaluate: unknown',
      layout: { packages: [pkg({ test: 'vitest run' })] },
      files: { 'package.json': '{"name":"svc"}', 'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: ['checks/**/*.ts'] } });\n", 'checks/orders.ts': 'export const x = 1;\n' },
      outcomes: [{ status: 'unknown' }],
    },
    {
      name: 'a test script running another workspace\'s script: not followed, unknown',
      layout: { packages: [pkg({ test: 'npm run test --workspace=core' })] },
      files: { 'package.json': '{"name":"svc"}', 'src/index.ts': 'export const one = 1;\n' },
      outcomes: [{ status: 'unknown' }],
    },
    {
      name: 'mocha whose .mocharc.json spec names a folder holding tests',
      layout: { packages: [pkg({ test: 'mocha' })] },
      files: { 'package.json': '{"name":"svc"}', '.mocharc.json': '{"spec":"checks/**/*.js"}', 'checks/orders.js': "const assert = require('assert');\nit('adds', () => { assert.equal(1 + 1, 2); });\n" },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      name: 'a Jest test calling the runner\'s globals, no import',
      layout: { packages: [pkg({ test: 'jest' })] },
      files: { 'package.json': '{}', 'src/user.test.js': "describe('user', () => { it('saves', () => { expect(save()).toBe(true); }); });\n" },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      name: 'a node:test file run by node --test',
      layout: { packages: [pkg({ test: 'node --test' })] },
      files: { 'package.json': '{}', 'test/api.mjs': "import test from 'node:test';\nimport assert from 'node:assert';\ntest('x', () => assert.ok(true));\n" },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      name: 'test-named files with no test API but a runner dependency: only running it can tell',
      layout: { packages: [{ ...pkg({ test: 'mocha' }), testRunners: ['mocha'] }] },
      files: { 'package.json': '{}', 'test/helper.js': "export const base = 'http://localhost';\n" },
      outcomes: [{ status: 'unknown' }],
    },
    {
      name: 'a generated scaffold beside one real test: the package has a real test',
      layout: { packages: [jestPkg] },
      files: nest({ 'src/orders.total.spec.ts': realSpec }),
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      name: 'toBeDefined on a value the test computed is a real assertion',
      layout: { packages: [jestPkg] },
      files: nest({ 'src/orders.service.spec.ts': definedSpec.replace('expect(svc).toBeDefined()', 'const t = svc.total([1]); expect(t).toBeDefined()') }),
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      name: 'a spec importing a package (not a relative module) loads',
      layout: { packages: [jestPkg] },
      files: { 'package.json': '{}', 'src/orders.service.ts': service, 'src/sum.spec.ts': "import { sum } from 'lodash';\nimport { OrdersService } from './orders.service';\n" + realSpec.split('\n').slice(1).join('\n') },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
  ],
  invalid: [
    {
      name: 'a test script that only type-checks (`npx tsc`) and no test file: nothing tests the code',
      layout: { packages: [pkg({ test: 'npx tsc' })] },
      files: { 'package.json': '{"name":"svc"}', 'src/index.ts': 'export const one = 1;\n' },
      findings: [{ messageId: 'toolsOnly', path: null, severity: 'high', data: { runs: 'svc: `npx tsc` runs tsc' } }],
    },
    {
      name: 'jest configured in package.json (testRegex, rootDir src) and no spec anywhere: the suite is empty',
      layout: { packages: [pkg({ test: 'jest' })] },
      files: { 'package.json': jestManifest, 'src/orders.service.ts': service, 'src/main.ts': 'export const port = 3000;\n' },
      findings: [{ messageId: 'empty', path: null, severity: 'high', data: { runs: 'svc: `jest` runs Jest (configured in package.json "jest")' } }],
    },
    {
      name: 'a test script chaining a type check and vitest, no config and no test file: vitest\'s defaults select nothing',
      layout: { packages: [pkg({ test: 'tsc --noEmit && npm run test:unit', 'test:unit': 'vitest run' })] },
      files: { 'package.json': '{"name":"svc"}', 'src/index.ts': 'export const one = 1;\n', 'node_modules/x/a.test.js': "it('x', () => {});\n" },
      findings: [{ messageId: 'empty', path: null, data: { runs: 'svc: `tsc --noEmit && npm run test:unit` runs Vitest (default patterns)' } }],
    },
    {
      name: "react-scripts test (Create React App's Jest) with no test file under src: the suite is empty",
      layout: { packages: [pkg({ test: 'react-scripts test --watchAll=false' })] },
      files: { 'package.json': '{"name":"svc"}', 'src/App.js': 'export default function App() { return null; }\n' },
      findings: [{ messageId: 'empty', path: null, severity: 'high', data: { runs: 'svc: `react-scripts test --watchAll=false` runs Jest (react-scripts) (default patterns)' } }],
    },
    {
      name: 'mocha whose spec points to a folder with no file',
      layout: { packages: [pkg({ test: 'mocha --exit' })] },
      files: { 'package.json': '{"name":"svc","mocha":{"spec":["checks/**/*.spec.js"]}}', 'src/index.js': 'module.exports = 1;\n' },
      findings: [{ messageId: 'empty', path: null }],
    },
    {
      name: 'only the generated specs: every test expects an instance to be defined or the greeting',
      layout: { packages: [jestPkg] },
      files: nest({}),
      findings: [{
        messageId: 'hollow', path: null, severity: 'high',
        data: { count: 2, why: "generated scaffolds or empty: every test only expects a testing module's instance to be defined or the generated greeting" },
      }],
    },
    {
      name: 'every test is empty',
      layout: { packages: [jestPkg] },
      files: { 'package.json': '{}', 'src/user.test.js': "describe('user', () => { it('saves', () => {}); test('loads', function () {}); });\n" },
      findings: [{ messageId: 'hollow', path: null, data: { count: 1 } }],
    },
    {
      name: 'the only spec imports a relative module that is no file: it cannot load',
      layout: { packages: [jestPkg] },
      files: { 'package.json': '{}', 'src/orders.service.ts': service, 'src/orders.spec.ts': realSpec.replace("'./orders.service'", "'./orders.repository'") },
      findings: [{ messageId: 'hollow', path: null, severity: 'high', data: { count: 1, why: 'unable to load: each imports a relative module that is no file of the repository' } }],
    },
    {
      name: 'a test folder holding a script that enqueues a job: no runner, no assertion',
      layout: { packages: [pkg({ test: 'node dist/tests/send-simple.js' })] },
      files: {
        'package.json': '{}',
        'src/tests/send-simple.ts': "import { Queue } from 'bullmq';\nconst queue = new Queue('mail');\n(async () => { await queue.add('send', { to: process.argv[2] }); process.exit(0); })();\n",
      },
      findings: [{ messageId: 'scriptsOnly', path: null, severity: 'high', data: { count: 1, files: 'src/tests/send-simple.ts', scripts: 'the test script runs a file directly (svc: `node dist/tests/send-simple.js`)' } }],
    },
    {
      name: 'no test file and no test script',
      layout: { packages: [pkg({ dev: 'wrangler dev' })], files: ['package.json', 'src/index.ts', 'src/contest.ts'] },
      findings: [{ messageId: 'none', path: null, severity: 'high' }],
    },
    {
      name: 'npm\'s placeholder script is no test',
      layout: { packages: [pkg({ test: placeholder })], files: ['package.json', 'src/index.ts'] },
      findings: [{ messageId: 'none', path: null, data: { scripts: "the test script is npm's placeholder (svc)" } }],
    },
  ],
});
