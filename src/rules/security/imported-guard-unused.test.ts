import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './imported-guard-unused.js';

const layout = { packages: [{ name: 'svc', path: '.', scripts: { start: 'tsx src/app.ts' } }] };
const limiter = [
  'export class RateLimiter {',
  '  constructor(private readonly perMinute: number) {}',
  '  check(key: string) { return key.length < this.perMinute; }',
  '}',
].join('\n');

const nestLayout = { packages: [{ name: 'svc', path: '.', scripts: { start: 'node dist/main.js' }, dependencies: { '@nestjs/common': '10', '@nestjs/core': '10', '@nestjs/passport': '10' } }] };
/** A Nest app whose controller is guarded, and a file importing the passport guard: a provider module (no route) or a controller (routes, none guarded by it). */
const nestFiles = (importer: 'provider' | 'controller'): Record<string, string> => ({
  'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n",
  'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { NotesController } from './notes.controller';\n@Module({ controllers: [NotesController] })\nexport class AppModule {}\n",
  'src/notes.controller.ts': "import { Controller, Get, UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n@Controller('notes')\n@UseGuards(AuthGuard('jwt'))\nexport class NotesController { @Get() list() { return []; } }\n",
  'src/mail.module.ts': importer === 'provider'
    ? "import { Injectable, Module } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n@Injectable()\nexport class MailService { send(to: string) { return to; } }\n@Module({ providers: [MailService], exports: [MailService] })\nexport class MailModule {}\n"
    : "import { Controller, Post } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n@Controller('mail')\nexport class MailController { @Post() send() { return 'sent'; } }\n",
});

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'a Nest provider module that imports a guard and handles no request (no route, no controller) leaves nothing unguarded',
      files: nestFiles('provider'),
      layout: nestLayout,
    },
    {
      name: 'data classes and loggers whose names hold `user` or `auth`, imported for types or unused, are no guards',
      files: {
        'src/user.dto.ts': 'export class CreateUserRequestDto { email!: string; }\nexport type UserRoles = "admin" | "member";\n',
        'src/stats.ts': 'export function authorStats(c: any, next: () => Promise<void>) { console.log(c.req.path); return next(); }\n',
        'src/app.ts': "import { Hono } from 'hono';\nimport { CreateUserRequestDto, UserRoles } from './user.dto';\nimport { authorStats } from './stats';\nconst app = new Hono();\nexport function create(body: CreateUserRequestDto, role: UserRoles) { return { body, role }; }\nexport default app;\n",
      },
      layout,
    },
    {
      name: 'the imported RateLimiter is constructed and checked on the request path',
      files: {
        'src/limiter.ts': limiter,
        'src/app.ts': "import { Hono } from 'hono';\nimport { RateLimiter } from './limiter';\nconst app = new Hono();\nconst limits = new RateLimiter(60);\napp.use('*', async (c, next) => { if (!limits.check(c.req.header('x-ip') ?? '')) return c.text('slow down', 429); await next(); });\nexport default app;\n",
      },
      layout,
      outcomes: [{ status: 'pass' }],
    },
    {
      name: 'a limiter handed in by a dependency-injection container (the type of a constructor parameter)',
      files: {
        'src/limiter.ts': limiter,
        'src/app.ts': "import { RateLimiter } from './limiter';\nexport class LoginService {\n  constructor(private readonly limiter: RateLimiter) {}\n}\n",
      },
      layout,
    },
    {
      name: 'a library guard applied with app.use',
      files: { 'src/app.ts': "import { Hono } from 'hono';\nimport { jwt } from 'hono/jwt';\nconst app = new Hono();\napp.use('/api/*', jwt({ secret: 's', alg: 'HS256' }));\nexport default app;\n" },
      layout,
    },
  ],
  invalid: [
    {
      name: 'RateLimiter imported and never constructed, and nothing else constructs it: high',
      files: {
        'src/limiter.ts': limiter,
        'src/app.ts': "import { Hono } from 'hono';\nimport { RateLimiter } from './limiter';\nconst app = new Hono();\napp.post('/login', (c) => c.json({ ok: true }));\nexport default app;\n",
      },
      layout,
      findings: [{ messageId: 'unapplied', path: 'src/app.ts', line: 2, severity: 'high', data: { local: 'RateLimiter', role: 'rate limiter', module: './limiter' } }],
    },
    {
      name: 'a guard imported and not applied in this file, though another file applies it: medium',
      files: {
        'src/auth.ts': "export function requireUser(c: any, next: () => Promise<void>) { if (!c.req.header('authorization')) return c.text('no', 401); return next(); }\n",
        'src/admin.ts': "import { Hono } from 'hono';\nimport { requireUser } from './auth';\nexport const admin = new Hono();\nadmin.get('/stats', (c) => c.json({}));\n",
        'src/app.ts': "import { Hono } from 'hono';\nimport { requireUser } from './auth';\nimport { admin } from './admin';\nconst app = new Hono();\napp.use('*', requireUser);\napp.route('/admin', admin);\nexport default app;\n",
      },
      layout,
      findings: [{ messageId: 'unapplied', path: 'src/admin.ts', line: 2, severity: 'medium', data: { role: 'guard' } }],
    },
    {
      name: 'a library guard imported and never applied',
      files: { 'src/app.ts': "import { Hono } from 'hono';\nimport { jwt } from 'hono/jwt';\nconst app = new Hono();\napp.get('/me', (c) => c.json({}));\nexport default app;\n" },
      layout,
      findings: [{ messageId: 'unapplied', path: 'src/app.ts', line: 2, data: { role: 'guard', module: 'hono/jwt' } }],
    },
    {
      name: 'the same import in a controller that applies it to none of its routes',
      files: nestFiles('controller'),
      layout: nestLayout,
      findings: [{ messageId: 'unapplied', path: 'src/mail.module.ts', line: 2, data: { role: 'guard', module: '@nestjs/passport' } }],
    },
  ],
});
