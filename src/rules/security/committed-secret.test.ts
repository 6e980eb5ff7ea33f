import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import { makeSecrets } from '../../../test/helpers/secrets.js';
import rule from './committed-secret.js';

const pkg = { 'package.json': '{"name":"svc"}' };
describe('security/committed-secret', () => {
  it('stays silent on placeholders, references and non-secret values', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/config.ts': [
        "export const API_SECRET = process.env.API_SECRET ?? '';",
        "export const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';",
        "export const GITHUB_TOKEN = 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';",
        "export const STRIPE_SECRET = 'your-stripe-secret-here';",
        "export const SESSION_SECRET = 'changeme';",
        "export const CACHE_KEY = 'users-list-cache-v2-2024';",
        "export const TOKEN_HEADER = 'x-access-token-header';",
        "export const PUBLIC_KEY = 'pk_live_a8Sj2kLm4Qn7Pz0Xc5Vb9';",
        "const jwtSecretName = 'JWT_SECRET_NAME_FOR_LOOKUP';",
        "const passwordField = 'passwordConfirmation';",
        "const dbPassword = '${DB_PASSWORD}';",
        "const token = '<your token>';",
        'export enum Passkeys {',
        `  OnePassword = "${randomUUID()}",`,
        '}',
      ].join('\n'),
      '.github/workflows/ci.yml': `env:\n  SECRET_KEY: ${randomBytes(32).toString('hex').toUpperCase()}\n  DATABASE_URL: postgres://postgres:password@localhost:5432/test\n`,
      '.env.test': `SECRET_KEY=${randomBytes(32).toString('hex')}\n`,
      'README.md': `Set \`password: 'Tr0ub4dor&3x'\` in your config.\n`,
      '.env.example': 'API_SECRET=change-me\nDATABASE_URL=postgres://user:password@localhost:5432/app\n',
      // The images' default credentials, on a compose service's host name.
      'docker-compose.dev.yml': [
        'services:',
        '  hub:',
        '    environment:',
        '      DATABASE_URL: postgresql://postgres:postgres@postgres:5432/hub?schema=public',
        '      QUEUE_URL: amqp://guest:guest@rabbitmq:5672',
        '      APP_DB: postgres://appuser:appuser@db:5432/app',
        '      - RUSTFS_SERVICE_PASSWORD=devrustfs-service123',
      ].join('\n'),
      // A password for a container the same compose file starts (logto), in a folder whose name only
      // contains "prod", and a test stack's compose file.
      'services/product-catalog/docker-compose.yml': 'services:\n  app:\n    environment:\n      - DB_URL=postgres://app:p0stgr3s@db:5432/catalog\n  db:\n    environment:\n      - POSTGRES_PASSWORD=p0stgr3s\n',
      'docker-compose.yml': [
        'services:',
        '  app:',
        '    environment:',
        '      - DB_URL=postgres://postgres:p0stgr3s@postgres:5432/logto',
        '  postgres:',
        '    image: postgres:17-alpine',
        '    environment:',
        '      POSTGRES_PASSWORD: p0stgr3s',
      ].join('\n'),
      'docker-compose.integration.yml': 'services:\n  app:\n    environment:\n      DB_URL: postgres://postgres:Zx81kQ0pW@db-host.internal:5432/app\n',
      // Stand-ins that spell out the word token (inbox-zero's tests and e-mail previews).
      'src/slack/callback.ts': 'export const fixture = { access_token: "xoxb-access-token", unsubscribeToken: "preview-token-123" };\n',
      // A truncated example in an OpenAPI schema (midday's invoice schema).
      'src/schemas/invoice.ts': 'export const example = { token: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..." };\n',
      '.env.development': `SESSION_SECRET=${randomBytes(24).toString('hex')}\n`,
      'dev/k8s/manifests/vault.yaml': `config: |\n  master_key = "${randomBytes(48).toString('base64')}"\n`,
      'pkg/auth/resolver_test.go': `\ttoken: "${randomBytes(16).toString('hex')}",\n`,
      // Translated labels, in a catalog and outside one.
      'src/lang/es-ES.json': '{\n  "Password": "Contraseña",\n  "RabbitMQ Password": "RabbitMQ-passord",\n  "apiToken": "API-Schlüssel"\n}\n',
      'src/labels.ts': "export const labels = { password: 'Löseordet', newPassword: 'Contraseña' };",
      // Stand-ins in tests and API examples, and protobuf struct tags in generated code.
      'src/slack.test.ts': [
        'const SLACK_URL = "https://hooks.slack.com/services/T1/B1/XXX";',
        'const other = "https://hooks.slack.com/services/T00/B00/xxx";',
        'const ok = { webhookUrl: "https://hooks.slack.com/services/T2/B2/succeed" };',
        'const store = { botToken: "xoxb-test-token" };',
        'const old = { botToken: "xoxb-old-1", botUserId: "B_OLD_1" };',
      ].join('\n'),
      'proto/v1/location.pb.go': '\tRecords map[string]*Records `protobuf:"bytes,9,rep,name=records,proto3" protobuf_key:"bytes,1,opt,name=key" protobuf_val:"bytes,2,opt,name=value"`\n',
    });
    expect(findings).toEqual([]);
  });

  it('reports provider tokens, private keys, AWS key ids and high-entropy secret assignments, masked', async () => {
    const s = makeSecrets();
    const findings = await runRule(rule, {
      ...pkg,
      'src/keys.ts': [
        `export const AWS_ACCESS_KEY_ID = '${s.aws}';`,
        `const gh = '${s.github}';`,
        `const slack = "${s.slack}";`,
        `export const API_SECRET = "${s.apiSecret}";`,
      ].join('\n'),
      'deploy/key.pem': s.privateKey,
      '.env': `PORT=3000\nSESSION_SECRET=${s.envSecret}\n`,
      // A compose file's URL to a host it does not start: a real database's password. And one to a
      // service of the file that takes its password from the environment: the URL is its only copy.
      'docker-compose.yml': 'services:\n  app:\n    environment:\n      DB_URL: postgres://app:Zx81kQ0pWv7@db.prod.internal:5432/app\n',
      // Two URLs share it: still its only copies.
      'docker-compose.stack.yml': 'services:\n  app:\n    environment:\n      DATABASE_URL: postgres://app:Zq8vW3pLmR2xK9tY@db:5432/prod\n  worker:\n    environment:\n      DATABASE_URL: postgres://app:Zq8vW3pLmR2xK9tY@db:5432/prod\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n',
      // A production stack: its URL is reported even though its service sets the same password.
      'deploy/docker-compose.prod.yml': 'services:\n  app:\n    environment:\n      DATABASE_URL: postgres://app:Wq7vX3pLmR2yK8tZ@db:5432/prod\n  db:\n    environment:\n      POSTGRES_PASSWORD: Wq7vX3pLmR2yK8tZ\n',
    });
    expect(at(findings).sort()).toEqual([
      '.env:2', 'deploy/docker-compose.prod.yml:4', 'deploy/docker-compose.prod.yml:7', 'deploy/key.pem:1', 'docker-compose.stack.yml:4', 'docker-compose.stack.yml:7', 'docker-compose.yml:4',
      'src/keys.ts:1', 'src/keys.ts:2', 'src/keys.ts:3', 'src/keys.ts:4',
    ]);
    // A URL's password to a host of the deployment's own network is high; every other secret here critical.
    expect(findings.every((f) => f.ruleId === 'security/committed-secret' && f.severity === (f.messageId === 'urlPassword' ? 'high' : 'critical'))).toBe(true);
    expect(findings.filter((f) => f.messageId === 'urlPassword')).toHaveLength(4);
    const text = JSON.stringify(findings);
    for (const v of [s.aws, s.github, s.slack, s.apiSecret, s.envSecret]) expect(text).not.toContain(v);
    expect(findings.find((f) => f.location?.path === 'src/keys.ts' && f.location.line === 1)?.message).toContain(`${s.aws.slice(0, 4)}…[20 chars]`);
  });

  it('a connection URL\'s password, parsed: critical at a managed cloud host, high elsewhere; placeholders, example hosts and local defaults are not reported', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/db.ts': [
        "export const atlas = 'mongodb+srv://svc:Zx81kqPw@cluster0.ab1cd.mongodb.net/app?retryWrites=true';",
        "export const cache = 'redis://:Hq7wPz3kLm@cache.acme.io:6379';",
        "export const pg = 'postgres://app:Tr7kLm2pQx@db.internal.acme.io:5432/app';",
        "export const local = 'postgres://app:Tr7kLm2pQx@localhost:5432/app';",
        "export const word = 'postgres://user:password@db.acme.io:5432/app';",
        "export const tpl = 'postgres://app:${DB_PASSWORD}@db.acme.io/app';",
        "export const angle = 'mongodb+srv://app:<password>@cluster0.ab1cd.mongodb.net/app';",
        "export const doc = 'postgres://app:Tr7kLm2pQx@db.example.com/app';",
      ].join('\n'),
      '.env.example': 'DATABASE_URL=postgres://app:Tr7kLm2pQxZ@ep-cool-1234.us-east-2.aws.neon.tech/app\nREDIS_URL=redis://default:changeme@cache.upstash.io:6379\n',
      'docker-compose.yml': 'services:\n  api:\n    environment:\n      DATABASE_URL: postgres://postgres:postgres@db:5432/app\n  db:\n    image: postgres\n',
    });
    expect(findings.map((f) => `${f.location?.path}:${f.location?.line} ${f.severity} ${f.messageId}`).sort()).toEqual([
      '.env.example:1 critical cloudUrlPassword', 'src/db.ts:1 critical cloudUrlPassword', 'src/db.ts:2 high urlPassword', 'src/db.ts:3 high urlPassword',
    ]);
    expect(JSON.stringify(findings)).not.toContain('Hq7wPz3kLm');
  });

  it('still reports a real-shaped webhook URL and bot token in a test file', async () => {
    const s = makeSecrets();
    const hook = `https://hooks.slack.com/services/T${randomBytes(5).toString('hex').toUpperCase()}/B${randomBytes(5).toString('hex').toUpperCase()}/${randomBytes(12).toString('hex')}`;
    const findings = await runRule(rule, { ...pkg, 'src/notify.test.ts': `const url = "${hook}";\nconst bot = "${s.slack}";\n` });
    expect(at(findings)).toEqual(['src/notify.test.ts:1', 'src/notify.test.ts:2']);
    expect(findings.map((f) => f.severity)).toEqual(['critical', 'critical']);
  });

  it('reports a live token in an archived copy and a .env in a virtualenv at full weight; the virtualenv\'s code is not read', async () => {
    const s = makeSecrets();
    const findings = await runRule(rule, {
      ...pkg, 'hq_staging/config.ts': `export const token = "${s.github}";\n`,
      '.venv/pyvenv.cfg': 'home = /usr/bin\n', '.venv/.env': `GITHUB_TOKEN=${s.github}\n`,
      '.venv/lib/python3.11/site-packages/pkg/conf.py': `TOKEN = "${s.github}"\n`,
    });
    expect(findings.map((f) => `${at([f])[0]} ${f.severity} ${f.outsideRelease === undefined}`)).toEqual(['.venv/.env:1 critical true', 'hq_staging/config.ts:1 critical true']);
  });

  it('rates a private key among test files high, asking to confirm it is a throwaway key; outside release code it is lowered and never blocks', async () => {
    const s = makeSecrets();
    const findings = await runRule(rule, { ...pkg, 'test/manual-test-tls/certs/redis.key': s.privateKey, 'certs/server.key': s.privateKey });
    expect(findings.map((f) => `${at([f])[0]} ${f.severity}`)).toEqual(['certs/server.key:1 critical', 'test/manual-test-tls/certs/redis.key:1 low']);
    expect(findings.map((f) => f.outsideRelease)).toEqual([undefined, { role: 'test', severity: 'high' }]);
    expect(findings.map((f) => f.messageId)).toEqual(['secret', 'fixtureKey']);
    expect(findings[1].message).toMatch(/among test files: confirm it is a throwaway key, used nowhere else\)$/);
  });
});

