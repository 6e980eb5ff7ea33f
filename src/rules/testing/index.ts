// The testing rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import testsPass from './tests-pass.js';

export const rules: Rule[] = [testsPass];
