import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import type { RepoLayout } from '../../discover/index.js';
import {
  buildsBuiltInValue, DATA_CALL_METHODS, isAccountLookupField, isIdentityName, isKnownModule, isMongoPackage, isPasswordField, isRegexEscaper, isSchemaParseMethod, MONGO_PACKAGES, MONGO_SANITIZERS,
  MONGOOSE_SANITIZE_FILTER, mongoFilterArg, MONGO_QUERY_METHODS, mongoSanitizerOf, NEST_STRING_DECORATORS, readsStringField, REGEX_SYNTAX_CHARACTERS, sourceWords,
  STRING_ONLY_METHODS,
} from '../../knowledge/index.js';
import { isTestSide } from '../../util/roles.js';
import { defineSourceRule, type ReviewContext, type RuleFinding } from '../api.js';
import { callableRoots, callSiteOf, declIdOf, PENDING, qualify, reviewAcrossFiles, type Pending, type Root, type TraceRules } from '../shared/callers.js';
import { isFixed, strip } from '../shared/fixed-values.js';
import { bindingsOf } from '../shared/imports.js';
import { looksMinified } from '../shared/names.js';
import { charactersRemoved } from '../shared/regex-chars.js';
import { readsRequest, sanitizes, Tracer, type Origin } from '../shared/taint.js';
import type { Severity } from '../../model/run.js';

/** Records this rule's files leave for the review: a file that imports a MongoDB package, an app-wide sanitizer. */
const MONGO_FILE = 'mongo-file';
const SANITIZED = 'mongo-sanitized';
/** Finding data the review reads (not rendered): the severity a request path gets, the receiver to resolve, the kind. */
const LEVEL = 'level';
const RECEIVER = 'receiver';
const KIND = 'kind';
const MESSAGE = 'message';

const QUERY_METHODS = new Set(MONGO_QUERY_METHODS.map((m) => m.method));
/** `find(`, `findOne(`...: a file with none makes no query of its own. */
const QUERY_CALLS = [...QUERY_METHODS].map((w) => `${w}(`);
const STORE_READS = new Set<string>([...DATA_CALL_METHODS.reads, 'findById', 'aggregate']);

/** The property chain of an access, root first (`req.params.id` -> ['req', 'params', 'id']), or null. */
function chainOf(n: ts.Node): string[] | null {
  const out: string[] = [];
  let e: ts.Node = n;
  for (;;) {
    if (ts.isPropertyAccessExpression(e)) { out.unshift(e.name.text); e = e.expression; continue; }
    if (ts.isCallExpression(e)) { e = e.expression; continue; }
    if (ts.isElementAccessExpression(e)) { out.unshift('*'); e = e.expression; continue; }
    break;
  }
  if (!ts.isIdentifier(e)) return null;
  out.unshift(e.text);
  return out;
}

/** A request read of a field that holds only strings (`req.params.id`, a Nest `@Param()`): no object, so no operator, can come through it. */
function readsStringOnly(n: ts.Node, scope: Scope): boolean {
  if (ts.isParameter(n)) {
    return (ts.canHaveDecorators(n) ? ts.getDecorators(n) ?? [] : []).some((d) => {
      const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
      const b = ts.isIdentifier(e) ? scope.resolve(e) : null;
      return b?.kind === 'import' && b.from === NEST_STRING_DECORATORS.package && (NEST_STRING_DECORATORS.decorators as readonly string[]).includes(b.imported);
    });
  }
  // `req.user.id`: the identity a session or guard loaded (knowledge IDENTITY_FIELDS), not what the caller sent.
  if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && isIdentityName(n.name.text)) return true;
  if (!ts.isPropertyAccessExpression(n) || !readsRequest(n)) return false;
  const chain = chainOf(n);
  return chain !== null && readsStringField(chain);
}

