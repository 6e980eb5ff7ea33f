// "argon2 hashing with a per-user random salt", "bcrypt with a unique salt per password": the salt of
// the hashing call, resolved through its file's imports. Per user means made fresh for each hash: the
// library's own (no salt given, or bcrypt's cost number), or random bytes made inside the function that
// hashes. A literal, or one value made once at module level, is shared by every user.
import ts from 'typescript';
import { RANDOM_BYTES, SALT_SITES } from '../../knowledge/index.js';
import type { Subject } from '../model.js';
import { fileEvidence } from '../repo.js';
import { reachAt, unreached } from './reach.js';
import { callIs, importedCalls, lineOf, type ParsedFile, propertyAt } from './syntax.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';

export function saltClaim(text: string): Subject | null {
  const t = text.replace(/\*\*|__/g, '');
  const lib = t.match(/\b(argon2|bcrypt(?:js)?)\b/i);
  if (!lib || !/\bsalt/i.test(t) || !/\b(random|per[- ]user|unique|per[- ]password)\b/i.test(t)) return null;
  return { topic: 'salt', library: lib[1].toLowerCase() };
}

/** Whether an expression is a call of a random-bytes maker, through the file's imports. */
function randomCall(e: ts.Expression, f: ParsedFile): boolean {
  if (!ts.isCallExpression(e)) {
    if (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e)) return randomCall(e.expression, f);
    return false;
  }
  let x: ts.Expression = e.expression;
  const members: string[] = [];
  while (ts.isPropertyAccessExpression(x)) { members.unshift(x.name.text); x = x.expression; }
  if (!ts.isIdentifier(x)) return ts.isCallExpression(x) ? randomCall(x, f) : false;
  const b = f.bindings.get(x.text);
  if (!b) return false;
  const name = b.name === '*' || b.name === 'default' ? members[0] : b.name;
  return RANDOM_BYTES.some((r) => r.module === b.module && r.export === name);
}

type Salt = { fresh: true; why: string } | { fresh: false; why: string } | null;

/** How the salt an expression names is made, looked up in the function around the call. */
function saltOf(e: ts.Expression, call: ts.Node, f: ParsedFile): Salt {
  if (ts.isStringLiteralLike(e)) return { fresh: false, why: 'a string literal' };
  if (randomCall(e, f)) return { fresh: true, why: 'random bytes made in the call' };
  if (!ts.isIdentifier(e)) return null;
  let fn: ts.Node | undefined = call.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  let found: ts.VariableDeclaration | undefined;
  const visit = (n: ts.Node): void => {
    if (!found && ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === e.text) found = n;
    if (!found) ts.forEachChild(n, visit);
  };
  if (fn) visit(fn);
  if (found?.initializer) return randomCall(found.initializer, f) ? { fresh: true, why: `random bytes made in the hashing function (line ${lineOf(found, f).line})` } : null;
  // Not declared in the function: a module-level value is made once, for every user.
  const top = f.sf.statements.flatMap((s) => (ts.isVariableStatement(s) ? [...s.declarationList.declarations] : [])).find((d) => ts.isIdentifier(d.name) && d.name.text === e.text);
  if (top) return { fresh: false, why: `one value made at module level (line ${lineOf(top, f).line}), shared by every hash` };
  return null;
}

export function perUserSalt(s: Subject, ctx: CheckContext): Check {
  const lib = String(s.library);
  const sites = importedCalls(ctx).flatMap((c) => {
    const site = SALT_SITES.find((x) => x.module.startsWith(lib.replace(/js$/, '')) && callIs(c, x.module, x.export));
    return site ? [{ c, site }] : [];
  }).filter(({ c }) => !unreached(reachAt(ctx, c)));
  if (sites.length === 0) return unverifiable(`no ${lib} hash call in code a production entry reaches`);
  const judged = sites.map(({ c, site }) => {
    const a = c.node.arguments?.[site.arg];
    const e = a && site.key ? propertyAt(a, site.key, c.file) : a;
    const salt: Salt = !e ? { fresh: true, why: `no salt given: ${site.module} makes a random one per hash` }
      : site.numberIsRounds && ts.isNumericLiteral(e) ? { fresh: true, why: `a cost of ${e.text}: ${site.module} makes a random salt per hash` }
        : saltOf(e, c.node, c.file);
    return { c, salt };
  });
  const shared = judged.find((j) => j.salt && !j.salt.fresh);
  if (shared) return contradicted(`${shared.c.path}:${shared.c.line} hashes with ${shared.salt!.why}: not a salt per user`, [fileEvidence(shared.c)]);
  const unknown = judged.find((j) => !j.salt);
  if (unknown) return unverifiable(`the salt at ${unknown.c.path}:${unknown.c.line} is computed in a way verdict does not follow`);
  return confirmed(`every ${lib} hash reached from production gets a fresh salt: ${judged[0].c.path}:${judged[0].c.line}, ${judged[0].salt!.why}`, judged.slice(0, 2).map((j) => fileEvidence(j.c)));
}
