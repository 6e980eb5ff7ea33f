import ts from 'typescript';
import type { VisitorHost } from '../../collect/host.js';
import { requireOf, type Scope } from '../../collect/scope.js';
import { TriggerIndex } from '../../collect/triggers.js';
import { isAmountConversion, isPaymentAmountPackage, isUnboundedNumeric, PAYMENT_AMOUNTS, paymentAmountChains, paymentAmountOf, paymentAmountsOfChain, resultFromCallback, sourceWords, type PaymentAmount } from '../../knowledge/index.js';
import { defineSourceRule, type RuleFinding } from '../api.js';
import { callableRoots, callSiteOf, declIdOf, forwardedParam, PENDING, qualify, reviewAcrossFiles, type Root } from '../shared/callers.js';
import { constInitializer, isConstantExpr } from '../shared/ast.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { readsRequest, Tracer } from '../shared/taint.js';
import { validatedInput } from '../shared/request-bounds.js';

const unwrap = (e: ts.Expression): ts.Expression => {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
};
const CHAINS = paymentAmountChains();
const LAST = new Set(CHAINS.map((c) => c[c.length - 1]));
/** The words a file that gives an amount holds: the first option of each amount path (`line_items`, `amount`). */
const AMOUNT_WORDS = [...new Set(PAYMENT_AMOUNTS.flatMap((a) => a.amounts.map((p) => p.split(/[.[]/)[0])))];
/** The data key holding an imported client the review resolves through the link (`{ spec, name }`). */
const CLIENT = 'client';

/** A client: made here by a package's export (`new Stripe(key)`), or imported from another file of the repository. */
type Client = { module: string; client: string } | { spec: string; name: string };

const isPackage = (spec: string) => !spec.startsWith('.') && !spec.startsWith('/');

/** What made a value: `new Stripe(key)`, `Stripe(key)`, `require('stripe')(key)`, `new paypal.orders.OrdersCreateRequest()`. */
function makerOf(init: ts.Expression | null | undefined, scope: Scope): Client | null {
  if (!init) return null;
  const e = unwrap(init);
  if (!ts.isNewExpression(e) && !ts.isCallExpression(e)) return null;
  const members: string[] = [];
  let root: ts.Expression = e.expression;
  while (ts.isPropertyAccessExpression(root)) {
    members.unshift(root.name.text);
    root = root.expression;
  }
  root = unwrap(root);
  if (ts.isCallExpression(root) && ts.isIdentifier(root.expression) && root.expression.text === 'require' && root.arguments.length === 1 && ts.isStringLiteralLike(root.arguments[0]) && !scope.resolve(root.expression)) {
    return { module: root.arguments[0].text, client: members.join('.') || 'default' };
  }
  if (!ts.isIdentifier(root)) return null;
  const b = scope.resolve(root);
  const imp = b ? (b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b)) : null;
  if (!imp || !isPackage(imp.from)) return null;
  const head = imp.imported === 'default' || imp.imported === '*' ? [] : [imp.imported];
  return { module: imp.from, client: [...head, ...members].join('.') || 'default' };
}

/** The client a declared type names (`stripe: Stripe` with `import Stripe from 'stripe'`). */
function typedClient(type: ts.TypeNode | undefined, scope: Scope): Client | null {
  if (!type || !ts.isTypeReferenceNode(type)) return null;
  const members: string[] = [];
  let name: ts.EntityName = type.typeName;
  while (ts.isQualifiedName(name)) {
    members.unshift(name.right.text);
    name = name.left;
  }
  const b = scope.resolve(name);
  const imp = b ? (b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b)) : null;
  if (!imp || !isPackage(imp.from)) return null;
  const head = imp.imported === 'default' || imp.imported === '*' ? [] : [imp.imported];
  // `Stripe.Stripe` is the namespace's class of the same name: the default export's instance.
  const path = [...head, ...members].filter((m, i, all) => !(i === all.length - 1 && m === 'Stripe' && all.length === 2 && imp.imported === 'default'));
  return { module: imp.from, client: path.join('.') || 'default' };
}

