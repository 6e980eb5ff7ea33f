import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { CORS_CREDENTIALS_HEADER, CORS_ORIGIN_HEADER, CORS_ORIGIN_OPTION, NEST_CORS } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { corsLibraryOfIdentifier, property, unwrapCors, valueIn, valueOfElement } from '../shared/cors.js';

type Origin = 'any' | 'reflect';
type Fn = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration;

const HEADER_METHODS = ['set', 'setHeader', 'header', 'append'];
/** Methods that read one request header by name (`headers.get('origin')`, `c.req.header('origin')`, Koa's `ctx.get('Origin')`). */
const HEADER_READS = ['get', 'header', 'getHeader'];

/** The function a value is, where the file declares it (inline, or a function the name refers to). */
function functionOf(v: ts.Node | null, scope: Scope): Fn | null {
  if (!v) return null;
  if (ts.isArrowFunction(v) || ts.isFunctionExpression(v) || ts.isMethodDeclaration(v) || ts.isFunctionDeclaration(v)) return v;
  if (ts.isIdentifier(v)) {
    const b = scope.resolve(v);
    if (b?.kind === 'function') return b.decl;
  }
  return null;
}

/** Whether a reference to the origin sits in a test: a condition, a comparison, or handed to a check (`list.includes(origin)`, `origin.endsWith(...)`). */
function isChecked(ref: ts.Node, fn: ts.Node): boolean {
  for (let n: ts.Node = ref; n !== fn; n = n.parent) {
    const p = n.parent;
    if ((ts.isIfStatement(p) || ts.isWhileStatement(p)) && p.expression === n) return true;
    if (ts.isConditionalExpression(p) && p.condition === n) return true;
    if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.InKeyword].includes(p.operatorToken.kind)) return true;
    if (ts.isPropertyAccessExpression(p) && p.expression === n && ts.isCallExpression(p.parent)) return true;
    if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression) && n === ref) {
      // Handed to the callback as the answer (`cb(null, origin)`) is no check; handed to anything else is.
      return p.arguments.indexOf(n as ts.Expression) !== 1 || !isCallbackCall(p, fn);
    }
    if (ts.isFunctionLike(n) && n !== fn) return false;
  }
  return false;
}

/** `cb(null, …)` where `cb` is the origin function's second parameter (the cors package's callback). */
function isCallbackCall(call: ts.CallExpression, fn: ts.Node): boolean {
  const cb = ts.isFunctionLike(fn) ? fn.parameters[1]?.name : undefined;
  return !!cb && ts.isIdentifier(cb) && ts.isIdentifier(call.expression) && call.expression.text === cb.text && call.arguments[0]?.kind === ts.SyntaxKind.NullKeyword;
}

/**
 * Whether an origin function lets every origin in: it never tests the origin it is given, and it
 * answers with that origin or with `true` (returned, or through the callback). A function that reads
 * the origin in any condition or check is an allow-list, whatever its names.
 */
function reflectsEveryOrigin(fn: Fn): boolean {
  const param = fn.parameters[0]?.name;
  let checked = false;
  let answers = false;
  const origin = param && ts.isIdentifier(param) ? param.text : null;
  const isOrigin = (e: ts.Node): boolean => origin !== null && ts.isIdentifier(e) && e.text === origin;
  const isYes = (e: ts.Expression | undefined): boolean => !!e && (isOrigin(unwrapCors(e)) || unwrapCors(e).kind === ts.SyntaxKind.TrueKeyword);
  const visit = (n: ts.Node): void => {
    if (n !== fn && ts.isFunctionLike(n)) return;
    if (isOrigin(n) && n !== param && isChecked(n, fn)) checked = true;
    if (ts.isReturnStatement(n) && isYes(n.expression)) answers = true;
    if (ts.isCallExpression(n) && isCallbackCall(n, fn) && isYes(n.arguments[1])) answers = true;
    ts.forEachChild(n, visit);
  };
  if (fn.body && !ts.isBlock(fn.body)) answers = isYes(fn.body);
  if (fn.body) visit(fn.body);
  return answers && !checked;
}

