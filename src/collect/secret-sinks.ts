// Where a call hands a secret to a library (knowledge SECRET_SINKS): the expressions at the sink's
// argument or option, resolved through the file's scopes. Read by collect/config-reads (a value taken
// from a committed config file) and by the rules that judge a literal or fallback secret there.
import ts from 'typescript';
import { secretSinksOf, type SecretSink } from '../knowledge/index.js';
import { requireOf, type Scope } from './scope.js';

export function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** The module an identifier is imported or required from, and the export. */
export function importOf(id: ts.Identifier, scope: Scope): { from: string; imported: string } | null {
  const b = scope.resolve(id);
  if (!b) return null;
  return b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b);
}

/** An options object: written at the call, or a local const holding one. */
export function objectOf(arg: ts.Expression | undefined, scope: Scope): ts.ObjectLiteralExpression | null {
  let obj = arg && strip(arg);
  if (obj && ts.isIdentifier(obj)) {
    const b = scope.resolve(obj);
    obj = b?.kind === 'variable' && b.isConst && b.initializer ? strip(b.initializer) : undefined;
  }
  return obj && ts.isObjectLiteralExpression(obj) ? obj : null;
}

/** The value an option object passes (`session({ secret: X })`, shorthand `{ secret }` included). */
export function optionValue(arg: ts.Expression | undefined, option: string, scope: Scope): ts.Expression | null {
  const obj = objectOf(arg, scope);
  const p = obj?.properties.find((x) => (ts.isPropertyAssignment(x) || ts.isShorthandPropertyAssignment(x)) && (ts.isIdentifier(x.name) || ts.isStringLiteral(x.name)) && x.name.text === option);
  return !p ? null : ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : null;
}

/**
 * The expressions a call passes at a sink: its argument, or its option; an option that takes a key
 * pair written as an object (`secret: { private, public }` of @fastify/jwt) gives its private member.
 */
export function sinkValues(sink: SecretSink, args: readonly ts.Expression[], scope: Scope): ts.Expression[] {
  if (sink.arg !== undefined) return args[sink.arg] ? [args[sink.arg]] : [];
  const v = sink.option ? optionValue(args[sink.how === 'register' ? 1 : 0], sink.option, scope) : null;
  if (v && sink.privateMember && ts.isObjectLiteralExpression(strip(v))) {
    const inner = optionValue(v, sink.privateMember, scope);
    return inner ? [inner] : [];
  }
  return v ? [v] : [];
}

/**
 * The sinks a call is and the values it passes them: `session({ secret })`, `jwt({ secret })` on an
 * import of the library, and `app.register(plugin, { secret })` with the plugin imported (argument 0).
 */
export function sinkCallValues(call: ts.CallExpression, scope: Scope): Array<{ sink: SecretSink; value: ts.Expression }> {
  const out: Array<{ sink: SecretSink; value: ts.Expression }> = [];
  const args = call.arguments;
  let callee = strip(call.expression);
  let member: string | undefined;
  if (ts.isPropertyAccessExpression(callee)) {
    member = callee.name.text;
    callee = strip(callee.expression);
  }
  const imp = ts.isIdentifier(callee) ? importOf(callee, scope) : null;
  for (const sink of imp ? secretSinksOf(imp.from, imp.imported, member, 'call') : []) for (const value of sinkValues(sink, args, scope)) out.push({ sink, value });
  if (member === 'register' && args[0] && ts.isIdentifier(strip(args[0]))) {
    const plugin = importOf(strip(args[0]) as ts.Identifier, scope);
    for (const sink of plugin ? secretSinksOf(plugin.from, plugin.imported, undefined, 'register') : []) for (const value of sinkValues(sink, args, scope)) out.push({ sink, value });
  }
  return out;
}
