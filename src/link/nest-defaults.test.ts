// A NestJS roles guard judged by what its `canActivate` does when the route carries none of the metadata it
// reads: `if (!roles) return true` checks only the routes with `@Roles(...)` (the decorator's SetMetadata key
// resolved, whatever it is called); a guard that refuses when the metadata is absent checks every route.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../test/helpers/repo.js';
import ownership from '../rules/security/ownership-unchecked.js';
import roles from '../rules/security/role-not-enforced.js';
import withoutAuth from '../rules/security/route-without-auth.js';

type Absent = 'open' | 'closed' | 'open-return';

const absentLine: Record<Absent, string> = {
  open: '    if (!required?.length) return true;',
  closed: '    if (!required) throw new ForbiddenException();',
  'open-return': '    if (required === undefined) { return true; }',
};

const guard = (absent: Absent): string => [
  "import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';",
  "import { Reflector } from '@nestjs/core';",
  "import { ACCESS } from './access.decorator';",
  '@Injectable()',
  'export class AccessGuard implements CanActivate {',
  '  constructor(private readonly reflector: Reflector) {}',
  '  canActivate(context: ExecutionContext): boolean {',
  '    const required = this.reflector.getAllAndOverride<string[]>(ACCESS, [context.getHandler(), context.getClass()]);',
  absentLine[absent],
  '    const { user } = context.switchToHttp().getRequest();',
  '    if (!required.includes(user?.role)) throw new ForbiddenException();',
  '    return true;',
  '  }',
  '}',
].join('\n');

interface Tree { absent: Absent; global: boolean; jwt: boolean; decorated: 'method' | 'class' | 'none' }

function files(t: Tree): Record<string, string> {
  const controllerGuards = [...(t.jwt ? ['JwtAuthGuard'] : []), ...(t.global ? [] : ['AccessGuard'])];
  return {
    'package.json': '{"name":"svc","private":true,"dependencies":{"@nestjs/common":"10","@nestjs/core":"10","@nestjs/passport":"10","typeorm":"0.3"}}',
    'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n",
    'src/app.module.ts': [
      "import { Module } from '@nestjs/common';",
      "import { APP_GUARD } from '@nestjs/core';",
      "import { AccessGuard } from './auth/access.guard';",
      "import { UsersController } from './users.controller';",
      `@Module({ controllers: [UsersController], providers: [${t.global ? '{ provide: APP_GUARD, useClass: AccessGuard }' : ''}] })`,
      'export class AppModule {}',
    ].join('\n'),
    // Named for nothing a word list knows: the key it sets is what ties it to the guard.
    'src/auth/access.decorator.ts': "import { SetMetadata } from '@nestjs/common';\nexport const ACCESS = 'needs';\nexport const Needs = (...roles: string[]) => SetMetadata(ACCESS, roles);\n",
    'src/auth/access.guard.ts': guard(t.absent),
    'src/auth/jwt.guard.ts': "import { Injectable } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n@Injectable() export class JwtAuthGuard extends AuthGuard('jwt') {}\n",
    'src/users.controller.ts': [
      "import { Body, Controller, Delete, Param, Post, UseGuards } from '@nestjs/common';",
      "import { Repository } from 'typeorm';",
      "import { Needs } from './auth/access.decorator';",
      "import { AccessGuard } from './auth/access.guard';",
      "import { JwtAuthGuard } from './auth/jwt.guard';",
      "@Controller('users')",
      controllerGuards.length > 0 ? `@UseGuards(${controllerGuards.join(', ')})` : '',
      t.decorated === 'class' ? "@Needs('admin')" : '',
      'export class UsersController {',
      '  constructor(private readonly repo: Repository<object>) {}',
      t.decorated === 'method' ? "  @Needs('admin')" : '',
      "  @Delete(':id')",
      "  remove(@Param('id') id: string) { return this.repo.delete({ id }); }",
      "  @Post('invite')",
      '  invite(@Body() body: any) { return this.repo.save(body); }',
      '}',
    ].join('\n'),
  };
}

const run = async (t: Tree, prefix = 'users') => {
  const tree = files(t);
  tree['src/users.controller.ts'] = tree['src/users.controller.ts'].replace("@Controller('users')", `@Controller('${prefix}')`);
  const r = await auditFiles(tree, { rules: [withoutAuth, ownership, roles] });
  return r.findings.filter((f) => [withoutAuth.id, ownership.id, roles.id].includes(f.ruleId))
    .map((f) => `${f.ruleId.slice(9)} ${f.severity} ${f.location?.path}:${f.location?.line}`).sort();
};

describe('NestJS guards by what they do without their metadata (link/nest-defaults)', () => {
  it('a global guard that lets routes without its metadata through leaves those routes without auth; the decorated one is guarded', async () => {
    expect(await run({ absent: 'open', global: true, jwt: false, decorated: 'method' })).toEqual(['route-without-auth high src/users.controller.ts:14']);
    expect(await run({ absent: 'open-return', global: true, jwt: false, decorated: 'method' })).toEqual(['route-without-auth high src/users.controller.ts:14']);
    expect(await run({ absent: 'open', global: true, jwt: false, decorated: 'none' })).toEqual([
      'route-without-auth high src/users.controller.ts:12', 'route-without-auth high src/users.controller.ts:14',
    ]);
  });

  it('the same guard closed by default (it refuses when the metadata is absent) guards every route', async () => {
    expect(await run({ absent: 'closed', global: true, jwt: false, decorated: 'method' })).toEqual([]);
    expect(await run({ absent: 'closed', global: true, jwt: false, decorated: 'none' })).toEqual([]);
  });

  it('the decorator on the controller carries the metadata to every route of it', async () => {
    expect(await run({ absent: 'open', global: true, jwt: false, decorated: 'class' })).toEqual([]);
  });

  it('behind an authentication guard, a route the roles guard lets through is open to any signed-in caller (a delete of anyone\'s record)', async () => {
    expect(await run({ absent: 'open', global: false, jwt: true, decorated: 'none' })).toEqual(['ownership-unchecked high src/users.controller.ts:12']);
    expect(await run({ absent: 'open', global: false, jwt: true, decorated: 'method' })).toEqual([]);
    expect(await run({ absent: 'closed', global: false, jwt: true, decorated: 'none' })).toEqual([]);
  });

  it('under an admin path, a route the roles guard lets through checks no role; one it checks by its metadata does', async () => {
    const open = await run({ absent: 'open', global: false, jwt: true, decorated: 'none' }, 'admin/users');
    expect(open.filter((f) => f.startsWith('role'))).toEqual(['role-not-enforced medium src/users.controller.ts:12', 'role-not-enforced medium src/users.controller.ts:14']);
    expect(await run({ absent: 'open', global: false, jwt: true, decorated: 'class' }, 'admin/users')).toEqual([]);
    expect(await run({ absent: 'closed', global: false, jwt: true, decorated: 'none' }, 'admin/users')).toEqual([]);
  });
});
