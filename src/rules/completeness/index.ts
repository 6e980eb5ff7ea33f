// The completeness rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import emptyScheduledHandler from './empty-scheduled-handler.js';
import placeholderData from './placeholder-data.js';
import stub from './stub.js';

export const rules: Rule[] = [stub, placeholderData, emptyScheduledHandler];