/** `x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`: a global replace whose pattern matches every metacharacter and whose replacement escapes or drops it. */
function escapesRegex(call: ts.CallExpression): boolean {
  if (!ts.isPropertyAccessExpression(call.expression) || call.arguments.length !== 2) return false;
  const method = call.expression.name.text;
  const [pattern, by] = call.arguments;
  if ((method !== 'replace' && method !== 'replaceAll') || !ts.isRegularExpressionLiteral(pattern) || !ts.isStringLiteralLike(by)) return false;
  const text = pattern.text;
  const slash = text.lastIndexOf('/');
  if (!text.slice(slash + 1).includes('g')) return false;
  if (charactersRemoved(text.slice(1, slash), REGEX_SYNTAX_CHARACTERS).length !== REGEX_SYNTAX_CHARACTERS.length) return false;
  // `\$&` puts a backslash before the match; a replacement with no metacharacter of its own removes it.
  return by.text === '\\$&' || !REGEX_SYNTAX_CHARACTERS.some((c) => by.text.includes(c));
}

/** What a name is imported as: an import, or a `require()` (`const x = require('m')`, `const { y } = require('m')`). */
function importOf(id: ts.Identifier, scope: Scope): { from: string; imported: string } | null {
  const b = scope.resolve(id);
  return b?.kind === 'import' ? { from: b.from, imported: b.imported } : b ? requireOf(b) : null;
}

/** A call of an imported export the knowledge calls a regular-expression escaper (escape-string-regexp, lodash's escapeRegExp). */
function regexEscaper(call: ts.CallExpression, scope: Scope): boolean {
  const callee = call.expression;
  const b = ts.isIdentifier(callee) ? importOf(callee, scope) : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? importOf(callee.expression, scope) : null;
  if (!b) return false;
  return ts.isIdentifier(callee) ? isRegexEscaper(b.from, b.imported) : isRegexEscaper(b.from, b.imported, (callee as ts.PropertyAccessExpression).name.text);
}

/** An import the knowledge names a `$`-key sanitizer of the given kind. */
function sanitizerCall(call: ts.CallExpression, scope: Scope, kind: 'middleware' | 'function'): string | null {
  const callee = call.expression;
  const id = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression : null;
  const b = id ? importOf(id, scope) : null;
  if (!b) return null;
  const s = ts.isIdentifier(callee) ? mongoSanitizerOf(b.from, b.imported) : mongoSanitizerOf(b.from, (callee as ts.PropertyAccessExpression).name.text);
  return s && s.kind === kind ? s.package : null;
}

/** A read of the data store (the row is the server's, whatever the request chose): a query method's call. */
const readsStore = (call: ts.CallExpression): boolean => ts.isPropertyAccessExpression(call.expression) && STORE_READS.has(call.expression.name.text);

/**
 * Calls after which a value cannot be an object with `$` keys: a sanitizer, a schema's parse (not
 * `JSON.parse`), `String(x)`, numeric parsing, a method only strings have (an object throws), a store read,
 * an awaited call (I/O: its result is the callee's).
 */
function endsOperator(call: ts.CallExpression, scope: Scope): boolean {
  // An awaited call's result is what the callee produced (a row, a verified token), not the request's object.
  if (ts.isAwaitExpression(call.parent)) return true;
  if (sanitizes(call, scope) || readsStore(call) || sanitizerCall(call, scope, 'function')) return true;
  const callee = call.expression;
  if (ts.isIdentifier(callee) && callee.text === 'String' && !scope.resolve(callee)) return true;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  if (STRING_ONLY_METHODS.includes(method)) return true;
  const on = strip(callee.expression);
  if (ts.isIdentifier(on) && !scope.resolve(on) && buildsBuiltInValue(on.text, method)) return true;
  return isSchemaParseMethod(method) && !(ts.isIdentifier(on) && on.text === 'JSON' && !scope.resolve(on));
}

/** Calls after which a string is safe in a pattern: an escaper, an escaping replace, numeric parsing, a store read. */
function endsRegex(call: ts.CallExpression, scope: Scope): boolean {
  return sanitizes(call, scope) || readsStore(call) || escapesRegex(call) || regexEscaper(call, scope);
}

