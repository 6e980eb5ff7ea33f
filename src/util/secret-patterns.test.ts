// The prefilter decides which files secretlint ever sees: it must flag every line the recommended
// preset reports. Tokens are generated at test time.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { describe, expect, it } from 'vitest';
import { allowsUnquoted, findOwnSecrets, genericScanApplies, isPlaceholder, prefilter } from './secret-patterns.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const pick = (n: number, alphabet = ALNUM) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
const hex = (n: number) => randomBytes(n).toString('hex').slice(0, n);

function samples(): Record<string, string> {
  return {
    awsSecret: `AWS_SECRET_ACCESS_KEY = "${pick(40)}"`,
    github: `token: "ghp_${pick(36)}"`,
    githubFine: `const t = "github_pat_${pick(82)}";`,
    gitlab: `GITLAB=glpat-${pick(20)}`,
    npm: `//registry.npmjs.org/:_authToken=${pick(36)}`,
    npmToken: `NPM=npm_${pick(36)}`,
    slack: `SLACK=xoxb-${pick(11, '0123456789')}-${pick(12, '0123456789')}-${pick(24)}`,
    slackHook: `https://hooks.slack.com/services/T${pick(8)}/B${pick(8)}/${pick(24)}`,
    sendgrid: `SG.${pick(22)}.${pick(43)}`,
    shopify: `shpat_${hex(32)}`,
    huggingface: `hf_${pick(34, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`,
    groq: `gsk_${pick(52)}`,
    linear: `lin_api_${pick(40)}`,
    databricks: `dapi${hex(32)}`,
    docker: `dckr_pat_${pick(27)}`,
    basicAuth: `https://deploy:${pick(16)}@internal.example.org/path`,
    postgres: `postgres://app:${pick(16)}@db.internal:5432/app`,
    mongodb: `mongodb+srv://app:${pick(16)}@cluster0.mongodb.net/db`,
    privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    gcpJson: JSON.stringify({ type: 'service_account', private_key_id: hex(40), private_key: generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }),
  };
}

describe('secret prefilter', () => {
  it.each(Object.entries(samples()))('flags every line secretlint reports: %s', async (name, content) => {
    const filePath = name === 'gcpJson' ? 'sa.json' : name === 'npm' ? '.npmrc' : 'config.txt';
    const res = await lintSource({
      source: { filePath, content, ext: filePath.slice(filePath.lastIndexOf('.')), contentType: 'text' },
      options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] }, maskSecrets: true },
    });
    const offsets = prefilter(content, { unquoted: true, generic: true });
    expect(res.messages.length, `secretlint reports ${name}`).toBeGreaterThan(0);
    expect(offsets.length, `prefilter flags ${name}`).toBeGreaterThan(0);
  });

  it('treats obvious placeholders as placeholders', () => {
    for (const v of ['AKIAIOSFODNN7EXAMPLE', 'xxxxxxxxxxxx', 'changeme', 'your-api-key-here', '<token>', '${API_KEY}', '{{ secret }}']) {
      expect(isPlaceholder(v), v).toBe(true);
    }
    expect(isPlaceholder(pick(24))).toBe(false);
  });

  it('finds high-entropy secret assignments but not identifiers, URLs or demo words', () => {
    const real = `${pick(30)}7`;
    const text = [
      `const API_SECRET = "${real}";`,
      "const TOKEN_HEADER = 'X_AUTH_TOKEN_HEADER';",
      "const tokenUrl = 'https://auth.example.org/oauth/token';",
      "const password = 'secret123';",
      "const apiKey = 'getApiKeyFromVault';",
    ].join('\n');
    expect(findOwnSecrets(text, { unquoted: false, generic: true }).map((m) => m.value)).toEqual([real]);
    expect(findOwnSecrets(text, { unquoted: false, generic: false })).toEqual([]);
  });

  it('takes no label or enum member spelled as its name for a password, but a hyphenated passphrase (logto)', () => {
    const text = [
      "  db_password: 'correct-horse-battery-staple',",
      "  created_password: 'Contraseña:',",
      "  password: 'Mot de passe',",
      "  MauUsageWithM2MTokens = 'mauUsageWithM2MTokens',",
      "  db_password: 'Tr0ub4dor&3',",
      "  root_password: 'zq8-Wv3pLm',",
      "  password: '$2b$10$EpRnTzVlqHNP0.fUbXUwSOyuiXe/QLSUG6xNekdHgTGmrpHEfIoxm',",
      "  POSTHOG_API_KEY: 'phc_9c2b3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3',",
    ].join('\n');
    expect(findOwnSecrets(text, { unquoted: false, generic: true }).map((m) => m.value)).toEqual(['correct-horse-battery-staple', 'Tr0ub4dor&3', 'zq8-Wv3pLm']);
  });

  it('skips the generic scan in translation catalogs, JSON or modules', () => {
    expect(genericScanApplies('packages/phrases/src/locales/pt-pt/translation/users.ts', 'service')).toBe(false);
    expect(genericScanApplies('src/lang/es.json', 'service')).toBe(false);
    expect(genericScanApplies('src/config/passwords.ts', 'service')).toBe(true);
  });
});

describe('dotenv files named for what they hold', () => {
  // A key of the AWS secret alphabet that ends in `/` or `+` (one in 32) defeats secretlint's trailing `\b`:
  // verdict's own detector must read the unquoted value in `aws.env` as it does in `.env.production`.
  const key = (last: string) => `k9Rz${randomBytes(27).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 35)}${last}`;
  it('reads unquoted values in `*.env` files, as in `.env*` files', () => {
    expect(allowsUnquoted('deploy/aws.env')).toBe(true);
    expect(allowsUnquoted('.env.production')).toBe(true);
    expect(allowsUnquoted('src/env.ts')).toBe(false);
    for (const last of ['/', '+', 'Q']) {
      const value = key(last);
      const text = `AWS_SECRET_ACCESS_KEY=${value}\n`;
      const own = findOwnSecrets(text, { unquoted: allowsUnquoted('deploy/aws.env'), generic: true, path: 'deploy/aws.env' });
      expect(own.map((s) => s.value)).toEqual([value]);
      // Not read as unquoted, a TypeScript file's bare text is no assignment of a value.
      expect(findOwnSecrets(text, { unquoted: allowsUnquoted('src/aws.ts'), generic: true, path: 'src/aws.ts' })).toEqual([]);
    }
  });
});
