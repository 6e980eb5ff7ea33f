import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { hashesPassword, nameSaysHashes, HOOKED_WRITE_METHODS, HOOKLESS_WRITES, isPasswordField, looksRowsUp, MODEL_WRITE_HOOKS, modelHookOfCall } from '../../knowledge/index.js';
import { parsePostgres, toPostgresPlaceholders } from '../../util/pg-parser.js';
import { isSqlStatement } from '../../util/sql.js';
import { defineSourceRule, type ReviewContext, type RuleFinding } from '../api.js';
import { declIdOf } from '../shared/callers.js';
import { importedCallee } from '../shared/imported-call.js';
import { isShippedCode, looksMinified, readsRequestInput } from '../shared/names.js';
import { usesOfValue } from '../shared/pg-values.js';

/** Placeholders given to a template's password-named interpolations, numbered past any the text holds. */
const SPAN_PARAM = 1001;
/** How many calls deep a hashing helper is looked for from the function that stores the password. */
const HELPER_DEPTH = 3;

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
    if (ts.isShorthandPropertyAssignment(p) && isPasswordField(key)) out.push({ value: p.name, node: p, path });
    else if (ts.isPropertyAssignment(p)) {
      if (isPasswordField(key)) out.push({ value: p.initializer, node: p, path });
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
      sql: 'the request\'s password is bound into SQL that {{what}} column {{column}} as it came, without a password hash',
      sqlUnparsed: 'the request\'s password is bound into SQL that the Postgres parser could not read ({{error}}): whether it is stored as it came was not decided',
    },
  },
  reviewParsesSql: true,
  review(finding, _layout, ctx) {
    const sql = finding.messageId === 'sql' ? reviewSql(finding) : finding;
    if (!sql) return null;
    return reviewHooks(reviewHelpers(sql, ctx), ctx);
  },
  triggers: ['password', 'Password', 'passwd', 'pwd'],
  appliesTo: isShippedCode,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const sf = ctx.sourceFile;
    const hashingCalls: ts.CallExpression[] = [];
    // Calls of the file's own functions (`hashPassword(pw)` declared here): hashing when their body does.
    const localCalls: Array<{ call: ts.CallExpression; fn: ts.Node }> = [];
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
        if (ref && hashesPassword(ref)) { hashingCalls.push(call); return; }
        const local = ts.isIdentifier(call.expression) ? localFunction(call.expression) : null;
        if (local) localCalls.push({ call, fn: local });
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
        else if (looksRowsUp(method)) consider(call, method, call.arguments, 'lookup');
        else sqlCall(call);
      },
      NewExpression(node) {
        const nw = node as ts.NewExpression;
        // `new User({ ..., password })` then `.save()`: a document of a model the file imports or declares.
        if (ts.isIdentifier(nw.expression) && nw.arguments && ctx.scope.resolve(nw.expression) !== null && isSaved(nw)) {
          consider(nw, `new ${nw.expression.text}`, nw.arguments, 'hooked');
        }
      },
      'file:end'() {
        // A call of the file's own function whose body hashes is a hashing call too (to a fixed point).
        for (let grew = true; grew;) {
          grew = false;
          for (const l of localCalls) {
            if (hashingCalls.includes(l.call) || !hashingCalls.some((h) => h.pos >= l.fn.pos && h.end <= l.fn.end)) continue;
            hashingCalls.push(l.call);
            grew = true;
          }
        }
        // A hasher inside a model hook of this file hashes what every hooked write of the model stores.
        const hooks = hashingCalls.length > 0 ? hookBodies(sf) : [];
        const hookHashes = hashingCalls.some((h) => hooks.some((b) => ts.isIdentifier(b)
          ? ts.findAncestor(h, (a) => ts.isFunctionDeclaration(a) && a.name?.text === b.text) !== undefined
          : h.pos >= b.pos && h.end <= b.end));
        if (hookHashes) ctx.emit({ type: 'hashingHook' });
        // The functions that hash, by the id the link stage knows them by: another file's function
        // that calls one of them hashes on the way (read in review).
        const hashers = new Set(hashingCalls.map((h) => declOf(h)).filter((id): id is string => id !== null));
        for (const fn of hashers) ctx.emit({ type: 'hasher', fn });
        for (const c of candidates) {
          // A hash applied on the way in this function (or a helper of the file it calls), or by a hook
          // of the file: silent. A parameter's callers, here or in other files, are read in review
          // through the call graph (one that hashes before it calls: silent).
          const fn = ts.findAncestor(c.at.parent, ts.isFunctionLike);
          const hashed = hashingCalls.some((h) => !fn || ts.findAncestor(h, (a) => a === fn) !== undefined) || hookHashes;
          if (hashed) continue;
          // What the review follows: the function's calls into other files, and a call whose name
          // says it hashes (read by name only when the call graph cannot resolve it).
          const owner = declOf(c.at);
          const helper = fn ? namedHasherCall(fn) : null;
          const data = { ...c.data, ...(owner ? { fn: owner } : {}), ...(helper ? { helper } : {}), ...(c.source === 'parameter' ? { param: 'yes' } : {}) };
          ctx.report({
            node: c.node, messageId: c.messageId, severity: c.severity, data,
            evidence: c.source === 'parameter' ? [{ kind: 'note', text: 'the value is a parameter of the function: its callers were not followed to the request' }] : [],
          });
        }
      },
    };

    /** The function a call's identifier names when the file declares it (`function f`, `const f = () => …`). */
    function localFunction(id: ts.Identifier): ts.Node | null {
      const b = ctx.scope.resolve(id);
      if (b?.kind === 'function') return b.decl;
      if (b?.kind === 'variable' && b.initializer && (ts.isArrowFunction(b.initializer) || ts.isFunctionExpression(b.initializer))) return b.initializer;
      return null;
    }

    /** The id collect/symbols gives the named function a node is in (`register`, `AuthService.signUp`). */
    function declOf(n: ts.Node): string | null {
      for (let a: ts.Node | undefined = n.parent; a; a = a.parent) {
        if (!ts.isFunctionLike(a)) continue;
        const id = declIdOf(a);
        if (id) return id;
      }
      return null;
    }

    /** The first call in `fn` whose callee's name says it hashes (`this.auth.hashPassword(pw)`), as written. */
    function namedHasherCall(fn: ts.Node): string | null {
      let found: string | null = null;
      const visit = (n: ts.Node): void => {
        if (found) return;
        if (ts.isCallExpression(n)) {
          const name = ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : ts.isIdentifier(n.expression) ? n.expression.text : '';
          if (name && nameSaysHashes(name)) { found = name; return; }
        }
        ts.forEachChild(n, visit);
      };
      visit(fn);
      return found;
    }

    /** The model a hooked write is on (`new User(…)`, `User.create(…)`) and the relative module it is imported from. */
    function modelOf(call: ts.CallExpression | ts.NewExpression): { name: string; spec: string } | null {
      const e = ts.isNewExpression(call) ? call.expression : ts.isPropertyAccessExpression(call.expression) ? unwrap(call.expression.expression) : null;
      if (!e || !ts.isIdentifier(e)) return null;
      const b = ctx.scope.resolve(e);
      const from = b?.kind === 'import' ? b.from : b ? requireOf(b)?.from : undefined;
      return from?.startsWith('.') ? { name: e.text, spec: from } : { name: e.text, spec: '' };
    }

    /**
     * A raw SQL call with a password-named request value bound to it: the SQL text (placeholders in
     * Postgres's spelling) and the value's placeholder go to the review, which reads what the statement
     * does with it from the Postgres parser's tree.
     */
    function sqlCall(call: ts.CallExpression): void {
      const q = unwrap(call.arguments[0] ?? call.expression);
      let text: string | null = null;
      const bound: Array<{ value: ts.Expression; param: number }> = [];
      if (ts.isStringLiteralLike(q)) {
        text = toPostgresPlaceholders(q.text);
        const values = call.arguments.slice(1).flatMap((a) => ts.isArrayLiteralExpression(a) ? [...a.elements] : [a]);
        values.forEach((value, i) => bound.push({ value, param: i + 1 }));
      } else if (ts.isTemplateExpression(q)) {
        // A password-named interpolation becomes a placeholder of its own; any other, a bare name
        // (it may stand for a table or a column as well as a value), so the text still parses.
        let t = q.head.text;
        q.templateSpans.forEach((span, i) => {
          const param = SPAN_PARAM + i;
          if (isPasswordNamed(span.expression)) { t += `$${param}`; bound.push({ value: span.expression, param }); } else t += `v_${i}`;
          t += span.literal.text;
        });
        text = toPostgresPlaceholders(t);
      }
      if (!text) return;
      for (const { value, param } of bound) {
        if (!isPasswordNamed(value)) continue;
        const source = sourceOf(value, ctx.scope, sf);
        if (!source) continue;
        candidates.push({ node: value, messageId: 'sql', severity: source === 'request' ? 'critical' : 'medium', source, at: call, data: { sql: text.slice(0, 4000), param: String(param) } });
      }
    }
  },
});

