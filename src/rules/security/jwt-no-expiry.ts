import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { configDefaultArg, expirySpanMs, isTokenUseClaim, nameWords, jwtRegistrationOf, jwtSignerOf, PLUGIN_JWT_SIGNERS, pluginJwtSignerOf, type InjectedJwtSigner, type JwtSigner, type PluginJwtSigner } from '../../knowledge/index.js';
import { defineSourceRule, type ReviewContext, type RuleFinding } from '../api.js';
import type { RepoLayout } from '../../discover/index.js';
import { valueOf } from '../shared/ast.js';
import { fixedValue, injectedSignerOf } from '../shared/jwt.js';
import { receiverClass } from '../shared/jwt-keys.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { callableRoots, declIdOf, type Root } from '../shared/callers.js';
import { reviewWrapper, shapedCallOf, WRAPPER, type WrapperPending } from '../shared/jwt-wrapper-callers.js';

/** The modules that sign (knowledge/jwt-signers.ts): a file naming none of them only records its calls for the review. */
const SIGNER_TRIGGERS = ['jsonwebtoken', 'hono/jwt', '@tsndr/cloudflare-worker-jwt', 'jose', '@nestjs/jwt', 'fast-jwt'];

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/** The object literal an argument is (directly or through one local const), or null when it cannot be read. */
function literalObject(arg: ts.Expression | undefined, scope: Scope): ts.ObjectLiteralExpression | null {
  if (!arg) return null;
  const e = strip(arg);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const init = valueOf(e, scope);
    if (init && ts.isObjectLiteralExpression(strip(init))) return strip(init) as ts.ObjectLiteralExpression;
  }
  return null;
}

/**
 * Whether a read object literal names none of `keys`. A spread or a computed key could bring one in:
 * such an object is not read as lacking it (null).
 */
function lacks(obj: ts.ObjectLiteralExpression, keys: readonly string[]): boolean | null {
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) return null;
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
    if (p.name && !name) return null;
    if (name && keys.includes(name)) return false;
  }
  return true;
}

const LONG_LIVED_DAYS = 30;

/** The default a config reader's call gives when its variable is unset (`config.get('JWT_TTL', '15m')` on a Nest ConfigService, knowledge ENV_CONFIG_READERS), or null. */
function configDefault(e: ts.Expression, scope: Scope): ts.Expression | null {
  const x = strip(e);
  if (!ts.isCallExpression(x) || !ts.isPropertyAccessExpression(x.expression)) return null;
  const cls = receiverClass(x.expression.expression, scope);
  const at = cls ? configDefaultArg(cls.from, cls.imported, x.expression.name.text) : null;
  return at === null ? null : x.arguments[at] ?? null;
}

/** An object literal as `literalObject` reads it, or the object default of a config read (`config.get('jwt', { ... })`). */
function optionsObject(arg: ts.Expression | undefined, scope: Scope): ts.ObjectLiteralExpression | null {
  const direct = literalObject(arg, scope);
  if (direct || !arg) return direct;
  const d = configDefault(arg, scope);
  return d ? literalObject(d, scope) : null;
}

/** An expiry the code fixes (`byDefault: false`), or the default of a config read that gives it when unset (`byDefault: true`); null when neither. */
function expiryValue(e: ts.Expression, scope: Scope): { value: string | number; byDefault: boolean } | null {
  const fixed = fixedValue(e, scope);
  if (fixed !== null) return { value: fixed, byDefault: false };
  const d = configDefault(e, scope);
  const v = d ? fixedValue(d, scope) : null;
  return v === null ? null : { value: v, byDefault: true };
}

/** Names of the variables, properties and functions a node sits in (`refreshToken = ...`, `signRefresh() { ... }`). */
function holderNames(node: ts.Node): string[] {
  const names: string[] = [];
  for (let n: ts.Node = node; n && !ts.isSourceFile(n); n = n.parent) {
    if ((ts.isVariableDeclaration(n) || ts.isPropertyAssignment(n) || ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isPropertyDeclaration(n)) && n.name && ts.isIdentifier(n.name)) names.push(n.name.text);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) names.push(n.left.getText());
  }
  return names;
}

