// Signed-in routes that change a record named in their path: followed from the controller into the
// service its constructor is given (the receiver's declared type), where the write happens.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './ownership-unchecked.js';

/** A NestJS app: a guarded controller whose handlers are `handlers`, and a service writing through a TypeORM repository. */
function nestApp(handlers: string[], service: string[]): Record<string, string> {
  return {
    'package.json': '{"name":"notes","scripts":{"start":"nest start"},"dependencies":{"@nestjs/common":"10","@nestjs/core":"10","@nestjs/passport":"10","typeorm":"0.3"}}',
    'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n",
    'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { NotesController } from './notes.controller';\nimport { NotesService } from './notes.service';\n@Module({ controllers: [NotesController], providers: [NotesService] })\nexport class AppModule {}\n",
    'src/user.decorator.ts': "import { createParamDecorator } from '@nestjs/common';\nexport const CurrentUser = createParamDecorator((data, ctx) => ctx.switchToHttp().getRequest().user);\n",
    'src/notes.controller.ts': [
      "import { Body, Controller, Delete, Param, Put, UseGuards } from '@nestjs/common';",
      "import { AuthGuard } from '@nestjs/passport';",
      "import { NotesService } from './notes.service';",
      "import { CurrentUser } from './user.decorator';",
      "@Controller('notes')",
      "@UseGuards(AuthGuard('jwt'))",
      'export class NotesController {',
      '  constructor(private readonly notes: NotesService) {}',
      ...handlers,
      '}',
    ].join('\n'),
    'src/notes.service.ts': [
      "import { Injectable } from '@nestjs/common';",
      "import { Repository } from 'typeorm';",
      'export class Note { id: string; ownerId: string; text: string }',
      '@Injectable()',
      'export class NotesService {',
      '  constructor(private readonly repo: Repository<Note>) {}',
      ...service,
      '}',
    ].join('\n'),
  };
}

