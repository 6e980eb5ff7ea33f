// "JWT tokens expire after 60 days", "10 MB limit", "60 req/min", "password of at least 8 characters":
// a figure is confirmed only by the value the code enforces. The value is read where it is written
// (an option of a library call, a call's argument, a binding whose name carries its unit; see
// knowledge/units), converted to the claim's unit, and must sit in code a production entry reaches.
import ts from 'typescript';
import { type Dimension, parseUnitString, toBase, type UnitFact, unitFactOf } from '../../knowledge/units.js';
import { fileEvidence, figure, type Hit } from '../repo.js';
import { type Quantity, quantitiesIn } from '../quantity.js';
import { symbolSites } from './code.js';
import { reachAt, unreached } from './reach.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable, type Verifier } from './context.js';

export interface ValueSite extends Hit {
  dimension: Dimension;
  /** The value in base units, one per unit the library may mean. */
  values: number[];
  /** What the value is written at: the option key, binding or callee. */
  at: string;
  words: Set<string>;
  /** The outermost named declaration holding the site (a class, function or top-level binding). */
  holder: string | null;
}

const STOP = new Set(['the', 'and', 'for', 'with', 'are', 'is', 'of', 'to', 'in', 'on', 'at', 'by', 'a', 'an', 'least', 'most', 'after', 'every', 'per', 'all', 'its',
  'this', 'that', 'from', 'into', 'than', 'via', 'only', 'each', 'new', 'get', 'set', 'const', 'let', 'var', 'return', 'await', 'async', 'function', 'true', 'false', 'null',
  'undefined', 'number', 'string', 'export', 'default', 'import', 'pass', 'enforced', 'enforce', 'configured', 'present', 'enabled', 'automatic', 'req', 'request', 'requests']);

/** Stems of the words in code or prose: camelCase and snake_case split, plural and tense endings dropped. */
export function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/)) {
    if (raw.length < 3 || STOP.has(raw)) continue;
    out.add(raw.replace(/(ations?|ing|ers?|ed|ies|es|s)$/, '').replace(/(.)\1$/, '$1') || raw);
  }
  return out;
}

const related = (a: string, b: string) => a.length >= 3 && b.length >= 3 && (a.startsWith(b) || b.startsWith(a));
export function overlap(claim: Set<string>, site: Set<string>): string[] {
  return [...claim].filter((c) => [...site].some((s) => related(c, s)));
}

// ---- reading values from the syntax tree ----

function calleeName(e: ts.Expression): string {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return '';
}
function fullCallee(e: ts.Expression): string {
  if (ts.isPropertyAccessExpression(e)) return `${fullCallee(e.expression)}.${e.name.text}`.replace(/^\./, '');
  return ts.isIdentifier(e) ? e.text : '';
}

/** A constant number: literals, arithmetic of literals, same-file constants. */
function constant(e: ts.Expression, consts: Map<string, ts.Expression>, depth = 0): number | null {
  if (depth > 8) return null;
  if (ts.isNumericLiteral(e)) return Number(e.text.replace(/_/g, ''));
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return constant(e.expression, consts, depth + 1);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) { const v = constant(e.operand, consts, depth + 1); return v === null ? null : -v; }
  if (ts.isIdentifier(e) && consts.has(e.text)) return constant(consts.get(e.text)!, consts, depth + 1);
  if (ts.isBinaryExpression(e)) {
    const [l, r] = [constant(e.left, consts, depth + 1), constant(e.right, consts, depth + 1)];
    if (l === null || r === null) return null;
    switch (e.operatorToken.kind) {
      case ts.SyntaxKind.AsteriskToken: return l * r;
      case ts.SyntaxKind.PlusToken: return l + r;
      case ts.SyntaxKind.MinusToken: return l - r;
      case ts.SyntaxKind.SlashToken: return r === 0 ? null : l / r;
      default: return null;
    }
  }
  return null;
}

const isDateNow = (e: ts.Expression) => ts.isCallExpression(e) && fullCallee(e.expression) === 'Date.now';

/** `<moving value> + N`: the constant offset (`today.getDate() + 60`, `Date.now() + 3600000`). */
function offset(e: ts.Expression, consts: Map<string, ts.Expression>): number | null {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return constant(e.right, consts) ?? constant(e.left, consts);
  }
  return null;
}

