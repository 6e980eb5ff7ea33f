import ts from 'typescript';
import { focusScopeOf } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';

const RUNNER_OBJECTS = new Set(['it', 'test', 'describe', 'context', 'suite', 'specify']);
const FOCUS_FNS = new Set(['fit', 'fdescribe', 'ftest']);
const SKIP_FNS = new Set(['xit', 'xdescribe', 'xtest']);

/** `it.only(...)` -> ['it', 'only']; `test.describe.only(...)` -> ['describe', 'only']; `fit(...)` -> ['fit']. */
function calleePath(call: ts.CallExpression): string[] | null {
  const e = call.expression;
  if (ts.isIdentifier(e)) return [e.text];
  if (ts.isPropertyAccessExpression(e)) {
    const inner = e.expression;
    if (ts.isIdentifier(inner)) return [inner.text, e.name.text];
    if (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.expression)) return [inner.name.text, e.name.text];
  }
  return null;
}

const LEAF_TESTS = new Set(['it', 'test', 'specify', 'fit', 'ftest', 'xit', 'xtest']);
const BLOCK_FOCUS = new Set(['fdescribe']);

/** A call that declares one test or one focused block, with whether it is focused or skipped. */
function testCall(call: ts.CallExpression): { leaf: boolean; focused: boolean; skipped: boolean } | null {
  // `it.each(rows)('name', fn)`: the test is the outer call.
  const callee = ts.isCallExpression(call.expression) ? call.expression : call;
  const path = calleePath(callee);
  if (!path) return null;
  const [obj, prop] = path;
  const modifier = ts.isCallExpression(call.expression) ? (path[1] === 'each' ? undefined : prop) : prop;
  if (!RUNNER_OBJECTS.has(obj) && !FOCUS_FNS.has(obj) && !SKIP_FNS.has(obj)) return null;
  const focused = modifier === 'only' || FOCUS_FNS.has(obj);
  const skipped = modifier === 'skip' || modifier === 'todo' || SKIP_FNS.has(obj);
  return { leaf: LEAF_TESTS.has(obj), focused: focused || BLOCK_FOCUS.has(obj), skipped };
}

/**
 * Whether the file's focused calls hold every test of the file that would otherwise run: then a
 * runner whose `.only` reaches only its own file skips nothing.
 */
function focusCoversFile(file: ts.SourceFile): boolean {
  const focused: Array<[number, number]> = [];
  const leaves: Array<{ pos: number; skipped: boolean }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const t = testCall(node);
      if (t?.focused) focused.push([node.getStart(file), node.getEnd()]);
      if (t?.leaf) leaves.push({ pos: node.getStart(file), skipped: t.skipped });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return leaves.every((l) => l.skipped || focused.some(([a, b]) => l.pos >= a && l.pos < b));
}

/** The test module a file imports its runner from (`vitest`, `@jest/globals`, `mocha`...), if any. */
function importedRunner(file: ts.SourceFile): string | null {
  for (const st of file.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    if (focusScopeOf(st.moduleSpecifier.text)) return st.moduleSpecifier.text;
  }
  return null;
}

export default defineSourceRule({
  id: 'testing/focused-test',
  meta: {
    category: 'testing',
    severity: 'medium',
    title: 'Focused or skipped tests committed',
    rationale: 'A committed `.only` makes the runner skip every other test in the file (or run), so a green run proves little; `.skip` hides tests that were turned off and forgotten.',
    messages: {
      focused: 'focused test committed: {{call}}("{{name}}") makes the runner skip the rest',
      focusedRun: 'focused test committed: {{call}}("{{name}}") makes {{runner}} skip every test of every other file',
      focusedAlone: 'focused test committed: {{call}}("{{name}}") skips nothing today ({{runner}} focuses within the file, and the file has no other test); the next test added to the file will not run',
      skipped: 'skipped test committed: {{call}}("{{name}}")',
    },
    remediation: { text: 'Remove `.only` (and `fit`/`fdescribe`) before committing; fix or delete skipped tests, or mark them `.todo` with an issue link. Vitest and Jest can fail CI on `.only` (`--allowOnly=false`, `--ci`).', effort: 'low' },
  },
  triggers: ['.only', '.skip', 'fit(', 'fdescribe(', 'xit(', 'xdescribe(', 'ftest(', 'xtest('],
  appliesTo: (f) => f.role === 'test',
  // How far `.only` reaches is the runner's: the file's own import names it, else the one known
  // runner its package (or the root) depends on. Unknown leaves the finding as it is.
  review(finding, layout) {
    if (finding.messageId !== 'focused') return finding;
    const data = finding.data ?? {};
    let runner = typeof data.module === 'string' && data.module !== '' ? focusScopeOf(data.module) : null;
    if (!runner) {
      const own = layout.packages.find((p) => p.name === finding.package);
      const root = layout.packages.find((p) => p.path === '.');
      // The package's own runner first; the root's where the package declares none.
      const runnersOf = (p: typeof own) => [...new Set(Object.keys({ ...p?.dependencies, ...p?.devDependencies }).map(focusScopeOf).filter((x) => x !== null))];
      const ownRunners = runnersOf(own);
      const known = ownRunners.length > 0 ? ownRunners : runnersOf(root);
      runner = known.length === 1 ? known[0] : null;
    }
    if (!runner) return finding;
    if (runner.scope === 'run') return { ...finding, messageId: 'focusedRun', data: { ...data, runner: runner.runner } };
    if (data.coversFile === 'yes') return { ...finding, severity: 'low', messageId: 'focusedAlone', data: { ...data, runner: runner.runner } };
    return finding;
  },
  create(ctx) {
    let covers: boolean | null = null;
    let module: string | null | undefined;
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const path = calleePath(call);
        if (!path || call.arguments.length === 0) return;
        const [obj, prop] = path;
        const first = call.arguments[0];
        // A runner call names its test with a string (or a function for describe.each rows).
        if (!ts.isStringLiteralLike(first) && !ts.isTemplateExpression(first) && !ts.isNoSubstitutionTemplateLiteral(first)) return;
        const name = ts.isStringLiteralLike(first) ? first.text : first.getText(ctx.sourceFile);
        if ((prop === 'only' && RUNNER_OBJECTS.has(obj)) || (path.length === 1 && FOCUS_FNS.has(obj))) {
          covers ??= focusCoversFile(ctx.sourceFile);
          if (module === undefined) module = importedRunner(ctx.sourceFile);
          ctx.report({ node: call.expression, messageId: 'focused', data: { call: path.join('.'), name, coversFile: covers ? 'yes' : 'no', module: module ?? '' } });
        } else if ((prop === 'skip' && RUNNER_OBJECTS.has(obj)) || (path.length === 1 && SKIP_FNS.has(obj))) {
          ctx.report({ node: call.expression, severity: 'low', messageId: 'skipped', data: { call: path.join('.'), name } });
        }
      },
    };
  },
});
