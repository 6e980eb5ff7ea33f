import ts from 'typescript';
import { defineSourceRule, type ReviewContext, type RuleFinding } from '../api.js';
import { requireOf, type Scope } from '../../collect/scope.js';
import type { RepoLayout } from '../../discover/index.js';
import { packageOf } from '../../discover/index.js';
import { constInitializer, valueOf } from '../shared/ast.js';
import { cookieOptionRecords, flagsOfObject, isImported, resolveObject, type CookieFlags, type CookieOptionsRecord, type ImportedOptions } from '../shared/cookie-options.js';
import { bindingsOf, callsExport } from '../shared/imports.js';
import { canGive, conventionalValue, decideReading, envReadingOf, readingAt, settingEvidence } from '../shared/env-default.js';
import { holdsSignedToken } from '../shared/jwt.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { COOKIE_SETTER_DEFAULTS, isSessionCookieName, nestParamField, sessionMiddlewareCookieOf } from '../../knowledge/index.js';

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
  /** Modules the package must depend on for this to be the framework's call (the file imports none of them); null when settled. */
  unconfirmed: readonly string[] | null;
  /** The module whose setter defaults apply to flags the options leave out (knowledge cookie-defaults). */
  defaults?: string;
}

/** The frameworks' response types, by their exported names. */
const RESPONSE_TYPES = ['Response', 'FastifyReply'];

/**
 * Whether a name is a handler's response parameter: typed with one of the framework's imported
 * types (`res: Response`), or in the response's place of a handler, `(req, res)` / `(err, req, res, next)`.
 */
function isResponseParameter(id: ts.Identifier, types: ReadonlySet<string>, scope: Scope): 'decorated' | boolean {
  const b = scope.resolve(id);
  if (b?.kind !== 'parameter') return false;
  // NestJS `@Res() res` / `@Response() res`: the platform's response (Express by default), typed or not.
  for (const d of ts.getDecorators(b.decl) ?? []) {
    const callee = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    const imp = ts.isIdentifier(callee) ? scope.resolve(callee) : null;
    if (imp?.kind === 'import' && nestParamField(imp.from, imp.imported) === 'res') return 'decorated';
  }
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
  if (hono) return { api: `hono ${hono}()`, name: a[1], value: a[2], options: a[hono === 'setSignedCookie' ? 4 : 3], unconfirmed: null };
  if (callsExport(call, sf, ['cookie'], ['serialize'])) return { api: 'cookie.serialize()', name: a[0], value: a[1], options: a[2], unconfirmed: null };
  const e = call.expression;
  if (!ts.isPropertyAccessExpression(e)) return null;
  if (e.name.text === 'set' && isNextCookieStore(e.expression, sf, scope)) {
    // `cookies().set({ name, value, httpOnly })`: the options are the object itself.
    if (a[0] && ts.isObjectLiteralExpression(a[0])) {
      const prop = (key: string) => a[0] && ts.isObjectLiteralExpression(a[0])
        ? a[0].properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(sf) === key)?.initializer
        : undefined;
      return { api: 'next/headers cookies().set()', name: prop('name'), value: prop('value'), options: a[0], unconfirmed: null };
    }
    return { api: 'next/headers cookies().set()', name: a[0], value: a[1], options: a[2], unconfirmed: null };
  }
  // Koa `ctx.cookies.set(name, value, opts)` on a handler's or middleware's first parameter.
  if (e.name.text === 'set' && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'cookies' && ts.isIdentifier(e.expression.expression)) {
    const b = scope.resolve(e.expression.expression);
    if (b?.kind !== 'parameter' || b.index !== 0 || a.length < 2) return null;
    const koa = bindingsOf(sf, ['koa']);
    const imported = koa.whole.size > 0 || koa.named.size > 0;
    return { api: 'koa ctx.cookies.set()', name: a[0], value: a[1], options: a[2], unconfirmed: imported ? null : ['koa'], defaults: 'koa' };
  }
  // A handler's response object: in a file that uses the framework, a NestJS `@Res()` parameter, or
  // (for the review to confirm by the package's dependencies) a handler's second parameter in a file
  // that imports nothing of it (Fastify autoloaded route files get `fastify` as a parameter).
  const framework = e.name.text === 'cookie' ? { api: 'express res.cookie()', modules: ['express'] }
    : e.name.text === 'setCookie' ? { api: 'fastify reply.setCookie()', modules: ['fastify', '@fastify/cookie', 'fastify-cookie'] } : null;
  if (!framework || a.length < 2 || !ts.isIdentifier(e.expression)) return null;
  const b = bindingsOf(sf, framework.modules);
  const imported = b.whole.size > 0 || b.named.size > 0;
  const types = new Set([...b.named].filter(([, exported]) => RESPONSE_TYPES.includes(exported)).map(([local]) => local));
  for (const ns of b.whole) for (const t of RESPONSE_TYPES) types.add(`${ns}.${t}`);
  const response = isResponseParameter(e.expression, types, scope);
  if (!response) return null;
  return { api: framework.api, name: a[0], value: a[1], options: a[2], unconfirmed: imported || response === 'decorated' ? null : framework.modules };
}

