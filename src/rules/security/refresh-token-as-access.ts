import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { AUDIENCE_OPTIONS, INJECTED_JWT_VERIFIERS, isTokenUseClaim, TOKEN_USE_CLAIMS, jwtRegistrationOf, jwtVerifierKeyOf, tokenKindOfName } from '../../knowledge/index.js';
import { defineSourceRule, type ReviewContext, type RuleFinding } from '../api.js';
import type { FactRecord } from '../../collect/index.js';
import { valueOf } from '../shared/ast.js';
import { injectedSignerOf, signSiteOf, type SignSite } from '../shared/jwt.js';
import { describeKey, keyConstRecords, keyRefOf, type KeyRef } from '../shared/jwt-keys.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

/**
 * A kind-of-token claim where it may be compared (`payload.type !== 'access'`, `claims['token_use'] ===`,
 * `[...].includes(decoded.typ)`): the words the file must hold for one to be read, without taking every
 * file that says "type" (a file of type declarations alone is not parsed for it).
 */
const CLAIM_COMPARED = TOKEN_USE_CLAIMS.names.flatMap((n) => [`${n} ==`, `${n} !=`, `== ${n}`, `!= ${n}`, `.${n})`, `'${n}']`, `"${n}"]`]);
const TRIGGERS = ['jsonwebtoken', 'hono/jwt', '@tsndr/cloudflare-worker-jwt', 'jose', '@nestjs/jwt', 'passport-jwt', 'express-jwt'];
/** The registered default key of an injected signer (resolved by the review to the registration's key). */
const REGISTERED = 'registered:@nestjs/jwt';

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

const nameText = (n: ts.PropertyName | ts.BindingName | undefined): string | null =>
  n && (ts.isIdentifier(n) || ts.isStringLiteralLike(n) || ts.isPrivateIdentifier(n)) ? n.text : null;

/** The object literal an expression is, directly or through a local variable. */
function objectOf(e: ts.Expression | undefined, scope: Scope): ts.ObjectLiteralExpression | null {
  if (!e) return null;
  let x = strip(e);
  if (ts.isIdentifier(x)) x = valueOf(x, scope) ?? x;
  x = strip(x);
  return ts.isObjectLiteralExpression(x) ? x : null;
}

function prop(obj: ts.ObjectLiteralExpression | null, keys: readonly string[]): ts.Expression | undefined {
  const p = obj?.properties.find((x) => keys.includes(nameText(x.name) ?? ''));
  return p && ts.isPropertyAssignment(p) ? p.initializer : p && ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
}

/** The name of the function a node is inside (`generateRefreshToken`, a method, a const arrow), or null. */
function enclosingName(n: ts.Node): string | null {
  const fn = ts.findAncestor(n.parent, ts.isFunctionLike);
  if (!fn) return null;
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return nameText(fn.name);
  const holder = fn.parent;
  if (holder && (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder))) return nameText(holder.name);
  return null;
}

/** The name a signed token is kept under where it is made: the variable, property or field it goes to, else the function that makes it. */
function keptUnder(call: ts.Expression): string | null {
  let n: ts.Node = call;
  while (n.parent && (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent))) n = n.parent;
  const p = n.parent;
  let direct: string | null = null;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p))) direct = nameText(p.name);
  else if (p && ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) {
    const l = p.left;
    direct = ts.isIdentifier(l) ? l.text : ts.isPropertyAccessExpression(l) ? l.name.text : null;
  }
  if (direct && tokenKindOfName(direct)) return direct;
  const outer = enclosingName(n);
  return outer && tokenKindOfName(outer) ? outer : direct ?? outer;
}

interface SignRecord { type: 'sign'; line: number; kind: 'refresh' | 'access' | null; name: string | null; key: KeyRef; claims: Record<string, string>; aud: string[]; text: string }

