// The secrets scan: secretlint's recommended preset plus verdict's own detectors, run only on the
// files the collect prefilter flagged (secretlint costs ~100x a read). It is a tool verdict ships,
// not the repository's code, so it runs under --no-exec too. Values stay in memory: the rules
// register them for redaction and print only their masked form.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RepoLayout } from '../discover/index.js';
import { allowsUnquoted, composeServices, findOwnSecrets, genericScanApplies, isPlaceholder } from '../util/secret-patterns.js';
import { Redactor } from '../util/redact.js';
import { decode, lineAt, lineStarts, snippetOf } from '../util/text.js';

export interface SecretHit {
  path: string;
  line: number;
  column: number;
  /** `secretlint/<rule>:<message id>` or `verdict/<detector>`. */
  detector: string;
  /** The secret itself: register it for redaction, never print it. */
  value: string;
  /** Other stretches of the text to mask with it: the detector's own match where it is not the value. */
  related: string[];
  /** The key it is assigned to, when known. */
  name: string | null;
  /** The line with every secret found on it masked (first 4 characters + length). */
  snippet: string;
  /** For a private key: the committed certificate it belongs to (its public key matches), when one is found. */
  certificate?: CertificateOfKey;
  /** For a URL's password: the URL's scheme and host. */
  url?: { scheme: string; host: string };
  /** For a JSON Web Token: its algorithm and expiry (`exp`, seconds since 1970) read from the token itself. */
  jwt?: { alg: string | null; exp: number | null };
}

export interface CertificateOfKey {
  /** The file holding the certificate (the key's own file for a combined PEM). */
  path: string;
  /** The subject's common name and every DNS and IP name of its subjectAltName. */
  names: string[];
  /** Issued by itself (subject = issuer and its own signature verifies): no authority vouches for it. */
  selfSigned: boolean;
}

export interface SecretScan {
  candidateFiles: number;
  hits: SecretHit[];
  errors: Array<{ path: string; message: string }>;
  durationMs: number;
}

type LintSource = typeof import('@secretlint/core').lintSource;
interface Secretlint { lintSource: LintSource; config: Parameters<LintSource>[0]['options']['config'] }
let secretlint: Promise<Secretlint> | null = null;

