import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { connectionOpenerOf, isExpiryField, isOpaqueTokenSource, REDIS_TTL_OPTIONS, TOKEN_ROW_WRITES, tokenKindOfName } from '../../knowledge/index.js';
import { defineSourceRule, type ReviewContext, type RuleFinding } from '../api.js';
import { valueOf } from '../shared/ast.js';
import { signSiteOf, type SignSite } from '../shared/jwt.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

const HASHERS = ['bcrypt', 'bcryptjs', 'argon2'];
const MAX_DEPTH = 6;

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

const words = (name: string): string[] => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);

const nameText = (n: ts.PropertyName | undefined): string | null => (n && (ts.isIdentifier(n) || ts.isStringLiteralLike(n)) ? n.text : null);

function objectOf(e: ts.Expression | undefined, scope: Scope): ts.ObjectLiteralExpression | null {
  if (!e) return null;
  let x = strip(e);
  if (ts.isIdentifier(x)) x = strip(valueOf(x, scope) ?? x);
  return ts.isObjectLiteralExpression(x) ? x : null;
}

function member(obj: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  const p = obj.properties.find((x) => nameText(x.name) === key);
  return p && ts.isPropertyAssignment(p) ? p.initializer : p && ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
}

/** Whether a signed token carries an expiry (true), surely not (false), or cannot be told (null: an injected signer's registered defaults). */
function signedWithExpiry(site: SignSite, scope: Scope): boolean | null {
  if (site.chain.length > 0 || site.module === 'jose') return site.chain.includes('setExpirationTime');
  const payload = objectOf(site.payload, scope);
  if (payload && member(payload, 'exp') !== undefined) return true;
  const options = site.options === undefined ? null : objectOf(site.options, scope);
  if (options && member(options, 'expiresIn') !== undefined) return true;
  if (site.module === '@nestjs/jwt') return null;
  if (!payload || (site.options !== undefined && !options)) return null;
  return false;
}

/** The import a callee is, with the member called on a whole-module import (`crypto.randomBytes`). */
function calleeImport(callee: ts.Expression, scope: Scope): { from: string; name: string } | null {
  let id = callee;
  let m: string | undefined;
  if (ts.isPropertyAccessExpression(id)) {
    m = id.name.text;
    id = id.expression;
  }
  if (!ts.isIdentifier(id)) return null;
  const b = scope.resolve(id);
  const imp = b && (b.kind === 'import' ? b : requireOf(b));
  if (!imp) return m && !b && id.text === 'crypto' ? { from: 'global', name: `crypto.${m}` } : null;
  const whole = imp.imported === '*' || imp.imported === 'default';
  return { from: imp.from, name: whole ? m ?? 'default' : imp.imported };
}

/** What a stored value is: an opaque random token, a JWT signed without an expiry, or null (one with an expiry, or not read). */
function tokenValue(e: ts.Expression | undefined, scope: Scope, depth = 0): 'opaque' | 'jwt' | null {
  if (!e || depth > MAX_DEPTH) return null;
  const x = strip(e);
  if (ts.isIdentifier(x)) {
    const init = valueOf(x, scope);
    return init ? tokenValue(init, scope, depth + 1) : null;
  }
  if (!ts.isCallExpression(x)) return null;
  const site = signSiteOf(x, scope);
  if (site) return signedWithExpiry(site, scope) === false ? 'jwt' : null;
  const callee = x.expression;
  if (ts.isPropertyAccessExpression(callee)) {
    const m = callee.name.text;
    // `randomBytes(32).toString('hex')`; `createHash('sha256').update(token).digest('hex')`: the same token, encoded or hashed.
    if (m === 'toString') return tokenValue(callee.expression, scope, depth + 1);
    if (m === 'digest' && ts.isCallExpression(callee.expression) && ts.isPropertyAccessExpression(callee.expression.expression) && callee.expression.expression.name.text === 'update') {
      return tokenValue(callee.expression.arguments[0], scope, depth + 1);
    }
  }
  const imp = calleeImport(callee, scope);
  if (!imp) return null;
  if (isOpaqueTokenSource(imp.from, imp.name)) return 'opaque';
  if (HASHERS.includes(imp.from) && imp.name === 'hash') return tokenValue(x.arguments[0], scope, depth + 1);
  return null;
}

/** The model or table a write goes to, by the name written: `prisma.refreshToken.create`, `RefreshToken.create`, `db.insert(refreshTokens).values`, `this.refreshTokenRepository.save`. */
function writtenModel(callee: ts.PropertyAccessExpression): string | null {
  const owner = strip(callee.expression);
  if (ts.isIdentifier(owner)) return owner.text;
  if (ts.isPropertyAccessExpression(owner)) return owner.name.text;
  if (ts.isCallExpression(owner) && owner.arguments[0] && ts.isIdentifier(owner.arguments[0])) return owner.arguments[0].text;
  return null;
}

