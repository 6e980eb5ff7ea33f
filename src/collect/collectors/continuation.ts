// Where a middleware hands the request on (`next()`, `await next()`) without having ended it for a
// caller whose credential is missing or did not verify: the paths link/guards.ts needs to tell a guard
// from an optional authentication that only fills in `req.user` when it can. Facts about control flow,
// no judgment: which callees a swallowed `catch` covered is recorded, what they are is the link's question.
import ts from 'typescript';
import { CREDENTIAL_FIELDS } from '../../knowledge/index.js';
import type { Scope } from '../scope.js';
import type { BodyFacts } from '../facts/body.js';
import { calleeOf } from './body-facts.js';

type PassOn = NonNullable<BodyFacts['passesOn']>[number];

const CREDENTIALS = new Set(CREDENTIAL_FIELDS);
const MAX_PATHS = 4;

/**
 * The continuation's paths of a middleware `(req, res, next)` / `(c, next)`: its last parameter, when
 * the body calls it with no argument (a call with one, `next(err)`, hands on an error: the request ends).
 */
export function passesOn(fn: ts.FunctionLikeDeclaration, scope: Scope): PassOn[] {
  const last = fn.parameters[fn.parameters.length - 1];
  if (!fn.body || fn.parameters.length < 2 || !last || !ts.isIdentifier(last.name)) return [];
  // Asked first: binding the file sets the parent pointers the reading below uses.
  scope.resolve(last.name);
  if (!fn.body.getText().includes(`${last.name.text}()`)) return [];
  return new ContinuationReader(fn, last, scope).read();
}

class ContinuationReader {
  private readonly parents = new Map<ts.Node, ts.Node>();
  private readonly out: PassOn[] = [];
  private readonly derived = new Map<ts.Node, boolean>();

  constructor(private readonly fn: ts.FunctionLikeDeclaration, private readonly next: ts.ParameterDeclaration, private readonly scope: Scope) {}

  read(): PassOn[] {
    const visit = (n: ts.Node, parent: ts.Node): void => {
      this.parents.set(n, parent);
      ts.forEachChild(n, (c) => visit(c, n));
    };
    visit(this.fn.body!, this.fn);
    const walk = (n: ts.Node): void => {
      if (this.out.length >= MAX_PATHS) return;
      if (ts.isIfStatement(n)) this.ifPath(n);
      else if (ts.isTryStatement(n)) this.catchPath(n);
      else if (ts.isCallExpression(n)) this.callbackPaths(n);
      ts.forEachChild(n, walk);
    };
    walk(this.fn.body!);
    return this.out;
  }

  private add(p: PassOn): void {
    if (!this.out.some((o) => o.when === p.when && o.line === p.line)) this.out.push(p);
  }

  private lineOf(n: ts.Node): number {
    const sf = n.getSourceFile();
    return sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  }

  /** `next()` / `await next()` / `return next()` as a statement, of this middleware's continuation. */
  private continues(st: ts.Statement): boolean {
    let e: ts.Expression | undefined = ts.isExpressionStatement(st) ? st.expression : ts.isReturnStatement(st) ? st.expression : undefined;
    while (e && (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isVoidExpression(e))) e = e.expression;
    if (!e || !ts.isCallExpression(e) || e.arguments.length > 0 || !ts.isIdentifier(e.expression)) return false;
    const b = this.scope.resolve(e.expression);
    return b?.kind === 'parameter' && b.decl === this.next;
  }

  /** A branch's own statements (a block's top level, or the statement itself). */
  private statementsOf(st: ts.Statement): readonly ts.Statement[] {
    return ts.isBlock(st) ? st.statements : [st];
  }

  private continuesIn(st: ts.Statement | undefined): boolean {
    return st !== undefined && this.statementsOf(st).some((s) => this.continues(s));
  }

  /** Whether a branch ends the request at its top level: a `return` or `throw` (a `return next()` hands on). */
  private ends(st: ts.Statement): boolean {
    return this.statementsOf(st).some((s) => (ts.isReturnStatement(s) && !this.continues(s)) || ts.isThrowStatement(s));
  }

  private mayEnd(s: ts.IfStatement): boolean {
    return this.ends(s.thenStatement) || (s.elseStatement !== undefined && this.ends(s.elseStatement));
  }

  /** Whether a continuation call follows `st` once it completes: later statements of its block and of every enclosing one, within the function. */
  private followedByContinuation(st: ts.Node): boolean {
    let n: ts.Node = st;
    while (n !== this.fn.body) {
      const p = this.parents.get(n);
      if (!p || ts.isFunctionLike(p)) return false;
      if (ts.isBlock(p) || ts.isSourceFile(p)) {
        const after = p.statements.slice(p.statements.indexOf(n as ts.Statement) + 1);
        for (const s of after) {
          if (this.continues(s)) return true;
          // A later refusal (`if (!req.user) return res.status(401)...`) may end the request first.
          if (ts.isReturnStatement(s) || ts.isThrowStatement(s) || (ts.isIfStatement(s) && this.mayEnd(s))) return false;
        }
      }
      if (ts.isCatchClause(p) || ts.isTryStatement(p)) {
        // Leaving a try block or a catch: what follows the try statement.
        n = ts.isCatchClause(p) ? this.parents.get(p)! : p;
        continue;
      }
      n = p;
    }
    return false;
  }