/** What a signing call says about the token: its key, the kind-of-token claims its payload (or header) sets, the audience options. */
function signRecord(site: SignSite, line: number, scope: Scope): SignRecord | null {
  const injected = ts.isPropertyAccessExpression(site.call.expression) && injectedSignerOf(site.call.expression.expression, scope) !== null;
  const key = site.key ? keyRefOf(site.key, scope) : injected ? REGISTERED : null;
  if (!key) return null;
  const claims: Record<string, string> = {};
  const payload = objectOf(site.payload, scope);
  for (const p of payload?.properties ?? []) {
    const k = nameText(p.name);
    if (!k || !isTokenUseClaim(k)) continue;
    // A literal by its text; a constant (`tokenTypes.REFRESH`) or a parameter by how it is written.
    const v = ts.isPropertyAssignment(p) ? strip(p.initializer) : ts.isShorthandPropertyAssignment(p) ? p.name : null;
    if (v) claims[k] = ts.isStringLiteralLike(v) ? v.text : `expr:${v.getText()}`;
  }
  const options = objectOf(site.options, scope);
  const header = objectOf(prop(options, ['header']), scope);
  const typ = prop(header, ['typ']);
  if (typ && ts.isStringLiteralLike(strip(typ))) claims.typ = (strip(typ) as ts.StringLiteral).text;
  const aud: string[] = [];
  for (const o of AUDIENCE_OPTIONS.options) {
    const v = prop(options, [o]);
    if (v) aud.push(`${o}=${v.getText()}`);
  }
  // A jose chain: `setAudience('api')`, `setProtectedHeader({ alg, typ: 'refresh' })`.
  for (let c: ts.Expression = site.call.expression; ts.isPropertyAccessExpression(c) && ts.isCallExpression(c.expression);) {
    const inner = c.expression;
    if (!ts.isPropertyAccessExpression(inner.expression)) break;
    const m = inner.expression.name.text;
    if ((AUDIENCE_OPTIONS.methods as readonly string[]).includes(m)) aud.push(`${m}=${inner.arguments.map((a) => a.getText()).join(',')}`);
    if (m === 'setProtectedHeader') {
      const t = prop(objectOf(inner.arguments[0], scope), ['typ']);
      if (t && ts.isStringLiteralLike(strip(t))) claims.typ = (strip(t) as ts.StringLiteral).text;
    }
    c = inner.expression;
  }
  const name = keptUnder(site.call);
  return { type: 'sign', line, kind: name ? tokenKindOfName(name) : null, name, key, claims, aud, text: site.call.getText().split('\n')[0].slice(0, 120) };
}

/** The import a callee (or `ns.member`) is bound to. */
function importOfCallee(callee: ts.Expression, scope: Scope): { from: string; imported: string; member?: string } | null {
  let id = callee;
  let member: string | undefined;
  if (ts.isPropertyAccessExpression(id)) {
    member = id.name.text;
    id = id.expression;
  }
  if (!ts.isIdentifier(id)) return null;
  const b = scope.resolve(id);
  const imp = b && (b.kind === 'import' ? b : requireOf(b));
  return imp ? { from: imp.from, imported: imp.imported, ...(member ? { member } : {}) } : null;
}

/** The key a verifying call (or construction, or `super(...)` of a passport strategy) uses; undefined when it is none. */
function verifierKey(node: ts.CallExpression | ts.NewExpression, scope: Scope): KeyRef | null | undefined {
  const args = node.arguments ?? ts.factory.createNodeArray();
  let imp = importOfCallee(node.expression, scope);
  if (node.expression.kind === ts.SyntaxKind.SuperKeyword) {
    // `class JwtStrategy extends PassportStrategy(Strategy)` / `extends Strategy`: super() gets the strategy's options.
    const cls = ts.findAncestor(node, ts.isClassLike);
    const base = cls?.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    const candidates = base ? (ts.isCallExpression(base) ? [...base.arguments] : [base]) : [];
    imp = candidates.map((c) => importOfCallee(c, scope)).find((x) => x !== null && jwtVerifierKeyOf(x.from, x.imported, x.member)?.how === 'option') ?? null;
  }
  if (imp) {
    const v = jwtVerifierKeyOf(imp.from, imp.imported, imp.member);
    if (v) return v.how === 'arg' ? keyRefOf(args[v.index], scope) : keyRefOf(prop(objectOf(args[v.index], scope), v.options ?? []), scope);
  }
  const callee = node.expression;
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(callee)) {
    const s = injectedSignerOf(callee.expression, scope);
    const v = s && INJECTED_JWT_VERIFIERS.find((x) => x.module === s.module && (x.methods as readonly string[]).includes(callee.name.text));
    if (v) {
      const given = prop(objectOf(args[v.optionsArg], scope), v.keyOptions);
      return given ? keyRefOf(given, scope) : REGISTERED;
    }
  }
  return undefined;
}

