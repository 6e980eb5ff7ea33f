// One redaction step that every string passes through before any renderer sees it: secret-looking
// values become their first 4 characters plus their length. Secrets found by rules are registered
// so they are masked wherever they appear, even where no pattern would catch them.
import { mapStrings } from './control.js';

const PATTERNS: RegExp[] = [
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{22,}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];
/** Values assigned to secret-named keys, quoted, or unquoted in dotenv style. */
const ASSIGNED = /((?:secret|token|passw(?:or)?d|pwd|api[_-]?key|apikey|private[_-]?key|access[_-]?key|client[_-]?secret|auth[_-]?key|credential|signing[_-]?key|salt)[\w-]*["']?\s*[:=]\s*)(["'`])([^"'`\s]{6,})\2/gi;
const DOTENV = /^(\s*(?:export\s+)?[A-Z0-9_]*(?:SECRET|TOKEN|PASSWORD|PASSWD|API_KEY|APIKEY|PRIVATE_KEY|ACCESS_KEY|CREDENTIAL|SIGNING_KEY|SALT)[A-Z0-9_]*\s*=\s*)([^\s"'#][^\s#]{5,})/gm;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s"'`]+:)([^@\s"'`]{3,})(@)/gi;
const PRIVATE_KEY_BEGIN = /-----BEGIN [A-Z ]*PRIVATE KEY-----/g;
const PRIVATE_KEY_END = /^-----END [A-Z ]*PRIVATE KEY-----/;
/** Characters a PEM body holds: base64, whitespace, and the `Proc-Type: 4,ENCRYPTED` header lines. */
const PEM_BODY = /[A-Za-z0-9+/=\s:,.-]/;

/**
 * The body of a private key after its BEGIN line: up to its END line, or, when the key is cut short
 * (a quoted first line, a truncated paste), up to the first character no PEM body holds. A JSON
 * string's escaped newlines count as the body's; its closing quote ends it. Never to the end of the
 * text: a BEGIN line quoted alone must not swallow what follows it.
 */
function privateKeyBody(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    if (text.startsWith('-----END', i) && PRIVATE_KEY_END.test(text.slice(i, i + 64))) return i;
    if (text[i] === '\\' && (text[i + 1] === 'n' || text[i + 1] === 'r')) { i += 2; continue; }
    if (!PEM_BODY.test(text[i])) return i;
    i++;
  }
  return i;
}

/**
 * A superset of what every pattern above needs to match (the literal each one starts with, the
 * secret-named keys of ASSIGNED and DOTENV ignoring case, `://`, `-----BEGIN`): a string without any
 * of them comes out of the patterns unchanged, so most strings of a run model skip the 14 regexes.
 */
const MAY_HOLD_SECRET = /AKIA|ASIA|AGPA|AIDA|AROA|ANPA|gh[pousr]_|github_pat_|xox[abposr]-|[rs]k_(?:live|test)_|AIza|npm_|SG\.|eyJ|secret|token|passw|pwd|api[_-]?key|private[_-]?key|access[_-]?key|auth[_-]?key|credential|signing[_-]?key|salt|:\/\/|-----BEGIN /i;

export function mask(value: string): string {
  return `${value.slice(0, 4)}…[${value.length} chars]`;
}

const PLACEHOLDER = /^(?:x{3,}|\*+|\.+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|\$[A-Z_]+|(?:your|my|example|sample|dummy|fake|placeholder|changeme|change-me|redacted|replace|insert|todo)[\w.-]*)$|example|placeholder|changeme|xxxxxx/i;

/** A masked value, as `mask` writes it: never masked again. */
const MASKED = /…\[\d+ chars\]/;

/** Start and end offsets of a part of the text to mask. */
type Span = [number, number];

/**
 * Overlapping or touching spans become one: two secrets side by side, or a secretlint match that
 * covers the start of a value another detector found whole, are masked as one stretch of the text.
 */
function union(spans: Span[]): Span[] {
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

export class Redactor {
  private readonly known = new Set<string>();

  /**
   * Register a secret value found in the repository or in a report: it is masked wherever it
   * appears, even where no pattern would catch it. Each line of a multi-line value (a private key)
   * is registered too, since outputs quote one line at a time.
   */
  add(secret: string): void {
    if (secret.length >= 6) this.known.add(secret);
    if (!secret.includes('\n')) return;
    for (const line of secret.split('\n')) {
      const t = line.trim();
      if (t.length >= 16 && !t.startsWith('-----')) this.known.add(t);
    }
  }

  /** The registered values (caches drop any entry that holds one). */
  values(): string[] {
    return [...this.known];
  }

  /**
   * Every part of the text that a registered value or a pattern covers, found on the original
   * text and masked as a union: masking one match first would change the text the next one is
   * looked for in (a secretlint match over a name and the start of a value, masked first, left
   * the rest of the value for no pattern to find).
   */
  redact(text: string): string {
    if (!text || text.length < 6) return text;
    const spans: Span[] = [];
    for (const s of this.known) {
      for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) spans.push([at, at + s.length]);
    }
    if (MAY_HOLD_SECRET.test(text)) {
      const value = (m: RegExpMatchArray, v: string, before: number, shaped = false) => {
        const start = m.index! + before;
        if ((shaped || !PLACEHOLDER.test(v)) && !MASKED.test(text.slice(start, start + v.length + 12))) spans.push([start, start + v.length]);
      };
      for (const m of text.matchAll(PRIVATE_KEY_BEGIN)) {
        const start = m.index + m[0].length;
        const end = privateKeyBody(text, start);
        // Whitespace alone after the BEGIN line (a quoted first line) holds no key material.
        if (end > start && text.slice(start, end).replace(/\s|\\[nr]/g, '') !== '') spans.push([start, end]);
      }
      for (const re of PATTERNS) for (const m of text.matchAll(re)) value(m, m[0], 0, true);
      for (const m of text.matchAll(ASSIGNED)) value(m, m[3], m[1].length + m[2].length);
      for (const m of text.matchAll(DOTENV)) value(m, m[2], m[1].length);
      for (const m of text.matchAll(URL_PASSWORD)) value(m, m[2], m[1].length);
    }
    if (spans.length === 0) return text;
    let out = '';
    let from = 0;
    for (const [a, b] of union(spans)) {
      out += text.slice(from, a) + mask(text.slice(a, b));
      from = b;
    }
    return out + text.slice(from);
  }

  /**
   * Redact every string inside a JSON-like value without changing the value. Arrays and plain
   * objects are copied only where a string inside them changed (a run model holds megabytes of
   * inventory in which nothing is secret); any other object becomes a plain copy, as before.
   */
  deep<T>(value: T): T {
    // A run model repeats its strings (paths, methods, middleware names over 26k routes): each
    // distinct string is redacted once, and one shorter than any secret the patterns or `add` take
    // (6 characters) is not looked at. Fingerprints are digests, never secrets.
    return mapStrings(value, (s) => this.redact(s), { minLength: 6, keep: 'fingerprint' });
  }
}
