// The testing rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import coverageThreshold from './coverage-threshold.js';
import failingTest from './failing-test.js';
import focusedTest from './focused-test.js';
import noTests from './no-tests.js';
import noTestSuite from './no-test-suite.js';
import testsPass from './tests-pass.js';

export const rules: Rule[] = [testsPass, failingTest, noTests, noTestSuite, coverageThreshold, focusedTest];
