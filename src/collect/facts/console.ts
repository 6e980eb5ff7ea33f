// collect/console: `console.*` calls per source file.
import { FILE_ROLES } from '../../util/roles.js';
import { defineFacts, type FactOf } from './define.js';

export const consoleFacts = defineFacts('collect/console', (z) => z.strictObject({
  role: z.enum(FILE_ROLES),
  /** `console.<anything>(...)` calls in the file. */
  calls: z.number().int().positive(),
  /** Of those, calls whose first argument is `JSON.stringify(...)`. */
  json: z.number().int().nonnegative(),
  firstLine: z.number().int().positive(),
  snippet: z.string(),
  /** The file starts with the `'use client'` directive. */
  client: z.literal(true).optional(),
}));
export type ConsoleFact = FactOf<typeof consoleFacts>;
