// NestJS opt-outs of a global guard (`@Public()`, the SetMetadata pattern a global guard reads): on a
// method it is that route's decision; on the whole controller it opens every route of it, those that
// change data included, and each of those is reported with the decorator as evidence.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { RouteInventory } from '../../model/routes.js';
import rule from './route-without-auth.js';

const files = (globalGuard: boolean): Record<string, string> => ({
  'package.json': '{"name":"svc","dependencies":{"@nestjs/common":"10","@nestjs/core":"10","@nestjs/passport":"10","typeorm":"0.3"}}',
  'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n",
  'src/app.module.ts': [
    "import { Module } from '@nestjs/common';",
    "import { APP_GUARD } from '@nestjs/core';",
    "import { SessionGuard } from './auth/session.guard';",
    "import { NotesController } from './notes.controller';",
    "import { TagsController } from './tags.controller';",
    `@Module({ controllers: [NotesController, TagsController], providers: [${globalGuard ? '{ provide: APP_GUARD, useClass: SessionGuard }' : ''}] })`,
    'export class AppModule {}',
  ].join('\n'),
  'src/auth/public.ts': "import { SetMetadata } from '@nestjs/common';\nexport const OPEN = 'open';\nexport const Public = () => SetMetadata(OPEN, true);\n",
  'src/auth/session.guard.ts': [
    "import { Injectable } from '@nestjs/common';",
    "import { AuthGuard } from '@nestjs/passport';",
    "@Injectable() export class SessionGuard extends AuthGuard('jwt') {}",
  ].join('\n'),
  'src/notes.controller.ts': [
    "import { Body, Controller, Delete, Param, Post } from '@nestjs/common';",
    "import { Repository } from 'typeorm';",
    "import { Public } from './auth/public';",
    '',
    '@Public()',
    "@Controller('notes')",
    'export class NotesController {',
    '  constructor(private readonly notes: Repository<Note>) {}',
    '  @Post()',
    '  create(@Body() body: NoteInput) { return this.notes.save(body); }',
    "  @Delete(':id')",
    "  remove(@Param('id') id: string) { return this.notes.delete(id); }",
    '}',
  ].join('\n'),
  'src/tags.controller.ts': [
    "import { Body, Controller, Post } from '@nestjs/common';",
    "import { Repository } from 'typeorm';",
    "import { Public } from './auth/public';",
    "@Controller('tags')",
    'export class TagsController {',
    '  constructor(private readonly tags: Repository<Tag>) {}',
    '  @Public()',
    "  @Post('suggest')",
    '  suggest(@Body() body: TagInput) { return this.tags.save(body); }',
    '  @Post()',
    '  create(@Body() body: TagInput) { return this.tags.save(body); }',
    '}',
  ].join('\n'),
});

const audited = async (globalGuard: boolean) => {
  const run = await auditFiles(files(globalGuard), { rules: [rule] });
  const inv = RouteInventory.parse(run.inventory.routes);
  const findings = run.findings.filter((f) => f.ruleId === rule.id);
  return {
    lines: inv.routes.map((r) => `${r.method} ${r.path} ${r.auth ?? '-'}`),
    at: findings.map((f) => `${f.location?.path}:${f.location?.line}`),
    findings,
  };
};

describe('NestJS @Public() on a controller class and on a method', () => {
  it('with a global guard: the class opt-out opens every route of the controller, the method opt-out only its own', async () => {
    const r = await audited(true);
    expect(r.lines).toEqual(['POST /notes -', 'DELETE /notes/:id -', 'POST /tags/suggest -', 'POST /tags SessionGuard']);
    // The controller-wide opt-out is reported on each route that changes data; the method's own is on purpose.
    // Each route at its verb decorator (`@Post()`), the line a reviewer cites.
    expect(r.at).toEqual(['src/notes.controller.ts:9', 'src/notes.controller.ts:11']);
    expect(r.findings[0].severity).toBe('high');
    expect(r.findings[0].message).toContain('@Public() on its controller (line 5) lets every caller through the global guard SessionGuard');
    expect(r.findings[0].evidence).toContainEqual({ kind: 'file', path: 'src/notes.controller.ts', line: 5, snippet: '@Public() on the controller' });
  });

  it('with no global guard the routes are open anyway: the controller-wide opt-out changes nothing, and the plain route is reported too', async () => {
    const r = await audited(false);
    expect(r.lines).toEqual(['POST /notes -', 'DELETE /notes/:id -', 'POST /tags/suggest -', 'POST /tags -']);
    expect(r.at).toEqual(['src/notes.controller.ts:9', 'src/notes.controller.ts:11', 'src/tags.controller.ts:10']);
    expect(r.findings[0].message).toContain('@Public() on its controller (line 5), and no global guard applies');
  });
});
