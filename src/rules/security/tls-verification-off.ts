import ts from 'typescript';
import { requireOf } from '../../collect/scope.js';
import { TLS_REJECT_ENV, tlsCallOf, tlsKeyPackages, tlsSwitchOf } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { bindingsOf } from '../shared/imports.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

function keyOf(name: ts.PropertyName | ts.MemberName | undefined): string | null {
  if (!name) return null;
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isPrivateIdentifier(name) ? name.text : null;
}

function unwrapUp(n: ts.Node): ts.Node {
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent))) n = n.parent;
  return n;
}

export default defineSourceRule({
  id: 'security/tls-verification-off',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'TLS certificate verification is turned off',
    rationale: 'With verification off the connection is encrypted to whoever answers: anyone on the path (a shared network, a proxy, a spoofed DNS answer) can present any certificate and read the database password, the API key and the data.',
    remediation: { text: 'Keep verification on and give the client the server\'s CA (`ssl: { ca: fs.readFileSync(...) }`, or the provider\'s CA bundle); never set NODE_TLS_REJECT_UNAUTHORIZED=0.', effort: 'low' },
    messages: {
      option: '`{{option}}: {{value}}` in the {{where}}: the server\'s certificate is not verified',
      env: '{{name}} set to "0": certificate verification is off for every TLS connection of the process',
    },
  },
  triggers: ['rejectUnauthorized', 'tlsAllowInvalidCertificates', 'tlsInsecure', TLS_REJECT_ENV.name],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const imports = (packages: readonly string[]): boolean => {
      const b = bindingsOf(ctx.sourceFile, packages);
      return b.whole.size > 0 || b.named.size > 0;
    };
    /** The Node TLS call an expression names through the file's imports: `new Agent(...)`, `https.request(...)`. */
    const tlsCall = (callee: ts.Expression) => {
      if (ts.isIdentifier(callee)) {
        const b = ctx.scope.resolve(callee);
        const imp = b && (b.kind === 'import' ? b : requireOf(b));
        return imp ? tlsCallOf(imp.from, imp.imported) : null;
      }
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
        const b = ctx.scope.resolve(callee.expression);
        const imp = b && (b.kind === 'import' ? b : requireOf(b));
        if (imp && (imp.imported === '*' || imp.imported === 'default')) return tlsCallOf(imp.from, callee.name.text);
      }
      return null;
    };
    /** Where the object literal holding a switch is TLS options, described; null when nothing says it is. */
    const tlsOptionsWhere = (obj: ts.ObjectLiteralExpression): string | null => {
      const at = unwrapUp(obj);
      const parent = at.parent;
      let key: string | null = null;
      if (ts.isPropertyAssignment(parent) && parent.initializer === at) key = keyOf(parent.name);
      else if (ts.isBinaryExpression(parent) && parent.right === at && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = parent.left;
        if (ts.isPropertyAccessExpression(left)) key = left.name.text;
        else if (ts.isElementAccessExpression(left) && ts.isStringLiteralLike(left.argumentExpression)) key = left.argumentExpression.text;
      }
      if (key) {
        const packages = tlsKeyPackages(key);
        return packages && imports(packages) ? `\`${key}\` options of ${packages.filter((p) => imports([p])).join(', ')}` : null;
      }
      if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments) {
        const call = tlsCall(parent.expression);
        if (call && parent.arguments[call.arg] === at) return `options of ${call.module}.${call.export}`;
      }
      return null;
    };
    return {
      PropertyAssignment(node) {
        const p = node as ts.PropertyAssignment;
        const option = keyOf(p.name);
        const v = p.initializer.kind;
        if (!option || (v !== ts.SyntaxKind.TrueKeyword && v !== ts.SyntaxKind.FalseKeyword)) return;
        const sw = tlsSwitchOf(option, v === ts.SyntaxKind.TrueKeyword);
        if (!sw || !ts.isObjectLiteralExpression(p.parent)) return;
        const where = sw.within === 'tls-options'
          ? tlsOptionsWhere(p.parent)
          : sw.packages && imports(sw.packages) ? `client options of ${sw.packages.filter((x) => imports([x])).join(', ')}` : null;
        if (where) ctx.report({ node: p, messageId: 'option', data: { option, value: String(sw.off), where } });
      },
      BinaryExpression(node) {
        const b = node as ts.BinaryExpression;
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
        const left = b.left;
        const name = ts.isPropertyAccessExpression(left) ? left.name.text
          : ts.isElementAccessExpression(left) && ts.isStringLiteralLike(left.argumentExpression) ? left.argumentExpression.text : null;
        if (name !== TLS_REJECT_ENV.name) return;
        const env = (left as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression;
        if (!ts.isPropertyAccessExpression(env) || env.name.text !== 'env' || !ts.isIdentifier(env.expression) || env.expression.text !== 'process' || ctx.scope.resolve(env.expression)) return;
        const r = b.right;
        const value = ts.isStringLiteralLike(r) ? r.text : ts.isNumericLiteral(r) ? r.text : null;
        if (value === TLS_REJECT_ENV.off) ctx.report({ node: b, messageId: 'env', data: { name: TLS_REJECT_ENV.name } });
      },
    };
  },
});

