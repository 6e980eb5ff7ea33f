// Syntax helpers of the route collector: imports, middleware descriptions and handler facts.
import ts from 'typescript';
import { AUTH_CALL, checksAuth, DENIES, DEPENDENCY_KEY, LIMIT_CALL, OK_VALUE, RESPONDERS, SIGNATURE, touchesData } from './routes-vocab.js';

export type Imports = Map<string, { from: string; imported: string; line: number }>;

/** A middleware or guard as written: its name, the module it was imported from, and whether its body checks auth. */
export interface Mw {
  name: string;
  from: string | null;
  imported: string | null;
  auth: boolean;
  /** Its body calls a limiter (`env.LIMITER.limit(...)`, `limiter.consume(...)`). */
  limiter?: boolean;
}

export function importsOf(sf: ts.SourceFile): Imports {
  const out: Imports = new Map();
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier) && stmt.importClause) {
      const from = stmt.moduleSpecifier.text;
      const c = stmt.importClause;
      if (c.name) out.set(c.name.text, { from, imported: 'default', line: line(stmt) });
      if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) out.set(c.namedBindings.name.text, { from, imported: '*', line: line(stmt) });
      if (c.namedBindings && ts.isNamedImports(c.namedBindings)) {
        for (const el of c.namedBindings.elements) out.set(el.name.text, { from, imported: (el.propertyName ?? el.name).text, line: line(stmt) });
      }
    } else if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        const from = requireOf(d.initializer);
        if (!from) continue;
        if (ts.isIdentifier(d.name)) out.set(d.name.text, { from, imported: 'default', line: line(stmt) });
        else if (ts.isObjectBindingPattern(d.name)) {
          for (const el of d.name.elements) {
            if (ts.isIdentifier(el.name)) out.set(el.name.text, { from, imported: el.propertyName?.getText(sf) ?? el.name.text, line: line(stmt) });
          }
        }
      }
    }
  }
  return out;
}

function requireOf(e: ts.Expression | undefined): string | null {
  while (e && (ts.isPropertyAccessExpression(e) || (ts.isCallExpression(e) && !isRequire(e)))) e = e.expression;
  return e && ts.isCallExpression(e) && isRequire(e) ? (e.arguments[0] as ts.StringLiteral).text : null;
}

function isRequire(e: ts.CallExpression): boolean {
  return ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0]);
}

/** Server frameworks the file imports. */
export function frameworkOf(imports: Imports, text: string): string[] {
  const found = new Set<string>();
  for (const { from } of imports.values()) {
    if (from === 'hono/client') continue; // the typed client of a Hono API, not a server
    if (from === 'hono' || from.startsWith('hono/') || from.startsWith('@hono/')) found.add('hono');
    else if (from === 'express') found.add('express');
    else if (from === 'fastify' || from === 'fastify-plugin' || from.startsWith('@fastify/')) found.add('fastify');
    else if (from === 'itty-router') found.add('itty-router');
  }
  if (/\bFastifyInstance\b|\bFastifyPluginAsync\b|\bFastifyPluginCallback\b/.test(text)) found.add('fastify');
  return [...found].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}
const ORDER = ['hono', 'express', 'fastify', 'itty-router'];

export function describeMiddleware(e: ts.Expression, imports: Imports): Mw[] {
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((x) => describeMiddleware(x, imports));
  if (ts.isSpreadElement(e)) return describeMiddleware(e.expression, imports);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
    const body = e.body.getText();
    return [{ name: 'inline', from: null, imported: null, auth: checksAuth(body), limiter: LIMIT_CALL.test(body) }];
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])) {
    return [{ name: 'require', from: e.arguments[0].text, imported: 'default', auth: false }];
  }
  const target = ts.isCallExpression(e) ? e.expression : e;
  const name = target.getText().replace(/\s+/g, '');
  let root: ts.Expression = target;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  const imp = ts.isIdentifier(root) ? imports.get(root.text) : undefined;
  const local = ts.isIdentifier(target) ? localFunction(target)?.getText() ?? '' : '';
  return [{ name, from: imp?.from ?? null, imported: imp ? (target === root ? imp.imported : name) : null, auth: checksAuth(local), limiter: LIMIT_CALL.test(local) }];
}

/** Same-file functions by name, built once per file: handlers ask for them call by call. */
const localFunctions = new WeakMap<ts.SourceFile, Map<string, ts.Node>>();

