// What a request carries about the caller's own session, per framework and session library: a value
// the server keeps for this caller (its session, the session's id, the user a session loaded), never
// one the caller names. A write keyed only by such values changes the caller's own data, whoever the
// caller is; a key from `params`, `body` or `query` names someone else's.

export interface SessionField {
  /** The field of the handler's request (or context) object: `req.<field>`, `ctx.<field>`. */
  field: string;
  library: string;
  example: string;
  source: string;
}

export const SESSION_FIELDS: readonly SessionField[] = [
  { field: 'session', library: 'express-session, cookie-session, @fastify/session, koa-session', example: "await db.cart.update({ where: { sessionId: req.session.id }, data: { items: [] } });", source: 'https://github.com/expressjs/session#reqsession' },
  { field: 'sessionID', library: 'express-session', example: 'await Thread.deleteMany({ owner: req.sessionID });', source: 'https://github.com/expressjs/session#reqsessionid' },
  { field: 'sessionId', library: '@fastify/session', example: 'await carts.delete({ session: request.sessionId });', source: 'https://github.com/fastify/session#requestsessionid' },
  { field: 'user', library: 'passport (the user its session strategy deserialised)', example: 'await Thread.deleteMany({ owner: req.user?._id ?? req.sessionID });', source: 'https://www.passportjs.org/concepts/authentication/sessions/' },
  // Methods on the request that read or write the caller's own session, no value of the caller's choosing.
  { field: 'flash', library: 'connect-flash', example: "req.flash('success', { msg: 'Reset.' });", source: 'https://github.com/jaredhanson/connect-flash#usage' },
  { field: 'isAuthenticated', library: 'passport', example: 'if (req.isAuthenticated()) return next();', source: 'https://www.passportjs.org/concepts/authentication/sessions/' },
  { field: 'logout', library: 'passport', example: 'req.logout(() => res.redirect("/"));', source: 'https://www.passportjs.org/concepts/authentication/logout/' },
];

const FIELDS = new Set(SESSION_FIELDS.map((s) => s.field));

/** Whether a field of the handler's request object holds the caller's own session (or acts on it), as named above. */
export function isSessionField(field: string): boolean {
  return FIELDS.has(field);
}
