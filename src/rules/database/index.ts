// The database rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import sqlInjection from './sql-injection.js';

export const rules: Rule[] = [sqlInjection];
