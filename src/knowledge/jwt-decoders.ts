// Which functions of each JWT library only decode a token (base64 of the payload, no signature check)
// and which verify it. A payload read with a decode-only function is whatever the caller wrote: using
// it as the caller's identity lets anyone sign in as anyone.

export interface JwtLibrary {
  /** The module as imported. */
  module: string;
  /** Exports (or members of the default/namespace import) that return the payload without checking the signature. */
  decodes: readonly string[];
  /** Exports that check the signature (and return or throw). Empty when the library cannot verify. */
  verifies: readonly string[];
  /** A decode-only call that must be recognised (tested in knowledge.test.ts): import name, member. */
  example: { name: string; member?: string };
  source: string;
}

export const JWT_LIBRARIES: readonly JwtLibrary[] = [
  { module: 'jsonwebtoken', decodes: ['decode'], verifies: ['verify'], example: { name: 'default', member: 'decode' }, source: 'https://github.com/auth0/node-jsonwebtoken#jwtdecodetoken--options (does not verify the signature)' },
  { module: 'jose', decodes: ['decodeJwt'], verifies: ['jwtVerify', 'jwtDecrypt'], example: { name: 'decodeJwt' }, source: 'https://github.com/panva/jose/blob/main/docs/util/decode_jwt/functions/decodeJwt.md (no validation of the signature)' },
  // jwt-decode 3 has a default export, 4 a named `jwtDecode`: both only base64-decode; the package cannot verify.
  { module: 'jwt-decode', decodes: ['default', 'jwtDecode'], verifies: [], example: { name: 'default' }, source: 'https://github.com/auth0/jwt-decode#readme (does not validate the token)' },
  { module: '@tsndr/cloudflare-worker-jwt', decodes: ['decode'], verifies: ['verify'], example: { name: 'default', member: 'decode' }, source: 'https://github.com/tsndr/cloudflare-worker-jwt#decode (returns the payload without verifying)' },
  { module: 'hono/jwt', decodes: ['decode'], verifies: ['verify'], example: { name: 'decode' }, source: 'https://hono.dev/docs/helpers/jwt#decode (decodes without performing signature verification)' },
  { module: 'hono/utils/jwt/jwt', decodes: ['decode'], verifies: ['verify'], example: { name: 'decode' }, source: 'https://hono.dev/docs/helpers/jwt#decode' },
];

/**
 * What a reference to an import does to a token: `decode` (payload only), `verify` (signature checked),
 * or null (not a JWT library function). `name` is the import's export ('default', '*' or a name),
 * `member` the property called on a default or namespace import (`jwt.decode`).
 */
export function jwtFunctionOf(ref: { module: string; name: string; member?: string }): { library: JwtLibrary; does: 'decode' | 'verify' } | null {
  const library = JWT_LIBRARIES.find((l) => l.module === ref.module);
  if (!library) return null;
  // `import jwtDecode from 'jwt-decode'; jwtDecode(t)`: the default export is itself the function, and
  // so is a whole `require('jwt-decode')` called directly.
  const whole = ref.name === '*' || ref.name === 'default';
  const called = whole && ref.member ? ref.member : whole ? 'default' : ref.name;
  if (library.decodes.includes(called)) return { library, does: 'decode' };
  if (library.verifies.includes(called)) return { library, does: 'verify' };
  return null;
}

/**
 * Claims that name the token's subject, the account it speaks for: `sub` (RFC 7519) and the names
 * services put their user id or login under. A decoded payload's subject handed to a database call
 * selects whose data is read or written; `exp`, `locale` or `theme` do not.
 */
export const SUBJECT_CLAIMS = {
  names: ['sub', 'id', 'userId', 'user_id', 'uid', 'email', 'username', 'accountId', 'account_id'],
  source: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.2 (sub: the principal that is the subject of the JWT)',
} as const;

export function isSubjectClaim(name: string): boolean {
  return (SUBJECT_CLAIMS.names as readonly string[]).includes(name);
}
