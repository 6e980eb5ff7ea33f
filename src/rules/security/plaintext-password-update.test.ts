// A password hashed in a TypeORM listener, stored through a write that runs no listener.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './plaintext-password-update.js';

const PKG = '{"name":"api","main":"src/main.ts","dependencies":{"@nestjs/core":"10","@nestjs/common":"10","@nestjs/typeorm":"10","typeorm":"0.3","bcrypt":"5"}}';

const entity = (hooks: string) => [
  "import { BeforeInsert, BeforeUpdate, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';",
  "import * as bcrypt from 'bcrypt';",
  '@Entity()',
  'export class Member {',
  '  @PrimaryGeneratedColumn() id: number;',
  '  @Column() login: string;',
  '  @Column() password: string;',
  `  ${hooks}`,
  '  async hashIt() { this.password = await bcrypt.hash(this.password, 10); }',
  '}',
].join('\n');

const service = [
  "import { Injectable } from '@nestjs/common';",
  "import { InjectRepository } from '@nestjs/typeorm';",
  "import { Repository } from 'typeorm';",
  "import { Member } from './member.entity';",
  '@Injectable()',
  'export class MembersService {',
  '  constructor(@InjectRepository(Member) private readonly members: Repository<Member>) {}',
  '  async change(id: number, input: object) {',
  '    return this.members.update(id, input);',
  '  }',
  '  async replace(id: number, input: object) {',
  '    const m = await this.members.findOneBy({ id });',
  '    Object.assign(m, input);',
  '    return this.members.save(m);',
  '  }',
  '}',
].join('\n');

const controller = (dto: string, method: string) => [
  "import { Body, Controller, Param, Patch } from '@nestjs/common';",
  "import { MembersService } from './members.service';",
  `import { ${dto} } from './member.dto';`,
  "@Controller('members')",
  'export class MembersController {',
  '  constructor(private readonly membersService: MembersService) {}',
  "  @Patch(':id')",
  `  edit(@Param('id') id: number, @Body() dto: ${dto}) {`,
  `    return this.membersService.${method}(id, dto);`,
  '  }',
  '}',
].join('\n');

const dtos = [
  "import { IsString, IsOptional } from 'class-validator';",
  'export class EditMemberDto { @IsOptional() @IsString() login?: string; @IsOptional() @IsString() password?: string; }',
  'export class RenameMemberDto { @IsString() login: string; }',
].join('\n');

const repo = (hooks: string, dto: string, method: string) => ({
  'package.json': PKG,
  'src/members/member.entity.ts': entity(hooks),
  'src/members/members.service.ts': service,
  'src/members/member.dto.ts': dtos,
  'src/members/members.controller.ts': controller(dto, method),
});

