// One secret of each kind secretlint's preset knows, plus AWS secret access keys, planted in a repo
// and (other values) in a readiness report: `audit` and `verify` run through the CLI in every format,
// with --annotate, and no 8-character window of any value may appear in any output or cache file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { leakedWindows, type PlantedSecret, presetSecrets, secretParts } from './helpers/preset-secrets.js';
import { removeRepo, writeRepo } from './helpers/repo.js';

const inRepo = presetSecrets();
const inReport = presetSecrets();
// A JWT key in a committed JSON config the code imports: security/config-file-secret reports it at the key's line.
const jsonKey = `cfg-${randomBytes(12).toString('hex')}`;
const jsonSecret: PlantedSecret = { kind: 'json-config jwt key', value: jsonKey, file: 'src/config.json', text: `{\n  "jwt": { "secret": "${jsonKey}" }\n}\n` };
// A browser cookie jar exported as JSON: the session cookie is a live credential (security/committed-secret, verdict/session-cookie).
const cookieValue = `g.a000${randomBytes(30).toString('base64url')}`;
const cookieJar: PlantedSecret = { kind: 'google session cookie jar', value: cookieValue, file: 'scripts/cookies.json', text: `${JSON.stringify([{ domain: '.youtube.com', name: '__Secure-3PSID', value: cookieValue, path: '/' }], null, 2)}\n` };
const planted = [...inRepo, jsonSecret, cookieJar];
const out = mkdtempSync(join(tmpdir(), 'verdict-secret-out-'));
const cacheDir = join(out, 'cache');
let root = '';

function report(): string {
  const lines = ['# Production readiness', '', '**Status**: ✅ PRODUCTION READY (95/100)', '', '## Configuration', ''];
  // Each secret in the line that holds it in the repository: reports quote configuration.
  for (const s of inReport) {
    if (s.text.trim().includes('\n')) lines.push('', `The ${s.kind} file:`, '', '```', s.text.trim(), '```', '');
    else lines.push(`- ✅ ${s.kind} configured: \`${s.text.trim()}\``);
  }
  lines.push('', '| Setting | Value |', '|---|---|', `| DATABASE_URL | postgres://admin:${inReport.find((s) => s.kind === 'postgres-url')!.value}@db.prod.acme-corp.io/app |`);
  // Claims that make verify quote the repository's own lines.
  lines.push('', '## Evidence', '', '- `src/keys/stripe-live.ts` line 1 sets the payment key', '- `src/keys/aws-secret-quoted.ts` lines 1-1 hold the AWS credentials', '');
  return `${lines.join('\n')}\n`;
}

beforeAll(() => {
  const files: Record<string, string> = { 'package.json': JSON.stringify({ name: 'planted', version: '1.0.0' }) };
  for (const s of inRepo) files[s.file] = (files[s.file] ?? '') + s.text;
  files[jsonSecret.file] = jsonSecret.text;
  files[cookieJar.file] = cookieJar.text;
  files['src/auth.ts'] = "import config from './config.json';\nimport jwt from 'jsonwebtoken';\nexport const issue = (sub: string) => jwt.sign({ sub }, config.jwt.secret, { expiresIn: '1h' });\n";
  root = writeRepo(files);
  writeFileSync(join(out, 'READINESS.md'), report());
});
afterAll(() => { removeRepo(root); removeRepo(out); });

function expectNoLeak(where: string, text: string, secrets: PlantedSecret[]): void {
  const leaks: string[] = [];
  for (const s of secrets) {
    for (const part of secretParts(s)) {
      const w = leakedWindows(part, text);
      if (w.length) leaks.push(`${s.kind}: ${w.length} window(s), e.g. ${w[0].slice(0, 4)}…`);
    }
  }
  expect(leaks, `${where} shows parts of secrets`).toEqual([]);
}

describe('no secret reaches any output', () => {
  it('audit: terminal, Markdown and JSON, and the caches', () => {
    const r = cli(['audit', root, '--no-exec', '--quiet', '--cache-dir', cacheDir,
      '--format', 'terminal', '--format', 'markdown', '--output', join(out, 'audit.md'), '--format', 'json', '--output', join(out, 'audit.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const json = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { findings: Array<{ ruleId: string; location: { path: string } | null }> };
    // Every planted kind is found: the test plants what it claims to.
    const found = new Set(json.findings.filter((f) => f.ruleId === 'security/committed-secret').map((f) => f.location?.path));
    expect([...inRepo, cookieJar].map((s) => s.file).filter((f) => !found.has(f))).toEqual([]);
    expect(json.findings.filter((f) => f.ruleId === 'security/config-file-secret').map((f) => f.location?.path)).toEqual(['src/config.json']);
    expectNoLeak('audit terminal output', r.stdout, planted);
    expectNoLeak('audit Markdown', readFileSync(join(out, 'audit.md'), 'utf8'), planted);
    expectNoLeak('audit JSON', readFileSync(join(out, 'audit.json'), 'utf8'), planted);
    const cached = readdirSync(cacheDir, { recursive: true }).map(String).filter((f) => /\.jsonl?$/.test(f));
    expect(cached.length).toBeGreaterThan(0);
    for (const f of cached) expectNoLeak(`cache ${f}`, readFileSync(join(cacheDir, f), 'utf8'), planted);
  }, 120_000);

  it('verify: terminal, Markdown, JSON and the annotated copy mask the report\'s secrets and the repo\'s', () => {
    const all = [...planted, ...inReport];
    const outputs: Array<[string, string]> = [];
    for (const format of ['terminal', 'markdown', 'json']) {
      const annotated = join(out, `annotated-${format}.md`);
      const r = cli(['verify', join(out, 'READINESS.md'), '--repo', root, '--no-exec', '--quiet', '--format', format, '--annotate', annotated]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      outputs.push([`verify ${format}`, r.stdout], [`verify --annotate (with ${format})`, readFileSync(annotated, 'utf8')]);
    }
    // The outputs quote the report and the repository's lines: what is checked is really there.
    expect(outputs[0][1]).toMatch(/stripe-live configured/);
    expect(outputs[4][1]).toMatch(/"path": "src\/keys\/stripe-live\.ts",\s+"line": 1,\s+"snippet": "export const STRIPE_SECRET_KEY = 'sk_l…\[32 chars\]'/);
    for (const [where, text] of outputs) expectNoLeak(where, text, all);
  }, 240_000);
});
