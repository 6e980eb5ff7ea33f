// Decorator routers: a routing-controllers route whose parameter is `@CurrentUser({ required: true })` is
// refused (401) when the app's currentUserChecker finds no user, a guard like `@Authorized()`; one
// without `required` is not. A NestJS read with no guard at any level is reported, one under a
// controller's guard is not. Tested both ways.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './route-without-auth.js';

const pkg = (deps: string) => ({ 'package.json': `{"name":"svc","main":"src/app.ts","dependencies":{${deps}}}` });
const found = async (files: Record<string, string>) => (await runRule(rule, files)).map((f) => `${f.severity} ${f.location?.path}:${f.location?.line}`);

function rc(param: string): Record<string, string> {
  return {
    ...pkg('"express":"4","routing-controllers":"0.10","typeorm":"0.3"'),
    'src/app.ts': [
      "import express from 'express';",
      "import { useExpressServer } from 'routing-controllers';",
      "import { UserController } from './UserController';",
      'const app = express();',
      'useExpressServer(app, { controllers: [UserController], currentUserChecker: async (action) => action.request.user });',
      'app.listen(3000);',
    ].join('\n'),
    'src/UserController.ts': [
      "import { Body, CurrentUser, JsonController, Post } from 'routing-controllers';",
      "@JsonController('/notes')",
      'export class UserController {',
      `  @Post('/') public create(${param}, @Body() body: any) { return this.repo.save(body); }`,
      '}',
    ].join('\n'),
  };
}

describe('security/route-without-auth, decorator routers', () => {
  it('counts routing-controllers @CurrentUser({ required: true }) as the route\'s guard', async () => {
    expect(await found(rc('@CurrentUser({ required: true }) user: any'))).toEqual([]);
  });

  it('reports the route when @CurrentUser is not required (the handler runs without a user)', async () => {
    expect(await found(rc('@CurrentUser() user: any'))).toEqual(['high src/UserController.ts:4']);
    expect(await found(rc('@CurrentUser({ required: false }) user: any'))).toEqual(['high src/UserController.ts:4']);
  });

  function nest(guard: string): Record<string, string> {
    return {
      ...pkg('"@nestjs/common":"10","@nestjs/core":"10","@nestjs/passport":"10","@prisma/client":"5"'),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function boot() { const app = await NestFactory.create(AppModule); await app.listen(3000); }\nboot();\n",
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { UsersController } from './users.controller';\n@Module({ controllers: [UsersController] })\nexport class AppModule {}\n",
      'src/users.controller.ts': [
        "import { Controller, Get, Param, UseGuards } from '@nestjs/common';",
        "import { AuthGuard } from '@nestjs/passport';",
        guard,
        "@Controller('users')",
        'export class UsersController {',
        "  @Get(':id') one(@Param('id') id: string) { return this.prisma.user.findUnique({ where: { id } }); }",
        '}',
      ].join('\n'),
    };
  }

  it('reports a NestJS read no guard covers (global, controller or method), and not one under the controller\'s guard', async () => {
    expect(await found(nest(''))).toEqual(['medium src/users.controller.ts:6']);
    expect(await found(nest("@UseGuards(AuthGuard('jwt'))"))).toEqual([]);
  });
});
