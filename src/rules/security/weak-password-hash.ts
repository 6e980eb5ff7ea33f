import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import { calleeName } from '../shared/ast.js';
import { destinationName, isShippedCode, looksMinified } from '../shared/names.js';

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
    },
  },
  triggers: ['createHash', 'md5', 'sha1', 'MD5', 'SHA1'],
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
  },
});
