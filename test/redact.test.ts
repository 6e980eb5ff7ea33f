// Secrets never reach any output: one redaction step masks them to 4 characters plus their length.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { render } from '../src/render/index.js';
import { mask, Redactor } from '../src/util/redact.js';
import sqlInjection from '../src/rules/database/sql-injection.js';
import { auditFiles } from './helpers/repo.js';

const upper = (n: number) => Array.from(randomBytes(n), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');
const alnum = (n: number) => randomBytes(n * 2).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, n);

describe('redaction', () => {
  const aws = `AKIA${upper(16)}`;
  const gh = `ghp_${alnum(36)}`;
  const generic = alnum(32);
  const dbPass = alnum(16);

  it('masks known token shapes, secret-named assignments and URL passwords', () => {
    const r = new Redactor();
    const text = `key=${aws} token: "${gh}" const API_SECRET = "${generic}"; postgres://app:${dbPass}@db:5432/x`;
    const out = r.redact(text);
    for (const s of [aws, gh, generic, dbPass]) expect(out).not.toContain(s);
    expect(out).toContain(mask(aws));
    expect(mask(aws)).toBe(`${aws.slice(0, 4)}…[20 chars]`);
  });

  it('leaves placeholders and ordinary code alone', () => {
    const r = new Redactor();
    const text = 'const password = req.body.password; API_KEY="your-api-key"; token: "${TOKEN}"';
    expect(r.redact(text)).toBe(text);
  });

  it('redacts every string of a model, copying only what changed', () => {
    const r = new Redactor();
    r.add(generic);
    const clean = { routes: [{ path: '/users', auth: null, line: 3 }], n: 1 };
    const model = { clean, findings: [{ message: `token: "${gh}"`, evidence: [{ text: `uses ${generic}` }], fingerprint: gh }] };
    const out = r.deep(model);
    expect(out.clean).toBe(clean);
    expect(out.findings[0].message).toBe(`token: "${mask(gh)}"`);
    expect(out.findings[0].evidence[0].text).toBe(`uses ${mask(generic)}`);
    expect(out.findings[0].fingerprint).toBe(gh);
    expect(model.findings[0].message).toContain(gh);
  });

  it('redacts a string each time it occurs, and a 6-character known secret too', () => {
    const r = new Redactor();
    r.add('s3cr3t');
    const model = { a: [gh, gh, { b: gh }], c: 's3cr3t', d: ['s3cr3', 'GET'] };
    const out = r.deep(model);
    expect(out.a).toEqual([mask(gh), mask(gh), { b: mask(gh) }]);
    expect(out.c).toBe(mask('s3cr3t'));
    expect(out.d).toBe(model.d);
  });

  it('keeps planted secrets out of every output format', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc"}',
      'src/a.ts': `const AWS = "${aws}"; const GH = "${gh}";\ndb.query(\`SELECT * FROM t WHERE id = \${id}\`, { apiKey: "${generic}" });\n`,
    }, { rules: [sqlInjection] });
    expect(run.findings).toHaveLength(1);
    for (const format of ['terminal', 'markdown', 'json'] as const) {
      const out = render(run, format, { color: false });
      for (const s of [aws, gh, generic]) expect(out, `${format} leaks`).not.toContain(s);
    }
  });
});

describe('Redactor: a private key\'s BEGIN line quoted alone', () => {
  it('masks a key body up to its END line, a cut-short body up to the first character no PEM holds, and never what follows a BEGIN line quoted alone', () => {
    const r = new Redactor();
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';
    const json = JSON.stringify({ evidence: [{ snippet: '-----BEGIN PRIVATE KEY-----' }, { snippet: 'after' }], key: `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`, tail: 'kept' });
    const out = r.redact(json);
    expect(() => JSON.parse(out)).not.toThrow();
    expect(out).not.toContain(body);
    expect(JSON.parse(out).evidence[1].snippet).toBe('after');
    expect(JSON.parse(out).tail).toBe('kept');
    const cut = r.redact(`const k = "-----BEGIN RSA PRIVATE KEY-----\\n${body}"; const next = 1;`);
    expect(cut).not.toContain(body);
    expect(cut).toContain('const next = 1;');
  });
});