/** What the options argument says: flags read here, an import the review reads, or nothing readable. */
function optionsOf(options: ts.Expression | undefined, scope: Scope): CookieFlags | ImportedOptions | null {
  if (!options) return { httpOnly: 'missing', secure: 'missing', clears: false };
  const obj = resolveObject(options, scope);
  if (!obj) return null;
  return isImported(obj) ? obj : flagsOfObject(obj, scope);
}

/** The session middleware a call makes (`session({ cookie })`, `cookieSession({...})`) and its cookie's flags after the library's defaults. */
function middlewareCookie(call: ts.CallExpression, scope: Scope): { api: string; flags: CookieFlags | ImportedOptions | null } | null {
  if (!ts.isIdentifier(call.expression)) return null;
  const b = scope.resolve(call.expression);
  const imp = b && (b.kind === 'import' ? b : requireOf(b));
  const m = imp ? sessionMiddlewareCookieOf(imp.from, imp.imported) : null;
  if (!m) return null;
  const api = `${m.module}()`;
  const given = call.arguments[m.optionsArg];
  const options = given ? resolveObject(given, scope) : null;
  if (given && (!options || isImported(options))) return { api, flags: options && m.cookieKey === null ? options : null };
  let cookie: ts.ObjectLiteralExpression | ImportedOptions | null = options;
  if (cookie && !isImported(cookie) && m.cookieKey) {
    const p = cookie.properties.find((x) => x.name && (ts.isIdentifier(x.name) || ts.isStringLiteral(x.name)) && x.name.text === m.cookieKey);
    if (!p) cookie = null;
    else if (!ts.isPropertyAssignment(p)) return { api, flags: null };
    else {
      cookie = resolveObject(p.initializer, scope);
      if (!cookie) return { api, flags: null };
    }
  }
  if (cookie && isImported(cookie)) return { api, flags: cookie };
  const flags = cookie ? flagsOfObject(cookie, scope) : { httpOnly: 'missing' as const, secure: 'missing' as const, clears: false };
  // What the options leave out is the library's default; a `secure: 'auto'` is on behind HTTPS.
  const secureText = cookie ? cookie.properties.find((x) => x.name?.getText().replace(/['"]/g, '') === 'secure') : undefined;
  if (secureText && ts.isPropertyAssignment(secureText) && ts.isStringLiteralLike(secureText.initializer) && m.secureValues.includes(secureText.initializer.text)) flags.secure = 'set';
  if (flags.httpOnly === 'missing' && m.defaults.httpOnly) flags.httpOnly = 'set';
  if (flags.secure === 'missing' && m.defaults.secure) flags.secure = 'set';
  return { api, flags };
}

/** The message a cookie's flags call for, with its severity; null when both are on (or it is a `__Host-`/`__Secure-` cookie that only lacks secure). */
function verdictOf(flags: CookieFlags, name: string): { severity: 'medium' | 'low' | 'info'; messageId: string } | null {
  if (flags.httpOnly === 'unknown' || flags.secure === 'unknown') return { severity: 'info', messageId: 'optionsUnread' };
  // A `__Host-`/`__Secure-` cookie without secure is refused by the browser: a bug, not a leak.
  const secureMissing = (flags.secure === 'missing' || flags.secure === 'off') && !/^__(Host|Secure)-/.test(name);
  if (flags.httpOnly === 'off') return { severity: 'medium', messageId: 'httpOnlyDisabled' };
  if (flags.httpOnly === 'missing') return { severity: 'medium', messageId: secureMissing ? 'noFlags' : 'httpOnlyMissing' };
  if (secureMissing) return { severity: 'low', messageId: flags.secure === 'off' ? 'secureOff' : 'secureMissing' };
  return null;
}

/** Marks a finding whose options are an import: the review reads the exporting file's record. */
const IMPORTED = 'importedOptions';
/** Marks a finding whose framework the file does not import: the review checks the package depends on it. */
const UNCONFIRMED = 'unconfirmedFramework';

function review(finding: RuleFinding, layout: RepoLayout, ctx: ReviewContext): RuleFinding | null {
  const data = { ...finding.data };
  const unconfirmed = data[UNCONFIRMED];
  const imported = data[IMPORTED];
  delete data[UNCONFIRMED];
  delete data[IMPORTED];
  if (typeof unconfirmed === 'string' && finding.path !== null) {
    const pkg = layout.packages.find((p) => p.name === packageOf(finding.path!, layout.packages));
    const deps = { ...pkg?.dependencies };
    if (!unconfirmed.split(',').some((m) => m in deps)) return null;
  }
  if (finding.messageId === 'secureByEnv') return secureWhereDeployed({ ...finding, data }, layout, ctx);
  if (typeof imported !== 'string' || finding.path === null) return { ...finding, data };
  const opt = JSON.parse(imported) as ImportedOptions;
  const records = ctx.memo('options', () => new Map(ctx.records().filter((r) => r.type === 'cookieOptions')
    .map((r) => [`${String(r.path)}#${String(r.id)}`, r as unknown as CookieOptionsRecord])));
  const file = ctx.link.resolveImport(finding.path, opt.spec);
  const t = file ? ctx.link.resolveExport(file, opt.imported) : null;
  const rec = t && 'decl' in t ? records.get(`${t.decl.path}#${t.decl.id}${opt.member ? `.${opt.member}` : ''}`) : undefined;
  const where = t && 'decl' in t ? `${t.decl.path}:${t.decl.line}` : opt.spec;
  if (!rec) return { ...finding, messageId: 'optionsUnread', severity: 'info', data: { ...data, where } };
  const v = verdictOf({ httpOnly: rec.httpOnly, secure: rec.secure, clears: false }, String(data.name));
  if (!v) return null;
  return { ...finding, messageId: v.messageId, severity: v.severity, data: { ...data, where }, evidence: [...finding.evidence, { kind: 'file', path: t && 'decl' in t ? t.decl.path : opt.spec, line: t && 'decl' in t ? t.decl.line : 1, snippet: `cookie options ${opt.imported}${opt.member ? `.${opt.member}` : ''}` }] };
}

/**
 * A `secure` flag computed from the environment (`process.env.NODE_ENV === 'PRODUCTION'`), decided
 * with what the deployment sets; when it sets nothing, under the documented convention
 * (knowledge ENV_CONVENTIONS: NODE_ENV=production); for a variable with no convention, unknown when
 * its default leaves the flag off. Null when the flag is on where the service runs.
 */
function secureWhereDeployed(finding: RuleFinding, layout: RepoLayout, ctx: ReviewContext): RuleFinding | null {
  const reading = readingAt(ctx.records(), finding.path, finding.line);
  if (!reading) return null;
  const outcome = decideReading(reading, finding.path ?? '', layout, ctx);
  if (!outcome) return { ...finding, messageId: 'secureEnvUnknown', severity: 'info', data: { ...finding.data, said: `${reading.text} is imported from a value verdict could not decide` } };
  const evidence = [...finding.evidence, ...settingEvidence(outcome)];
  if (outcome.setBy.length > 0) {
    return outcome.value ? null : { ...finding, messageId: 'secureEnvOff', severity: 'low', evidence, data: { ...finding.data, said: outcome.said } };
  }
  const conv = conventionalValue(outcome);
  if (conv) {
    if (conv.value) return null;
    const said = `\`${reading.text}\` is ${JSON.stringify(conv.value)} with ${conv.name}=${conv.set}, the value production runs with by convention; no deployment file sets ${conv.name}`;
    return { ...finding, messageId: 'secureEnvOff', severity: 'low', evidence, data: { ...finding.data, said } };
  }
  return outcome.value ? null : { ...finding, messageId: 'secureEnvUnknown', severity: 'info', evidence, data: { ...finding.data, said: outcome.said } };
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
      secureOff: '{{api}} sets the session cookie `{{name}}` with secure: false: it is sent over plain HTTP, in production too',
      optionsUnread: '{{api}} sets the session cookie `{{name}}` with options verdict could not read ({{where}}): httpOnly and secure are not verified',
      secureByEnv: '{{api}} sets the session cookie `{{name}}` with secure: `{{said}}`: decided by the review with the deployment\'s settings',
      secureEnvOff: '{{api}} sets the session cookie `{{name}}` with a secure flag that is off where the service runs: {{said}}; it is sent over plain HTTP',
      secureEnvUnknown: '{{api}} sets the session cookie `{{name}}` with a secure flag that depends on the environment: {{said}}; not verified',
      // Said only until the review has read the options' file (it names the flags, or drops the finding).
      optionsPending: '{{api}} sets the session cookie `{{name}}` with options imported from another file: read by the review',
    },
  },
  // Cookie calls and session middleware by their text; files that only declare options by their keys.
  triggers: ['.cookie(', 'cookies.set', 'setCookie', 'SignedCookie', 'serialize(', 'cookies()', 'express-session', 'cookie-session', 'httpOnly', 'sameSite', 'secure'],
  review,
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script' && f.role !== 'config',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    /** Reports what the flags (or the options' import) call for at a cookie call. */
    const judge = (call: ts.CallExpression, data: { api: string; name: string }, flags: CookieFlags | ImportedOptions | null, unconfirmed: readonly string[] | null): void => {
      const marks: Record<string, string> = unconfirmed ? { [UNCONFIRMED]: unconfirmed.join(',') } : {};
      if (!flags) {
        ctx.report({ node: call, messageId: 'optionsUnread', severity: 'info', data: { ...data, where: 'built where verdict does not follow', ...marks } });
        return;
      }
      if (!('httpOnly' in flags)) {
        ctx.report({ node: call, messageId: 'optionsPending', data: { ...data, where: flags.spec, [IMPORTED]: JSON.stringify(flags), ...marks } });
        return;
      }
      if (flags.clears) return;
      const v = verdictOf(flags, data.name);
      if (v) ctx.report({ node: call, messageId: v.messageId, severity: v.severity, data: { ...data, where: 'a spread verdict could not read', ...marks } });
      else if (flags.secure === 'set' && flags.secureValue) {
        // `secure: process.env.NODE_ENV === 'prod'`: on only under some environment; the review decides it.
        const reading = envReadingOf(flags.secureValue, ctx.sourceFile, ctx.scope);
        if (!reading || !canGive(reading, (x) => !x)) return;
        ctx.emit({ line: ctx.lineOf(call), reading: reading as unknown as Record<string, unknown> });
        ctx.report({ node: call, messageId: 'secureByEnv', severity: 'low', data: { ...data, said: reading.text, ...marks } });
      }
    };
    return {
      'file:end'() {
        for (const r of cookieOptionRecords(ctx.sourceFile, ctx.scope)) ctx.emit(r as unknown as Record<string, unknown>);
      },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const sf = ctx.sourceFile;
        const session = middlewareCookie(call, ctx.scope);
        if (session) {
          judge(call, { api: session.api, name: 'session cookie' }, session.flags, null);
          return;
        }
        const cookie = cookieCall(call, sf, ctx.scope);
        if (!cookie) return;
        const name = stringValue(cookie.name, ctx.scope);
        // A session by its name, or any cookie whose value is a token the service just signed.
        const token = cookie.value !== undefined && holdsSignedToken(cookie.value, ctx.scope);
        if (!token && (name === null || !isSessionCookieName(name))) return;
        if (stringValue(cookie.value, ctx.scope) === '') return; // clearing it
        let flags = optionsOf(cookie.options, ctx.scope);
        const setter = cookie.defaults ? COOKIE_SETTER_DEFAULTS.find((d) => d.module === cookie.defaults) : undefined;
        if (setter && flags && 'httpOnly' in flags) {
          flags = { ...flags };
          if (flags.httpOnly === 'missing' && setter.defaults.httpOnly) flags.httpOnly = 'set';
          if (flags.secure === 'missing' && setter.defaults.secure) flags.secure = 'set';
        }
        judge(call, { api: cookie.api, name: name ?? cookie.name?.getText(sf).slice(0, 60) ?? '?' }, flags, cookie.unconfirmed);
      },
    };
  },
});
