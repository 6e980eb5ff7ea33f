// The ids a signed-in route takes from the request, followed to the records they select: through the
// handler's services in other files, to the filter of the ORM call. Tested both ways.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './ownership-unchecked.js';

/** An Express app with passport on every route, an orders router, its controller and a service in other files, and mongoose models. */
function expressApp(controller: string[], service: string[], routes = ["router.post('/orders/:id/cancel', orders.cancel);"]): Record<string, string> {
  return {
    'package.json': '{"name":"shop","main":"src/app.js","dependencies":{"express":"4","passport":"0.7","mongoose":"8"}}',
    'src/app.js': [
      "import express from 'express';",
      "import passport from 'passport';",
      "import router from './routes';",
      'const app = express();',
      "app.use(passport.authenticate('jwt', { session: false }));",
      "app.use('/api', router);",
      'app.listen(3000);',
    ].join('\n'),
    'src/routes.js': [
      "import { Router } from 'express';",
      "import * as orders from './orders.controller';",
      "import { requireRole } from './roles';",
      'const router = Router();',
      ...routes,
      'export default router;',
    ].join('\n'),
    'src/roles.js': "export const requireRole = (role) => (req, res, next) => (req.user.role === role ? next() : res.status(403).end());\n",
    'src/orders.controller.js': ["import * as service from './orders.service';", "import Order from './order.model';", "import Product from './product.model';", ...controller].join('\n'),
    'src/orders.service.js': ["import Order from './order.model';", "import Product from './product.model';", ...service].join('\n'),
    'src/order.model.js': [
      "import mongoose from 'mongoose';",
      'const schema = new mongoose.Schema({ user: { type: mongoose.Schema.Types.ObjectId, ref: "User" }, status: String, cancelledBy: String });',
      "export default mongoose.model('Order', schema);",
    ].join('\n'),
    'src/product.model.js': [
      "import mongoose from 'mongoose';",
      'const schema = new mongoose.Schema({ name: String, price: Number });',
      "export default mongoose.model('Product', schema);",
    ].join('\n'),
  };
}

const cancelling = [
  'export const cancel = async (req, res) => {',
  '  const order = await service.cancel(req.params.id, req.user.id);',
  '  res.json(order);',
  '};',
];

