import ts from 'typescript';
import { requireOf } from '../../collect/scope.js';
import { statusPageOf, type StatusPage } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

export default defineSourceRule({
  id: 'security/status-page-public',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'A monitoring dashboard is mounted with no guard in front of it',
    rationale: 'Status-monitor middleware serves its own dashboard wherever it is mounted: request rates, response times, status codes, memory and CPU, streamed live to whoever opens the page. Mounted bare, that is everyone.',
    remediation: { text: 'Mount the middleware behind authentication (`app.use(auth, monitor())`), or mount only its page handler on a guarded route and leave the collecting middleware without a page.', effort: 'low' },
    messages: {
      publicPage: '{{package}} mounted with no guard before it: its dashboard at {{path}} is public',
    },
  },
  triggers: ['status-monitor'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const pageOf = (e: ts.Expression): { page: StatusPage; call: ts.CallExpression } | null => {
      if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression)) return null;
      const b = ctx.scope.resolve(e.expression);
      const imp = b && (b.kind === 'import' ? b : requireOf(b));
      const page = imp ? statusPageOf(imp.from, imp.imported === '*' ? 'default' : imp.imported) : null;
      return page ? { page, call: e } : null;
    };
    return {
      CallExpression(node) {
        const use = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(use.expression) || use.expression.name.text !== 'use') return;
        // `app.use(monitor())` or `app.use('/admin', monitor())`: nothing of the mount runs before the page.
        const args = use.arguments.filter((a) => !ts.isStringLiteralLike(a));
        if (args.length !== 1) return;
        const found = pageOf(args[0]);
        if (!found) return;
        const opts = found.call.arguments[0];
        let path = found.page.defaultPath;
        if (opts && ts.isObjectLiteralExpression(opts)) {
          const p = opts.properties.find((x) => ts.isPropertyAssignment(x) && x.name.getText(ctx.sourceFile) === found.page.pathOption) as ts.PropertyAssignment | undefined;
          if (p) path = ts.isStringLiteralLike(p.initializer) ? p.initializer.text : `the path in \`${p.initializer.getText(ctx.sourceFile)}\``;
        } else if (opts) return; // options built elsewhere: where the page is cannot be told
        ctx.report({ node: use, messageId: 'publicPage', data: { package: found.page.package, path } });
      },
    };
  },
});