/** `typeof x !== 'string'` that returns or throws before the use, in an enclosing block (x the same variable or read). */
function checkedString(e: ts.Expression, scope: Scope): boolean {
  const same = (a: ts.Expression): boolean => {
    a = strip(a);
    if (ts.isIdentifier(e) && ts.isIdentifier(a)) {
      const d = scope.resolve(e)?.decl;
      return d !== undefined && scope.refersTo(a, d);
    }
    return ts.isPropertyAccessExpression(e) && ts.isPropertyAccessExpression(a) && a.getText() === e.getText();
  };
  const refuses = (c: ts.Expression): boolean => {
    c = strip(c);
    if (ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.BarBarToken) return refuses(c.left) || refuses(c.right);
    if (!ts.isBinaryExpression(c) || ![ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(c.operatorToken.kind)) return false;
    const [t, lit] = ts.isTypeOfExpression(c.left) ? [c.left, c.right] : [c.right, c.left];
    return ts.isTypeOfExpression(t) && ts.isStringLiteralLike(lit) && lit.text === 'string' && same(t.expression);
  };
  const exits = (s: ts.Statement): boolean => ts.isReturnStatement(s) || ts.isThrowStatement(s) || (ts.isBlock(s) && s.statements.some((x) => ts.isReturnStatement(x) || ts.isThrowStatement(x)));
  let child: ts.Node = e;
  for (let n: ts.Node | undefined = e.parent; n && !ts.isSourceFile(n); child = n, n = n.parent) {
    if (ts.isBlock(n)) {
      for (const st of n.statements) {
        if (st === child) break;
        if (ts.isIfStatement(st) && exits(st.thenStatement) && refuses(st.expression)) return true;
      }
    }
    if (ts.isFunctionLike(n)) break;
  }
  return false;
}

/** A value that is a string by its shape: a template, a concatenation with a string literal. */
function stringShaped(e: ts.Expression): boolean {
  e = strip(e);
  if (ts.isTemplateExpression(e) || ts.isNoSubstitutionTemplateLiteral(e)) return true;
  return ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken && (ts.isStringLiteralLike(strip(e.left)) || ts.isStringLiteralLike(strip(e.right)) || stringShaped(e.left) || stringShaped(e.right));
}

/** The key of a property as written (`email`, `'$where'`), or null when computed. */
function keyOf(p: ts.ObjectLiteralElementLike): string | null {
  const n = p.name;
  if (!n) return null;
  if (ts.isIdentifier(n) || ts.isStringLiteralLike(n) || ts.isPrivateIdentifier(n)) return n.text;
  return null;
}

type Kind = 'operator' | 'whole' | 'regex' | 'where';
interface Hit { kind: Kind; value: ts.Expression; key: string | null; at: ts.Node }

/** `new RegExp(x)` / `RegExp(x)` (the global): its pattern argument. */
function regExpPattern(e: ts.Expression, scope: Scope): ts.Expression | null {
  e = strip(e);
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (b?.kind === 'variable' && b.isConst && b.initializer) e = strip(b.initializer);
  }
  if (!(ts.isNewExpression(e) || ts.isCallExpression(e)) || !ts.isIdentifier(e.expression) || e.expression.text !== 'RegExp' || scope.resolve(e.expression)) return null;
  return e.arguments?.[0] ?? null;
}

