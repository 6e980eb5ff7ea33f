// collect/suppressions: `verdict-ignore <rule-id>: <reason>` comments.
import { defineFacts, type FactOf } from './define.js';

export const suppressionFacts = defineFacts('collect/suppressions', (z) => z.strictObject({
  line: z.number().int().positive(),
  /** The rule id or pattern (`security/*`) as written; null when the comment names none. */
  ruleId: z.string().nullable(),
  reason: z.string().nullable(),
  /** The comment's own line when code precedes it, else the next line. */
  appliesToLine: z.number().int().positive(),
}));
export type SuppressionComment = FactOf<typeof suppressionFacts>;

/** Whether a comment's rule pattern names the rule: its id, or `<category>/*`. */
export function ruleMatches(pattern: string, ruleId: string): boolean {
  return pattern === ruleId || (pattern.endsWith('/*') && ruleId.startsWith(pattern.slice(0, -1)));
}
