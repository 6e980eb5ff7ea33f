// Exports of framework packages that change no stored data and send nothing out when a handler uses
// them: decorators that attach routing, injection or validation metadata, the exceptions a handler
// throws to answer an error status, and the pipes that parse a parameter. A handler followed through
// its calls (link/reach) that references these still only reads, as far as they are concerned; any
// other export of a package no descriptor describes is code verdict does not read, so unknown.

export interface InertExports {
  package: string;
  /** The exports, or `*` for every export of the package (a validation or documentation decorator library). */
  exports: readonly string[] | '*';
  what: string;
  example: string;
  source: string;
}

export const INERT_EXPORTS: readonly InertExports[] = [
  {
    package: '@nestjs/common',
    exports: [
      'Controller', 'Injectable', 'Module', 'Global', 'Inject', 'Optional', 'Catch',
      'Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head', 'HttpCode', 'Header', 'Redirect', 'Version', 'Render',
      'Body', 'Param', 'Query', 'Headers', 'Req', 'Request', 'Res', 'Response', 'Next', 'Ip', 'HostParam', 'Session', 'UploadedFile', 'UploadedFiles',
      'UseGuards', 'UseInterceptors', 'UsePipes', 'UseFilters', 'SetMetadata', 'applyDecorators',
      'HttpStatus', 'HttpException', 'BadRequestException', 'UnauthorizedException', 'ForbiddenException', 'NotFoundException',
      'ConflictException', 'GoneException', 'PayloadTooLargeException', 'UnprocessableEntityException', 'InternalServerErrorException',
      'NotImplementedException', 'ServiceUnavailableException', 'RequestTimeoutException', 'NotAcceptableException', 'MethodNotAllowedException',
      'ParseIntPipe', 'ParseFloatPipe', 'ParseBoolPipe', 'ParseArrayPipe', 'ParseUUIDPipe', 'ParseEnumPipe', 'DefaultValuePipe', 'ValidationPipe',
    ],
    what: 'route, parameter and injection decorators, HTTP exceptions, parameter pipes',
    example: "import { Body, Controller, NotFoundException, Post } from '@nestjs/common'; @Controller('rooms') class C { @Post('search') s(@Body() b: Dto) { throw new NotFoundException(); } }",
    source: 'https://docs.nestjs.com/controllers',
  },
  { package: 'class-validator', exports: '*', what: 'validation decorators and validate()', example: "import { IsString } from 'class-validator'; class Dto { @IsString() name!: string }", source: 'https://github.com/typestack/class-validator#usage' },
  { package: 'class-transformer', exports: '*', what: 'conversion between plain objects and class instances', example: "import { plainToInstance } from 'class-transformer'; plainToInstance(Dto, body)", source: 'https://github.com/typestack/class-transformer#methods' },
  { package: '@nestjs/swagger', exports: ['ApiTags', 'ApiOperation', 'ApiResponse', 'ApiOkResponse', 'ApiCreatedResponse', 'ApiBody', 'ApiQuery', 'ApiParam', 'ApiProperty', 'ApiPropertyOptional', 'ApiBearerAuth', 'ApiHeader', 'ApiExcludeEndpoint'], what: 'OpenAPI documentation decorators', example: "import { ApiTags } from '@nestjs/swagger'; @ApiTags('rooms') class C {}", source: 'https://docs.nestjs.com/openapi/decorators' },
];

/** Whether an export of a package changes nothing stored and sends nothing when a handler uses it (INERT_EXPORTS). */
export function isInertExport(module: string, name: string | undefined): boolean {
  return INERT_EXPORTS.some((e) => e.package === module && (e.exports === '*' || (name !== undefined && e.exports.includes(name))));
}

/**
 * Calls of a model-inference SDK that ask for a generation and store nothing (a chat completion, an
 * embedding, a moderation): the SDK's client is constructed from the package and these members are
 * called on it. Any other call on the client (`files.create`, `beta.threads.messages.create`) is a
 * write on the provider's side, as an ORM-write-shaped call is.
 */
export interface InferenceCalls { package: string; paths: readonly string[]; example: string; source: string }

export const INFERENCE_CALLS: readonly InferenceCalls[] = [
  { package: 'openai', paths: ['chat.completions.create', 'completions.create', 'responses.create', 'embeddings.create', 'moderations.create'], example: "const openai = new OpenAI(); await openai.chat.completions.create({ model, messages })", source: 'https://github.com/openai/openai-node#usage' },
  { package: '@anthropic-ai/sdk', paths: ['messages.create', 'messages.countTokens'], example: "const anthropic = new Anthropic(); await anthropic.messages.create({ model, max_tokens, messages })", source: 'https://github.com/anthropics/anthropic-sdk-typescript#usage' },
];

/** The inference package whose generation call a written callee is (`openai.chat.completions.create`, `openai#default#chat#completions#create`), or null. */
export function inferenceCallOf(callee: string): string | null {
  const parts = callee.split(/[#.]/);
  for (const e of INFERENCE_CALLS) {
    for (const p of e.paths) {
      const tail = p.split('.');
      // At least one segment before the path: the client it is called on.
      if (parts.length > tail.length && tail.every((t, i) => parts[parts.length - tail.length + i] === t)) return e.package;
    }
  }
  return null;
}
