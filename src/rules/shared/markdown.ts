// Markdown documents as the references they make: links (with their URL) and inline code spans,
// each with its 1-based line. Fenced code blocks are left out: their paths are commands and examples.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

export interface MarkdownRef { kind: 'link' | 'code'; value: string; line: number }
export interface MarkdownHeading { text: string; line: number }

interface Node { type: string; value?: string; url?: string; children?: Node[]; depth?: number; position?: { start: { line: number } } }

export function parseMarkdown(text: string): { refs: MarkdownRef[]; headings: MarkdownHeading[] } {
  const refs: MarkdownRef[] = [];
  const headings: MarkdownHeading[] = [];
  let tree: Node;
  try {
    tree = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as Node;
  } catch {
    return { refs, headings };
  }
  const plain = (n: Node): string => n.value ?? (n.children ?? []).map(plain).join('');
  const visit = (n: Node): void => {
    const line = n.position?.start.line ?? 1;
    if ((n.type === 'link' || n.type === 'image' || n.type === 'definition') && n.url) refs.push({ kind: 'link', value: n.url, line });
    else if (n.type === 'inlineCode' && n.value) refs.push({ kind: 'code', value: n.value, line });
    else if (n.type === 'heading') headings.push({ text: plain(n), line });
    if (n.type === 'code') return;
    for (const c of n.children ?? []) visit(c);
  };
  visit(tree);
  return { refs, headings };
}
