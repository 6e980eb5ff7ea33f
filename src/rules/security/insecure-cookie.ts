import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import type { Scope } from '../../collect/scope.js';
import { constInitializer, valueOf } from '../shared/ast.js';
import { bindingsOf, callsExport } from '../shared/imports.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { isSessionCookieName } from '../../knowledge/index.js';

/** A string fixed in the code: a literal, or a const bound to one. */
function stringValue(e: ts.Expression | undefined, scope: Scope): string | null {
  if (!e) return null;
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    return init && ts.isStringLiteralLike(init) ? init.text : null;
  }
  return null;
}

interface CookieCall {
  /** How the cookie is set, for the message. */
  api: string;
  name: ts.Expression | undefined;
  value: ts.Expression | undefined;
  options: ts.Expression | undefined;
}

/** The frameworks' response types, by their exported names. */
const RESPONSE_TYPES = ['Response', 'FastifyReply'];

/**
 * Whether a name is a handler's response parameter: typed with one of the framework's imported
 * types (`res: Response`), or in the response's place of a handler, `(req, res)` / `(err, req, res, next)`.
 */
function isResponseParameter(id: ts.Identifier, types: ReadonlySet<string>, scope: Scope): boolean {
  const b = scope.resolve(id);
  if (b?.kind !== 'parameter') return false;
  const type = b.decl.type;
  if (type && ts.isTypeReferenceNode(type)) return types.has(type.typeName.getText());
  return b.index === 1 || (b.index === 2 && b.fn.parameters.length === 4);
}

/** `cookies()` of next/headers, awaited or not, directly or through a local variable. */
function isNextCookieStore(e: ts.Expression, sf: ts.SourceFile, scope: Scope): boolean {
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) {
    const init = valueOf(e, scope);
    return init !== null && init !== e && isNextCookieStore(init, sf, scope);
  }
  return ts.isCallExpression(e) && callsExport(e, sf, ['next/headers'], ['cookies']) !== null;
}

/** The cookie a call sets, resolved through the library it comes from; null for any other call. */
function cookieCall(call: ts.CallExpression, sf: ts.SourceFile, scope: Scope): CookieCall | null {
  const a = call.arguments;
  const hono = callsExport(call, sf, ['hono/cookie'], ['setCookie', 'setSignedCookie']);
  if (hono) return { api: `hono ${hono}()`, name: a[1], value: a[2], options: a[hono === 'setSignedCookie' ? 4 : 3] };
  if (callsExport(call, sf, ['cookie'], ['serialize'])) return { api: 'cookie.serialize()', name: a[0], value: a[1], options: a[2] };
  const e = call.expression;
  if (!ts.isPropertyAccessExpression(e)) return null;
  if (e.name.text === 'set' && isNextCookieStore(e.expression, sf, scope)) {
    // `cookies().set({ name, value, httpOnly })`: the options are the object itself.
    if (a[0] && ts.isObjectLiteralExpression(a[0])) {
      const prop = (key: string) => a[0] && ts.isObjectLiteralExpression(a[0])
        ? a[0].properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(sf) === key)?.initializer
        : undefined;
      return { api: 'next/headers cookies().set()', name: prop('name'), value: prop('value'), options: a[0] };
    }
    return { api: 'next/headers cookies().set()', name: a[0], value: a[1], options: a[2] };
  }
  // A handler's response object, in a file that uses the framework.
  const framework = e.name.text === 'cookie' ? { api: 'express res.cookie()', modules: ['express'] }
    : e.name.text === 'setCookie' ? { api: 'fastify reply.setCookie()', modules: ['fastify', '@fastify/cookie'] } : null;
  if (!framework || a.length < 2 || !ts.isIdentifier(e.expression)) return null;
  const b = bindingsOf(sf, framework.modules);
  if (b.whole.size === 0 && b.named.size === 0) return null;
  const types = new Set([...b.named].filter(([, exported]) => RESPONSE_TYPES.includes(exported)).map(([local]) => local));
  for (const ns of b.whole) for (const t of RESPONSE_TYPES) types.add(`${ns}.${t}`);
  if (!isResponseParameter(e.expression, types, scope)) return null;
  return { api: framework.api, name: a[0], value: a[1], options: a[2] };
}

