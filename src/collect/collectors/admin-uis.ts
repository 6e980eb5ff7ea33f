// Admin and queue dashboards mounted on a server (knowledge/admin-uis), read from the syntax tree and
// the file's scopes: the value mounted is traced to the package it is made from.
import ts from 'typescript';
import { adminUiOf, adminUiPackages, type AdminUi } from '../../knowledge/index.js';
import { adminUiFacts, type AdminUiMount } from '../facts/admin-uis.js';
import type { SourceContext, VisitorHost } from '../host.js';
import { requireOf, type Binding } from '../scope.js';
import { isTestSide } from '../../util/roles.js';

const MOUNT_METHODS = new Set(['use', 'register', 'route']);

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** The package and export a binding is imported or required from. */
function importOf(b: Binding | null): { from: string; imported: string } | null {
  if (!b) return null;
  if (b.kind === 'import') return { from: b.from, imported: b.imported };
  return requireOf(b);
}

export const adminUis: VisitorHost = {
  id: adminUiFacts.id,
  triggers: adminUiPackages(),
  appliesTo: (f) => !isTestSide(f.role),
  create(ctx) {
    const resolveImport = (id: ts.Identifier) => importOf(ctx.scope.resolve(id));
    const uiOfImport = (id: ts.Identifier, shapes: AdminUi['shape'][]): AdminUi | null => {
      const imp = resolveImport(id);
      const ui = imp ? adminUiOf(imp.from) : null;
      if (!ui || !shapes.includes(ui.shape)) return null;
      // A namespace or default import of a factory package is the factory.
      return ui.shape === 'factory' || ui.shape === 'member' || ui.exports.includes(imp!.imported) || imp!.imported === '*' ? ui : null;
    };

    /** The dashboard a mounted value is, traced through locals, or null. */
    const uiOf = (e: ts.Expression, depth = 0): AdminUi | null => {
      e = unwrap(e);
      if (depth > 3) return null;
      // `adapter.getRouter()` / `monitor.router` on `new ExpressAdapter()`.
      const member = ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) ? e.expression : ts.isPropertyAccessExpression(e) ? e : null;
      if (member && ts.isIdentifier(member.expression)) {
        const b = ctx.scope.resolve(member.expression);
        const init = b?.kind === 'variable' && b.initializer ? unwrap(b.initializer) : null;
        if (init && ts.isNewExpression(init) && ts.isIdentifier(init.expression)) {
          const ui = uiOfImport(init.expression, ['adapter']);
          if (ui?.mount?.includes(member.name.text)) return ui;
        }
        // `kue.app`
        const ui = uiOfImport(member.expression, ['member']);
        if (ui && ui.exports.includes(member.name.text)) return ui;
      }
      // `Arena(config)`, `Agendash(agenda)`
      if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) return uiOfImport(e.expression, ['factory']);
      if (ts.isIdentifier(e)) {
        const direct = uiOfImport(e, ['value']);
        if (direct) return direct;
        const b = ctx.scope.resolve(e);
        if (b?.kind === 'variable' && b.initializer) return uiOf(b.initializer, depth + 1);
        // `const { router } = createBullBoard(...)`: a member of what the package's call returns.
        if (b?.kind === 'destructured' && ts.isObjectBindingPattern(b.decl.parent) && ts.isVariableDeclaration(b.decl.parent.parent)) {
          const init = b.decl.parent.parent.initializer ? unwrap(b.decl.parent.parent.initializer) : null;
          const key = (b.decl.propertyName ?? b.decl.name) as ts.Node;
          if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && ts.isIdentifier(key)) {
            const imp = resolveImport(init.expression);
            const ui = imp ? adminUiOf(imp.from) : null;
            if (ui?.shape === 'value' && ui.exports.includes(key.text)) return ui;
          }
        }
      }
      return null;
    };

    const middlewareName = (e: ts.Expression): AdminUiMount['before'][number] => {
      e = unwrap(e);
      const callee = ts.isCallExpression(e) ? unwrap(e.expression) : e;
      const imp = ts.isIdentifier(callee) ? resolveImport(callee) : null;
      return { name: callee.getText(ctx.sourceFile).slice(0, 80), from: imp?.from ?? null, imported: imp?.imported ?? null };
    };

    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(call.expression) || !MOUNT_METHODS.has(call.expression.name.text)) return;
        const args = call.arguments;
        const uiAt = args.findIndex((a) => uiOf(a) !== null);
        if (uiAt < 0) return;
        const ui = uiOf(args[uiAt])!;
        const first = args[0] ? unwrap(args[0]) : null;
        let prefix = first && ts.isStringLiteralLike(first) ? first.text : null;
        const options = args[uiAt + 1] ? unwrap(args[uiAt + 1]) : null;
        if (options && ts.isObjectLiteralExpression(options)) {
          const p = options.properties.find((x) => ts.isPropertyAssignment(x) && x.name.getText(ctx.sourceFile) === 'prefix');
          if (p && ts.isPropertyAssignment(p) && ts.isStringLiteralLike(p.initializer)) prefix = p.initializer.text;
        }
        const before = args.slice(prefix !== null && first && ts.isStringLiteralLike(first) ? 1 : 0, uiAt).map(middlewareName);
        adminUiFacts.emit(ctx, {
          line: ctx.lineOf(call), receiver: call.expression.expression.getText(ctx.sourceFile).slice(0, 60), prefix,
          package: ui.package, framework: ui.framework, before, snippet: snippetOf(ctx, call),
        });
      },
    };
  },
};

function snippetOf(ctx: SourceContext, n: ts.Node): string {
  return n.getText(ctx.sourceFile).split('\n')[0].slice(0, 120);
}