/** What in a filter a request may steer: each field's value, `$where`, `$regex` patterns, spreads; followed into `$or`/`$and` and a local object. */
function filterHits(filter: ts.Expression, scope: Scope, depth = 0): Hit[] {
  const f = strip(filter);
  if (depth > 3) return [];
  if (ts.isIdentifier(f)) {
    const b = scope.resolve(f);
    if (b?.kind === 'variable' && b.initializer && ts.isObjectLiteralExpression(strip(b.initializer))) {
      return [...filterHits(b.initializer, scope, depth + 1), ...fieldWrites(b.decl, scope)];
    }
  }
  if (!ts.isObjectLiteralExpression(f)) return [{ kind: 'whole', value: f, key: null, at: f }];
  const out: Hit[] = [];
  for (const p of f.properties) {
    if (ts.isSpreadAssignment(p)) { out.push({ kind: 'whole', value: p.expression, key: null, at: p }); continue; }
    const key = keyOf(p);
    const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : null;
    if (!value || key === null) continue;
    out.push(...valueHits(key, value, scope, depth));
  }
  return out;
}

function valueHits(key: string, value: ts.Expression, scope: Scope, depth: number): Hit[] {
  const v = strip(value);
  if (key === '$where') return [{ kind: 'where', value: v, key, at: v }];
  if (key === '$or' || key === '$and' || key === '$nor') return ts.isArrayLiteralExpression(v) ? v.elements.flatMap((el) => filterHits(el, scope, depth + 1)) : [];
  const pattern = regExpPattern(v, scope);
  if (pattern) return [{ kind: 'regex', value: pattern, key, at: v }];
  if (ts.isObjectLiteralExpression(v)) {
    // `{ name: { $regex: q, $options: 'i' } }`; other operators compare what they are given.
    const out: Hit[] = [];
    for (const p of v.properties) {
      const k = keyOf(p);
      const inner = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : null;
      if (k === '$regex' && inner) out.push({ kind: 'regex', value: regExpPattern(inner, scope) ?? inner, key, at: inner });
    }
    return out;
  }
  if (key.startsWith('$')) return [];
  return [{ kind: 'operator', value: v, key, at: v }];
}