type Flag = 'set' | 'off' | 'missing';

/** The httpOnly and secure flags an options argument sets; null when it cannot be read (built elsewhere, spread). */
function flagsOf(options: ts.Expression | undefined, sf: ts.SourceFile, scope: Scope): { httpOnly: Flag; secure: Flag; clears: boolean } | null {
  if (!options) return { httpOnly: 'missing', secure: 'missing', clears: false };
  let obj: ts.Expression | null = options;
  if (ts.isIdentifier(obj)) obj = valueOf(obj, scope);
  if (!obj || !ts.isObjectLiteralExpression(obj)) return null;
  if (obj.properties.some((p) => ts.isSpreadAssignment(p))) return null;
  const init = (key: string): ts.Expression | undefined | null => {
    const p = obj.properties.find((x) => x.name !== undefined && x.name.getText(sf).replace(/['"]/g, '') === key);
    if (!p) return undefined;
    return ts.isPropertyAssignment(p) ? p.initializer : null; // shorthand or method: set, value unknown
  };
  const flag = (key: string): Flag => {
    const v = init(key);
    if (v === undefined) return 'missing';
    return v !== null && v.kind === ts.SyntaxKind.FalseKeyword ? 'off' : 'set';
  };
  const maxAge = init('maxAge');
  const expires = init('expires');
  // Hono's `prefix: 'secure' | 'host'` makes the cookie secure.
  const secure = init('prefix') !== undefined ? 'set' : flag('secure');
  const clears = (maxAge != null && ts.isNumericLiteral(maxAge) && Number(maxAge.text) === 0)
    || (expires != null && ts.isNewExpression(expires) && expires.arguments?.length === 1 && ts.isNumericLiteral(expires.arguments[0]) && expires.arguments[0].text === '0');
  return { httpOnly: flag('httpOnly'), secure, clears };
}

export default defineSourceRule({
  id: 'security/insecure-cookie',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'Session cookie set without httpOnly or secure',
    rationale: 'A session or token cookie without `httpOnly` can be read by any script on the page, so one XSS hands over the session; without `secure` it also travels over plain HTTP.',
    remediation: {
      text: "Set session cookies with `{ httpOnly: true, secure: true, sameSite: 'lax' }` (Express, Hono, Fastify, Next.js `cookies().set`, `cookie.serialize`); use a `__Host-` name where you can.",
      effort: 'low',
    },
    messages: {
      httpOnlyDisabled: '{{api}} sets the session cookie `{{name}}` with httpOnly: false: any script on the page (an XSS) can read it',
      noFlags: '{{api}} sets the session cookie `{{name}}` without httpOnly or secure: scripts can read it and it is sent over plain HTTP',
      httpOnlyMissing: '{{api}} sets the session cookie `{{name}}` without httpOnly: any script on the page (an XSS) can read it',
      secureMissing: '{{api}} sets the session cookie `{{name}}` without secure: it is sent over plain HTTP',
    },
  },
  triggers: ['.cookie(', 'setCookie', 'SignedCookie', 'serialize(', 'cookies()'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script' && f.role !== 'config',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const sf = ctx.sourceFile;
        const cookie = cookieCall(call, sf, ctx.scope);
        if (!cookie) return;
        const name = stringValue(cookie.name, ctx.scope);
        if (name === null || !isSessionCookieName(name)) return;
        if (stringValue(cookie.value, ctx.scope) === '') return; // clearing it
        const flags = flagsOf(cookie.options, sf, ctx.scope);
        if (!flags || flags.clears) return;
        // A `__Host-`/`__Secure-` cookie without secure is refused by the browser: a bug, not a leak.
        const secureMissing = flags.secure !== 'set' && !/^__(Host|Secure)-/.test(name);
        const data = { api: cookie.api, name };
        if (flags.httpOnly === 'off') ctx.report({ node: call, messageId: 'httpOnlyDisabled', data });
        else if (flags.httpOnly === 'missing') ctx.report({ node: call, messageId: secureMissing ? 'noFlags' : 'httpOnlyMissing', data });
        else if (secureMissing) ctx.report({ node: call, messageId: 'secureMissing', severity: 'low', data });
      },
    };
  },
});
