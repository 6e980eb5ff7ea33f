// The settings a file hands to something that authenticates with them: a database client's connection
// URL or password, a JWT signer's key, an API client's key, an HTTP request's Authorization header.
// A value read from such a setting is a credential by what the code does with it, whatever it is named.
import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { apiKeyClientOf, CONNECTION_CREDENTIAL_OPTIONS, CONNECTION_NESTED_OPTIONS, isCredentialHeader } from '../../knowledge/index.js';
import { valueOf } from './ast.js';
import { connectionOpenerAt } from './connections.js';
import { httpClientOf } from './http-clients.js';
import { signSiteOf } from './jwt.js';

/** Where a setting is used as a credential: what uses it and the line. */
export interface CredentialUse { what: string; line: number }

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/** `process.env.X`, `process.env['X']` (the global `process`), `import.meta.env.X`: the variable's name, or null. */
export function envVarRead(e: ts.Expression, scope: Scope): string | null {
  e = strip(e);
  const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : null;
  if (name === null) return null;
  return isEnvObject((e as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression, scope) ? name : null;
}

/** `process.env` (the global) or `import.meta.env`. */
export function isEnvObject(e: ts.Expression, scope: Scope): boolean {
  e = strip(e);
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'env') return false;
  const r = e.expression;
  if (ts.isIdentifier(r)) return r.text === 'process' && scope.resolve(r) === null;
  return ts.isMetaProperty(r);
}

/** The environment variables a value is made of: read directly, through variables nothing reassigns, defaults, templates and concatenations. */
export function envVarsIn(e: ts.Expression, scope: Scope, depth = 0): string[] {
  if (depth > 4) return [];
  e = strip(e);
  const direct = envVarRead(e, scope);
  if (direct) return [direct];
  if (ts.isIdentifier(e)) {
    const init = valueOf(e, scope);
    return init ? envVarsIn(init, scope, depth + 1) : [];
  }
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.PlusToken].includes(e.operatorToken.kind)) {
    return [...envVarsIn(e.left, scope, depth + 1), ...envVarsIn(e.right, scope, depth + 1)];
  }
  const held = localProperty(e, scope);
  if (held) return envVarsIn(held, scope, depth + 1);
  if (ts.isConditionalExpression(e)) return [...envVarsIn(e.whenTrue, scope, depth + 1), ...envVarsIn(e.whenFalse, scope, depth + 1)];
  if (ts.isTemplateExpression(e)) return e.templateSpans.flatMap((s) => envVarsIn(s.expression, scope, depth + 1));
  return [];
}

/** `config.key` of a local object literal nothing reassigns: the value written for that key, or null. */
export function localProperty(e: ts.Expression, scope: Scope): ts.Expression | null {
  if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.expression)) return null;
  const obj = valueOf(e.expression, scope);
  const o = obj && strip(obj);
  if (!o || !ts.isObjectLiteralExpression(o)) return null;
  const p = o.properties.find((x) => keyOf(x) === e.name.text);
  return p ? propertyValue(p) : null;
}

function objectOf(e: ts.Expression | undefined, scope: Scope): ts.ObjectLiteralExpression | null {
  if (!e) return null;
  let x = strip(e);
  if (ts.isIdentifier(x)) x = valueOf(x, scope) ?? x;
  x = strip(x);
  return ts.isObjectLiteralExpression(x) ? x : null;
}

function propertyValue(p: ts.ObjectLiteralElementLike): ts.Expression | null {
  return ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : null;
}

function keyOf(p: ts.ObjectLiteralElementLike): string | null {
  return p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) ? p.name.text : null;
}

