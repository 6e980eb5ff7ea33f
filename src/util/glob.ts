// Minimal glob matching for config globs, workspace patterns and exemptions: `**`, `*`, `?`,
// `{a,b}` and a leading `!` for negation in lists. Paths are relative with forward slashes.
const cache = new Map<string, RegExp>();

function escape(ch: string): string {
  return /[.+^$()|[\]\\]/.test(ch) ? `\\${ch}` : ch;
}

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let g = glob.replace(/^\.\//, '');
  if (g.endsWith('/')) g += '**';
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = g.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${g.slice(i + 1, end).split(',').map((p) => p.split('').map(escape).join('')).join('|')})`;
        i = end;
      }
    } else re += escape(c);
  }
  const out = new RegExp(`^${re}$`);
  cache.set(glob, out);
  return out;
}

export function matchGlob(path: string, glob: string): boolean {
  return globToRegExp(glob).test(path);
}

/** True when the path matches any positive glob and no negated one. A bare folder glob matches inside it. */
export function matchAny(path: string, globs: string[]): boolean {
  let hit = false;
  for (const g of globs) {
    if (g.startsWith('!')) {
      if (matchOne(path, g.slice(1))) return false;
    } else if (!hit && matchOne(path, g)) hit = true;
  }
  return hit;
}

function matchOne(path: string, g: string): boolean {
  return matchGlob(path, g) || (!/[*?{]/.test(g) && (path === g || path.startsWith(`${g.replace(/\/$/, '')}/`)));
}

/**
 * A glob as a regular expression, strictly: a test runner's or a CLI's patterns (`**`, `*`, `?`, `{a,b}`, `[jt]`, extglob `?(..)`, `+(..)`, `*(..)`, `@(..)`);
 * null for syntax not read here, so the caller says unknown rather than guessing. `globToRegExp` is the lenient
 * form for config globs and workspace patterns.
 */
export function globRegExp(glob: string): RegExp | null {
  let re = '';
  const g = glob.replace(/^\.\//, '');
  const stack: string[] = [];
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    const next = g[i + 1];
    if ('?+*@'.includes(c) && next === '(') { stack.push(c === '@' ? '' : c); re += '(?:'; i++; continue; }
    if (c === '!' && next === '(') return null;
    if (c === ')' && stack.length) { re += `)${stack.pop()}`; continue; }
    if (c === '|' && stack.length) { re += '|'; continue; }
    if (c === '*') {
      if (next === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = g.indexOf('}', i);
      if (end < 0 || /[{*?[(]/.test(g.slice(i + 1, end))) return null;
      re += `(?:${g.slice(i + 1, end).split(',').map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&')).join('|')})`;
      i = end;
    } else if (c === '[') {
      const end = g.indexOf(']', i);
      if (end < 0 || g[i + 1] === '!' || g[i + 1] === '^') return null;
      re += g.slice(i, end + 1);
      i = end;
    } else re += /[.+^$()|\\\]]/.test(c) ? `\\${c}` : c;
  }
  if (stack.length) return null;
  try { return new RegExp(`^${re}$`); } catch { return null; }
}
