// The lint rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import lintErrors from './lint-errors.js';
import unusedSuppression from './unused-suppression.js';

export const rules: Rule[] = [unusedSuppression, lintErrors];
