// Registration functions of a file that imports no server framework: `export function registerRoutes(app)
// { app.get(...); app.use(...) }`, `export const register = (app) => {...}`, `export default (app) => {...}`,
// `module.exports = (app) => {...}`, `exports.register = function (app) {...}`. Whatever the parameter
// is, the file alone cannot say; the link stage makes it the app each caller hands it (`registerRoutes(app)`,
// `require('./routes')(app)`), with that app's framework, and drops its routes when no caller hands it an app.
import ts from 'typescript';

/** The framework of a route or use record on a registration parameter until the link stage knows the caller's. */
export const PARAM_FRAMEWORK = 'param';

export interface Registration { receiver: string; exported: string }

/** The first parameter of each exported function of the file, named per function (`registerRoutes(app)`): two functions are two apps. */
export function registrationParams(sf: ts.SourceFile): Map<ts.ParameterDeclaration, Registration> {
  const out = new Map<ts.ParameterDeclaration, Registration>();
  const functions = new Map<string, ts.SignatureDeclaration>();
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name) functions.set(st.name.text, st);
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const fn = d.initializer && fnOf(d.initializer);
        if (fn && ts.isIdentifier(d.name)) functions.set(d.name.text, fn);
      }
    }
  }
  const add = (fn: ts.SignatureDeclaration | null | undefined, exported: string): void => {
    const p = fn?.parameters[0];
    if (p && ts.isIdentifier(p.name) && !out.has(p)) out.set(p, { receiver: `${exported}(${p.name.text})`, exported });
  };
  const valueOf = (e: ts.Expression): ts.SignatureDeclaration | null => fnOf(e) ?? (ts.isIdentifier(e) ? functions.get(e.text) ?? null : null);
  for (const st of sf.statements) {
    const exported = ts.canHaveModifiers(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = ts.canHaveModifiers(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(st) && exported) add(st, isDefault ? 'default' : st.name?.text ?? 'default');
    else if (ts.isVariableStatement(st) && exported) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) add(fnOf(d.initializer), d.name.text);
    } else if (ts.isExportAssignment(st)) add(valueOf(st.expression), 'default');
    else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) add(functions.get((el.propertyName ?? el.name).text), el.name.text);
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = st.expression.left.getText(sf);
      const m = /^(?:module\.exports|exports)(?:\.(\w+))?$/.exec(left);
      if (m && (left.startsWith('module') || m[1])) add(valueOf(st.expression.right), m[1] ?? 'default');
    }
  }
  return out;
}

function fnOf(e: ts.Expression): ts.SignatureDeclaration | null {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x)) x = x.expression;
  return ts.isArrowFunction(x) || ts.isFunctionExpression(x) ? x : null;
}

/** The identifier a receiver expression starts from (`app` of `app.get`, of `app.route('/x').get`). */
export function rootIdentifier(e: ts.Expression): ts.Identifier | null {
  let x = e;
  while (ts.isPropertyAccessExpression(x) || ts.isCallExpression(x) || ts.isParenthesizedExpression(x)) x = x.expression;
  return ts.isIdentifier(x) ? x : null;
}
