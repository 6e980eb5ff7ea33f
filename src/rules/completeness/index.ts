// The completeness rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';

export const rules: Rule[] = [];
