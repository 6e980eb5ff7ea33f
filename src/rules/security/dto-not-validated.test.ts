// NestJS handlers taking a class-validator DTO, with and without a validation pipe installed: in the
// bootstrap, by a module's APP_PIPE provider, on the handler or the parameter, or a pipe of the
// repository's own that validates. Tested both ways on whole fixture repos.
import { describe, expect, it } from 'vitest';
import { runRule, auditFiles } from '../../../test/helpers/repo.js';
import rule from './dto-not-validated.js';

function app(opts: { main?: string[] | null; controller?: string[]; module?: string[]; dto?: string[]; extra?: Record<string, string> } = {}): Record<string, string> {
  return {
    'package.json': '{"name":"api","main":"dist/main.js","scripts":{"start":"nest start"},"dependencies":{"@nestjs/common":"10","@nestjs/core":"10","class-validator":"0.14"}}',
    ...(opts.main === null ? {} : {
      'src/main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        "import { ValidationPipe } from '@nestjs/common';",
        "import { AppModule } from './app.module';",
        'async function bootstrap() {',
        '  const app = await NestFactory.create(AppModule);',
        ...(opts.main ?? []),
        '  await app.listen(3000);',
        '}',
        'bootstrap();',
      ].join('\n'),
    }),
    'src/app.module.ts': [
      "import { Module } from '@nestjs/common';",
      "import { APP_PIPE } from '@nestjs/core';",
      "import { ValidationPipe } from '@nestjs/common';",
      "import { UsersController } from './users/users.controller';",
      ...(opts.module ?? ['@Module({ controllers: [UsersController] })']),
      'export class AppModule {}',
    ].join('\n'),
    'src/users/users.controller.ts': [
      "import { Body, Controller, Post, Patch, UsePipes, ValidationPipe } from '@nestjs/common';",
      "import { CreateUserDto } from './dto/create-user.dto';",
      "import { UpdateUserDto } from './dto/update-user.dto';",
      "@Controller('users')",
      'export class UsersController {',
      ...(opts.controller ?? [
        '  @Post()',
        '  create(@Body() dto: CreateUserDto) { return dto; }',
      ]),
      '}',
    ].join('\n'),
    'src/users/dto/create-user.dto.ts': opts.dto?.join('\n') ?? [
      "import { IsEmail, MinLength } from 'class-validator';",
      'export class CreateUserDto {',
      '  @IsEmail() email: string;',
      '  @MinLength(8) password: string;',
      '}',
    ].join('\n'),
    'src/users/dto/update-user.dto.ts': [
      "import { PartialType } from '@nestjs/mapped-types';",
      "import { CreateUserDto } from './create-user.dto';",
      'export class UpdateUserDto extends PartialType(CreateUserDto) {}',
    ].join('\n'),
    ...(opts.extra ?? {}),
  };
}
const seen = (fs: Awaited<ReturnType<typeof runRule>>) => fs.map((f) => `${f.messageId} ${f.severity} ${f.location?.path}:${f.location?.line}`);

