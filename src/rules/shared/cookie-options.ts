// The httpOnly and secure flags a cookie's options object sets, resolved through the file's scopes:
// an object literal, a const holding one, a spread of such a const, a member of a const object, the
// object a local function returns. Options imported from another file are named for the review
// (`ImportedOptions`), which reads the records the exporting file emitted (`CookieOptionsRecord`).
import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { valueOf } from './ast.js';

/** `set`: on (true, or a value that is on where it matters); `off`: false; `missing`: not given; `unknown`: not read. */
export type Flag = 'set' | 'off' | 'missing' | 'unknown';

export interface CookieFlags {
  httpOnly: Flag;
  secure: Flag;
  /** The options clear the cookie (`maxAge: 0`, `expires: new Date(0)`). */
  clears: boolean;
  /** The expression `secure` is given when it is one the code computes (`process.env.NODE_ENV === 'production'`), read as on here. */
  secureValue?: ts.Expression;
}

/** Options that are an import's value (`cookieOptions`, `config.cookie`): the review resolves them. */
export interface ImportedOptions {
  spec: string;
  imported: string;
  /** The member of the imported object read (`cookie` of `config.cookie`), or null. */
  member: string | null;
}

/** Whether a resolved value is an import for the review rather than an object read here. */
export function isImported(x: ts.ObjectLiteralExpression | ImportedOptions): x is ImportedOptions {
  return 'spec' in x;
}

/** What a file records about a top-level const that looks like cookie options, for imports of it elsewhere. */
export interface CookieOptionsRecord {
  type: 'cookieOptions';
  /** The const's name, or `name.member` for an object-literal member of it. */
  id: string;
  httpOnly: Flag;
  secure: Flag;
}

/** Keys only cookie options have together: an object with one of them is recorded. */
const COOKIE_KEYS = ['httpOnly', 'secure', 'sameSite'];
const MAX_DEPTH = 6;

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

const keyOf = (p: ts.ObjectLiteralElementLike): string | null =>
  p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) ? p.name.text : null;

/** The object the function a call names returns, when it is declared in this file and returns one object every time. */
function returnedObject(call: ts.CallExpression, scope: Scope): ts.Expression | null {
  if (!ts.isIdentifier(call.expression)) return null;
  const b = scope.resolve(call.expression);
  const fn = b?.kind === 'function' ? b.decl : b?.kind === 'variable' && b.initializer && (ts.isArrowFunction(b.initializer) || ts.isFunctionExpression(b.initializer)) ? b.initializer : null;
  if (!fn?.body) return null;
  if (!ts.isBlock(fn.body)) return fn.body;
  const returns: ts.ReturnStatement[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n)) returns.push(n);
    else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return returns.length === 1 && returns[0].expression ? returns[0].expression : null;
}

/** The import an identifier is bound to (ES import or `require`), or null. */
function importOf(id: ts.Identifier, scope: Scope): { from: string; imported: string } | null {
  const b = scope.resolve(id);
  if (!b) return null;
  return b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b);
}

/**
 * The object literal an expression resolves to in this file, an import to hand to the review, or null
 * when it cannot be read (a call to another file, a parameter, a conditional).
 */
export function resolveObject(e: ts.Expression, scope: Scope, depth = 0): ts.ObjectLiteralExpression | ImportedOptions | null {
  if (depth > MAX_DEPTH) return null;
  e = strip(e);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const imp = importOf(e, scope);
    if (imp) return { spec: imp.from, imported: imp.imported, member: null };
    const init = valueOf(e, scope);
    return init ? resolveObject(init, scope, depth + 1) : null;
  }
  if (ts.isPropertyAccessExpression(e)) {
    const owner = strip(e.expression);
    if (ts.isIdentifier(owner)) {
      const imp = importOf(owner, scope);
      // `import * as config` / `const config = require('./config')`: the member is the export.
      if (imp) return imp.imported === '*' ? { spec: imp.from, imported: e.name.text, member: null } : { spec: imp.from, imported: imp.imported, member: e.name.text };
    }
    const obj = resolveObject(owner, scope, depth + 1);
    if (!obj || isImported(obj)) return null;
    const p = obj.properties.find((x) => keyOf(x) === e.name.text);
    return p && ts.isPropertyAssignment(p) ? resolveObject(p.initializer, scope, depth + 1) : null;
  }
  if (ts.isCallExpression(e)) {
    const body = returnedObject(e, scope);
    return body ? resolveObject(body, scope, depth + 1) : null;
  }
  return null;
}

