// Routers declared with decorators other than NestJS controllers (knowledge/decorator-routers.ts):
// routing-controllers `@JsonController('/pets')` classes with `@Get`/`@Post` methods, type-graphql and
// @nestjs/graphql `@Resolver()` classes with `@Query`/`@Mutation` operations. Each route carries the
// guards of the class and the method: an auth decorator (`@Authorized()`) as the library's export, the
// arguments of `@UseBefore(...)`, `@UseMiddleware(...)`, `@UseGuards(...)`. Files that declare routes
// with decorators of a package verdict does not read are recorded as such.
import ts from 'typescript';
import { lineTextOf } from '../../util/text.js';
import type { SourceContext } from '../host.js';
import { DECORATOR_ROUTERS, UNREAD_ROUTER_PACKAGES, type DecoratorRouter } from '../../knowledge/index.js';
import { bodyFacts, type Imports, type Mw } from './routes-ast.js';
import { decoratorsOf, guardOf, pathOf, type Decorator } from './routes-nest.js';
import { joinNestPath } from '../facts/routes.js';

/** The routers a file's imports make readable, and the unread decorator packages it imports. */
export function decoratorPackages(imports: Imports): { routers: DecoratorRouter[]; unread: string[] } {
  const froms = new Set([...imports.values()].map((i) => i.from));
  return {
    routers: DECORATOR_ROUTERS.filter((r) => froms.has(r.package)),
    unread: UNREAD_ROUTER_PACKAGES.filter((u) => froms.has(u.package)).map((u) => u.package),
  };
}

export function decoratorRoutes(ctx: SourceContext, imports: Imports): Array<Record<string, unknown>> {
  const { routers, unread } = decoratorPackages(imports);
  const out: Array<Record<string, unknown>> = [];
  const sf = ctx.sourceFile;
  const from = (d: Decorator): string | null => imports.get(d.name)?.from ?? null;
  for (const stmt of sf.statements) {
    if (!ts.isClassDeclaration(stmt)) continue;
    const classDecorators = decoratorsOf(stmt);
    for (const pkg of unread) {
      const declared = UNREAD_ROUTER_PACKAGES.find((u) => u.package === pkg)!.decorators;
      if (classDecorators.some((d) => from(d) === pkg && declared.includes(imports.get(d.name)!.imported))) {
        out.push({ kind: 'unread-routes', from: pkg, line: ctx.lineOf(stmt) });
      }
    }
    for (const router of routers) {
      const own = (d: Decorator) => from(d) === router.package;
      const cls = classDecorators.find((d) => own(d) && router.classes.includes(imports.get(d.name)!.imported));
      if (!cls) continue;
      const prefix = router.kind === 'http' ? pathOf(cls.args[0]) ?? `{${cls.args[0].getText(sf)}}` : '/graphql';
      const guardsOf = (ds: Decorator[]): Mw[] => ds.flatMap((d): Mw[] => {
        const imp = imports.get(d.name);
        if (!imp) return [];
        if (imp.from === router.package && router.auth.includes(imp.imported)) return [{ name: d.name, from: imp.from, imported: imp.imported, args: d.args.map((a) => a.getText(sf)) }];
        if (!router.middleware.includes(imp.imported)) return [];
        // A Nest guard class is judged as one; a routing-controllers or type-graphql middleware as a function.
        return d.args.map((a) => {
          const { nest, ...m } = guardOf(a, imports);
          return router.framework === 'nestjs' ? { ...m, nest } : m;
        });
      });
      const classGuards = guardsOf(classDecorators);
      for (const member of stmt.members) {
        if (!ts.isMethodDeclaration(member) || !member.body) continue;
        const decorators = decoratorsOf(member);
        const verb = decorators.find((d) => own(d) && imports.get(d.name)!.imported in router.verbs);
        if (!verb) continue;
        const name = member.name.getText(sf);
        const sub = router.kind === 'http' ? pathOf(verb.args[0]) ?? `{${verb.args[0].getText(sf)}}` : name;
        const line = ctx.lineOf(member.name);
        out.push({
          kind: 'route', framework: router.framework, receiver: null, method: router.verbs[imports.get(verb.name)!.imported], url: joinNestPath(prefix, sub), line,
          controller: stmt.name?.text ?? null, snippet: lineTextOf(sf, ctx.text, line).trim().slice(0, 160),
          middleware: [...classGuards, ...guardsOf(decorators), ...requiredParams(member, router, imports, sf)],
          ...bodyFacts(`${stmt.name?.text ?? 'class'}.${name}`, member.body, sf, ctx.scope),
          decorators: [...new Set([...classDecorators, ...decorators].map((d) => d.name))],
          ...(router.kind === 'graphql' ? { graphql: true } : {}),
        });
      }
    }
  }
  return out;
}

/** The parameters whose decorator refuses the request when its value is missing (`@CurrentUser({ required: true })`): guards of the route. */
function requiredParams(member: ts.MethodDeclaration, router: DecoratorRouter, imports: Imports, sf: ts.SourceFile): Mw[] {
  const out: Mw[] = [];
  for (const p of member.parameters) {
    for (const d of decoratorsOf(p)) {
      const imp = imports.get(d.name);
      if (!imp || imp.from !== router.package || !(router.requiredParams ?? []).includes(imp.imported)) continue;
      const opts = d.args[0];
      const required = opts && ts.isObjectLiteralExpression(opts) && opts.properties.some((x) => ts.isPropertyAssignment(x) && x.name.getText(sf) === 'required' && x.initializer.kind === ts.SyntaxKind.TrueKeyword);
      if (required) out.push({ name: d.name, from: imp.from, imported: imp.imported, args: d.args.map((a) => a.getText(sf)) });
    }
  }
  return out;
}
