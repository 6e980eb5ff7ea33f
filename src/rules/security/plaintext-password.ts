import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { hashesPassword, HOOKED_WRITE_METHODS, HOOKLESS_WRITES, MODEL_WRITE_HOOKS, modelHookOfCall } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { importedCallee } from '../shared/imported-call.js';
import { isShippedCode, looksMinified, readsRequestInput } from '../shared/names.js';

// A key naming the password itself, not its hash, a reset token or a confirmation field.
const PASSWORD_KEY = /^(?:password|passwd|pwd|pass|user_?password)$/i;
// Methods that look a row up by the values given: a password among them is compared as stored.
const LOOKUP = /^(?:find|findOne|findFirst|findUnique|findOneBy|findBy|findAll|where|count|exists)$/;
const SQL_WRITE = /\b(?:insert\s+into|update\s+\S+\s+set)\b[\s\S]*\bpassw(?:or)?d\b/i;
const SQL_COMPARE = /\bpassw(?:or)?d\s*=\s*(?:\?|\$\d|:\w|@\w|\$\{)/i;
// A helper whose name says it hashes (`hashPassword(pw)`, `encryptPassword`): the hasher may be in another file.
const HASHING_NAME = /hash|bcrypt|argon|scrypt|pbkdf|encrypt|digest/i;

/**
 * The functions of a file that run as model hooks on the way in (knowledge MODEL_WRITE_HOOKS): the
 * callback of `schema.pre('save', fn)` / `User.beforeCreate(fn)` / `addHook('beforeSave', fn)`, a
 * method decorated `@BeforeInsert()`, a `hooks: { beforeCreate }` entry. Read from the syntax tree.
 */
function hookBodies(sf: ts.SourceFile): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const first = n.arguments[0];
      const hook = modelHookOfCall(n.expression.name.text, first && ts.isStringLiteralLike(first) ? first.text : null);
      if (hook) out.push(...n.arguments.filter((a) => ts.isFunctionLike(a) || ts.isIdentifier(a)));
    } else if (ts.isMethodDeclaration(n) && (ts.getDecorators(n) ?? []).some((d) => {
      const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
      return ts.isIdentifier(e) && (MODEL_WRITE_HOOKS.decorators as readonly string[]).includes(e.text);
    })) out.push(n);
    else if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && (MODEL_WRITE_HOOKS.sequelize.hooks as readonly string[]).includes(n.name.text)) out.push(n.initializer);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

type Source = 'request' | 'parameter';

/**
 * Whether a constructed document is saved: `new M(…).save()`, or the variable it is assigned to has
 * `.save()` called on it in the same function. Read from the syntax tree, not from the file's text.
 */
function isSaved(nw: ts.NewExpression): boolean {
  let up: ts.Node = nw;
  while (ts.isParenthesizedExpression(up.parent) || ts.isAwaitExpression(up.parent)) up = up.parent;
  if (ts.isPropertyAccessExpression(up.parent) && up.parent.name.text === 'save') return true;
  if (!ts.isVariableDeclaration(up.parent) || !ts.isIdentifier(up.parent.name)) return false;
  const name = up.parent.name.text;
  const scope = ts.findAncestor(up.parent, (a) => ts.isFunctionLike(a) || ts.isSourceFile(a));
  let saved = false;
  const visit = (n: ts.Node): void => {
    if (saved) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'save'
      && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === name) saved = true;
    else ts.forEachChild(n, visit);
  };
  if (scope) visit(scope);
  return saved;
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/**
 * Where a stored value comes from: the request (directly, through a local or a destructuring of a
 * request read), a parameter of the enclosing function (its callers are not followed), or neither
 * (a literal, a call's result such as a hash). A variable written again (`password = await hash(password)`) is neither.
 */
function sourceOf(v: ts.Expression, scope: Scope, sf: ts.SourceFile): Source | null {
  v = unwrap(v);
  if (ts.isCallExpression(v)) return null;
  let root: ts.Expression = v;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root)) return readsRequestInput(v, sf, scope) ? 'request' : null;
  const b = scope.resolve(root);
  if (b && scope.isReassigned(b.decl)) return null;
  if (readsRequestInput(v, sf, scope)) return 'request';
  if (b?.kind === 'parameter') return 'parameter';
  if (b?.kind === 'destructured') {
    let d: ts.Node = b.decl;
    while (ts.isBindingElement(d) || ts.isObjectBindingPattern(d) || ts.isArrayBindingPattern(d)) d = d.parent;
    if (ts.isParameter(d)) return 'parameter';
    if (ts.isVariableDeclaration(d) && d.initializer) return sourceOf(d.initializer, scope, sf);
  }
  if (b?.kind === 'variable' && b.initializer && root === v) return sourceOf(b.initializer, scope, sf);
  return null;
}