function isPasswordNamed(v: ts.Expression): boolean {
  const e = unwrap(v);
  const named = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '';
  return isPasswordField(named);
}

/**
 * What the statement does with the bound password, read from the Postgres parser's tree: a write to
 * a column or an equality comparison with one is reported; any other use (a function such as
 * `crypt($2, gen_salt('bf'))`, another statement's value) is not. Text the parser cannot read is
 * reported at medium, as undecided.
 */
function reviewSql(f: RuleFinding): RuleFinding | null {
  const { sql, param, ...data } = f.data ?? {};
  if (typeof sql !== 'string') return null;
  const parsed = parsePostgres(sql);
  if (!parsed.ok) {
    return isSqlStatement(sql) ? { ...f, severity: 'medium', messageId: 'sqlUnparsed', data: { ...data, error: parsed.message.slice(0, 80) } } : null;
  }
  const use = usesOfValue(parsed.stmts, Number(param))[0];
  if (!use) return null;
  return { ...f, data: { ...data, what: use.kind === 'writes' ? 'writes to' : 'compares by equality with', column: use.column } };
}

/**
 * A function that calls, through the call graph, a function of the repository that applies a
 * password hash (`await this.hashing.hash(password)` in another file): hashed on the way in. A call
 * whose name says it hashes and that the call graph does not resolve lowers the finding to medium,
 * saying it rests on the name.
 */