/** The values of an options object (and its nested connection objects) under the given keys. */
function optionValues(obj: ts.ObjectLiteralExpression, keys: readonly string[], nested: readonly string[], scope: Scope, depth = 0): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (const p of obj.properties) {
    const k = keyOf(p);
    const v = propertyValue(p);
    if (!k || !v) continue;
    if (keys.includes(k)) out.push(v);
    else if (nested.includes(k) && depth < 2) {
      const inner = objectOf(v, scope);
      if (inner) out.push(...optionValues(inner, keys, nested, scope, depth + 1));
      else if (k === 'connection') out.push(v); // knex `connection: process.env.DATABASE_URL`
    }
  }
  return out;
}

function importOf(id: ts.Identifier, scope: Scope) {
  const b = scope.resolve(id);
  return b && (b.kind === 'import' ? b : requireOf(b));
}

/** The values a call or `new` passes where the callee authenticates with them, and what the callee is. */
function credentialArgs(node: ts.CallExpression | ts.NewExpression, scope: Scope): { what: string; values: ts.Expression[] } | null {
  const how = ts.isNewExpression(node) ? 'new' : 'call';
  const args = node.arguments ?? [];
  const opener = connectionOpenerAt(node.expression, how, scope);
  if (opener) {
    const values: ts.Expression[] = [];
    const first = opener.args[0];
    for (const i of opener.args) {
      const a = args[i];
      if (!a) continue;
      const obj = objectOf(a, scope);
      if (obj) values.push(...optionValues(obj, CONNECTION_CREDENTIAL_OPTIONS, CONNECTION_NESTED_OPTIONS, scope));
      // A URL in the first place the client takes one, with nothing but options after it (`new Pool(url)`,
      // not `new Sequelize(db, user, password)` nor `new Redis(port, host)`).
      else if (i === first && args.slice(i + 1).every((x) => objectOf(x, scope) !== null)) values.push(a);
    }
    if (opener.passwordArg !== undefined && args.length > opener.passwordArg && args[opener.passwordArg]) values.push(args[opener.passwordArg]);
    return { what: `the ${opener.package} connection`, values };
  }
  if (ts.isCallExpression(node)) {
    const sign = signSiteOf(node, scope);
    if (sign?.key) return { what: `the ${sign.module} signing key`, values: [sign.key] };
    const http = httpClientOf(node.expression, scope);
    if (http) {
      const values = args.flatMap((a) => {
        const headers = objectOf(a, scope)?.properties.find((p) => keyOf(p) === 'headers');
        const h = headers && objectOf(propertyValue(headers) ?? undefined, scope);
        return h ? h.properties.filter((p) => { const k = keyOf(p); return k !== null && isCredentialHeader(k); }).map(propertyValue).filter((v): v is ts.Expression => v !== null) : [];
      });
      return values.length > 0 ? { what: `the ${http.package || 'fetch'} Authorization header`, values } : null;
    }
  }
  const callee = node.expression;
  let client = null;
  if (ts.isIdentifier(callee)) {
    const imp = importOf(callee, scope);
    client = imp ? apiKeyClientOf(imp.from, imp.imported, how) : null;
  } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const imp = importOf(callee.expression, scope);
    client = imp ? apiKeyClientOf(imp.from, imp.imported, 'member', callee.name.text) ?? (how === 'new' ? apiKeyClientOf(imp.from, callee.name.text, how) : null) : null;
  }
  if (!client) return null;
  const a = args[client.arg];
  if (!a) return null;
  const obj = client.option ? objectOf(a, scope) : null;
  const values = client.option ? (obj ? optionValues(obj, [client.option], [], scope) : []) : [a];
  return { what: `the ${client.package} API key`, values };
}

/**
 * The environment variables a file passes as credentials (first use each): a database client's
 * connection URL or password, a JWT signer's key, an API client's key, an Authorization header.
 */
export function credentialEnvVars(sf: ts.SourceFile, scope: Scope): Map<string, CredentialUse> {
  const out = new Map<string, CredentialUse>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const c = credentialArgs(n, scope);
      if (c) {
        const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
        for (const v of c.values) for (const name of envVarsIn(v, scope)) if (!out.has(name)) out.set(name, { what: c.what, line });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
