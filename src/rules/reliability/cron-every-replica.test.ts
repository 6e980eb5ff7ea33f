import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './cron-every-replica.js';

const pkg = (scripts: Record<string, string> = {}) => JSON.stringify({
  name: 'svc', main: 'src/server.js', scripts: { start: 'node src/server.js', ...scripts },
  dependencies: { express: '4', 'node-cron': '3', pg: '8' },
});
const digest = [
  "const cron = require('node-cron');",
  "const { Pool } = require('pg');",
  'const pool = new Pool();',
  'function startDigest() {',
  "  cron.schedule('0 * * * *', async () => {",
  "    await pool.query('UPDATE subscriptions SET notified = true WHERE due < now()');",
  '  });',
  '}',
  'module.exports = { startDigest };',
].join('\n');
const server = (starts: boolean) => [
  "const express = require('express');",
  ...(starts ? ["const { startDigest } = require('./jobs/digest');"] : []),
  'const app = express();',
  "app.get('/', (req, res) => res.send('hi'));",
  ...(starts ? ['startDigest();'] : []),
  'app.listen(3000);',
].join('\n');

describe('reliability/cron-every-replica', () => {
  it('reports node-cron started by the server\'s entry when no deployment file pins one instance', async () => {
    const findings = await runRule(rule, { 'package.json': pkg(), 'src/jobs/digest.js': digest, 'src/server.js': server(true) });
    expect(findings.map((f) => `${at([f])[0]} ${f.severity}`)).toEqual(['src/jobs/digest.js:5 medium']);
    expect(findings[0].message).toBe('node-cron schedule() starts in the web process (entry src/server.js, which starts the server at src/server.js:6) with no distributed lock: no deployment file pins the service to one instance, so every replica (and both sides of a rolling deploy) runs the job');
  });

  it('names the replica count a Kubernetes Deployment declares', async () => {
    const findings = await runRule(rule, {
      'package.json': pkg(), 'src/jobs/digest.js': digest, 'src/server.js': server(true),
      'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n',
    });
    expect(findings.map((f) => f.message.split(': ').pop())).toEqual(['Kubernetes Deployment replicas (k8s/deploy.yaml:6) runs 3 instances, and each runs the job']);
  });

  it('reports a NestJS @Cron method of a provider the application module loads', async () => {
    const findings = await runRule(rule, {
      'package.json': JSON.stringify({ name: 'svc', scripts: { start: 'node dist/main.js' }, dependencies: { '@nestjs/core': '10', '@nestjs/common': '10', '@nestjs/schedule': '4' } }),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n",
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { JobsService } from './jobs.service';\n@Module({ providers: [JobsService] })\nexport class AppModule {}\n",
      'src/jobs.service.ts': "import { Injectable } from '@nestjs/common';\nimport { Cron } from '@nestjs/schedule';\n@Injectable()\nexport class JobsService {\n  @Cron('0 0 * * *')\n  async expireTrials() { return 1; }\n}\n",
    });
    expect(findings.map((f) => `${at([f])[0]} ${f.message.split(' starts')[0]}`)).toEqual(['src/jobs.service.ts:5 @Cron() on JobsService.expireTrials']);
  });

  it('stays silent for a worker process of its own, a distributed lock, and a deployment of one instance', async () => {
    const worker = await runRule(rule, {
      'package.json': pkg({ worker: 'node src/worker.js' }), 'src/jobs/digest.js': digest, 'src/server.js': server(false),
      'src/worker.js': "const { startDigest } = require('./jobs/digest');\nstartDigest();\n",
    });
    expect(worker).toEqual([]);
    const locked = await runRule(rule, {
      'package.json': pkg(), 'src/server.js': server(true),
      'src/jobs/digest.js': digest
        .replace("const pool = new Pool();", "const pool = new Pool();\nconst Redlock = require('redlock');\nconst redlock = new Redlock([redis]);")
        .replace("    await pool.query(", "    await redlock.using(['digest'], 60000, () => pool.query(").replace("now()');", "now()'));"),
    });
    expect(locked).toEqual([]);
    const pinned = await runRule(rule, {
      'package.json': pkg(), 'src/jobs/digest.js': digest, 'src/server.js': server(true),
      'render.yaml': 'services:\n  - type: web\n    name: api\n    numInstances: 1\n',
    });
    expect(pinned).toEqual([]);
  });
});
