// What a handler reaches beyond its body (link/reach.ts). Sign-up recognised by what the handler does (knowledge/accounts.ts): an unguarded
// POST to a collection whose handler, or the service it is handed, or the entity it builds, hashes a
// password for storage creates an account; it needs a rate limit, not an auth guard. The same POST
// that stores no password is a data write anyone can make.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './route-without-auth.js';
import limits from './rate-limit-missing.js';

const pkg = (deps: string) => ({ 'package.json': `{"name":"svc","dependencies":{${deps}}}` });

/** A Nest controller handing `POST /members` to an injected service; the service builds an entity; the entity hashes on insert. */
const nestApp = (hashInEntity: boolean) => ({
  ...pkg('"@nestjs/common":"10","@nestjs/core":"10","typeorm":"0.3","argon2":"0.31"'),
  'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n",
  'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { MemberController } from './member.controller';\n@Module({ controllers: [MemberController] })\nexport class AppModule {}\n",
  'src/member.controller.ts': [
    "import { Body, Controller, Post } from '@nestjs/common';",
    "import { MemberService } from './member.service';",
    "@Controller('members')",
    'export class MemberController {',
    '  constructor(private readonly members: MemberService) {}',
    '  @Post()',
    '  async create(@Body() dto: { name: string; secret: string }) {',
    '    return this.members.create(dto);',
    '  }',
    '}',
  ].join('\n'),
  'src/member.service.ts': [
    "import { Injectable } from '@nestjs/common';",
    "import { MemberEntity } from './member.entity';",
    '@Injectable()',
    'export class MemberService {',
    '  constructor(private readonly repo: any) {}',
    '  async create(dto: { name: string; secret: string }) {',
    '    const m = new MemberEntity();',
    '    m.name = dto.name;',
    '    m.secret = dto.secret;',
    '    return this.repo.save(m);',
    '  }',
    '}',
  ].join('\n'),
  'src/member.entity.ts': [
    "import { BeforeInsert, Column, Entity } from 'typeorm';",
    "import * as argon2 from 'argon2';",
    '@Entity()',
    'export class MemberEntity {',
    '  @Column() name: string;',
    '  @Column() secret: string;',
    hashInEntity ? '  @BeforeInsert() async seal() { this.secret = await argon2.hash(this.secret); }' : '  @BeforeInsert() stamp() { this.name = this.name.trim(); }',
    '}',
  ].join('\n'),
});

