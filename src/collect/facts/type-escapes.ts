// collect/type-escapes: per TypeScript file, `@ts-ignore`/`@ts-expect-error` and `any` counts with
// the first line of each, and the names of the types and interfaces it exports.
import { defineFacts, type FactOf } from './define.js';

export const typeEscapeFacts = defineFacts('collect/type-escapes', (z) => {
  const line = z.number().int().positive();
  return z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('directives'), tsIgnore: z.number().int().nonnegative(), tsExpectError: z.number().int().nonnegative(), line, snippet: z.string() }),
    z.strictObject({ kind: z.literal('any'), any: z.number().int().positive(), line, snippet: z.string() }),
    z.strictObject({
      kind: z.literal('exports'),
      names: z.array(z.strictObject({ name: z.string(), kind: z.enum(['interface', 'type']), line })).min(1),
    }),
  ]);
});
export type TypeEscapeFact = FactOf<typeof typeEscapeFacts>;
