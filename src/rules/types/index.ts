// The types rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import duplicateExportedType from './duplicate-exported-type.js';
import escapeHatches from './escape-hatches.js';
import strictOff from './strict-off.js';
import typecheck from './typecheck.js';
import undefinedIdentifier from './undefined-identifier.js';

export const rules: Rule[] = [typecheck, strictOff, escapeHatches, duplicateExportedType, undefinedIdentifier];
