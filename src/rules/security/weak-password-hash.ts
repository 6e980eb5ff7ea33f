import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import type { Scope } from '../../collect/scope.js';
import { fastHashOf, hashesPassword, isPasswordField, isStoredCredentialField, SUBTLE_CRYPTO, type FastHash } from '../../knowledge/index.js';
import { calleeName, constInitializer } from '../shared/ast.js';
import { importedCallee } from '../shared/imported-call.js';
import { NODE_CRYPTO } from '../shared/imports.js';
import { destinationName, isShippedCode, looksMinified } from '../shared/names.js';
import { subtleMethodOf } from '../shared/web-crypto.js';

const WEAK = /^(?:md5|md4|sha1|sha-1|ripemd160)$/i;
const PASSWORD = /passw(?:or)?d|passwd|\bpwd|Pwd|pass$|^pass/i;

/** The data fed to a hash: `createHash('md5').update(x)` -> x. */
function updatedData(call: ts.CallExpression): ts.Expression | null {
  const p = call.parent;
  if (ts.isPropertyAccessExpression(p) && p.name.text === 'update' && ts.isCallExpression(p.parent) && p.parent.arguments.length > 0) {
    return p.parent.arguments[0];
  }
  return null;
}

function mentionsPassword(e: ts.Node): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if ((ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) && PASSWORD.test(n.text)) hit = true;
    else ts.forEachChild(n, visit);
  };
  visit(e);
  return hit;
}

/**
 * Whether an expression carries a value named as the password itself (`password`, `body.password`,
 * `salt + pwd`): the exact field names of knowledge, not a token or a hash named after one. A const
 * it reads is followed to its initializer (`const data = encoder.encode(password)`).
 */
function carriesPassword(e: ts.Node, scope: Scope, depth = 0): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit || ts.isFunctionLike(n)) return;
    if (ts.isIdentifier(n) && isPasswordField(n.text)) hit = true;
    else if (ts.isIdentifier(n) && depth < 3 && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
      const init = constInitializer(n, scope);
      if (init && carriesPassword(init, scope, depth + 1)) hit = true;
    } else ts.forEachChild(n, visit);
  };
  visit(e);
  return hit;
}

/** The algorithm a hash call names, as a value: a literal, a const bound to one, or Web Crypto's `{ name }`. */
function algorithmOf(e: ts.Expression, scope: Scope, depth = 0): string | null {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  if (ts.isStringLiteralLike(e)) return e.text;
  if (depth > 3) return null;
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    return init ? algorithmOf(init, scope, depth + 1) : null;
  }
  if (ts.isObjectLiteralExpression(e)) {
    const p = e.properties.find((x): x is ts.PropertyAssignment => ts.isPropertyAssignment(x) && ts.isIdentifier(x.name) && x.name.text === 'name');
    return p ? algorithmOf(p.initializer, scope, depth + 1) : null;
  }
  return null;
}

/** A call into a crypto library: Node's crypto module (a cipher keyed with the bytes), a fast hash, Web Crypto. */
function cryptoCall(call: ts.CallExpression, scope: Scope): boolean {
  if (subtleMethodOf(call, scope) !== null) return true;
  const r = importedCallee(call, scope);
  return r !== null && (NODE_CRYPTO.includes(r.module) || fastHashOf(r.module, r.name, r.member) !== null);
}

/**
 * The outermost expression a hash's bytes are carried in: arguments of calls and constructors that
 * re-encode them (`new Uint8Array(h)`, `Buffer.from(h).toString('hex')`, `btoa(String.fromCharCode(...bytes))`,
 * `toHex(h)`), spreads, array elements and method chains. Null when the bytes go into another hash or
 * a Web Crypto operation (a key imported from them, a second digest): that call is judged instead.
 */
function carrier(e: ts.Expression, scope: Scope): ts.Expression | null {
  let cur: ts.Expression = e;
  for (;;) {
    const p = cur.parent;
    if (ts.isParenthesizedExpression(p) || ts.isAwaitExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSpreadElement(p)) { cur = p as ts.Expression; continue; }
    if (ts.isArrayLiteralExpression(p) || ts.isTemplateSpan(p)) { cur = ts.isTemplateSpan(p) ? p.parent : p; continue; }
    if (ts.isPropertyAccessExpression(p) && p.expression === cur) { cur = ts.isCallExpression(p.parent) && p.parent.expression === p ? p.parent : p; continue; }
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression !== cur) {
      if (ts.isCallExpression(p) && cryptoCall(p, scope)) return null;
      cur = p;
      continue;
    }
    return cur;
  }
}

