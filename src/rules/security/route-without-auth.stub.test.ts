// An unguarded NestJS route whose handler hands the work to a service method that returns a constant or
// its input: the link read everything it reaches and found no data, so it is low ("reaches no data").
// The same route whose service creates a row through a model stays high; one the walk cannot resolve
// (a member of nothing it was handed, an assignment to the service's own state) stays as before.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './route-without-auth.js';

const findings = async (files: Record<string, string>) => {
  const run = await auditFiles(files, { rules: [rule] });
  return run.findings.filter((f) => f.ruleId === 'security/route-without-auth').map((f) => `${f.severity} ${f.message}`);
};

const app = (service: string) => ({
  'package.json': '{"name":"kennel","dependencies":{"@nestjs/common":"10","@nestjs/core":"10","@nestjs/mongoose":"10","mongoose":"8"}}',
  'src/pets.service.ts': service,
  'src/pets.controller.ts': [
    "import { Body, Controller, Post } from '@nestjs/common';",
    "import { PetsService } from './pets.service';",
    "@Controller('pets')",
    'export class PetsController {',
    '  constructor(private readonly pets: PetsService) {}',
    '  @Post()',
    '  add(@Body() input: { name: string }) {',
    '    return this.pets.add(input);',
    '  }',
    '}',
  ].join('\n'),
  'src/app.module.ts': [
    "import { Module } from '@nestjs/common';",
    "import { PetsController } from './pets.controller';",
    "import { PetsService } from './pets.service';",
    '@Module({ controllers: [PetsController], providers: [PetsService] })',
    'export class AppModule {}',
  ].join('\n'),
  'src/main.ts': [
    "import { NestFactory } from '@nestjs/core';",
    "import { AppModule } from './app.module';",
    'async function start() {',
    '  const app = await NestFactory.create(AppModule);',
    '  await app.listen(3000);',
    '}',
    'start();',
  ].join('\n'),
});

describe('route-without-auth: stub handlers', () => {
  it('reports a route whose service returns a constant low, saying it reaches no data', async () => {
    const out = await findings(app([
      "import { Injectable } from '@nestjs/common';",
      '@Injectable()',
      'export class PetsService {',
      '  add(input: { name: string }) {',
      "    return 'pet would be added here';",
      '  }',
      '}',
    ].join('\n')));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^low POST \/pets \(nestjs\) has no auth guard, but its handler reaches no data/);
  });

  it('reports a route whose service echoes its input low too', async () => {
    const out = await findings(app([
      "import { Injectable } from '@nestjs/common';",
      '@Injectable()',
      'export class PetsService {',
      '  add(input: { name: string }) {',
      '    return { ok: true, input };',
      '  }',
      '}',
    ].join('\n')));
    expect(out.map((o) => o.split(' ')[0])).toEqual(['low']);
  });

  it('keeps the route high when the service creates a row through a model', async () => {
    const out = await findings(app([
      "import { Injectable } from '@nestjs/common';",
      "import { InjectModel } from '@nestjs/mongoose';",
      "import { Model } from 'mongoose';",
      '@Injectable()',
      'export class PetsService {',
      "  constructor(@InjectModel('Pet') private readonly model: Model<{ name: string }>) {}",
      '  add(input: { name: string }) {',
      '    return this.model.create(input);',
      '  }',
      '}',
    ].join('\n')));
    expect(out).toEqual(['high POST /pets (nestjs) changes state with no auth guard']);
  });

  it('keeps the route high when the service keeps the input in its own memory', async () => {
    const out = await findings(app([
      "import { Injectable } from '@nestjs/common';",
      '@Injectable()',
      'export class PetsService {',
      '  private readonly byName: Record<string, { name: string }> = {};',
      '  add(input: { name: string }) {',
      '    this.byName[input.name] = input;',
      '    return input;',
      '  }',
      '}',
    ].join('\n')));
    expect(out).toEqual(['high POST /pets (nestjs) changes state with no auth guard']);
  });

  it('keeps the route high when the service calls what the walk cannot resolve', async () => {
    const out = await findings(app([
      "import { Injectable } from '@nestjs/common';",
      '@Injectable()',
      'export class PetsService {',
      '  add(input: { name: string }) {',
      '    return globalThis.registry.put(input);',
      '  }',
      '}',
    ].join('\n')));
    expect(out).toEqual(['high POST /pets (nestjs) changes state with no auth guard']);
  });
});
