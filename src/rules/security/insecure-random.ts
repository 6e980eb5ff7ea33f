import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { isRecordWriteMethod, messageSenderOf, ormWriteMethods } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { destinationName, isShippedCode, looksMinified, readsRequestInput } from '../shared/names.js';
import { isSeedData } from '../../util/roles.js';

/**
 * Names of values that must be unguessable: evidence of last resort, for a value whose use is not seen
 * here, or is seen only as a write to a record field or a link nothing is seen to send. A name decides
 * no high finding: only where the value goes does (sent by mail or SMS, set as a cookie or an
 * `Authorization` value, compared with what the request sends).
 */
const SECURITY_VALUE = /token|secret|nonce|salt|otp|passw(?:or)?d|passcode|api_?key|apikey|session_?id|sessionid|sid$|csrf|xsrf|verification_?code|verify_?code|reset_?code|auth_?code|invite_?code|magic_?link|one_?time|^code$|pin$|challenge|state$|private_?key|signing_?key|encryption_?key|^iv$|_iv$|Iv$/i;
const NOT_SECURITY = /count|length|len$|index|idx|delay|timeout|jitter|backoff|retry|color|colour|position|offset|width|height|size|ratio|percent|sample|weight|score|duration|interval|tokens?_?(?:count|limit|usage|used|budget)|max_?tokens|tokeni[sz]e|tokenizer/i;

const MAX_HOPS = 4;

function strip(e: ts.Node): ts.Node {
  while (e.parent && (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) || ts.isNonNullExpression(e.parent) || ts.isAwaitExpression(e.parent))) e = e.parent;
  return e;
}

/** Text of a template or string around a value that makes it part of a link: a URL, or a query parameter's value. */
const LINK_TEXT = /:\/\/|[?&][\w-]+=$/;
/** A link's own text saying what it is for: a password reset, an address verification, an invitation, a sign-in link. */
const LINK_PURPOSE = /reset|verif|confirm|activat|invit|magic|login|sign-?in|otp/i;

/** Methods that carry a value along unchanged in what matters (its guessability): `x.toString(36).slice(2)`. */
const CARRIERS = new Set(['toString', 'slice', 'substring', 'substr', 'padStart', 'padEnd', 'toFixed', 'toUpperCase', 'toLowerCase', 'join', 'replace', 'trim', 'concat']);
const NUMERIC = new Set(['floor', 'round', 'ceil', 'trunc', 'abs']);

/**
 * Where the value goes. `weak`: only a name says it must be unguessable (the record field it is stored
 * under, the words of a link nothing here sends), so it is a possible secret, never a high finding.
 */
interface Use { what: string; node: ts.Node; weak?: string }
/** What the climb has seen: the link the value was put in (its text), the field it is held under. */
interface Via { link: string | null; field: string | null }

const securityField = (name: string | null): boolean => name !== null && SECURITY_VALUE.test(name) && !NOT_SECURITY.test(name);

function importOf(id: ts.Identifier, scope: Scope): { from: string; imported: string } | null {
  const b = scope.resolve(id);
  return b ? (b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b)) : null;
}

