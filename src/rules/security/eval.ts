import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import { isConstantExpr } from '../shared/ast.js';
import { isShippedCode, looksMinified, readsCommandLine, readsRequestInput } from '../shared/names.js';

export default defineSourceRule({
  id: 'security/eval',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'eval / new Function with non-constant code',
    rationale: 'Code built at run time runs with the full rights of the service; when any part of it comes from a request, the caller runs code on the server.',
    remediation: {
      text: 'Remove the dynamic code: parse data with `JSON.parse`, look behaviour up in a map of functions, or use a sandboxed expression evaluator; never pass request input to eval or Function.',
      effort: 'medium',
    },
    messages: {
      requestInput: '{{what}} runs code built from request input ({{code}})',
      commandLine: "{{what}} runs code built from the command line's arguments ({{code}})",
      runtime: '{{what}} runs code built at run time ({{code}})',
    },
  },
  triggers: ['eval(', 'new Function', ' Function(', '(Function(', '=Function('],
  appliesTo: isShippedCode,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    // Code generators (validators, routers, serialisers) build Function bodies from their own
    // fragments; without request input that is medium, an eval of a variable stays high.
    const judge = (node: ts.Node, code: ts.Expression | undefined, what: string): void => {
      if (!code || isConstantExpr(code, ctx.scope)) return;
      const user = readsRequestInput(code, ctx.sourceFile, ctx.scope);
      const argv = !user && readsCommandLine(code, ctx.sourceFile, ctx.scope);
      const shown = code.getText(ctx.sourceFile).split('\n')[0].slice(0, 80);
      ctx.report({
        node,
        severity: user ? 'critical' : argv || what === 'eval()' ? 'high' : 'medium',
        messageId: user ? 'requestInput' : argv ? 'commandLine' : 'runtime',
        data: { what, code: shown },
      });
    };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const e = call.expression;
        const isEval = (ts.isIdentifier(e) && e.text === 'eval')
          || (ts.isPropertyAccessExpression(e) && e.name.text === 'eval' && ts.isIdentifier(e.expression) && ['window', 'globalThis', 'global', 'self'].includes(e.expression.text));
        if (isEval) judge(call, call.arguments[0], 'eval()');
        else if (ts.isIdentifier(e) && e.text === 'Function') judge(call, call.arguments[call.arguments.length - 1], 'Function()');
      },
      NewExpression(node) {
        const n = node as ts.NewExpression;
        if (ts.isIdentifier(n.expression) && n.expression.text === 'Function' && n.arguments && n.arguments.length > 0) {
          judge(n, n.arguments[n.arguments.length - 1], 'new Function()');
        }
      },
    };
  },
});
