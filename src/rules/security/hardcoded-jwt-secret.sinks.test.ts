// Secrets given inline to a library that signs tokens, sessions or cookies with them (knowledge
// SECRET_SINKS): @fastify/jwt, @fastify/cookie, @fastify/session, @fastify/secure-session,
// express-session, cookie-session. Tested both ways, with security/fallback-secret beside it.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './hardcoded-jwt-secret.js';
import fallback from './fallback-secret.js';

const pkg = { 'package.json': '{"name":"svc"}' };
const key = (p: string) => `${p}${randomBytes(8).toString('hex')}`;
const seen = (fs: Awaited<ReturnType<typeof runRule>>) => fs.map((f) => `${f.messageId} ${f.severity} ${f.location?.path}:${f.location?.line}`);

describe('security/hardcoded-jwt-secret: signing options of plugins and session middleware', () => {
  it('reports a literal or a literal fallback given to @fastify/jwt (string or key pair), @fastify/secure-session and express-session', async () => {
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(key);
    const files = {
      ...pkg,
      'src/app.ts': [
        "import Fastify from 'fastify';",
        "import fastifyJwt from '@fastify/jwt';",
        "import fastifySecureSession from '@fastify/secure-session';",
        'const app = Fastify();',
        `app.register(fastifyJwt, { secret: '${a}' });`,
        `app.register(fastifyJwt, { secret: process.env.JWT_KEY || '${b}' });`,
        `app.register(fastifyJwt, { secret: { private: '${c}', public: readFileSync('pub.pem') }, sign: { algorithm: 'ES256' } });`,
        `app.register(fastifySecureSession, { key: '${d}' });`,
      ].join('\n'),
      'src/server.js': [
        "const session = require('express-session');",
        `app.use(session({ secret: '${e}', resave: false }));`,
      ].join('\n'),
    };
    const found = await runRule(rule, files);
    expect(seen(found).sort()).toEqual([
      'fallbackSecret high src/app.ts:6',
      'literalSecret critical src/app.ts:5',
      'literalSecret critical src/app.ts:7',
      'literalSecret critical src/app.ts:8',
      'literalSecret high src/server.js:2',
    ]);
    expect(JSON.stringify(found)).not.toContain(a);
    // The fallback is this rule's: security/fallback-secret does not report it a second time.
    expect(seen(await runRule(fallback, files))).toEqual([]);
  });

  it('is silent for secrets read from the environment or a file, a public key alone, and a register of another plugin', async () => {
    const files = {
      ...pkg,
      'src/app.ts': [
        "import Fastify from 'fastify';",
        "import fastifyJwt from '@fastify/jwt';",
        "import fastifyCookie from '@fastify/cookie';",
        "import cors from '@fastify/cors';",
        'const app = Fastify();',
        'app.register(fastifyJwt, { secret: process.env.JWT_SECRET! });',
        "app.register(fastifyJwt, { secret: { private: readFileSync('priv.pem'), public: 'not-secret-public' } });",
        'app.register(fastifyCookie, { secret: config.cookieSecret });',
        "app.register(cors, { secret: 'not-a-signing-option' });",
        "other.register(thing, { secret: 'unknown-plugin' });",
      ].join('\n'),
    };
    expect(await runRule(rule, files)).toEqual([]);
  });

  it('security/fallback-secret still reports a fallback secret that no signing option takes', async () => {
    const f = key('f');
    const found = await runRule(fallback, { ...pkg, 'src/config.ts': `export const cookieSecret = process.env.COOKIE_SECRET || '${f}';\n` });
    expect(seen(found)).toEqual(['fallback high src/config.ts:1']);
  });
});
