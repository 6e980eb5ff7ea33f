// `verdict-ignore <rule-id>: <reason>` comments in any text file: `//` and `/* */` in code, `--` in
// SQL, `#` in YAML/TOML/shell, `<!-- -->` in Markdown. A comment alone on its line covers the next
// line; a trailing comment covers its own line.
import type { VisitorHost } from '../host.js';

type FactRecord = Record<string, unknown> & { path: string };

const PATTERN = /(\/\/|\/\*|--|#|<!--)\s*verdict-ignore(?:\s+([\w@./*-]+))?\s*(?::\s*(.*?))?\s*(?:\*\/|-->)?\s*$/;

/** The comment openers each kind of file has: an example in a Markdown code span is not a comment. */
function openersFor(ext: string): Set<string> {
  if (/^\.(md|mdx|markdown|html?)$/i.test(ext)) return new Set(['<!--']);
  if (/^\.sql$/i.test(ext)) return new Set(['--', '/*']);
  if (/^\.(ya?ml|toml|sh|bash|env|py|rb)$/i.test(ext) || ext === '') return new Set(['#']);
  return new Set(['//', '/*']);
}

export const suppressions: VisitorHost = {
  id: 'collect/suppressions',
  text(ctx) {
    if (!ctx.text.includes('verdict-ignore')) return;
    const lines = ctx.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].replace(/\r$/, '');
      if (!raw.includes('verdict-ignore')) continue;
      const m = PATTERN.exec(raw);
      if (!m || !openersFor(ctx.file.ext).has(m[1])) continue;
      const before = raw.slice(0, m.index).trim();
      ctx.emit({
        line: i + 1,
        ruleId: m[2] ?? null,
        reason: m[3]?.trim() || null,
        appliesToLine: before === '' ? i + 2 : i + 1,
      });
    }
  },
};

export interface SuppressionComment {
  path: string;
  line: number;
  ruleId: string | null;
  reason: string | null;
  appliesToLine: number;
}

export function asSuppressions(records: FactRecord[]): SuppressionComment[] {
  return records.map((r) => ({
    path: r.path, line: Number(r.line), ruleId: (r.ruleId as string | null) ?? null,
    reason: (r.reason as string | null) ?? null, appliesToLine: Number(r.appliesToLine),
  }));
}

export function ruleMatches(pattern: string, ruleId: string): boolean {
  return pattern === ruleId || (pattern.endsWith('/*') && ruleId.startsWith(pattern.slice(0, -1)));
}