/**
 * Whether a module registration is for refresh tokens: a name it is held in, or a name or string in its
 * options (`secret: config.get('JWT_REFRESH_SECRET')`), says refresh.
 */
function registrationMayBeRefresh(call: ts.CallExpression): boolean {
  if (holderNames(call).some((x) => nameWords(x).includes('refresh'))) return true;
  let found = false;
  const visit = (n: ts.Node): void => {
    if ((ts.isIdentifier(n) || ts.isStringLiteralLike(n)) && nameWords(n.text).includes('refresh')) found = true;
    if (!found) ts.forEachChild(n, visit);
  };
  call.arguments.forEach(visit);
  return found;
}


/**
 * Whether what a signed token is kept under or signed with says it is a refresh token (or can't tell
 * which of two it is): the variable, property or function it is held by or signed in, a token-use claim
 * or any string value of the payload naming refresh, or another signing call in the same function (a
 * pair of tokens, one of them the refresh token).
 */
function mayBeRefresh(call: ts.CallExpression, payload: ts.ObjectLiteralExpression | null, isSign: (c: ts.CallExpression) => boolean): boolean {
  const names = holderNames(call);
  if (names.some((x) => nameWords(x).includes('refresh'))) return true;
  if (!payload) return true;
  for (const p of payload.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '';
    if (nameWords(key).includes('refresh')) return true;
    if (ts.isStringLiteralLike(p.initializer) && nameWords(p.initializer.text).includes('refresh')) return true;
    if (isTokenUseClaim(key) && !ts.isStringLiteralLike(p.initializer)) return true;
  }
  const fn = ts.findAncestor(call.parent, ts.isFunctionLike);
  let others = 0;
  const visit = (n: ts.Node): void => {
    if (n !== call && ts.isCallExpression(n) && isSign(n)) others++;
    if (!ts.isFunctionLike(n) || n === fn) ts.forEachChild(n, visit);
  };
  if (fn) visit(fn);
  return others > 0;
}

/** The declaration a function is called by in its file: its own name, or the const holding it. */
function declOfFunction(fn: ts.SignatureDeclaration): ts.Declaration | null {
  if (ts.isFunctionDeclaration(fn) && fn.name) return fn;
  const holder = fn.parent;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder : null;
}

/** The calls of a function's declaration in its own file, found through the scopes (a shadowing name is another function). */
function callsOf(decl: ts.Declaration, sf: ts.SourceFile, scope: Scope): ts.CallExpression[] {
  const name = (decl as ts.FunctionDeclaration | ts.VariableDeclaration).name;
  if (!name || !ts.isIdentifier(name)) return [];
  const out: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name.text && scope.resolve(n.expression)?.decl === decl) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}


/** What a module registration gives its signer as default options: an expiry, none, or something not read. */
type Defaults = 'expiry' | 'none' | 'open';

/** Marks a finding on an injected signer's call: the review decides it with the registrations of every file. */
const INJECTED = 'injectedSigner';
/** Marks a finding on a plugin signer's call (`reply.jwtSign`): the review decides it with the plugin's registrations. */
const PLUGIN = 'pluginSigner';

/** The defaults a plugin registration (`app.register(fastifyJwt, options)`) gives its signer. */
function pluginDefaults(s: PluginJwtSigner, arg: ts.Expression | undefined, scope: Scope): Defaults {
  const options = literalObject(arg, scope);
  if (!options) return 'open';
  const given = options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === s.defaultsKey);
  if (!given) return lacks(options, [s.defaultsKey]) === true ? 'none' : 'open';
  const defaults = literalObject(given.initializer, scope);
  const missing = defaults ? lacks(defaults, s.expiryOptions) : null;
  return missing === null ? 'open' : missing ? 'none' : 'expiry';
}

/** The object a factory returns (`() => ({ ... })`, `async () => { return { ... }; }`), when every return is one; else null. */
function returnedObject(fn: ts.Expression, scope: Scope): ts.ObjectLiteralExpression | null {
  const f = strip(fn);
  if (!ts.isArrowFunction(f) && !ts.isFunctionExpression(f)) return null;
  if (!ts.isBlock(f.body)) return optionsObject(f.body, scope);
  const returns: ts.ReturnStatement[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n)) returns.push(n);
    else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  visit(f.body);
  const objects = returns.map((r) => optionsObject(r.expression, scope));
  return objects.length === 1 ? objects[0] : null;
}

