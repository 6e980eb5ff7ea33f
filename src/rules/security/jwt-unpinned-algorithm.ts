import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { findInitializer } from '../shared/ast.js';
import { jwtCall } from '../shared/jwt.js';

/** The options object of a call, following one local variable; null when it cannot be read. */
function optionsObject(arg: ts.Expression): ts.ObjectLiteralExpression | null {
  if (ts.isObjectLiteralExpression(arg)) return arg;
  if (ts.isIdentifier(arg)) {
    const init = findInitializer(arg);
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
          const obj = optionsObject(opts);
          if (!obj) return; // built elsewhere: cannot tell
          const pinned = obj.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && p.name.getText(ctx.sourceFile).replace(/['"]/g, '') === 'algorithms'));
          if (pinned) return;
        }
        ctx.report({ node: call, message: 'jwt.verify() without an `algorithms` option: the token header picks the algorithm' });
      },
    };
  },
});
