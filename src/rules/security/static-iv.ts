import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { defineSourceRule } from '../api.js';
import { BYTE_FILLS, cipherModeOf, PROCESS_ENV_GLOBALS, webCryptoNonceOf } from '../../knowledge/index.js';
import { isConstantExpr } from '../shared/ast.js';
import { callsExport, NODE_CRYPTO } from '../shared/imports.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { isWebCrypto, subtleMethodOf } from '../shared/web-crypto.js';

const MAX_DEPTH = 6;
const ENV_GLOBALS = new Set(PROCESS_ENV_GLOBALS.map((g) => g.global));

/**
 * How an IV is fixed: `how` for the message, `decl` where a name bound it, `configured` for a value
 * read from the environment; `imported` for a name imported from another module, which the review
 * decides from the records that module's file emitted (`FixedIvRecord`).
 */
interface Fixed { how: string; decl: ts.Node | null; configured: boolean; imported?: { spec: string; name: string } }

/** What a file records about a top-level const holding fixed bytes, for imports of it elsewhere. */
interface FixedIvRecord { type: 'fixedIv'; id: string; how: string; configured: boolean }

/** Marks a provisional finding whose IV is an import: the review reads the exporting file's record. */
const IMPORTED = 'importedIv';

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/** A global of the language (no scope declares it): `Buffer`, `Uint8Array`, `TextEncoder`, `process`. */
const isGlobal = (e: ts.Expression, names: readonly string[], scope: Scope): e is ts.Identifier =>
  ts.isIdentifier(e) && names.includes(e.text) && scope.resolve(e) === null;

const BYTE_ARRAYS = ['Uint8Array', 'Int8Array', 'Uint16Array', 'Uint32Array', 'Buffer'];

/** `process.env.X` / `Bun.env.X`: a value fixed per deployment. */
function envRead(e: ts.Expression, scope: Scope): boolean {
  e = strip(e);
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) return envRead(e.left, scope);
  const owner = ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) ? strip(e.expression) : null;
  return owner !== null && ts.isPropertyAccessExpression(owner) && owner.name.text === 'env' && ts.isIdentifier(owner.expression)
    && ENV_GLOBALS.has(owner.expression.text) && scope.resolve(owner.expression) === null;
}

/**
 * Whether a local buffer is filled or changed after it is made (knowledge BYTE_FILLS:
 * `crypto.getRandomValues(iv)`, `randomFillSync(iv)`, `iv.set(..)`, or `iv[0] = n`): then its
 * initializer is not its value.
 */
