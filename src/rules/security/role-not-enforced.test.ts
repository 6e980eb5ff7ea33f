// NestJS role restrictions judged by the guards' code: `@Roles('admin')` is enforced only when a guard of
// the route's chain (global APP_GUARD, controller, method, or one the decorator composes) reads its key
// for where the decorator is. Each case is tested with the hole and with it fixed.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './role-not-enforced.js';

/** A roles guard reading the key for the handler and the class, for the handler only, or a guard reading nothing. */
type Reads = 'both' | 'handler';

const rolesGuard = (reads: Reads, key = 'ROLES_KEY'): string => [
  "import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';",
  "import { Reflector } from '@nestjs/core';",
  `import { ${key} } from './roles.decorator';`,
  '@Injectable()',
  'export class RolesGuard implements CanActivate {',
  '  constructor(private readonly reflector: Reflector) {}',
  '  canActivate(context: ExecutionContext): boolean {',
  reads === 'both'
    ? `    const required = this.reflector.getAllAndOverride<string[]>(${key}, [context.getHandler(), context.getClass()]);`
    : `    const required = this.reflector.get<string[]>(${key}, context.getHandler());`,
  '    if (!required) return true;',
  '    const { user } = context.switchToHttp().getRequest();',
  '    if (!required.includes(user?.role)) throw new ForbiddenException();',
  '    return true;',
  '  }',
  '}',
].join('\n');

const jwtGuard = "import { Injectable } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n@Injectable() export class JwtAuthGuard extends AuthGuard('jwt') {}\n";

interface Tree { globalRoles?: boolean; controllerGuards?: string; reads?: Reads; onClass?: boolean }

function files(t: Tree): Record<string, string> {
  const guards = t.controllerGuards ?? 'JwtAuthGuard';
  return {
    'package.json': '{"name":"svc","dependencies":{"@nestjs/common":"10","@nestjs/core":"10","@nestjs/passport":"10"}}',
    'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n",
    'src/app.module.ts': [
      "import { Module } from '@nestjs/common';",
      "import { APP_GUARD } from '@nestjs/core';",
      "import { RolesGuard } from './auth/roles.guard';",
      "import { UsersController } from './users.controller';",
      `@Module({ controllers: [UsersController], providers: [${t.globalRoles ? '{ provide: APP_GUARD, useClass: RolesGuard }' : ''}] })`,
      'export class AppModule {}',
    ].join('\n'),
    'src/auth/roles.decorator.ts': "import { SetMetadata } from '@nestjs/common';\nexport const ROLES_KEY = 'roles';\nexport const Roles = (...roles: string[]) => SetMetadata(ROLES_KEY, roles);\n",
    'src/auth/roles.guard.ts': rolesGuard(t.reads ?? 'both'),
    'src/auth/jwt.guard.ts': jwtGuard,
    'src/users.controller.ts': [
      "import { Controller, Delete, Get, Param, UseGuards } from '@nestjs/common';",
      "import { Roles } from './auth/roles.decorator';",
      "import { RolesGuard } from './auth/roles.guard';",
      "import { JwtAuthGuard } from './auth/jwt.guard';",
      "@Controller('users')",
      `@UseGuards(${guards})`,
      ...(t.onClass ? ["@Roles('admin')"] : []),
      'export class UsersController {',
      '  @Get()',
      '  list() { return []; }',
      ...(t.onClass ? [] : ["  @Roles('admin')"]),
      "  @Delete(':id')",
      "  remove(@Param('id') id: string) { return id; }",
      '}',
    ].join('\n'),
  };
}

const run = async (t: Tree, edit: (f: Record<string, string>) => void = () => {}) => {
  const tree = files(t);
  edit(tree);
  const r = await auditFiles(tree, { rules: [rule] });
  return {
    findings: r.findings.filter((f) => f.ruleId === rule.id),
    outcome: r.outcomes.find((o) => o.ruleId === rule.id),
  };
};