/** The row objects a write's argument holds: Prisma's `data` (and an upsert's `create`/`update`), Mongo's `$set`, or the object itself. */
function rowsOf(arg: ts.ObjectLiteralExpression, scope: Scope): ts.ObjectLiteralExpression[] {
  const nested = ['data', 'create', 'update', '$set'].map((k) => objectOf(member(arg, k), scope)).filter((o): o is ts.ObjectLiteralExpression => o !== null);
  return nested.length > 0 ? nested : [arg];
}

const REDIS_PACKAGES = ['ioredis', 'redis'];

/** Whether an expression makes a Redis client (`new Redis()`, `createClient()`), through its import (knowledge connections). */
function opensRedis(e: ts.Expression, scope: Scope): boolean {
  const x = strip(e);
  if (!ts.isNewExpression(x) && !ts.isCallExpression(x)) return false;
  const imp = calleeImport(x.expression, scope);
  if (!imp || !REDIS_PACKAGES.includes(imp.from)) return false;
  const member = ts.isPropertyAccessExpression(x.expression) ? x.expression.name.text : undefined;
  const imported = member ? '*' : imp.name;
  return connectionOpenerOf(imp.from, imported, ts.isNewExpression(x) ? 'new' : member ? 'member' : 'call', member) !== null;
}

/** A Redis client a receiver is: made here (true), imported (the import, for the review), or not one (null). */
function redisReceiver(e: ts.Expression, scope: Scope): true | { spec: string; imported: string } | null {
  const x = strip(e);
  if (!ts.isIdentifier(x)) return null;
  const b = scope.resolve(x);
  if (!b) return null;
  const imp = b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b);
  if (imp) return REDIS_PACKAGES.includes(imp.from) ? null : { spec: imp.from, imported: imp.imported };
  const init = valueOf(x, scope);
  return init && opensRedis(init, scope) ? true : null;
}

/** Whether a `set` call's arguments after the value give a TTL (`'EX', 60`, `{ EX: 60 }`). */
function setsTtl(args: readonly ts.Expression[]): boolean {
  return args.slice(2).some((a) => {
    const x = strip(a);
    if (ts.isStringLiteralLike(x)) return (REDIS_TTL_OPTIONS as readonly string[]).includes(x.text.toUpperCase());
    return ts.isObjectLiteralExpression(x) ? x.properties.some((p) => (REDIS_TTL_OPTIONS as readonly string[]).includes((nameText(p.name) ?? '').toUpperCase())) : !ts.isNumericLiteral(x);
  });
}

/** The literal text of a key (`refresh:${id}`'s head and middles), for the words it says. */
function keyText(e: ts.Expression): string {
  const x = strip(e);
  if (ts.isStringLiteralLike(x)) return x.text;
  if (ts.isTemplateExpression(x)) return [x.head.text, ...x.templateSpans.map((s) => s.literal.text)].join(' ');
  return '';
}

/** Marks a finding on a Redis `set` whose client is imported: the review keeps it only when the import is a Redis client. */
const CLIENT = 'redisClient';

function review(finding: RuleFinding, _layout: unknown, ctx: ReviewContext): RuleFinding | null {
  const raw = finding.data?.[CLIENT];
  if (typeof raw !== 'string' || finding.path === null) return finding;
  const { [CLIENT]: _, ...data } = finding.data!;
  const imp = JSON.parse(raw) as { spec: string; imported: string };
  const clients = ctx.memo('clients', () => new Set(ctx.records().filter((r) => r.type === 'redisClient').map((r) => `${String(r.path)}#${String(r.id)}`)));
  const file = ctx.link.resolveImport(finding.path, imp.spec);
  const t = file ? ctx.link.resolveExport(file, imp.imported) : null;
  return t && 'decl' in t && clients.has(`${t.decl.path}#${t.decl.id}`) ? { ...finding, data } : null;
}

