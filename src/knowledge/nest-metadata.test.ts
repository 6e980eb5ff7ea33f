import { describe, expect, it } from 'vitest';
import { isNestExport, NEST_METADATA, readsNestMetadata } from './nest-metadata.js';

describe('knowledge/nest-metadata', () => {
  it('knows the Reflector readers (and Reflect.getMetadata), and no other method', () => {
    for (const m of ['get', 'getAll', 'getAllAndOverride', 'getAllAndMerge', 'getMetadata']) expect(readsNestMetadata(m), m).toBe(true);
    for (const m of ['set', 'createDecorator', 'getHandler', 'defineMetadata']) expect(readsNestMetadata(m), m).toBe(false);
  });

  it('knows SetMetadata, applyDecorators and UseGuards as @nestjs/common exports only', () => {
    expect(isNestExport('setter', '@nestjs/common', 'SetMetadata')).toBe(true);
    expect(isNestExport('setter', './decorators', 'SetMetadata')).toBe(false);
    expect(isNestExport('composer', '@nestjs/common', 'applyDecorators')).toBe(true);
    expect(isNestExport('guards', '@nestjs/common', 'UseGuards')).toBe(true);
    expect(isNestExport('guards', '@nestjs/common', 'UsePipes')).toBe(false);
    expect(NEST_METADATA.setter).toMatchObject({ keyArg: 0, valueArg: 1 });
    expect(NEST_METADATA.targets).toEqual({ getHandler: 'method', getClass: 'class' });
    expect(NEST_METADATA.source).toMatch(/^https:\/\//);
  });
});