describe('security/role-not-enforced', () => {
  it('@Roles on a method of a controller guarded by the JWT guard alone: no guard reads the key (high, naming the guard)', async () => {
    const { findings } = await run({});
    expect(findings.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['high src/users.controller.ts:11']);
    expect(findings[0].message).toContain("@Roles on DELETE /users/:id sets `roles`, but no guard of the route reads it");
    expect(findings[0].message).toContain('JwtAuthGuard reads other keys');
    expect(findings[0].evidence).toContainEqual({ kind: 'file', path: 'src/users.controller.ts', line: 10, snippet: '@Roles(...) on the method' });
  });

  it('is silent when the roles guard is in the controller chain, or registered as APP_GUARD', async () => {
    const chained = await run({ controllerGuards: 'JwtAuthGuard, RolesGuard' });
    expect(chained.findings).toEqual([]);
    expect(chained.outcome?.status).toBe('pass');
    const global = await run({ globalRoles: true });
    expect(global.findings).toEqual([]);
    expect(global.outcome?.status).toBe('pass');
  });

  it('a guard that reads the handler\'s metadata only does not enforce @Roles on the controller; reading both does', async () => {
    const hole = await run({ onClass: true, controllerGuards: 'JwtAuthGuard, RolesGuard', reads: 'handler' });
    expect(hole.findings.map((f) => f.location?.line)).toEqual([9, 11]);
    expect(hole.findings[0].message).toContain('or only the handler\'s metadata');
    const fixed = await run({ onClass: true, controllerGuards: 'JwtAuthGuard, RolesGuard', reads: 'both' });
    expect(fixed.findings).toEqual([]);
  });

  it('follows a decorator made with Reflector.createDecorator to the guard that reads it by the decorator itself', async () => {
    const edit = (reader: boolean) => (f: Record<string, string>) => {
      f['src/auth/roles.decorator.ts'] = "import { Reflector } from '@nestjs/core';\nexport const Roles = Reflector.createDecorator<string[]>();\n";
      f['src/auth/roles.guard.ts'] = rolesGuard('handler', 'Roles').replace('getAllAndOverride', 'get');
      if (!reader) f['src/auth/roles.guard.ts'] = f['src/auth/roles.guard.ts'].replace('this.reflector.get<string[]>(Roles, context.getHandler())', "(['admin'] as string[])");
    };
    expect((await run({ controllerGuards: 'JwtAuthGuard, RolesGuard' }, edit(true))).findings).toEqual([]);
    expect((await run({ controllerGuards: 'JwtAuthGuard, RolesGuard' }, edit(false))).findings.map((f) => f.location?.line)).toEqual([11]);
  });

  it('counts the guards a composed decorator applies itself (applyDecorators with UseGuards)', async () => {
    const composed = (guards: string) => (f: Record<string, string>) => {
      f['src/auth/roles.decorator.ts'] = [
        "import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';",
        "import { RolesGuard } from './roles.guard';",
        "import { JwtAuthGuard } from './jwt.guard';",
        "export const ROLES_KEY = 'roles';",
        `export function Roles(...roles: string[]) { return applyDecorators(SetMetadata(ROLES_KEY, roles), UseGuards(${guards})); }`,
      ].join('\n');
    };
    expect((await run({ controllerGuards: 'JwtAuthGuard' }, composed('JwtAuthGuard, RolesGuard'))).findings).toEqual([]);
    expect((await run({ controllerGuards: 'JwtAuthGuard' }, composed('JwtAuthGuard'))).findings.map((f) => f.location?.line)).toEqual([11]);
  });

  it('is unknown, never a pass, when a guard of the chain is a class verdict cannot read', async () => {
    const { findings, outcome } = await run({ controllerGuards: 'JwtAuthGuard, PolicyGuard' }, (f) => {
      f['src/users.controller.ts'] = f['src/users.controller.ts'].replace("import { JwtAuthGuard } from './auth/jwt.guard';", "import { JwtAuthGuard } from './auth/jwt.guard';\nimport { PolicyGuard } from '@acme/policies';");
    });
    expect(findings).toEqual([]);
    expect(outcome?.status).toBe('unknown');
    expect(outcome?.reason).toContain('PolicyGuard');
  });

  it('a guard that hands its Reflector to a helper is unread (unknown), not a guard that reads nothing', async () => {
    const { findings, outcome } = await run({ controllerGuards: 'JwtAuthGuard, RolesGuard' }, (f) => {
      f['src/auth/roles.guard.ts'] = f['src/auth/roles.guard.ts']
        .replace('    const required = this.reflector.getAllAndOverride<string[]>(ROLES_KEY, [context.getHandler(), context.getClass()]);', '    const required = requiredRoles(this.reflector, context);')
        .replace("import { ROLES_KEY } from './roles.decorator';", "import { requiredRoles } from './roles.util';");
      f['src/auth/roles.util.ts'] = "import { ExecutionContext } from '@nestjs/common';\nimport { Reflector } from '@nestjs/core';\nimport { ROLES_KEY } from './roles.decorator';\nexport const requiredRoles = (r: Reflector, c: ExecutionContext) => r.get<string[]>(ROLES_KEY, c.getHandler());\n";
    });
    expect(findings).toEqual([]);
    expect(outcome?.status).toBe('unknown');
    expect(outcome?.reason).toContain('RolesGuard');
  });

  it('a decorator that is no restriction (another key, another name) is not judged', async () => {
    const { outcome } = await run({}, (f) => {
      f['src/auth/roles.decorator.ts'] = "import { SetMetadata } from '@nestjs/common';\nexport const ROLES_KEY = 'cacheTtl';\nexport const Roles = (...roles: string[]) => SetMetadata(ROLES_KEY, roles);\n";
      f['src/users.controller.ts'] = f['src/users.controller.ts'].replaceAll('Roles', 'CacheFor');
      f['src/users.controller.ts'] = f['src/users.controller.ts'].replace("import { CacheFor } from './auth/roles.decorator';", "import { Roles as CacheFor } from './auth/roles.decorator';");
    });
    expect(outcome?.status).toBe('not-applicable');
  });
});