function changedAfter(decl: ts.VariableDeclaration, sf: ts.SourceFile, scope: Scope): boolean {
  const name = decl.name as ts.Identifier;
  const root = ts.findAncestor(decl, (a) => ts.isFunctionLike(a) || ts.isSourceFile(a)) ?? sf;
  let changed = false;
  const visit = (n: ts.Node): void => {
    if (changed) return;
    if (ts.isIdentifier(n) && n !== name && n.text === name.text && scope.resolve(n)?.decl === decl) {
      let up: ts.Node = n;
      while (ts.isParenthesizedExpression(up.parent) || ts.isAsExpression(up.parent) || ts.isNonNullExpression(up.parent)) up = up.parent;
      const p = up.parent;
      if (ts.isCallExpression(p) && p.expression !== up && fills(p, sf, scope)) changed = true;
      if (ts.isPropertyAccessExpression(p) && p.expression === up && ts.isCallExpression(p.parent) && p.parent.expression === p
        && (BYTE_FILLS.methods.includes(p.name.text) || BYTE_FILLS.methodPrefixes.some((x) => p.name.text.startsWith(x)))) changed = true;
      if (ts.isElementAccessExpression(p) && p.expression === up && ts.isBinaryExpression(p.parent) && p.parent.left === p) changed = true;
      if (ts.isBinaryExpression(p) && p.left === up && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) changed = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(root);
  return changed;
}

/** A call that fills its argument with random bytes: Web Crypto's getRandomValues, Node's randomFill(Sync). */
function fills(call: ts.CallExpression, sf: ts.SourceFile, scope: Scope): boolean {
  const e = call.expression;
  if (ts.isPropertyAccessExpression(e) && BYTE_FILLS.webCrypto.includes(e.name.text) && isWebCrypto(e.expression, scope)) return true;
  return callsExport(call, sf, NODE_CRYPTO, BYTE_FILLS.nodeCrypto) !== null;
}

/**
 * Whether an IV expression can only hold bytes fixed in the code or the deployment: a string literal,
 * literal bytes, zero bytes (`new Uint8Array(12)`, `Buffer.alloc(16)`), `Buffer.from('...')`,
 * `new TextEncoder().encode('...')`, a const or an unchanged local bound to one of those, a member of
 * a const object holding one, or an environment variable. Null for anything else (random bytes, a
 * parameter, a call): not fixed as far as the code shows.
 */
function fixedIv(e: ts.Expression, sf: ts.SourceFile, scope: Scope, depth = 0): Fixed | null {
  e = strip(e);
  if (depth > MAX_DEPTH) return null;
  if (ts.isStringLiteralLike(e)) return { how: `the string '${e.text.slice(0, 24)}'`, decl: null, configured: false };
  if (ts.isTemplateExpression(e)) return isConstantExpr(e, scope) ? { how: 'a string fixed in the code', decl: null, configured: false } : null;
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((x) => isConstantExpr(x, scope)) ? { how: 'literal bytes', decl: null, configured: false } : null;
  if (envRead(e, scope)) return { how: `${strip(e).getText().slice(0, 40)}, one value for every message`, decl: null, configured: true };
  if (ts.isNewExpression(e) && isGlobal(e.expression, BYTE_ARRAYS, scope)) {
    const a = e.arguments ?? [];
    if (a.length === 0 || (a.length === 1 && ts.isNumericLiteral(strip(a[0])))) return { how: `${e.getText().slice(0, 30)} (zero bytes)`, decl: null, configured: false };
    if (a.length === 1 && isConstantExpr(a[0], scope) && !ts.isIdentifier(strip(a[0]))) return { how: `${e.getText().slice(0, 30)} (zero bytes)`, decl: null, configured: false };
    return a.length === 1 ? fixedIv(a[0], sf, scope, depth + 1) : null;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const callee = e.expression;
    const recv = strip(callee.expression);
    const [first] = e.arguments;
    // Buffer.from('...'), Buffer.from([..]), Uint8Array.from([..]), Buffer.alloc(16[, 0])
    if (isGlobal(recv, BYTE_ARRAYS, scope) && ['from', 'of'].includes(callee.name.text) && first) {
      if (callee.name.text === 'of') return e.arguments.every((x) => isConstantExpr(x, scope)) ? { how: 'literal bytes', decl: null, configured: false } : null;
      const inner = fixedIv(first, sf, scope, depth + 1);
      return inner && { ...inner, how: inner.configured || inner.imported ? inner.how : `${e.getText().slice(0, 40)}` };
    }
    if (isGlobal(recv, ['Buffer'], scope) && ['alloc', 'allocUnsafe'].includes(callee.name.text) && callee.name.text === 'alloc' && e.arguments.every((x) => isConstantExpr(x, scope))) {
      return { how: `${e.getText().slice(0, 30)} (the same bytes every time)`, decl: null, configured: false };
    }
    // new TextEncoder().encode('...'), or an encoder bound to one.
    if (callee.name.text === 'encode' && first && isTextEncoder(recv, scope)) {
      const inner = fixedIv(first, sf, scope, depth + 1);
      return inner && { ...inner, how: inner.configured || inner.imported ? inner.how : `TextEncoder.encode(${first.getText().slice(0, 30)})` };
    }
    return null;
  }
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (b?.kind === 'import' && b.imported !== '*' && b.from.startsWith('.')) return { how: '', decl: null, configured: false, imported: { spec: b.from, name: b.imported } };
    if (b?.kind !== 'variable' || !b.initializer) return null;
    if (!b.isConst && scope.isReassigned(b.decl)) return null;
    const inner = fixedIv(b.initializer, sf, scope, depth + 1);
    if (!inner) return null;
    // A buffer made here and filled later (`getRandomValues(iv)`) holds what was written into it.
    if (changedAfter(b.decl, sf, scope)) return null;
    return { ...inner, decl: inner.decl ?? b.decl };
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const b = scope.resolve(e.expression);
    const init = b?.kind === 'variable' && b.isConst && b.initializer ? strip(b.initializer) : null;
    if (!init || !ts.isObjectLiteralExpression(init)) return null;
    const p = init.properties.find((x): x is ts.PropertyAssignment => ts.isPropertyAssignment(x) && (ts.isIdentifier(x.name) || ts.isStringLiteral(x.name)) && x.name.text === e.name.text);
    const inner = p ? fixedIv(p.initializer, sf, scope, depth + 1) : null;
    return inner && { ...inner, decl: inner.decl ?? p! };
  }
  return null;
}

function isTextEncoder(e: ts.Expression, scope: Scope, depth = 0): boolean {
  e = strip(e);
  if (ts.isNewExpression(e)) return isGlobal(e.expression, ['TextEncoder'], scope);
  if (ts.isIdentifier(e) && depth < 3) {
    const b = scope.resolve(e);
    return b?.kind === 'variable' && b.initializer !== null && (b.isConst || !scope.isReassigned(b.decl)) && isTextEncoder(b.initializer, scope, depth + 1);
  }
  return false;
}

/** A string value fixed in the code: a literal or a const bound to one. */
function stringOf(e: ts.Expression | undefined, scope: Scope, depth = 0): string | null {
  if (!e) return null;
  e = strip(e);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isIdentifier(e) && depth < 3) {
    const b = scope.resolve(e);
    return b?.kind === 'variable' && b.isConst && b.initializer ? stringOf(b.initializer, scope, depth + 1) : null;
  }
  if (ts.isPropertyAccessExpression(e) && depth < 3) {
    const obj = objectOf(e.expression, scope);
    const v = obj ? propOf(obj, e.name.text) : null;
    return v ? stringOf(v, scope, depth + 1) : null;
  }
  return null;
}

