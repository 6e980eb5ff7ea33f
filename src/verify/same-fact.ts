// A change log beside a snippet: "**Database Validation Guard:**" with a snippet of `src/worker.ts`, and
// further down, under that file, "- Added constructor validation". The history line describes the
// code the snippet shows, so it is the same fact as the snippet (the file holds that code) and gets
// its verdict. Linked only when every word of the line, bar the verbs of change, is in the snippet or
// its label: a line that says more than the snippet shows stays a claim of its own.
import type { Claim } from './model.js';

/** Verbs that say a change happened, and glue words: they name no part of the code. */
const CHANGE = new Set<string>(['added', 'add', 'adds', 'converted', 'convert', 'removed', 'remove', 'applied', 'apply', 'fixed', 'fix', 'replaced', 'introduced',
  'updated', 'created', 'new', 'now', 'all', 'the', 'and', 'for', 'with', 'from', 'into', 'to', 'of', 'in', 'on', 'a', 'an']);

const stem = (w: string) => w.replace(/(ies|s|ing|ed|ion)$/, '');
const CHANGE_STEMS = new Set([...CHANGE].map(stem));

/** Lowercased word stems of text, identifiers split at their humps. */
function words(text: string): Set<string> {
  return new Set(text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2).map(stem));
}

const samePath = (a: string, b: string) => a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);

/** The snippet's block (its own lines, comments included) and the nearest non-blank line above its fence. */
function shown(lines: string[], c: Claim): string {
  const fence = c.line - 1;
  let i = fence - 1;
  while (i >= 1 && !lines[i - 1].trim()) i--;
  return [i >= 1 ? lines[i - 1] : '', ...lines.slice(c.line - 1, c.endLine)].join('\n');
}

export function historyOfSnippets(claims: Claim[], markdown: string): Claim[] {
  const snippets = claims.filter((c) => c.kind === 'quote' && c.source === 'code');
  if (snippets.length === 0) return claims;
  const lines = markdown.split('\n');
  const seen = new Map(snippets.map((s) => [s, words(shown(lines, s))]));
  return claims.map((c) => {
    if (c.kind !== 'topic' || c.fact.key) return c;
    const own = [...words(String(c.subject.topic ?? ''))].filter((w) => !CHANGE_STEMS.has(w));
    if (own.length === 0) return c;
    const snippet = snippets.find((s) => samePath(String(s.subject.path), String(c.subject.path)) && own.every((w) => seen.get(s)!.has(w)));
    if (!snippet) return c;
    return { ...c, fact: { ...c.fact, key: snippetKey(snippet) } };
  }).map((c) => (c.kind === 'quote' && c.source === 'code' && !c.fact.key ? { ...c, fact: { ...c.fact, key: snippetKey(c) } } : c));
}

const snippetKey = (s: Claim) => `quote|${String(s.subject.path)}|holds the code shown@${s.line}`;