describe('security/ownership-unchecked', () => {
  it('reports a guarded PUT whose service updates the record named in the path without reading the caller, at the route', async () => {
    const findings = await runRule(rule, nestApp(
      ["  @Put(':id')", "  update(@Param('id') id: string, @Body() body: any) { return this.notes.update(id, body.text); }"],
      ['  async update(id: string, text: string) { const note = await this.repo.findOne({ where: { id } }); note.text = text; return this.repo.save(note); }'],
    ));
    expect(findings.map((f) => `${f.messageId} ${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['unchecked high src/notes.controller.ts:9']);
    expect(findings[0].evidence).toContainEqual({ kind: 'file', path: 'src/notes.service.ts', line: 7, snippet: 'typeorm#Repository#save(...)' });
  });

  it('follows ids a DTO of the body lists to a delete of every record they name (`In(ids)`), and is silent when the caller is in the filter', async () => {
    const bulk = (filter: string) => {
      const files = nestApp(
        ["  @Delete()", '  removeMany(@Body() dto: { ids: string[] }, @CurrentUser() user: any) { return this.notes.removeMany(dto.ids, user.id); }'],
        [`  removeMany(ids: string[], ownerId: string) { return this.repo.delete(${filter}); }`],
      );
      return { ...files, 'src/notes.service.ts': files['src/notes.service.ts'].replace("import { Repository } from 'typeorm';", "import { In, Repository } from 'typeorm';") };
    };
    const open = await runRule(rule, bulk('{ id: In(ids) }'));
    // Medium: the fixture's Note is a plain class, no entity whose owner field is read.
    expect(open.map((f) => `${f.messageId} ${f.severity}`)).toEqual(['foreignId medium']);
    expect(open[0].message).toContain('@Body() dto');
    expect(await runRule(rule, bulk('{ id: In(ids), ownerId }'))).toEqual([]);
  });

  it('is silent when the caller is read on the way (a user decorator handed to the service), or the route changes nothing stored', async () => {
    const owned = await runRule(rule, nestApp(
      ["  @Delete(':id')", "  remove(@Param('id') id: string, @CurrentUser() user: any) { return this.notes.remove(id, user.id); }"],
      ['  remove(id: string, ownerId: string) { return this.repo.delete({ id, ownerId }); }'],
    ));
    expect(owned).toEqual([]);
    const inMemory = await runRule(rule, nestApp(
      ["  @Delete(':id')", "  remove(@Param('id') id: string) { return this.notes.forget(id); }"],
      ['  private cache = new Map<string, Note>();', '  forget(id: string) { return this.cache.delete(id); }'],
    ));
    expect(inMemory).toEqual([]);
  });

  it('reads the framework\'s own parameter decorators for what they are: the response or the IP is not the caller, the session is', async () => {
    const withImports = (files: Record<string, string>): Record<string, string> => ({
      ...files, 'src/notes.controller.ts': files['src/notes.controller.ts'].replace('Body, Controller, Delete, Param, Put, UseGuards', 'Body, Controller, Delete, Ip, Param, Put, Res, Session, UseGuards'),
    });
    const service = ['  remove(id: string, ownerId?: string) { return this.repo.delete(ownerId ? { id, ownerId } : { id }); }'];
    const response = await runRule(rule, withImports(nestApp(
      ["  @Delete(':id')", "  async remove(@Param('id') id: string, @Res() res: any, @Ip() ip: string) { await this.notes.remove(id); res.status(204).send(ip); }"], service,
    )));
    expect(response.map((f) => `${f.messageId} ${f.location?.line}`)).toEqual(['unchecked 9']);
    const session = await runRule(rule, withImports(nestApp(
      ["  @Delete(':id')", "  remove(@Param('id') id: string, @Session() session: any) { return this.notes.remove(id, session.userId); }"], service,
    )));
    expect(session).toEqual([]);
  });

  it('follows the receiver\'s type, not the method\'s name: another service\'s same-named write is not this route\'s', async () => {
    // The service reads the caller from the request-scoped request it is given, not from the handler.
    const files = nestApp(
      ["  @Delete(':id')", "  remove(@Param('id') id: string) { return this.notes.remove(id); }"],
      ['  private request: { user: { id: string } };', '  remove(id: string) { return this.repo.delete({ id, ownerId: this.request.user.id }); }'],
    );
    // An unrelated provider whose `remove` writes with no caller: a call resolved by name would reach it.
    files['src/archive.service.ts'] = "import { Injectable } from '@nestjs/common';\nimport { Repository } from 'typeorm';\n@Injectable()\nexport class ArchiveService {\n  constructor(private readonly repo: Repository<object>) {}\n  remove(id: string) { return this.repo.delete({ id }); }\n}\n";
    expect(await runRule(rule, files)).toEqual([]);
  });

  it('reports a signed-in tRPC mutation that deletes by the input alone, at the procedure; one that reads the session, a create, or a public one is not', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"api","main":"src/index.ts","dependencies":{"@trpc/server":"11","drizzle-orm":"0.44"}}',
      'src/index.ts': "import { appRouter } from './router';\nexport const api = { router: appRouter };\n",
      'src/trpc.ts': [
        "import { initTRPC, TRPCError } from '@trpc/server';",
        'const t = initTRPC.context<{ session: { user: { id: string } } | null; db: any }>().create();',
        'export const publicProcedure = t.procedure;',
        'export const protectedProcedure = t.procedure.use(({ ctx, next }) => {',
        "  if (!ctx.session?.user) throw new TRPCError({ code: 'UNAUTHORIZED' });",
        '  return next({ ctx });',
        '});',
      ].join('\n'),
      'src/router.ts': [
        "import { and, eq } from 'drizzle-orm';",
        "import { notes } from './schema';",
        "import { protectedProcedure, publicProcedure } from './trpc';",
        'export const appRouter = {',
        '  remove: protectedProcedure.input((v: unknown) => String(v)).mutation(({ ctx, input }) => ctx.db.delete(notes).where(eq(notes.id, input))),',
        '  rename: protectedProcedure',
        '    .input((v: unknown) => v as { id: string; text: string })',
        '    .mutation(({ ctx, input }) => ctx.db.update(notes).set({ text: input.text }).where(and(eq(notes.id, input.id), eq(notes.ownerId, ctx.session.user.id)))),',
        '  add: protectedProcedure.input((v: unknown) => String(v)).mutation(({ ctx, input }) => ctx.db.insert(notes).values({ text: input })),',
        '  wipe: publicProcedure.mutation(({ ctx }) => ctx.db.delete(notes)),',
        '} satisfies Record<string, unknown>;',
      ].join('\n'),
      'src/schema.ts': "export const notes = { id: 'id', ownerId: 'owner_id', text: 'text' };\n",
    });
    expect(findings.map((f) => `${f.messageId} ${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['procedure medium src/router.ts:5']);
    expect(findings[0].message).toContain('appRouter.remove');
  });

  it('follows an Express route into a handler imported from a controller module', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","main":"src/app.ts","dependencies":{"express":"4","passport":"0.7","@prisma/client":"5"}}',
      'src/app.ts': [
        "import express from 'express';",
        "import passport from 'passport';",
        "import { router } from './routes';",
        'const app = express();',
        "app.use(passport.authenticate('jwt', { session: false }));",
        "app.use('/api', router);",
        'app.listen(3000);',
      ].join('\n'),
      'src/routes.ts': [
        "import { Router } from 'express';",
        "import * as notes from './notes.controller';",
        'export const router = Router();',
        "router.put('/notes/:id', notes.update);",
        "router.delete('/notes/:id', notes.remove);",
      ].join('\n'),
      'src/notes.controller.ts': [
        "import { PrismaClient } from '@prisma/client';",
        'const prisma = new PrismaClient();',
        'export async function update(req: any, res: any) { res.json(await prisma.note.update({ where: { id: req.params.id }, data: req.body })); }',
        'export async function remove(req: any, res: any) { res.json(await prisma.note.delete({ where: { id: req.params.id, ownerId: req.user.id } })); }',
      ].join('\n'),
    });
    expect(findings.map((f) => `${f.messageId} ${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['unchecked high src/routes.ts:4']);
  });
});
