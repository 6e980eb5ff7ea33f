// The observability rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import healthConstant from './health-constant.js';
import healthEndpoint from './health-endpoint.js';

export const rules: Rule[] = [healthEndpoint, healthConstant];