/** `this.stripe`: the class's field, by its initializer, its declared type, or what the class assigns to it. */
function fieldClient(access: ts.PropertyAccessExpression, scope: Scope): Client | null {
  let cls: ts.Node | undefined = access.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls || !ts.isClassLike(cls)) return null;
  const name = access.name.text;
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && m.name.getText() === name) {
      const c = makerOf(m.initializer, scope) ?? typedClient(m.type, scope);
      if (c) return c;
    }
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) {
        const isField = ts.getModifiers(p)?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.PublicKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword || x.kind === ts.SyntaxKind.ReadonlyKeyword);
        if (isField && ts.isIdentifier(p.name) && p.name.text === name) {
          const c = typedClient(p.type, scope);
          if (c) return c;
        }
      }
    }
  }
  let found: Client | null = null;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)
      && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === name) found = makerOf(n.right, scope);
    ts.forEachChild(n, visit);
  };
  visit(cls);
  return found;
}

/** The client a call's receiver is, through the file's scopes; null when it is none verdict can name. */
function clientOf(receiver: ts.Expression, scope: Scope): Client | null {
  const e = unwrap(receiver);
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) return fieldClient(e, scope);
  if (!ts.isIdentifier(e)) return makerOf(e, scope);
  const b = scope.resolve(e);
  if (!b) return null;
  if (b.kind === 'import') return isPackage(b.from) ? null : { spec: b.from, name: b.imported };
  if (b.kind === 'variable') {
    const req = requireOf(b);
    if (req) return isPackage(req.from) ? null : { spec: req.from, name: req.imported === '*' ? 'default' : req.imported };
    return makerOf(b.initializer, scope) ?? typedClient((b.decl as ts.VariableDeclaration).type, scope);
  }
  if (b.kind === 'parameter') return typedClient(b.decl.type, scope);
  return null;
}

/** The descriptors a call's method chain may be, by the chain alone (the client decides which). */
function chainOf(call: ts.CallExpression): { chain: readonly string[]; receiver: ts.Expression } | null {
  if (!ts.isPropertyAccessExpression(call.expression) || !LAST.has(call.expression.name.text)) return null;
  for (const c of CHAINS) {
    let e: ts.Expression = call.expression;
    let ok = true;
    for (let i = c.length - 1; i >= 0 && ok; i--) {
      if (!ts.isPropertyAccessExpression(e) || e.name.text !== c[i]) ok = false;
      else e = e.expression;
    }
    if (ok) return { chain: c, receiver: e };
  }
  return null;
}

/** Where an amount is given: its value, or a container (an options object, an array) the code does not spell out. */
type Place = { value: ts.Expression; field: string } | { container: ts.Expression; field: string };

/** The values at an option path (`line_items[].price_data.unit_amount`) in an expression, followed through literals, `const`s and `.map` callbacks. */
function valuesAt(e: ts.Expression, steps: readonly string[], scope: Scope, out: Place[], field: string, depth = 0, done: readonly string[] = []): void {
  const container = (c: ts.Expression): void => {
    out.push({ container: c, field: done.length === 0 ? 'its options' : done.join('.').replace(/\.\[\]/g, '[]') });
  };
  e = unwrap(e);
  if (depth > 8) return;
  if (steps.length === 0) {
    out.push({ value: e, field });
    return;
  }
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    if (init) valuesAt(init, steps, scope, out, field, depth + 1, done);
    else container(e);
    return;
  }
  const [step, ...rest] = steps;
  if (step === '[]') {
    if (ts.isArrayLiteralExpression(e)) {
      for (const el of e.elements) {
        if (ts.isSpreadElement(el)) container(el.expression);
        else valuesAt(el, rest, scope, out, field, depth + 1, [...done, step]);
      }
    } else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ['map', 'flatMap'].includes(e.expression.name.text)
      && e.arguments[0] && (ts.isArrowFunction(e.arguments[0]) || ts.isFunctionExpression(e.arguments[0]))) {
      for (const r of returned(e.arguments[0])) valuesAt(r, rest, scope, out, field, depth + 1, [...done, step]);
    } else container(e);
    return;
  }
  if (!ts.isObjectLiteralExpression(e)) {
    container(e);
    return;
  }
  for (const p of e.properties) {
    if (ts.isSpreadAssignment(p)) container(p.expression);
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
    if (name !== step) continue;
    if (ts.isPropertyAssignment(p)) valuesAt(p.initializer, rest, scope, out, field, depth + 1, [...done, step]);
    else if (ts.isShorthandPropertyAssignment(p)) valuesAt(p.name, rest, scope, out, field, depth + 1, [...done, step]);
  }
}

