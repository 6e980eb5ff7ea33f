import ts from 'typescript';
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

export default defineSourceRule({
  id: 'testing/focused-test',
  meta: {
    category: 'testing',
    severity: 'medium',
    title: 'Focused or skipped tests committed',
    rationale: 'A committed `.only` makes the runner skip every other test in the file (or run), so a green run proves little; `.skip` hides tests that were turned off and forgotten.',
    messages: {
      focused: 'focused test committed: {{call}}("{{name}}") makes the runner skip the rest',
      skipped: 'skipped test committed: {{call}}("{{name}}")',
    },
    remediation: { text: 'Remove `.only` (and `fit`/`fdescribe`) before committing; fix or delete skipped tests, or mark them `.todo` with an issue link. Vitest and Jest can fail CI on `.only` (`--allowOnly=false`, `--ci`).', effort: 'low' },
  },
  triggers: ['.only', '.skip', 'fit(', 'fdescribe(', 'xit(', 'xdescribe(', 'ftest(', 'xtest('],
  appliesTo: (f) => f.role === 'test',
  create(ctx) {
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
          ctx.report({ node: call.expression, messageId: 'focused', data: { call: path.join('.'), name } });
        } else if ((prop === 'skip' && RUNNER_OBJECTS.has(obj)) || (path.length === 1 && SKIP_FNS.has(obj))) {
          ctx.report({ node: call.expression, severity: 'low', messageId: 'skipped', data: { call: path.join('.'), name } });
        }
      },
    };
  },
});
