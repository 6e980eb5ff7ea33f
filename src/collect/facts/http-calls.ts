// collect/http-calls: outbound HTTP calls whose options set no deadline, and axios defaults.
import { FILE_ROLES } from '../../util/roles.js';
import { defineFacts, type FactOf } from './define.js';

export const httpCallFacts = defineFacts('collect/http-calls', (z) => {
  const line = z.number().int().positive();
  return z.discriminatedUnion('kind', [
    z.strictObject({
      /** The call's options (a literal, or a local const bound to one) set none of its client's deadline keys. */
      kind: z.literal('untimed'),
      client: z.enum(['fetch', 'axios', 'got', 'undici']),
      /** The call as a reader would name it: `fetch()`, `axios.get()`, `got.extend()`. */
      what: z.string(),
      line,
      role: z.enum(FILE_ROLES),
      snippet: z.string(),
    }),
    z.strictObject({ kind: z.literal('axios-defaults-timeout'), line }),
  ]);
});
export type HttpCallFact = FactOf<typeof httpCallFacts>;