/** secretlint is imported by the first scan that has a candidate file (most runs have none). */
function loadSecretlint(): Promise<Secretlint> {
  secretlint ??= Promise.all([import('@secretlint/core'), import('@secretlint/secretlint-rule-preset-recommend')]).then(([core, preset]) => ({
    lintSource: core.lintSource,
    config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] },
  }));
  return secretlint;
}
const URL_PASSWORD = /:\/\/[^:/@\s]*:([^@/\s]+)@/;
/** secretlint's AWS secret access key rule: its range is the match's start plus the value's length. */
// The value ends where the key's alphabet does: secretlint's trailing `\b` fails on a key ending in `/` or `+`
// (one real key in 32), which left the name and half the value as "the value" and lost the finding.
const AWS_SECRET = /["']?(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/y;
const TOKEN_CHAR = /[A-Za-z0-9/+=_.-]/;

/**
 * The value a secretlint match stands for. Its range is not always the value: the AWS secret key
 * rule reports the name plus the first part of the value. The value is read again from the match's
 * start; any other range that ends inside a token is carried to the token's end, so the rest of the
 * value is masked too.
 */
function valueOf(text: string, start: number, end: number): { value: string; related: string[] } {
  const matched = text.slice(start, end);
  AWS_SECRET.lastIndex = start;
  const aws = AWS_SECRET.exec(text);
  if (aws) return { value: aws[1], related: [matched] };
  let stop = end;
  while (stop < text.length && end > start && TOKEN_CHAR.test(text[end - 1]) && TOKEN_CHAR.test(text[stop])) stop++;
  const related = stop > end ? [text.slice(start, stop)] : [];
  // A match that runs past its value (`_authToken=<token>` to the end of the line, quotes and all)
  // is found again only where it is quoted whole: its secret-looking parts are masked on their own.
  for (const part of matched.split(/[\s"'`=:@,;<>()[\]{}]+/)) {
    if (part.length >= 12 && part !== matched && /\d/.test(part) && /[A-Za-z]/.test(part)) related.push(part);
  }
  return { value: matched, related };
}

function lineCol(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** `everything`: a report being verified, where any secret-shaped value is masked (no role or demo exemptions). */
async function scanFile(lint: Secretlint, path: string, text: string, role: string, everything = false): Promise<SecretHit[]> {
  const generic = everything || genericScanApplies(path, role);
  const services = composeServices(path, text);
  const starts = lineStarts(text);
  const hits: SecretHit[] = [];
  const ext = path.includes('.') ? path.slice(path.lastIndexOf('.')) : '';
  const res = await lint.lintSource({
    source: { filePath: path, content: text, ext, contentType: 'text' },
    options: { config: lint.config, maskSecrets: true, noPhysicFilePath: true },
  });
  for (const m of res.messages) {
    const matched = text.slice(m.range[0], m.range[1]);
    // A URL's password is verdict's own detector's to judge, on the URL as parsed (findOwnSecrets).
    if (URL_PASSWORD.test(matched)) continue;
    const whole = valueOf(text, m.range[0], m.range[1]);
    const value = whole.value;
    if (!value || (!/PRIVATE KEY/.test(matched) && isPlaceholder(value))) continue;
    // Stand-ins for provider tokens are short: `xoxb-old-1`, a webhook URL ending `/T1/B1/fail`. Real
    // tokens have far more than 12 letters and digits, and a webhook's secret (its last segment) 16 or more.
    if (!/PRIVATE KEY/.test(matched) && !everything) {
      const body = /:\/\//.test(value) ? value.replace(/[/?#]+$/, '').split(/[/?#]/).pop()! : value;
      if (body.replace(/[^A-Za-z0-9]/g, '').length < (body === value ? 12 : 16)) continue;
    }
    const rule = m.ruleId.replace('@secretlint/secretlint-rule-', '');
    // A URL's secret is its password: the host and path around it stay readable.
    hits.push({ path, ...lineCol(starts, m.range[0]), detector: `secretlint/${rule}:${m.messageId}`, value, related: whole.related.filter((r) => r !== value), name: null, snippet: '' });
  }
  for (const s of findOwnSecrets(text, { unquoted: everything || allowsUnquoted(path), generic, path, compose: { services, text }, everything })) {
    const at = lineCol(starts, s.index);
    const same = hits.find((h) => h.line === at.line && (h.value.includes(s.value) || s.value.includes(h.value)));
    if (same) {
      if (same.value !== s.value) same.related.push(s.value);
      continue;
    }
    hits.push({ path, ...at, detector: `verdict/${s.detector}`, value: s.value, related: [], name: s.name, snippet: '', ...(s.url ? { url: s.url } : {}) });
  }
  // Each snippet masks every value found in the file, as the run's redaction will.
  const redactor = new Redactor();
  for (const h of hits) for (const v of [h.value, ...h.related]) redactor.add(v);
  for (const h of hits) h.snippet = snippetOf(redactor.redact(lineAt(text, h.line)));
  return hits;
}

export async function scanSecrets(layout: RepoLayout, candidates: Array<{ path: string }>, roleOf: (path: string) => string): Promise<SecretScan> {
  const t = performance.now();
  const scan: SecretScan = { candidateFiles: 0, hits: [], errors: [], durationMs: 0 };
  const paths = [...new Set(candidates.map((c) => c.path))].sort();
  scan.candidateFiles = paths.length;
  const lint = paths.length > 0 ? await loadSecretlint() : null;
  for (const path of paths) {
    try {
      const { text } = decode(readFileSync(join(layout.root, path)));
      scan.hits.push(...await scanFile(lint!, path, text, roleOf(path)));
    } catch (err) {
      scan.errors.push({ path, message: (err as Error).message });
    }
  }
  scan.hits.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column);
  pairCertificates(layout, scan.hits);
  for (const hit of scan.hits) {
    const jwt = jwtClaims(hit.value);
    if (jwt) hit.jwt = jwt;
  }
  scan.durationMs = Math.round(performance.now() - t);
  return scan;
}

/**
 * A JSON Web Token's header algorithm and `exp`, read without verifying it (only to tell an expired
 * token from a live one); null when the value is not a JWT.
 */
export function jwtClaims(value: string): { alg: string | null; exp: number | null } | null {
  const parts = value.trim().split('.');
  if (parts.length !== 3 || !parts[0].startsWith('eyJ')) return null;
  const json = (segment: string): unknown => {
    try { return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')); } catch { return null; }
  };
  const header = json(parts[0]);
  const payload = json(parts[1]);
  if (typeof header !== 'object' || header === null || typeof payload !== 'object' || payload === null) return null;
  const alg = (header as Record<string, unknown>).alg;
  const exp = (payload as Record<string, unknown>).exp;
  return { alg: typeof alg === 'string' ? alg : null, exp: typeof exp === 'number' && Number.isFinite(exp) ? exp : null };
}

const CERTIFICATE_FILE = /\.(?:crt|cert|cer|pem)$/i;
const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
/** A certificate file is small; anything larger is not read for this. */
const CERTIFICATE_MAX_BYTES = 64 * 1024;

/** The names a certificate is issued to: its subject's CN and its subjectAltName DNS and IP entries. */
function certificateNames(cert: X509Certificate): string[] {
  const names = new Set<string>();
  for (const line of cert.subject.split('\n')) if (line.startsWith('CN=')) names.add(line.slice(3));
  for (const entry of (cert.subjectAltName ?? '').split(/,\s*/)) {
    const m = /^(?:DNS|IP Address):(.+)$/.exec(entry.trim());
    if (m) names.add(m[1]);
  }
  return [...names];
}

/**
 * Ties each committed private key to the committed certificate it belongs to, by key, not by file
 * name: the certificates in the key's own folder (and its own file) are read, and one whose public
 * key the private key matches is recorded. What the certificate is issued to tells a rule whether
 * the key could open anything beyond the machine it runs on. A key that does not parse, or no
 * matching certificate, leaves the hit as it is.
 */
function pairCertificates(layout: RepoLayout, hits: SecretHit[]): void {
  const keys = hits.filter((h) => /PRIVATE KEY-----/.test(h.value));
  if (keys.length === 0) return;
  const certificates = new Map<string, X509Certificate[]>();
  const certificatesIn = (path: string): X509Certificate[] => {
    let found = certificates.get(path);
    if (found) return found;
    found = [];
    try {
      const { text } = decode(readFileSync(join(layout.root, path)));
      for (const block of text.match(CERTIFICATE_BLOCK) ?? []) {
        try { found.push(new X509Certificate(block)); } catch { /* not a certificate after all */ }
      }
    } catch { /* unreadable: no certificate from it */ }
    certificates.set(path, found);
    return found;
  };
  for (const hit of keys) {
    let key;
    try { key = createPrivateKey(hit.value); } catch { continue; }
    const folder = dirname(hit.path);
    const candidates = layout.files
      .filter((f) => f.path === hit.path || (dirname(f.path) === folder && CERTIFICATE_FILE.test(f.path) && f.size <= CERTIFICATE_MAX_BYTES))
      .map((f) => f.path)
      .sort((a, b) => Number(b === hit.path) - Number(a === hit.path) || a.localeCompare(b));
    for (const path of candidates) {
      const cert = certificatesIn(path).find((c) => { try { return c.checkPrivateKey(key); } catch { return false; } });
      if (!cert) continue;
      let selfSigned = false;
      try { selfSigned = cert.subject === cert.issuer && cert.verify(cert.publicKey); } catch { /* unverifiable: not self-signed */ }
      hit.certificate = { path, names: certificateNames(cert), selfSigned };
      break;
    }
  }
}

/**
 * Every secret value in a text that is not a repository file (a report being verified): the same
 * detectors with no exemption for demo values, roles or file kinds, since they only decide what is
 * masked in the output.
 */
export async function secretsInText(path: string, text: string): Promise<string[]> {
  // Code spans and table cells become lines of their own (same length, same offsets): a value
  // quoted `NAME=value` in a sentence is then read as the assignment it is.
  const lines = text.replace(/[`|]/g, '\n');
  const hits = await scanFile(await loadSecretlint(), path, lines, 'source', true);
  return hits.flatMap((h) => [h.value, ...h.related]);
}
