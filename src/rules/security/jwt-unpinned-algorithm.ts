import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { valueOf } from '../shared/ast.js';
import { terminalName } from '../shared/names.js';
import { jwtCall } from '../shared/jwt.js';
import { lockedVersionOf } from '../shared/lockfiles.js';
import { JWT_KEY_FAMILY_DEFAULT } from '../../knowledge/index.js';

/** The major version a dependency range names (`^9.0.3` -> 9), or null (`latest`, `workspace:*`, a URL). */
export function declaredMajor(range: string | undefined): number | null {
  const m = range === undefined ? null : /^\s*(?:[~^]|>=?|=)?\s*v?(\d+)(?:\.|\s*$)/.exec(range);
  return m ? Number(m[1]) : null;
}

/**
 * How the key reads: a PEM public key makes jsonwebtoken (before 9) accept RS/ES algorithms, where
 * HS/RS confusion lives; any other string is an HMAC secret, for which it accepts only HS256/384/512
 * (and refuses an unsigned token). A literal is read; otherwise a name ending in "secret" (last
 * resort, said in the evidence).
 */
function sharedSecret(key: ts.Expression, scope: Scope): { how: 'literal' | 'name' } | null {
  const value = ts.isIdentifier(key) ? valueOf(key, scope) ?? key : key;
  if (ts.isStringLiteralLike(value)) return value.text.includes('BEGIN') ? null : { how: 'literal' };
  const name = terminalName(key);
  return name && /secret$/i.test(name) && !/public/i.test(name) ? { how: 'name' } : null;
}

/** The options object of a call, following one local variable; null when it cannot be read. */
function optionsObject(arg: ts.Expression, scope: Scope): ts.ObjectLiteralExpression | null {
  if (ts.isObjectLiteralExpression(arg)) return arg;
  if (ts.isIdentifier(arg)) {
    const init = valueOf(arg, scope);
    if (init && ts.isObjectLiteralExpression(init)) return init;
  }
  return null;
}

export default defineSourceRule({
  id: 'security/jwt-unpinned-algorithm',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'JWT verified without pinning the algorithms',
    rationale: 'Without an `algorithms` list, the token header chooses how it is checked; with older jsonwebtoken versions and mixed key types this allows `none` or HS/RS confusion forgeries.',
    remediation: {
      text: "Pass the accepted algorithms: `jwt.verify(token, key, { algorithms: ['HS256'] })` (or `['RS256']` for public keys); `jose`'s `jwtVerify` with `{ algorithms }` is a good alternative.",
      effort: 'low',
    },
    messages: {
      unpinned: 'jwt.verify() without an `algorithms` option: the token header picks the algorithm',
      unpinnedSecret: 'jwt.verify() without an `algorithms` option; the key ({{key}}) is a shared secret, for which jsonwebtoken accepts only HS256/384/512 and requires a signature: pinning is hardening here',
      unpinnedKeyFamily: "jwt.verify() without an `algorithms` option: the token header picks the algorithm; jsonwebtoken {{range}} limits it to the key's algorithm family, so pinning is hardening here",
    },
  },
  // jsonwebtoken 9 takes the accepted algorithms from the key's type when none are given (knowledge
  // JWT_KEY_FAMILY_DEFAULT): the forgeries above need an older version. The version is the range the
  // package (or the root) declares, else the one the root lockfile installed (a dependency of
  // @nestjs/jwt or passport-jwt used directly); when neither reads, the finding says so.
  review(finding, layout, ctx) {
    const lib = JWT_KEY_FAMILY_DEFAULT.module;
    const own = layout.packages.find((p) => p.name === finding.package);
    const root = layout.packages.find((p) => p.path === '.');
    let range = own?.dependencies[lib] ?? root?.dependencies[lib];
    let major = declaredMajor(range);
    if (major === null) {
      const lockCtx = { memo: ctx.memo, documents: ctx.documents, layout };
      const locked = (own ? lockedVersionOf(lockCtx, own, lib) : null) ?? (root ? lockedVersionOf(lockCtx, root, lib) : null);
      if (locked !== null && declaredMajor(locked) !== null) { range = `${locked} (locked)`; major = declaredMajor(locked); }
    }
    if (major === null) {
      return { ...finding, evidence: [...finding.evidence, { kind: 'note', text: `not verified: the ${lib} version was not read (${range === undefined ? 'no declaration and no lockfile entry' : `range ${range}`}); before ${JWT_KEY_FAMILY_DEFAULT.sinceMajor} an unpinned verify lets the token header choose` }] };
    }
    if (major < JWT_KEY_FAMILY_DEFAULT.sinceMajor) return finding;
    return { ...finding, severity: 'low', messageId: 'unpinnedKeyFamily', data: { range: range! } };
  },
  triggers: ['jsonwebtoken'],
  appliesTo: isShippedCode,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const hit = jwtCall(call, ctx.sourceFile);
        if (!hit || hit.lib !== 'jsonwebtoken' || hit.fn !== 'verify' || call.arguments.length < 2) return;
        const opts = call.arguments[2];
        if (opts && !ts.isFunctionExpression(opts) && !ts.isArrowFunction(opts)) {
          const obj = optionsObject(opts, ctx.scope);
          if (!obj) return; // built elsewhere: cannot tell
          const pinned = obj.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && p.name.getText(ctx.sourceFile).replace(/['"]/g, '') === 'algorithms'));
          if (pinned) return;
        }
        const key = call.arguments[1];
        const secret = sharedSecret(key, ctx.scope);
        if (secret) {
          ctx.report({
            node: call, messageId: 'unpinnedSecret', severity: 'medium', data: { key: key.getText(ctx.sourceFile).slice(0, 60) },
            evidence: [{ kind: 'note', text: secret.how === 'literal' ? 'the key is a string literal, not a PEM public key' : `the key is read as a shared secret by its name (${terminalName(key)}), not resolved to its value` }],
          });
          return;
        }
        ctx.report({ node: call, messageId: 'unpinned' });
      },
    };
  },
});
