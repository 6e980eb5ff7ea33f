import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import { RouteInventory } from '../../model/routes.js';
import rule from './health-endpoint.js';

describe('observability/health-endpoint', () => {
  it('passes with health and readiness endpoints, and on a Worker without one', async () => {
    const run = await runRule(rule, {
      'package.json': '{"name":"svc","workspaces":["w"],"dependencies":{"fastify":"4"}}',
      'src/server.ts': [
        "import Fastify from 'fastify';",
        'const fastify = Fastify();',
        "fastify.get('/healthz', async () => ({ status: 'ok' }));",
        "fastify.get('/readyz', async () => { await db.query('SELECT 1'); return { status: 'ok' }; });",
        'fastify.listen({ port: 3000 });',
      ].join('\n'),
      'p/package.json': '{"name":"p","dependencies":{"fastify":"4","@fastify/under-pressure":"9"}}',
      'p/src/server.ts': "import Fastify from 'fastify';\nimport underPressure from '@fastify/under-pressure';\nconst app = Fastify();\napp.register(underPressure, { exposeStatusRoute: '/live' });\napp.get('/readyz', async () => { await db.ping(); return { ok: true }; });\napp.listen({ port: 3000 });\n",
      'w/package.json': '{"name":"w","dependencies":{"hono":"4"}}',
      'w/src/index.ts': "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => c.text('hi'));\nexport default app;\n",
    });
    expect(run).toEqual([]);
    const inv = RouteInventory.parse((await auditFiles({
      'package.json': '{"name":"p","dependencies":{"fastify":"4","@fastify/under-pressure":"9"}}',
      'src/server.ts': "import underPressure from '@fastify/under-pressure';\nimport Fastify from 'fastify';\nconst app = Fastify();\napp.register(underPressure, { exposeStatusRoute: true });\napp.listen({ port: 3000 });\n",
    }, { rules: [rule] })).inventory.routes);
    expect(inv.routes.map((r) => `${r.method} ${r.path} ${r.line}`)).toEqual(['GET /status 4']);
  });

  it('reports a long-running server without a health endpoint (medium) and without readiness (info)', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","workspaces":["b"],"dependencies":{"express":"4"}}',
      'src/app.ts': "import express from 'express';\nconst app = express();\napp.get('/items', (req, res) => res.json([]));\napp.listen(3000);\n",
      'b/package.json': '{"name":"b","dependencies":{"express":"4"}}',
      'b/src/app.ts': "import express from 'express';\nconst app = express();\napp.get('/health', (req, res) => res.json({ status: 'ok' }));\napp.listen(3000);\n",
    });
    // No health endpoint is the package's finding, with the listen call as its evidence.
    expect(findings.map((f) => [f.location ? at([f])[0] : null, f.package])).toEqual([[null, 'svc'], ['b/src/app.ts:3', 'b']]);
    expect(findings[0].evidence).toEqual([{ kind: 'file', path: 'src/app.ts', line: 4, snippet: 'app.listen(3000);' }]);
    expect(findings.map((f) => f.severity)).toEqual(['medium', 'info']);
    expect(findings.map((f) => f.messageId)).toEqual(['noHealth', 'noReadiness']);
  });

  it('names the most health-like endpoint, and reads NestJS controllers under the global prefix', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"api","private":true,"dependencies":{"@nestjs/core":"10","@nestjs/common":"10"}}',
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule);\napp.setGlobalPrefix('api');\nawait app.listen(3000);\n",
      'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
      'src/a/provider.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller('data-providers')\nexport class P { @Get('status') status() { return this.svc.status(); } }\n",
      'src/health/health.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller('health')\nexport class H { @Get() check() { return this.db.ping(); } }\n",
    });
    expect(findings.map((f) => `${at([f])[0]} ${f.severity} ${f.messageId}: ${f.message}`)).toEqual([
      'src/health/health.controller.ts:3 info noReadiness: health endpoint GET /api/health (src/health/health.controller.ts:3) but no readiness endpoint (/ready, /readyz)',
    ]);
  });
});
