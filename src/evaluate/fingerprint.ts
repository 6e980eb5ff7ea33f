import { createHash } from 'node:crypto';

/** Stable when lines move: rule id + path + normalised snippet, plus the occurrence index among equal ones. */
export function fingerprint(ruleId: string, path: string | null, snippet: string, message: string, occurrence: number): string {
  const norm = snippet.replace(/\s+/g, ' ').trim();
  return createHash('sha1').update(`${ruleId}\0${path ?? ''}\0${norm || message}\0${occurrence}`).digest('hex').slice(0, 16);
}
