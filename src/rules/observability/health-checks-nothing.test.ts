import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import { deployProbes } from '../shared/deploy-probes.js';
import rule from './health-checks-nothing.js';

const express = (deps: Record<string, string>) => JSON.stringify({ name: 'svc', dependencies: { express: '4', ...deps } });

describe('observability/health-checks-nothing', () => {
  it('reports a status route that answers constants while the service depends on Elasticsearch (medium)', async () => {
    const findings = await runRule(rule, {
      'package.json': express({ '@elastic/elasticsearch': '8' }),
      'src/app.ts': "import express from 'express';\nconst app = express();\napp.get('/items', async (req, res) => res.json(await es.search({})));\napp.get('/status', (req, res) => res.json({ status: 'ok', version: '1.0.0' }));\napp.listen(3000);\n",
    });
    expect(findings.map((f) => `${at([f])[0]} ${f.severity} ${f.messageId}`)).toEqual(['src/app.ts:4 medium checksNothing']);
    expect(findings[0].message).toBe('GET /status answers without touching @elastic/elasticsearch (search): it stays up while they are down');
  });

  it('a plain-JS Fastify plugin\'s status route: reported at the named handler that answers the constant', async () => {
    const findings = await runRule(rule, {
      'package.json': JSON.stringify({ name: 'svc', dependencies: { fastify: '4', '@fastify/autoload': '5', '@elastic/elasticsearch': '8' }, scripts: { start: 'fastify start app.js' } }),
      'app.js': "import AutoLoad from '@fastify/autoload';\nimport { join } from 'desm';\nexport default async function (fastify, opts) {\n  await fastify.register(AutoLoad, { dir: join(import.meta.url, 'routes') });\n}\n",
      'routes/status.js': [
        "export const autoPrefix = '/_app';",
        'export default async function status (fastify, opts) {',
        "  fastify.route({ method: 'GET', path: '/status', handler: onStatus });",
        '',
        '  async function onStatus (req, reply) {',
        "    return { status: 'ok' };",
        '  }',
        '}',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['routes/status.js:5']);
    expect(findings[0].message).toContain('GET /_app/status answers without touching @elastic/elasticsearch (search)');
  });

  it('names the route the deployment probes, even with no health word in its path', async () => {
    const findings = await runRule(rule, {
      'package.json': express({ pg: '8' }),
      'Dockerfile': 'FROM node:20\nHEALTHCHECK --interval=30s CMD curl -f http://localhost:3000/api/info || exit 1\n',
      'src/app.ts': "import express from 'express';\nconst app = express();\napp.get('/api/info', (req, res) => res.json({ name: 'svc' }));\napp.listen(3000);\n",
    });
    expect(at(findings)).toEqual(['src/app.ts:3']);
    expect(findings[0].message).toContain('(probed by Dockerfile HEALTHCHECK, Dockerfile:2)');
  });

  it('passes only on a call seen to reach a dependency; a handler it could not read is unknown, not a pass', async () => {
    const outcome = async (files: Record<string, string>) => {
      const run = await auditFiles(files, { only: ['observability'] });
      return run.outcomes.filter((o) => o.ruleId === 'observability/health-checks-nothing').map((o) => `${o.status}: ${o.reason ?? ''}`);
    };
    const reaches = await outcome({
      'package.json': express({ pg: '8' }),
      'src/app.ts': "import express from 'express';\nimport { pool } from './db';\nconst app = express();\napp.get('/readyz', async (req, res) => { await pool.query('SELECT 1'); res.send('ok'); });\napp.listen(3000);\n",
    });
    expect(reaches).toHaveLength(1);
    expect(reaches[0]).toMatch(/^pass: 1 health route\(s\); GET \/readyz \(src\/app\.ts:4\) reaches /);
    const unread = await outcome({
      'package.json': express({ ioredis: '5' }),
      'src/app.ts': "import express from 'express';\nimport { health } from './health';\nconst app = express();\napp.get('/health', health);\napp.listen(3000);\n",
      'src/health.ts': "export function health(req, res) { res.json({ status: 'ok' }); }\n",
    });
    expect(unread).toEqual(['unknown: 1 health route(s), none seen to reach ioredis (cache): GET /health (src/app.ts:4) has a handler not read in place']);
  });

  it('stays silent when a health route calls something, when the handler is not read in place, or when nothing is depended on', async () => {
    expect(await runRule(rule, {
      'package.json': express({ pg: '8' }),
      'src/app.ts': "import express from 'express';\nimport { pool } from './db';\nconst app = express();\napp.get('/healthz', (req, res) => res.send('ok'));\napp.get('/readyz', async (req, res) => { await pool.query('SELECT 1'); res.send('ok'); });\napp.listen(3000);\n",
    })).toEqual([]);
    expect(await runRule(rule, {
      'package.json': express({ ioredis: '5' }),
      'src/app.ts': "import express from 'express';\nimport { health } from './health';\nconst app = express();\napp.get('/health', health);\napp.listen(3000);\n",
      'src/health.ts': "export function health(req, res) { res.json({ status: 'ok' }); }\n",
    })).toEqual([]);
    expect(await runRule(rule, {
      'package.json': express({}),
      'src/app.ts': "import express from 'express';\nconst app = express();\napp.get('/health', (req, res) => res.json({ status: 'ok' }));\napp.listen(3000);\n",
    })).toEqual([]);
  });

  // Shapes measured on unseen services: a handler whose only calls log, read the runtime, or call a
  // function of its file that builds the answer; and a status page that queries the database beside
  // the route the deployment actually probes.
  it('follows the handler\'s calls: a log line, process.uptime() and a local body builder check nothing (Fastify, Hono)', async () => {
    const fastify = await runRule(rule, {
      'package.json': JSON.stringify({ name: 'svc', dependencies: { fastify: '4', ioredis: '5' } }),
      'fly.toml': '[[http_service.checks]]\n  path = "/healthz"\n',
      'src/server.js': [
        "const Fastify = require('fastify');",
        "const Redis = require('ioredis');",
        'const redis = new Redis(process.env.REDIS_URL);',
        'const app = Fastify({ logger: true });',
        "app.get('/healthz', async (request) => {",
        "  request.log.debug('probe');",
        "  return { status: 'ok', uptime: process.uptime() };",
        '});',
        "app.get('/hits', async () => ({ n: await redis.incr('hits') }));",
        'app.listen({ port: 3000 });',
      ].join('\n'),
    });
    expect(fastify.map((f) => `${at([f])[0]} ${f.message}`)).toEqual(['src/server.js:5 GET /healthz (probed by fly.toml check, fly.toml:2) answers without touching ioredis (cache): it stays up while they are down']);
    const hono = await runRule(rule, {
      'package.json': JSON.stringify({ name: 'svc', dependencies: { hono: '4', '@prisma/client': '5' } }),
      'src/index.ts': [
        "import { Hono } from 'hono';",
        "import { PrismaClient } from '@prisma/client';",
        'const prisma = new PrismaClient();',
        'const app = new Hono();',
        'function okBody() {',
        '  return { ok: true, ts: Date.now() };',
        '}',
        "app.get('/ready', (c) => c.json(okBody()));",
        "app.get('/users', async (c) => c.json(await prisma.user.findMany({ take: 20 })));",
        'export default app;',
      ].join('\n'),
    });
    expect(at(hono)).toEqual(['src/index.ts:8']);
  });

  it('judges the route the deployment probes, not a status page beside it that queries the database (Express sub-router)', async () => {
    const files = (heartbeat: string) => ({
      'package.json': express({ pg: '8' }),
      'Dockerfile': 'FROM node:20\nHEALTHCHECK CMD wget -qO- http://localhost:3000/api/heartbeat || exit 1\n',
      'src/db.js': "const { Pool } = require('pg');\nmodule.exports = { pool: new Pool() };\n",
      'src/system.js': [
        "const express = require('express');",
        "const { pool } = require('./db');",
        'const router = express.Router();',
        'function now() { return new Date().toISOString(); }',
        heartbeat,
        "router.get('/status', async (req, res) => { const { rows } = await pool.query('SELECT count(*) FROM items'); res.json({ n: rows[0].count, at: now() }); });",
        'module.exports = router;',
      ].join('\n'),
      'src/server.js': "const express = require('express');\nconst app = express();\napp.use('/api', require('./system'));\napp.listen(3000);\n",
    });
    const found = await runRule(rule, files("router.get('/heartbeat', (req, res) => { res.json({ alive: true, at: now() }); });"));
    expect(found.map((f) => `${at([f])[0]} ${f.messageId}`)).toEqual(['src/system.js:5 checksNothing']);
    expect(found[0].message).toContain('GET /api/heartbeat (probed by Dockerfile HEALTHCHECK, Dockerfile:2)');
    // The probed route pings the pool: silent.
    expect(await runRule(rule, files("router.get('/heartbeat', async (req, res) => { await pool.query('SELECT 1'); res.json({ at: now() }); });"))).toEqual([]);
  });

  it('follows a call into another file of the repository to the client it uses: silent when it reaches one', async () => {
    const files = (helper: string) => ({
      'package.json': express({ pg: '8' }),
      'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
      'src/checks.ts': helper,
      'src/server.ts': "import express from 'express';\nimport { dbAlive } from './checks';\nconst app = express();\napp.get('/health', async (req, res) => { const db = await dbAlive(); res.json({ status: 'ok', db }); });\napp.listen(3000);\n",
    });
    expect(await runRule(rule, files("import { pool } from './db';\nexport async function dbAlive() { await pool.query('SELECT 1'); return true; }\n"))).toEqual([]);
    expect(at(await runRule(rule, files('export async function dbAlive() { return true; }\n')))).toEqual(['src/server.ts:4']);
  });

  it('leaves a dependency reported "ok" from a constant to health-constant', async () => {
    expect(await runRule(rule, {
      'package.json': express({ pg: '8' }),
      'src/app.ts': "import express from 'express';\nconst app = express();\napp.get('/health', (req, res) => res.json({ status: 'ok', database: 'ok' }));\napp.listen(3000);\n",
    })).toEqual([]);
  });
});

describe('deployment probes', () => {
  it('reads the probed path from compose, Kubernetes, render.yaml and fly.toml; a file that does not parse adds none', () => {
    const docs = new Map([
      ['docker-compose.yml', 'services:\n  api:\n    healthcheck:\n      test: ["CMD", "wget", "-qO-", "http://localhost:8080/healthz"]\n'],
      ['k8s/deploy.yaml', 'spec:\n  containers:\n    - name: api\n      readinessProbe:\n        httpGet:\n          path: /ready\n          port: 8080\n'],
      ['render.yaml', 'services:\n  - type: web\n    healthCheckPath: /api/heartbeat\n'],
      ['fly.toml', '[[http_service.checks]]\n  path = "/livez"\n'],
      ['broken.yaml', 'a: [\n'],
    ]);
    expect(deployProbes(docs).map((p) => `${p.via} ${p.path} ${p.file}:${p.line}`)).toEqual([
      'compose healthcheck /healthz docker-compose.yml:4',
      'Kubernetes readinessProbe /ready k8s/deploy.yaml:6',
      'render.yaml healthCheckPath /api/heartbeat render.yaml:3',
      'fly.toml check /livez fly.toml:2',
    ]);
  });
});
