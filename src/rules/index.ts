// Every rule verdict ships, by category. Each category's index lists its rule files.
import type { Rule } from './api.js';
import { rules as build } from './build/index.js';
import { rules as ci } from './ci/index.js';
import { rules as completeness } from './completeness/index.js';
import { rules as database } from './database/index.js';
import { rules as docs } from './docs/index.js';
import { rules as lint } from './lint/index.js';
import { rules as migrations } from './migrations/index.js';
import { rules as observability } from './observability/index.js';
import { rules as reliability } from './reliability/index.js';
import { rules as security } from './security/index.js';
import { rules as testing } from './testing/index.js';
import { rules as types } from './types/index.js';

export type { Rule } from './api.js';

export const allRules: Rule[] = [
  ...testing, ...types, ...lint, ...build, ...database, ...migrations, ...security,
  ...observability, ...reliability, ...ci, ...docs, ...completeness,
];

export function findRule(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
