// collect/config-reads: values the code reads from a committed JSON config (an imported `.json` file, or
// node-config's folder through `config.get()`), at a secret sink or under a secret-looking key. Key
// paths and lines only: the values stay in the JSON file.
import { defineFacts, type FactOf } from './define.js';

export const configReadFacts = defineFacts('collect/config-reads', (z) => z.strictObject({
  /** `json`: a `.json` module the file imports or requires; `reader`: a config library (knowledge/config-files). */
  kind: z.enum(['json', 'reader']),
  /** The module specifier as written (`./config.json`, `config`). */
  spec: z.string(),
  /** The dotted key path read (`jwt.secret`). */
  keyPath: z.string().min(1),
  /** The secret sink it is passed to (knowledge SECRET_SINKS `what`), or null when only its key's name says secret. */
  sink: z.string().nullable(),
  line: z.number().int().positive(),
}));
export type ConfigReadFact = FactOf<typeof configReadFacts>;