  /**
   * An `if` testing the credential (or a value made from it): its "absent" branch hands on. A negative
   * test (`!token`, `token == null`) whose branch calls `next()`; a positive one (`if (token) {...}`)
   * whose `else` does, or, with no `else` and a branch that does not end, a `next()` after it.
   */
  private ifPath(st: ts.IfStatement): void {
    if (!this.testsCredential(st.expression)) return;
    const negative = isNegative(st.expression);
    const absent = negative ? this.continuesIn(st.thenStatement)
      : st.elseStatement ? this.continuesIn(st.elseStatement) : !this.ends(st.thenStatement) && this.followedByContinuation(st);
    if (absent) this.add({ when: 'absent', line: this.lineOf(st) });
  }

  /** A `catch` that does not end the request, with a `next()` in it or after the try statement: what the try block called failed, and the request goes on. */
  private catchPath(st: ts.TryStatement): void {
    const c = st.catchClause;
    if (!c || this.ends(c.block) || this.handsOnError(c.block)) return;
    if (!this.continuesIn(c.block) && !this.followedByContinuation(st)) return;
    const calls: string[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        const callee = calleeOf(n.expression, this.scope);
        if (callee && !calls.includes(callee) && calls.length < 8) calls.push(callee);
      }
      ts.forEachChild(n, visit);
    };
    visit(st.tryBlock);
    if (calls.length > 0) this.add({ when: 'caught', line: this.lineOf(c), calls });
  }

  /** `next(err)` in a catch: the error handler answers. */
  private handsOnError(block: ts.Block): boolean {
    return block.statements.some((s) => {
      let e = ts.isExpressionStatement(s) ? s.expression : ts.isReturnStatement(s) ? s.expression : undefined;
      while (e && ts.isAwaitExpression(e)) e = e.expression;
      if (!e || !ts.isCallExpression(e) || e.arguments.length === 0 || !ts.isIdentifier(e.expression)) return false;
      const b = this.scope.resolve(e.expression);
      return b?.kind === 'parameter' && b.decl === this.next;
    });
  }

  /**
   * A function handed to a call of the body (`passport.authenticate('jwt', opts, (err, user) => {...})`)
   * that calls `next()` with nothing before it that can end the request: whatever the call reported, the request goes on.
   */
  private callbackPaths(call: ts.CallExpression): void {
    for (const a of call.arguments) {
      if (!(ts.isArrowFunction(a) || ts.isFunctionExpression(a)) || !ts.isBlock(a.body) || a.parameters.length === 0) continue;
      for (const s of a.body.statements) {
        if (this.continues(s)) {
          const callee = calleeOf(call.expression, this.scope);
          if (callee) this.add({ when: 'callback', line: this.lineOf(s), calls: [callee] });
          break;
        }
        if (ts.isReturnStatement(s) || ts.isThrowStatement(s) || (ts.isIfStatement(s) && this.mayEnd(s))) break;
      }
    }
  }

  /** Whether an expression reads a credential of the request, or a variable of the function made from one, or a parameter of a callback (what a verifier reported). */
  private testsCredential(e: ts.Node, depth = 0): boolean {
    if (depth > 4) return false;
    let found = false;
    const visit = (n: ts.Node, parent: ts.Node): void => {
      if (found) return;
      if ((ts.isIdentifier(n) || ts.isStringLiteralLike(n)) && CREDENTIALS.has(n.text.toLowerCase()) && readsField(n, parent)) found = true;
      else if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(parent) && parent.name === n)) found = this.isDerived(n, depth);
      if (!found) ts.forEachChild(n, (c) => visit(c, n));
    };
    visit(e, this.parents.get(e) ?? e.parent);
    return found;
  }

  private isDerived(id: ts.Identifier, depth: number): boolean {
    const b = this.scope.resolve(id);
    if (!b) return false;
    const decl = b.decl;
    if (!this.within(decl)) return false;
    const memo = this.derived.get(decl);
    if (memo !== undefined) return memo;
    this.derived.set(decl, false);
    let yes = false;
    if (b.kind === 'parameter') yes = b.fn !== this.fn;
    else if (b.kind === 'variable') yes = b.initializer !== null && this.testsCredential(b.initializer, depth + 1);
    else if (b.kind === 'destructured') {
      const name = b.decl.propertyName ?? b.decl.name;
      yes = (ts.isIdentifier(name) || ts.isStringLiteral(name)) && CREDENTIALS.has(name.text.toLowerCase());
    }
    this.derived.set(decl, yes);
    return yes;
  }

  private within(n: ts.Node): boolean {
    const body = this.fn.body!;
    return n.pos >= body.pos && n.end <= body.end;
  }
}

/** `!x`, `x == null`, `x === undefined`, `!a || !b`: true when the value is absent. */
function isNegative(e: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isPrefixUnaryExpression(e)) return e.operator === ts.SyntaxKind.ExclamationToken;
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken) return isNegative(e.left) || isNegative(e.right);
    if ([ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken].includes(op)) {
      const absent = (x: ts.Expression) => x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined');
      return absent(e.left) || absent(e.right);
    }
  }
  return false;
}

/** Read as a field: `req.headers.authorization`, `c.req.header('Authorization')`, `headers['x-api-key']`. */
function readsField(n: ts.Identifier | ts.StringLiteralLike, p: ts.Node): boolean {
  if (ts.isIdentifier(n)) return ts.isPropertyAccessExpression(p) && p.name === n;
  return (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) || (ts.isElementAccessExpression(p) && p.argumentExpression === n);
}
