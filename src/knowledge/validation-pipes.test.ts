import { describe, expect, it } from 'vitest';
import { DTO_VALIDATION, NEST_PIPES, VALIDATION_PIPES, validationPipeOf } from './validation-pipes.js';

describe('validation pipes', () => {
  it('ValidationPipe of @nestjs/common validates class-validator DTOs; nestjs-zod\'s pipe validates zod ones; other pipes are not listed', () => {
    expect(validationPipeOf('@nestjs/common', 'ValidationPipe')?.validates).toBe('class-validator');
    expect(validationPipeOf('nestjs-zod', 'ZodValidationPipe')?.validates).toBe('zod');
    expect(validationPipeOf('@nestjs/common', 'ParseIntPipe')).toBeNull();
    expect(validationPipeOf('some-lib', 'ValidationPipe')).toBeNull();
  });
  it('every entry\'s example imports its export from its package and installs it', () => {
    for (const p of VALIDATION_PIPES) {
      expect(p.example, p.export).toContain(`import { ${p.export} } from '${p.package}'`);
      expect(p.example, p.export).toMatch(new RegExp(`${NEST_PIPES.global}\\(new ${p.export}\\(`));
      expect(p.source).toMatch(/^https:\/\//);
    }
    expect(DTO_VALIDATION.validators).toContain('validate');
  });
});