/**
 * The defaults a `JwtModule.register(options)` / `registerAsync({ useFactory })` call gives, and the
 * expiry option when one is written. Objects are read as written, through local consts, and through the
 * default of a config read (`config.get('jwt', { signOptions: { expiresIn: '15m' } })`).
 */
function registeredDefaults(s: InjectedJwtSigner, method: string, arg: ts.Expression | undefined, scope: Scope): { defaults: Defaults; expiry?: ts.PropertyAssignment } {
  let options = optionsObject(arg, scope);
  if (options && s.registration.asyncMethods.includes(method)) {
    const factory = options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === s.registration.factoryKey);
    options = factory ? returnedObject(factory.initializer, scope) : null;
  }
  if (!options) return { defaults: 'open' };
  const given = options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === s.registration.defaultsKey);
  if (!given) return { defaults: lacks(options, [s.registration.defaultsKey]) === true ? 'none' : 'open' };
  const defaults = optionsObject(given.initializer, scope);
  const missing = defaults ? lacks(defaults, s.expiryOptions) : null;
  if (missing === null) return { defaults: 'open' };
  if (missing) return { defaults: 'none' };
  const expiry = defaults!.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && s.expiryOptions.includes(p.name.text));
  return { defaults: 'expiry', ...(expiry ? { expiry } : {}) };
}

/**
 * The review of a call of an injected signer without an expiry: it signs forever only when every
 * registration of the module the repository makes gives no default expiry either. Any that gives one:
 * dropped. None found (an injected signer), or any verdict could not read and none with an expiry: not
 * verified (info), never a pass.
 */
function reviewInjected(finding: RuleFinding, _layout: RepoLayout, ctx: ReviewContext): RuleFinding | null {
  const { [INJECTED]: _, [PLUGIN]: plugin, ...data } = finding.data!;
  const type = typeof plugin === 'string' ? 'pluginJwtRegistration' : 'jwtRegistration';
  // In path and line order: the same tree gives the same message.
  const registrations = ctx.memo(`registrations:${type}:${String(plugin ?? '')}`, () => ctx.records().filter((r) => r.type === type && (type === 'jwtRegistration' || r.module === plugin))
    .sort((a, b) => (a.path === b.path ? Number(a.line) - Number(b.line) : String(a.path) < String(b.path) ? -1 : 1)));
  if (registrations.some((r) => r.defaults === 'expiry')) return null;
  if (registrations.length === 0) return type === 'jwtRegistration' ? { ...finding, messageId: 'noExpiryUnregistered', severity: 'info', data } : null;
  const unread = registrations.filter((r) => r.defaults === 'open');
  const shown = unread.length > 0 ? unread : registrations;
  const where = shown.map((r) => `${String(r.path)}:${String(r.line)}`).join(', ');
  return {
    ...finding, data: { ...data, where }, ...(unread.length > 0 ? { messageId: 'noExpiryUnread', severity: 'info' as const } : {}),
    evidence: [...finding.evidence, ...shown.map((r) => ({ kind: 'file' as const, path: String(r.path), line: Number(r.line), snippet: String(r.text) }))],
  };
}