function flagOf(v: ts.Expression | null): Flag {
  if (v === null) return 'set'; // shorthand `{ secure }`: given, its value read as on (a local flag)
  const s = strip(v);
  return s.kind === ts.SyntaxKind.FalseKeyword ? 'off' : 'set';
}

/**
 * The flags an object literal sets, properties read in order so a later one overrides a spread.
 * A spread that cannot be read makes every flag not given after it unknown; one that names an import
 * is unknown here too (records are per file; the review reads the call's own import only).
 */
export function flagsOfObject(obj: ts.ObjectLiteralExpression, scope: Scope, depth = 0): CookieFlags {
  const out: CookieFlags = { httpOnly: 'missing', secure: 'missing', clears: false };
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) {
      const inner = depth < MAX_DEPTH ? resolveObject(p.expression, scope, depth + 1) : null;
      if (inner && !isImported(inner)) {
        const f = flagsOfObject(inner, scope, depth + 1);
        if (f.httpOnly !== 'missing') out.httpOnly = f.httpOnly;
        if (f.secure !== 'missing') [out.secure, out.secureValue] = [f.secure, f.secureValue];
        out.clears ||= f.clears;
      } else {
        out.httpOnly = 'unknown';
        out.secure = 'unknown';
        delete out.secureValue;
      }
      continue;
    }
    const key = keyOf(p);
    const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? null : undefined;
    if (value === undefined) continue;
    if (key === 'httpOnly') out.httpOnly = flagOf(value);
    else if (key === 'secure') {
      out.secure = flagOf(value);
      if (value && out.secure === 'set') out.secureValue = value;
      else delete out.secureValue;
    }
    else if (key === 'prefix') [out.secure, out.secureValue] = ['set', undefined]; // Hono's `prefix: 'secure' | 'host'` makes the cookie secure
    else if (key === 'maxAge' && value && ts.isNumericLiteral(strip(value)) && Number((strip(value) as ts.NumericLiteral).text) === 0) out.clears = true;
    else if (key === 'expires' && value) {
      const x = strip(value);
      if (ts.isNewExpression(x) && x.arguments?.length === 1 && ts.isNumericLiteral(x.arguments[0]) && x.arguments[0].text === '0') out.clears = true;
    }
  }
  return out;
}

/** Records for the top-level consts of a file that look like cookie options (and their object members one level down). */
export function cookieOptionRecords(sf: ts.SourceFile, scope: Scope): CookieOptionsRecord[] {
  const out: CookieOptionsRecord[] = [];
  const add = (id: string, obj: ts.ObjectLiteralExpression): void => {
    if (!obj.properties.some((p) => COOKIE_KEYS.includes(keyOf(p) ?? ''))) return;
    const f = flagsOfObject(obj, scope);
    if (f.httpOnly === 'missing' && f.secure === 'missing') return;
    out.push({ type: 'cookieOptions', id, httpOnly: f.httpOnly, secure: f.secure });
  };
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer) continue;
      const init = strip(d.initializer);
      if (!ts.isObjectLiteralExpression(init)) continue;
      add(d.name.text, init);
      for (const p of init.properties) {
        const key = keyOf(p);
        if (key && ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(strip(p.initializer))) add(`${d.name.text}.${key}`, strip(p.initializer) as ts.ObjectLiteralExpression);
      }
    }
  }
  return out;
}
