// A NestJS DTO property the whitelisting pipe lets through, but that class-validator restricts to
// constant non-privileged values, or that the model does not declare, grants nothing.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './mass-assignment.js';

const NEST = '{"name":"market","dependencies":{"@nestjs/common":"10","@nestjs/core":"10","@nestjs/mongoose":"10","mongoose":"8","class-validator":"0.14"}}';
const main = (options: string) => [
  "import { NestFactory } from '@nestjs/core';",
  "import { ValidationPipe } from '@nestjs/common';",
  "import { AppModule } from './app.module';",
  'async function bootstrap() {',
  '  const app = await NestFactory.create(AppModule);',
  `  app.useGlobalPipes(new ValidationPipe(${options}));`,
  '  await app.listen(3000);',
  '}',
  'bootstrap();',
].join('\n');
const schema = (field: string) => [
  "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';",
  '@Schema()',
  'export class Seller {',
  '  @Prop() email: string;',
  `  @Prop({ type: [String], default: ['SELLER'] }) ${field}: string[];`,
  '}',
  'export const SellerSchema = SchemaFactory.createForClass(Seller);',
].join('\n');
const service = [
  "import { Injectable } from '@nestjs/common';",
  "import { InjectModel } from '@nestjs/mongoose';",
  "import { Model } from 'mongoose';",
  "import { Seller } from './seller.schema';",
  "import { CreateSellerDto } from './seller.dto';",
  '@Injectable()',
  'export class SellersService {',
  '  constructor(@InjectModel(Seller.name) private readonly sellerModel: Model<Seller>) {}',
  '  register(dto: CreateSellerDto) {',
  '    return this.sellerModel.create({ ...dto });',
  '  }',
  '}',
].join('\n');
const dto = (roleDecorators: string) => [
  "import { IsEmail, IsIn, IsString } from 'class-validator';",
  'export class CreateSellerDto {',
  '  @IsEmail() email: string;',
  `  ${roleDecorators} role: string;`,
  '}',
].join('\n');
const controller = [
  "import { Body, Controller, Post } from '@nestjs/common';",
  "import { SellersService } from './sellers.service';",
  "import { CreateSellerDto } from './seller.dto';",
  "@Controller('sellers')",
  'export class SellersController {',
  '  constructor(private readonly sellersService: SellersService) {}',
  '  @Post()',
  '  register(@Body() dto: CreateSellerDto) {',
  '    return this.sellersService.register(dto);',
  '  }',
  '}',
].join('\n');

function files(o: { pipe: string; role: string; field: string }): Record<string, string> {
  return {
    'package.json': NEST,
    'src/main.ts': main(o.pipe),
    'src/sellers/seller.schema.ts': schema(o.field),
    'src/sellers/sellers.service.ts': service,
    'src/sellers/seller.dto.ts': dto(o.role),
    'src/sellers/sellers.controller.ts': controller,
  };
}
const show = (fs: Awaited<ReturnType<typeof runRule>>) => fs.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line} ${/which declares (.*): the caller/.exec(f.message)?.[1] ?? ''}`);

const WHITELIST = '{ whitelist: true, forbidNonWhitelisted: true }';

describe('mass-assignment: constrained DTO properties and @nestjs/mongoose schemas', () => {
  it('is silent when the whitelisted DTO restricts role to a non-privileged constant, or the schema does not declare role', async () => {
    expect(show(await runRule(rule, files({ pipe: WHITELIST, role: "@IsIn(['SELLER'])", field: 'roles' })))).toEqual([]);
    expect(show(await runRule(rule, files({ pipe: WHITELIST, role: "@IsIn(['SELLER'])", field: 'role' })))).toEqual([]);
    // The schema (resolved through @InjectModel(Seller.name)) declares roles, not role: the DTO's role is stripped by mongoose.
    expect(show(await runRule(rule, files({ pipe: WHITELIST, role: '@IsString()', field: 'roles' })))).toEqual([]);
  });

  it('reports a role the DTO leaves open, or restricts to a privileged value, on a schema that declares it', async () => {
    const open = await runRule(rule, files({ pipe: WHITELIST, role: '@IsString()', field: 'role' }));
    expect(show(open)).toEqual(['high src/sellers/sellers.service.ts:10 role']);
    expect(open[0].evidence).toContainEqual(expect.objectContaining({ kind: 'file', path: 'src/sellers/seller.schema.ts', line: 2 }));
    expect(show(await runRule(rule, files({ pipe: WHITELIST, role: "@IsIn(['SELLER', 'ADMIN'])", field: 'role' })))).toEqual(['high src/sellers/sellers.service.ts:10 role']);
  });

  it('without a whitelisting pipe the restriction is not credited, and undeclared schema fields pass', async () => {
    expect(show(await runRule(rule, files({ pipe: '{ transform: true }', role: "@IsIn(['SELLER'])", field: 'role' })))).toEqual(['high src/sellers/sellers.service.ts:10 role']);
    expect(show(await runRule(rule, files({ pipe: '{ transform: true }', role: "@IsIn(['SELLER'])", field: 'roles' })))).toEqual(['medium src/sellers/sellers.service.ts:10 roles']);
  });
});