/** The key a `JwtModule.register({ secret })` / `registerAsync({ useFactory: () => ({ secret }) })` call registers. */
function registeredKey(call: ts.CallExpression, scope: Scope): KeyRef | null | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return undefined;
  const b = scope.resolve(callee.expression);
  const reg = b?.kind === 'import' ? jwtRegistrationOf(b.from, b.imported) : null;
  if (!reg) return undefined;
  let options = objectOf(call.arguments[0], scope);
  if (reg.registration.asyncMethods.includes(callee.name.text)) {
    const f = prop(options, [reg.registration.factoryKey]);
    const fn = f && strip(f);
    options = fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && !ts.isBlock(fn.body) ? objectOf(fn.body, scope) : null;
    if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isBlock(fn.body)) {
      const ret = fn.body.statements.find(ts.isReturnStatement);
      options = objectOf(ret?.expression, scope);
    }
  } else if (!reg.registration.methods.includes(callee.name.text)) return undefined;
  return keyRefOf(prop(options, ['secret', 'privateKey']), scope);
}

/** `payload.type === 'access'`, `type !== 'refresh'` (destructured from the payload): a kind-of-token claim compared to a string. */
function claimCheck(e: ts.BinaryExpression): { claim: string; value: string } | null {
  const ops = [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken];
  if (!ops.includes(e.operatorToken.kind)) return null;
  const sides = [strip(e.left), strip(e.right)];
  const claimOf = (x: ts.Expression): string | null => {
    const name = ts.isPropertyAccessExpression(x) ? x.name.text : ts.isElementAccessExpression(x) && ts.isStringLiteralLike(x.argumentExpression) ? x.argumentExpression.text : ts.isIdentifier(x) ? x.text : null;
    return name && isTokenUseClaim(name) ? name : null;
  };
  for (const [i, side] of sides.entries()) {
    const claim = claimOf(side);
    const other = sides[1 - i];
    if (!claim || claimOf(other)) continue;
    // Compared with a literal (its text), or with a constant such as `tokenTypes.ACCESS` (any value: '*').
    if (ts.isStringLiteralLike(other)) return { claim, value: other.text };
    if (ts.isPropertyAccessExpression(other) || ts.isIdentifier(other)) return { claim, value: '*' };
  }
  return null;
}

/** Marks a finding on a refresh token's signing call: the review pairs it with the repository's other signs and verifiers. */
const PENDING = 'refreshSign';

function review(finding: RuleFinding, _layout: unknown, ctx: ReviewContext): RuleFinding | null {
  if (finding.path === null || finding.data?.[PENDING] === undefined) return finding;
  const { [PENDING]: _, ...data } = finding.data;
  const all = ctx.records();
  const consts = ctx.memo('consts', () => new Map(all.filter((r) => r.type === 'keyConst').map((r) => [`${String(r.path)}#${String(r.id)}`, String(r.key)])));
  const resolveKey = (key: KeyRef, path: string): KeyRef | null => {
    if (key === REGISTERED) {
      const regs = [...new Set(all.filter((r) => r.type === 'registeredKey').map((r) => (r.key === null ? null : resolveKey(String(r.key), String(r.path)))))];
      return regs.length === 1 && regs[0] !== null ? regs[0] : REGISTERED;
    }
    if (!key.startsWith('imp:')) return key;
    const imp = JSON.parse(key.slice(4)) as { spec: string; imported: string; member: string | null };
    const file = ctx.link.resolveImport(path, imp.spec);
    const t = file ? ctx.link.resolveExport(file, imp.imported) : null;
    if (!t || !('decl' in t)) return null;
    const id = `${t.decl.id}${imp.member ? `.${imp.member}` : ''}`;
    return consts.get(`${t.decl.path}#${id}`) ?? `decl:${t.decl.path}#${id}`;
  };
  const signs = all.filter((r): r is FactRecord & SignRecord => r.type === 'sign').map((r) => ({ ...r, resolved: resolveKey(r.key, String(r.path)) }));
  const me = signs.find((r) => r.path === finding.path && r.line === finding.line && r.kind === 'refresh');
  if (!me) return null;
  // A key verdict cannot follow (an import it cannot resolve, a value built at run time): whether other tokens share it is not known.
  if (me.resolved === null) return { ...finding, messageId: 'keyUnread', severity: 'info', data: { ...data } };
  const verifiers = all.filter((r) => r.type === 'verify' && r.key !== null && resolveKey(String(r.key), String(r.path)) === me.resolved);
  if (verifiers.length === 0) return null;
  const checked = all.filter((r) => r.type === 'claimCheck');
  const alike = signs.filter((o) => o !== me && o.kind !== 'refresh' && o.resolved === me.resolved).filter((o) => {
    if (o.aud.join('|') !== me.aud.join('|')) return false;
    const claims = new Set([...Object.keys(o.claims), ...Object.keys(me.claims)]);
    // Told apart by a claim only when its values differ and the code compares that claim with one of them.
    return ![...claims].some((c) => o.claims[c] !== me.claims[c] && checked.some((k) => k.claim === c && (k.value === '*' || k.value === o.claims[c] || k.value === me.claims[c])));
  });
  if (alike.length === 0) return null;
  alike.sort((a, b) => (a.path === b.path ? a.line - b.line : String(a.path) < String(b.path) ? -1 : 1));
  const other = alike[0];
  const verifier = verifiers[0];
  return {
    ...finding,
    messageId: 'sameKey',
    data: { ...data, other: `${String(other.path)}:${other.line}`, otherName: other.name ?? 'a token', key: describeKey(me.resolved), verifier: `${String(verifier.path)}:${String(verifier.line)}` },
    evidence: [
      ...finding.evidence,
      { kind: 'file', path: String(other.path), line: other.line, snippet: other.text },
      { kind: 'file', path: String(verifier.path), line: Number(verifier.line), snippet: String(verifier.text) },
    ],
  };
}