/** The value a unit fact reads from an expression, in base units per unit the fact allows. */
function valuesOf(e: ts.Expression, fact: UnitFact, consts: Map<string, ts.Expression>): number[] {
  if ((ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && fact.strings) {
    const v = parseUnitString(e.text, fact.strings);
    return v === null ? [] : [v];
  }
  const n = constant(e, consts);
  return n === null ? [] : fact.units.map((u) => toBase(n, u));
}

function outerName(node: ts.Node): string | null {
  let name: string | null = null;
  for (let p: ts.Node | undefined = node; p; p = p.parent) {
    if ((ts.isClassDeclaration(p) || ts.isFunctionDeclaration(p)) && p.name) name = p.name.text;
    else if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && ts.isSourceFile(p.parent?.parent?.parent)) name = p.name.text;
  }
  return name;
}

/**
 * Names around a site: the keys of the objects and the calls holding it up to its statement, and the
 * function and class it is in (not every ancestor: a file's outer names say little of one value).
 */
function contextWords(node: ts.Node, sf: ts.SourceFile): string {
  const parts: string[] = [];
  let functions = 0;
  for (let p: ts.Node | undefined = node; p && !ts.isSourceFile(p) && functions < 2; p = p.parent) {
    const named = p as ts.Node & { name?: ts.Node };
    const hasName = named.name !== undefined && !ts.isComputedPropertyName(named.name as ts.Node);
    if (ts.isClassLike(p) || ts.isFunctionLike(p)) { functions++; if (hasName) parts.push(named.name!.getText(sf)); continue; }
    if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && hasName) parts.push(named.name!.getText(sf));
    if (ts.isCallExpression(p) || ts.isNewExpression(p)) parts.push(fullCallee(p.expression));
  }
  return parts.join(' ');
}

