// Plants secrets generated at test time into a temp repo, audits it with every rule, renders every
// format and checks that no secret value appears in any output, nor in the parse cache file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { FORMATS, render } from '../src/render/index.js';
import { removeRepo, writeRepo } from './helpers/repo.js';
import { makeSecrets } from './helpers/secrets.js';

const s = makeSecrets();
const jwtLiteral = `jwt-${randomBytes(12).toString('hex')}`;
const keyBody = s.privateKey.split('\n').filter((l) => l && !l.startsWith('-----'));
const root = writeRepo({
  'package.json': JSON.stringify({ name: 'planted', dependencies: { jsonwebtoken: '^9.0.0' } }),
  'src/config.ts': [
    `export const AWS_ACCESS_KEY_ID = '${s.aws}';`,
    `export const GITHUB_TOKEN = '${s.github}';`,
    `export const SLACK_BOT = "${s.slack}";`,
    `export const API_SECRET = "${s.apiSecret}";`,
  ].join('\n'),
  'src/auth.ts': [
    "import jwt from 'jsonwebtoken';",
    `export const issue = (sub: string) => jwt.sign({ sub }, '${jwtLiteral}');`,
  ].join('\n'),
  'certs/server.key': s.privateKey,
  '.env': `PORT=3000\nSESSION_SECRET=${s.envSecret}\n`,
  'README.md': `# planted\n\nThe token is ${s.github} and the key id ${s.aws}.\n`,
});
const cacheDir = mkdtempSync(join(tmpdir(), 'verdict-cache-'));
afterAll(() => {
  removeRepo(root);
  rmSync(cacheDir, { recursive: true, force: true });
});

const values = (): Array<[string, string]> => [
  ['aws', s.aws], ['github', s.github], ['slack', s.slack], ['apiSecret', s.apiSecret], ['envSecret', s.envSecret],
  ['jwtLiteral', jwtLiteral], ...keyBody.map((l, i) => [`privateKey line ${i + 1}`, l] as [string, string]),
];

describe('secrets never reach an output', () => {
  it('finds the planted secrets, says NO-GO, and no format prints a value', async () => {
    const run = await audit({ root, exec: false, cache: true, cacheDir, quiet: true, today: '2026-01-01' });
    const ids = run.findings.map((f) => `${f.ruleId} ${f.location?.path}:${f.location?.line}`);
    expect(ids).toEqual(expect.arrayContaining([
      'security/committed-secret src/config.ts:1', 'security/committed-secret src/config.ts:2',
      'security/committed-secret src/config.ts:3', 'security/committed-secret src/config.ts:4',
      'security/committed-secret certs/server.key:1', 'security/committed-secret .env:2',
      'security/committed-env-file .env:2', 'security/hardcoded-jwt-secret src/auth.ts:2',
    ]));
    expect(run.gate.decision).toBe('NO_GO');
    for (const format of FORMATS) {
      const out = render(run, format, { color: false });
      for (const [name, v] of values()) expect(out.includes(v), `${format} output shows ${name}`).toBe(false);
    }
  });

  it('keeps the parse cache free of secret values', async () => {
    await audit({ root, exec: false, cache: true, cacheDir, quiet: true, today: '2026-01-01' });
    const files = readdirSync(cacheDir, { recursive: true }).map(String).filter((f) => /\.jsonl?$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(join(cacheDir, f), 'utf8');
      for (const [name, v] of values()) expect(text.includes(v), `cache ${f} holds ${name}`).toBe(false);
    }
  });
});
