// Where a piece of code runs: the function each run of which runs it (or the file's top level, run
// when the module loads), looking through functions that run where they are written (an immediately
// called function, a promise's `then`, a server's listen callback: knowledge/start-callbacks), and
// whether a branch, a catch clause or an earlier `if (...) return` stands between (it runs on some runs
// only). A function handed to anything else (a route, a repeating timer, a message event) runs later:
// the code in it is that function's, not its caller's.
import ts from 'typescript';
import { isStartCallback } from '../knowledge/index.js';

export interface RunsIn {
  /** The function whose every run runs the node; null for the file's top level. */
  owner: ts.SignatureDeclaration | null;
  /** It runs on some runs of the owner only (a branch, a catch, after an early return). */
  conditional: boolean;
  /** The calls of functions that run where they are written, passed through on the way up. */
  through: ts.Node[];
}

const unparen = (n: ts.Node): ts.Node => {
  let e = n;
  while (e.parent && (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) || ts.isNonNullExpression(e.parent))) e = e.parent;
  return e;
};

/** Whether a function handed to this call runs when the call is made (knowledge/start-callbacks). */
export function handsToStart(call: ts.CallExpression | ts.NewExpression): boolean {
  const e = call.expression;
  const first = call.arguments?.[0];
  const event = first && ts.isStringLiteralLike(first) ? first.text : null;
  if (ts.isPropertyAccessExpression(e)) return isStartCallback({ method: e.name.text }, event);
  if (ts.isIdentifier(e)) return isStartCallback({ global: e.text }, event);
  return false;
}

const SHORT_CIRCUIT = new Set([ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken]);

/** A statement that leaves the function or the process (`return`, `throw`, `process.exit()`), or a block ending with one. */
function exits(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true;
  if (ts.isBlock(s)) return s.statements.some(exits);
  if (ts.isExpressionStatement(s) && ts.isCallExpression(s.expression)) {
    const c = s.expression.expression;
    return ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'process' && c.name.text === 'exit';
  }
  return false;
}

/** Whether the parent of `child` makes `child` run on some paths only. */
function branches(p: ts.Node, child: ts.Node): boolean {
  if (ts.isIfStatement(p)) return child !== p.expression;
  if (ts.isConditionalExpression(p)) return child !== p.condition;
  if (ts.isBinaryExpression(p)) return child === p.right && SHORT_CIRCUIT.has(p.operatorToken.kind);
  if (ts.isCaseClause(p) || ts.isDefaultClause(p) || ts.isCatchClause(p)) return true;
  if (ts.isWhileStatement(p)) return child !== p.expression;
  if (ts.isCallExpression(p) && p.questionDotToken !== undefined) return true;
  // An earlier `if (cond) return;` in the same block: what follows runs only when cond is false.
  if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isModuleBlock(p)) {
    for (const s of p.statements) {
      if (s === child) break;
      if (ts.isIfStatement(s) && (exits(s.thenStatement) || (s.elseStatement !== undefined && exits(s.elseStatement)))) return true;
    }
  }
  return false;
}

/** Where `node` runs; null when in neither a function nor the top level (a class field, a decorator). */
export function runsIn(node: ts.Node): RunsIn | null {
  let conditional = false;
  const through: ts.Node[] = [];
  let child: ts.Node = node;
  let p: ts.Node | undefined = node.parent;
  while (p) {
    if (branches(p, child)) conditional = true;
    if (ts.isSourceFile(p)) return { owner: null, conditional, through };
    if (ts.isClassLike(p) || ts.isDecorator(p)) return null;
    if (ts.isFunctionLike(p) && (p as ts.FunctionLikeDeclaration).body !== undefined && child === (p as ts.FunctionLikeDeclaration).body) {
      const fn = p as ts.FunctionLikeDeclaration;
      const at = unparen(fn);
      const call = at.parent;
      const immediately = call !== undefined && ts.isCallExpression(call) && call.expression === at;
      const handed = call !== undefined && (ts.isCallExpression(call) || ts.isNewExpression(call)) && (call.arguments ?? []).some((a) => a === at) && handsToStart(call);
      if (!immediately && !handed) return { owner: fn, conditional, through };
      through.push(call!);
      child = call!;
      p = call!.parent;
      continue;
    }
    child = p;
    p = p.parent;
  }
  return null;
}

/** The call a reference is the callee of (`f()`, `ns.f()`, `await obj.m()`), or that it is handed to as a start callback (`then(f)`); else null. */
export function callOfReference(ref: ts.Node): ts.CallExpression | ts.NewExpression | null {
  const at = unparen(ref);
  const p = at.parent;
  if (!p) return null;
  if (ts.isCallExpression(p) && p.expression === at) return p;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && (p.arguments ?? []).some((a) => a === at) && handsToStart(p)) return p;
  return null;
}

/** Whether `node` runs, unconditionally, each time `owner` (a function's node, or null for the top level) runs. */
export function runsWhen(node: ts.Node, owner: ts.Node | null): boolean {
  const r = runsIn(node);
  return r !== null && !r.conditional && r.owner === owner;
}

/** Whether a reference is called, unconditionally, each time `owner` runs. */
export function calledWhenRuns(ref: ts.Node, owner: ts.Node | null): boolean {
  const call = callOfReference(ref);
  return call !== null && runsWhen(call, owner);
}