describe('security/dto-not-validated', () => {
  it('reports a class-validator DTO (its own, or its base\'s through PartialType) when no pipe is installed anywhere', async () => {
    const found = await runRule(rule, app({ controller: ['  @Post()', '  create(@Body() dto: CreateUserDto) { return dto; }', "  @Patch(':id')", '  update(@Body() dto: UpdateUserDto) { return dto; }'] }));
    expect(seen(found)).toEqual(['unvalidated high src/users/users.controller.ts:7', 'unvalidated high src/users/users.controller.ts:9']);
    expect(found[0].message).toContain('@IsEmail');
    expect(found[0].message).toContain('src/main.ts:5');
  });

  it('is silent with a global ValidationPipe, an APP_PIPE provider, @UsePipes on the handler or the class, or @Body(pipe)', async () => {
    expect(await runRule(rule, app({ main: ['  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));'] }))).toEqual([]);
    expect(await runRule(rule, app({ module: ['@Module({ controllers: [UsersController], providers: [{ provide: APP_PIPE, useClass: ValidationPipe }] })'] }))).toEqual([]);
    expect(await runRule(rule, app({ controller: ['  @Post()', '  @UsePipes(new ValidationPipe())', '  create(@Body() dto: CreateUserDto) { return dto; }'] }))).toEqual([]);
    expect(await runRule(rule, app({ controller: ['  @Post()', '  create(@Body(ValidationPipe) dto: CreateUserDto) { return dto; }'] }))).toEqual([]);
    const classPipe = app();
    classPipe['src/users/users.controller.ts'] = classPipe['src/users/users.controller.ts'].replace("@Controller('users')", "@Controller('users')\n@UsePipes(ValidationPipe)");
    expect(await runRule(rule, classPipe)).toEqual([]);
    expect(await runRule(rule, app({ controller: ['  @Post()', '  create(@Body(new ValidationPipe({ whitelist: true })) dto: CreateUserDto) { return dto; }'] }))).toEqual([]);
  });

  it('judges a pipe of the repository by its code: one calling class-validator validate() validates, one that does not is no pipe for the DTO', async () => {
    const pipe = (body: string[]) => ({
      'src/common/validation.pipe.ts': [
        "import { Injectable, PipeTransform, ArgumentMetadata, BadRequestException } from '@nestjs/common';",
        "import { validate } from 'class-validator';",
        "import { plainToInstance } from 'class-transformer';",
        '@Injectable()',
        'export class AppValidationPipe implements PipeTransform {',
        '  async transform(value: unknown, { metatype }: ArgumentMetadata) {',
        ...body,
        '    return value;',
        '  }',
        '}',
      ].join('\n'),
    });
    const main = ["  app.useGlobalPipes(new AppValidationPipe());"];
    const withImport = (files: Record<string, string>) => ({ ...files, 'src/main.ts': files['src/main.ts'].replace("import { AppModule } from './app.module';", "import { AppModule } from './app.module';\nimport { AppValidationPipe } from './common/validation.pipe';") });
    const validating = ['    const errors = await validate(plainToInstance(metatype as never, value));', '    if (errors.length > 0) throw new BadRequestException(errors);'];
    expect(await runRule(rule, withImport(app({ main, extra: pipe(validating) })))).toEqual([]);
    const found = await runRule(rule, withImport(app({ main, extra: pipe(['    console.log(metatype);']) })));
    expect(seen(found)).toEqual(['unvalidated high src/users/users.controller.ts:7']);
  });

  it('a zod pipe installed for the app does not validate a class-validator DTO', async () => {
    const files = app({ main: ['  app.useGlobalPipes(new ZodValidationPipe());'] });
    files['src/main.ts'] = files['src/main.ts'].replace("import { AppModule } from './app.module';", "import { AppModule } from './app.module';\nimport { ZodValidationPipe } from 'nestjs-zod';");
    const found = await runRule(rule, files);
    expect(seen(found)).toEqual(['unvalidated high src/users/users.controller.ts:7']);
    expect(found[0].message).toContain('do not validate class-validator DTOs: src/main.ts:');
  });

  it('a DTO without class-validator decorators, or a field of the body, is not judged', async () => {
    expect(await runRule(rule, app({ dto: ['export class CreateUserDto {', '  email: string;', '}'] }))).toEqual([]);
    expect(await runRule(rule, app({ controller: ['  @Post()', "  create(@Body('email') email: string) { return email; }"] }))).toEqual([]);
  });

  it('a field of the body declared as a DTO (`@Body(\'user\') dto: CreateUserDto`) is judged as the whole body is', async () => {
    const field = (pipe: string[]) => app({ controller: ['  @Post()', ...pipe, "  create(@Body('user') dto: CreateUserDto) { return dto; }"] });
    expect(seen(await runRule(rule, field([])))).toEqual(['unvalidated high src/users/users.controller.ts:7']);
    expect(await runRule(rule, field(['  @UsePipes(new ValidationPipe())']))).toEqual([]);
  });

  it('is unknown, naming the handler, when the app\'s bootstrap is not found or a pipe cannot be read; never a pass', async () => {
    const run = await auditFiles(app({ main: null }), { only: ['security'] } as never);
    const o = run.outcomes.find((x) => x.ruleId === 'security/dto-not-validated');
    expect(o?.status).toBe('unknown');
    expect(o?.reason).toContain('src/users/users.controller.ts:7');
    const files = app({ main: ['  app.useGlobalPipes(new SomePipe());'] });
    files['src/main.ts'] = files['src/main.ts'].replace("import { AppModule } from './app.module';", "import { AppModule } from './app.module';\nimport { SomePipe } from 'some-pipes';");
    const pkgPipe = await auditFiles(files, { only: ['security'] } as never);
    const p = pkgPipe.outcomes.find((x) => x.ruleId === 'security/dto-not-validated');
    expect(p?.status).toBe('unknown');
    expect(p?.reason).toContain('SomePipe from some-pipes');
  });
});