export default defineSourceRule({
  id: 'security/refresh-token-as-access',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Refresh and access tokens signed alike',
    rationale: 'A refresh token signed with the same key as the access token, and told apart by nothing the verifier checks, is accepted as an access token: the long-lived token kept in a cookie or a row opens every route, and an access token can mint new refresh tokens.',
    remediation: {
      text: "Sign refresh tokens with their own secret (`JWT_REFRESH_SECRET`), or give each kind a claim (`type: 'refresh'`) or audience that every verifier checks; better, make refresh tokens opaque random values stored hashed with an expiry.",
      effort: 'low',
    },
    messages: {
      sameKey: '{{name}} is signed with {{key}}, as {{otherName}} is ({{other}}), and no claim or audience a verifier checks tells them apart: the verifier at {{verifier}} accepts either',
      // Said only until the review has read the other signing calls and verifiers (it names them, or drops the finding).
      sameKeyPending: '{{name}} is signed with a key other tokens may share: read by the review',
      keyUnread: '{{name}} is signed with a key verdict could not resolve: whether an access token shares it is not verified',
    },
  },
  // Signers and verifiers by their package; keys by where they are read; a kind-of-token claim where it is compared.
  triggers: [...TRIGGERS, 'process.env', 'env.', 'SECRET', 'secret', ...CLAIM_COMPARED],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  review,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const jwt = TRIGGERS.some((m) => ctx.text.includes(m)) || ctx.text.includes('PassportStrategy');
    const verifier = (node: ts.CallExpression | ts.NewExpression): void => {
      const key = verifierKey(node, ctx.scope);
      if (key !== undefined) ctx.emit({ type: 'verify', line: ctx.lineOf(node), key, text: node.getText().split('\n')[0].slice(0, 120) });
    };
    return {
      'file:end'() {
        for (const r of keyConstRecords(ctx.sourceFile, ctx.scope)) ctx.emit(r);
      },
      BinaryExpression(node) {
        const c = claimCheck(node as ts.BinaryExpression);
        if (c) ctx.emit({ type: 'claimCheck', line: ctx.lineOf(node), ...c });
      },
      NewExpression(node) {
        if (jwt) verifier(node as ts.NewExpression);
      },
      CallExpression(node) {
        if (!jwt) return;
        const call = node as ts.CallExpression;
        const site = signSiteOf(call, ctx.scope);
        if (site) {
          const rec = signRecord(site, ctx.lineOf(call), ctx.scope);
          if (!rec) return;
          ctx.emit(rec as unknown as Record<string, unknown>);
          if (rec.kind === 'refresh') ctx.report({ node: call, messageId: 'sameKeyPending', data: { name: `\`${rec.name}\``, [PENDING]: '1' } });
          return;
        }
        const reg = registeredKey(call, ctx.scope);
        if (reg !== undefined) {
          ctx.emit({ type: 'registeredKey', line: ctx.lineOf(call), key: reg });
          return;
        }
        verifier(call);
      },
    };
  },
});
