// Two sources of a record's key beyond an id in the path: a bearer code (an invite or share code, a
// column whose value is random: no owned id, whoever holds it is meant to reach the record) and ids the
// request body lists (`ids: [...]`, selected with `{ id: { in: ids } }`). Tested both ways.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './ownership-unchecked.js';

function schema(code: string): string {
  return [
    'model User {',
    '  id String @id @default(cuid())',
    '  teams Team[]',
    '}',
    'model Team {',
    '  id String @id @default(cuid())',
    `  ${code}`,
    '  ownerId String',
    '  owner User @relation(fields: [ownerId], references: [id])',
    '  name String',
    '}',
    'model Note {',
    '  id String @id @default(cuid())',
    '  ownerId String',
    '  text String',
    '}',
    '',
  ].join('\n');
}

function app(handler: string[], o: { code?: string; extra?: Record<string, string> } = {}): Record<string, string> {
  return {
    'package.json': '{"name":"teams","main":"src/app.ts","dependencies":{"express":"4","passport":"0.7","@prisma/client":"5"}}',
    'prisma/schema.prisma': schema(o.code ?? 'inviteCode String @unique @default(cuid())'),
    'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
    'src/app.ts': [
      "import express from 'express';",
      "import passport from 'passport';",
      "import { prisma } from './db';",
      'const app = express();',
      "app.use(passport.authenticate('jwt', { session: false }));",
      ...handler,
      'app.listen(3000);',
    ].join('\n'),
    ...(o.extra ?? {}),
  };
}

const joining = [
  "app.get('/teams/join/:code', async (req: any, res: any) => {",
  '  const team = await prisma.team.findUnique({ where: { inviteCode: req.params.code } });',
  '  res.json(team);',
  '});',
];

describe('security/ownership-unchecked: bearer codes and ids in the body', () => {
  it('is silent on a lookup by a unique column the schema fills with a random default (an invite code)', async () => {
    expect(await runRule(rule, app(joining))).toEqual([]);
  });

  it('reports the same lookup when the column is an ordinary one (not unique, or no random default)', async () => {
    const plain = await runRule(rule, app(joining, { code: 'inviteCode String' }));
    expect(plain.map((f) => `${f.messageId} ${f.location?.path}:${f.location?.line}`)).toEqual(['foreignId src/app.ts:6']);
    const counter = await runRule(rule, app(joining, { code: 'inviteCode Int @unique @default(autoincrement())' }));
    expect(counter.map((f) => f.messageId)).toEqual(['foreignId']);
  });

  it('is silent when a write of the repository fills the column with a random generator', async () => {
    const creating = [
      ...joining,
      "app.post('/teams', async (req: any, res: any) => {",
      "  res.json(await prisma.team.create({ data: { name: req.body.name, ownerId: req.user.id, inviteCode: randomBytes(16).toString('hex') } }));",
      '});',
    ];
    expect(await runRule(rule, withImport(app(creating, { code: 'inviteCode String @unique' })))).toEqual([]);
    // The same write with a value the caller chose: no bearer code.
    const chosen = creating.map((l) => l.replace("randomBytes(16).toString('hex')", 'req.body.code'));
    expect((await runRule(rule, withImport(app(chosen, { code: 'inviteCode String @unique' })))).map((f) => f.messageId)).toEqual(['foreignId']);
  });

  it('is silent on a record changed by the id of the one the bearer code selected', async () => {
    const findings = await runRule(rule, app([
      "app.post('/teams/join/:code', async (req: any, res: any) => {",
      '  const team = await prisma.team.findUnique({ where: { inviteCode: req.params.code } });',
      '  await prisma.team.update({ where: { id: team.id }, data: { name: team.name } });',
      '  res.json(team);',
      '});',
    ]));
    expect(findings).toEqual([]);
  });

  it('reports ids the body lists in a mongoose filter (`$in`) of a model with an owner', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"notes","main":"src/app.js","dependencies":{"express":"4","passport":"0.7","mongoose":"8"}}',
      'src/note.model.js': "import mongoose from 'mongoose';\nconst schema = new mongoose.Schema({ owner: { type: mongoose.Schema.Types.ObjectId, ref: 'User' }, text: String });\nexport default mongoose.model('Note', schema);\n",
      'src/app.js': [
        "import express from 'express';",
        "import passport from 'passport';",
        "import Note from './note.model';",
        'const app = express();',
        "app.use(passport.authenticate('jwt', { session: false }));",
        "app.post('/notes/archive', async (req, res) => {",
        "  await Note.updateMany({ _id: { $in: req.body.ids } }, { $set: { archived: true } });",
        '  res.end();',
        '});',
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(findings.map((f) => `${f.messageId} ${f.location?.line}`)).toEqual(['foreignId 6']);
  });

  it('reports a lookup by the id, even though the id is random (ids are listed, not secret)', async () => {
    const findings = await runRule(rule, app([
      "app.get('/teams/:id', async (req: any, res: any) => {",
      '  res.json(await prisma.team.findUnique({ where: { id: req.params.id } }));',
      '});',
    ]));
    expect(findings.map((f) => f.messageId)).toEqual(['foreignId']);
  });

  it('reports ids the body lists deleted with `in` and not tied to the caller', async () => {
    const findings = await runRule(rule, app([
      "app.post('/notes/delete', async (req: any, res: any) => {",
      '  const { ids } = req.body;',
      '  await prisma.note.deleteMany({ where: { id: { in: ids } } });',
      '  res.end();',
      '});',
    ]));
    expect(findings.map((f) => `${f.messageId} ${f.severity}`)).toEqual(['foreignId high']);
    expect(findings[0].message).toContain('req.body');
  });

  it('is silent when the body\'s ids are constrained by the caller', async () => {
    const findings = await runRule(rule, app([
      "app.post('/notes/delete', async (req: any, res: any) => {",
      '  await prisma.note.deleteMany({ where: { id: { in: req.body.ids }, ownerId: req.user.id } });',
      '  res.end();',
      '});',
    ]));
    expect(findings).toEqual([]);
  });
});

function withImport(files: Record<string, string>): Record<string, string> {
  return { ...files, 'src/app.ts': `import { randomBytes } from 'crypto';\n${files['src/app.ts']}` };
}
