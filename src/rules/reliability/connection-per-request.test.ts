import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './connection-per-request.js';

const PKG = JSON.stringify({ name: 'svc', main: 'src/app.ts', dependencies: { express: '4', '@prisma/client': '5', ioredis: '5', bullmq: '5', pg: '8' } });

const app = (...body: string[]) => ({
  'package.json': PKG,
  'src/app.ts': ["import express from 'express';", ...body, 'app.listen(3000);'].join('\n'),
});

describe('reliability/connection-per-request', () => {
  it('a PrismaClient made inside a route handler and never disconnected (high)', async () => {
    const found = await runRule(rule, app(
      "import { PrismaClient } from '@prisma/client';",
      'const app = express();',
      "app.get('/users', async (req, res) => {",
      '  const prisma = new PrismaClient().$extends({});',
      '  res.json(await prisma.user.findMany());',
      '});',
    ));
    expect(found.map((f) => `${at([f])[0]} ${f.severity} ${f.messageId}`)).toEqual(['src/app.ts:5 high perRequest']);
    expect(found[0].message).toContain('GET /users (src/app.ts:4)');
  });

  it('follows the link: handler → service in another file → a function that builds a queue per call (medium)', async () => {
    const found = await runRule(rule, {
      'package.json': PKG,
      'src/jobs.ts': [
        "import { Queue } from 'bullmq';",
        'export async function enqueueMail(to: string) {',
        "  const queue = new Queue('mail', { connection: { host: process.env.REDIS_HOST } });",
        "  await queue.add('send', { to });",
        '}',
      ].join('\n'),
      'src/users.service.ts': [
        "import { enqueueMail } from './jobs';",
        'export async function register(email: string) {',
        '  await enqueueMail(email);',
        '}',
      ].join('\n'),
      'src/app.ts': [
        "import express from 'express';",
        "import { register } from './users.service';",
        'const app = express();',
        "app.post('/signup', async (req, res) => { await register(req.body.email); res.sendStatus(201); });",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(found.map((f) => `${at([f])[0]} ${f.severity}`)).toEqual(['src/jobs.ts:3 medium']);
    expect(found[0].message).toContain('POST /signup (src/app.ts:4) → register (src/users.service.ts:2) → enqueueMail (src/jobs.ts:2)');
  });

  it('a pg Pool dropped after one query inside a handler', async () => {
    const found = await runRule(rule, app(
      "import { Pool } from 'pg';",
      'const app = express();',
      "app.get('/n', async (req, res) => res.json((await new Pool().query('select 1')).rows));",
    ));
    expect(at(found)).toEqual(['src/app.ts:4']);
  });

  it('is silent for a module singleton, a cached client, a client closed in finally, and one the function returns', async () => {
    const found = await runRule(rule, app(
      "import { PrismaClient } from '@prisma/client';",
      "import Redis from 'ioredis';",
      "import { Pool } from 'pg';",
      'const app = express();',
      'const prisma = new PrismaClient();',
      'let redis: Redis | undefined;',
      'function cache() { if (!redis) redis = new Redis(process.env.REDIS_URL!); return redis; }',
      'const g = globalThis as unknown as { db?: PrismaClient };',
      'function db() { return (g.db ??= new PrismaClient()); }',
      "app.get('/a', async (req, res) => res.json(await prisma.user.findMany()));",
      "app.get('/b', async (req, res) => res.json(await cache().get('k')));",
      "app.get('/c', async (req, res) => { const pool = new Pool(); try { res.json(await pool.query('select 1')); } finally { await pool.end(); } });",
      "app.get('/d', async (req, res) => res.json(await db().user.count()));",
    ));
    expect(found).toEqual([]);
  });

  it('is silent where the function that opens the client runs at startup, not per request', async () => {
    const found = await runRule(rule, app(
      "import { Pool } from 'pg';",
      'const app = express();',
      'async function warm() { const pool = new Pool(); await pool.query(\'select 1\'); }',
      'warm();',
      "app.get('/a', (req, res) => res.send('ok'));",
    ));
    expect(found).toEqual([]);
  });

  it('a NestJS controller method calling a service method that makes a Redis client each call', async () => {
    const files = (method: string) => ({
      'package.json': JSON.stringify({ name: 'svc', dependencies: { '@nestjs/common': '10', ioredis: '5' } }),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((a) => a.listen(3000));",
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { CartController } from './cart.controller';\nimport { CartService } from './cart.service';\n@Module({ controllers: [CartController], providers: [CartService] })\nexport class AppModule {}",
      'src/cart.service.ts': [
        "import Redis from 'ioredis';",
        "import { Injectable } from '@nestjs/common';",
        '@Injectable()',
        'export class CartService {',
        '  private readonly shared = new Redis(process.env.REDIS_URL!);',
        method,
        '}',
      ].join('\n'),
      'src/cart.controller.ts': [
        "import { Controller, Get, Param } from '@nestjs/common';",
        "import { CartService } from './cart.service';",
        "@Controller('cart')",
        'export class CartController {',
        '  constructor(private readonly cart: CartService) {}',
        "  @Get(':id')",
        '  get(@Param(\'id\') id: string) { return this.cart.load(id); }',
        '}',
      ].join('\n'),
    });
    const found = await runRule(rule, files('  async load(id: string) { const redis = new Redis(process.env.REDIS_URL!); return redis.get(id); }'));
    expect(found.map((f) => `${at([f])[0]} ${f.severity}`)).toEqual(['src/cart.service.ts:6 medium']);
    expect(found[0].message).toContain('CartController.get');
    expect(await runRule(rule, files('  async load(id: string) { return this.shared.get(id); }'))).toEqual([]);
  });
});
