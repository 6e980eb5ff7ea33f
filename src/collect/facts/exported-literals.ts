// collect/exported-literals: strings a module exports by member path (`module.exports = { jwt: { secret:
// 'x' } }`, `export const SECRET = 'x'`), so a value read at a secret sink in another file
// (`jwt.sign(p, config.jwt.secret)`) can be followed to where it is written. The value itself is never
// kept (the facts cache is written to disk): only its masked form, its length and whether it is a placeholder.
import { defineFacts, type FactOf } from './define.js';

export const exportedLiteralFacts = defineFacts('collect/exported-literals', (z) => z.strictObject({
  /**
   * The path from the module's exports: `SECRET`, `jwt.secret` (`export const jwt = {...}`, or a member of
   * `module.exports`), `default.jwt.secret` (`export default {...}`).
   */
  member: z.string().min(1),
  /** `module.exports = {...}`: `import config from` reads it as `default` too. */
  cjs: z.literal(true).optional(),
  /** The local declaration the path starts at when it is not the export's name (`const config = {...}; export default config`). */
  local: z.string().optional(),
  line: z.number().int().positive(),
  /** The first 4 characters and the length, as every output shows a secret. */
  shown: z.string(),
  length: z.number().int().nonnegative(),
  placeholder: z.boolean(),
  /** `process.env.X || 'literal'`: the environment variable that decides in a deployment (the literal is its fallback). */
  env: z.string().optional(),
  /** A schema library's default (knowledge CONFIG_SCHEMA_LIBRARIES), `env` from its declaration, not a `process.env` read. */
  schema: z.literal(true).optional(),
}));
export type ExportedLiteralFact = FactOf<typeof exportedLiteralFacts>;