/** What a function literal returns: its expression body, or each `return`'s expression. */
function returned(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression[] {
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return out;
}

/** The first argument that is an options object: for `update(id, { amount })` the second. */
function optionsArg(call: ts.CallExpression, scope: Scope): ts.Expression | null {
  for (const a of call.arguments) {
    const u = unwrap(a);
    if (ts.isObjectLiteralExpression(u)) return u;
    if (ts.isIdentifier(u)) {
      const init = constInitializer(u, scope);
      if (init && ts.isObjectLiteralExpression(unwrap(init))) return u;
    }
  }
  return call.arguments.length === 1 ? call.arguments[0] : null;
}

/**
 * Where a path from the request stops: at any call but the numeric and string conversions that keep
 * the value (`Number`, `Math.round`, `String`, `.toFixed(2)`) and the request's own readers. A lookup
 * (`prisma.product.findUnique`), a price table, a schema's `parse` or a helper that computes the total
 * all end it: what they return is the server's.
 */
function endsPath(call: ts.CallExpression): boolean {
  if (readsRequest(call.expression)) return false;
  const text = call.expression.getText().replace(/\s+/g, '');
  return !isUnboundedNumeric(text) && !isAmountConversion(text);
}

/**
 * `endsPath`, but a result made of what a callback returns for each element (`items.reduce((s, i) =>
 * s + i.price * i.quantity, 0)`) goes on when what the callback returns is request input: a total summed
 * from prices the request carries is the buyer's. One summed from prices the server looks up by the
 * request's ids (`s + prices.get(i.id) * i.quantity`) is the server's, as the product would be.
 */
function endsIn(scope: Scope): (call: ts.CallExpression) => boolean {
  const ends = (call: ts.CallExpression): boolean => {
    if (!endsPath(call)) return false;
    const cb = call.arguments[0];
    if (!ts.isPropertyAccessExpression(call.expression) || !resultFromCallback(call.expression.name.text) || !cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) return true;
    const tracer = new Tracer(scope, fixed, ends, undefined, (n) => pricedByServer(n, scope));
    return !returned(cb).some((r) => tracer.originOf(r).kind === 'request');
  };
  return ends;
}

/**
 * A product with a factor the server holds (`product.priceCents * quantity`): the buyer chooses how many,
 * not the price of one. A constant factor (`amount * 100`) is no such factor: it only changes the unit.
 */
function pricedByServer(n: ts.Node, scope: Scope): boolean {
  if (!ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.AsteriskToken) return false;
  return [n.left, n.right].some((side) => !isConstantExpr(side, scope) && new Tracer(scope, fixed, endsIn(scope)).originOf(side).kind === 'local');
}

const fixed = (e: ts.Expression): boolean => {
  const u = unwrap(e);
  return ts.isNumericLiteral(u) || ts.isStringLiteralLike(u);
};

/** Whether a call names `this` or a name at the top of the file that may hold the repository's code: the only calls a file records. */
function namesRoot(call: ts.CallExpression, roots: ReadonlyMap<string, Root>): boolean {
  let root: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(root) || ts.isNonNullExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
  return root.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(root) && roots.has(root.text));
}

/** The source words (knowledge/requests.ts) as one automaton, built on first use. */
const SOURCE_HOSTS: VisitorHost[] = [{ id: 'source', triggers: sourceWords() }];
let sourceIndex: TriggerIndex | null = null;

const clientData = (c: Client): string => ('spec' in c ? JSON.stringify(c) : '');

