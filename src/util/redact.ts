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
    out = out.replace(PRIVATE_KEY, (_m, head: string, tail: string) => `${head} …[redacted]… ${tail}`);
    for (const re of PATTERNS) out = out.replace(re, (m) => (m.includes('…[') ? m : mask(m)));
    out = out.replace(ASSIGNED, (m, pre: string, q: string, v: string) => (PLACEHOLDER.test(v) || v.includes('…[') ? m : `${pre}${q}${mask(v)}${q}`));
    out = out.replace(DOTENV, (m, pre: string, v: string) => (PLACEHOLDER.test(v) || v.includes('…[') ? m : `${pre}${mask(v)}`));
    out = out.replace(URL_PASSWORD, (m, pre: string, v: string, at: string) => (PLACEHOLDER.test(v) || v.includes('…[') ? m : `${pre}${mask(v)}${at}`));
    return out;
  }

  /** Redact every string inside a JSON-like value, in place-safe copy. */
  deep<T>(value: T): T {
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.redact(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, val] of Object.entries(v)) out[k] = k === 'fingerprint' ? val : walk(val);
        return out;
      }
      return v;
    };
    return walk(value) as T;
  }
}
