// Checks records against their collector's schema. Loads zod, so only tests (and tools that build
// facts by hand, like a rule tester) import this; a run never does (see define.ts).
import { z } from 'zod';
import type { Facts } from './define.js';

const built = new Map<string, z.ZodType>();

/**
 * What is wrong with each record that does not fit the schema: `<path>#<index>: <issue>`, none when
 * all fit. A record needs a string `path` (collect adds it); the rest must be the schema's, nothing more.
 */
export function factProblems(handle: Facts<unknown>, records: ReadonlyArray<Record<string, unknown>>): string[] {
  let schema = built.get(handle.id);
  if (!schema) built.set(handle.id, (schema = handle.schema(z)));
  const out: string[] = [];
  records.forEach((r, i) => {
    const { path, ...rest } = r;
    const where = `${typeof path === 'string' ? path : '(no path)'}#${i}`;
    if (typeof path !== 'string') out.push(`${where}: path: expected a string`);
    const res = schema.safeParse(rest);
    if (!res.success) {
      for (const issue of res.error.issues) out.push(`${where}: ${issue.path.join('.') || '(record)'}: ${issue.message}`);
    }
  });
  return out;
}
