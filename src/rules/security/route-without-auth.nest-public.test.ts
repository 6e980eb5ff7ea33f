// NestJS opt-outs of a guard (`@Public()`, the SetMetadata pattern a guard reads), resolved: the
// decorator is followed to its definition (`SetMetadata(KEY, true)`) and the guard's `canActivate` to
// the key it reads and returns true for. On a method it is that route's decision; on the whole
// controller it opens every route of it, those that change data included, and each of those is
// reported with the decorator as evidence. What the decorator is called decides nothing.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { RouteInventory } from '../../model/routes.js';
import rule from './route-without-auth.js';

/** The guard's `canActivate`: reads the key for the method and the class, for the method only, or not at all. */
type Reads = 'both' | 'handler' | 'none';

const guardFile = (reads: Reads): string => reads === 'none'
  ? "import { Injectable } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n@Injectable() export class SessionGuard extends AuthGuard('jwt') {}\n"
  : [
    "import { ExecutionContext, Injectable } from '@nestjs/common';",
    "import { Reflector } from '@nestjs/core';",
    "import { AuthGuard } from '@nestjs/passport';",
    "import { OPEN } from './public';",
    "@Injectable() export class SessionGuard extends AuthGuard('jwt') {",
    '  constructor(private readonly reflector: Reflector) { super(); }',
    '  canActivate(context: ExecutionContext) {',
    reads === 'both'
      ? '    const open = this.reflector.getAllAndOverride<boolean>(OPEN, [context.getHandler(), context.getClass()]);'
      : '    const open = this.reflector.get<boolean>(OPEN, context.getHandler());',
    '    if (open) { return true; }',
    '    return super.canActivate(context);',
    '  }',
    '}',
  ].join('\n');

const files = (globalGuard: boolean, reads: Reads = 'both', decorator = 'Public'): Record<string, string> => ({
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
  'src/auth/public.ts': `import { SetMetadata } from '@nestjs/common';\nexport const OPEN = 'open';\nexport const ${decorator} = () => SetMetadata(OPEN, true);\n`,
  'src/auth/session.guard.ts': guardFile(reads),
  'src/notes.controller.ts': [
    "import { Body, Controller, Delete, Param, Post } from '@nestjs/common';",
    "import { Repository } from 'typeorm';",
    `import { ${decorator} } from './auth/public';`,
    '',
    `@${decorator}()`,
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
    `import { ${decorator} } from './auth/public';`,
    "@Controller('tags')",
    'export class TagsController {',
    '  constructor(private readonly tags: Repository<Tag>) {}',
    `  @${decorator}()`,
    "  @Post('suggest')",
    '  suggest(@Body() body: TagInput) { return this.tags.save(body); }',
    '  @Post()',
    '  create(@Body() body: TagInput) { return this.tags.save(body); }',
    '}',
  ].join('\n'),
});

