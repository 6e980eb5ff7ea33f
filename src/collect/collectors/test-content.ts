// What each test of a test-named file checks, from its syntax: a test whose only assertions have the
// shape a generator writes (knowledge/tests.ts SCAFFOLD_TESTS: the NestJS CLI's "should be defined" and
// greeting specs) and that calls nothing else checks nothing of the application. Any other assertion,
// or any other call in the test, makes it a real test: the judgement errs towards "real".
import ts from 'typescript';
import { isTestFilePath, SCAFFOLD_DEFINED_MATCHER, SCAFFOLD_GREETING, SCAFFOLD_MODULE_FACTORY, SCAFFOLD_MODULE_GETTERS } from '../../knowledge/index.js';
import { lineTextOf, snippetOf } from '../../util/text.js';
import { SOURCE_EXTENSIONS } from '../../discover/index.js';
import { testContentFacts } from '../facts/test-content.js';
import type { VisitorHost } from '../host.js';

type Shape = 'defined' | 'greeting';
export interface TestContent { tests: number; scaffold: number; empty: number; shapes: Shape[]; first: ts.Node | null }

const TEST_FNS = new Set(['it', 'test', 'specify']);

/** The callback of a test call (`it('x', fn)`, `test.only(...)`, `it.each(rows)('x', fn)`), or null. */
function testCallback(call: ts.CallExpression): ts.FunctionLikeDeclaration | null {
  let callee: ts.Expression = call.expression;
  if (ts.isCallExpression(callee)) callee = callee.expression; // it.each(rows)(...)
  while (ts.isPropertyAccessExpression(callee)) callee = callee.expression;
  if (!ts.isIdentifier(callee) || !TEST_FNS.has(callee.text)) return null;
  const fn = [...call.arguments].reverse().find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
  return (fn as ts.FunctionLikeDeclaration | undefined) ?? null;
}

const unwrap = (e: ts.Expression): ts.Expression => {
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
};
const isGreeting = (e: ts.Expression | undefined): boolean => !!e && ts.isStringLiteralLike(e) && e.text === SCAFFOLD_GREETING;
const isOk = (e: ts.Expression | undefined): boolean => !!e && ts.isNumericLiteral(e) && e.text === '200';

/** `expect(subject)...matcher(args)`: the root `expect` call of a matcher call, through `.not`, `.resolves`, `.to.be`... */
function expectRoot(call: ts.CallExpression): ts.CallExpression | null {
  if (!ts.isPropertyAccessExpression(call.expression)) return null;
  let e: ts.Expression = call.expression.expression;
  while (ts.isPropertyAccessExpression(e)) e = e.expression;
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'expect' ? e : null;
}

/** The `.expect(...)` calls of a supertest-style chain ending at `call`, outermost first; null when `call` is no `.expect`. */
function expectChain(call: ts.CallExpression): ts.CallExpression[] | null {
  const out: ts.CallExpression[] = [];
  let e: ts.Expression = call;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    if (e.expression.name.text === 'expect') out.push(e);
    e = e.expression.expression;
  }
  return out.length > 0 && out[0] === call ? out : null;
}

/** Identifiers of the file only ever assigned a testing module's `get`/`resolve` result, when the file builds one. */
function moduleInstances(sf: ts.SourceFile): Set<string> {
  const assigned = new Map<string, boolean>();
  let factory = false;
  const note = (name: string, value: ts.Expression): void => {
    const v = unwrap(value);
    const fromModule = ts.isCallExpression(v) && ts.isPropertyAccessExpression(v.expression) && SCAFFOLD_MODULE_GETTERS.includes(v.expression.name.text);
    assigned.set(name, (assigned.get(name) ?? true) && fromModule);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === SCAFFOLD_MODULE_FACTORY) factory = true;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) note(n.name.text, n.initializer);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) note(n.left.text, n.right);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return factory ? new Set([...assigned].filter(([, ok]) => ok).map(([name]) => name)) : new Set();
}

/** How a test's callback reads: scaffold (with its shapes), empty, or real. */
function judge(fn: ts.FunctionLikeDeclaration, instances: ReadonlySet<string>): { kind: 'scaffold'; shapes: Shape[] } | { kind: 'empty' | 'real' } {
  const body = fn.body;
  if (!body) return { kind: 'real' };
  if (ts.isBlock(body) && body.statements.length === 0) return { kind: 'empty' };
  const shapes = new Set<Shape>();
  let other = false;
  const visit = (n: ts.Node): void => {
    if (other) return;
    if (ts.isCallExpression(n)) {
      const root = expectRoot(n);
      if (root && ts.isPropertyAccessExpression(n.expression)) {
        const matcher = n.expression.name.text;
        const subject = root.arguments[0] && unwrap(root.arguments[0]);
        const direct = n.expression.expression === root; // no `.not`, `.resolves`...
        if (direct && matcher === SCAFFOLD_DEFINED_MATCHER && n.arguments.length === 0 && subject && ts.isIdentifier(subject) && instances.has(subject.text)) shapes.add('defined');
        else if (direct && n.arguments.length === 1 && isGreeting(n.arguments[0])) shapes.add('greeting');
        else other = true;
        return; // the subject (`appController.getHello()`) belongs to the assertion
      }
      const chain = expectChain(n);
      if (chain) {
        const args = chain.map((c) => (c.arguments.length === 1 ? c.arguments[0] : undefined));
        if (args.some(isGreeting) && args.every((a) => isGreeting(a) || isOk(a))) shapes.add('greeting');
        else other = true;
        return; // the request chain (`request(app.getHttpServer()).get('/')`) belongs to the assertion
      }
      other = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return !other && shapes.size > 0 ? { kind: 'scaffold', shapes: [...shapes].sort() } : { kind: 'real' };
}

/** The tests of a file and how many are scaffold-only or empty. */
export function testContentOf(sf: ts.SourceFile): TestContent {
  const instances = moduleInstances(sf);
  const out: TestContent = { tests: 0, scaffold: 0, empty: 0, shapes: [], first: null };
  const shapes = new Set<Shape>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const fn = testCallback(n);
      if (fn) {
        out.tests++;
        out.first ??= n;
        const j = judge(fn, instances);
        if (j.kind === 'scaffold') { out.scaffold++; for (const s of j.shapes) shapes.add(s); }
        if (j.kind === 'empty') out.empty++;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  out.shapes = [...shapes].sort();
  return out;
}

export const testContent: VisitorHost = {
  id: testContentFacts.id,
  parents: false,
  appliesTo: (f) => SOURCE_EXTENSIONS.includes(f.ext) && isTestFilePath(f.path),
  create(ctx) {
    return {
      'file:end'() {
        const c = testContentOf(ctx.sourceFile);
        const line = c.first ? ctx.lineOf(c.first) : undefined;
        testContentFacts.emit(ctx, {
          tests: c.tests, scaffold: c.scaffold, empty: c.empty, shapes: c.shapes,
          ...(line ? { line, snippet: snippetOf(lineTextOf(ctx.sourceFile, ctx.text, line)) } : {}),
        });
      },
    };
  },
};
