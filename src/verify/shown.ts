import type { Claim } from './model.js';

/** Claims a reviewer is shown and the annotated copy marks: not plans, judgements or unrecognised text. */
export function isShown(c: Claim): boolean {
  return c.kind !== 'plan' && c.kind !== 'unrecognised' && !(c.kind === 'outside' && c.subject.judgement);
}
