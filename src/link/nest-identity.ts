// Who a NestJS handler's caller is, as its decorated parameters say. Collect records a parameter of a
// decorator of the app's own as `@<name>` among the request fields a body reads; the decorator's
// definition (`createParamDecorator((data, ctx) => ctx.switchToHttp().getRequest().user)`, a
// `nest-param-decorator` record) names the field it is, here. And a field that holds the caller is
// only the caller's when something in the route's chain puts it there: a guard (which may set
// `request.user` and let everyone through), or a session library installed on the app.
import type { BodyFacts } from '../collect/facts/body.js';
import type { KindOf, Mw } from '../collect/facts/routes.js';
import { SESSION_ONLY_PACKAGES } from '../knowledge/index.js';
import type { Target } from './graph.js';

type ParamDecorator = KindOf<'nest-param-decorator'> & { path: string };
type NestGlobal = KindOf<'nest-global'> & { path: string };

export interface NestIdentityInput {
  decorators: readonly ParamDecorator[];
  globals: readonly NestGlobal[];
  imports: ReadonlyMap<string, ReadonlyMap<string, { from: string; imported: string }>>;
  resolveModule: (fromFile: string, spec: string) => string | null;
  resolveExport: (file: string, name: string) => Target | null;
  /** Whether a record of the app's Nest globals belongs to the app `file` is part of. */
  inApp: (record: NestGlobal, file: string) => boolean;
}

/** Packages whose middleware, installed on the app, loads the caller's user from the session (`app.use(passport.session())`). */
const SESSION_USER_PACKAGES = ['passport'];

export function nestIdentity(input: NestIdentityInput) {
  const byKey = new Map(input.decorators.map((d) => [`${d.path}#${d.name}`, d]));
  /** The field a `@<name>` parameter of `file` is: its definition's, or null when it cannot be read. */
  const fieldOf = (file: string, name: string): string | null => {
    const own = byKey.get(`${file}#${name}`);
    if (own) return own.field;
    const imp = input.imports.get(file)?.get(name);
    const target = imp ? input.resolveModule(file, imp.from) : null;
    if (!imp || !target) return null;
    const direct = byKey.get(`${target}#${imp.imported}`);
    if (direct) return direct.field;
    const t = input.resolveExport(target, imp.imported);
    return t && 'decl' in t ? byKey.get(`${t.decl.path}#${t.decl.id}`)?.field ?? null : null;
  };
  const rename = (file: string, fields: readonly string[]): string[] =>
    [...new Set(fields.map((f) => (f.startsWith('@') ? fieldOf(file, f.slice(1)) ?? f : f)))].sort();
  return {
    /** The body with each `@<name>` field named by its decorator's definition (left as it is when unread: no session field). */
    resolve(file: string, body: BodyFacts): BodyFacts {
      const named = (body.requestFields ?? []).some((f) => f.startsWith('@')) || (body.keyedCalls ?? []).some((k) => k.fields.some((f) => f.startsWith('@')));
      if (!named) return body;
      return {
        ...body,
        ...(body.requestFields ? { requestFields: rename(file, body.requestFields) } : {}),
        ...(body.keyedCalls ? { keyedCalls: body.keyedCalls.map((k) => ({ ...k, fields: rename(file, k.fields) })) } : {}),
      };
    },
    /**
     * Whether the route's chain puts the caller in every field the body reads of the request: `user`
     * needs a guard of the chain (none of which refuses, or the route would be guarded) or a
     * session library installed on the app; `session` and the like a session library.
     */
    established(file: string, body: BodyFacts, mws: readonly Mw[]): boolean {
      const installed = input.globals.filter((g) => input.inApp(g, file)).flatMap((g) => g.appMiddleware ?? []);
      const chainSession = mws.some((m) => m.from !== null && SESSION_ONLY_PACKAGES.includes(m.from));
      const session = chainSession || installed.some((m) => m.from !== null && SESSION_ONLY_PACKAGES.includes(m.from));
      const guard = mws.some((m) => m.nest === 'guard' || m.nest === 'decorator');
      const sessionUser = session && installed.some((m) => m.from !== null && SESSION_USER_PACKAGES.includes(m.from));
      return (body.requestFields ?? []).every((f) => (f === 'user' ? guard || sessionUser : session));
    },
  };
}