function localFunction(id: ts.Identifier): ts.Node | null {
  const sf = id.getSourceFile();
  let byName = localFunctions.get(sf);
  if (!byName) {
    byName = new Map();
    for (const stmt of sf.statements) {
      if (ts.isFunctionDeclaration(stmt) && stmt.name && stmt.body) {
        if (!byName.has(stmt.name.text)) byName.set(stmt.name.text, stmt.body);
      } else if (ts.isVariableStatement(stmt)) {
        for (const d of stmt.declarationList.declarations) {
          if (!ts.isIdentifier(d.name) || !d.initializer || byName.has(d.name.text)) continue;
          let init: ts.Expression = d.initializer;
          while (ts.isCallExpression(init) && init.arguments.length > 0 && !ts.isArrowFunction(init)) init = init.arguments[init.arguments.length - 1];
          if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) byName.set(d.name.text, init.body);
        }
      }
    }
    localFunctions.set(sf, byName);
  }
  return byName.get(id.text) ?? null;
}

export interface HandlerFacts {
  handler: string;
  touchesData: boolean;
  authInHandler: boolean;
  signature: boolean;
  limitInHandler: boolean;
  websocket: boolean;
  calls: string[];
  health: { claims: string[]; calls: string[] } | null;
}

export function handlerFacts(handler: ts.Expression, sf: ts.SourceFile): HandlerFacts {
  let body: ts.Node | null = null;
  let name: string;
  if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) {
    body = handler.body;
    const lines = handler.getText(sf).split('\n').length;
    name = `inline (${lines} line${lines === 1 ? '' : 's'})`;
  } else if (ts.isIdentifier(handler)) {
    body = localFunction(handler);
    name = handler.text;
  } else if (ts.isCallExpression(handler)) {
    body = handler;
    name = `${handler.expression.getText(sf)}(...)`;
  } else name = handler.getText(sf).slice(0, 60);
  const facts = bodyFacts(name, body, sf);
  if (ts.isCallExpression(handler) && /upgradeWebSocket/.test(handler.expression.getText(sf))) facts.websocket = true;
  return facts;
}

/** Facts about a handler body (null when it is defined elsewhere). */
export function bodyFacts(name: string, body: ts.Node | null, sf: ts.SourceFile): HandlerFacts {
  const text = body ? body.getText(sf) : '';
  return {
    handler: name,
    touchesData: touchesData(text),
    authInHandler: checksAuth(text) || (body !== null && DENIES.test(text) && localHelpers(body, sf).some((b) => checksAuth(b) || AUTH_CALL.test(b))),
    signature: SIGNATURE.test(text),
    limitInHandler: LIMIT_CALL.test(text),
    websocket: /\bupgradeWebSocket\b|WebSocketPair|handleUpgrade/.test(text),
    calls: body ? callNames(body, sf).slice(0, 40) : [],
    health: body ? healthFacts(body, sf) : null,
  };
}

function callNames(body: ts.Node, sf: ts.SourceFile): string[] {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const t = n.expression.getText(sf).replace(/\s+/g, '');
      out.add(t.length > 60 ? t.slice(-60) : t);
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return [...out];
}

/** For a would-be health handler: dependencies it reports as fine by constant, and the calls it makes besides building the answer. */
function healthFacts(body: ts.Node, sf: ts.SourceFile): { claims: string[]; calls: string[] } | null {
  const text = body.getText(sf);
  if (!/ok|up|healthy|status/i.test(text)) return null;
  const claims: string[] = [];
  const calls: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAssignment(n)) {
      const key = n.name.getText(sf).replace(/['"]/g, '');
      const v = n.initializer;
      const constant = (ts.isStringLiteralLike(v) && OK_VALUE.test(v.text)) || v.kind === ts.SyntaxKind.TrueKeyword;
      if (DEPENDENCY_KEY.test(key) && constant) claims.push(key);
    }
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const full = n.expression.getText(sf).replace(/\s+/g, '');
      const last = full.split('.').pop() ?? full;
      if (!RESPONDERS.has(full) && !RESPONDERS.has(last)) calls.push(full);
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return { claims, calls };
}

/** Bodies of same-file functions a handler calls (`if (!(await canEdit(id))) return 403`). */
function localHelpers(body: ts.Node, sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && out.length < 8) {
      const fn = localFunction(n.expression);
      if (fn) out.push(fn.getText(sf));
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}
