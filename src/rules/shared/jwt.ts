// JWT libraries whose sign/verify take the key as their second argument.
import ts from 'typescript';
import { bindingsOf, callsExport } from './imports.js';

export const JSONWEBTOKEN = ['jsonwebtoken'];
export const HONO_JWT = ['hono/jwt', 'hono/utils/jwt', 'hono/utils/jwt/jwt'];
export const EXPRESS_JWT = ['express-jwt'];

/** `jwt.sign` / `jwt.verify` of jsonwebtoken or hono/jwt: the library and the function, or null. */
export function jwtCall(call: ts.CallExpression, sf: ts.SourceFile): { lib: 'jsonwebtoken' | 'hono/jwt'; fn: string } | null {
  const a = callsExport(call, sf, JSONWEBTOKEN, ['sign', 'verify']);
  if (a) return { lib: 'jsonwebtoken', fn: a };
  const b = callsExport(call, sf, HONO_JWT, ['sign', 'verify']);
  if (b) return { lib: 'hono/jwt', fn: b };
  if (ts.isPropertyAccessExpression(call.expression) && ['sign', 'verify'].includes(call.expression.name.text)) {
    const obj = call.expression.expression;
    if (ts.isIdentifier(obj) && bindingsOf(sf, HONO_JWT).named.get(obj.text) === 'Jwt') return { lib: 'hono/jwt', fn: call.expression.name.text };
  }
  return null;
}