/** The password-named properties of an object literal, at any depth, with the property keys on the way (`data`). */
function passwordProps(n: ts.Node, path: string[] = []): Array<{ value: ts.Expression; node: ts.Node; path: string[] }> {
  const out: Array<{ value: ts.Expression; node: ts.Node; path: string[] }> = [];
  if (!ts.isObjectLiteralExpression(n)) return out;
  for (const p of n.properties) {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) ? p.name.text : null;
    if (!key) continue;
    if (ts.isShorthandPropertyAssignment(p) && PASSWORD_KEY.test(key)) out.push({ value: p.name, node: p, path });
    else if (ts.isPropertyAssignment(p)) {
      if (PASSWORD_KEY.test(key)) out.push({ value: p.initializer, node: p, path });
      else out.push(...passwordProps(p.initializer, [...path, key]));
    }
  }
  return out;
}

export default defineSourceRule({
  id: 'security/plaintext-password',
  meta: {
    category: 'security',
    severity: 'critical',
    title: 'Password stored or compared in plain text',
    rationale: "A password from the request written to the database as it came, or looked up by equality (`findOne({ email, password })`), means the table holds every user's password: one leaked backup or SQL injection exposes them all, and users reuse them elsewhere.",
    remediation: {
      text: 'Hash with a slow password hash before storing (`await argon2.hash(password)`, `await bcrypt.hash(password, 12)`) and sign in by loading the user by email and checking with `argon2.verify` / `bcrypt.compare`.',
      effort: 'medium',
    },
    messages: {
      stored: 'the request\'s {{key}} is written with {{write}}() as it came: no password hash is applied in this function or file',
      storedHooked: 'the request\'s {{key}} is written with {{write}}() as it came; no password hash is applied here, and no hook of the model ({{model}}) was seen to hash it',
      compared: 'the request\'s {{key}} is looked up by equality with {{write}}(): the stored password is compared as plain text',
      sql: 'the request\'s password is bound into SQL that {{what}} the password column without a password hash',
    },
  },
  // A write that runs the model's hooks, of a model imported from a file whose own hook hashes
  // (`schema.pre('save', … bcrypt.hash …)`, `@BeforeInsert() … argon2.hash`): hashed on the way in.
  review(finding, _layout, ctx) {
    const spec = finding.messageId === 'storedHooked' && finding.path ? finding.data?.spec : undefined;
    if (typeof spec !== 'string' || spec === '') return finding;
    const hooks = ctx.memo('hashing-hooks', () => new Set(ctx.records().filter((r) => r.type === 'hashingHook').map((r) => r.path)));
    const target = ctx.link.resolveImport(finding.path!, spec);
    return target && hooks.has(target) ? null : finding;
  },
  triggers: ['password', 'Password', 'passwd', 'pwd'],
  appliesTo: isShippedCode,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const sf = ctx.sourceFile;
    const hashingCalls: ts.CallExpression[] = [];
    const candidates: Array<{ node: ts.Node; messageId: string; data: Record<string, string>; severity: 'critical' | 'medium'; source: Source; at: ts.Node }> = [];
    const consider = (call: ts.CallExpression | ts.NewExpression, write: string, args: readonly ts.Expression[], kind: 'hookless' | 'hooked' | 'lookup'): void => {
      for (const arg of args) {
        for (const p of passwordProps(unwrap(arg))) {
          const source = sourceOf(p.value, ctx.scope, sf);
          if (!source) continue;
          const hookless = kind === 'hookless' || p.path.includes(HOOKLESS_WRITES.prismaDataKey);
          const messageId = kind === 'lookup' ? 'compared' : hookless ? 'stored' : 'storedHooked';
          const severity = source === 'request' && (kind === 'lookup' || hookless) ? 'critical' : 'medium';
          const model = messageId === 'storedHooked' ? modelOf(call) : null;
          const data: Record<string, string> = { key: p.node.getText(sf).slice(0, 40), write };
          if (messageId === 'storedHooked') Object.assign(data, { model: model?.name ?? 'not resolved', spec: model?.spec ?? '' });
          candidates.push({ node: p.node, messageId, severity, source, at: call, data });
        }
      }
    };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const ref = importedCallee(call, ctx.scope);
        const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : ts.isIdentifier(call.expression) ? call.expression.text : '';
        if ((ref && hashesPassword(ref)) || HASHING_NAME.test(callee)) { hashingCalls.push(call); return; }
        if (!ts.isPropertyAccessExpression(call.expression)) {
          if (call.arguments.length > 0) sqlCall(call);
          return;
        }
        const method = call.expression.name.text;
        const receiver = unwrap(call.expression.expression);
        const step = HOOKLESS_WRITES.builderSteps[method];
        if (step && ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === step) {
          consider(call, `${step}().${method}`, call.arguments, 'hookless');
        } else if ((HOOKLESS_WRITES.documentMethods as readonly string[]).includes(method)) consider(call, method, call.arguments, 'hookless');
        else if (HOOKED_WRITE_METHODS.includes(method)) consider(call, method, call.arguments, 'hooked');
        else if (LOOKUP.test(method)) consider(call, method, call.arguments, 'lookup');
        else sqlCall(call);
      },
      NewExpression(node) {
        const nw = node as ts.NewExpression;
        // `new User({ ..., password })` then `.save()`: a mongoose document.
        if (ts.isIdentifier(nw.expression) && /^[A-Z]/.test(nw.expression.text) && nw.arguments && isSaved(nw)) {
          consider(nw, `new ${nw.expression.text}`, nw.arguments, 'hooked');
        }
      },
      'file:end'() {
        // A hasher inside a model hook of this file hashes what every hooked write of the model stores.
        const hooks = hashingCalls.length > 0 ? hookBodies(sf) : [];
        const hookHashes = hashingCalls.some((h) => hooks.some((b) => ts.isIdentifier(b)
          ? ts.findAncestor(h, (a) => ts.isFunctionDeclaration(a) && a.name?.text === b.text) !== undefined
          : h.pos >= b.pos && h.end <= b.end));
        if (hookHashes) ctx.emit({ type: 'hashingHook' });
        for (const c of candidates) {
          // A hash applied on the way in this function, or anywhere in the file when the value is a
          // parameter (a helper or hook of the file may do it): silent.
          const fn = ts.findAncestor(c.at.parent, ts.isFunctionLike);
          const hashed = hashingCalls.some((h) => c.source === 'parameter' || !fn || ts.findAncestor(h, (a) => a === fn) !== undefined)
            || hookHashes;
          if (hashed) continue;
          ctx.report({
            node: c.node, messageId: c.messageId, severity: c.severity, data: c.data,
            evidence: c.source === 'parameter' ? [{ kind: 'note', text: 'the value is a parameter of the function: its callers were not followed to the request' }] : [],
          });
        }
      },
    };

    /** The model a hooked write is on (`new User(…)`, `User.create(…)`) and the relative module it is imported from. */
    function modelOf(call: ts.CallExpression | ts.NewExpression): { name: string; spec: string } | null {
      const e = ts.isNewExpression(call) ? call.expression : ts.isPropertyAccessExpression(call.expression) ? unwrap(call.expression.expression) : null;
      if (!e || !ts.isIdentifier(e)) return null;
      const b = ctx.scope.resolve(e);
      const from = b?.kind === 'import' ? b.from : b ? requireOf(b)?.from : undefined;
      return from?.startsWith('.') ? { name: e.text, spec: from } : { name: e.text, spec: '' };
    }

    /** A raw SQL call: its query text writes or compares the password column, and a request value is bound. */
    function sqlCall(call: ts.CallExpression): void {
      const q = unwrap(call.arguments[0] ?? call.expression);
      let text: string | null = null;
      let bound: ts.Expression[] = [];
      if (ts.isStringLiteralLike(q)) { text = q.text; bound = call.arguments.slice(1).flatMap((a) => ts.isArrayLiteralExpression(a) ? [...a.elements] : [a]); }
      else if (ts.isTemplateExpression(q)) { text = q.getText(sf); bound = q.templateSpans.map((s) => s.expression); }
      else if (ts.isTaggedTemplateExpression(call.expression as ts.Expression)) return;
      if (!text) return;
      const writes = SQL_WRITE.test(text);
      const compares = !writes && SQL_COMPARE.test(text) && /\bselect\b/i.test(text);
      if (!writes && !compares) return;
      for (const v of bound) {
        const name = unwrap(v);
        const named = ts.isIdentifier(name) ? name.text : ts.isPropertyAccessExpression(name) ? name.name.text : '';
        if (!PASSWORD_KEY.test(named)) continue;
        const source = sourceOf(v, ctx.scope, sf);
        if (!source) continue;
        candidates.push({ node: v, messageId: 'sql', severity: source === 'request' ? 'critical' : 'medium', source, at: call, data: { what: writes ? 'writes' : 'compares by equality' } });
      }
    }
  },
});