export default defineSourceRule({
  id: 'security/client-set-amount',
  meta: {
    category: 'security',
    severity: 'critical',
    title: 'A payment\'s amount is taken from the request',
    rationale: 'The amount a checkout, payment intent or order charges must come from the server (a price looked up by product id, a total computed from the cart in the database). An amount the request carries is one the buyer sets: the same goods for one cent.',
    remediation: {
      text: 'Send only ids from the client (product, plan, cart) and look the price up on the server (`const product = await db.product.findUnique({ where: { id } }); amount = product.priceCents * quantity`), or use a price the provider holds (`line_items: [{ price: PRICE_ID }]`). For a donation or top-up where the buyer does choose the amount, validate it (minimum, maximum) and grant only what the provider\'s webhook says was paid.',
      effort: 'medium',
    },
    messages: {
      clientAmount: '{{provider}} {{call}} charges {{field}} taken from request input: the buyer sets the price. {{flow}}',
      clientOptions: '{{provider}} {{call}} is given {{field}} from request input as it came (the buyer can set any amount in it). {{flow}}',
      validatedAmount: '{{provider}} {{call}} charges {{field}} the buyer chooses (validated, but request input): right for a donation or a top-up, not for a priced item. {{flow}}',
    },
  },
  // The options holding an amount (`amount`, `line_items`, `purchase_units`); the callers of a service's function need an import.
  triggers: [...AMOUNT_WORDS, 'import', 'require('],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script' && f.role !== 'config',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const hasAmount = AMOUNT_WORDS.some((w) => ctx.text.includes(w));
    let roots: Map<string, Root> | null = null;
    let at: ts.CallExpression | null = null;
    let hasSource: boolean | null = null;
    const place = {
      path: ctx.file.path, roots: new Map<string, Root>(), line: () => ctx.lineOf(at!.expression), ownCalls: () => true,
      sourceless: () => !(hasSource ??= (sourceIndex ??= new TriggerIndex(SOURCE_HOSTS)).match(ctx.text, SOURCE_HOSTS).length > 0),
    };
    const judge = (call: ts.CallExpression, found: { chain: readonly string[]; receiver: ts.Expression }): void => {
      const client = clientOf(found.receiver, ctx.scope);
      if (!client) return;
      const amount: PaymentAmount | null = 'module' in client ? paymentAmountOf(client.module, client.client, found.chain) : null;
      if ('module' in client && !amount) return;
      // An imported client: the review resolves what it is; every provider with this chain is a candidate until then.
      const candidates = amount ? [amount] : paymentAmountsOfChain(found.chain);
      const options = optionsArg(call, ctx.scope);
      if (!options || candidates.length === 0) return;
      const places: Place[] = [];
      for (const path of new Set(candidates.flatMap((c) => c.amounts))) valuesAt(options, path.split(/\.|(?=\[\])/).filter((s) => s !== ''), ctx.scope, places, path);
      const call_ = `${found.chain.join('.')}()`;
      const reported = new Set<string>();
      for (const p of places) {
        const expr = 'value' in p ? p.value : p.container;
        // A container: only as it came from the request (`line_items: req.body.items`), never one the code built.
        const ends = 'value' in p ? endsIn(ctx.scope) : () => true;
        const priced = (n: ts.Node) => pricedByServer(n, ctx.scope);
        // Input a validator checked first (a DTO class, a validator middleware's output) is still the
        // buyer's amount, but validated: a donation or a top-up looks so. Medium; unvalidated critical.
        let origin = new Tracer(ctx.scope, fixed, ends, undefined, (n) => priced(n) || validatedInput(n)).originOf(expr);
        let checked = false;
        if (origin.kind !== 'request') {
          const loose = new Tracer(ctx.scope, fixed, ends, undefined, priced).originOf(expr);
          if (loose.kind === 'request') [origin, checked] = [loose, true];
        }
        const sink = `${p.field} of ${call_} (line ${ctx.lineOf(call)})`;
        const messageId = checked ? 'validatedAmount' : 'value' in p ? 'clientAmount' : 'clientOptions';
        const key = 'value' in p ? `${p.field}` : `${expr.pos}`;
        if (reported.has(key)) continue;
        const base = { provider: candidates.map((c) => c.provider).filter((v, i, a) => a.indexOf(v) === i).join(' / '), call: call_, field: `\`${p.field}\``, [CLIENT]: clientData(client) };
        if (origin.kind === 'request') {
          reported.add(key);
          ctx.report({ node: expr, messageId, data: { ...base, flow: [...origin.path, sink].join(' → ') }, ...(checked ? { severity: 'medium' as const } : {}) });
        } else if (origin.kind === 'caller' && origin.at && 'value' in p) {
          const fn = declIdOf(origin.at.fn);
          if (fn === null) continue;
          reported.add(key);
          const pending = { targets: [{ fn, index: origin.at.index, steps: qualify([...origin.path, sink], ctx.file.path) }], rest: null };
          ctx.report({ node: expr, messageId, data: { ...base, flow: '', [PENDING]: JSON.stringify(pending) } });
        }
      }
    };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        // Calls to the repository's own functions, with where each argument comes from: the review of
        // another file's finding follows a parameter to its callers through these (rules/shared/callers.ts).
        // Only files that read request input, and calls that hand on a parameter, are recorded: a hop that
        // is neither leaves the trace unresolved, and an unresolved trace is not reported (the cost
        // of recording every call of every file is not paid for a rule whose sink few repositories have).
        // A file that reads no request still records the calls that hand on a parameter of their function
        // (a service between the route and the charge), read from the syntax alone: a trace goes through it.
        if (!place.sourceless() || (call.arguments.length > 0 && namesRoot(call, roots ??= callableRoots(ctx.sourceFile)) && call.arguments.some((a) => forwardedParam(a) !== null))) {
          place.roots = roots ??= callableRoots(ctx.sourceFile);
          at = call;
          const site = callSiteOf(call, place, ctx.scope, fixed, { ends: endsIn(ctx.scope), constant: fixed, forwards: endsPath });
          if (site) ctx.emit(site as unknown as Record<string, unknown>);
        }
        if (!hasAmount) return;
        const found = chainOf(call);
        if (found) judge(call, found);
      },
    };
  },
  review(finding: RuleFinding, layout, ctx): RuleFinding | null {
    let f: RuleFinding | null = finding;
    const raw = f.data?.[CLIENT];
    if (typeof raw === 'string' && raw !== '' && f.path) {
      // The client is another file's export: kept only when that export holds a client the provider's package made.
      const c = JSON.parse(raw) as { spec: string; name: string };
      const file = ctx.link.resolveImport(f.path, c.spec);
      const t = file ? ctx.link.resolveExport(file, c.name) : null;
      const holds = t && 'decl' in t ? t.decl.holds : undefined;
      if (!file || !holds?.module || !isPaymentAmountPackage(holds.module) || ctx.link.resolveImport(file, holds.module) !== null) return null;
      const chain = String(f.data?.call ?? '').replace(/\(\)$/, '').split('.');
      const amount = paymentAmountOf(holds.module, holds.name === undefined || holds.name === '*' ? 'default' : holds.name, chain);
      if (!amount) return null;
      f = { ...f, data: { ...f.data, provider: amount.provider } };
    }
    if (typeof f.data?.[PENDING] !== 'string') return f;
    const reviewed = reviewAcrossFiles(f, layout, ctx);
    if (!reviewed || !String(reviewed.data?.origin ?? '').startsWith('; request input reaches it')) return null;
    const note = reviewed.evidence.find((e) => e.kind === 'note' && e.text.startsWith('source → sink: '));
    const flow = note && note.kind === 'note' ? note.text.slice('source → sink: '.length) : '';
    const { origin: _origin, ...data } = reviewed.data!;
    // A framework-bound handler parameter (`@Body() dto`) is validated by its pipe where its type is a
    // class; the path's text cannot say which, so it is rated as validated.
    if (/^@\w+\(\) parameter /.test(flow)) return { ...reviewed, severity: 'medium', messageId: 'validatedAmount', data: { ...data, flow } };
    return { ...reviewed, severity: undefined, data: { ...data, flow } };
  },
});