/** A self-signed certificate and its key, made by openssl as a developer would (`openssl req -x509`). */
function selfSigned(subject: string, altNames: string | null): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-cert-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', subject,
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ...(altNames ? ['-addext', `subjectAltName=${altNames}`] : []),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('security/committed-secret: a development server\'s localhost key', () => {
  it('does not report the key of a self-signed certificate issued only to loopback names, and names it in the pass', async () => {
    const local = selfSigned('/CN=localhost', 'DNS:localhost,IP:127.0.0.1,IP:::1');
    const run = await auditFiles({ ...pkg, 'apps/web/localhost.pem': local.key, 'apps/web/localhost.cert': local.cert }, { exec: false });
    expect(run.findings.filter((f) => f.ruleId === 'security/committed-secret')).toEqual([]);
    const outcome = run.outcomes.find((o) => o.ruleId === 'security/committed-secret');
    expect(outcome?.status).toBe('pass');
    expect(outcome?.reason).toContain('apps/web/localhost.pem:1 (certificate apps/web/localhost.cert, issued to localhost, 127.0.0.1');
    expect(run.gate.reasons.some((r) => r.ruleId === 'security/committed-secret')).toBe(false);
  });

  it('still reports a key whose certificate names a real host, a key whose certificate is not its own, and a key with no certificate', async () => {
    const local = selfSigned('/CN=localhost', null);
    const deployed = selfSigned('/CN=api.example.org', 'DNS:api.example.org,DNS:localhost');
    const run = await auditFiles({
      ...pkg,
      // The certificate beside it belongs to another key: matching is by key, not by file name.
      'certs/localhost.key': deployed.key, 'certs/localhost.crt': local.cert,
      'deploy/server.key': deployed.key, 'deploy/server.crt': deployed.cert,
      'keys/alone.pem': local.key,
    }, { exec: false });
    const reported = run.findings.filter((f) => f.ruleId === 'security/committed-secret').map((f) => `${at([f])[0]} ${f.severity}`);
    expect(reported).toEqual(['certs/localhost.key:1 critical', 'deploy/server.key:1 critical', 'keys/alone.pem:1 critical']);
  });

  it('reads a combined PEM (key and certificate in one file)', async () => {
    const local = selfSigned('/CN=dev.localhost', null);
    const run = await auditFiles({ ...pkg, 'dev/server.pem': `${local.key}${local.cert}` }, { exec: false });
    expect(run.findings.filter((f) => f.ruleId === 'security/committed-secret')).toEqual([]);
  });
});