function reviewHelpers(f: RuleFinding, ctx: ReviewContext): RuleFinding | null {
  const fn = f.data?.fn;
  const helper = f.data?.helper;
  if (typeof fn !== 'string' || !f.path) return f;
  const hashers = ctx.memo('hashers', () => new Set(ctx.records().filter((r) => r.type === 'hasher').map((r) => `${r.path}#${String(r.fn)}`)));
  const seen = new Set<string>();
  let frontier = [`${f.path}#${fn}`];
  // A parameter: a caller that hashes (itself or in a function it calls) hands the hash in. A parameter
  // with no caller the call graph resolves stays reported (medium, its note says the callers were not followed).
  if (f.data?.param === 'yes') {
    for (const c of ctx.link.callers(`${f.path}#${fn}`)) {
      if (hashers.has(c.from) || ctx.link.callees(c.from).some((e) => hashers.has(e.to))) return null;
    }
  }
  for (let depth = 0; depth < HELPER_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const k of frontier) {
      for (const e of ctx.link.callees(k)) {
        if (hashers.has(e.to)) return null;
        if (seen.has(e.to)) continue;
        seen.add(e.to);
        next.push(e.to);
      }
    }
    frontier = next;
  }
  if (typeof helper !== 'string') return f;
  const resolved = [...ctx.link.callees(`${f.path}#${fn}`)].some((e) => e.to.endsWith(`#${helper}`) || e.to.endsWith(`.${helper}`));
  if (resolved) return f;
  return {
    ...f, severity: 'medium',
    evidence: [...f.evidence, { kind: 'note', text: `${helper}() was not resolved to its declaration: its name says it hashes, so the finding rests on that name and is lowered` }],
  };
}

/**
 * A write that runs the model's hooks, of a model imported from a file whose own hook hashes
 * (`schema.pre('save', … bcrypt.hash …)`, `@BeforeInsert() … argon2.hash`): hashed on the way in.
 */
function reviewHooks(f: RuleFinding | null, ctx: ReviewContext): RuleFinding | null {
  if (!f) return null;
  const spec = f.messageId === 'storedHooked' && f.path ? f.data?.spec : undefined;
  if (typeof spec !== 'string' || spec === '') return f;
  const hooks = ctx.memo('hashing-hooks', () => new Set(ctx.records().filter((r) => r.type === 'hashingHook').map((r) => r.path)));
  const target = ctx.link.resolveImport(f.path!, spec);
  return target && hooks.has(target) ? null : f;
}
