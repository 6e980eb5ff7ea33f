// The security rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import committedEnvFile from './committed-env-file.js';
import committedSecret from './committed-secret.js';

export const rules: Rule[] = [committedSecret, committedEnvFile];
