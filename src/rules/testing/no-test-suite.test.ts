import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './no-test-suite.js';

const pkg = (scripts: Record<string, string>) => ({ name: 'svc', path: '.', manifestPath: 'package.json', scripts });
const placeholder = 'echo "Error: no test specified" && exit 1';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'a test file, whatever the script', layout: { packages: [pkg({})], files: ['package.json', 'src/index.ts', 'src/user.test.ts'] }, outcomes: [{ status: 'pass' }] },
    { name: 'a test folder (Mocha, node --test)', layout: { packages: [pkg({ test: 'mocha' })], files: ['package.json', 'test/api.js'] }, outcomes: [{ status: 'pass' }] },
    {
      name: 'a real test script and no test file is unknown: only running it can tell',
      layout: { packages: [pkg({ test: 'newman run collection.json' })], files: ['package.json', 'src/index.ts'] },
      outcomes: [{ status: 'unknown' }],
    },
    {
      name: 'a test file inside node_modules is not the repository\'s',
      layout: { packages: [pkg({ test: 'vitest run' })], files: ['package.json', 'node_modules/x/a.test.js'] },
      outcomes: [{ status: 'unknown' }],
    },
    {
      name: 'a Jest test calling the runner\'s globals, no import',
      layout: { packages: [pkg({ test: 'jest' })] },
      files: { 'package.json': '{}', 'src/user.test.js': "describe('user', () => { it('saves', () => {}); });\n" },
      outcomes: [{ status: 'pass' }],
    },
    {
      name: 'a node:test file run by node --test',
      layout: { packages: [pkg({ test: 'node --test' })] },
      files: { 'package.json': '{}', 'test/api.mjs': "import test from 'node:test';\nimport assert from 'node:assert';\ntest('x', () => assert.ok(true));\n" },
      outcomes: [{ status: 'pass' }],
    },
    {
      name: 'test-named files with no test API but a runner dependency: only running it can tell',
      layout: { packages: [{ ...pkg({ test: 'mocha' }), testRunners: ['mocha'] }] },
      files: { 'package.json': '{}', 'test/helper.js': "export const base = 'http://localhost';\n" },
      outcomes: [{ status: 'unknown' }],
    },
  ],
  invalid: [
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