/** `filter.email = req.body.email` / `filter[k] = v` after `const filter = {}`: the fields written to the local filter object. */
function fieldWrites(decl: ts.Declaration, scope: Scope): Hit[] {
  const fn = ts.findAncestor(decl, ts.isFunctionLike) ?? decl.getSourceFile();
  const out: Hit[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const l = n.left;
      const target = ts.isPropertyAccessExpression(l) || ts.isElementAccessExpression(l) ? strip(l.expression) : null;
      if (target && ts.isIdentifier(target) && scope.refersTo(target, decl)) {
        const key = ts.isPropertyAccessExpression(l) ? l.name.text : ts.isElementAccessExpression(l) && ts.isStringLiteralLike(l.argumentExpression) ? l.argumentExpression.text : '[computed]';
        out.push(...valueHits(key, n.right, scope, 2));
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return out;
}

/** `.setOptions({ sanitizeFilter: true })` on the query the call starts. */
function sanitizedQuery(call: ts.CallExpression): boolean {
  for (let n: ts.Node = call; n.parent && (ts.isPropertyAccessExpression(n.parent) || ts.isCallExpression(n.parent)); n = n.parent) {
    const p = n.parent;
    if (ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && p.expression.name.text === 'setOptions'
      && p.arguments.some((a) => ts.isObjectLiteralExpression(a) && a.properties.some((x) => keyOf(x) === MONGOOSE_SANITIZE_FILTER.option && ts.isPropertyAssignment(x) && x.initializer.kind === ts.SyntaxKind.TrueKeyword))) return true;
  }
  return false;
}

const SOURCE_WORDS = sourceWords();
const MONGO_WORDS = [...MONGO_PACKAGES, ...MONGO_SANITIZERS.map((s) => s.package)];

const rank = (o: Origin): number => ({ local: 0, caller: 1, operator: 1.5, request: 2 }[o.kind]);

/** The package a path belongs to: the deepest package folder holding it. */
function packageDir(layout: RepoLayout, path: string): string {
  const dirs = layout.packages.map((p) => p.path).filter((d) => d === '.' || path.startsWith(`${d}/`)).sort((a, b) => b.length - a.length);
  return dirs[0] ?? '.';
}

/**
 * Settles what one file could not: whether the receiver is a MongoDB model or collection (its import
 * resolved to a file that imports a MongoDB package), whether the app strips `$` keys from every
 * request (express-mongo-sanitize) or has Mongoose sanitize filters, and the callers of a parameter.
 */
function review(finding: RuleFinding, layout: RepoLayout, ctx: ReviewContext): RuleFinding | null {
  const data = { ...(finding.data ?? {}) };
  const level = String(data[LEVEL] ?? 'medium') as Severity;
  const kind = String(data[KIND] ?? '') as Kind;
  const receiver = data[RECEIVER];
  const messageId = String(data[MESSAGE] ?? finding.messageId);
  delete data[LEVEL]; delete data[KIND]; delete data[RECEIVER]; delete data[MESSAGE];
  const path = finding.path ?? '';
  const records = ctx.records();
  const notes: string[] = [];
  if (typeof receiver === 'string' && receiver !== '') {
    // An import through barrels to its declaration; a `require()` to the module it loads.
    const { name, spec } = JSON.parse(receiver) as { name: string; spec?: string };
    const target = spec === undefined ? ctx.link.resolveName(path, name) : null;
    const file = spec !== undefined ? ctx.link.resolveImport(path, spec) : target && 'decl' in target ? target.decl.path : target && 'module' in target ? target.module : null;
    if (file !== null) {
      if (!records.some((r) => r.type === MONGO_FILE && r.path === file)) return null;
    } else {
      const pkg = layout.packages.find((p) => p.name === finding.package);
      const deps = pkg ? Object.keys((pkg as unknown as { dependencies?: Record<string, string> }).dependencies ?? {}) : [];
      if (!deps.some(isMongoPackage)) return null;
      notes.push(`${name} was not resolved to its declaration; the package depends on a MongoDB library`);
    }
  }
  if (kind === 'operator' || kind === 'whole') {
    const dir = packageDir(layout, path);
    const cover = records.find((r) => r.type === SANITIZED && packageDir(layout, String(r.path)) === dir && (kind === 'operator' || r.via !== MONGOOSE_SANITIZE_FILTER.option));
    if (cover) return null;
  }
  let out: RuleFinding | null = { ...finding, data, evidence: [...finding.evidence, ...notes.map((text) => ({ kind: 'note' as const, text }))] };
  if (typeof data[PENDING] === 'string') {
    out = reviewAcrossFiles(out, layout, ctx);
    if (!out) return null;
    const origin = String(out.data?.origin ?? '');
    if (origin.startsWith('; request input reaches it through its callers')) {
      const note = out.evidence.find((e) => e.kind === 'note' && e.text.startsWith('source → sink: '));
      const flow = note && note.kind === 'note' ? note.text.slice('source → sink: '.length) : String(out.data?.flow ?? '');
      const { origin: _, ...rest } = out.data ?? {};
      return { ...out, messageId, severity: level, data: { ...rest, flow } };
    }
    if (origin.includes('could not be resolved')) return { ...out, severity: 'low' };
    return null;
  }
  return out;
}

export default defineSourceRule({
  id: 'database/nosql-injection',
  meta: {
    category: 'database',
    severity: 'high',
    title: 'Request input steers a MongoDB query (operator injection, $where, unescaped $regex)',
    rationale: 'A JSON body or an Express query string can hold objects: `{ "password": { "$ne": null } }` matches every account, `$where` runs the caller\'s JavaScript in the database, and an unescaped `$regex` lets one request pin the database\'s CPU (ReDoS).',
    remediation: {
      text: 'Validate each value as a string (a zod/joi schema, `String(x)`, a `typeof` check) before it enters a filter, or strip `$` keys from every request (`app.use(mongoSanitize())`, `mongoose.set(\'sanitizeFilter\', true)`); escape a search term before `$regex`/`new RegExp` (escape-string-regexp); never put request data in `$where`.',
      effort: 'low',
    },
    messages: {
      authBypass: '.{{method}}() looks an account up by {{key}} with a request value that may be an object (`{ "$ne": null }` matches any): {{flow}}',
      operator: '.{{method}}() filter field {{key}} takes a request value that may be an object with query operators: {{flow}}',
      whole: '.{{method}}() is given a request object as its filter (any field and operator the caller sends, `$where` included): {{flow}}',
      where: '.{{method}}() runs a `$where` built from request input (JavaScript the caller chooses, run by the database): {{flow}}',
      regex: '.{{method}}() matches {{key}} with a regular expression from request input, not escaped (pattern injection, ReDoS): {{flow}}',
      unresolved: '.{{method}}() filter {{key}} takes a value that callers in other files pass{{origin}}: {{flow}}',
    },
  },
  // Sinks are in files of a MongoDB package or of a model imported from one; the calls recorded for a sink's
  // callers in other files need a request read; an app-wide sanitizer needs its package or Mongoose's option.
  triggers: [...MONGO_WORDS, ...QUERY_METHODS, '$regex', '$where', 'RegExp(', MONGOOSE_SANITIZE_FILTER.option, ...SOURCE_WORDS],
  appliesTo: (f) => !isTestSide(f.role) && f.role !== 'migration' && f.role !== 'example' && f.role !== 'generated',
  review,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const scope = ctx.scope;
    const fixed = (e: ts.Expression) => isFixed(e, scope);
    const mongo = bindingsOf(ctx.sourceFile, MONGO_PACKAGES);
    const mongoFile = mongo.whole.size > 0 || mongo.named.size > 0;
    const opRules: TraceRules = { ends: (c) => endsOperator(c, scope), stops: (n) => readsStringOnly(n, scope) };
    const reRules: TraceRules = { ends: (c) => endsRegex(c, scope) };
    // Each a scan of the whole text for a list of words: made when a call first asks (most files never do).
    let ownSinks: boolean | undefined;
    let sourceless: boolean | undefined;
    let roots: Map<string, Root> | null = null;
    let at: ts.CallExpression | null = null;
    const place = { path: ctx.file.path, roots: new Map<string, Root>(), line: () => ctx.lineOf(at!.expression), ownCalls: () => (ownSinks ??= QUERY_CALLS.some((w) => ctx.text.includes(w))), sourceless: () => (sourceless ??= !SOURCE_WORDS.some((w) => ctx.text.includes(w))) };
    let emittedFile = false;
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (mongoFile && !emittedFile) { emittedFile = true; ctx.emit({ type: MONGO_FILE }); }
        place.roots = roots ??= callableRoots(ctx.sourceFile);
        at = call;
        const site = callSiteOf(call, place, scope, fixed, opRules);
        if (site) ctx.emit(site as unknown as Record<string, unknown>);
        const callee = call.expression;
        if (!ts.isPropertyAccessExpression(callee)) return;
        const method = callee.name.text;
        // App-wide: `app.use(mongoSanitize())`, `mongoose.set('sanitizeFilter', true)`.
        if (method === 'use' && call.arguments.some((a) => ts.isCallExpression(a) && sanitizerCall(a, scope, 'middleware'))) {
          ctx.emit({ type: SANITIZED, line: ctx.lineOf(call), via: 'middleware' });
          return;
        }
        if (method === 'set' && mongoFile && call.arguments.length === 2 && ts.isStringLiteralLike(call.arguments[0]) && call.arguments[0].text === MONGOOSE_SANITIZE_FILTER.option
          && call.arguments[1].kind === ts.SyntaxKind.TrueKeyword) {
          ctx.emit({ type: SANITIZED, line: ctx.lineOf(call), via: MONGOOSE_SANITIZE_FILTER.option });
          return;
        }
        const index = mongoFilterArg(method);
        const filter = index === null ? undefined : call.arguments[index];
        if (!filter || ts.isArrowFunction(filter) || ts.isFunctionExpression(filter) || fixed(filter)) return;
        // The receiver: a MongoDB import, `this.<model>` or a local in a file of a MongoDB package, or a
        // name imported from the repository (the review resolves it to the file that declares it).
        let root: ts.Expression = callee.expression;
        while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root) || ts.isNonNullExpression(root) || ts.isParenthesizedExpression(root)) root = ts.isCallExpression(root) ? root.expression : root.expression;
        let receiver = '';
        if (!mongoFile) {
          if (!ts.isIdentifier(root)) return;
          const b = scope.resolve(root);
          if (b?.kind !== 'import' && !(b?.kind === 'variable' && b.initializer && ts.isCallExpression(b.initializer) && ts.isIdentifier(b.initializer.expression) && b.initializer.expression.text === 'require')) return;
          // A package verdict describes (an HTTP client, an ORM of SQL) is not the repository's model.
          if (b.kind === 'import' && isKnownModule(b.from)) return;
          const required = b.kind === 'variable' ? (b.initializer as ts.CallExpression).arguments[0] : undefined;
          if (required !== undefined && !ts.isStringLiteralLike(required)) return;
          if (required && isKnownModule(required.text)) return;
          receiver = JSON.stringify(required ? { name: root.text, spec: required.text } : { name: root.text });
        }
        if (sanitizedQuery(call)) return;
        const hits = filterHits(filter, scope);
        let best: { hit: Hit; origin: Origin; level: Severity } | null = null;
        const levelOf = (h: Hit): Severity => h.kind === 'where' ? 'critical' : h.kind === 'regex' ? 'medium' : h.kind === 'whole' ? 'high'
          : h.key !== null && isPasswordField(h.key) ? 'critical' : h.key !== null && isAccountLookupField(h.key) ? 'high' : 'medium';
        const order = { low: 0, info: 0, medium: 1, high: 2, critical: 3 } as Record<Severity, number>;
        for (const h of hits) {
          if (fixed(h.value)) continue;
          const operatorLike = h.kind === 'operator' || h.kind === 'whole';
          if (operatorLike && (stringShaped(h.value) || checkedString(h.value, scope))) continue;
          const rules = operatorLike ? opRules : reRules;
          const origin = new Tracer(scope, fixed, rules.ends, rules.source, rules.stops).originOf(h.value);
          if (origin.kind !== 'request' && origin.kind !== 'caller') continue;
          const level = levelOf(h);
          if (!best || rank(origin) > rank(best.origin) || (rank(origin) === rank(best.origin) && order[level] > order[best.level])) best = { hit: h, origin, level };
        }
        if (!best) return;
        const { hit, origin, level } = best;
        const here = `.${method}() filter (line ${ctx.lineOf(call)})`;
        const flow = [...origin.path, here].join(' → ');
        const key = hit.key ?? 'the whole filter';
        const messageId = hit.kind === 'operator' ? (isPasswordField(hit.key ?? '') ? 'authBypass' : 'operator') : hit.kind;
        const base = { method, key, flow, [LEVEL]: level, [KIND]: hit.kind, [RECEIVER]: receiver };
        if (origin.kind === 'request') {
          ctx.report({ node: call, messageId, severity: level, data: base, evidence: [{ kind: 'note', text: `source → sink: ${flow}` }] });
          return;
        }
        // A parameter: the callers in other files decide (rules/shared/callers.ts).
        const fn = origin.at ? declIdOf(origin.at.fn) : null;
        if (fn === null || !origin.at) return;
        const pending: { targets: Pending[]; rest: null } = { targets: [{ fn, index: origin.at.index, steps: qualify([...origin.path, here], ctx.file.path) }], rest: null };
        ctx.report({
          node: call, messageId: 'unresolved', severity: 'low',
          data: { ...base, origin: '', [MESSAGE]: messageId, [PENDING]: JSON.stringify(pending) },
          evidence: [{ kind: 'note', text: `path: ${flow}` }],
        });
      },
    };
  },
});