export default defineSourceRule({
  id: 'security/refresh-token-no-expiry',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'Refresh token stored without an expiry',
    rationale: 'A refresh token that is an opaque random value (or a JWT without `exp`) and is stored with no expiry column is valid until it is deleted: one copied from a cookie jar, a log or a backup keeps minting access tokens for good.',
    remediation: {
      text: 'Store an expiry with every refresh token (`expiresAt`), compare it when the token is used, and delete or rotate the row on use; in Redis, set it with a TTL (`EX`).',
      effort: 'low',
    },
    messages: {
      noExpiry: '{{what}} stores a refresh token (`{{field}}`, {{value}}) with no expiry field beside it: nothing bounds how long it is accepted',
      noTtl: 'Redis {{what}} stores a refresh token ({{value}}) with no TTL (`EX`/`PX`) and no `expire` of the key in this function: it is kept, and accepted, until deleted',
    },
  },
  // Files that store a refresh token by their words; files that make a Redis client, for imports of it.
  triggers: ['refresh', 'Refresh', 'ioredis', "'redis'", '"redis"'],
  review,
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const describe = (v: 'opaque' | 'jwt'): string => (v === 'opaque' ? 'an opaque random value' : 'a JWT signed without an expiry');
    /** A Redis `set` of a refresh token with no TTL and no `expire` of that key after it in the function. */
    const redisSet = (call: ts.CallExpression, callee: ts.PropertyAccessExpression): void => {
      const [key, value] = call.arguments;
      if (!key || !value || setsTtl(call.arguments)) return;
      const client = redisReceiver(callee.expression, ctx.scope);
      if (!client) return;
      const tokenIn = [value, ...(ts.isTemplateExpression(strip(key)) ? (strip(key) as ts.TemplateExpression).templateSpans.map((s) => s.expression) : [])];
      const token = tokenIn.map((e) => ({ e, v: tokenValue(e, ctx.scope) })).find((x) => x.v !== null);
      if (!token) return;
      const named = (e: ts.Expression): string => (ts.isIdentifier(strip(e)) ? (strip(e) as ts.Identifier).text : '');
      if (tokenKindOfName(named(token.e)) !== 'refresh' && !words(keyText(key)).includes('refresh')) return;
      const fn = ts.findAncestor(call, ts.isFunctionLike) ?? ctx.sourceFile;
      // The expire must be the same client's: the same binding, or the same `this.redis`-like member path.
      const client0 = strip(callee.expression);
      const sameClient = (e: ts.Expression): boolean => {
        const x = strip(e);
        // `redis.multi().set(key, token).expire(key, ttl)`: chained on the set itself.
        if (x === call) return true;
        if (ts.isIdentifier(x) && ts.isIdentifier(client0)) { const b = ctx.scope.resolve(x); return b !== null && b.decl === ctx.scope.resolve(client0)?.decl; }
        return x.kind === client0.kind && x.getText() === client0.getText();
      };
      let expires = false;
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ['expire', 'pexpire', 'expireAt', 'expireat'].includes(n.expression.name.text)
          && sameClient(n.expression.expression)) expires = true;
        if (!expires) ts.forEachChild(n, visit);
      };
      visit(fn);
      if (expires) return;
      const data = { what: `${callee.getText().slice(0, 40)}()`, value: describe(token.v!) };
      ctx.report({ node: call, messageId: 'noTtl', data: client === true ? data : { ...data, [CLIENT]: JSON.stringify(client) } });
    };
    return {
      'file:end'() {
        for (const st of ctx.sourceFile.statements) {
          if (!ts.isVariableStatement(st)) continue;
          for (const d of st.declarationList.declarations) {
            if (ts.isIdentifier(d.name) && d.initializer && opensRedis(d.initializer, ctx.scope)) ctx.emit({ type: 'redisClient', id: d.name.text });
          }
        }
      },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(call.expression)) return;
        const method = call.expression.name.text;
        if (method === 'set' && call.arguments.length >= 2 && !ts.isObjectLiteralExpression(strip(call.arguments[0]))) redisSet(call, call.expression);
        const write = TOKEN_ROW_WRITES.find((w) => w.method === method);
        const arg = write ? objectOf(call.arguments[write.arg], ctx.scope) : null;
        if (!write || !arg) return;
        const model = writtenModel(call.expression);
        const tokenRow = model !== null && tokenKindOfName(model) === 'refresh';
        for (const row of rowsOf(arg, ctx.scope)) {
          const names = row.properties.map((p) => nameText(p.name) ?? '');
          if (names.some(isExpiryField)) continue;
          // A row of a refresh-token table keeps the token under its own name (`token`, `tokenHash`); a user row under a refresh name.
          const field = names.find((n) => tokenKindOfName(n) === 'refresh') ?? (tokenRow ? names.find((n) => words(n).some((w) => w === 'token' || w === 'hash')) : undefined);
          if (!field) continue;
          const value = tokenValue(member(row, field), ctx.scope);
          if (value) ctx.report({ node: call, messageId: 'noExpiry', data: { what: `${model ?? ''}.${method}()`.replace(/^\./, ''), field, value: describe(value) } });
        }
      },
      BinaryExpression(node) {
        // `user.refreshToken = token; await user.save()`: a field set on a loaded row, with no expiry field set in the same function.
        const b = node as ts.BinaryExpression;
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(b.left)) return;
        const field = b.left.name.text;
        if (tokenKindOfName(field) !== 'refresh') return;
        const value = tokenValue(b.right, ctx.scope);
        if (!value) return;
        const receiver = b.left.expression;
        // The same row: the same binding (`user`), or `this`.
        const sameRow = (e: ts.Expression): boolean => (ts.isIdentifier(e) && ts.isIdentifier(receiver)
          ? ctx.scope.resolve(e)?.decl === ctx.scope.resolve(receiver)?.decl && ctx.scope.resolve(e) !== null
          : e.kind === receiver.kind && e.kind === ts.SyntaxKind.ThisKeyword);
        const fn = ts.findAncestor(b, ts.isFunctionLike) ?? ctx.sourceFile;
        let expiry = false;
        const visit = (n: ts.Node): void => {
          if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)
            && sameRow(n.left.expression) && isExpiryField(n.left.name.text)) expiry = true;
          if (!expiry) ts.forEachChild(n, visit);
        };
        visit(fn);
        if (!expiry) ctx.report({ node: b, messageId: 'noExpiry', data: { what: `${receiver.getText().slice(0, 40)}.${field} =`, field, value: describe(value) } });
      },
    };
  },
});