/** The end of a call's method chain (`createHmac(..).update(x).digest('hex')`, `SHA256(x).toString()`), through awaits and parentheses. */
function chainEnd(call: ts.Expression): ts.Expression {
  let cur: ts.Expression = call;
  for (;;) {
    const p = cur.parent;
    if (ts.isParenthesizedExpression(p) || ts.isAwaitExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p)) { cur = p; continue; }
    if (ts.isPropertyAccessExpression(p) && p.expression === cur && ts.isCallExpression(p.parent) && p.parent.expression === p) { cur = p.parent; continue; }
    return cur;
  }
}

/**
 * What a fast hash's result is used as, read from the syntax tree: written to a stored credential
 * field (knowledge STORED_CREDENTIAL_FIELDS: `{ password: hmac(..) }`, `user.password = ..`), compared
 * by equality (a sign-in checking the stored value), or returned by a helper (`hashPassword`) whose
 * caller stores it. A local it is assigned to is followed to its uses once. Null for any other use
 * (a derived key, an HMAC of a token): not a stored password.
 */
function useOf(e: ts.Expression, scope: Scope, depth = 0): string | null {
  const end = carrier(chainEnd(e), scope);
  if (!end) return null;
  let up: ts.Node = end;
  while (ts.isParenthesizedExpression(up.parent) || ts.isAwaitExpression(up.parent)) up = up.parent;
  const p = up.parent;
  if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(p.operatorToken.kind)) {
    return `compared with ${(p.left === up ? p.right : p.left).getText().slice(0, 40)}`;
  }
  if (ts.isShorthandPropertyAssignment(p)) return isStoredCredentialField(p.name.text) ? `stored as ${p.name.text}` : null;
  if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === up)) {
    const name = destinationName(end);
    return `returned by ${name ?? 'a function'}()`;
  }
  if (ts.isVariableDeclaration(p)) {
    if (depth > 2 || !ts.isIdentifier(p.name)) return null;
    const decl = p;
    const fn = ts.findAncestor(p, (a) => ts.isFunctionLike(a) || ts.isSourceFile(a));
    let found: string | null = null;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(n) && n !== decl.name && n.text === (decl.name as ts.Identifier).text && scope.resolve(n)?.decl === decl) found = useOf(n, scope, depth + 1);
      else ts.forEachChild(n, visit);
    };
    if (fn) visit(fn);
    return found;
  }
  // A property written (`{ password: h }`, `user.passwordHash = h`), not a local named so.
  const dest = destinationName(end);
  return dest && isStoredCredentialField(dest.replace(/^['"]|['"]$/g, '')) ? `stored as ${dest}` : null;
}

export default defineSourceRule({
  id: 'security/weak-password-hash',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Password hashed with a fast hash',
    rationale: 'MD5, SHA-1 and plain SHA-2 are built to be fast: a leaked table of such password hashes is cracked at billions of guesses per second.',
    remediation: {
      text: 'Hash passwords with a slow, salted password hash: argon2id (`argon2`), scrypt (`crypto.scrypt`) or bcrypt, and compare with its verify function.',
      effort: 'medium',
    },
    messages: {
      createHash: 'password hashed with {{algorithm}} (a fast hash, crackable offline)',
      hashFunction: 'password hashed with {{fn}}() (a fast hash, crackable offline)',
      fastStored: 'the password is hashed with {{fn}} ({{algorithm}}), a fast {{kind}} with no work factor, and {{use}}: a leaked table is cracked offline at billions of guesses a second, key or not',
    },
  },
  triggers: ['createHash', 'createHmac', 'crypto-js', 'js-sha256', 'js-sha512', 'md5', 'sha1', 'MD5', 'SHA1', 'subtle'],
  appliesTo: isShippedCode,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    // Have I Been Pwned's range API takes the first 5 hex digits of the password's SHA-1 (k-anonymity):
    // a breach lookup, not how the password is stored (a better-auth breached-password plugin).
    const hibp = /pwnedpasswords|haveibeenpwned|\bhibp\b/i.test(ctx.text);
    // HTTP Digest authentication (RFC 7616) defines HA1 = MD5(user:realm:password): a client computing
    // the response the protocol asks for, not how a password is stored (hoppscotch's digest.ts).
    const digestAuth = /\brealm\b/.test(ctx.text) && /\bc?nonce\b/i.test(ctx.text) && /\bqop\b|\bHA1\b|\bha1\b/.test(ctx.text);
    const sha1 = (algo: string) => /^sha-?1$/i.test(algo);
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const name = calleeName(call);
        const ref = importedCallee(call, ctx.scope);
        const subtle = ref ? null : subtleMethodOf(call, ctx.scope);
        const fast = ref ? fastHashOf(ref.module, ref.name, ref.member) : subtle ? fastHashOf(SUBTLE_CRYPTO, subtle) : null;
        if (fast && fastStored(call, fast)) return;
        if (name === 'createHash' && call.arguments[0] && ts.isStringLiteralLike(call.arguments[0])) {
          const algo = call.arguments[0].text;
          if (!WEAK.test(algo) || (hibp && sha1(algo)) || (digestAuth && /^md5$/i.test(algo))) return;
          const data = updatedData(call);
          const dest = destinationName(data ? call.parent.parent : call);
          if ((data && mentionsPassword(data)) || (dest && PASSWORD.test(dest))) {
            ctx.report({ node: call, messageId: 'createHash', data: { algorithm: algo } });
          }
          return;
        }
        if (((name === 'md5' && !digestAuth) || (name === 'sha1' && !hibp)) && ts.isIdentifier(call.expression) && call.arguments[0] && mentionsPassword(call.arguments[0])) {
          ctx.report({ node: call, messageId: 'hashFunction', data: { fn: name } });
        }
      },
    };

    /** Whether the function returning `call`'s hash is called, in this file, inside the arguments of a slow password hash (knowledge PASSWORD_HASHERS). */
    function prehashed(call: ts.CallExpression): boolean {
      const fn = ts.findAncestor(call, ts.isFunctionLike);
      if (!fn) return false;
      let found = false;
      const visit = (n: ts.Node): void => {
        if (found) return;
        if (ts.isCallExpression(n)) {
          const ref = importedCallee(n, ctx.scope);
          if (ref && hashesPassword(ref) && n.arguments.some((a) => callsFn(a, fn))) { found = true; return; }
        }
        ts.forEachChild(n, visit);
      };
      visit(ctx.sourceFile);
      return found;
    }

    /** Whether an expression calls the function declared as `fn` (through the file's scope). */
    function callsFn(e: ts.Node, fn: ts.Node): boolean {
      let hit = false;
      const visit = (n: ts.Node): void => {
        if (hit) return;
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
          const b = ctx.scope.resolve(n.expression);
          if (b && (b.decl === fn || (ts.isVariableDeclaration(b.decl) && b.decl.initializer === fn))) { hit = true; return; }
        }
        ts.forEachChild(n, visit);
      };
      visit(e);
      return hit;
    }

    /**
     * A fast hash or HMAC (knowledge FAST_HASHES, any algorithm) of the password itself whose result
     * is stored as a credential, compared at sign-in, or returned by a helper: reported, and the
     * name-based md5/sha1 check below is skipped for the call.
     */
    function fastStored(call: ts.CallExpression, fast: FastHash): boolean {
      const data = fast.dataArg === 'update' ? updatedData(call) : call.arguments[fast.dataArg];
      if (!data || !carriesPassword(data, ctx.scope)) return false;
      const algoArg = fast.algorithmArg === null ? undefined : call.arguments[fast.algorithmArg];
      const algo = algoArg ? (algorithmOf(algoArg, ctx.scope) ?? 'an algorithm not read') : fast.export === 'default' ? fast.module : fast.export;
      if ((hibp && sha1(algo)) || (digestAuth && /md5/i.test(algo))) return false;
      const use = useOf(fast.dataArg === 'update' ? call.parent.parent as ts.Expression : call, ctx.scope);
      if (!use) return false;
      // A pre-hash handed on to a slow password hash of this file (`bcrypt.hash(prehash(password))`, for
      // bcrypt's 72-byte limit) is not what is stored.
      if (use.startsWith('returned by') && prehashed(call)) return false;
      const hmac = fast.keyed;
      ctx.report({
        node: call, messageId: 'fastStored',
        data: { fn: fast.module === SUBTLE_CRYPTO ? 'crypto.subtle.digest' : fast.export === 'default' ? fast.module : `${fast.module}.${fast.export}`, algorithm: algo, kind: hmac ? 'keyed hash (HMAC)' : 'hash', use },
      });
      return true;
    }
  },
});
