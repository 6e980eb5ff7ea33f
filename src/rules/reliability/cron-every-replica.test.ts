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

  describe('locks taken through the store the service already has', () => {
    const withBody = (body: string[], extra: string[] = []) => [
      "const cron = require('node-cron');", "const { Pool } = require('pg');", ...extra, 'const pool = new Pool();',
      'function startDigest() {', "  cron.schedule('0 * * * *', async () => {", ...body.map((l) => `    ${l}`), '  });', '}', 'module.exports = { startDigest };',
    ].join('\n');
    const run = (digestJs: string, files: Record<string, string> = {}) => runRule(rule, { 'package.json': pkg(), 'src/server.js': server(true), 'src/jobs/digest.js': digestJs, ...files });
    const update = "await pool.query('UPDATE subscriptions SET notified = true WHERE due < now()');";

    it('a Postgres advisory lock in the job body, or a Redis SET NX / lock document in a function it calls in another file, is a lock', async () => {
      expect(await run(withBody(["const { rows } = await pool.query('SELECT pg_try_advisory_lock($1) AS ok', [42]);", 'if (!rows[0].ok) return;', update]))).toEqual([]);
      expect(await run(withBody(['await pool.query(`SELECT pg_advisory_xact_lock(${DIGEST_LOCK})`);', update]))).toEqual([]);
      const viaHelper = (helper: string) => run(withBody(['if (!(await lock.claim())) return;', update], ["const lock = require('../lock');"]), { 'src/lock.js': helper });
      expect(await viaHelper("const redis = require('./redis');\nasync function claim() { return (await redis.set('lock:digest', process.pid, 'PX', 60000, 'NX')) === 'OK'; }\nmodule.exports = { claim };\n")).toEqual([]);
      expect(await viaHelper("const { client } = require('./redis');\nasync function claim() { return client.set('lock:digest', '1', { NX: true, PX: 60000 }); }\nmodule.exports = { claim };\n")).toEqual([]);
      expect(await viaHelper("const JobLock = require('./models/job-lock');\nasync function claim() {\n  const now = new Date();\n  return JobLock.findOneAndUpdate({ _id: 'digest', until: { $lt: now } }, { until: new Date(now.getTime() + 60000) }, { upsert: true, new: true });\n}\nmodule.exports = { claim };\n")).toEqual([]);
    });

    it('a Redis SET without NX, an unlock alone, an update of another model, or a lock in a function the job never calls is no lock', async () => {
      const reported = async (digestJs: string, files?: Record<string, string>) => (await run(digestJs, files)).map((f) => at([f])[0]);
      expect(await reported(withBody(["await redis.set('digest:last', Date.now(), 'EX', 3600);", update], ["const redis = require('./redis');"]))).toEqual(['src/jobs/digest.js:6']);
      expect(await reported(withBody(["await pool.query('SELECT pg_advisory_unlock(42)');", update]))).toEqual(['src/jobs/digest.js:5']);
      expect(await reported(withBody(["await User.findOneAndUpdate({ _id: id }, { notified: true });"], ["const User = require('../models/user');"]))).toEqual(['src/jobs/digest.js:6']);
      const unrelated = withBody([update]).replace('module.exports', "async function other() { await pool.query('SELECT pg_try_advisory_lock(1)'); }\nmodule.exports");
      expect(await reported(unrelated)).toEqual(['src/jobs/digest.js:5']);
    });
  });

  describe('setInterval in the web process', () => {
    const serverWith = (lines: string[], deps: Record<string, string> = {}) => ({
      'package.json': JSON.stringify({ name: 'svc', main: 'src/server.js', scripts: { start: 'node src/server.js' }, dependencies: { express: '4', '@prisma/client': '5', ...deps } }),
      'src/server.js': [
        "const express = require('express');", "const { PrismaClient } = require('@prisma/client');", 'const prisma = new PrismaClient();', 'const app = express();',
        ...lines, 'app.listen(3000);',
      ].join('\n'),
    });

    it('reports a timer whose callback writes to the database, inline or through a function it calls', async () => {
      const inline = await runRule(rule, serverWith(['setInterval(async () => {', '  await prisma.session.deleteMany({ where: { expires: { lt: new Date() } } });', '}, 60000);']));
      expect(inline.map((f) => `${at([f])[0]} ${f.severity}`)).toEqual(['src/server.js:5 medium']);
      expect(inline[0].message).toMatch(/^setInterval\(\) starts in the web process/);
      expect(inline[0].evidence).toContainEqual({ kind: 'note', text: expect.stringContaining('writes to the database: PrismaClient.session.deleteMany (@prisma/client) (src/server.js:6)') });
      const called = await runRule(rule, serverWith(['async function sweep() { await prisma.session.deleteMany({}); }', 'setInterval(sweep, 60000);']));
      expect(called.map((f) => at([f])[0])).toEqual(['src/server.js:6']);
    });

    it('stays silent for a timer that writes nothing, or that takes an advisory lock first', async () => {
      expect(await runRule(rule, serverWith(["setInterval(() => console.log('alive'), 60000);", 'setInterval(() => cache.clear(), 1000);']))).toEqual([]);
      expect(await runRule(rule, serverWith([
        'setInterval(async () => {',
        '  const [{ ok }] = await prisma.$queryRawUnsafe("SELECT pg_try_advisory_lock(7) AS ok");',
        '  if (ok) await prisma.session.deleteMany({});',
        '}, 60000);',
      ]))).toEqual([]);
    });
  });
});