/** The origins an options object allows with credentials on; null when credentials are off or the origins are restricted or not in the file. */
function permissive(arg: ts.Expression | undefined, fallback: Origin, scope: Scope): { kind: Origin; options: ts.Node } | null {
  if (!arg) return null;
  const opts = valueIn(arg, scope);
  if (!ts.isObjectLiteralExpression(opts)) return null;
  const kind = permissiveOptions(opts, fallback, scope);
  return kind ? { kind, options: opts } : null;
}

function permissiveOptions(opts: ts.ObjectLiteralExpression, fallback: Origin, scope: Scope): Origin | null {
  const credentials = property(opts, 'credentials');
  if (!credentials || valueOfElement(credentials, scope)?.kind !== ts.SyntaxKind.TrueKeyword) return null;
  const origin = property(opts, CORS_ORIGIN_OPTION);
  if (!origin) return opts.properties.some((p) => ts.isSpreadAssignment(p)) ? null : fallback;
  const v = valueOfElement(origin, scope);
  if (!v) return null;
  if (ts.isStringLiteralLike(v) && v.text === '*') return 'any';
  if (v.kind === ts.SyntaxKind.TrueKeyword) return 'reflect';
  const fn = functionOf(v, scope);
  return fn && reflectsEveryOrigin(fn) ? 'reflect' : null;
}

/** Whether an expression reads the request's Origin header itself (`req.headers.origin`, `request.headers.get('origin')`, `c.req.header('origin')`). */
function readsOriginHeader(e: ts.Expression): boolean {
  e = unwrapCors(e);
  if (ts.isPropertyAccessExpression(e)) return e.name.text.toLowerCase() === 'origin' && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'headers';
  if (ts.isElementAccessExpression(e)) {
    const k = e.argumentExpression;
    return ts.isStringLiteralLike(k) && k.text.toLowerCase() === 'origin' && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'headers';
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && HEADER_READS.includes(e.expression.name.text)) {
    const k = e.arguments[0];
    return !!k && ts.isStringLiteralLike(k) && k.text.toLowerCase() === 'origin';
  }
  return false;
}

/** The conditions a node runs under in its function (an `if`, a ternary, the left of `&&`/`||`/`??`). */
function guardsOf(n: ts.Node): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (let a: ts.Node = n; a.parent && !ts.isFunctionLike(a.parent) && !ts.isSourceFile(a.parent); a = a.parent) {
    const p = a.parent;
    if (ts.isIfStatement(p) && p.expression !== a) out.push(p.expression);
    if (ts.isConditionalExpression(p) && p.condition !== a) out.push(p.condition);
    if (ts.isBinaryExpression(p) && p.right === a && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(p.operatorToken.kind)) out.push(p.left);
  }
  return out;
}

