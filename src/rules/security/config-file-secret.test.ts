import { describe, expect, it } from 'vitest';
import { RuleTester, runRepoCase } from '../tester.js';
import rule, { jsonString } from './config-file-secret.js';

const CONFIG = '{\n  "port": 3000,\n  "jwt": {\n    "secret": "changeme",\n    "expiresIn": "1h"\n  },\n  "mailApiKey": "k7Hq2pZx9LmB4vRt"\n}\n';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'a JSON config nothing reads at a sink or by a secret key; a key read from the environment',
      files: {
        'src/server.ts': "import config from './config.json';\nimport jwt from 'jsonwebtoken';\napp.listen(config.port);\njwt.sign({ sub }, process.env.JWT_SECRET!, { expiresIn: config.jwt.expiresIn });\n",
        'src/config.json': CONFIG,
      },
    },
    {
      name: 'a secret-named key holding a placeholder, not passed to a sink; a JSON file no code imports',
      files: {
        'src/mail.ts': "const settings = require('./settings.json');\nexport const key = settings.mailApiKey;\n",
        'src/settings.json': '{ "mailApiKey": "your-api-key" }',
        'fixtures/other.json': CONFIG,
      },
    },
    {
      name: 'a config module whose secrets come from the environment; a fallback under a secret name (security/fallback-secret reports it); a literal used for no secret',
      files: {
        'config/index.js': "module.exports = {\n  appName: 'shop',\n  jwt: { secret: process.env.JWT_SECRET },\n  session: { secret: process.env.SESSION_SECRET || 'dev-session' },\n};\n",
        'src/app.js': "const config = require('../config');\nconst jwt = require('jsonwebtoken');\nconst session = require('express-session');\napp.use(session({ secret: config.session.secret }));\nlog.info(config.appName);\nmodule.exports = (p) => jwt.sign(p, config.jwt.secret);\n",
      },
    },
    {
      name: 'a test reading a constants module at jwt.sign: tests sign with test keys',
      files: {
        'src/constants.ts': "export const TEST_KEY = 'k-test-123456';\n",
        'test/auth.test.ts': "import { TEST_KEY } from '../src/constants';\nimport jwt from 'jsonwebtoken';\nconst t = jwt.sign({}, TEST_KEY);\n",
      },
    },
  ],
  invalid: [
    {
      name: 'node-config YAML: Koa app.keys from a list of config.get() reads; the key a variable overrides is a fallback, the other is in use',
      files: {
        'package.json': '{"name":"svc"}',
        'src/app.js': "const config = require('config');\nconst Koa = require('koa');\nconst app = new Koa();\napp.keys = [config.get('secret'), config.get('cookie.key')];\n",
        'config/default.yml': 'port: 3000\nsecret: secret\ncookie:\n  key: k3y-fixed-value\n',
        'config/custom-environment-variables.yml': 'secret: SECRET\n',
        'config/production.yml': '',
      },
      findings: [
        { messageId: 'envOverridden', path: 'config/default.yml', line: 2, severity: 'high', data: { keyPath: 'secret', env: 'SECRET' } },
        { messageId: 'usedAsSecret', path: 'config/default.yml', line: 4, severity: 'critical', data: { keyPath: 'cookie.key', what: 'Koa app.keys (signed cookie keys)' } },
      ],
    },
    {
      name: 'convict: a default with no variable is the key in use (critical); one a variable overrides is its fallback (high)',
      files: {
        'src/config.js': "const convict = require('convict');\nconst config = convict({\n  jwt: {\n    secret: { doc: 'key', format: String, default: 'dev-jwt-secret', env: 'JWT_SECRET' },\n  },\n  hmacKey: { format: String, default: 'hmac-fixed-key' },\n  port: { format: 'port', default: 3000, env: 'PORT' },\n});\nmodule.exports = config;\n",
        'src/app.js': "const jwt = require('jsonwebtoken');\nconst crypto = require('crypto');\nconst config = require('./config');\nexports.issue = (p) => jwt.sign(p, config.get('jwt.secret'));\nexports.mac = (b) => crypto.createHmac('sha256', config.get('hmacKey')).update(b).digest('hex');\n",
      },
      findings: [
        { messageId: 'moduleFallback', path: 'src/config.js', line: 4, severity: 'high', data: { keyPath: 'jwt.secret', env: 'JWT_SECRET' } },
        { messageId: 'moduleSecret', path: 'src/config.js', line: 6, severity: 'critical', data: { keyPath: 'hmacKey', what: 'HMAC key' } },
      ],
    },
    {
      name: 'a CommonJS config module: jwt.sign key and Koa app.keys critical, the Sequelize password high, each at its literal',
      files: {
        'config/index.js': "module.exports = {\n  jwt: { secret: 'abc123' },\n  session: { keys: ['k1', 'k2'] },\n  db: { name: 'app', user: 'app', password: 'root' },\n};\n",
        'src/auth.js': "const config = require('../config');\nconst jwt = require('jsonwebtoken');\nexports.issue = (p) => jwt.sign(p, config.jwt.secret);\n",
        'src/app.js': "const Koa = require('koa');\nconst config = require('../config');\nconst app = new Koa();\napp.keys = config.session.keys;\n",
        'src/db.js': "const { Sequelize } = require('sequelize');\nconst config = require('../config');\nmodule.exports = new Sequelize(config.db.name, config.db.user, config.db.password, { dialect: 'mysql' });\n",
      },
      findings: [
        { messageId: 'moduleSecret', path: 'config/index.js', line: 2, severity: 'critical', data: { keyPath: 'jwt.secret', code: 'src/auth.js:3' } },
        { messageId: 'moduleSecret', path: 'config/index.js', line: 3, severity: 'critical', data: { keyPath: 'session.keys', code: 'src/app.js:4' } },
        { messageId: 'moduleSecret', path: 'config/index.js', line: 4, severity: 'high', data: { keyPath: 'db.password', code: 'src/db.js:3' } },
      ],
    },
    {
      name: 'an exported constant at jwt.verify; an ES default-exported config at cookie-parser and @fastify/cookie; createHmac through a barrel',
      files: {
        'src/constants.ts': "export const JWT_SECRET = 'super-secret-value';\n",
        'src/config.ts': "const config = {\n  cookieSecret: 'c00kie-s3cret',\n  webhookKey: 'whk-key-1',\n};\nexport default config;\n",
        'src/settings/index.ts': "export { default as settings } from '../config';\n",
        'src/verify.ts': "import { verify } from 'jsonwebtoken';\nimport { JWT_SECRET } from './constants';\nexport const check = (t: string) => verify(t, JWT_SECRET);\n",
        'src/server.ts': "import cookieParser from 'cookie-parser';\nimport fastifyCookie from '@fastify/cookie';\nimport config from './config';\nexpressApp.use(cookieParser(config.cookieSecret));\nfastifyApp.register(fastifyCookie, { secret: config.cookieSecret });\n",
        'src/hook.ts': "import { createHmac } from 'node:crypto';\nimport { settings } from './settings';\nexport const sign = (b: string) => createHmac('sha256', settings.webhookKey).update(b).digest('hex');\n",
      },
      findings: [
        { messageId: 'moduleSecret', path: 'src/config.ts', line: 2, severity: 'critical', data: { keyPath: 'default.cookieSecret', code: 'src/server.ts:4', what: 'cookie-parser secret' } },
        { messageId: 'moduleSecret', path: 'src/config.ts', line: 3, severity: 'critical', data: { keyPath: 'default.webhookKey', code: 'src/hook.ts:3', what: 'HMAC key' } },
        { messageId: 'moduleSecret', path: 'src/constants.ts', line: 1, severity: 'critical', data: { keyPath: 'JWT_SECRET', code: 'src/verify.ts:3' } },
      ],
    },
    {
      name: 'a fallback under a name that does not say secret is reported here, high',
      files: {
        'src/config.js': "exports.session = { keys: [process.env.APP_KEYS || 'insecure-key'] };\n",
        'src/app.js': "const cookieSession = require('cookie-session');\nconst { session } = require('./config');\napp.use(cookieSession({ name: 's', keys: session.keys }));\n",
      },
      findings: [{ messageId: 'moduleFallback', path: 'src/config.js', line: 1, severity: 'high', data: { keyPath: 'session.keys', env: 'APP_KEYS' } }],
    },
    {
      name: 'node-config: a key custom-environment-variables.json maps to a variable is a fallback (high); production.json\'s value is the one in effect',
      files: {
        'package.json': '{"name":"svc"}',
        'src/auth.ts': "import config from 'config';\nimport jwt from 'jsonwebtoken';\nimport session from 'express-session';\nexport const issue = (sub: string) => jwt.sign({ sub }, config.get('jwt.secret'));\napp.use(session({ secret: config.get('session.secret') }));\n",
        'config/default.json': '{\n  "jwt": { "secret": "dev-secret" },\n  "session": { "secret": "dev-session" }\n}\n',
        'config/production.json': '{\n  "session": {\n    "secret": "prod-session-secret"\n  }\n}\n',
        'config/custom-environment-variables.json': '{\n  "jwt": { "secret": "JWT_SECRET" }\n}\n',
      },
      findings: [
        { messageId: 'envOverridden', path: 'config/default.json', line: 2, severity: 'high', data: { keyPath: 'jwt.secret', env: 'JWT_SECRET' } },
        { messageId: 'usedAsSecret', path: 'config/production.json', line: 3, severity: 'critical', data: { keyPath: 'session.secret' } },
      ],
    },
    {
      name: 'jwt.sign with the key from an imported JSON file: critical at the key\'s line, placeholder or not',
      files: {
        'src/auth/token.ts': "import config from '../config.json';\nimport jwt from 'jsonwebtoken';\nexport const issue = (sub: string) => jwt.sign({ sub }, config.jwt.secret, { expiresIn: '1h' });\n",
        'src/config.json': CONFIG,
      },
      findings: [{ messageId: 'usedAsSecret', path: 'src/config.json', line: 4, severity: 'critical', data: { keyPath: 'jwt.secret', code: 'src/auth/token.ts:3' } }],
    },
    {
      name: 'require()d JSON: an HMAC key through a const, and an express-session secret',
      files: {
        'src/app.js': "const cfg = require('./cfg.json');\nconst session = require('express-session');\nconst { createHmac } = require('node:crypto');\nconst KEY = cfg.webhook.key;\nconst sig = (b) => createHmac('sha256', KEY).update(b).digest('hex');\napp.use(session({ secret: cfg.session.secret, resave: false }));\n",
        'src/cfg.json': '{"webhook": {"key": "whk_3b9f0c2e8a"},\n "session": {"secret": "keyboard cat"}}',
      },
      findings: [
        { messageId: 'usedAsSecret', path: 'src/cfg.json', line: 1, severity: 'critical', data: { keyPath: 'webhook.key', what: 'HMAC key' } },
        { messageId: 'usedAsSecret', path: 'src/cfg.json', line: 2, severity: 'critical', data: { keyPath: 'session.secret', what: 'express-session secret' } },
      ],
    },
    {
      name: 'node-config: config.get(\'jwt.secret\') at jwt.verify reads config/default.json of the package',
      files: {
        'package.json': '{"name":"svc"}',
        'src/auth.ts': "import config from 'config';\nimport { verify } from 'jsonwebtoken';\nexport const check = (t: string) => verify(t, config.get('jwt.secret'));\n",
        'config/default.json': CONFIG,
      },
      findings: [{ messageId: 'usedAsSecret', path: 'config/default.json', line: 4, severity: 'critical', data: { keyPath: 'jwt.secret' } }],
    },
    {
      name: 'a secret-named key that looks like a secret, read but not at a known sink: high',
      files: {
        'src/mail.ts': "import settings from './settings.json';\nexport const send = (m: object) => mailer.send(m, settings.mailApiKey);\n",
        'src/settings.json': CONFIG,
      },
      findings: [{ messageId: 'secretNamed', path: 'src/settings.json', line: 7, severity: 'high', data: { keyPath: 'mailApiKey' } }],
    },
  ],
});

