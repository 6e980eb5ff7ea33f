// Values read from a committed JSON config: `import config from './config.json'` / `require()`d, or
// node-config's `config.get('jwt.secret')`, where they are passed to a secret sink or read under a
// secret-looking key. Facts only: security/config-file-secret reads the JSON file and judges.
import ts from 'typescript';
import { configFileReaderOf, isSecretName, secretSinkOf } from '../../knowledge/index.js';
import { isTestSide } from '../../util/roles.js';
import { configReadFacts } from '../facts/config-reads.js';
import type { VisitorHost } from '../host.js';
import { requireOf, type Scope } from '../scope.js';

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** The module an identifier is imported or required from, and the export. */
function importOf(id: ts.Identifier, scope: Scope): { from: string; imported: string } | null {
  const b = scope.resolve(id);
  if (!b) return null;
  return b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b);
}

interface KeyRead { kind: 'json' | 'reader'; spec: string; keyPath: string }

/** The config key an expression reads (`config.jwt.secret`, `config.get('jwt.secret')`, a const holding one), or null. */
function keyRead(e: ts.Expression, scope: Scope, depth = 0): KeyRead | null {
  e = strip(e);
  if (ts.isIdentifier(e) && depth < 3) {
    const b = scope.resolve(e);
    return b?.kind === 'variable' && b.isConst && b.initializer ? keyRead(b.initializer, scope, depth + 1) : null;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression)) {
    const arg = e.arguments[0];
    const imp = importOf(e.expression.expression, scope);
    const reader = imp && (imp.imported === 'default' || imp.imported === '*') ? configFileReaderOf(imp.from) : null;
    return reader && e.expression.name.text === reader.method && arg && ts.isStringLiteralLike(arg) && arg.text ? { kind: 'reader', spec: imp!.from, keyPath: arg.text } : null;
  }
  const names: string[] = [];
  let cur: ts.Expression = e;
  while (ts.isPropertyAccessExpression(cur) || (ts.isElementAccessExpression(cur) && ts.isStringLiteralLike(cur.argumentExpression))) {
    names.unshift(ts.isPropertyAccessExpression(cur) ? cur.name.text : (cur.argumentExpression as ts.StringLiteral).text);
    cur = strip(cur.expression);
  }
  if (names.length === 0 || !ts.isIdentifier(cur)) return null;
  const imp = importOf(cur, scope);
  return imp && /\.json$/i.test(imp.from) && (imp.imported === 'default' || imp.imported === '*') ? { kind: 'json', spec: imp.from, keyPath: names.join('.') } : null;
}

/** The secret an option object passes (`session({ secret: X })`). */
function optionValue(arg: ts.Expression | undefined, option: string): ts.Expression | null {
  const obj = arg && strip(arg);
  if (!obj || !ts.isObjectLiteralExpression(obj)) return null;
  const p = obj.properties.find((x) => ts.isPropertyAssignment(x) && (ts.isIdentifier(x.name) || ts.isStringLiteral(x.name)) && x.name.text === option);
  return p && ts.isPropertyAssignment(p) ? p.initializer : null;
}

const lastKey = (keyPath: string): string => keyPath.slice(keyPath.lastIndexOf('.') + 1);

export const configReads: VisitorHost = {
  id: configReadFacts.id,
  triggers: ['.json', 'config'],
  appliesTo: (f) => !isTestSide(f.role) && f.role !== 'generated',
  create(ctx) {
    const emit = (r: KeyRead, sink: string | null, node: ts.Node) => configReadFacts.emit(ctx, { ...r, sink, line: ctx.lineOf(node) });
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        let callee: ts.Expression = strip(call.expression);
        let member: string | undefined;
        if (ts.isPropertyAccessExpression(callee)) {
          member = callee.name.text;
          callee = strip(callee.expression);
        }
        if (ts.isIdentifier(callee)) {
          const imp = importOf(callee, ctx.scope);
          const sink = imp ? secretSinkOf(imp.from, imp.imported, member) : null;
          const value = sink ? (sink.arg !== undefined ? call.arguments[sink.arg] : optionValue(call.arguments[0], sink.option!)) : null;
          const read = value ? keyRead(value, ctx.scope) : null;
          if (sink && read) {
            emit(read, sink.what, call);
            return;
          }
        }
        // `config.get('jwt.secret')` anywhere: a secret by its key's name.
        const read = ts.isPropertyAccessExpression(call.expression) ? keyRead(call, ctx.scope) : null;
        if (read && isSecretName(lastKey(read.keyPath))) emit(read, null, call);
      },
      PropertyAccessExpression(node) {
        const p = node as ts.PropertyAccessExpression;
        // The whole chain once (`config.jwt.secret`, not `config.jwt`), and not a call's callee.
        if (ts.isPropertyAccessExpression(p.parent) || (ts.isCallExpression(p.parent) && p.parent.expression === p)) return;
        if (!isSecretName(p.name.text)) return;
        const read = keyRead(p, ctx.scope);
        if (read) emit(read, null, p);
      },
    };
  },
};