function sitesOfFile(path: string, text: string): ValueSite[] {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, /\.[cm]?tsx?$/.test(path) ? ts.ScriptKind.TSX : ts.ScriptKind.JS);
  const lines = text.split('\n');
  const consts = new Map<string, ts.Expression>();
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && st.declarationList.flags & ts.NodeFlags.Const) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, d.initializer);
    }
  }
  const out: ValueSite[] = [];
  const add = (node: ts.Node, at: string, fact: UnitFact, values: number[]) => {
    if (values.length === 0 || values.some((v) => !Number.isFinite(v) || v <= 0)) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    out.push({ path, line, text: lines[line - 1] ?? '', dimension: fact.dimension, values, at, holder: outerName(node),
      words: stems(`${at} ${lines[line - 1] ?? ''} ${contextWords(node, sf)} ${path.split('/').pop()}`) });
  };
  const visit = (node: ts.Node): void => {
    // An option or binding whose key says the unit: `maxAge: 31557600000`, `const RATE_WINDOW_MS = 60_000`, `maxBytes = 10 * 1024 * 1024`.
    const keyed = (ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isPropertyDeclaration(node))
      && node.initializer && node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node : null;
    if (keyed) {
      const key = (keyed.name as ts.Identifier | ts.StringLiteral).text;
      let within: string | undefined;
      if (ts.isPropertyAssignment(keyed)) {
        let p: ts.Node = keyed.parent;
        while (p && (ts.isObjectLiteralExpression(p) || ts.isPropertyAssignment(p))) p = p.parent;
        if (p && (ts.isCallExpression(p) || ts.isNewExpression(p))) within = calleeName(p.expression);
      }
      const fact = unitFactOf({ key, within });
      const init = keyed.initializer!;
      if (fact) {
        let values = valuesOf(init, fact, consts);
        // A limiter's `max` is per its window: 100 per 15 minutes is 100/15 per minute.
        if (fact.dimension === 'rate' && ts.isPropertyAssignment(keyed) && ts.isObjectLiteralExpression(keyed.parent)) {
          const win = keyed.parent.properties.find((x) => ts.isPropertyAssignment(x) && /^windowMs$/.test(x.name.getText(sf)));
          const ms = win && ts.isPropertyAssignment(win) ? constant(win.initializer, consts) : null;
          values = ms ? values.map((v) => (v * 60_000) / ms) : values;
        }
        add(keyed, key, fact, values);
      } else if (isDateNow(init) || (ts.isBinaryExpression(init) && (isDateNow(init.left) || isDateNow(init.right)))) {
        const off = offset(init, consts);
        const f = unitFactOf({ callee: 'Date.now' });
        if (off !== null && f) add(keyed, key, f, [off]);
      }
    }
    // `user.resetExpires = Date.now() + 3600000`
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isBinaryExpression(node.right) && (isDateNow(node.right.left) || isDateNow(node.right.right))) {
      const off = offset(node.right, consts);
      const f = unitFactOf({ callee: 'Date.now' });
      if (off !== null && f) add(node, node.left.getText(sf), f, [off]);
    }
    // A call whose argument is the figure: `genSalt(10)`, `AbortSignal.timeout(5000)`, `exp.setDate(today.getDate() + 60)`.
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      const full = fullCallee(node.expression);
      const target = ts.isPropertyAccessExpression(node.expression) ? node.expression.expression : null;
      const within = target && ts.isCallExpression(target) ? calleeName(target.expression) : undefined;
      node.arguments.forEach((arg, i) => {
        const fact = unitFactOf({ callee: full, arg: i, within }) ?? unitFactOf({ callee: name, arg: i, within });
        if (!fact) return;
        const moves = /^set(Date|Hours|Minutes|Seconds|Time)$/.test(name);
        const v = moves ? offset(arg, consts) : null;
        add(node, name, fact, moves ? (v === null ? [] : fact.units.map((u) => toBase(v, u))) : valuesOf(arg, fact, consts));
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const cache = new WeakMap<object, ValueSite[]>();

/** Every figure with a known unit in the release code. */
export function valueSites(ctx: CheckContext): ValueSite[] {
  const known = cache.get(ctx.repo);
  if (known) return known;
  const out: ValueSite[] = [];
  for (const f of ctx.repo.serviceFiles()) {
    if (!/\.[cm]?[jt]sx?$/.test(f)) continue;
    const text = ctx.repo.lines(f)?.join('\n');
    if (!text || text.length > 500_000) continue;
    try { out.push(...sitesOfFile(f, text)); } catch { /* a file TypeScript cannot parse holds no figure we can read */ }
  }
  cache.set(ctx.repo, out);
  return out;
}

/** Nouns of a figure that code enforces: with one of them, a figure found nowhere in the code is not enforced by it. */
const ENFORCED = /\b(timeouts?|limits?|limited|limiting|expir\w*|expires?|ttl|max(imum)?|min(imum)?|at least|at most|cap(ped)?|window|retention|rate|throttl\w*|rounds|cached?|max-?age)\b/i;

/** Words that name the mechanism rather than what it applies to: "query timeout" is about queries. */
const MECHANISM = stems('timeout timeouts limit limits limiting limiter rate expire expires expiry expiration ttl max maximum min minimum window size length cache cached delay interval duration time');
/** "per agent per user", "on `/auth/*`": qualifiers of a rate, not the thing the figure is set on. */
const QUALIFIERS = /\bper\s+\w+|\bon\s+`[^`]*`/gi;

const close = (a: number, b: number) => Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 0.01);

function fmt(q: Quantity): string { return q.text; }
function say(s: ValueSite, dim: Dimension): string {
  const v = s.values[0];
  if (dim === 'duration') return v % 86_400_000 === 0 ? `${v / 86_400_000} d` : v % 3_600_000 === 0 ? `${v / 3_600_000} h` : v % 60_000 === 0 ? `${v / 60_000} min` : v % 1000 === 0 ? `${v / 1000} s` : `${v} ms`;
  if (dim === 'size') return v % 1024 ** 2 === 0 ? `${v / 1024 ** 2} MB` : v % 1024 === 0 ? `${v / 1024} KB` : `${v} bytes`;
  if (dim === 'rate') return `${Math.round(v * 100) / 100}/min`;
  return `${v} ${dim === 'length' ? 'characters' : dim}`;
}

/** Whether the code at a site runs: reachable from a production entry, and its holder used somewhere. */
function live(ctx: CheckContext, s: ValueSite): { live: boolean; why: string } {
  const r = reachAt(ctx, s);
  if (unreached(r)) return { live: false, why: `no production entry reaches it (${r})` };
  if (s.holder) {
    const uses = symbolSites(ctx, s.holder).uses.filter((u) => ctx.repo.isRelease(u.path) && !(u.path === s.path && u.line === s.line));
    if (uses.length === 0) return { live: false, why: `\`${s.holder}\`, which holds it, is used nowhere in the release code` };
  }
  return { live: true, why: r === 'production' ? 'reachable from a production entry' : 'in release code' };
}

