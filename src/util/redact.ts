// One redaction step that every string passes through before any renderer sees it: secret-looking
// values become their first 4 characters plus their length. Secrets found by rules are registered
// so they are masked wherever they appear, even where no pattern would catch them.
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
const PRIVATE_KEY = /(-----BEGIN [A-Z ]*PRIVATE KEY-----)[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;

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

export class Redactor {
  private readonly known = new Set<string>();

  /** Register a secret value found by a rule: it is masked wherever it appears. */
  add(secret: string): void {
    if (secret.length >= 6) this.known.add(secret);
  }

  redact(text: string): string {
    if (!text) return text;
    let out = text;
    for (const s of this.known) if (out.includes(s)) out = out.split(s).join(mask(s));
    if (!MAY_HOLD_SECRET.test(out)) return out;
    out = out.replace(PRIVATE_KEY, (_m, head: string, tail: string) => `${head} …[redacted]… ${tail}`);
    for (const re of PATTERNS) out = out.replace(re, (m) => (m.includes('…[') ? m : mask(m)));
    out = out.replace(ASSIGNED, (m, pre: string, q: string, v: string) => (PLACEHOLDER.test(v) || v.includes('…[') ? m : `${pre}${q}${mask(v)}${q}`));
    out = out.replace(DOTENV, (m, pre: string, v: string) => (PLACEHOLDER.test(v) || v.includes('…[') ? m : `${pre}${mask(v)}`));
    out = out.replace(URL_PASSWORD, (m, pre: string, v: string, at: string) => (PLACEHOLDER.test(v) || v.includes('…[') ? m : `${pre}${mask(v)}${at}`));
    return out;
  }

  /**
   * Redact every string inside a JSON-like value without changing the value. Arrays and plain
   * objects are copied only where a string inside them changed (a run model holds megabytes of
   * inventory in which nothing is secret); any other object becomes a plain copy, as before.
   */
  deep<T>(value: T): T {
    // A run model repeats its strings (paths, methods, middleware names over 26k routes): each
    // distinct string is redacted once, and one shorter than any secret the patterns or `add` take
    // (6 characters) is not looked at.
    const seen = new Map<string, string>();
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') {
        if (v.length < 6) return v;
        let r = seen.get(v);
        if (r === undefined) seen.set(v, (r = this.redact(v)));
        return r;
      }
      if (!v || typeof v !== 'object') return v;
      if (Array.isArray(v)) {
        let out: unknown[] | null = null;
        for (let i = 0; i < v.length; i++) {
          const x = walk(v[i]);
          if (out) out[i] = x;
          else if (x !== v[i]) out = [...v.slice(0, i), x];
        }
        return out ?? v;
      }
      const proto = Object.getPrototypeOf(v) as unknown;
      const plain = proto === Object.prototype || proto === null;
      let out: Record<string, unknown> | null = plain ? null : {};
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        const val = obj[k];
        const x = k === 'fingerprint' ? val : walk(val);
        if (out) out[k] = x;
        else if (x !== val) {
          out = {};
          for (let j = 0; j < i; j++) out[keys[j]] = obj[keys[j]];
          out[k] = x;
        }
      }
      return out ?? v;
    };
    return walk(value) as T;
  }
}