/** The module factory a receiver was made by (`const t = nodemailer.createTransport()`, `const c = twilio(sid, tok)`, `new Resend(key)`). */
function madeBy(e: ts.Expression, scope: Scope): { pkg: string; factory: string } | null {
  if (!ts.isIdentifier(e)) return null;
  const b = scope.resolve(e);
  let init = b?.kind === 'variable' ? b.initializer ?? null : null;
  while (init && (ts.isAwaitExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
  if (!init || (!ts.isCallExpression(init) && !ts.isNewExpression(init))) return null;
  const callee = init.expression;
  if (ts.isIdentifier(callee)) {
    const imp = importOf(callee, scope);
    return imp ? { pkg: imp.from, factory: imp.imported === '*' ? 'default' : imp.imported } : null;
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const imp = importOf(callee.expression, scope);
    return imp && (imp.imported === 'default' || imp.imported === '*') ? { pkg: imp.from, factory: callee.name.text } : null;
  }
  return null;
}

/** What a call does with a value handed to it, when it is one of the places a one-time secret goes. */
function callUse(call: ts.CallExpression, via: Via, scope: Scope, sf: ts.SourceFile): Omit<Use, 'node'> | null {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const method = callee.name.text;
  const recv = callee.expression;
  // A mail or SMS client's send.
  if (ts.isIdentifier(recv)) {
    const imp = importOf(recv, scope);
    if (imp && (imp.imported === 'default' || imp.imported === '*') && messageSenderOf(imp.from, 'member', method)) return { what: `sent by ${messageSenderOf(imp.from, 'member', method)!.what} (${callee.getText(sf)})` };
    const made = madeBy(recv, scope);
    const s = made && messageSenderOf(made.pkg, 'instance', method, made.factory);
    if (s) return { what: `sent by ${s.what} (${callee.getText(sf)})` };
  }
  if (ts.isPropertyAccessExpression(recv) && ts.isIdentifier(recv.expression)) {
    const made = madeBy(recv.expression, scope);
    const s = made && messageSenderOf(made.pkg, 'instance', method, made.factory, recv.name.text);
    if (s) return { what: `sent by ${s.what} (${callee.getText(sf)})` };
  }
  // A write to a record under a field that holds a secret (`User.updateOne({ _id }, { otp })`, `prisma.user.update({ data: { resetToken } })`):
  // the field is what the flow compares the user's answer with. An id or a sort key stored so is no secret.
  // Only the field's name says so: a possible secret.
  if ((ormWriteMethods().has(method) || isRecordWriteMethod(method)) && securityField(via.field)) return { what: `stored on a record as \`${via.field}\` (${callee.getText(sf).slice(0, 60)})`, weak: `the name of the field \`${via.field}\`` };
  // `res.cookie('sid', value)`: handed to the browser as its credential.
  if (method === 'cookie' && call.arguments[1] !== undefined && !via.link) return { what: `set as a cookie (${callee.getText(sf).slice(0, 60)})` };
  // `headers.set('Authorization', value)`, `res.setHeader('Authorization', ...)`: a credential by the protocol.
  const first = call.arguments[0];
  if (['set', 'setHeader', 'append', 'header'].includes(method) && first && ts.isStringLiteralLike(first) && first.text.toLowerCase() === 'authorization' && call.arguments[1] !== undefined) return { what: `sent as an Authorization value (${callee.getText(sf).slice(0, 60)})` };
  return null;
}

/** `doc.save()` (or another record write) on the same receiver later in the function: `doc.resetToken = t; await doc.save()`. */
function savedLater(target: ts.Expression, at: ts.Node, scope: Scope, sf: ts.SourceFile): string | null {
  if (!ts.isIdentifier(target)) return null;
  const decl = scope.resolve(target)?.decl;
  if (!decl) return null;
  const fn = ts.findAncestor(at, ts.isFunctionLike) ?? sf;
  let found: string | null = null;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && n.pos > at.pos && ts.isPropertyAccessExpression(n.expression) && (isRecordWriteMethod(n.expression.name.text) || ormWriteMethods().has(n.expression.name.text))) {
      const r = n.expression.expression;
      if (ts.isIdentifier(r) && scope.refersTo(r, decl)) found = n.expression.getText(sf);
      if (n.arguments.some((a) => ts.isIdentifier(a) && scope.refersTo(a, decl))) found = n.expression.getText(sf);
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

/**
 * Where a generated value goes, followed up through the expressions that carry it, the variables that
 * hold it and the local functions that return it: stored on a record, sent by mail or SMS, put in a
 * link, set as a cookie, or compared with what the request sends. Null when it goes to none of them here.
 */
function useOf(node: ts.Node, scope: Scope, sf: ts.SourceFile, hops = 0, seen = new Set<ts.Node>(), via0: Via = { link: null, field: null }): Use | null {
  if (hops > MAX_HOPS || seen.has(node)) return null;
  seen.add(node);
  const via = { ...via0 };
  const found = climb(node, via, scope, sf, hops, seen);
  if (found) return found;
  // A link nothing sends here, whose own text says it resets, verifies or signs in: possibly the secret (its words say so).
  return via.link && LINK_PURPOSE.test(via.link) ? { what: `put in a link (\`${via.link.slice(0, 60)}\`)`, node, weak: 'the words of the link, which nothing here is seen to send' } : null;
}

function climb(node: ts.Node, via: Via, scope: Scope, sf: ts.SourceFile, hops: number, seen: Set<ts.Node>): Use | null {
  let cur = strip(node);
  for (let i = 0; i < 16; i++) {
    const p = cur.parent;
    if (!p) return null;
    if (ts.isTemplateSpan(p)) {
      const tpl = p.parent;
      const before = p === tpl.templateSpans[0] ? tpl.head.text : tpl.templateSpans[tpl.templateSpans.indexOf(p) - 1].literal.text;
      const all = [tpl.head.text, ...tpl.templateSpans.map((s) => s.literal.text)].join('');
      if (LINK_TEXT.test(before) || /:\/\//.test(all)) via.link ??= all;
      cur = strip(tpl);
      continue;
    }
    if (ts.isBinaryExpression(p)) {
      const op = p.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken) {
        const other = p.left === cur ? p.right : p.left;
        if (ts.isStringLiteralLike(other) && LINK_TEXT.test(other.text)) via.link ??= other.text;
        cur = strip(p);
        continue;
      }
      if ([ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken].includes(op)) {
        cur = strip(p);
        continue;
      }
      if ([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(op)) {
        const other = p.left === cur ? p.right : p.left;
        return !via.link && readsRequestInput(other, sf, scope) ? { what: 'compared with the value the request sends', node: p } : null;
      }
      if ((op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.PlusEqualsToken) && p.right === cur) {
        const left = p.left;
        if (ts.isIdentifier(left)) {
          const decl = scope.resolve(left)?.decl;
          return decl ? usesOfVariable(decl, left, scope, sf, hops, seen, via) : null;
        }
        if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) {
          const field = ts.isPropertyAccessExpression(left) ? left.name.text : ts.isStringLiteralLike(left.argumentExpression) ? left.argumentExpression.text : null;
          const saved = securityField(field) ? savedLater(left.expression, p, scope, sf) : null;
          return saved ? { what: `stored on a record as \`${field}\` (then ${saved})`, node: p, weak: `the name of the field \`${field}\`` } : null;
        }
        return null;
      }
      return null;
    }
    if (ts.isElementAccessExpression(p) && p.argumentExpression === cur) {
      // `CHARS[Math.floor(Math.random() * n)]`: a character picked by it.
      cur = strip(p);
      continue;
    }
    if (ts.isPropertyAccessExpression(p) && p.expression === cur && CARRIERS.has(p.name.text) && ts.isCallExpression(p.parent) && p.parent.expression === p) {
      cur = strip(p.parent);
      continue;
    }
    if (ts.isCallExpression(p) && p.arguments.includes(cur as ts.Expression)) {
      const callee = p.expression;
      // `Math.floor(x)`, `String(x)`, `Number(x)`, `parseInt(x)`: the same value.
      if ((ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Math' && NUMERIC.has(callee.name.text))
        || (ts.isIdentifier(callee) && ['String', 'Number', 'parseInt'].includes(callee.text) && scope.resolve(callee) === null)) {
        cur = strip(p);
        continue;
      }
      const use = callUse(p, via, scope, sf);
      return use ? { ...use, node: p } : null;
    }
    if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) {
      const key = ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name) ? p.name.text : null;
      // `{ headers: { Authorization: ... } }`: a credential by the protocol, whatever the variable is called.
      if (key !== null && key.toLowerCase() === 'authorization') return { what: 'sent as an Authorization value', node: p };
      // The innermost field names the value (`{ data: { otp } }`: otp).
      via.field ??= key;
      cur = strip(p.parent);
      continue;
    }
    if (ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p)) {
      cur = strip(p);
      continue;
    }
    if (ts.isVariableDeclaration(p) && p.initializer === cur && ts.isIdentifier(p.name)) return usesOfVariable(p, p.name, scope, sf, hops, seen, via);
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === cur)) {
      const fn = ts.isArrowFunction(p) ? p : ts.findAncestor(p, ts.isFunctionLike);
      // `Array.from({ length: 6 }, () => CHARS[...])`, `.map(() => ...)`: the callback's values make the call's.
      if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(fn.parent) && fn.parent.arguments.includes(fn)) {
        cur = strip(fn.parent);
        continue;
      }
      return fn ? usesOfFunction(fn, scope, sf, hops, seen, via) : null;
    }
    return null;
  }
  return null;
}

