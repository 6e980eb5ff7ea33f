// collect/test-content: what the tests of a test-named file check, read from their syntax.
import { defineFacts, type FactOf } from './define.js';

export const testContentFacts = defineFacts('collect/test-content', (z) => {
  const count = z.number().int().nonnegative();
  return z.strictObject({
    /** Test calls (`it`/`test`/`specify`, with `.only`/`.skip`/`.each`) that have a callback. */
    tests: count,
    /** Of those, tests whose every assertion has a generator's scaffold shape (knowledge/tests.ts SCAFFOLD_TESTS) and that call nothing else. */
    scaffold: count,
    /** Of those, tests whose callback has no statement. */
    empty: count,
    /** Shapes met among the scaffold tests (`defined`, `greeting`). */
    shapes: z.array(z.enum(['defined', 'greeting'])),
    /** The first test's line and text, for evidence (absent with no test). */
    line: z.number().int().positive().optional(),
    snippet: z.string().optional(),
  });
});
export type TestContentFact = FactOf<typeof testContentFacts>;
