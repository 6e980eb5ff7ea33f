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