/** Of two uses, the one that shows the value must be unguessable (not only a name), else the first. */
function stronger(a: Use | null, b: Use | null): Use | null {
  if (!a) return b;
  return a.weak && b && !b.weak ? b : a;
}

/** The uses of a variable in its scope, each followed as the value itself. */
function usesOfVariable(decl: ts.Declaration, name: ts.Identifier, scope: Scope, sf: ts.SourceFile, hops: number, seen: Set<ts.Node>, via: Via): Use | null {
  const root = ts.findAncestor(decl, (n) => ts.isFunctionLike(n) || ts.isSourceFile(n)) ?? sf;
  // Every use is followed until one shows the value must be unguessable; a use only a name says so of is kept as the fallback.
  let found: Use | null = null;
  const visit = (n: ts.Node): void => {
    if (found && !found.weak) return;
    if (ts.isIdentifier(n) && n !== name && n.text === name.text && scope.refersTo(n, decl)) {
      // Not a write of the variable itself (`code += c`).
      const p = n.parent;
      // A shorthand `{ otp }` names the field by the variable.
      if (!(ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment)) found = stronger(found, useOf(n, scope, sf, hops + 1, seen, { ...via }));
    }
    ts.forEachChild(n, visit);
  };
  visit(root);
  return found;
}

/** The uses of a local function's result at its calls in this file. */
function usesOfFunction(fn: ts.SignatureDeclaration, scope: Scope, sf: ts.SourceFile, hops: number, seen: Set<ts.Node>, via: Via): Use | null {
  const holder = fn.parent;
  const name = ts.isFunctionDeclaration(fn) ? fn.name : ts.isMethodDeclaration(fn) && ts.isIdentifier(fn.name) ? fn.name : holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name : undefined;
  if (!name) return null;
  const decl: ts.Declaration = ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) ? fn : holder as ts.VariableDeclaration;
  const method = ts.isMethodDeclaration(fn);
  let found: Use | null = null;
  const visit = (n: ts.Node): void => {
    if (found && !found.weak) return;
    if (ts.isCallExpression(n)) {
      const c = n.expression;
      // A function by scope; a method of this class by `this.name()`.
      const calls = method
        ? ts.isPropertyAccessExpression(c) && c.expression.kind === ts.SyntaxKind.ThisKeyword && c.name.text === name.text && ts.findAncestor(n, ts.isClassLike) === ts.findAncestor(fn, ts.isClassLike)
        : ts.isIdentifier(c) && c.text === name.text && scope.refersTo(c, decl);
      if (calls) found = stronger(found, useOf(n, scope, sf, hops + 1, seen, { ...via }));
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

export default defineSourceRule({
  id: 'security/insecure-random',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Math.random used for a security value',
    rationale: 'Math.random is not a cryptographic generator: its output can be predicted from a few samples, so tokens, codes, salts or session ids made from it can be guessed.',
    remediation: {
      text: 'Use `crypto.randomBytes(32).toString(\'base64url\')`, `crypto.randomUUID()` or `crypto.randomInt(0, 1_000_000)` (Web Crypto: `crypto.getRandomValues`).',
      effort: 'low',
    },
    messages: {
      oneTimeSecret: 'Math.random() makes {{name}}, which is {{use}} (line {{useLine}}): a reset, verification or one-time code must be unguessable',
      possibleSecret: 'Math.random() makes {{name}}, which is {{use}} (line {{useLine}}): possibly a secret, read from {{reason}}; nothing here sends it, sets it as a cookie or compares it with the request',
      securityValue: 'Math.random() makes `{{name}}`, a value whose name says it must be unguessable (where it goes is not seen in this file)',
    },
  },
  triggers: ['Math.random'],
  // Seed data makes sample tokens for development databases.
  appliesTo: (f) => isShippedCode(f) && !isSeedData(f.path),
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const e = call.expression;
        if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'random' || !ts.isIdentifier(e.expression) || e.expression.text !== 'Math' || ctx.scope.resolve(e.expression) !== null) return;
        const dest = destinationName(call);
        const use = useOf(call, ctx.scope, ctx.sourceFile);
        if (use && use.weak) {
          ctx.report({ node: call, messageId: 'possibleSecret', severity: 'medium', data: { name: dest ? `\`${dest}\`` : 'a value', use: use.what, useLine: String(ctx.lineOf(use.node)), reason: use.weak } });
          return;
        }
        if (use) {
          ctx.report({ node: call, messageId: 'oneTimeSecret', data: { name: dest ? `\`${dest}\`` : 'a value', use: use.what, useLine: String(ctx.lineOf(use.node)) } });
          return;
        }
        // By its name alone: not blocking, the value's use was not seen.
        if (!dest || !SECURITY_VALUE.test(dest) || NOT_SECURITY.test(dest)) return;
        ctx.report({ node: call, messageId: 'securityValue', severity: 'medium', data: { name: dest } });
      },
    };
  },
});
