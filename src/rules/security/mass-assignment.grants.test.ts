// A role field stored from the request body, read in place or handed down as one argument through a
// use case and a repository in other files: critical on a sign-up, none when the role is a constant or
// the route is behind a role guard.
import { describe, expect, it } from 'vitest';
import { auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './mass-assignment.js';

const PRISMA = [
  'datasource db { provider = "postgresql" url = env("DATABASE_URL") }',
  'enum Role { USER ADMIN }',
  'model User {',
  '  id       Int     @id @default(autoincrement())',
  '  email    String  @unique',
  '  password String',
  '  role     Role    @default(USER)',
  '  isAdmin  Boolean @default(false)',
  '}',
].join('\n');

const NEST = '{"name":"api","main":"src/main.ts","dependencies":{"@nestjs/core":"10","@nestjs/common":"10","@prisma/client":"5","class-validator":"0.14"}}';

const nest = (opts: { role: string; guard?: boolean }) => ({
  'package.json': NEST,
  'prisma/schema.prisma': PRISMA,
  'src/main.ts': [
    "import { NestFactory } from '@nestjs/core';",
    "import { AppModule } from './app.module';",
    'async function bootstrap() {',
    '  const app = await NestFactory.create(AppModule);',
    '  await app.listen(3000);',
    '}',
    'bootstrap();',
  ].join('\n'),
  'src/auth/register.dto.ts': [
    "import { IsEmail, IsEnum, IsString } from 'class-validator';",
    "export enum Role { USER = 'USER', ADMIN = 'ADMIN' }",
    'export class RegisterDto {',
    '  @IsEmail() email: string;',
    '  @IsString() password: string;',
    '  @IsEnum(Role) role: Role;',
    '}',
  ].join('\n'),
  'src/users/users.repository.ts': [
    "import { Injectable } from '@nestjs/common';",
    "import { PrismaService } from '../prisma.service';",
    '@Injectable()',
    'export class UsersRepository {',
    '  constructor(private readonly prisma: PrismaService) {}',
    '  async create(data: { email: string; password: string; role: string }) {',
    '    return this.prisma.user.create({ data });',
    '  }',
    '}',
  ].join('\n'),
  'src/auth/register.use-case.ts': [
    "import { Injectable } from '@nestjs/common';",
    "import { UsersRepository } from '../users/users.repository';",
    "import { Role } from './register.dto';",
    '@Injectable()',
    'export class RegisterUseCase {',
    '  constructor(private readonly usersRepository: UsersRepository) {}',
    '  async execute(email: string, password: string, role: Role) {',
    `    return this.usersRepository.create({ email, password, role: ${opts.role} });`,
    '  }',
    '}',
  ].join('\n'),
  'src/auth/auth.controller.ts': [
    "import { Body, Controller, Post, UseGuards } from '@nestjs/common';",
    "import { RegisterDto } from './register.dto';",
    "import { RegisterUseCase } from './register.use-case';",
    "import { AdminGuard } from './admin.guard';",
    "@Controller('auth')",
    'export class AuthController {',
    '  constructor(private readonly registerUseCase: RegisterUseCase) {}',
    "  @Post('register')",
    opts.guard ? '  @UseGuards(AdminGuard)' : '',
    '  register(@Body() dto: RegisterDto) {',
    '    return this.registerUseCase.execute(dto.email, dto.password, dto.role);',
    '  }',
    '}',
  ].join('\n'),
  'src/auth/admin.guard.ts': [
    "import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';",
    '@Injectable()',
    'export class AdminGuard implements CanActivate {',
    "  canActivate(ctx: ExecutionContext) { return ctx.switchToHttp().getRequest().user?.role === 'ADMIN'; }",
    '}',
  ].join('\n'),
});

const FASTIFY = '{"name":"api","main":"src/server.ts","dependencies":{"fastify":"4","@prisma/client":"5"}}';

const fastify = (isAdmin: string) => ({
  'package.json': FASTIFY,
  'prisma/schema.prisma': PRISMA,
  'src/server.ts': [
    "import Fastify from 'fastify';",
    "import { PrismaClient } from '@prisma/client';",
    'const prisma = new PrismaClient();',
    'const app = Fastify();',
    "app.post('/signup', async (request, reply) => {",
    '  const { email, password, isAdmin } = request.body as any;',
    `  const user = await prisma.user.create({ data: { email, password, isAdmin: ${isAdmin} } });`,
    '  return reply.code(201).send({ id: user.id });',
    '});',
    'app.listen({ port: 3000 });',
  ].join('\n'),
});

const show = (fs: Awaited<ReturnType<typeof runRule>>) => fs.filter((f) => /role|isAdmin/.test(f.message) && /give themself/.test(f.message)).map((f) => `${f.severity} ${f.location?.path}:${f.location?.line}`);

describe('security/mass-assignment, role taken from the request body', () => {
  it('follows a DTO role field passed positionally through a use case into a repository write: critical on sign-up', async () => {
    const findings = await runRule(rule, nest({ role: 'role' }));
    expect(show(findings)).toEqual(['critical src/auth/register.use-case.ts:8']);
    const f = findings.find((x) => x.severity === 'critical')!;
    expect(f.message).toContain('dto.role');
    expect(f.evidence.some((e) => e.kind === 'file' && e.path === 'src/auth/auth.controller.ts')).toBe(true);
  });

  it('reports nothing when the use case stores a constant role', async () => {
    expect(show(await runRule(rule, nest({ role: "'USER'" })))).toEqual([]);
  });

  it('reports nothing on a route behind an admin guard', async () => {
    expect(show(await runRule(rule, nest({ role: 'role', guard: true })))).toEqual([]);
  });

  it('reports isAdmin read from a Fastify body into prisma.user.create on an open route as critical', async () => {
    expect(show(await runRule(rule, fastify('isAdmin')))).toEqual(['critical src/server.ts:7']);
  });

  it('reports nothing when the flag is a constant', async () => {
    expect(show(await runRule(rule, fastify('false')))).toEqual([]);
  });

  const EXPRESS = '{"name":"api","main":"src/app.js","dependencies":{"express":"4","@prisma/client":"5","jsonwebtoken":"9"}}';
  const express = (route: string) => ({
    'package.json': EXPRESS,
    'prisma/schema.prisma': PRISMA,
    'src/users.service.js': [
      "const { PrismaClient } = require('@prisma/client');",
      'const prisma = new PrismaClient();',
      'async function setRole(id, role) {',
      '  return prisma.user.update({ where: { id }, data: { role } });',
      '}',
      'module.exports = { setRole };',
    ].join('\n'),
    'src/app.js': [
      "const express = require('express');",
      "const jwt = require('jsonwebtoken');",
      "const { setRole } = require('./users.service');",
      'const app = express();',
      'function authenticate(req, res, next) { req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET); next(); }',
      route,
      'app.listen(3000);',
    ].join('\n'),
  });

  it('reports a role from the body handed to a service in another file on a signed-in route as high, citing the call', async () => {
    const findings = await runRule(rule, express("app.patch('/me/role', authenticate, async (req, res) => { res.json(await setRole(req.user.id, req.body.role)); });"));
    expect(show(findings)).toEqual(['high src/users.service.js:4']);
    expect(findings[0].evidence.some((e) => e.kind === 'file' && e.path === 'src/app.js' && e.line === 6)).toBe(true);
  });

  it('leaves the rule unknown, not passed, when the function storing a role parameter has no caller the call graph resolves', async () => {
    const files = express("app.get('/ping', (req, res) => res.send('ok'));");
    const run = await auditFiles(files, { rules: [rule] });
    const outcome = run.outcomes.find((o) => o.ruleId === rule.id);
    expect(outcome?.status).toBe('unknown');
    expect(outcome?.reason).toContain('src/users.service.js:4');
  });
});
