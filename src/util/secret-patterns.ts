// Secret detection shared by the collect prefilter (which lines of which files are worth a closer
// look) and the secrets scan (which values they are). The prefilter must flag every line that the
// secretlint recommended preset or verdict's own detectors could report, and little else.
import { isLoopbackHost, isPlaceholderHost, isPublicCredentialValue, isSecretName, managedDatastoreOf } from '../knowledge/index.js';
import { findCookieSecrets } from './session-cookies.js';

/**
 * Cheap shapes of every token the secretlint preset looks for, plus AWS key ids and private keys.
 * Lengths are the preset's minimums, so this stays a superset of what it reports. Alternatives are
 * grouped by their first character (a trie), which irregexp scans ~1.5x faster than a flat list.
 */
const PROVIDER = new RegExp([
  String.raw`A(?:KIA|SIA|GPA|IDA|ROA|IPA|NPA|NVA|3T[A-Z0-9])[A-Z0-9]{16}\b`,
  String.raw`[Ss](?:ecret|ECRET)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)\s*["']?[A-Za-z0-9/+=]{40}`,
  String.raw`PRIVATE KEY`,
  String.raw`private_key_id`,
  String.raw`x(?:-oauth-basic@|ox[bpaor]-|app-)`,
  String.raw`_authToken=`,
  String.raw`n(?:pm_[A-Za-z0-9_]{36}|tn_[0-9]{11})`,
  String.raw`h(?:ooks\.slack\.com/services/|f_[a-zA-Z]{34}|v[sbr]\.[A-Za-z0-9_-]{90})`,
  String.raw`://[^:/\s@]{1,256}:[^@/\s]{1,256}@`,
  String.raw`s(?:k-(?:proj|svcacct|admin)-|k-[a-zA-Z0-9]{20}T3BlbkFJ|k-ant-api0|hp(?:pa|ca|at|ss)_[a-zA-Z0-9]{32})`,
  String.raw`g(?:sk_[a-zA-Z0-9]{52}|h[pousr]_[A-Za-z0-9_]{36}|ithub_pat_[A-Za-z0-9_]{82}|lpat-[A-Za-z0-9_-]{20}|lc_[A-Za-z0-9+/]{32}|lsa_[A-Za-z0-9]{32})`,
  String.raw`lin_api_[a-zA-Z0-9_]{32}`,
  String.raw`SG\.\w{1,128}\.\w`,
  String.raw`ops_ey[A-Za-z0-9+/=]{100}`,
  String.raw`vc[picakr]_[A-Za-z0-9]{20}`,
  String.raw`d(?:api[A-Fa-f0-9]{32}|ckr_pat_[a-zA-Z0-9_-]{27})`,
  String.raw`figd_[A-Za-z0-9_-]{40}`,
].join('|'), 'g');

const AWS_KEY_ID = /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g;