/** The object literal an expression is, directly or through a const. */
function objectOf(e: ts.Expression | undefined, scope: Scope): ts.ObjectLiteralExpression | null {
  if (!e) return null;
  e = strip(e);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (!ts.isIdentifier(e)) return null;
  const b = scope.resolve(e);
  const init = b?.kind === 'variable' && b.isConst && b.initializer ? strip(b.initializer) : null;
  return init && ts.isObjectLiteralExpression(init) ? init : null;
}

const propOf = (obj: ts.ObjectLiteralExpression, key: string): ts.Expression | null => {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) return p.name;
  }
  return null;
};

export default defineSourceRule({
  id: 'security/static-iv',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Encryption with a fixed IV or nonce',
    rationale: 'AES-GCM and AES-CTR with a repeated nonce leak the XOR of the plaintexts (and, for GCM, the authentication key, so ciphertexts can be forged); CBC with a fixed IV makes equal messages encrypt alike.',
    remediation: {
      text: 'Make a fresh IV for every message (`crypto.getRandomValues(new Uint8Array(12))`, `randomBytes(12)`) and store it beside the ciphertext.',
      effort: 'low',
    },
    messages: {
      fixedIv: '{{api}} encrypts with {{algorithm}} under a fixed {{what}}: {{how}} ({{where}}); every message reuses it{{consequence}}',
      configuredIv: '{{api}} encrypts with {{algorithm}} under a {{what}} read from configuration: {{how}} ({{where}}); every message reuses it{{consequence}}',
      // Said only until the review has read the IV's module (it names the bytes, or drops the finding).
      ivPending: '{{api}} encrypts with {{algorithm}} under a {{what}} imported from {{where}}: read by the review',
    },
  },
  // The calls; and, to record the consts a module exports for another's IV, byte spellings and the
  // words an IV constant goes by (a filter for what to parse, never the judgement).
  triggers: ['createCipheriv', 'subtle', 'Buffer.from(', 'Buffer.alloc(', 'Uint8Array(', 'TextEncoder(', ' iv', 'IV ', 'IV:', '_IV', 'Iv ', 'nonce', 'Nonce', 'NONCE'],
  appliesTo: isShippedCode,
  review(finding, _layout, ctx) {
    const marker = finding.data?.[IMPORTED];
    if (typeof marker !== 'string' || finding.path === null) return finding;
    const data = { ...finding.data };
    delete data[IMPORTED];
    const { spec, name } = JSON.parse(marker) as { spec: string; name: string };
    const file = ctx.link.resolveImport(finding.path, spec);
    const t = file ? ctx.link.resolveExport(file, name) : null;
    if (!t || !('decl' in t)) return null;
    const records = ctx.memo('fixed-ivs', () => new Map(ctx.records().filter((r) => r.type === 'fixedIv').map((r) => [`${String(r.path)}#${String(r.id)}`, r as unknown as FixedIvRecord])));
    const rec = records.get(`${t.decl.path}#${t.decl.id}`);
    if (!rec) return null;
    return {
      ...finding, messageId: rec.configured ? 'configuredIv' : 'fixedIv', data: { ...data, how: rec.how, where: `${t.decl.path}:${t.decl.line}` },
      evidence: [...finding.evidence, { kind: 'file', path: t.decl.path, line: t.decl.line, snippet: `export ${name}: ${rec.how}` }],
    };
  },
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const consequence = (mode: string): string =>
      mode === 'CBC' ? ', so equal messages (and equal first blocks) encrypt alike' : ', so two ciphertexts give away the XOR of their plaintexts' + (mode === 'GCM' ? ' and the GCM authentication key' : '');
    const report = (call: ts.CallExpression, api: string, algorithm: string, mode: string, what: string, fixed: Fixed): void => {
      if (fixed.imported) {
        ctx.report({ node: call, messageId: 'ivPending', data: { api, algorithm, what, where: fixed.imported.spec, how: '', consequence: consequence(mode), [IMPORTED]: JSON.stringify(fixed.imported) } });
        return;
      }
      const decl = fixed.decl;
      const where = decl ? `${ctx.file.path}:${ctx.lineOf(decl)}` : `${ctx.file.path}:${ctx.lineOf(call)}`;
      ctx.report({
        node: call, messageId: fixed.configured ? 'configuredIv' : 'fixedIv',
        data: { api, algorithm, what, how: fixed.how, where, consequence: consequence(mode) },
        ...(decl ? { evidence: [{ kind: 'file' as const, path: ctx.file.path, line: ctx.lineOf(decl), snippet: decl.getText(ctx.sourceFile).slice(0, 120) }] } : {}),
      });
    };
    return {
      'file:end'() {
        // Top-level consts holding fixed bytes, for a module that imports one as its IV.
        for (const st of ctx.sourceFile.statements) {
          if (!ts.isVariableStatement(st)) continue;
          for (const d of st.declarationList.declarations) {
            if (!ts.isIdentifier(d.name) || !d.initializer) continue;
            const fixed = fixedIv(d.name, ctx.sourceFile, ctx.scope);
            if (fixed && !fixed.imported) ctx.emit({ type: 'fixedIv', id: d.name.text, how: fixed.how, configured: fixed.configured, line: ctx.lineOf(d) });
          }
        }
      },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (subtleMethodOf(call, ctx.scope) === 'encrypt') {
          const algo = objectOf(call.arguments[0], ctx.scope);
          const name = algo ? stringOf(propOf(algo, 'name') ?? undefined, ctx.scope) : null;
          const nonce = name ? webCryptoNonceOf(name) : null;
          const iv = algo && nonce ? propOf(algo, nonce.key) : null;
          if (!nonce || !iv) return;
          const fixed = fixedIv(iv, ctx.sourceFile, ctx.scope);
          if (fixed) report(call, 'crypto.subtle.encrypt()', nonce.algorithm, nonce.mode, nonce.key === 'iv' ? 'IV' : 'counter block', fixed);
          return;
        }
        const fn = callsExport(call, ctx.sourceFile, NODE_CRYPTO, ['createCipheriv']);
        if (!fn || !call.arguments[2]) return;
        const algorithm = stringOf(call.arguments[0], ctx.scope);
        const mode = algorithm ? cipherModeOf(algorithm) : 'unknown';
        if (!mode) return; // ECB and others that take no IV
        const fixed = fixedIv(call.arguments[2], ctx.sourceFile, ctx.scope);
        if (fixed) report(call, 'createCipheriv()', algorithm ?? 'a cipher not read', mode, mode === 'GCM' || mode === 'CTR' || mode === 'stream' ? 'nonce' : 'IV', fixed);
      },
    };
  },
});