describe('security/config-file-secret', () => {
  it('reads the last of duplicate keys and gives the key\'s line', () => {
    expect(jsonString('c.json', '{\n "a": {"b": "x"},\n "a": {\n   "b": "y"\n }\n}', 'a.b')).toEqual({ value: 'y', line: 4, key: 'b' });
    expect(jsonString('c.json', '{"a": 1}', 'a')).toBeNull();
    expect(jsonString('c.json', 'not json', 'a')).toBeNull();
  });
  it('keeps the value out of the message and the snippet', async () => {
    const { findings } = await runRepoCase(rule, {
      files: {
        'src/t.ts': "import c from './c.json';\nimport jwt from 'jsonwebtoken';\njwt.sign({}, c.jwtSecret);\n",
        'src/c.json': '{"jwtSecret": "s3cr3t-Value-9912"}',
      },
    });
    expect(findings).toHaveLength(1);
    expect(JSON.stringify(findings)).not.toContain('s3cr3t-Value-9912');
    expect(findings[0].snippet).toBe('"jwtSecret": "s3cr…[17 chars]"');
  });
});

describe('security/config-file-secret on a fixture repo', () => {
  it('is unknown, never a pass, when the JSON the code reads is not JSON; not applicable when no code reads one', async () => {
    const broken = await runRepoCase(rule, {
      files: { 'src/server.ts': "import config from './config.json';\nimport jwt from 'jsonwebtoken';\njwt.sign({ sub }, config.jwt.secret);\n", 'src/config.json': '{ "jwt": { "secret": "k7Hq2pZx9LmB4vRt", } }' },
    });
    expect(broken.findings).toEqual([]);
    expect(broken.outcomes.map((o) => o.status)).toEqual(['unknown']);
    expect(broken.outcomes[0].reason).toContain('src/config.json');
    const none = await runRepoCase(rule, { files: { 'src/server.ts': 'app.listen(3000);\n' } });
    expect(none.outcomes.map((o) => o.status)).toEqual(['not-applicable']);
  });

  it('reports the imported config.json key and node-config\'s default.json key at their lines', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '../../../test/fixtures/repos/config-json-secret');
    const files: Record<string, string> = {};
    for (const f of ['package.json', 'src/server.js', 'src/config.json', ...readdirSync(join(root, 'config')).map((x) => `config/${x}`)]) files[f] = readFileSync(join(root, f), 'utf8');
    const { findings } = await runRepoCase(rule, { files });
    expect(findings.map((f) => [f.path, f.line, f.severity ?? 'critical', f.data?.keyPath])).toEqual([
      ['config/default.json', 3, 'critical', 'session.secret'],
      ['src/config.json', 4, 'critical', 'auth.tokenSecret'],
    ]);
  });
});
