// Report -> candidate claims. Parses the Markdown into a tree (mdast + GFM) and takes list items,
// table rows (with their header), headings and bold lines that carry a status, sentences with
// numbers, and what fenced blocks state (trees, snippets headed by their file, commands, status lines).
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import type { ClaimSource } from './model.js';
import { READINESS } from './vocabulary.js';
import { fencedClaims } from './fenced.js';

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
  /** For a code snippet the report says a file holds: the code shown, one string per line. */
  code?: string[];
  /** Relative link targets on the claim's lines (`[Guide](./migrations.md)`): files the report points to. */
  links?: string[];
  /** For a list item: the paragraph that introduces its list ("**Total Changes:**", "**Config** (`x.jsonc`):"). */
  lead?: string;
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

function safeDecode(url: string): string {
  try { return decodeURI(url); } catch { return url; }
}

/** Link targets inside the report that point at a file beside it (no scheme, not an anchor), by line. */
function linksByLine(tree: Root): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const walk = (n: Nodes) => {
    if (n.type === 'link' && !/^([a-z][\w+.-]*:|#|\/\/)/i.test(n.url) && n.url.trim()) {
      const line = n.position?.start.line ?? 0;
      out.set(line, [...(out.get(line) ?? []), safeDecode(n.url.replace(/#.*$/, ''))].filter(Boolean));
    }
    if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(tree);
  return out;
}

export function extractClaims(markdown: string): Extraction {
  const tree: Root = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const claims: RawClaim[] = [];
  const section: string[] = [];
  const depths: number[] = [];
  let listAndTableLines = 0;
  const links = linksByLine(tree);

  const push = (text: string, node: Nodes, source: ClaimSource, extra: Partial<RawClaim> = {}, line?: number) => {
    const t = clean(text);
    // "Summary:" introduces a list; "✅ GO FOR PRODUCTION with these conditions:" is a statement all the same.
    if (!t || !/[\p{L}\p{N}]/u.test(t) || (/^[^:]{1,60}:$/.test(t) && !READINESS.test(t.replace(/[*_]/g, '')))) return;
    const start = line ?? node.position?.start.line ?? 1;
    const end = extra.endLine ?? line ?? node.position?.end.line ?? start;
    const targets = source === 'code' || source === 'tree' ? [] : [...links].filter(([l]) => l >= start && l <= end).flatMap(([, u]) => u);
    claims.push({
      text: t, line: start, endLine: end, section: [...section], source,
      cells: null, parent: null, ...(targets.length ? { links: [...new Set(targets)] } : {}), ...extra,
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

  const listItem = (item: Extract<Nodes, { type: 'listItem' }>, parent: string | null, lead?: string) => {
    listAndTableLines++;
    const own = item.children.filter((c) => c.type !== 'list');
    const text = own.map((c) => (c.type === 'paragraph' || c.type === 'heading' ? inlineText(c) : '')).join('\n');
    const source: ClaimSource = item.checked === null || item.checked === undefined ? 'list' : 'checkbox';
    const prefix = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
    if (text.trim()) push(prefix + text.replace(/\n/g, ' '), item, source, { parent, endLine: item.children[0]?.position?.end.line ?? item.position?.start.line ?? 1, ...(lead ? { lead } : {}) });
    for (const c of item.children) {
      if (c.type === 'list') for (const li of c.children) listItem(li, clean(text) || parent);
      else if (c.type === 'code') visit(c);
    }
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

  /** The paragraph right before a list that ends with a colon: it says what the list's items are. */
  const leadOf = (list: Nodes): string | undefined => {
    const before = previous.get(list);
    if (before?.type !== 'paragraph') return undefined;
    const t = clean(inlineText(before));
    return /:\s*$/.test(t) ? t : undefined;
  };
  const previous = new Map<Nodes, Nodes>();

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
      case 'list': for (const li of node.children) listItem(li, null, leadOf(node)); return;
      case 'table': return table(node);
      case 'code': {
        const fence = node.position?.start.line ?? 1;
        for (const f of fencedClaims(node.lang, node.value, fence)) push(f.text, node, f.source, { endLine: f.endLine, ...(f.code ? { code: f.code } : {}) }, f.line);
        return;
      }
      case 'blockquote': case 'root':
        node.children.forEach((c, i) => { if (i > 0) previous.set(c, node.children[i - 1]); visit(c); });
        return;
      default: return;
    }
  };
  visit(tree);
  return { claims, listAndTableLines };
}
