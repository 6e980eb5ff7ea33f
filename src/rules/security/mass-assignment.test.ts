// Request bodies written whole to a model: the model's fields are read from its declaration (a
// mongoose schema, a Sequelize model, a TypeORM entity, a Prisma model, a Drizzle table), never from
// names in the handler.
import { describe, expect, it } from 'vitest';
import { auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './mass-assignment.js';

const EXPRESS = '{"name":"shop","main":"src/app.js","dependencies":{"express":"4","mongoose":"8"}}';

/** A mongoose model file with these schema fields. */
function mongooseModel(fields: string): string {
  return [
    "const mongoose = require('mongoose');",
    `const playerSchema = new mongoose.Schema({ ${fields} });`,
    "module.exports = mongoose.model('Player', playerSchema);",
  ].join('\n');
}

function app(handler: string[]): string {
  return [
    "const express = require('express');",
    "const Player = require('./models/player');",
    'const app = express();',
    ...handler,
    'app.listen(3000);',
  ].join('\n');
}

const show = (fs: Awaited<ReturnType<typeof runRule>>) => fs.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line} ${/which declares (.*): the caller/.exec(f.message)?.[1] ?? ""}`);

describe('security/mass-assignment', () => {
  it('reports the body written whole, spread or merged into a model whose schema holds money and role fields, at the write', async () => {
    const findings = await runRule(rule, {
      'package.json': EXPRESS,
      'src/models/player.js': mongooseModel("name: String, balance: { type: Number, default: 0 }, role: { type: String, default: 'player' }"),
      'src/app.js': app([
        "app.patch('/players/:id', async (req, res) => {",
        '  const player = await Player.findByIdAndUpdate(req.params.id, req.body, { new: true });',
        '  res.json(player);',
        '});',
        "app.post('/players', async (req, res) => {",
        "  const p = await Player.create({ ...req.body, createdBy: 'api' });",
        '  res.json(p);',
        '});',
        "app.put('/players/:id', async (req, res) => {",
        '  const p = await Player.findById(req.params.id);',
        '  Object.assign(p, req.body);',
        '  await p.save();',
        '  res.json(p);',
        '});',
        "app.post('/v2/players', async (req, res) => {",
        '  res.json(await Player.create({ ...req.body.player }));',
        '});',
      ]),
    });
    expect(show(findings)).toEqual([
      'high src/app.js:5 balance, role',
      'high src/app.js:9 balance, role',
      'high src/app.js:14 balance, role',
      'high src/app.js:19 balance, role',
    ]);
    expect(findings[0].evidence).toContainEqual(expect.objectContaining({ kind: 'file', path: 'src/models/player.js', line: 3 }));
  });

  it('Koa: ctx.request.body written whole is reported; a route whose router chain holds a role guard is not', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"shop","main":"src/app.js","dependencies":{"koa":"2","@koa/router":"12","mongoose":"8"}}',
      'src/models/player.js': mongooseModel("name: String, balance: { type: Number, default: 0 }, role: { type: String, default: 'player' }"),
      'src/app.js': [
        "const Koa = require('koa');",
        "const Router = require('@koa/router');",
        "const Player = require('./models/player');",
        "const { requireAdmin } = require('./auth');",
        'const app = new Koa();',
        "const router = new Router({ prefix: '/players' });",
        "router.patch('/:id', async (ctx) => { ctx.body = await Player.findByIdAndUpdate(ctx.params.id, ctx.request.body, { new: true }); });",
        "const admin = new Router({ prefix: '/admin' });",
        'admin.use(requireAdmin);',
        "admin.post('/players', async (ctx) => { ctx.body = await Player.create(ctx.request.body); });",
        'app.use(router.routes());',
        'app.use(admin.routes());',
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(show(findings)).toEqual(['high src/app.js:7 balance, role']);
  });

  it('is silent when the handler picks fields, sets the privileged ones itself, or the model declares none', async () => {
    const findings = await runRule(rule, {
      'package.json': EXPRESS,
      'src/models/player.js': mongooseModel("name: String, balance: Number, role: String"),
      'src/models/note.js': [
        "const { Schema, model } = require('mongoose');",
        "module.exports = model('Note', new Schema({ title: String, text: String }));",
      ].join('\n'),
      'src/app.js': [
        ...app([
          "app.patch('/players/:id', async (req, res) => {",
          '  const { name } = req.body;',
          '  res.json(await Player.findByIdAndUpdate(req.params.id, { name }));',
          '});',
          "app.post('/players', async (req, res) => {",
          "  res.json(await Player.create({ ...req.body, balance: 0, role: 'player' }));",
          '});',
          "app.post('/players/:id/rename', async (req, res) => {",
          '  const { role, balance, ...rest } = req.body;',
          '  res.json(await Player.findByIdAndUpdate(req.params.id, rest));',
          '});',
        ]).split('\n'),
        "app.post('/players/invite', async (req, res) => {",
        '  const data = req.body;',
        "  data.role = 'player';",
        '  delete data.balance;',
        '  res.json(await Player.create(data));',
        '});',
        "app.post('/players/join', async (req, res) => {",
        "  req.body.role = 'player';",
        "  req.body['balance'] = 0;",
        '  res.json(await new Player(req.body).save());',
        '});',
        "const Note = require('./models/note');",
        "app.post('/notes', async (req, res) => res.json(await Note.create(req.body)));",
      ].join('\n'),
    });
    expect(show(findings)).toEqual([]);
  });

  it('does not take a field of the body, or a body that is not the request\'s, for the request body', async () => {
    // Look-alikes: `req.body.profile` set as one property of the row (the code names the field); `payload.body` is a message's body, not a request's.
    const findings = await runRule(rule, {
      'package.json': EXPRESS,
      'src/models/player.js': mongooseModel('name: String, role: String, profile: Object'),
      'src/app.js': app([
        "app.patch('/me/profile', async (req, res) => {",
        '  res.json(await Player.findByIdAndUpdate(req.user.id, { profile: req.body.profile }));',
        '});',
        "app.post('/import', async (req, res) => {",
        '  const payload = await fetchPlayer();',
        '  res.json(await Player.create(payload.body));',
        '});',
      ]),
    });
    expect(findings).toEqual([]);
  });

  it('reads Prisma models, TypeORM entities through the repository they are injected as, and Drizzle tables', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"api","main":"src/server.ts","dependencies":{"express":"4","@prisma/client":"5","typeorm":"0.3","drizzle-orm":"0.36"}}',
      'prisma/schema.prisma': 'model Account {\n  id Int @id\n  email String\n  credits Int @default(0)\n}\n',
      'src/entity/user.ts': [
        "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';",
        '@Entity()',
        'export class User {',
        '  @PrimaryGeneratedColumn() id: number;',
        '  @Column() name: string;',
        '  @Column({ default: false }) isAdmin: boolean;',
        '}',
      ].join('\n'),
      'src/schema.ts': "import { boolean, pgTable, serial, text } from 'drizzle-orm/pg-core';\nexport const members = pgTable('members', { id: serial().primaryKey(), email: text(), emailVerified: boolean('email_verified') });\n",
      'src/server.ts': [
        "import express from 'express';",
        "import { PrismaClient } from '@prisma/client';",
        "import { Repository } from 'typeorm';",
        "import { db } from './db';",
        "import { members } from './schema';",
        "import { User } from './entity/user';",
        'const prisma = new PrismaClient();',
        'const app = express();',
        "app.post('/accounts', async (req, res) => res.json(await prisma.account.create({ data: req.body })));",
        "app.post('/members', async (req, res) => res.json(await db.insert(members).values(req.body)));",
        'export class UserController {',
        '  constructor(private readonly users: Repository<User>) {}',
        '  async update(req: any) { return this.users.update(req.params.id, req.body); }',
        '}',
        'app.listen(3000);',
      ].join('\n'),
      'src/db.ts': "import { drizzle } from 'drizzle-orm/node-postgres';\nexport const db = drizzle(process.env.DATABASE_URL!);\n",
    });
    expect(show(findings)).toEqual([
      'high src/server.ts:9 credits',
      'high src/server.ts:10 emailVerified, email_verified',
      'high src/server.ts:13 isAdmin',
    ]);
  });

  it('is unknown, naming the write, when the model cannot be resolved to its declaration', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"api","main":"src/app.js","dependencies":{"express":"4","knex":"3"}}',
      'src/app.js': [
        "const express = require('express');",
        "const knex = require('knex')({ client: 'pg' });",
        'const app = express();',
        "app.post('/users', async (req, res) => res.json(await knex('users').insert(req.body)));",
        'app.listen(3000);',
      ].join('\n'),
    }, { rules: [rule] });
    const outcome = run.outcomes.find((o) => o.ruleId === rule.id);
    expect(outcome?.status).toBe('unknown');
    expect(outcome?.reason).toContain('src/app.js:4 (insert)');
  });

  it('is unknown, naming the write, when it stores a parameter whose callers the call graph cannot trace', async () => {
    const run = await auditFiles({
      'package.json': EXPRESS,
      'src/models/player.js': mongooseModel("name: String, role: { type: String, default: 'player' }"),
      'src/services/players.js': "const Player = require('../models/player');\nexports.register = async (data) => Player.create(data);\n",
      'src/app.js': app([
        "app.post('/:kind', async (req, res) => res.json(await require(`./services/${req.params.kind}`).register(req.body)));",
      ]),
    }, { rules: [rule] });
    const outcome = run.outcomes.find((o) => o.ruleId === rule.id);
    expect(outcome?.status).toBe('unknown');
    expect(outcome?.reason).toContain('src/services/players.js:2 (create');
  });

  it('resolves `models.Player` through the module a namespace require names; a capitalised member of any other object is unknown, not matched by name', async () => {
    const run = await auditFiles({
      'package.json': EXPRESS,
      'src/models/index.js': [
        "const mongoose = require('mongoose');",
        "const playerSchema = new mongoose.Schema({ name: String, role: { type: String, default: 'player' } });",
        "exports.Player = mongoose.model('Player', playerSchema);",
      ].join('\n'),
      'src/app.js': [
        "const express = require('express');",
        "const models = require('./models');",
        "const registry = require('./registry');",
        'const app = express();',
        "app.post('/players', async (req, res) => res.json(await models.Player.create(req.body)));",
        "app.post('/teams', async (req, res) => res.json(await registry.load().Player.create(req.body)));",
        "app.post('/clubs', async (req, res) => { const db = req.app.locals.db; res.json(await db.Player.create(req.body)); });",
        'app.listen(3000);',
      ].join('\n'),
      // A registry filled at run time: nothing here says which model `Player` is.
      'src/registry.js': 'const models = {};\nexports.load = () => models;\n',
    }, { rules: [rule] });
    const findings = run.findings.filter((f) => f.ruleId === rule.id);
    expect(show(findings)).toEqual(['high src/app.js:5 role']);
    const outcome = run.outcomes.find((o) => o.ruleId === rule.id);
    // The two writes on objects verdict cannot resolve are named, never judged by the model's name.
    expect(outcome?.status ?? 'fail').toBe('fail');
    expect(findings.some((f) => f.location?.line === 6 || f.location?.line === 7)).toBe(false);
  });

  it('lets a role guard in the route\'s chain admit the write (an administrator may set any field)', async () => {
    const findings = await runRule(rule, {
      'package.json': EXPRESS,
      'src/models/player.js': mongooseModel('name: String, role: String'),
      'src/app.js': app([
        "const requireAdmin = (req, res, next) => (req.user && req.user.admin ? next() : res.sendStatus(403));",
        "app.post('/players', requireAdmin, async (req, res) => res.json(await Player.create(req.body)));",
        "app.post('/signup', async (req, res) => res.json(await Player.create(req.body)));",
      ]),
    });
    expect(show(findings)).toEqual(['high src/app.js:6 role']);
  });

  describe('across files (controller to service)', () => {
    const NEST = '{"name":"api","main":"src/main.ts","dependencies":{"@nestjs/core":"10","@nestjs/common":"10","@nestjs/typeorm":"10","typeorm":"0.3","class-validator":"0.14"}}';
    const entity = [
      "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';",
      '@Entity()',
      'export class Account {',
      '  @PrimaryGeneratedColumn() id: number;',
      '  @Column() nickname: string;',
      "  @Column({ default: 'member' }) role: string;",
      '  @Column({ default: 0 }) credits: number;',
      '}',
    ].join('\n');
    const service = [
      "import { Injectable } from '@nestjs/common';",
      "import { InjectRepository } from '@nestjs/typeorm';",
      "import { Repository } from 'typeorm';",
      "import { Account } from './account.entity';",
      '@Injectable()',
      'export class AccountsService {',
      '  constructor(@InjectRepository(Account) private readonly accounts: Repository<Account>) {}',
      '  async rename(id: number, changes: object) {',
      '    const current = await this.accounts.findOneBy({ id });',
      '    return this.accounts.save({ ...current, ...changes });',
      '  }',
      '  async patch(id: number, input: object) {',
      '    return this.accounts.update(id, input);',
      '  }',
      '  async relay(id: number, input: object) {',
      '    return this.patch(id, input);',
      '  }',
      '}',
    ].join('\n');
    const dtos = [
      "import { IsOptional, IsString, IsInt } from 'class-validator';",
      "import { OmitType, PartialType } from '@nestjs/mapped-types';",
      'export class CreateAccountDto {',
      '  @IsString() nickname: string;',
      '  @IsOptional() @IsString() role?: string;',
      '  @IsOptional() @IsInt() credits?: number;',
      '}',
      'export class RenameAccountDto {',
      '  @IsString() nickname: string;',
      '}',
      "export class PublicAccountDto extends PartialType(OmitType(CreateAccountDto, ['role', 'credits'] as const)) {}",
      'export class AdminAccountDto extends PartialType(CreateAccountDto) {}',
    ].join('\n');
    const controller = (handlers: string[]) => [
      "import { Body, Controller, Param, Patch, Put } from '@nestjs/common';",
      "import { AccountsService } from './accounts.service';",
      "import { AdminAccountDto, PublicAccountDto, RenameAccountDto } from './account.dto';",
      "@Controller('accounts')",
      'export class AccountsController {',
      '  constructor(private readonly accountsService: AccountsService) {}',
      ...handlers,
      '}',
    ].join('\n');
    const main = (whitelist: boolean) => [
      "import { NestFactory } from '@nestjs/core';",
      "import { ValidationPipe } from '@nestjs/common';",
      "import { AppModule } from './app.module';",
      'async function bootstrap() {',
      '  const app = await NestFactory.create(AppModule);',
      `  app.useGlobalPipes(new ValidationPipe(${whitelist ? '{ whitelist: true }' : '{ transform: true }'}));`,
      '  await app.listen(3000);',
      '}',
      'bootstrap();',
    ].join('\n');

    it('follows a DTO that declares privileged fields into the service that writes it whole, citing the controller', async () => {
      const findings = await runRule(rule, {
        'package.json': NEST,
        'src/main.ts': main(true),
        'src/accounts/account.entity.ts': entity,
        'src/accounts/accounts.service.ts': service,
        'src/accounts/account.dto.ts': dtos,
        'src/accounts/accounts.controller.ts': controller([
          "  @Put(':id')",
          "  replace(@Param('id') id: number, @Body() dto: AdminAccountDto) {",
          '    return this.accountsService.rename(id, dto);',
          '  }',
          "  @Patch(':id')",
          "  patch(@Param('id') id: number, @Body() dto: AdminAccountDto) {",
          '    return this.accountsService.relay(id, dto);',
          '  }',
        ]),
      });
      expect(show(findings)).toEqual(['high src/accounts/accounts.service.ts:10 role, credits', 'high src/accounts/accounts.service.ts:13 role, credits']);
      expect(findings[0].evidence).toContainEqual(expect.objectContaining({ kind: 'file', path: 'src/accounts/accounts.controller.ts', line: 9 }));
      // Two calls up: the controller, then the service's own relay().
      expect(findings[1].evidence).toContainEqual(expect.objectContaining({ kind: 'file', path: 'src/accounts/accounts.controller.ts', line: 13 }));
      expect(findings[1].evidence).toContainEqual(expect.objectContaining({ kind: 'file', path: 'src/accounts/accounts.service.ts', line: 16 }));
    });

    it('is silent for a whitelisted DTO that declares no privileged field (its own or through mapped types)', async () => {
      const findings = await runRule(rule, {
        'package.json': NEST,
        'src/main.ts': main(true),
        'src/accounts/account.entity.ts': entity,
        'src/accounts/accounts.service.ts': service,
        'src/accounts/account.dto.ts': dtos,
        'src/accounts/accounts.controller.ts': controller([
          "  @Put(':id')",
          "  replace(@Param('id') id: number, @Body() dto: RenameAccountDto) {",
          '    return this.accountsService.rename(id, dto);',
          '  }',
          "  @Patch(':id')",
          "  patch(@Param('id') id: number, @Body() dto: PublicAccountDto) {",
          '    return this.accountsService.patch(id, dto);',
          '  }',
          "  @Patch(':id/nickname')",
          "  nickname(@Param('id') id: number, @Body('nickname') nickname: string) {",
          '    return this.accountsService.patch(id, { nickname });',
          '  }',
        ]),
      });
      expect(show(findings)).toEqual([]);
    });

    it('reports at medium, saying why, a DTO without privileged fields when no pipe strips undeclared keys', async () => {
      const findings = await runRule(rule, {
        'package.json': NEST,
        'src/main.ts': main(false),
        'src/accounts/account.entity.ts': entity,
        'src/accounts/accounts.service.ts': service,
        'src/accounts/account.dto.ts': dtos,
        'src/accounts/accounts.controller.ts': controller([
          "  @Put(':id')",
          "  replace(@Param('id') id: number, @Body() dto: RenameAccountDto) {",
          '    return this.accountsService.rename(id, dto);',
          '  }',
        ]),
      });
      expect(show(findings)).toEqual(['medium src/accounts/accounts.service.ts:10 role, credits']);
      expect(findings[0].evidence).toContainEqual(expect.objectContaining({ kind: 'note', text: expect.stringContaining('no ValidationPipe with whitelist') }));
    });

    it('follows an Express req.body into a service function in another file, and not a service called with picked fields', async () => {
      const findings = await runRule(rule, {
        'package.json': EXPRESS,
        'src/models/player.js': mongooseModel('name: String, balance: Number'),
        'src/services/players.js': [
          "import Player from '../models/player';",
          'export async function updatePlayer(id, changes) { return Player.findByIdAndUpdate(id, changes, { new: true }); }',
          'export async function addPlayer(fields) { return Player.create(fields); }',
        ].join('\n'),
        'src/app.js': [
          "import express from 'express';",
          "import { updatePlayer, addPlayer } from './services/players';",
          'const app = express();',
          "app.patch('/players/:id', async (req, res) => res.json(await updatePlayer(req.params.id, req.body)));",
          "app.post('/players', async (req, res) => res.json(await addPlayer({ name: req.body.name })));",
          'app.listen(3000);',
        ].join('\n'),
      });
      expect(show(findings)).toEqual(['high src/services/players.js:2 balance']);
      expect(findings[0].evidence).toContainEqual(expect.objectContaining({ kind: 'file', path: 'src/app.js', line: 4 }));
    });

    it('follows a sign-up body into a CommonJS service (`exports.f = fn`, `module.exports = { f }`, `module.exports = new Service()`), silent when the service picks fields', async () => {
      const model = mongooseModel('email: String, password: String, isAdmin: { type: Boolean, default: false }');
      const services: Record<string, string> = {
        exportsFn: "const Player = require('../models/player');\nexports.register = async (data) => Player.create({ ...data, password: data.password });\n",
        objectExport: "const Player = require('../models/player');\nasync function register(data) { return Player.create(data); }\nmodule.exports = { register };\n",
        instance: "const Player = require('../models/player');\nclass Accounts {\n  async register(data) { const p = new Player(data); await p.save(); return p; }\n}\nmodule.exports = new Accounts();\n",
        picked: "const Player = require('../models/player');\nexports.register = async (data) => Player.create({ email: data.email, password: data.password });\n",
      };
      const seen: Record<string, string[]> = {};
      for (const [name, svc] of Object.entries(services)) {
        seen[name] = show(await runRule(rule, {
          'package.json': EXPRESS,
          'src/models/player.js': model,
          'src/services/accounts.js': svc,
          'src/controllers/accounts.js': "const accounts = require('../services/accounts');\nexports.signup = async (req, res) => { res.status(201).json(await accounts.register(req.body)); };\n",
          'src/app.js': app(["const { signup } = require('./controllers/accounts');", "app.post('/signup', signup);"]),
        }));
      }
      expect(seen).toEqual({
        exportsFn: ['high src/services/accounts.js:2 isAdmin'],
        objectExport: ['high src/services/accounts.js:2 isAdmin'],
        instance: ['high src/services/accounts.js:3 isAdmin'],
        picked: [],
      });
    });

    it('judges a service method named like a write (create) where it writes, not at the controller that calls it', async () => {
      const svc = service.replace('  async relay(', '  async create(input: object) {\n    return this.accounts.save(input);\n  }\n  async relay(');
      const files = (guard: string[]) => ({
        'package.json': NEST,
        'src/main.ts': main(true),
        'src/accounts/account.entity.ts': entity,
        'src/accounts/accounts.service.ts': svc,
        'src/accounts/account.dto.ts': dtos,
        'src/accounts/accounts.controller.ts': controller(['  @Post()', '  add(@Body() dto: AdminAccountDto) {', '    return this.accountsService.create(dto);', '  }'])
          .replace("@Controller('accounts')", [...guard, "@Controller('accounts')"].join('\n')),
      });
      expect(show(await runRule(rule, files([])))).toEqual(['high src/accounts/accounts.service.ts:16 role, credits']);
    });
  });
});

describe('security/mass-assignment: a self-update through the document setter', () => {
  it('reports `doc.set(req.body)` on a document then saved, and not a setter of anything else or a document never saved', async () => {
    const findings = await runRule(rule, {
      'package.json': EXPRESS,
      'src/models/player.js': mongooseModel("name: String, role: { type: String, default: 'player' }"),
      'src/app.js': app([
        "app.patch('/me', async (req, res) => {",
        '  const me = await Player.findById(req.user.id);',
        '  me.set(req.body);',
        '  await me.save();',
        '  res.json(me);',
        '});',
        "app.post('/me/preview', async (req, res) => {",
        '  const me = await Player.findById(req.user.id);',
        '  me.set(req.body);',
        '  res.json(me.toJSON());',
        '});',
        "app.post('/cache', async (req, res) => {",
        '  const seen = new Map();',
        "  seen.set(req.body, 'x');",
        '  res.json({ n: seen.size });',
        '});',
      ]),
    });
    expect(show(findings)).toEqual(['high src/app.js:6 role']);
    const fixed = await runRule(rule, {
      'package.json': EXPRESS,
      'src/models/player.js': mongooseModel("name: String, role: { type: String, default: 'player' }"),
      'src/app.js': app([
        "app.patch('/me', async (req, res) => {",
        '  const me = await Player.findById(req.user.id);',
        '  me.set({ name: req.body.name });',
        '  await me.save();',
        '  res.json(me);',
        '});',
      ]),
    });
    expect(fixed).toEqual([]);
  });
});

describe('security/mass-assignment: one finding per write location', () => {
  it('reports two writes recorded on one line once', async () => {
    const findings = await runRule(rule, {
      'package.json': EXPRESS,
      'src/models/player.js': mongooseModel("name: String, role: { type: String, default: 'player' }"),
      'src/app.js': app([
        "app.put('/players/:id', async (req, res) => res.json(await Player.updateOne({ _id: req.params.id }, req.body).then(() => Player.findByIdAndUpdate(req.params.id, req.body))));",
      ]),
    });
    expect(show(findings)).toEqual(['high src/app.js:4 role']);
  });
  describe('a service handing its parameter to an imported instance of a repository class', () => {
    const files = (serviceCall: string) => ({
      'package.json': '{"name":"api","main":"src/index.ts","dependencies":{"express":"4","@prisma/client":"5"}}',
      'prisma/schema.prisma': 'model Member {\n  id Int @id\n  email String\n  role String @default("user")\n}\n',
      'src/members.repository.ts': [
        "import { PrismaClient } from '@prisma/client';",
        'const prisma = new PrismaClient();',
        'export class MembersRepository {',
        '  async create(data: any) {',
        '    return prisma.member.create({ data });',
        '  }',
        '}',
        'export const membersRepository = new MembersRepository();',
      ].join('\n'),
      'src/signup.service.ts': [
        "import { membersRepository } from './members.repository';",
        'export class SignupService {',
        '  async signUp(input: any) {',
        `    return membersRepository.create(${serviceCall});`,
        '  }',
        '}',
        'export const signupService = new SignupService();',
      ].join('\n'),
      'src/index.ts': [
        "import express from 'express';",
        "import { signupService } from './signup.service';",
        'const app = express();',
        "app.post('/signup', async (req, res) => res.json(await signupService.signUp(req.body)));",
        'app.listen(3000);',
      ].join('\n'),
    });

    it('follows the body from the route through the service into the repository write', async () => {
      expect(show(await runRule(rule, files("{ ...input, email: String(input.email) }")))).toEqual(['high src/members.repository.ts:5 role']);
    });

    it('stays silent when the service sets the privileged field itself after the spread', async () => {
      expect(await runRule(rule, files("{ ...input, role: 'user' }"))).toEqual([]);
    });

    it('stays silent when the service picks the fields it stores', async () => {
      expect(await runRule(rule, files('{ email: String(input.email) }'))).toEqual([]);
    });
  });
});