describe('security/ownership-unchecked: ids from the request, followed to the records they select', () => {
  it('reports an id handed to a service in another file that updates by the id alone, though the handler stamps the caller', async () => {
    const findings = await runRule(rule, expressApp(cancelling, [
      'export const cancel = async (id, by) => Order.findByIdAndUpdate(id, { status: "cancelled", cancelledBy: by });',
    ]));
    expect(findings.map((f) => `${f.messageId} ${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['foreignId high src/routes.js:5']);
    expect(findings[0].message).toContain('req.params.id at src/orders.controller.js:5');
    expect(findings[0].message).toContain('Order.findByIdAndUpdate(...) at src/orders.service.js:3');
  });

  it('is silent when the caller is in the filter (the service is handed the caller and uses it)', async () => {
    const findings = await runRule(rule, expressApp(cancelling, [
      'export const cancel = async (id, by) => Order.findOneAndUpdate({ _id: id, user: by }, { status: "cancelled" });',
    ]));
    expect(findings).toEqual([]);
  });

  it('is silent when the loaded record\'s owner is compared with the caller', async () => {
    const findings = await runRule(rule, expressApp([
      'export const cancel = async (req, res) => {',
      '  const order = await Order.findById(req.params.id);',
      '  if (order.user.toString() !== req.user.id) return res.status(403).end();',
      '  order.status = "cancelled";',
      '  await order.save();',
      '  res.json(order);',
      '};',
    ], []));
    expect(findings).toEqual([]);
  });

  it('reports the same handler without the comparison', async () => {
    const findings = await runRule(rule, expressApp([
      'export const cancel = async (req, res) => {',
      '  const order = await Order.findById(req.params.id);',
      '  order.status = "cancelled";',
      '  order.cancelledBy = req.user.id;',
      '  await order.save();',
      '  res.json(order);',
      '};',
    ], []));
    expect(findings.map((f) => `${f.messageId} ${f.severity} ${f.location?.line}`)).toEqual(['foreignId high 5']);
  });

  it('is silent on a route restricted to a role by its chain', async () => {
    const findings = await runRule(rule, expressApp(cancelling, [
      'export const cancel = async (id, by) => Order.findByIdAndUpdate(id, { status: "cancelled", cancelledBy: by });',
    ], ["router.post('/orders/:id/cancel', requireRole('admin'), orders.cancel);"]));
    expect(findings).toEqual([]);
  });

  it('is silent for a model that references no user (a product read or changed by id)', async () => {
    const findings = await runRule(rule, expressApp([
      'export const cancel = async (req, res) => {',
      '  const p = await service.hide(req.params.id, req.user.id);',
      '  res.json(p);',
      '};',
    ], ['export const hide = async (id, by) => Product.findByIdAndUpdate(id, { hidden: true, by });']));
    expect(findings).toEqual([]);
  });
});

describe('security/ownership-unchecked: handlers wrapped in a helper', () => {
  const files = (filter: string): Record<string, string> => ({
    'package.json': '{"name":"shop","main":"src/app.js","dependencies":{"express":"4","passport":"0.7","mongoose":"8"}}',
    'src/app.js': "import express from 'express';\nimport passport from 'passport';\nimport * as orders from './orders.controller';\nconst app = express();\napp.use(passport.authenticate('jwt', { session: false }));\napp.delete('/comments/:id', orders.remove);\napp.listen(3000);\n",
    'src/catch-async.js': 'export default (fn) => (req, res, next) => fn(req, res, next).catch(next);\n',
    'src/orders.controller.js': [
      "import catchAsync from './catch-async';",
      "import Comment from './comment.model';",
      'export const remove = catchAsync(async (req, res) => {',
      `  await Comment.deleteOne(${filter});`,
      '  res.status(204).end();',
      '});',
    ].join('\n'),
    'src/comment.model.js': "import mongoose from 'mongoose';\nconst schema = new mongoose.Schema({ author: { type: mongoose.Schema.Types.ObjectId, ref: 'User' }, text: String });\nexport default mongoose.model('Comment', schema);\n",
  });

  it('reports a handler wrapped in a helper (catchAsync) that deletes by the id alone, and not one filtering by the caller', async () => {
    const found = await runRule(rule, files('{ _id: req.params.id }'));
    expect(found.map((f) => `${f.messageId} ${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['foreignId high src/app.js:6']);
    expect(await runRule(rule, files('{ _id: req.params.id, author: req.user._id }'))).toEqual([]);
  });
});

/** A NestJS app: a guarded controller handing ids to a service that writes through Prisma, with its schema. */
function nestPrisma(handler: string[], service: string[]): Record<string, string> {
  return {
    'package.json': '{"name":"notes","scripts":{"start":"nest start"},"dependencies":{"@nestjs/common":"10","@nestjs/core":"10","@nestjs/passport":"10","@prisma/client":"5"}}',
    'prisma/schema.prisma': 'model Address {\n  id String @id\n  userId String\n  line1 String\n}\n',
    'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n",
    'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { AddressController } from './address.controller';\nimport { AddressService } from './address.service';\n@Module({ controllers: [AddressController], providers: [AddressService] })\nexport class AppModule {}\n",
    'src/user.decorator.ts': "import { createParamDecorator } from '@nestjs/common';\nexport const CurrentUser = createParamDecorator((data, ctx) => ctx.switchToHttp().getRequest().user);\n",
    'src/prisma.service.ts': "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n@Injectable()\nexport class PrismaService extends PrismaClient {}\n",
    'src/address.controller.ts': [
      "import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';",
      "import { AuthGuard } from '@nestjs/passport';",
      "import { AddressService } from './address.service';",
      "import { CurrentUser } from './user.decorator';",
      "@Controller('addresses')",
      "@UseGuards(AuthGuard('jwt'))",
      'export class AddressController {',
      '  constructor(private readonly addresses: AddressService) {}',
      ...handler,
      '}',
    ].join('\n'),
    'src/address.service.ts': [
      "import { Injectable } from '@nestjs/common';",
      "import { PrismaService } from './prisma.service';",
      '@Injectable()',
      'export class AddressService {',
      '  constructor(private readonly prisma: PrismaService) {}',
      ...service,
      '}',
    ].join('\n'),
  };
}

describe('security/ownership-unchecked: NestJS and Prisma', () => {
  it('reports a read of a private record by a @Param id through the service', async () => {
    const findings = await runRule(rule, nestPrisma(
      ["  @Get(':id')", "  one(@Param('id') id: string, @CurrentUser() user: any) { return this.addresses.one(id, user); }"],
      ['  one(id: string, user: any) { console.log(user.email); return this.prisma.address.findUnique({ where: { id } }); }'],
    ));
    expect(findings.map((f) => `${f.messageId} ${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['foreignId high src/address.controller.ts:9']);
    expect(findings[0].message).toContain('Prisma model Address');
  });

  it('is silent when the caller is in the where clause', async () => {
    const findings = await runRule(rule, nestPrisma(
      ["  @Post(':id/default')", "  one(@Param('id') id: string, @CurrentUser() user: any) { return this.addresses.mark(id, user.id); }"],
      ['  mark(id: string, owner: string) { return this.prisma.address.update({ where: { id, userId: owner }, data: { main: true } }); }'],
    ));
    expect(findings).toEqual([]);
  });
});
