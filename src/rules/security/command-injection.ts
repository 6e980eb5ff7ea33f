import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { defineSourceRule } from '../api.js';
import { constInitializer, isConstantExpr, valueOf } from '../shared/ast.js';
import { bindingsOf, callsExport, CHILD_PROCESS } from '../shared/imports.js';
import { isShippedCode, looksMinified, readsCommandLine, readsRequestInput } from '../shared/names.js';

const SHELL_RUNNERS = ['exec', 'execSync'];

/** `const run = promisify(exec)` / `util.promisify(cp.exec)`: the local name runs a shell too. */
function isPromisifiedExec(id: ts.Identifier, sf: ts.SourceFile, scope: Scope): boolean {
  const init = valueOf(id, scope);
  if (!init || !ts.isCallExpression(init) || !/(^|\.)promisify$/.test(init.expression.getText(sf)) || !init.arguments[0]) return false;
  const target = init.arguments[0];
  const b = bindingsOf(sf, CHILD_PROCESS);
  if (ts.isIdentifier(target)) return SHELL_RUNNERS.includes(b.named.get(target.text) ?? '');
  return ts.isPropertyAccessExpression(target) && SHELL_RUNNERS.includes(target.name.text) && ts.isIdentifier(target.expression) && b.whole.has(target.expression.text);
}

/** Paths fixed by the code's own location: `__dirname`, `join(__dirname, 'bin')`, `import.meta.dirname`. */
function isOwnPath(e: ts.Expression, scope: Scope, depth = 0): boolean {
  if (isConstantExpr(e, scope) || (ts.isIdentifier(e) && (e.text === '__dirname' || e.text === '__filename'))) return true;
  if (depth > 8) return false;
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    return init !== null && isOwnPath(init, scope, depth + 1);
  }
  if (ts.isPropertyAccessExpression(e)) return /^import\.meta\.(dirname|filename)$/.test(e.getText());
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((s) => isOwnPath(s.expression, scope, depth + 1));
  if (ts.isCallExpression(e)) {
    const callee = e.expression.getText();
    if (callee === 'process.cwd') return true;
    if (/(^|\.)(join|resolve|basename|dirname|relative)$/.test(callee)) return e.arguments.every((a) => isOwnPath(a, scope, depth + 1));
  }
  return false;
}

/** Non-constant parts of a command built by interpolation or concatenation (one local variable followed). */
function interpolated(e: ts.Expression, scope: Scope, depth = 0): ts.Expression[] {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isTemplateExpression(e)) return e.templateSpans.map((s) => s.expression).filter((x) => !isOwnPath(x, scope));
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const parts = [e.left, e.right].filter((x) => !isOwnPath(x, scope) && !ts.isBinaryExpression(x));
    return [...parts, ...[e.left, e.right].filter((x) => ts.isBinaryExpression(x)).flatMap((x) => interpolated(x, scope, depth))];
  }
  if (ts.isIdentifier(e) && depth === 0) {
    const init = valueOf(e, scope);
    if (init && (ts.isTemplateExpression(init) || ts.isBinaryExpression(init))) return interpolated(init, scope, depth + 1);
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join' && ts.isArrayLiteralExpression(e.expression.expression)) {
    return e.expression.expression.elements.filter((x) => !isOwnPath(x, scope));
  }
  return [];
}

/** Whether a value comes from a parameter of an enclosing function (so a caller controls it), through local variables. */
function fromParameter(e: ts.Expression, scope: Scope, depth = 0): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if (ts.isIdentifier(n)) {
      const b = scope.resolve(n);
      // A parameter, or a name destructured from one (`function run({ file })`).
      if (b?.kind === 'parameter' || (b?.kind === 'destructured' && ts.findAncestor(b.decl, ts.isParameter))) {
        hit = true;
        return;
      }
      const init = depth < 2 && b?.kind === 'variable' ? b.initializer : null;
      if (init && fromParameter(init, scope, depth + 1)) hit = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(e);
  return hit;
}

export default defineSourceRule({
  id: 'security/command-injection',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Shell command built from non-constant values',
    rationale: '`exec` and `execSync` run their string through a shell: any value interpolated into it can add `;`, `&&` or `$(...)` and run other commands on the server.',
    remediation: {
      text: "Use `execFile`/`spawn` with an argument array and no shell (`execFile('git', ['log', ref])`), and validate values against an allow-list.",
      effort: 'low',
    },
    messages: {
      requestInput: '{{fn}}() runs a shell command built from request input ({{parts}})',
      commandLine: "{{fn}}() runs a shell command built from the command line's arguments ({{parts}})",
      callerValues: "{{fn}}() runs a shell command built from a caller's values ({{parts}})",
      nonConstant: '{{fn}}() runs a shell command built from non-constant values ({{parts}})',
    },
  },
  triggers: ['child_process'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script' && f.role !== 'config',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const sf = ctx.sourceFile;
        const name = callsExport(call, sf, CHILD_PROCESS, SHELL_RUNNERS)
          ?? (ts.isIdentifier(call.expression) && isPromisifiedExec(call.expression, sf, ctx.scope) ? call.expression.text : null);
        if (!name || !call.arguments[0]) return;
        const parts = interpolated(call.arguments[0], ctx.scope);
        if (parts.length === 0) return;
        const user = parts.some((p) => readsRequestInput(p, sf, ctx.scope));
        // `process.argv`: the person or program that starts the process chooses it, as a caller
        // chooses a parameter; a shell built from it is still injectable (file names, CI inputs).
        const argv = !user && parts.some((p) => readsCommandLine(p, sf, ctx.scope));
        const caller = !user && !argv && parts.some((p) => fromParameter(p, ctx.scope));
        const shown = parts.slice(0, 3).map((p) => p.getText(sf).split('\n')[0].slice(0, 60)).join(', ');
        ctx.report({
          node: call,
          severity: user ? 'critical' : argv || caller ? 'high' : 'medium',
          messageId: user ? 'requestInput' : argv ? 'commandLine' : caller ? 'callerValues' : 'nonConstant',
          data: { fn: name, parts: shown },
        });
      },
    };
  },
});