/** A signed HS256 token with the given payload, as a login endpoint would issue it. */
function token(payload: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `${body}.${createHmac('sha256', randomBytes(32)).update(body).digest('base64url')}`;
}

describe('security/committed-secret: tokens that carry their own expiry', () => {
  it('does not count a token past its exp, names it in the pass; a live or never-expiring token is reported', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = token({ userId: randomUUID(), iat: now - 90 * 86400, exp: now - 83 * 86400 });
    const live = token({ userId: randomUUID(), iat: now, exp: now + 7 * 86400 });
    const forever = token({ userId: randomUUID(), iat: now });
    const run = await auditFiles({
      ...pkg,
      'src/session/expired.ts': `export const session = { token: "${expired}" };\n`,
      'src/session/live.ts': `export const session = { token: "${live}" };\n`,
      'src/session/forever.ts': `export const session = { token: "${forever}" };\n`,
    }, { exec: false });
    const reported = run.findings.filter((f) => f.ruleId === 'security/committed-secret').map((f) => at([f])[0]);
    expect(reported).toEqual(['src/session/forever.ts:1', 'src/session/live.ts:1']);
    const outcome = run.outcomes.find((o) => o.ruleId === 'security/committed-secret');
    expect(outcome?.reason).toMatch(/not counted: 1 JSON Web Token\(s\) past their own expiry \(exp\), no longer credentials: src\/session\/expired\.ts:1 \(expired \d{4}-\d{2}-\d{2}\)/);
    // The expired token is still masked wherever verdict prints it.
    expect(JSON.stringify(run)).not.toContain(expired);
  });
});
