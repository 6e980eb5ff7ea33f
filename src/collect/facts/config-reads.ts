// collect/config-reads: values the code reads from a committed JSON config (an imported `.json` file, or
// node-config's folder through `config.get()`), at a secret sink or under a secret-looking key. Key
// paths and lines only: the values stay in the JSON file.
import { defineFacts, type FactOf } from './define.js';

export const configReadFacts = defineFacts('collect/config-reads', (z) => z.strictObject({
  /**
   * `json`: a `.json` module the file imports or requires; `reader`: a config library (knowledge/config-files);
   * `module`: a source module of the repository (or a package: the rule resolves it through the link) whose
   * export holds the value (`config.jwt.secret` of `import config from './config'`), read at a secret sink.
   */
  kind: z.enum(['json', 'reader', 'module']),
  /** The module specifier as written (`./config.json`, `config`). */
  spec: z.string(),
  /** The dotted key path read (`jwt.secret`); for `module`, under the export (`` for the export itself). */
  keyPath: z.string(),
  /** For `module`: the export read (`default`, `*` for the namespace or a `require()`d module, `JWT_SECRET`). */
  export: z.string().optional(),
  /** The secret sink it is passed to (knowledge SECRET_SINKS `what`), or null when only its key's name says secret. */
  sink: z.string().nullable(),
  /** What the sink does with it (knowledge SECRET_SINKS `kind`): signs or encrypts (`signing`), or a database password. */
  sinkKind: z.enum(['signing', 'database']).optional(),
  line: z.number().int().positive(),
}));
export type ConfigReadFact = FactOf<typeof configReadFacts>;
