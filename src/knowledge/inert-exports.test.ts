import { describe, expect, it } from 'vitest';
import { INERT_EXPORTS, inferenceCallOf, isInertExport } from './inert-exports.js';

describe('inert exports', () => {
  it('NestJS decorators and exceptions are inert; other exports and other packages are not', () => {
    expect(isInertExport('@nestjs/common', 'Post')).toBe(true);
    expect(isInertExport('@nestjs/common', 'NotFoundException')).toBe(true);
    expect(isInertExport('class-validator', 'IsString')).toBe(true);
    expect(isInertExport('@nestjs/common', 'StreamableFile')).toBe(false);
    expect(isInertExport('@nestjs/axios', 'HttpService')).toBe(false);
    expect(isInertExport('nodemailer', 'createTransport')).toBe(false);
    expect(isInertExport('@nestjs/common', undefined)).toBe(false);
  });
  it('every entry says where it is documented', () => {
    for (const e of INERT_EXPORTS) expect(e.source).toMatch(/^https:\/\//);
  });

  it('an inference SDK\'s generation calls, not its other calls', () => {
    expect(inferenceCallOf('openai.chat.completions.create')).toBe('openai');
    expect(inferenceCallOf('openai#default#chat#completions#create')).toBe('openai');
    expect(inferenceCallOf('this.anthropic.messages.create')).toBe('@anthropic-ai/sdk');
    expect(inferenceCallOf('openai.files.create')).toBeNull();
    expect(inferenceCallOf('Booking.create')).toBeNull();
    expect(inferenceCallOf('create')).toBeNull();
  });
});
