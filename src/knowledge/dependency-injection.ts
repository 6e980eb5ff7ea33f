// What a dependency-injection container does with the classes it manages: a provider is constructed
// and handed to the classes that ask for it, and its methods run when they call them, except for the
// lifecycle hooks, which the container calls itself.

export interface ProviderDecorator {
  /** The decorator's name as written on the class. */
  name: string;
  package: string;
  /** Methods the container calls on every provider that declares them. */
  lifecycle: readonly string[];
  /** Of those, the ones it calls while the application starts (before or as it begins listening). */
  startup: readonly string[];
  example: string;
  source: string;
}

export const PROVIDER_DECORATORS: readonly ProviderDecorator[] = [
  {
    name: 'Injectable', package: '@nestjs/common',
    lifecycle: ['onModuleInit', 'onApplicationBootstrap', 'onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown'],
    startup: ['onModuleInit', 'onApplicationBootstrap'],
    example: "@Injectable() export class CatsService implements OnModuleInit { onModuleInit() {} findAll() { return []; } }",
    source: 'https://docs.nestjs.com/fundamentals/lifecycle-events',
  },
];

/** Whether every decorator on a class only makes it a provider (the container constructs it and calls no other method). */
export function onlyProvider(decorators: readonly string[]): boolean {
  return decorators.length > 0 && decorators.every((d) => PROVIDER_DECORATORS.some((p) => p.name === d));
}

/** Whether the container calls this method of a provider decorated so. */
export function isLifecycleMethod(decorators: readonly string[], method: string): boolean {
  return PROVIDER_DECORATORS.some((p) => decorators.includes(p.name) && p.lifecycle.includes(method));
}

/** Whether the container calls this method while the application starts (`onModuleInit`), on a class decorated so or on a module class. */
export function isStartupHook(decorators: readonly string[], method: string): boolean {
  return PROVIDER_DECORATORS.some((p) => (decorators.includes(p.name) || decorators.includes('Module')) && p.startup.includes(method));
}