export default defineSourceRule({
  id: 'security/jwt-no-expiry',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'JWT signed without an expiry',
    rationale: 'A token with no `exp` claim is accepted forever. One that leaks (a log line, browser storage, a lost laptop) opens the account until the signing key is rotated, and rotating it signs every user out.',
    remediation: {
      text: 'Give every token a lifetime: `jwt.sign(payload, key, { expiresIn: \'15m\' })`, `exp` in the payload for hono/jwt, `.setExpirationTime(\'15m\')` with jose; refresh with a separate, revocable refresh token.',
      effort: 'low',
    },
    messages: {
      noExpiry: '{{what}} signs a token with no expiry: no `{{option}}` option and no `exp` in the payload, so the token is valid forever',
      noExpiryPlugin: '{{what}} signs a token with no expiry: the call passes no `{{option}}` and the plugin is registered with no default `{{option}}` ({{where}})',
      noExpiryInjected: '{{what}} signs a token with no expiry: the call passes no `{{option}}` and the module is registered with no default `{{option}}` ({{where}})',
      noExpiryFactory: '{{what}} builds a signer with no `{{option}}` option and {{payloads}}, so its tokens are valid forever',
      longLived: '{{what}} signs an access token valid for {{days}} days (`{{option}}: {{value}}`): a leaked token stays valid that long and nothing revokes it',
      longLivedRegistered: '{{what}} registers a default lifetime of {{days}} days (`{{option}}: {{value}}`) for every token its JwtService signs without one of its own: a leaked access token stays valid that long',
      longLivedDefault: '{{what}} gives access tokens {{days}} days (`{{option}}: {{value}}`) unless the deployment sets the config value: a leaked token stays valid that long',
      noExpiryUnread: '{{what}} passes no `{{option}}` and signs with the defaults of a module registration verdict could not read ({{where}}): whether its tokens expire is not verified',
      noExpiryUnregistered: '{{what}} passes no `{{option}}` and no JwtModule registration was found in the repository: whether its tokens expire is not verified',
      noExpiryChain: 'jose SignJWT signs a token with no expiry: the chain never calls `setExpirationTime()` and the payload has no `exp`',
      noExpiryVia: '{{wrapper}}() hands this call\'s payload and options to {{what}}, which signs a token with no expiry: no `{{option}}` option and no `exp` in the payload, so the token is valid forever',
      // Said only until the review has read the wrapper's callers in other files (it moves the finding to one, or drops it).
      noExpiryPending: '{{wrapper}}() signs with {{what}} whatever payload and options its callers give: callers in other files are read by the review',
    },
  },
  // Signers by their modules; every file that imports or requires the repository's code records its calls, for a wrapper's callers.
  triggers: [...SIGNER_TRIGGERS, ...PLUGIN_JWT_SIGNERS.flatMap((s) => [s.module, ...s.replyMethods, `.${s.instanceMember}.`]), 'import', 'require('],
  appliesTo: (f) => isShippedCode(f),
  review: (finding, layout, ctx) => (typeof finding.data?.[INJECTED] === 'string' || typeof finding.data?.[PLUGIN] === 'string' ? reviewInjected(finding, layout, ctx) : reviewWrapper(finding, layout, ctx)),
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const signs = ctx.file.role !== 'script' && SIGNER_TRIGGERS.some((m) => ctx.text.includes(m));
    let roots: Map<string, Root> | null = null;
    /** The signer an identifier (or `ns.member`) refers to, through its import. */
    const signerOf = (callee: ts.Expression): JwtSigner | null => {
      let id: ts.Expression = callee;
      let member: string | undefined;
      if (ts.isPropertyAccessExpression(id)) {
        member = id.name.text;
        id = id.expression;
        if (ts.isPropertyAccessExpression(id) && id.name.text === 'default') id = id.expression;
      }
      if (!ts.isIdentifier(id)) return null;
      const b = ctx.scope.resolve(id);
      const imp = b && (b.kind === 'import' ? b : requireOf(b));
      if (!imp) return null;
      const name = imp.imported;
      if (member && name !== '*' && name !== 'default') return null;
      return jwtSignerOf(imp.from, name, member);
    };
    /** The payload lacks `exp` (true), has it (false), or cannot be read (null). */
    const payloadLacksExp = (arg: ts.Expression | undefined): boolean | null => {
      const obj = literalObject(arg, ctx.scope);
      return obj ? lacks(obj, ['exp']) : null;
    };
    /** Whether payload and options (as given at this call) sign without expiry: true, false, or null when unreadable. */
    const signsForever = (s: JwtSigner, payload: ts.Expression | undefined, opt: ts.Expression | undefined): boolean | null => {
      const p = payloadLacksExp(payload);
      if (p !== true) return p;
      // A callback in the options' place (`sign(p, k, cb)`) means no options.
      if (s.optionsArg === null || !opt || ts.isFunctionLike(strip(opt))) return true;
      const obj = literalObject(opt, ctx.scope);
      return obj ? lacks(obj, s.expiryOptions) : null;
    };
    /** The parameter of the enclosing function an argument is, as it is written (`options` of `signToken(payload, options)`). */
    const parameterOf = (arg: ts.Expression | undefined): { fn: ts.SignatureDeclaration; index: number } | null => {
      const e = arg && strip(arg);
      const b = e && ts.isIdentifier(e) ? ctx.scope.resolve(e) : null;
      return b?.kind === 'parameter' ? { fn: b.fn, index: b.index } : null;
    };
    /**
     * An injected signer's call (`this.jwt.sign(payload)`) or its module's registration
     * (`JwtModule.register({ signOptions })`): the call is reported for the review when neither it nor
     * its payload sets an expiry; the registration is recorded. True when the call was one of them.
     */
    const injectedCall = (call: ts.CallExpression): boolean => {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee)) return false;
      const method = callee.name.text;
      const owner = callee.expression;
      if (ts.isIdentifier(owner)) {
        const b = ctx.scope.resolve(owner);
        const reg = b?.kind === 'import' ? jwtRegistrationOf(b.from, b.imported) : null;
        if (!reg || ![...reg.registration.methods, ...reg.registration.asyncMethods].includes(method)) return false;
        const text = call.getText().split('\n')[0].slice(0, 160);
        const given = registeredDefaults(reg, method, call.arguments[0], ctx.scope);
        ctx.emit({ type: 'jwtRegistration', line: ctx.lineOf(call), defaults: given.defaults, text });
        const what = `${reg.registration.class}.${method}()`;
        if (given.expiry && !registrationMayBeRefresh(call)) tooLong(reg.expiryNumberUnit, given.expiry, call, what, 'longLivedRegistered');
        return true;
      }
      const s = injectedSignerOf(owner, ctx.scope);
      if (!s || !s.methods.includes(method)) return false;
      const opt = call.arguments[s.optionsArg];
      const optObj = opt ? literalObject(opt, ctx.scope) : null;
      const noOption = !opt || (optObj !== null && lacks(optObj, s.expiryOptions) === true);
      const what = `${s.class}.${method}()`;
      if (noOption && payloadLacksExp(call.arguments[s.payloadArg]) === true) {
        ctx.report({ node: call, messageId: 'noExpiryInjected', data: { what, option: s.expiryOptions[0], where: 'read by the review', [INJECTED]: s.module } });
      }
      if (!noOption) longLived(s, call, call.arguments[s.payloadArg], opt, what);
      return true;
    };
    /**
     * A factory's signer (`const signer = createSigner({ key })`): without the expiry option, its tokens
     * have no expiry unless the payloads give `exp`. The calls of the signer in this file decide: any
     * payload with `exp` or not read, and the factory is not judged; options not read, neither.
     */
    const factory = (s: JwtSigner, call: ts.CallExpression): void => {
      const opt = s.optionsArg === null ? undefined : call.arguments[s.optionsArg];
      if (opt) {
        const obj = literalObject(opt, ctx.scope);
        if (!obj || lacks(obj, s.expiryOptions) !== true) return;
      }
      const holder = call.parent;
      const decl = holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && strip(holder.initializer!) === call ? holder : null;
      const uses = decl ? callsOf(decl, ctx.sourceFile, ctx.scope) : [];
      if (uses.some((u) => payloadLacksExp(u.arguments[s.payloadArg]) !== true)) return;
      const payloads = uses.length > 0 ? `the payloads it signs here have no \`exp\` (${uses.map((u) => `line ${ctx.lineOf(u)}`).join(', ')})` : 'no `exp` is added to its payloads here';
      // Not held in a const of this file (passed on, exported as a property): its payloads are not read.
      if (!decl) return;
      ctx.report({ node: call, messageId: 'noExpiryFactory', data: { what: `${s.module} ${s.export}()`, option: s.expiryOptions[0] ?? 'exp', payloads } });
    };
    /**
     * A plugin's registration (`app.register(fastifyJwt, options)`: recorded) or its decorated signer's
     * call (`reply.jwtSign(payload)`, `app.jwt.sign(payload)`: reported for the review when neither the
     * call nor its payload sets an expiry). True when the call was one of them.
     */
    const pluginCall = (call: ts.CallExpression): boolean => {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee)) return false;
      const method = callee.name.text;
      if (method === 'register' && call.arguments.length > 0) {
        const plugin = strip(call.arguments[0]);
        let from: string | null = null;
        if (ts.isIdentifier(plugin)) {
          const b = ctx.scope.resolve(plugin);
          const imp = b && (b.kind === 'import' ? b : requireOf(b));
          from = imp ? imp.from : null;
        } else if (ts.isCallExpression(plugin) && ts.isIdentifier(plugin.expression) && plugin.expression.text === 'require' && !ctx.scope.resolve(plugin.expression) && plugin.arguments[0] && ts.isStringLiteral(plugin.arguments[0])) {
          from = plugin.arguments[0].text;
        }
        const s = from ? pluginJwtSignerOf(from) : null;
        if (!s) return false;
        const text = call.getText().split('\n')[0].slice(0, 160);
        ctx.emit({ type: 'pluginJwtRegistration', module: s.module, line: ctx.lineOf(call), defaults: pluginDefaults(s, call.arguments[s.registerOptionsArg], ctx.scope), text });
        return true;
      }
      const owner = callee.expression;
      const s = PLUGIN_JWT_SIGNERS.find((p) => p.replyMethods.includes(method)
        || (p.instanceMethods.includes(method) && ts.isPropertyAccessExpression(owner) && owner.name.text === p.instanceMember));
      if (!s) return false;
      const opt = call.arguments[s.optionsArg];
      const optObj = opt ? literalObject(opt, ctx.scope) : null;
      const noOption = !opt || (optObj !== null && lacks(optObj, s.expiryOptions) === true);
      if (noOption && payloadLacksExp(call.arguments[s.payloadArg]) === true) {
        const what = s.replyMethods.includes(method) ? `${s.module} reply.${method}()` : `${s.module} ${s.instanceMember}.${method}()`;
        ctx.report({ node: call, messageId: 'noExpiryPlugin', data: { what, option: s.expiryOptions[0], where: 'read by the review', [PLUGIN]: s.module } });
      }
      return true;
    };
    /**
     * An expiry option fixed in the code at 30 days or more on a token nothing says is a refresh token:
     * an access token a leak keeps usable for that long. An expiry read from the environment or config,
     * or a token that may be the refresh token of a pair, is not judged.
     */
    const isSign = (c: ts.CallExpression): boolean => signerOf(c.expression) !== null
      || (ts.isPropertyAccessExpression(c.expression) && (injectedSignerOf(c.expression.expression, ctx.scope)?.methods.includes(c.expression.name.text) ?? false));
    /**
     * Reports an expiry option at 30 days or more: fixed in the code (`messageId`, the rule's severity),
     * or the default of a config read (`longLivedDefault`, low: the deployment may set a shorter one).
     */
    const tooLong = (unit: 's' | 'ms', prop: ts.PropertyAssignment, call: ts.CallExpression, what: string, messageId: 'longLived' | 'longLivedRegistered'): void => {
      const given = expiryValue(prop.initializer, ctx.scope);
      const span = given === null ? null : expirySpanMs(given.value, unit);
      if (span === null || span < LONG_LIVED_DAYS * 86_400_000) return;
      const data = { what, option: (prop.name as ts.Identifier).text, value: prop.initializer.getText().replace(/\s+/g, ' ').slice(0, 80), days: String(Math.round(span / 86_400_000)) };
      if (given!.byDefault) ctx.report({ node: prop, messageId: 'longLivedDefault', severity: 'low', data });
      else ctx.report({ node: messageId === 'longLived' ? call : prop, messageId, data });
    };
    const longLived = (s: { expiryNumberUnit?: 's' | 'ms'; expiryOptions: readonly string[] }, call: ts.CallExpression, payload: ts.Expression | undefined, opt: ts.Expression | undefined, what: string): void => {
      if (!s.expiryNumberUnit || !opt) return;
      const obj = literalObject(opt, ctx.scope);
      const prop = obj?.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && s.expiryOptions.includes(p.name.text));
      if (!prop || mayBeRefresh(call, literalObject(payload, ctx.scope), isSign)) return;
      tooLong(s.expiryNumberUnit, prop, call, what, 'longLived');
    };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        // A field typed with an injected signer's class is that signer, whatever its name (`this.jwt.sign()` is not @fastify/jwt's `app.jwt.sign()`).
        const injected = signs && ctx.text.includes('@nestjs/jwt') && injectedCall(call);
        if (!injected && ctx.file.role !== 'script' && pluginCall(call)) return;
        roots ??= callableRoots(ctx.sourceFile);
        const site = shapedCallOf(call, ctx.lineOf(call.expression), roots);
        if (site) ctx.emit(site as unknown as Record<string, unknown>);
        if (!signs || injected) return;
        const s = signerOf(call.expression);
        if (s?.how === 'factory') {
          factory(s, call);
          return;
        }
        if (!s || s.how !== 'call') return;
        const payload = call.arguments[s.payloadArg];
        const opt = s.optionsArg === null ? undefined : call.arguments[s.optionsArg];
        const what = `${s.module} ${s.export}()`;
        const option = s.expiryOptions[0] ?? 'exp';
        if (signsForever(s, payload, opt) === true) {
          ctx.report({ node: call, messageId: 'noExpiry', data: { what, option } });
          return;
        }
        longLived(s, call, payload, opt, what);
        // A wrapper (`function signToken(payload, options) { return jwt.sign(payload, KEY, options) }`):
        // what its callers in this file pass decides, one call at a time.
        const params = [parameterOf(payload), parameterOf(opt)];
        const fn = params.find((x) => x !== null)?.fn;
        const decl = fn ? declOfFunction(fn) : null;
        if (!fn || params.some((x) => x !== null && x.fn !== fn)) return;
        const given = (site: ts.CallExpression, original: ts.Expression | undefined, at: { index: number } | null) => (at ? site.arguments[at.index] : original);
        for (const site of decl ? callsOf(decl, ctx.sourceFile, ctx.scope) : []) {
          if (signsForever(s, given(site, payload, params[0]), given(site, opt, params[1])) !== true) continue;
          ctx.report({ node: site, messageId: 'noExpiryVia', data: { what, option, wrapper: (decl as ts.FunctionDeclaration | ts.VariableDeclaration).name!.getText() } });
        }
        // Callers in other files: what this call fixes itself must sign forever, the rest is theirs (reviewWrapper).
        const id = declIdOf(fn);
        if (id === null || (!params[0] && payloadLacksExp(payload) !== true)) return;
        const optionsFixed = s.optionsArg === null || params[1] !== null || !opt || ts.isFunctionLike(strip(opt)) || (literalObject(opt, ctx.scope) !== null && lacks(literalObject(opt, ctx.scope)!, s.expiryOptions) === true);
        if (!optionsFixed) return;
        const pending: WrapperPending = { fn: id, payload: params[0]?.index ?? null, options: params[1]?.index ?? null, expiryOptions: [...s.expiryOptions], takesOptions: s.optionsArg !== null };
        ctx.report({ node: call, messageId: 'noExpiryPending', data: { what, option, wrapper: id, [WRAPPER]: JSON.stringify(pending) } });
      },
      NewExpression(node) {
        if (!signs) return;
        const n = node as ts.NewExpression;
        const s = signerOf(n.expression);
        if (!s || s.how !== 'chain' || !s.expiryMethod) return;
        if (payloadLacksExp(n.arguments?.[s.payloadArg]) !== true) return;
        // Walk the chain the new object starts: `new SignJWT(p).a().b().sign(k)`.
        let cur: ts.Node = n;
        let signed = false;
        while (ts.isPropertyAccessExpression(cur.parent) && cur.parent.expression === cur && ts.isCallExpression(cur.parent.parent)) {
          const method = cur.parent.name.text;
          if (method === s.expiryMethod) return;
          if (method === 'sign') signed = true;
          cur = cur.parent.parent;
        }
        // Stored in a variable and finished elsewhere: not read.
        if (!signed) return;
        ctx.report({ node: n, messageId: 'noExpiryChain', data: {} });
      },
    };
  },
});