describe('sign-up decided by what the handler does', () => {
  it('a POST handled by `create` whose entity hashes the password on insert is a sign-up: rate limit, not a missing guard', async () => {
    const run = await auditFiles(nestApp(true), { rules: [rule, limits] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    const limit = run.findings.filter((f) => f.ruleId === limits.id);
    // No limiter anywhere is the service's finding (the sign-up route its evidence); the sign-up route is reported at its line.
    expect(limit.map((f) => [f.messageId, f.location ? `${f.location.path}:${f.location.line}` : null])).toEqual([
      ['noLimiterWithCredentials', null], ['credentialsUnlimited', 'src/member.controller.ts:6'],
    ]);
    expect(limit[0].message).toContain('1 handle credentials');
    expect(limit[0].evidence[0]).toMatchObject({ kind: 'file', path: 'src/member.controller.ts', line: 6 });
    expect(limit[1].message).toContain('sign-up');
  });

  it('the same POST storing no hashed password is a write anyone can make: high', async () => {
    const run = await auditFiles(nestApp(false), { rules: [rule] });
    const open = run.findings.filter((f) => f.ruleId === rule.id);
    expect(open.map((f) => [f.severity, f.location?.line])).toEqual([['high', 6]]);
  });

  it('an Express handler that calls bcrypt itself is a sign-up; a POST with a route parameter is no new account', async () => {
    const run = await auditFiles({
      ...pkg('"express":"4","bcrypt":"5"'),
      'src/app.ts': [
        "import express from 'express';",
        "import bcrypt from 'bcrypt';",
        'const app = express();',
        "app.post('/people', async (req, res) => { const h = await bcrypt.hash(req.body.pw, 12); res.json(await db.person.create({ data: { ...req.body, pw: h } })); });",
        "app.post('/people/:id/pets', async (req, res) => { const h = await bcrypt.hash(req.body.pw, 12); res.json(await db.pet.create({ data: { owner: req.params.id, pw: h } })); });",
        'app.listen(3000);',
      ].join('\n'),
    }, { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id).map((f) => f.location?.line)).toEqual([5]);
  });

  it('a handler that only verifies a password is no sign-up', async () => {
    const run = await auditFiles({
      ...pkg('"express":"4","bcrypt":"5"'),
      'src/app.ts': [
        "import express from 'express';",
        "import bcrypt from 'bcrypt';",
        'const app = express();',
        "app.post('/people', async (req, res) => { const ok = await bcrypt.compare(req.body.pw, stored); res.json(await db.person.create({ data: { ok } })); });",
        'app.listen(3000);',
      ].join('\n'),
    }, { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id).map((f) => f.severity)).toEqual(['high']);
  });
});

/** A routing-controllers REST controller under @Authorized, and a type-graphql resolver handed a service handed a TypeORM repository. */
const graphqlApp = (query: string) => ({
  ...pkg('"routing-controllers":"0.9","type-graphql":"1","typeorm":"0.2","typedi":"0.8"'),
  'src/api/BookController.ts': [
    "import { Authorized, Get, JsonController } from 'routing-controllers';",
    "import { BookService } from './BookService';",
    "@Authorized() @JsonController('/books')",
    'export class BookController {',
    '  constructor(private books: BookService) {}',
    "  @Get() list() { return this.books.all(); }",
    '}',
  ].join('\n'),
  'src/api/BookResolver.ts': [
    "import { Query, Resolver } from 'type-graphql';",
    "import { BookService } from './BookService';",
    '@Resolver()',
    'export class BookResolver {',
    '  constructor(private books: BookService) {}',
    `  @Query() books() { ${query} }`,
    '}',
  ].join('\n'),
  'src/api/BookService.ts': [
    "import { Service } from 'typedi';",
    "import { BookRepository } from './BookRepository';",
    '@Service()',
    'export class BookService {',
    '  constructor(private repo: BookRepository) {}',
    '  all() { return this.repo.find(); }',
    "  motto() { return 'read more'; }",
    '}',
  ].join('\n'),
  'src/api/BookRepository.ts': "import { EntityRepository, Repository } from 'typeorm';\n@EntityRepository()\nexport class BookRepository extends Repository<object> {}\n",
});

describe('GraphQL operations that read stored data through the service they are handed', () => {
  it('a query returning the repository\'s rows, beside @Authorized REST, is high', async () => {
    const run = await auditFiles(graphqlApp('return this.books.all();'), { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id).map((f) => [f.severity, f.location?.path, f.location?.line])).toEqual([['high', 'src/api/BookResolver.ts', 6]]);
  });

  it('a query whose service method answers a constant reads nothing stored: silent', async () => {
    const run = await auditFiles(graphqlApp('return this.books.motto();'), { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });
});

describe('sign-up through classes wired by hand', () => {
  const layered = (hash: boolean) => ({
    ...pkg('"express":"4","bcrypt":"5"'),
    'src/users.service.js': [
      "const bcrypt = require('bcrypt');",
      'class UserService {',
      '  constructor(db) { this.db = db; }',
      hash ? '  async create(body) { const pw = await bcrypt.hash(body.pw, 12); return this.db.user.create({ data: { email: body.email, pw } }); }'
        : '  async create(body) { return this.db.user.create({ data: { email: body.email } }); }',
      '}',
      'module.exports = UserService;',
    ].join('\n'),
    'src/users.controller.js': 'class UserController {\n  constructor(service) { this.service = service; }\n  async create(req, res) { res.json(await this.service.create(req.body)); }\n}\nmodule.exports = UserController;\n',
    'src/app.js': [
      "const express = require('express');",
      "const UserService = require('./users.service');",
      "const UserController = require('./users.controller');",
      'const app = express();',
      'const users = new UserController(new UserService(db));',
      "app.post('/users', users.create.bind(users));",
      "app.post('/members', (req, res) => users.create(req, res));",
      'app.listen(3000);',
    ].join('\n'),
  });

  it('a bound controller method, or an arrow handing the request to it, whose service hashes the password is a sign-up', async () => {
    const run = await auditFiles(layered(true), { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });

  it('the same routes storing no password are writes anyone can make', async () => {
    const run = await auditFiles(layered(false), { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id).map((f) => [f.severity, f.location?.line])).toEqual([['high', 6], ['high', 7]]);
  });
});
