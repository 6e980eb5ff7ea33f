// What a function's body does, as collectors record it for a handler, a middleware or a guard they
// can see (collectors/body-facts.ts makes it; link/guards.ts and handlers.ts judge it).

export interface BodyFacts {
  /**
   * Callees, in order, at most 40. An imported function as `module#export` (`jsonwebtoken#default#verify`
   * for `jwt.verify` on a default import, `jose#jwtVerify` through a namespace or a `require`); a
   * method of a value an imported function or class made in this file as `module#export#member`
   * (`@prisma/client#PrismaClient#user#create` for `prisma.user.create` on `new PrismaClient()`); a
   * method of a built-in made in place or in this file as `Ctor#member` (`Map#set` for `new Map().set`),
   * of a value an undeclared function made as `fn()#member` (`createHash()#update`);
   * anything else as written (`c.env.DB.prepare`). Tagged templates count as calls of their tag.
   */
  calls: string[];
  /** The callees among `calls` it constructs with `new` (`new DeleteUserCommand(...)`): values made, no checks run. */
  constructed?: string[];
  /** Answers 401 or 403, or names that answer (`Unauthorized`, `ForbiddenException`). */
  denies?: boolean;
  /** Answers 401 or says "unauthorized"/"unauthenticated": not merely forbidden. */
  unauthenticated?: boolean;
  /** Throws. */
  throws?: boolean;
  /** Credential-bearing request fields it reads (`authorization`, `cookie`, `x-api-key`), lower case. */
  credentials?: string[];
  /** Webhook providers' headers it reads (`stripe-signature`, `x-telegram-bot-api-secret-token`), lower case (knowledge/webhooks). */
  webhookHeaders?: string[];
  /**
   * Status codes it answers with: numbers given to a call (`res.status(405)`, `ws.close(4401)`) or as
   * `status:`/`statusCode:`, HTTP statuses and WebSocket close codes, sorted.
   */
  statuses?: number[];
  /** Awaits something or chains `.then`. */
  awaits?: boolean;
  /** Boolean options it writes in object literals, as `name=true`/`name=false` (`skipAuth=true`), at most 8. */
  options?: string[];
  /** Callees whose first argument is a parameter of the function (`getServiceContextFromRequest(req)`), at most 8. */
  requestCalls?: string[];
  /**
   * The fields of the function's first parameter (the request, or the context) it reads: `req.sessionID` ->
   * `sessionID`, `ctx.request.body` -> `request`; `*` when the parameter itself is handed on or taken apart. At most 16, sorted.
   * A NestJS handler's decorated parameters each count as the field they are (`@Session() s` -> `session`,
   * `@Body() dto` -> `body`); one of the app's own decorators as `@<name>`, which the link stage names.
   */
  requestFields?: string[];
  /**
   * Callees whose every call reads that parameter in its arguments, directly or through a variable of the
   * body (`const id = req.user?._id ?? req.sessionID; Thread.deleteMany({ owner: id })`), with the fields
   * read; what a write is keyed by. At most 8.
   */
  keyedCalls?: Array<{ callee: string; fields: string[] }>;
  /** Functions of this file it calls, resolved by scope (not by name), with what their bodies do; one level, at most 8. */
  helpers?: Array<{ name: string; body: BodyFacts }>;
  /**
   * It asks a CAPTCHA service whether the visitor's token is good (knowledge/captcha): a string naming
   * the verification endpoint, or a call of a server client; the service and the line.
   */
  captcha?: { service: string; line: number };
  /** An `if` that reads a `success` field (`!data.success`, `const { success } = ...`) ends the request when it holds (returns or throws). */
  successGate?: true;
  /** Callees called in the condition of an `if` that ends the request (`if (!(await verifyTurnstile(token))) return ...`), or that made the value it tests; at most 8. */
  gateCalls?: string[];
  /**
   * Awaited outbound calls that send a value read from the request in a credential header
   * (`await axios.post(introspect, {}, { headers: { Authorization: 'Bearer ' + req.token } })`): the
   * handler asks another service about the caller (token introspection). Callees as in `calls`, at most 4.
   */
  forwardsCredential?: string[];
  /**
   * Where a middleware calls its continuation (`next()`) on a path where the request's credential is
   * absent or did not verify (collectors/continuation): `absent`, the branch of an `if` testing the
   * credential (or a value made from it) that says there is none; `caught`, after a `catch` that does not
   * end the request, with the callees of its `try` block; `callback`, in a function handed to a call
   * (`passport.authenticate(..., (err, user) => { next() })`), with nothing before it that ends the request. At most 4.
   */
  passesOn?: Array<{ when: 'absent' | 'caught' | 'callback'; line: number; calls?: string[] }>;
  /**
   * Role fields (knowledge ROLE_FIELDS) it sets from the request body: `user.role = req.body.role`,
   * `{ data: { role } }` with `role` taken from `req.body`; the field as written and the line. At most 4.
   */
  grants?: Array<{ field: string; line: number }>;
  /**
   * It reads what the caller may do: a role field (knowledge ROLE_FIELDS) of a value taken from a
   * parameter (`req.user.role`, `req.auth.permissions`, `res.locals.user.roles`, `user.role` with
   * `const user = req.user`); the line of the first. A parameter of the function or of one inside it.
   */
  callerRole?: number;
  /** Guards it hands to NestJS `UseGuards(...)` (a decorator of the app's own composing them with `applyDecorators`). */
  guards?: GuardRef[];
}

/** A reference to a guard class or middleware, as written: its name, where it was imported from, and its string arguments. */
export interface GuardRef {
  name: string;
  from: string | null;
  imported: string | null;
  /** The string literals among its arguments (`AuthGuard(['jwt', 'anonymous'])` -> jwt, anonymous). */
  args?: string[];
}