export default defineSourceRule({
  id: 'security/cors-permissive',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'CORS allows any origin with credentials, or reflects the request origin',
    rationale: 'With credentials allowed, any website a user visits can call the API with the user\'s cookies and read the answer.',
    remediation: {
      text: 'List the allowed origins explicitly (`origin: [\'https://app.example.com\']`) or check the request origin against an allow-list before echoing it; drop `credentials: true` if the API does not use cookies.',
      effort: 'low',
    },
    messages: {
      anyOrigin: 'CORS allows any origin (`*`) together with credentials',
      reflectedOrigin: 'CORS reflects the request origin together with credentials: every site is allowed',
      headerAnyOrigin: 'Access-Control-Allow-Origin `*` is sent together with Access-Control-Allow-Credentials: true',
      headerEchoesOrigin: 'Access-Control-Allow-Origin echoes the request origin with credentials allowed and no allow-list check',
    },
  },
  triggers: ['cors', 'Access-Control-Allow-Origin', 'access-control-allow-origin'],
  appliesTo: (f) => f.role === 'service' || f.role === 'config',
  create(ctx) {
    const scope = ctx.scope;
    const origins: Array<{ node: ts.Node; value: ts.Expression }> = [];
    const credentials: ts.Node[] = [];
    const header = (node: ts.Node, name: ts.Expression | ts.PropertyName, value: ts.Expression): void => {
      if (!ts.isStringLiteralLike(name)) return;
      const key = name.text.toLowerCase();
      const v = valueIn(value, scope);
      if (key === CORS_ORIGIN_HEADER) origins.push({ node, value: v });
      if (key === CORS_CREDENTIALS_HEADER && ((ts.isStringLiteralLike(v) && v.text === 'true') || v.kind === ts.SyntaxKind.TrueKeyword)) credentials.push(node);
    };
    // One options object handed to several calls (`app.use(cors(opts))` and `app.options('*', cors(opts))`)
    // is one setting, fixed in one place: reported once, at its first use.
    const reported = new Set<ts.Node>();
    const report = (node: ts.Node, found: { kind: Origin; options: ts.Node } | null): void => {
      if (!found || reported.has(found.options)) return;
      reported.add(found.options);
      ctx.report({ node, messageId: found.kind === 'any' ? 'anyOrigin' : 'reflectedOrigin' });
    };
    /** `NestFactory.create` called through @nestjs/core's export. */
    const isNestCreate = (call: ts.CallExpression): boolean => {
      const e = call.expression;
      if (!ts.isPropertyAccessExpression(e) || e.name.text !== NEST_CORS.factory.method || !ts.isIdentifier(e.expression)) return false;
      const b = scope.resolve(e.expression);
      return b?.kind === 'import' && b.from === NEST_CORS.factory.package && b.imported === NEST_CORS.factory.export;
    };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const lib = corsLibraryOfIdentifier(call.expression, scope);
        if (lib?.how === 'call') return report(call, permissive(call.arguments[lib.optionsArg], lib.defaultOrigin, scope));
        const e = call.expression;
        if (!ts.isPropertyAccessExpression(e)) return;
        const method = e.name.text;
        if (method === 'register' && call.arguments[0]) {
          const plugin = corsLibraryOfIdentifier(call.arguments[0], scope);
          if (plugin?.how === 'register') report(call, permissive(call.arguments[plugin.optionsArg], plugin.defaultOrigin, scope));
          return;
        }
        if (isNestCreate(call)) {
          const arg = call.arguments[NEST_CORS.factory.optionsArg];
          const opts = arg && valueIn(arg, scope);
          const option = opts && ts.isObjectLiteralExpression(opts) ? property(opts, NEST_CORS.factory.option) : null;
          const v = option && valueOfElement(option, scope);
          if (v && ts.isObjectLiteralExpression(v)) report(option, permissive(v, NEST_CORS.defaultOrigin, scope));
          return;
        }
        if (method === NEST_CORS.enable.method) return report(call, permissive(call.arguments[NEST_CORS.enable.optionsArg], NEST_CORS.defaultOrigin, scope));
        if (HEADER_METHODS.includes(method) && call.arguments.length >= 2) header(call, call.arguments[0], call.arguments[1]);
      },
      PropertyAssignment(node) {
        const p = node as ts.PropertyAssignment;
        if (ts.isStringLiteralLike(p.name)) header(p, p.name, p.initializer);
      },
      'file:end'() {
        // A condition that only asks whether the request has an Origin (`if (origin)`) checks nothing.
        const decides = (n: ts.Node): boolean => guardsOf(n).some((c) => !readsOriginHeader(ts.isPrefixUnaryExpression(c) ? c.operand : c) && !readsOriginHeader(valueIn(c, scope)));
        // Credentials sent whatever the request: a configurable helper that sends them only when its
        // options ask (`if (opts.credentials) headers.set(...)`) does not say both go together.
        if (!credentials.some((c) => !decides(c))) return;
        for (const o of origins) {
          if (ts.isStringLiteralLike(o.value)) {
            if (o.value.text === '*') ctx.report({ node: o.node, messageId: 'headerAnyOrigin' });
          } else if (readsOriginHeader(o.value) && !decides(o.node)) ctx.report({ node: o.node, messageId: 'headerEchoesOrigin' });
        }
      },
    };
  },
});
