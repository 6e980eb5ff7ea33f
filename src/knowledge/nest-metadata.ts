// NestJS metadata, as the framework's own exports write and read it: what a route table needs to follow a
// decorator of the app (`export const Roles = (...r) => SetMetadata(ROLES_KEY, r)`) to the guard that reads
// its key through the Reflector, and to tell which argument is the key.

export interface NestMetadataApi {
  /** `SetMetadata(key, value)`: a decorator that stores `value` under `key` on the method or class it decorates. */
  setter: { package: string; export: string; keyArg: number; valueArg: number };
  /** `applyDecorators(...decorators)`: one decorator applying each of its arguments. */
  composer: { package: string; export: string };
  /** `UseGuards(...guards)`: puts guards in the chain of the method or class it decorates. */
  guards: { package: string; export: string };
  /** The Reflector's methods that read metadata by key (first argument) for a target or targets (second). */
  reflector: { package: string; export: string; readers: readonly string[]; createDecorator: string };
  /** The global `Reflect.getMetadata(key, target)` (reflect-metadata) reads what SetMetadata wrote as well. */
  reflectReaders: readonly string[];
  /** `ExecutionContext` methods naming whose metadata is read: the handler's (method) or the controller's (class). */
  targets: Readonly<Record<string, 'method' | 'class'>>;
  source: string;
}

export const NEST_METADATA: NestMetadataApi = {
  setter: { package: '@nestjs/common', export: 'SetMetadata', keyArg: 0, valueArg: 1 },
  composer: { package: '@nestjs/common', export: 'applyDecorators' },
  guards: { package: '@nestjs/common', export: 'UseGuards' },
  reflector: { package: '@nestjs/core', export: 'Reflector', readers: ['get', 'getAll', 'getAllAndOverride', 'getAllAndMerge'], createDecorator: 'createDecorator' },
  reflectReaders: ['getMetadata', 'getOwnMetadata'],
  targets: { getHandler: 'method', getClass: 'class' },
  source: 'https://docs.nestjs.com/guards#setting-roles-per-handler; https://github.com/nestjs/nest/blob/master/packages/core/services/reflector.service.ts; https://github.com/nestjs/nest/blob/master/packages/common/decorators/core/set-metadata.decorator.ts',
};

/** Whether a method name reads metadata by key: a Reflector reader, or `Reflect.getMetadata`. */
export function readsNestMetadata(method: string): boolean {
  return NEST_METADATA.reflector.readers.includes(method) || NEST_METADATA.reflectReaders.includes(method);
}

/** Whether an import (`from`, `imported`) is the `@nestjs/common` export of that role. */
export function isNestExport(role: 'setter' | 'composer' | 'guards', from: string | undefined, imported: string | undefined): boolean {
  const e = NEST_METADATA[role];
  return from === e.package && imported === e.export;
}