const audited = async (globalGuard: boolean, reads: Reads = 'both', decorator = 'Public', edit: (f: Record<string, string>) => void = () => {}) => {
  const tree = files(globalGuard, reads, decorator);
  edit(tree);
  const run = await auditFiles(tree, { rules: [rule] });
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
    expect(r.findings[0].message).toContain('@Public() on its controller (line 5) lets every caller through the guard SessionGuard');
    expect(r.findings[0].evidence).toContainEqual({ kind: 'file', path: 'src/notes.controller.ts', line: 5, snippet: '@Public() on the controller' });
  });

  it('with no global guard the routes are open anyway: the controller-wide opt-out changes nothing, and the plain route is reported too', async () => {
    const r = await audited(false);
    expect(r.lines).toEqual(['POST /notes -', 'DELETE /notes/:id -', 'POST /tags/suggest -', 'POST /tags -']);
    expect(r.at).toEqual(['src/notes.controller.ts:9', 'src/notes.controller.ts:11', 'src/tags.controller.ts:10']);
    expect(r.findings[0].message).toContain('@Public() on its controller (line 5), and no guard applies');
  });

  it('a decorator called Public that the guard never reads opens nothing: every route stays behind the guard', async () => {
    const r = await audited(true, 'none');
    expect(r.lines).toEqual(['POST /notes SessionGuard', 'DELETE /notes/:id SessionGuard', 'POST /tags/suggest SessionGuard', 'POST /tags SessionGuard']);
    expect(r.at).toEqual([]);
  });

  it('a decorator with another name (none a list knows) that the guard reads opens the routes as @Public() does', async () => {
    const r = await audited(true, 'both', 'OpenDoor');
    expect(r.lines).toEqual(['POST /notes -', 'DELETE /notes/:id -', 'POST /tags/suggest -', 'POST /tags SessionGuard']);
    expect(r.at).toEqual(['src/notes.controller.ts:9', 'src/notes.controller.ts:11']);
    expect(r.findings[0].message).toContain('@OpenDoor() on its controller (line 5) lets every caller through the guard SessionGuard');
  });

  it('a guard that reads the key for the method only (`reflector.get(KEY, context.getHandler())`): the controller-wide decorator opens nothing', async () => {
    const r = await audited(true, 'handler');
    expect(r.lines).toEqual(['POST /notes SessionGuard', 'DELETE /notes/:id SessionGuard', 'POST /tags/suggest -', 'POST /tags SessionGuard']);
    expect(r.at).toEqual([]);
  });

  it('follows the key by its value and the guard through the class it extends: applyDecorators, a string key, `return open || ...`', async () => {
    const r = await audited(true, 'both', 'Public', (tree) => {
      tree['src/auth/public.ts'] = [
        "import { applyDecorators, SetMetadata } from '@nestjs/common';",
        "import { ApiSecurity } from '@nestjs/swagger';",
        'export function Public() {',
        "  return applyDecorators(ApiSecurity('none'), SetMetadata('open', true));",
        '}',
      ].join('\n');
      tree['src/auth/base.guard.ts'] = [
        "import { ExecutionContext, Injectable } from '@nestjs/common';",
        "import { Reflector } from '@nestjs/core';",
        "import { AuthGuard } from '@nestjs/passport';",
        "@Injectable() export class BaseGuard extends AuthGuard('jwt') {",
        '  constructor(private readonly reflector: Reflector) { super(); }',
        '  canActivate(context: ExecutionContext) {',
        "    const open = this.reflector.getAllAndOverride<boolean>('open', [context.getHandler(), context.getClass()]);",
        '    return open || super.canActivate(context);',
        '  }',
        '}',
      ].join('\n');
      tree['src/auth/session.guard.ts'] = "import { Injectable } from '@nestjs/common';\nimport { BaseGuard } from './base.guard';\n@Injectable() export class SessionGuard extends BaseGuard {}\n";
    });
    expect(r.lines).toEqual(['POST /notes -', 'DELETE /notes/:id -', 'POST /tags/suggest -', 'POST /tags SessionGuard']);
    expect(r.at).toEqual(['src/notes.controller.ts:9', 'src/notes.controller.ts:11']);
  });

  it('a decorator that sets its key to a value other than true (`SetMetadata(OPEN, roles)`) is no opt-out', async () => {
    const r = await audited(true, 'both', 'Public', (tree) => {
      tree['src/auth/public.ts'] = "import { SetMetadata } from '@nestjs/common';\nexport const OPEN = 'open';\nexport const Public = (...roles: string[]) => SetMetadata(OPEN, roles);\n";
    });
    expect(r.lines).toEqual(['POST /notes SessionGuard', 'DELETE /notes/:id SessionGuard', 'POST /tags/suggest SessionGuard', 'POST /tags SessionGuard']);
    expect(r.at).toEqual([]);
  });
  it('a guard verdict cannot read: a decorator whose definition it read opens it only by a key some guard of the repo skips for, never by its name', async () => {
    const noGuard = (tree: Record<string, string>) => { delete tree['src/auth/session.guard.ts']; };
    const read = await audited(true, 'both', 'Public', noGuard);
    expect(read.lines).toEqual(['POST /notes SessionGuard', 'DELETE /notes/:id SessionGuard', 'POST /tags/suggest SessionGuard', 'POST /tags SessionGuard']);
    // Another guard class of the repo lets the request through for that key: the key is an opt-out.
    const skipped = await audited(true, 'both', 'OpenDoor', (tree) => {
      noGuard(tree);
      tree['src/auth/other.guard.ts'] = guardFile('both').replace('class SessionGuard', 'class OtherGuard');
    });
    expect(skipped.lines).toEqual(['POST /notes -', 'DELETE /notes/:id -', 'POST /tags/suggest -', 'POST /tags SessionGuard']);
    // Neither the guard nor the decorator read: the name is the only evidence left (low confidence).
    const unread = await audited(true, 'both', 'Public', (tree) => { noGuard(tree); delete tree['src/auth/public.ts']; });
    expect(unread.lines).toEqual(['POST /notes -', 'DELETE /notes/:id -', 'POST /tags/suggest -', 'POST /tags SessionGuard']);
  });
});
