// Where a socket handler takes the user's identity from what the client sent (knowledge/websockets
// HANDSHAKE_CARRIERS, CLIENT_IDENTITY_FIELDS): `socket.handshake.query.userId`, `const { userId } =
// client.handshake.auth`, `url.searchParams.get('userId')`, or a field of a message's payload
// (`@MessageBody() data` -> `data.userId`). Reads are followed through local variables by scope.
import ts from 'typescript';
import { HANDSHAKE_CARRIERS, isClientIdentityField } from '../../knowledge/index.js';
import type { Scope } from '../scope.js';

export interface ClientIdentity {
  /** The field read (`userId`). */
  field: string;
  /** What it was read from: `socket.handshake.query`, `URL query`, `message payload`. */
  via: string;
  line: number;
}

/** `a.b['c'].d` -> root `a` and names [b, c, d]; null when a link is computed. */
function chainOf(e: ts.Expression): { root: ts.Expression; names: string[] } | null {
  const names: string[] = [];
  while (true) {
    if (ts.isPropertyAccessExpression(e)) { names.unshift(e.name.text); e = e.expression; continue; }
    if (ts.isElementAccessExpression(e)) {
      if (!ts.isStringLiteralLike(e.argumentExpression)) return null;
      names.unshift(e.argumentExpression.text);
      e = e.expression;
      continue;
    }
    if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) { e = e.expression; continue; }
    return { root: e, names };
  }
}

/** The carrier a chain ends in (`x.handshake.query`), through a local variable holding it; its description, or null. */
function carrierOf(e: ts.Expression, scope: Scope, depth = 0): string | null {
  const c = chainOf(e);
  if (!c) return null;
  for (const carrier of HANDSHAKE_CARRIERS) {
    const n = carrier.path.length;
    if (c.names.length >= n && carrier.path.every((p, i) => c.names[c.names.length - n + i] === p)) return carrier.what;
  }
  if (c.names.length === 0 && ts.isIdentifier(c.root) && depth < 3) {
    const b = scope.resolve(c.root);
    if (b?.kind === 'variable' && b.initializer) return carrierOf(b.initializer, scope, depth + 1);
  }
  if (c.names[c.names.length - 1] === 'query' && c.names.length > 0 && ts.isCallExpression(c.root)) return 'URL query';
  return null;
}

/**
 * The identity fields a handler reads from the client: `payloads` are its parameters that hold a message
 * (a NestJS `@MessageBody()` one, a socket.io event listener's first).
 */
export function clientIdentity(body: ts.Node, scope: Scope, lineOf: (n: ts.Node) => number, payloads: readonly ts.ParameterDeclaration[] = []): ClientIdentity[] {
  const out: ClientIdentity[] = [];
  const seen = new Set<string>();
  const add = (field: string, via: string, at: ts.Node) => {
    const key = `${field}@${via}`;
    if (!isClientIdentityField(field) || seen.has(key)) return;
    seen.add(key);
    out.push({ field, via, line: lineOf(at) });
  };
  const isPayload = (e: ts.Expression): boolean => {
    if (!ts.isIdentifier(e)) return false;
    const b = scope.resolve(e);
    return b?.kind === 'parameter' && payloads.includes(b.decl);
  };
  const sourceOf = (e: ts.Expression): string | null => carrierOf(e, scope) ?? (isPayload(e) ? 'message payload' : null);
  for (const p of payloads) {
    if (ts.isObjectBindingPattern(p.name)) for (const el of p.name.elements) add((el.propertyName ?? el.name).getText(), 'message payload', el);
    // The payload is the id itself (`@MessageBody() userId: string`), or the field a NestJS `@MessageBody('userId')` picks.
    if (ts.isIdentifier(p.name)) add(p.name.text, 'message payload', p);
    for (const d of ts.canHaveDecorators(p) ? ts.getDecorators(p) ?? [] : []) {
      const arg = ts.isCallExpression(d.expression) ? d.expression.arguments[0] : undefined;
      if (arg && ts.isStringLiteralLike(arg)) add(arg.text, 'message payload', p);
    }
  }
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const field = ts.isPropertyAccessExpression(n) ? n.name.text : ts.isStringLiteralLike(n.argumentExpression) ? n.argumentExpression.text : null;
      const via = field ? sourceOf(n.expression) : null;
      if (field && via) add(field, via, n);
    }
    if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer) {
      const via = sourceOf(n.initializer);
      if (via) for (const el of n.name.elements) add((el.propertyName ?? el.name).getText(), via, el);
    }
    // `url.searchParams.get('userId')`
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'get' && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) {
      const c = chainOf(n.expression.expression);
      if (c && c.names[c.names.length - 1] === 'searchParams') add(n.arguments[0].text, 'URL query', n);
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}
