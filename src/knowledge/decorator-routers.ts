// Routers declared with decorators on classes, beyond NestJS controllers (collect/collectors/routes-nest):
// which class decorator makes a class a router, which method decorators make a method a route or a
// GraphQL operation, and which decorators put a guard or a middleware in front of it. A file that
// declares routes with the decorators of a package verdict cannot read makes the route checks unknown
// for that file, never a pass.

export interface DecoratorRouter {
  package: string;
  /** The framework its routes are listed under (NestJS resolvers take the Nest app's global guards). */
  framework: string;
  kind: 'http' | 'graphql';
  /** Class decorators that make the class a router; the first argument is its path prefix (HTTP). */
  classes: readonly string[];
  /** Method decorators that make a method a route, with the HTTP method (GraphQL: a query reads, a mutation writes). */
  verbs: Readonly<Record<string, string>>;
  /** Decorators whose presence guards the route (the library calls the app's authorization checker). */
  auth: readonly string[];
  /** Decorators whose arguments are middleware or guards run before the route. */
  middleware: readonly string[];
  /**
   * Parameter decorators that refuse the request when given `{ required: true }` and the value is missing
   * (routing-controllers `@CurrentUser({ required: true })`: AuthorizationRequiredError, 401): a guard of the route.
   */
  requiredParams?: readonly string[];
  example: string;
  source: string;
}

export const DECORATOR_ROUTERS: readonly DecoratorRouter[] = [
  {
    package: 'routing-controllers', framework: 'routing-controllers', kind: 'http', classes: ['JsonController', 'Controller'],
    verbs: { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Head: 'HEAD', All: 'ALL' },
    auth: ['Authorized'], middleware: ['UseBefore'], requiredParams: ['CurrentUser'],
    example: "import { JsonController, Post, Authorized } from 'routing-controllers';\n@JsonController('/pets') export class PetController { @Authorized() @Post('/') create() { return this.repo.save({}); } }",
    source: 'https://github.com/typestack/routing-controllers#using-authorization-features',
  },
  {
    package: 'type-graphql', framework: 'type-graphql', kind: 'graphql', classes: ['Resolver'],
    verbs: { Query: 'GET', Mutation: 'POST', Subscription: 'GET' },
    auth: ['Authorized'], middleware: ['UseMiddleware'],
    example: "import { Resolver, Mutation, Authorized } from 'type-graphql';\n@Resolver() export class PetResolver { @Authorized() @Mutation() addPet() { return this.repo.save({}); } }",
    source: 'https://typegraphql.com/docs/authorization.html',
  },
  {
    package: '@nestjs/graphql', framework: 'nestjs', kind: 'graphql', classes: ['Resolver'],
    verbs: { Query: 'GET', Mutation: 'POST', Subscription: 'GET' },
    auth: [], middleware: ['UseGuards'],
    example: "import { Resolver, Mutation } from '@nestjs/graphql';\n@Resolver() export class PetResolver { @Mutation() addPet() { return this.repo.save({}); } }",
    source: 'https://docs.nestjs.com/graphql/resolvers',
  },
];

/** Packages whose decorators declare routes verdict does not read: a file using them leaves the route checks unknown. */
export const UNREAD_ROUTER_PACKAGES: ReadonlyArray<{ package: string; decorators: readonly string[]; source: string }> = [
  { package: '@overnightjs/core', decorators: ['Controller', 'Get', 'Post', 'Put', 'Patch', 'Delete'], source: 'https://github.com/seanpmaxwell/overnight#readme' },
  { package: 'tsoa', decorators: ['Route', 'Get', 'Post', 'Put', 'Patch', 'Delete'], source: 'https://tsoa-community.github.io/docs/getting-started.html' },
  { package: '@decorators/express', decorators: ['Controller', 'Get', 'Post', 'Put', 'Delete'], source: 'https://github.com/serhiisol/node-decorators' },
  { package: 'inversify-express-utils', decorators: ['controller', 'httpGet', 'httpPost', 'httpPut', 'httpDelete'], source: 'https://github.com/inversify/inversify-express-utils' },
];
