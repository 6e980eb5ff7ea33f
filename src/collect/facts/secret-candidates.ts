// collect/secret-candidates: lines the secrets prefilter flagged (never the values).
import { defineFacts, type FactOf } from './define.js';

export const secretCandidateFacts = defineFacts('collect/secret-candidates', (z) => z.strictObject({
  /** 1-based, ascending, at most 50. */
  lines: z.array(z.number().int().positive()).min(1).max(50),
}));
export type SecretCandidate = FactOf<typeof secretCandidateFacts>;
