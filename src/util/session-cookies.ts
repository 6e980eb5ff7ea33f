// Committed browser session cookies: a cookie jar exported from a browser (a JSON array of
// `{ name, value, domain }`, or a Netscape `cookies.txt`), a dictionary of cookie values, or a
// `Cookie:` header written into the code. Read by structure (the objects and pairs the file holds),
// with the provider names from knowledge/session-cookies.ts; a value must look like a real one.
import ts from 'typescript';
import { distinctiveSessionCookie, isProviderSessionCookie, isSessionCookieName, PROVIDER_SESSION_COOKIES, sessionCookieProviderOfDomain, type ProviderSessionCookies } from '../knowledge/index.js';

export interface CookieSecret {
  /** 0-based offset of the value in the text. */
  index: number;
  value: string;
  /** The cookie's name, and its provider when it is a known provider's. */
  name: string;
  provider: string | null;
}

const LONG_NAMES = PROVIDER_SESSION_COOKIES.flatMap((p) => [...p.distinctive, ...p.shared]).filter((n) => n.length >= 4);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * Whether a text may hold a cookie worth parsing for: a provider's longer cookie name or domain, a
 * `Cookie` header or key with a string beside it, or a Netscape jar line. Only a gate: the parse decides.
 */
const GATE = new RegExp([
  `(?:^|[^\\w-])(?:${LONG_NAMES.map(escape).join('|')})(?![\\w-])`,
  `(?:${PROVIDER_SESSION_COOKIES.flatMap((p) => p.domains).map(escape).join('|')})`,
  `[Cc]ookie['"]?\\s*[:,=]\\s*['"\`]`,
  'Cookie: ',
  '\\t(?:TRUE|FALSE)\\t',
].join('|'));

/** A value shaped like a real cookie: long enough, varied, and no placeholder. */
function looksReal(value: string, isPlaceholder: (v: string) => boolean): boolean {
  if (isPlaceholder(value)) return false;
  const alnum = value.replace(/[^A-Za-z0-9]/g, '');
  if (alnum.length < 16 || !/\d/.test(alnum) || !/[A-Za-z]/.test(alnum)) return false;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / value.length) * Math.log2(n / value.length);
  return h >= 3.2;
}

interface Cookie { name: string; value: string; index: number; domain: string | null; header: boolean }

/**
 * The provider a cookie belongs to, judged with the cookies beside it (one jar entry, one header, one
 * dictionary): its domain's provider, a distinctive name, or a shared name beside one of the same
 * provider's distinctive names (or beside another shared one of its own).
 */
function providerOf(c: Cookie, beside: readonly Cookie[]): ProviderSessionCookies | null {
  const byDomain = c.domain ? sessionCookieProviderOfDomain(c.domain) : null;
  if (byDomain) return isProviderSessionCookie(byDomain, c.name) ? byDomain : null;
  const own = distinctiveSessionCookie(c.name);
  if (own) return own;
  for (const p of PROVIDER_SESSION_COOKIES) {
    if (!p.shared.includes(c.name)) continue;
    if (beside.some((o) => o !== c && isProviderSessionCookie(p, o.name))) return p;
  }
  return null;
}

/** The cookies a `name=value; name2=value2` header holds, with their offsets (from `start`). */
function headerPairs(text: string, start: number): Cookie[] {
  const out: Cookie[] = [];
  const body = text.replace(/^\s*Cookie:\s*/i, '');
  let at = start + (text.length - body.length);
  for (const part of body.split(';')) {
    const eq = part.indexOf('=');
    const name = eq > 0 ? part.slice(0, eq).trim() : '';
    const value = eq > 0 ? part.slice(eq + 1).trim() : '';
    if (name && value && /^[\w.$!#%&'*+^`|~-]+$/.test(name)) out.push({ name, value, index: at + part.indexOf(value, eq), domain: null, header: true });
    at += part.length + 1;
  }
  return out;
}

function propName(p: ts.ObjectLiteralElementLike): string | null {
  return p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNoSubstitutionTemplateLiteral(p.name)) ? p.name.text : null;
}

function stringOf(e: ts.Expression | undefined): ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | null {
  return e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) ? e : null;
}

