// A specific finding settles a general claim. "No secrets committed" is unverifiable when the secrets scan
// finds nothing it recognises, but when another line of the report is contradicted because a password or
// token of a named component is a string literal in release code (resolved through its config module),
// that literal is a committed secret: the general line is contradicted by it, with its evidence. Only
// this direction holds: a clean component says nothing about the rest of the repository.
import { COMMITTED_CREDENTIAL } from './checks/wiring.js';
import type { Claim } from './model.js';

const credentialOf = (c: Claim) => (c.verdict === 'contradicted'
  ? c.evidence.find((e) => e.kind === 'figure' && e.name === COMMITTED_CREDENTIAL) : undefined);

export function entailed(claims: Claim[]): Claim[] {
  const source = claims.find((c) => credentialOf(c));
  if (!source) return claims;
  return claims.map((c) => {
    if (c.kind !== 'secrets' || c.verdict !== 'unverifiable' || c.fact.polarity !== 'denies') return c;
    return {
      ...c, verdict: 'contradicted' as const, evidence: source.evidence,
      reason: `a credential is committed in release code (line ${source.line}): ${source.reason}`,
    };
  });
}
