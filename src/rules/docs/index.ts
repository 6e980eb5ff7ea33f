// The docs rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import missingPath from './missing-path.js';
import readme from './readme.js';
import runbooks from './runbooks.js';
import securityPolicy from './security-policy.js';

export const rules: Rule[] = [readme, securityPolicy, runbooks, missingPath];