/**
 * The figures of a claim against the values the code enforces. Null when the claim states no figure
 * with a unit, or none of its figures resolves to code (the caller may judge it another way).
 */
export function checkValues(ctx: CheckContext, text: string, scope?: string): Check | null {
  const qs = quantitiesIn(text);
  if (qs.length === 0) return null;
  let subjectText = text;
  for (const q of qs) subjectText = subjectText.split(q.text).join(' ');
  const words = stems(subjectText.replace(QUALIFIERS, ' ').replace(/✅|❌|⚠️?|\b(PASS|FAIL|READY|OK)\b/g, ' '));
  // What the figure is set on ("query", "password", "token") must be named at the site; with nothing
  // but the mechanism ("rate limit: 60/min"), the mechanism must be.
  const things = new Set([...words].filter((w) => !overlap(MECHANISM, new Set([w])).length));
  const subject = things.size ? things : words;
  const all = valueSites(ctx).filter((s) => !scope || s.path === scope || s.path.startsWith(`${scope.replace(/\/$/, '')}/`));
  const results: Check[] = [];
  for (const q of qs) {
    const sameDim = all.filter((s) => s.dimension === q.dimension);
    const scored = sameDim.map((s) => ({ s, hit: overlap(subject, s.words) })).filter((x) => x.hit.length > 0);
    const best = Math.max(0, ...scored.map((x) => x.hit.length));
    const near = scored.filter((x) => x.hit.length === best).map((x) => x.s);
    const matching = near.filter((s) => s.values.some((v) => close(v, q.value)));
    if (matching.length) {
      const lives = matching.map((s) => ({ s, ...live(ctx, s) }));
      const on = lives.find((x) => x.live);
      if (on) { results.push(confirmed(`${fmt(q)} is enforced at ${on.s.path}:${on.s.line} (\`${on.s.at}\`, ${on.why})`, [fileEvidence(on.s)])); continue; }
      const off = lives[0];
      results.push(contradicted(`${fmt(q)} is written at ${off.s.path}:${off.s.line} (\`${off.s.at}\`), but ${off.why}: nothing enforces it`, [fileEvidence(off.s), figure(`live sites enforcing ${fmt(q)}`, 0)]));
      continue;
    }
    if (near.length) {
      const s = near.find((x) => live(ctx, x).live) ?? near[0];
      results.push(contradicted(`the report says ${fmt(q)}; the code sets ${say(s, q.dimension)} at ${s.path}:${s.line} (\`${s.at}\`)`, near.slice(0, 3).map(fileEvidence)));
      continue;
    }
    const anywhere = sameDim.filter((s) => s.values.some((v) => close(v, q.value)));
    if (anywhere.length === 0 && ENFORCED.test(subjectText)) {
      results.push(contradicted(`no value of ${fmt(q)} anywhere in the release code (${ctx.repo.serviceFiles().length} files; options, arguments and named constants read with their units): nothing enforces it`,
        [figure(`release sites setting ${fmt(q)}`, 0), figure(`${q.dimension} values read in release code`, sameDim.length)]));
      continue;
    }
    results.push(unverifiable(anywhere.length
      ? `${fmt(q)} is set at ${anywhere[0].path}:${anywhere[0].line} (\`${anywhere[0].at}\`), but nothing there names what the report says it limits`
      : `no option or argument in the release code sets ${fmt(q)}, and the claim names nothing code enforces`));
  }
  const against = results.find((r) => r.verdict === 'contradicted');
  if (against) return against;
  if (results.every((r) => r.verdict === 'confirmed')) return confirmed(results.map((r) => r.reason).join('; '), results.flatMap((r) => r.evidence));
  return results.find((r) => r.verdict === 'unverifiable') ?? null;
}

export const value: Verifier = (_s, ctx, text) =>
  checkValues(ctx, text) ?? unverifiable('the figure resolves to no option, argument or constant in the release code');
