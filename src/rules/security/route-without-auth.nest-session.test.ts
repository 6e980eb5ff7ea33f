// A NestJS handler reads its request through decorated parameters: `@Session() s` is `req.session`,
// `@CurrentUser() user` is whatever its `createParamDecorator` callback returns (`request.user`). A
// write keyed only by them is the caller's own (low) when the chain puts the caller there (a session
// library installed on the app made by NestFactory); with nothing that does, or any key the caller
// chooses, it is anyone's (high).
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './route-without-auth.js';

const pkg = '{"name":"shop","dependencies":{"@nestjs/common":"10","@nestjs/core":"10","express-session":"1","@prisma/client":"5","passport":"0.7"}}';

function app(main: string[]): Record<string, string> {
  return {
    'package.json': pkg,
    'src/main.ts': [
      "import { NestFactory } from '@nestjs/core';",
      "import session from 'express-session';",
      "import passport from 'passport';",
      "import { AppModule } from './app.module';",
      'async function bootstrap() {',
      '  const app = await NestFactory.create(AppModule);',
      ...main,
      '  await app.listen(3000);',
      '}',
      'bootstrap();',
    ].join('\n'),
    'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { CartController } from './cart.controller';\n@Module({ controllers: [CartController] })\nexport class AppModule {}\n",
    'src/me.decorator.ts': [
      "import { createParamDecorator, ExecutionContext } from '@nestjs/common';",
      'export const Me = createParamDecorator((data: string | undefined, ctx: ExecutionContext) => {',
      '  const request = ctx.switchToHttp().getRequest();',
      '  return data ? request.user?.[data] : request.user;',
      '});',
    ].join('\n'),
    'src/cart.controller.ts': [
      "import { Body, Controller, Param, Post, Session } from '@nestjs/common';",
      "import { PrismaClient } from '@prisma/client';",
      "import { Me } from './me.decorator';",
      'const db = new PrismaClient();',
      "@Controller('cart')",
      'export class CartController {',
      "  @Post('clear')",
      '  clear(@Session() s: Record<string, string>) { return db.cart.deleteMany({ where: { sessionId: s.id } }); }',
      "  @Post('give')",
      '  give(@Session() s: Record<string, string>, @Body() dto: { to: string }) { return db.cart.update({ where: { sessionId: s.id }, data: { owner: dto.to } }); }',
      "  @Post(':owner/clear')",
      "  clearFor(@Param('owner') owner: string) { return db.cart.deleteMany({ where: { owner } }); }",
      "  @Post('mine/clear')",
      '  clearMine(@Me() user: { id: string }) { return db.cart.deleteMany({ where: { owner: user.id } }); }',
      '}',
    ].join('\n'),
  };
}

async function found(files: Record<string, string>): Promise<string[]> {
  const run = await auditFiles(files, { rules: [rule] });
  return run.findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.severity} ${f.message.split(' (nestjs)')[0]}`).sort();
}

describe('security/route-without-auth: NestJS handlers keyed by the caller\'s own session', () => {
  it('is low for a write keyed only by @Session() when the app installs a session library, high for a key the caller chooses', async () => {
    expect(await found(app(["  app.use(session({ secret: process.env.SESSION_SECRET ?? '' }));"]))).toEqual([
      'high POST /cart/:owner/clear',
      'high POST /cart/give',
      // `request.user` with no guard or passport session to load it: no caller is established.
      'high POST /cart/mine/clear',
      'low POST /cart/clear',
    ]);
  });

  it('is low for a write keyed only by the user a custom decorator returns once passport loads it from the session', async () => {
    expect(await found(app(["  app.use(session({ secret: process.env.SESSION_SECRET ?? '' }));", '  app.use(passport.session());']))).toEqual([
      'high POST /cart/:owner/clear',
      'high POST /cart/give',
      'low POST /cart/clear',
      'low POST /cart/mine/clear',
    ]);
  });

  it('is low for a write keyed only by the user a guard of the route attaches and lets everyone through', async () => {
    const files = app([]);
    files['src/attach-user.guard.ts'] = [
      "import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';",
      '@Injectable()',
      'export class AttachUserGuard implements CanActivate {',
      '  canActivate(ctx: ExecutionContext): boolean {',
      '    const request = ctx.switchToHttp().getRequest();',
      '    request.user = { id: String(request.ip) };',
      '    return true;',
      '  }',
      '}',
    ].join('\n');
    files['src/cart.controller.ts'] = files['src/cart.controller.ts']
      .replace("import { Body, Controller, Param, Post, Session } from '@nestjs/common';", "import { Body, Controller, Param, Post, Session, UseGuards } from '@nestjs/common';\nimport { AttachUserGuard } from './attach-user.guard';")
      .replace("  @Post('mine/clear')", "  @Post('mine/clear')\n  @UseGuards(AttachUserGuard)");
    expect((await found(files)).filter((f) => f.includes('mine'))).toEqual(['low POST /cart/mine/clear']);
  });

  it('is high for the same handler when nothing on the app keeps a session', async () => {
    expect(await found(app([]))).toEqual([
      'high POST /cart/:owner/clear',
      'high POST /cart/clear',
      'high POST /cart/give',
      'high POST /cart/mine/clear',
    ]);
  });
});
