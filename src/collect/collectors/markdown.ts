// Markdown documents as the references they make (links, images, link definitions, HTML href/src,
// inline code spans) and their headings, each with its 1-based line. Fenced code blocks are left
// out: their paths are commands and examples. A line scanner, not a full parser: micromark measured
// ~70 KB/s here, far too slow for a docs folder.
import type { RecordOf } from '../facts/define.js';
import { markdownFacts } from '../facts/markdown.js';
import type { VisitorHost } from '../host.js';

type MarkdownRecord = RecordOf<typeof markdownFacts>;

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const SETEXT = /^\s{0,3}(=+|-+)\s*$/;
const LINK = /!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g;
const DEFINITION = /^\s{0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(\s|$)/;
const HTML_ATTR = /<(?:a|img|source)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"']+)["']/gi;
const CODE = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;

export function scanMarkdown(text: string): MarkdownRecord[] {
  const out: MarkdownRecord[] = [];
  const lines = text.split('\n');
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    const f = FENCE.exec(raw);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && raw.trim() === f[1]) fence = null;
      continue;
    }
    if (f) {
      fence = f[1];
      continue;
    }
    const line = i + 1;
    const h = HEADING.exec(raw);
    if (h) out.push({ type: 'heading', text: h[1], line });
    else if (SETEXT.test(raw) && i > 0 && lines[i - 1].trim() && !/^\s*[-*+]\s/.test(lines[i - 1])) out.push({ type: 'heading', text: lines[i - 1].trim(), line: i });
    const def = DEFINITION.exec(raw);
    if (def) out.push({ type: 'ref', kind: 'link', value: def[1], line });
    // Code spans first, so a link inside backticks is code, not a link.
    const prose = raw.replace(CODE, (_m, _ticks: string, body: string) => {
      out.push({ type: 'ref', kind: 'code', value: body.trim(), line });
      return ' '.repeat(_m.length);
    });
    for (const m of prose.matchAll(LINK)) out.push({ type: 'ref', kind: 'link', value: m[1], line });
    for (const m of prose.matchAll(HTML_ATTR)) out.push({ type: 'ref', kind: 'link', value: m[1], line });
  }
  return out;
}

export const markdown: VisitorHost = {
  id: markdownFacts.id,
  appliesTo: (f) => /^\.(md|mdx|markdown)$/i.test(f.ext),
  text(ctx) {
    for (const r of scanMarkdown(ctx.text)) markdownFacts.emit(ctx, r);
  },
};