const show = (fs: Awaited<ReturnType<typeof runRule>>) => fs.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line}`);

describe('security/plaintext-password-update', () => {
  it('reports a DTO declaring password written with update(): no listener runs, whatever hashes', async () => {
    const findings = await runRule(rule, repo('@BeforeInsert() @BeforeUpdate()', 'EditMemberDto', 'change'));
    expect(show(findings)).toEqual(['high src/members/members.service.ts:9']);
    expect(findings[0].evidence).toContainEqual(expect.objectContaining({ kind: 'file', path: 'src/members/members.controller.ts', line: 9 }));
    expect(findings[0].evidence).toContainEqual(expect.objectContaining({ kind: 'file', path: 'src/members/member.entity.ts', line: 8 }));
  });

  it('reports an existing entity saved with the password assigned when only @BeforeInsert hashes', async () => {
    expect(show(await runRule(rule, repo('@BeforeInsert()', 'EditMemberDto', 'replace')))).toEqual(['high src/members/members.service.ts:13']);
  });

  it('is silent when @BeforeUpdate hashes an existing entity that is saved, or the DTO declares no password', async () => {
    expect(show(await runRule(rule, repo('@BeforeUpdate()', 'EditMemberDto', 'replace')))).toEqual([]);
    expect(show(await runRule(rule, repo('@BeforeInsert() @BeforeUpdate()', 'RenameMemberDto', 'change')))).toEqual([]);
  });
});

describe('security/plaintext-password-update on mongoose', () => {
  const EXPRESS = '{"name":"shop","main":"src/app.js","dependencies":{"express":"4","mongoose":"8","bcrypt":"5"}}';
  /** A mongoose model whose `pre(event)` middleware hashes the password, for each event given. */
  const model = (events: string[]) => [
    "const mongoose = require('mongoose');",
    "const bcrypt = require('bcrypt');",
    'const accountSchema = new mongoose.Schema({ email: String, password: String });',
    ...events.map((e) => `accountSchema.pre('${e}', async function () { if (this.isModified('password')) this.password = await bcrypt.hash(this.password, 10); });`),
    "module.exports = mongoose.model('Account', accountSchema);",
  ].join('\n');
  const app = [
    "const express = require('express');",
    "const Account = require('./models/account');",
    'const app = express();',
    "app.patch('/accounts/:id', async (req, res) => res.json(await Account.findByIdAndUpdate(req.params.id, req.body)));",
    "app.put('/accounts/:id', async (req, res) => res.json(await Account.updateOne({ _id: req.params.id }, req.body).then(() => Account.updateOne({ email: req.body.email }, req.body))));",
    "app.post('/accounts', async (req, res) => res.json(await Account.create(req.body)));",
    'app.listen(3000);',
  ].join('\n');

  it('reports update queries that skip the pre(\'save\') hashing middleware, once per write location; create() runs it', async () => {
    const findings = await runRule(rule, { 'package.json': EXPRESS, 'src/models/account.js': model(['save']), 'src/app.js': app });
    expect(findings.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['medium src/app.js:4', 'medium src/app.js:5']);
    expect(findings[0].message).toContain("pre('save')");
    expect(findings[0].evidence.some((e) => e.kind === 'note' && e.text.includes("'findOneAndUpdate' middleware"))).toBe(true);
  });

  it('is silent when the update query\'s own middleware hashes too', async () => {
    const findings = await runRule(rule, { 'package.json': EXPRESS, 'src/models/account.js': model(['save', 'findOneAndUpdate', 'updateOne']), 'src/app.js': app });
    expect(findings).toEqual([]);
  });
});

describe('security/plaintext-password-update on Prisma (no hook: the service hashes or nothing does)', () => {
  const PRISMA = '{"name":"api","main":"src/app.ts","dependencies":{"express":"4","@prisma/client":"5","bcrypt":"5"}}';
  const schema = 'model User {\n  id Int @id @default(autoincrement())\n  email String @unique\n  name String?\n  password String\n}\n';
  const service = (update: string) => [
    "import { PrismaClient } from '@prisma/client';",
    "import bcrypt from 'bcrypt';",
    'const prisma = new PrismaClient();',
    'export async function createUser(data: any) {',
    '  return prisma.user.create({ data: { ...data, password: await bcrypt.hash(data.password, 10) } });',
    '}',
    'export async function updateUser(id: number, data: any) {',
    ...update.split('\n'),
    '}',
  ].join('\n');
  const controller = (put = "router.put('/users/:id', async (req, res) => res.json(await users.updateUser(Number(req.params.id), req.body)));") => [
    "import { Router } from 'express';",
    "import bcrypt from 'bcrypt';",
    "import * as users from '../services/user.service';",
    'const router = Router();',
    "router.post('/users', async (req, res) => res.json(await users.createUser(req.body)));",
    ...put.split('\n'),
    'export default router;',
  ].join('\n');
  const app = "import express from 'express';\nimport router from './routes/users';\nconst app = express();\napp.use(express.json());\napp.use(router);\napp.listen(3000);\n";
  const files = (update: string, put?: string) => ({
    'package.json': PRISMA, 'prisma/schema.prisma': schema, 'src/app.ts': app,
    'src/routes/users.ts': controller(put), 'src/services/user.service.ts': service(update),
  });

  it('reports the request body spread into an update of a model storing password, when nothing hashes it on the way', async () => {
    const findings = await runRule(rule, files('  return prisma.user.update({ where: { id }, data: { ...data } });'));
    // The body is untyped: whether the client sends the password was not decided (medium), as for mongoose above.
    expect(show(findings)).toEqual(['medium src/services/user.service.ts:8']);
    expect(findings[0].evidence).toContainEqual(expect.objectContaining({ kind: 'file', path: 'src/routes/users.ts', line: 6 }));
    expect(findings[0].message).toContain('Prisma model User');
  });

  it('is silent when the update hashes the password first, or takes it out of the body', async () => {
    expect(show(await runRule(rule, files('  if (data.password) data.password = await bcrypt.hash(data.password, 10);\n  return prisma.user.update({ where: { id }, data: { ...data } });')))).toEqual([]);
    expect(show(await runRule(rule, files('  const { password, ...rest } = data;\n  return prisma.user.update({ where: { id }, data: rest });')))).toEqual([]);
    expect(show(await runRule(rule, files('  return prisma.user.update({ where: { id }, data: { ...data, password: await bcrypt.hash(data.password, 10) } });')))).toEqual([]);
  });

  it('is silent when the handler hashes the password before it hands the body on', async () => {
    const put = [
      "router.put('/users/:id', async (req, res) => {",
      '  req.body.password = await bcrypt.hash(req.body.password, 10);',
      '  res.json(await users.updateUser(Number(req.params.id), req.body));',
      '});',
    ].join('\n');
    expect(show(await runRule(rule, files('  return prisma.user.update({ where: { id }, data: { ...data } });', put)))).toEqual([]);
  });

  it('follows a helper of another file that hashes the body in place: silent; one that does not hash: reported', async () => {
    const helper = (how: string) => [
      "import bcrypt from 'bcrypt';",
      `export async function preparePassword(input: { password?: string }) { if (input.password) input.password = ${how}; }`,
    ].join('\n');
    const update = "  await preparePassword(data);\n  return prisma.user.update({ where: { id }, data: { ...data } });";
    const withHelper = (how: string) => ({
      ...files(update), 'src/utils/password.ts': helper(how),
      'src/services/user.service.ts': "import { preparePassword } from '../utils/password';\n" + service(update),
    });
    expect(show(await runRule(rule, withHelper('await bcrypt.hash(input.password, 10)')))).toEqual([]);
    expect(show(await runRule(rule, withHelper('input.password.trim()')))).toEqual(['medium src/services/user.service.ts:10']);
  });
});