describe('security/role-not-enforced: Express routes mounted under an admin path', () => {
  const express = (routes: string[], extra: string[] = []) => ({
    'package.json': '{"name":"api","main":"src/app.js","dependencies":{"express":"4","jsonwebtoken":"9"}}',
    'src/auth.js': [
      "const jwt = require('jsonwebtoken');",
      'function requireAuth(req, res, next) {',
      "  const token = req.headers.authorization;",
      "  if (!token) return res.status(401).json({ error: 'unauthenticated' });",
      '  req.user = jwt.verify(token, process.env.JWT_SECRET);',
      '  next();',
      '}',
      'function requireRole(role) { return (req, res, next) => (req.user.role === role ? next() : res.status(403).end()); }',
      'module.exports = { requireAuth, requireRole };',
    ].join('\n'),
    'src/app.js': [
      "const express = require('express');",
      "const { requireAuth, requireRole } = require('./auth');",
      'const app = express();',
      'const admin = express.Router();',
      ...routes,
      "app.use('/admin', requireAuth, admin);",
      ...extra,
      'app.listen(3000);',
    ].join('\n'),
  });
  const run = async (files: Record<string, string>) => {
    const r = await auditFiles(files, { rules: [rule] });
    return { findings: r.findings.filter((f) => f.ruleId === rule.id), outcome: r.outcomes.find((o) => o.ruleId === rule.id) };
  };

  it('reports an authenticated admin route whose chain and handler check no role (medium)', async () => {
    const { findings } = await run(express(["admin.delete('/users/:id', async (req, res) => { await req.db.users.delete(req.params.id); res.status(204).end(); });"]));
    expect(findings.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['medium src/app.js:5']);
    expect(findings[0].message).toContain('DELETE /admin/users/:id is mounted under `/admin` and checks who the caller is (requireAuth)');
  });

  it('is silent when a middleware given the role guards the route, or the handler answers 403 itself', async () => {
    const chained = await run(express(["admin.delete('/users/:id', requireRole('admin'), async (req, res) => { res.status(204).end(); });"]));
    expect(chained.findings).toEqual([]);
    expect(chained.outcome?.status).toBe('pass');
    const inHandler = await run(express(["admin.delete('/users/:id', async (req, res) => { if (req.user.role !== 'admin') return res.status(403).end(); res.status(204).end(); });"]));
    expect(inHandler.findings).toEqual([]);
  });

  it('does not judge routes outside an admin path, nor unauthenticated ones (route-without-auth\'s)', async () => {
    const other = await run(express([], ["app.delete('/me', requireAuth, async (req, res) => res.status(204).end());", "app.get('/admin-docs', (req, res) => res.send('x'));"]));
    expect(other.findings).toEqual([]);
    expect(other.outcome?.status).toBe('not-applicable');
  });
});
