// Claims inside fenced blocks. A report's code blocks are not all quoted output: a directory tree
// says which files exist and how many things each holds (`├── unit/  # 9 unit test files`), a
// snippet headed by its file (`// src/worker.ts`) says that file holds that code, a command block
// names scripts that exist, and a block of status lines (`Security: 100% [■■■]`, `1. X - ✅ FIXED`)
// states results as any list would.

/** One claim read from a fenced block: its text, the report lines it covers, and what kind of block it came from. */
export interface FencedClaim {
  text: string;
  line: number;
  endLine: number;
  source: 'tree' | 'code' | 'block';
  /** For a snippet: the code shown, one string per line. */
  code?: string[];
}

const CODE_LANGS = /^(ts|typescript|js|javascript|tsx|jsx|mjs|cjs)$/i;
const TREE_LINE = /[├└]──|[├└]─|^\s*[|`+]--\s/;
/** Tree drawing before an entry's name: rails, branches and the spaces between them. */
const TREE_PREFIX = /^(?:[ \t│┃|]|[├└┣┗+`][─━-]+\s?)*/;
const SCRIPT = /\b(?:npm run|pnpm(?: run)?|yarn(?: run)?|bun run)\s+[\w:.-]+/;
const STATUS_LINE = /✅|❌|✔|✖|✗|⚠|🟢|🟡|🔴|\b(PASS(ED)?|FAIL(ED)?|FIXED|READY|BLOCKED|MISSING)\b|^[\w /&-]{2,40}:\s*\d{1,3}\s*%/;

const GIT_STAT = /^\s*[-*]?\s*\d[\d,]*\s+(files? changed|insertions?\b)/;

const isPathName = (name: string) => /\/$/.test(name) || /\.[a-z][\w]{0,9}$/i.test(name) || /^[\w@.-]+(\/[\w@.-]+)+\/?$/.test(name);

/** Report line of the block's i-th content line: the fence is on `fence`. */
function blockLines(value: string, fence: number): Array<{ text: string; line: number }> {
  return value.split('\n').map((text, i) => ({ text, line: fence + 1 + i }));
}

export function fencedClaims(lang: string | null | undefined, value: string, fence: number): FencedClaim[] {
  const lines = blockLines(value, fence);
  if (lines.some((l) => TREE_LINE.test(l.text))) return treeClaims(lines);
  if (lang && CODE_LANGS.test(lang)) return snippetClaims(lines);
  return lines.flatMap(({ text, line }): FencedClaim[] => {
    // `$ npm run x`, `run: npm run x` (a workflow step), a bare command: the script is named as one that exists.
    const command = text.replace(/^\s*(?:[$>#]\s+|-?\s*run:\s*)/, '').trim();
    const script = command.match(SCRIPT);
    if (script && command.startsWith(script[0])) return [{ text: script[0], line, endLine: line, source: 'block' }];
    // "- 77 files changed", "- 5072 insertions, 1681 deletions": git's own figures for the commit the block shows.
    if (GIT_STAT.test(text)) return [{ text: text.trim().replace(/^[-*]\s+/, ''), line, endLine: line, source: 'block' }];
    if (STATUS_LINE.test(text)) return [{ text: text.trim().replace(/\s*\[[■□▓░█▒#=. -]+\]\s*$/, ''), line, endLine: line, source: 'block' }];
    return [];
  });
}

/**
 * A directory tree: each entry's full path from the entries above it. A path entry is a claim that
 * it exists, with what its comment says of it; entries under a file that carry "(N)" are groups of
 * one kind of thing in that file ("Operational Tables (7)"), and their sum is the file's count.
 */
function treeClaims(lines: Array<{ text: string; line: number }>): FencedClaim[] {
  const out: FencedClaim[] = [];
  const stack: Array<{ depth: number; path: string; dir: boolean }> = [];
  const groups = new Map<string, { unit: string; n: number[]; labels: string[]; line: number; endLine: number }>();
  for (const { text, line } of lines) {
    if (!text.trim()) continue;
    const prefix = text.match(TREE_PREFIX)?.[0] ?? '';
    const depth = prefix.length;
    const [rawName, ...rest] = text.slice(prefix.length).split(/\s+(?:#|\/\/|←|<-)\s*/);
    const name = rawName.trim();
    const comment = rest.join(' ').trim();
    while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (!name || name === '...' || name === '…') continue;
    if (isPathName(name)) {
      const base = parent?.dir ? parent.path : '';
      const full = `${base}${name}`.replace(/\/{2,}/g, '/');
      stack.push({ depth, path: full, dir: name.endsWith('/') });
      out.push({ text: `\`${full}\`${comment ? ` ${comment}` : ''}`, line, endLine: line, source: 'tree' });
      continue;
    }
    const group = name.match(/^(.*?)\b(\w+?)s?\s*\((\d+)\)$/);
    if (group && parent && !parent.dir) {
      const unit = `${group[2].toLowerCase()}s`;
      const key = `${parent.path}|${unit}`;
      const g = groups.get(key) ?? { unit, n: [], labels: [], line, endLine: line };
      g.n.push(Number(group[3]));
      g.labels.push(name);
      g.endLine = line;
      groups.set(key, g);
    }
    stack.push({ depth, path: parent?.path ?? '', dir: false });
  }
  for (const [key, g] of groups) {
    const file = key.split('|')[0];
    const sum = g.n.reduce((a, b) => a + b, 0);
    out.push({ text: `\`${file}\` has ${sum} ${g.unit} (${g.n.join(' + ')})`, line: g.line, endLine: g.endLine, source: 'tree' });
  }
  return out.sort((a, b) => a.line - b.line);
}

/**
 * A snippet whose first line is a comment naming a file: the report says that file holds this code.
 * "Before:" lines describe code that is gone and are dropped; "After:" lines are the code shown.
 */
function snippetClaims(lines: Array<{ text: string; line: number }>): FencedClaim[] {
  const first = lines.findIndex((l) => l.text.trim() !== '');
  if (first < 0) return [];
  const head = lines[first].text.trim().match(/^(?:\/\/|\/\*|#)\s*([\w@./-]+\.[a-z]{1,6})\b/i);
  if (!head || !/\//.test(head[1]) && !/\.(ts|tsx|js|jsx|mjs|cjs)$/.test(head[1])) return [];
  // "// After: async function x() { ... }" shows code; "// After: re-export the types" describes it.
  const code = lines.slice(first + 1).map((l) => {
    const after = l.text.match(/^\s*\/\/\s*After:\s*(.*)$/i)?.[1];
    return after !== undefined && /[(){}=;]/.test(after) ? after : l.text;
  }).filter((t) => !/^\s*\/\/\s*Before:/i.test(t));
  while (code.length && !code[code.length - 1].trim()) code.pop();
  const last = [...lines].reverse().find((l) => l.text.trim() !== '')!;
  return [{ text: `\`${head[1]}\` holds the code shown`, line: lines[first].line, endLine: last.line, source: 'code', code }];
}