/** The groups of cookies a parsed file holds: each jar entry array, each dictionary, each header string. */
function cookieGroups(sf: ts.SourceFile): Cookie[][] {
  const groups: Cookie[][] = [];
  const entryOf = (o: ts.ObjectLiteralExpression): Cookie | null => {
    const get = (k: string) => o.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propName(p) === k);
    const name = stringOf(get('name')?.initializer);
    const value = stringOf(get('value')?.initializer);
    if (!name || !value) return null;
    const domain = stringOf(get('domain')?.initializer);
    return { name: name.text, value: value.text, index: value.getStart(sf) + 1, domain: domain?.text ?? null, header: false };
  };
  // Parents are passed down: a JSON file's tree (ts.parseJsonText) has none set.
  const visit = (n: ts.Node, parent: ts.Node | undefined): void => {
    if (ts.isArrayLiteralExpression(n)) {
      const entries = n.elements.filter(ts.isObjectLiteralExpression).map(entryOf).filter((c): c is Cookie => c !== null);
      if (entries.length > 0) groups.push(entries);
    } else if (ts.isObjectLiteralExpression(n) && !(parent && ts.isArrayLiteralExpression(parent))) {
      const single = entryOf(n);
      if (single) groups.push([single]);
      // A dictionary of cookies by name (`{ SAPISID: '…', HSID: '…' }`).
      const dict: Cookie[] = [];
      for (const p of n.properties) {
        const name = propName(p);
        const value = ts.isPropertyAssignment(p) ? stringOf(p.initializer) : null;
        if (name && value && PROVIDER_SESSION_COOKIES.some((x) => isProviderSessionCookie(x, name))) dict.push({ name, value: value.text, index: value.getStart(sf) + 1, domain: null, header: false });
      }
      if (dict.length > 0) groups.push(dict);
    } else if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      // A header string: `Cookie: a=b; c=d`, or the value of a `Cookie` key (`headers: { Cookie: '…' }`, `set('cookie', '…')`).
      const p = parent;
      const keyed = !p ? false : (ts.isPropertyAssignment(p) && p.initializer === n && /^cookie$/i.test(propName(p) ?? ''))
        || (ts.isCallExpression(p) && p.arguments[1] === n && stringOf(p.arguments[0])?.text.toLowerCase() === 'cookie');
      if (keyed || /^\s*Cookie:\s*\S+=/i.test(n.text)) groups.push(headerPairs(n.text, n.getStart(sf) + 1));
    }
    ts.forEachChild(n, (c) => visit(c, n));
  };
  visit(sf, undefined);
  return groups;
}

/** The cookies of a Netscape cookie file: tab-separated domain, subdomains flag, path, secure, expiry, name, value. */
function netscapeCookies(text: string): Cookie[] {
  const out: Cookie[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const f = line.replace(/^#HttpOnly_/, '').replace(/\r$/, '').split('\t');
    if (f.length === 7 && /^(?:TRUE|FALSE)$/.test(f[1]) && /^(?:TRUE|FALSE)$/.test(f[3]) && /^\d+$/.test(f[4]) && f[6]) {
      out.push({ name: f[5], value: f[6], index: offset + line.lastIndexOf(f[6]), domain: f[0].replace(/^#HttpOnly_/, ''), header: false });
    }
    offset += line.length + 1;
  }
  return out;
}

const SOURCE = /\.(?:[cm]?[jt]sx?)$/i;

/**
 * The session cookies a file commits: a known provider's (by name or by the jar's domain), or a
 * session-named cookie in a `Cookie` header or a jar entry with a domain. `isPlaceholder`: the
 * secret scan's placeholder test (`<your-cookie>`, `xxx`).
 */
export function findCookieSecrets(path: string, text: string, isPlaceholder: (v: string) => boolean): CookieSecret[] {
  if (!GATE.test(text)) return [];
  const groups: Cookie[][] = [];
  const jar = netscapeCookies(text);
  if (jar.length > 0) groups.push(jar);
  else if (/\.json$/i.test(path)) groups.push(...cookieGroups(ts.parseJsonText(path, text)));
  else if (SOURCE.test(path)) groups.push(...cookieGroups(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false)));
  else return [];
  const out: CookieSecret[] = [];
  for (const group of groups) {
    for (const c of group) {
      if (!looksReal(c.value, isPlaceholder)) continue;
      const p = providerOf(c, group);
      // Any other session-named cookie counts where it is plainly a cookie sent or kept: a header, a jar entry with its domain.
      if (!p && !((c.header || c.domain) && isSessionCookieName(c.name))) continue;
      out.push({ index: c.index, value: c.value, name: c.name, provider: p?.provider ?? null });
    }
  }
  return out;
}