/** `name = "value"`, `name: 'value'`, `"name": "value"`, and dotenv/YAML `NAME=value` (unquoted). */
const ASSIGNMENT = /(?:secret|token|passw(?:or)?d|passwd|pwd|key|credentials?)[\w$-]*["']?[ \t]*(?:=>|:=|=|:)[ \t]*(?:(["'`])([^"'`\s\\]{8,200})\1|([^\s"'`#,;)}\]]{8,200})(?=[ \t]*(?:#.*)?$))/gim;
const NAME_CHAR = /[\w$.-]/;

/** The whole key name a keyword match sits in: `API_SECRET` for a match starting at `SECRET`. */
function nameAt(text: string, keyword: number, match: string): string {
  let start = keyword;
  while (start > 0 && NAME_CHAR.test(text[start - 1])) start--;
  const tail = /^[\w$-]*/.exec(match)![0];
  return text.slice(start, keyword) + tail;
}

const PASSWORD_NAME = /passw(?:or)?d|passwd|\bpwd/i;

/** Values that say they are not real: EXAMPLE, xxx, changeme, your-key-here, <...>, ${...}. */
const PLACEHOLDER = /example|x{4,}|\*{3,}|changeme|change[-_ ]?me|change[-_]?this|replace[-_]?me|your[-_]?|placeholder|dummy|sample|redacted|insert[-_]|^<.*>$|\$\{|\{\{|%[sd(]|^\$[A-Z_]|process\.env|import\.meta|^env\.|todo|fixme|secret[-_]?here|key[-_]?here|^(?:test|fake|mock|demo|local|dev)[-_]|[-_](?:test|fake|mock|dummy)(?:$|[-_])|(?:^|[/_-])x{3,}(?:$|[/_-])|^sk_test_|^pk_|(?:\.{3}|\u2026)$|(?:^|[-_])tokens?(?:$|[-_])/i;

/** Demo values in READMEs and benchmarks: `secret123`, `db-password`, `pass1234`. */
const DEMO_WORDS = /secret|passw|^pass|hunter2|letmein|qwerty|admin|s3cr3t|p@ss/i;
/** The default passwords of database and broker images (`postgres:postgres@`, `guest:guest@`). */
const IMAGE_DEFAULTS = /^(postgres|postgresql|mysql|mariadb|root|guest|rabbitmq|redis|mongo|mongodb|minio|minioadmin|clickhouse|default|changeit)$/i;

/** Env files for test runs: they hold the test values by convention. */
export const TEST_ENV_FILE = /(^|\/)\.env\.(?:test|testing|ci|e2e)(?:\.local)?$/;
/** CI pipelines: `env:` blocks hold credentials of throwaway service containers and test keys. */
const CI_CONFIG = /(^|\/)(?:\.github\/workflows\/[^/]+|\.gitlab-ci|\.circleci\/config|azure-pipelines|bitbucket-pipelines|\.travis)\.ya?ml$/;
/**
 * Compose, env and config files for local development: `docker-compose.dev.yml`, `.env.development`,
 * and configs under a `dev/` folder (dev/k8s/manifests/vault.yaml).
 */
const DEV_ENV_FILE = /(^|\/)(?:(?:docker-)?compose[.-](?:dev|development|local|test|ci|e2e|integration)\.ya?ml|\.env\.(?:dev|development)(?:\.local)?)$|(^|\/)dev\/(?:[^/]+\/)*[^/]+\.(?:ya?ml|toml|json|env|conf|ini|hcl)$/;
/** Translation catalogs: `"Password": "Contraseña"` is a label (a status page's src/lang/*.json gave 15 such findings). */
// Catalogs written as modules too: packages/phrases/src/locales/pt-pt/*.ts (`password: 'Palavra-passe'`).
const TRANSLATIONS = /(^|\/)(?:locales?|i18n|l10n|lang|langs|languages|translations?)\/(?:[^/]+\/)*[^/]+\.(?:json|ya?ml|po|properties|arb|xlf|[cm]?[jt]s)$/i;

/**
 * Roles and files where a generic `password = '...'` is a demo or test value more often than a leak
 * (provider-shaped tokens and private keys are still reported there).
 */
export function genericScanApplies(path: string, role: string): boolean {
  return !['test', 'mock', 'example', 'generated', 'template'].includes(role) && !/\.(md|mdx|markdown|txt|rst|adoc|html?)$/i.test(path)
    && !TEST_ENV_FILE.test(path) && !DEV_ENV_FILE.test(path) && !CI_CONFIG.test(path) && !TRANSLATIONS.test(path);
}

const COMPOSE_FILE = /(^|\/)(?:docker-)?compose(?:[.-][\w-]+)?\.ya?ml$/;

/**
 * The services a Compose file defines (the keys under its top-level `services:`): a URL that points at
 * one of them (`postgres://postgres:p0stgr3s@postgres:5432/app`, next to the `postgres` service
 * that sets that password) reaches a container the file itself starts, as `localhost` would.
 */
export function composeServices(path: string, text: string): Set<string> {
  const out = new Set<string>();
  // A production or deployment stack's URL may hold the only copy of a real password.
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (!COMPOSE_FILE.test(path) || /(?:^|[.\-_])(?:prod|production|deploy|release|live)(?:[.\-_]|$)/i.test(base)) return out;
  const start = /^services:[ \t]*$/m.exec(text);
  if (!start) return out;
  let indent: string | null = null;
  for (const line of text.slice(start.index + start[0].length).split('\n')) {
    if (/^\S/.test(line)) break; // the next top-level key
    const m = /^([ \t]+)([\w.-]+):[ \t]*(?:#.*)?$/.exec(line);
    if (!m) continue;
    indent ??= m[1];
    if (m[1] === indent) out.add(m[2]);
  }
  return out;
}

/** `POSTGRES_PASSWORD: p0stgr3s` (or `=`) somewhere in the file: the value of a password key, not of a URL. */
function setsPassword(text: string, password: string): boolean {
  for (let at = text.indexOf(password); at >= 0; at = text.indexOf(password, at + 1)) {
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const before = text.slice(lineStart, at);
    if (/PASSWORD\w*["']?\s*[:=]\s*["']?$/i.test(before) && !before.includes('://')) return true;
  }
  return false;
}

/** The parts of a URL with a password in its user-info, parsed as WHATWG URL does; null for anything else. */
export function parseCredentialUrl(text: string): { scheme: string; user: string; password: string; host: string } | null {
  let u: URL;
  try { u = new URL(text); } catch { return null; }
  if (!u.password) return null;
  const decode = (x: string) => { try { return decodeURIComponent(x); } catch { return x; } };
  return { scheme: u.protocol.replace(/:$/, ''), user: decode(u.username), password: decode(u.password), host: u.hostname.replace(/^\[|\]$/g, '') };
}

/**
 * Credentials in URLs, judged on the URL as parsed: real-looking only when the password is no
 * placeholder, demo word or image default, differs from the user name, and the host is a real
 * machine other than this one and other than a container the same Compose file starts and gives that
 * very password (`compose`: its services and text; `POSTGRES_PASSWORD: p0stgr3s` next to
 * `postgres://postgres:p0stgr3s@postgres/...`). A managed cloud host takes a shorter password.
 */
export function isRealUrlPassword(url: string, _password?: string, compose?: { services: ReadonlySet<string>; text: string }): boolean {
  const c = parseCredentialUrl(url);
  if (!c) return false;
  const { password, user, host } = c;
  if (password.length < (managedDatastoreOf(host) ? 6 : 8) || isPlaceholder(password) || DEMO_WORDS.test(password) || IMAGE_DEFAULTS.test(password)) return false;
  // The user name again (`app:app@`): a local default, not a secret.
  if (user.toLowerCase() === password.toLowerCase()) return false;
  if (!host || isPlaceholderHost(host) || /[${}<>%]/.test(host)) return false;
  if (compose?.services.has(host) && setsPassword(compose.text, password)) return false;
  return !isLoopbackHost(host) && host !== '0.0.0.0';
}

/** Where URLs start: a scheme and `://`; the URL runs to the first character no URL in a config holds unquoted. */
const URL_TOKEN = /\b[a-z][a-z0-9+.-]{1,30}:\/\/[^\s"'`]+/gi;

/** URLs with a password in their user-info, found where they start and parsed: the password as written, and its offset. */
export function findUrlPasswords(text: string): Array<{ index: number; value: string; url: string; scheme: string; host: string }> {
  const out: Array<{ index: number; value: string; url: string; scheme: string; host: string }> = [];
  for (const m of text.matchAll(URL_TOKEN)) {
    const token = m[0].replace(/[),;.\]]+$/, '');
    const c = parseCredentialUrl(token);
    if (!c) continue;
    const start = token.indexOf('://') + 3;
    const authority = token.slice(start).split(/[/?#]/)[0];
    const userinfo = authority.slice(0, authority.lastIndexOf('@'));
    const raw = userinfo.slice(userinfo.indexOf(':') + 1);
    if (!raw) continue;
    out.push({ index: m.index + start + userinfo.indexOf(':') + 1, value: raw, url: token, scheme: c.scheme, host: c.host });
  }
  return out;
}

/** A database or broker image's default password (`postgres`, `guest`): a local default, not a secret anyone chose. */
export function isImageDefaultPassword(value: string): boolean {
  return IMAGE_DEFAULTS.test(value);
}

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || /^(.)\1+$/.test(value) || /^(?:0123456789|123456|abcdef|abc123)/i.test(value);
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A value assigned to a secret-named key that reads like a real secret, not a word or an identifier. */
export function looksLikeSecretValue(value: string, password: boolean): boolean {
  if (isPlaceholder(value) || DEMO_WORDS.test(value)) return false;
  if (isPublicCredentialValue(value)) return false; // x-oauth-basic beside a GitHub token: documented, not secret
  if (/^[A-Z0-9_]+$/.test(value) && /_/.test(value)) return false; // another constant's name
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false; // a UUID: an identifier
  if (/^[a-z]+(?:[A-Z][a-z]+)+$/.test(value)) return false; // camelCase identifier
  if (/:\/\/|^\.{0,2}\/|^[\w-]+\.[a-z]{2,4}$|^@|^#|^\w+\(|\.\w+\(/.test(value)) return false; // URL, path, file, call
  if (/^[\w-]+(?:\.[\w-]+){2,}$/.test(value) && !/\d/.test(value)) return false; // dotted i18n keys
  // A word in any alphabet (`Löseord`, `Contraseña`) is no password: it needs a digit or a symbol,
  // and the space or apostrophe of a phrase and a label's closing colon are none (`Contraseña:`). A
  // hyphen is one: `correct-horse-battery-staple` is a passphrase (translation catalogs, where
  // `Palavra-passe` is a label, are not scanned at all).
  if (password) return value.length >= 8 && /[A-Za-z]/.test(value) && /[^\p{L}\s'’]/u.test(value.replace(/[:.!?]$/, '')) && entropy(value) >= 2.8;
  return value.length >= 16 && /[A-Za-z]/.test(value) && /\d/.test(value) && entropy(value) >= 3.5;
}

export interface SecretMatch {
  /** 0-based offset of the value in the text. */
  index: number;
  value: string;
  detector: 'aws-access-key-id' | 'assigned-secret' | 'session-cookie' | 'url-password';
  /** For a URL's password: the URL's scheme and host. */
  url?: { scheme: string; host: string };
  /** The key the value is assigned to, for assigned secrets. */
  name: string | null;
}

/** verdict's own detectors, where the secretlint preset is silent. */
export function findOwnSecrets(text: string, opts: { unquoted: boolean; generic: boolean; aws?: boolean; path?: string; compose?: { services: ReadonlySet<string>; text: string }; everything?: boolean }): SecretMatch[] {
  const out: SecretMatch[] = [];
  if (opts.aws !== false) for (const m of text.matchAll(AWS_KEY_ID)) {
    if (!isPlaceholder(m[0])) out.push({ index: m.index, value: m[0], detector: 'aws-access-key-id', name: null });
  }
  // A browser's session cookie is live wherever it is committed (a test's fixture jar included): read in every file with a path.
  if (opts.path !== undefined) {
    for (const c of findCookieSecrets(opts.path, text, isPlaceholder)) {
      out.push({ index: c.index, value: c.value, detector: 'session-cookie', name: c.provider ? `${c.name} (${c.provider})` : c.name });
    }
  }
  if (!opts.generic) return out;
  // Credentials in URLs are demo values in tests, examples and docs; elsewhere they must look real.
  for (const u of findUrlPasswords(text)) {
    if (!opts.everything && !isRealUrlPassword(u.url, u.value, opts.compose)) continue;
    out.push({ index: u.index, value: u.value, detector: 'url-password', name: null, url: { scheme: u.scheme, host: u.host } });
  }
  for (const m of text.matchAll(ASSIGNMENT)) {
    const name = nameAt(text, m.index, m[0]).split('.').pop()!;
    const value = m[2] ?? (opts.unquoted ? m[3] : undefined);
    if (!value || !isSecretName(name)) continue;
    if (/^(?:AKIA|ASIA)/.test(value)) continue;
    // A password hash (bcrypt, argon2, scrypt) is not the password (seed users),
    // and a PostHog project key (`phc_`) is public by design, like Stripe's publishable keys.
    if (/^\$(?:2[abxy]|argon2(?:id|i|d)|scrypt|pbkdf2[\w-]*)\$/.test(value) || /^phc_/.test(value)) continue;
    // `MauUsageWithM2MTokens = 'mauUsageWithM2MTokens'`: an enum member spelled as its own name.
    if (value.replace(/[-_\s]/g, '').toLowerCase() === name.replace(/[-_\s]/g, '').toLowerCase()) continue;
    if (!looksLikeSecretValue(value, PASSWORD_NAME.test(name))) continue;
    out.push({ index: m.index + m[0].lastIndexOf(value), value, detector: 'assigned-secret', name });
  }
  return out;
}

/** Offsets worth a closer look: provider token shapes and secret-looking assignments. */
export function prefilter(text: string, opts: { unquoted: boolean; generic: boolean; path?: string }): number[] {
  const offsets: number[] = [];
  for (const m of text.matchAll(PROVIDER)) offsets.push(m.index);
  for (const s of findOwnSecrets(text, { ...opts, aws: false })) offsets.push(s.index);
  return offsets;
}

/** Dotenv-style files (`.env.production`, and `aws.env`: named for what they hold) and YAML files, where values are not quoted. */
export function allowsUnquoted(path: string): boolean {
  return /(^|\/)\.env[\w.-]*$|\.(env|ya?ml|toml|properties|ini|cfg|conf|sh)$|(^|\/)\.npmrc$/i.test(path);
}
