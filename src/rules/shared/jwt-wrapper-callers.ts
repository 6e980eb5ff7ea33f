// A signing wrapper (`export function signToken(payload, options) { return jwt.sign(payload, KEY, options) }`)
// decides nothing itself: its callers do. Callers in its own file are read in the traversal; callers in
// other files are found through the link stage's call graph, from what every file records about the
// object literals it passes to the repository's functions.
import ts from 'typescript';
import { packageOf, type RepoLayout } from '../../discover/index.js';
import type { ReviewContext, RuleFinding } from '../api.js';
import { constInit, type Root } from './callers.js';

/** What an argument is, as far as an expiry goes: the keys of an object literal, a function, or something not read. */
export type ArgShape = string[] | 'fn' | 'open';

/** A call of the repository's code, recorded at the line of its callee (the call graph's line). */
export interface ShapedCall { type: 'call'; line: number; name: string; imported?: string; text: string; args: ArgShape[] }

/** What the review is to follow: the wrapper's declaration id, which of its parameters are payload and options, and what they mean. */
export interface WrapperPending { fn: string; payload: number | null; options: number | null; expiryOptions: string[]; takesOptions: boolean }

export const WRAPPER = 'wrapperCallers';

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

function keysOf(obj: ts.ObjectLiteralExpression): ArgShape {
  const keys: string[] = [];
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) return 'open';
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
    if (!name) return 'open';
    keys.push(name);
  }
  return keys;
}

/** An argument's shape from the syntax alone (an object literal, or a local const holding one): no scopes are bound for it. */
export function shapeOf(arg: ts.Expression): ArgShape {
  const e = strip(arg);
  if (ts.isObjectLiteralExpression(e)) return keysOf(e);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return 'fn';
  if (ts.isIdentifier(e)) {
    const init = constInit(e);
    const v = init && strip(init);
    if (v && ts.isObjectLiteralExpression(v)) return keysOf(v);
  }
  return 'open';
}

/** The record of a call whose callee's root is one of the file's imports or declarations (callableRoots), or null. */
export function shapedCallOf(call: ts.CallExpression, line: number, roots: ReadonlyMap<string, Root>): ShapedCall | null {
  if (call.arguments.length === 0) return null;
  let root: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(root) || ts.isNonNullExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
  const named = ts.isIdentifier(root) ? roots.get(root.text) : undefined;
  if (!named) return null;
  const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression;
  if (!ts.isIdentifier(callee)) return null;
  const imported = 'imported' in named && root === call.expression ? named.imported : undefined;
  const text = call.getText().split('\n')[0].replace(/\s+/g, ' ').slice(0, 160);
  return { type: 'call', line, name: callee.text, ...(imported ? { imported } : {}), text, args: call.arguments.map(shapeOf) };
}

/** Whether a call through the wrapper signs forever: true, false, or null when what it passes cannot be read. */
function signsForever(p: WrapperPending, site: ShapedCall): boolean | null {
  if (p.payload !== null) {
    const payload = site.args[p.payload];
    if (!Array.isArray(payload)) return null;
    if (payload.includes('exp')) return false;
  }
  if (!p.takesOptions || p.options === null) return true;
  const opt = site.args[p.options];
  if (opt === undefined || opt === 'fn') return true;
  return Array.isArray(opt) ? !opt.some((k) => p.expiryOptions.includes(k)) : null;
}

const RELEASE_ROLES = new Set(['service', 'script']);

/**
 * The review of a wrapper's finding: its callers in other files (release code), each judged by what it
 * passes. The finding moves to the first caller that signs without expiry, the others in its evidence;
 * without one, it is dropped (callers in the wrapper's own file were judged in the traversal).
 */
export function reviewWrapper(finding: RuleFinding, layout: RepoLayout, ctx: ReviewContext): RuleFinding | null {
  const raw = finding.data?.[WRAPPER];
  if (typeof raw !== 'string' || finding.path === null) return finding;
  const { [WRAPPER]: _, ...data } = finding.data!;
  const p = JSON.parse(raw) as WrapperPending;
  const key = `${finding.path}#${p.fn}`;
  const decl = ctx.link.decl(key);
  if (!decl) return null;
  const sites = ctx.memo('calls', () => {
    const index = new Map<string, ShapedCall[]>();
    for (const r of ctx.records()) {
      if (r.type !== 'call') continue;
      const k = `${String(r.path)}:${String(r.line)}`;
      index.set(k, [...(index.get(k) ?? []), r as unknown as ShapedCall]);
    }
    return index;
  });
  const tail = p.fn.slice(p.fn.lastIndexOf('.') + 1);
  const forever: Array<{ path: string; site: ShapedCall }> = [];
  for (const c of ctx.link.callers(key)) {
    const from = c.from.slice(0, c.from.lastIndexOf('#'));
    if (from === finding.path || !RELEASE_ROLES.has(layout.roles.of(from))) continue;
    const here = (sites.get(`${from}:${c.line}`) ?? []).filter((s) => s.name === tail || s.imported === tail || (s.imported !== undefined && decl.exports.includes(s.imported)));
    for (const site of here) if (signsForever(p, site) === true) forever.push({ path: from, site });
  }
  if (forever.length === 0) return null;
  forever.sort((a, b) => (a.path === b.path ? a.site.line - b.site.line : a.path < b.path ? -1 : 1));
  const [first, ...more] = forever;
  return {
    ...finding, path: first.path, line: first.site.line, column: 1, endLine: first.site.line, snippet: first.site.text,
    package: packageOf(first.path, layout.packages), messageId: 'noExpiryVia', data,
    evidence: [
      { kind: 'file', path: finding.path, line: finding.line, snippet: finding.snippet },
      ...more.map((m) => ({ kind: 'file' as const, path: m.path, line: m.site.line, snippet: m.site.text })),
    ],
  };
}
