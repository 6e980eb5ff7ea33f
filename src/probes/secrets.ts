// The secrets scan: secretlint's recommended preset plus verdict's own detectors, run only on the
// files the collect prefilter flagged (secretlint costs ~100x a read). It is a tool verdict ships,
// not the repository's code, so it runs under --no-exec too. Values stay in memory: the rules
// register them for redaction and print only their masked form.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RepoLayout } from '../discover/index.js';
import { allowsUnquoted, composeServices, findOwnSecrets, genericScanApplies, isPlaceholder, isRealUrlPassword } from '../util/secret-patterns.js';
import { mask } from '../util/redact.js';
import { decode, lineAt, lineStarts, snippetOf } from '../util/text.js';

export interface SecretHit {
  path: string;
  line: number;
  column: number;
  /** `secretlint/<rule>:<message id>` or `verdict/<detector>`. */
  detector: string;
  /** The secret itself: register it for redaction, never print it. */
  value: string;
  /** The key it is assigned to, when known. */
  name: string | null;
  /** The line with every secret found on it masked (first 4 characters + length). */
  snippet: string;
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
const URL_PASSWORD = /:\/\/[^:/@\s]+:([^@/\s]+)@/;

function lineCol(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

async function scanFile(lint: Secretlint, path: string, text: string, role: string): Promise<SecretHit[]> {
  const generic = genericScanApplies(path, role);
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
    const urlPassword = URL_PASSWORD.exec(matched)?.[1];
    // Credentials in URLs are demo values in tests, examples and docs; elsewhere they must look real.
    if (urlPassword !== undefined && (!generic || !isRealUrlPassword(matched, urlPassword, { services, text }))) continue;
    const value = urlPassword ?? matched;
    if (!value || (!/PRIVATE KEY/.test(matched) && isPlaceholder(value))) continue;
    // Stand-ins for provider tokens are short: `xoxb-old-1`, a webhook URL ending `/T1/B1/fail`. Real
    // tokens have far more than 12 letters and digits, and a webhook's secret (its last segment) 16 or more.
    if (!/PRIVATE KEY/.test(matched) && urlPassword === undefined) {
      const body = /:\/\//.test(value) ? value.replace(/[/?#]+$/, '').split(/[/?#]/).pop()! : value;
      if (body.replace(/[^A-Za-z0-9]/g, '').length < (body === value ? 12 : 16)) continue;
    }
    const rule = m.ruleId.replace('@secretlint/secretlint-rule-', '');
    hits.push({ path, ...lineCol(starts, m.range[0]), detector: `secretlint/${rule}:${m.messageId}`, value, name: null, snippet: '' });
  }
  for (const s of findOwnSecrets(text, { unquoted: allowsUnquoted(path), generic })) {
    const at = lineCol(starts, s.index);
    if (hits.some((h) => h.line === at.line && (h.value.includes(s.value) || s.value.includes(h.value)))) continue;
    hits.push({ path, ...at, detector: `verdict/${s.detector}`, value: s.value, name: s.name, snippet: '' });
  }
  for (const h of hits) {
    let line = lineAt(text, h.line);
    for (const other of hits) {
      for (const part of other.value.split('\n')) {
        if (part.length >= 4 && !part.startsWith('-----') && line.includes(part)) line = line.split(part).join(mask(part));
      }
    }
    h.snippet = snippetOf(line);
  }
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
  scan.durationMs = Math.round(performance.now() - t);
  return scan;
}
