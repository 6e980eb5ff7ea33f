// NestJS validates a request body only through a pipe: a DTO class's class-validator decorators
// (`@IsEmail()`, `@MinLength(8)`) are metadata that nothing reads until a pipe calls `validate()` on an
// instance of it. Without one, the handler gets what the client sent, extra keys included.

/** Where a pipe is installed: for the app, by a module's provider, or on a controller, handler or parameter. */
export const NEST_PIPES = {
  /** `app.useGlobalPipes(new ValidationPipe())` on the app NestFactory made. */
  global: 'useGlobalPipes',
  /** `{ provide: APP_PIPE, useClass: ValidationPipe }` among a module's providers. */
  provider: 'APP_PIPE',
  providerModule: '@nestjs/core',
  /** `@UsePipes(ValidationPipe)` on a controller class or a handler; `@Body(new ValidationPipe())` on the parameter. */
  decorator: 'UsePipes',
  source: 'https://docs.nestjs.com/pipes#binding-pipes ; https://docs.nestjs.com/techniques/validation#auto-validation',
} as const;

/** The library whose decorators declare a DTO's constraints, and its functions that check an instance against them. */
export const DTO_VALIDATION = {
  module: 'class-validator',
  validators: ['validate', 'validateSync', 'validateOrReject'],
  source: 'https://github.com/typestack/class-validator#validation-errors',
} as const;

export interface ValidationPipeFact {
  package: string;
  export: string;
  /** What it validates: a class-validator DTO, or a zod schema (a `createZodDto` class); any other DTO passes through it unchecked. */
  validates: 'class-validator' | 'zod';
  example: string;
  source: string;
}

export const VALIDATION_PIPES: readonly ValidationPipeFact[] = [
  {
    package: '@nestjs/common', export: 'ValidationPipe', validates: 'class-validator',
    example: "import { ValidationPipe } from '@nestjs/common'; app.useGlobalPipes(new ValidationPipe({ whitelist: true }));",
    source: 'https://docs.nestjs.com/techniques/validation#using-the-built-in-validationpipe',
  },
  {
    package: 'nestjs-zod', export: 'ZodValidationPipe', validates: 'zod',
    example: "import { ZodValidationPipe } from 'nestjs-zod'; app.useGlobalPipes(new ZodValidationPipe());",
    source: 'https://github.com/BenLorantfy/nestjs-zod#validation-pipe',
  },
];

/** What a pipe imported from a package validates, or null for a package's pipe that validates nothing (`ParseIntPipe`) or one not listed. */
export function validationPipeOf(module: string, name: string): ValidationPipeFact | null {
  return VALIDATION_PIPES.find((p) => p.package === module && p.export === name) ?? null;
}
