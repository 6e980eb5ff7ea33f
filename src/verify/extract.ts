// Report -> candidate claims. Parses the Markdown into a tree (mdast + GFM) and takes list items,
// table rows (with their header), headings and bold lines that carry a status, and sentences with
// numbers. Code blocks are quoted output, not claims.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import type { ClaimSource } from './model.js';
import { READINESS } from './vocabulary.js';

export interface RawClaim {
  text: string;
  line: number;
  endLine: number;
  section: string[];
  source: ClaimSource;
  /** Table cells keyed by header, for rows. */
  cells: Array<{ header: string; value: string }> | null;
  /** Text of the enclosing list item, for nested items ("Utility exists: `x.ts`" -> "Creates record"). */
  parent: string | null;
}

export interface Extraction {
  claims: RawClaim[];
  /** List items and table body rows in the report, for the recognised-share figure. */
  listAndTableLines: number;
}

const STATUS = /✅|✔|☑|❌|✖|✗|⚠|🟢|🟡|🔴|🚨|⏳|\b(PASS(ED)?|FAIL(ED)?|READY|MISSING|BLOCKED|COMPLETE(D)?|VERIFIED|PARTIAL|STUB|NOT RUN|UNKNOWN|DEFERRED|CONFIGURED|PRESENT|OPERATIONAL|APPROVED|NONE|GO|NO-GO)\b/;
export function hasStatus(text: string): boolean {
  return STATUS.test(text);
}

export function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text': return node.value;
    case 'inlineCode': return `\`${node.value}\``;
    case 'break': return '\n';
    case 'image': return node.alt ?? '';
    case 'html': return '';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(inlineText).join('') : '';
  }
}

function clean(text: string): string {
  return text.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').trim();
}

const sectionName = (t: string) => t.replace(STATUS, '').replace(/[\u{1F300}-\u{1FAFF}\u2600-\u27BF]|\uFE0F/gu, '').replace(/\s+/g, ' ').trim();

export function extractClaims(markdown: string): Extraction {
  const tree: Root = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const claims: RawClaim[] = [];
  const section: string[] = [];
  const depths: number[] = [];
  let listAndTableLines = 0;

  const push = (text: string, node: Nodes, source: ClaimSource, extra: Partial<RawClaim> = {}, line?: number) => {
    const t = clean(text);
    if (!t || !/[\p{L}\p{N}]/u.test(t) || /^[^:]{1,60}:$/.test(t)) return;
    const start = line ?? node.position?.start.line ?? 1;
    claims.push({
      text: t, line: start, endLine: line ?? node.position?.end.line ?? start, section: [...section], source,
      cells: null, parent: null, ...extra,
    });
  };

  /** A paragraph: each line that carries a status or starts bold is one claim; other sentences with numbers too. */
  const paragraph = (node: Parents, source: ClaimSource | null) => {
    const lines = inlineText(node as Nodes).split('\n');
    const first = node.position?.start.line ?? 1;
    const bold = (node.children[0] as PhrasingContent | undefined)?.type === 'strong';
    lines.forEach((l, i) => {
      if (!l.trim()) return;
      const ln = first + i;
      if (source) return push(l, node as Nodes, source, {}, ln);
      if (hasStatus(l) || (bold && i === 0) || /^\*\*|^[A-Z][\w /&-]{1,40}:\s/.test(l.trim())) return push(l, node as Nodes, 'bold', {}, ln);
      for (const s of l.split(/(?<=[a-z)][.!?])\s+(?=[A-Z])/)) if ((/\d/.test(s) && /[a-z]{3}/i.test(s)) || READINESS.test(s.replace(/[*_]/g, '').trim())) push(s, node as Nodes, 'sentence', {}, ln);
    });
  };

  const listItem = (item: Extract<Nodes, { type: 'listItem' }>, parent: string | null) => {
    listAndTableLines++;
    const own = item.children.filter((c) => c.type !== 'list');
    const text = own.map((c) => (c.type === 'paragraph' || c.type === 'heading' ? inlineText(c) : '')).join('\n');
    const source: ClaimSource = item.checked === null || item.checked === undefined ? 'list' : 'checkbox';
    const prefix = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
    if (text.trim()) push(prefix + text.replace(/\n/g, ' '), item, source, { parent, endLine: item.children[0]?.position?.end.line ?? item.position?.start.line ?? 1 });
    for (const c of item.children) if (c.type === 'list') for (const li of c.children) listItem(li, clean(text) || parent);
  };

  const table = (node: Extract<Nodes, { type: 'table' }>) => {
    const [head, ...rows] = node.children;
    const headers = head.children.map((c) => clean(inlineText(c)));
    for (const row of rows) {
      listAndTableLines++;
      const cells = row.children.map((c, i) => ({ header: headers[i] ?? '', value: clean(inlineText(c)) }));
      push(cells.map((c) => c.value).filter(Boolean).join(' | '), row, 'table', { cells });
    }
  };

  const visit = (node: RootContent | Root) => {
    switch (node.type) {
      case 'heading': {
        const text = clean(inlineText(node));
        while (depths.length && depths[depths.length - 1] >= node.depth) { depths.pop(); section.pop(); }
        if (hasStatus(text) || /\d+\s*(%|\/\s*100)/.test(text)) push(text, node, 'heading');
        depths.push(node.depth);
        section.push(sectionName(text));
        return;
      }
      case 'paragraph': return paragraph(node, null);
      case 'list': for (const li of node.children) listItem(li, null); return;
      case 'table': return table(node);
      case 'blockquote': case 'root': for (const c of node.children) visit(c); return;
      default: return;
    }
  };
  visit(tree);
  return { claims, listAndTableLines };
}
