// The security rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import dependencyAdvisories from './dependency-advisories.js';

export const rules: Rule[] = [dependencyAdvisories];
