// `verdict-ignore <rule-id>: <reason>` comments in any text file: `//` and `/* */` in code, `--` in
// SQL, `#` in YAML/TOML/shell, `<!-- -->` in Markdown. A comment alone on its line covers the next
// line; a trailing comment covers its own line.
import { suppressionFacts } from '../facts/suppressions.js';
import type { VisitorHost } from '../host.js';
import { BINARY_KIND } from '../../util/binary-kinds.js';

const PATTERN = /(\/\/|\/\*|--|#|<!--)\s*verdict-ignore(?:\s+([\w@./*-]+))?\s*(?::\s*(.*?))?\s*(?:\*\/|-->)?\s*$/;

/** The comment openers each kind of file has: an example in a Markdown code span is not a comment. */
function openersFor(ext: string): Set<string> {
  if (/^\.(md|mdx|markdown|html?)$/i.test(ext)) return new Set(['<!--']);
  if (/^\.sql$/i.test(ext)) return new Set(['--', '/*']);
  if (/^\.(ya?ml|toml|sh|bash|env|py|rb)$/i.test(ext) || ext === '') return new Set(['#']);
  return new Set(['//', '/*']);
}

export const suppressions: VisitorHost = {
  id: suppressionFacts.id,
  // Vendored code is not read, nor kinds that hold no comments.
  appliesTo: (f) => f.role !== 'vendored' && !BINARY_KIND.test(f.path),
  text(ctx) {
    if (!ctx.text.includes('verdict-ignore')) return;
    const lines = ctx.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].replace(/\r$/, '');
      if (!raw.includes('verdict-ignore')) continue;
      const m = PATTERN.exec(raw);
      if (!m || !openersFor(ctx.file.ext).has(m[1])) continue;
      const before = raw.slice(0, m.index).trim();
      suppressionFacts.emit(ctx, {
        line: i + 1,
        ruleId: m[2] ?? null,
        reason: m[3]?.trim() || null,
        appliesToLine: before === '' ? i + 2 : i + 1,
      });
    }
  },
};
