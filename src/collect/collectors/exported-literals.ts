// The strings a module exports, by member path from its exports, with their lines: a config module
// (`module.exports = { jwt: { secret: 'abc' } }`), a constants module (`export const SECRET = 'x'`).
// collect/config-reads records where another file reads such a path at a secret sink; the rule joins
// the two through the link stage. Facts only, and never the value itself (masked, length, placeholder).
import ts from 'typescript';
import { isTestSide } from '../../util/roles.js';
import { mask } from '../../util/redact.js';
import { isPlaceholder } from '../../util/secret-patterns.js';
import { commonJsExportName } from '../decl-id.js';
import { exportedLiteralFacts } from '../facts/exported-literals.js';
import type { VisitorHost } from '../host.js';
import { requireOf, type Scope } from '../scope.js';
import { configSchemaLibraryOf, type ConfigSchemaLibrary } from '../../knowledge/index.js';

const MAX_DEPTH = 4;
const MAX_RECORDS = 200;

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

function memberName(n: ts.PropertyName): string | null {
  return ts.isIdentifier(n) || ts.isStringLiteralLike(n) ? n.text : null;
}

/** `process.env.X` (the global `process`) or `import.meta.env.X`: the variable's name. */
function envRead(e: ts.Expression, scope: Scope): string | null {
  e = strip(e);
  const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : null;
  if (!name) return null;
  const holder = strip((e as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression);
  if (!ts.isPropertyAccessExpression(holder) || holder.name.text !== 'env') return null;
  const root = holder.expression;
  if (ts.isMetaProperty(root)) return name;
  return ts.isIdentifier(root) && root.text === 'process' && scope.resolve(root) === null ? name : null;
}

interface Leaf { node: ts.Node; text: string; env?: string }

/** `convict({...})`: the schema library called and its schema object, or null. */
function schemaCall(e: ts.Expression, scope: Scope): { lib: ConfigSchemaLibrary; schema: ts.ObjectLiteralExpression } | null {
  e = strip(e);
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (b?.kind !== 'variable' || !b.isConst || !b.initializer) return null;
    e = strip(b.initializer);
  }
  if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression)) return null;
  const b = scope.resolve(e.expression);
  const imp = b ? (b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b)) : null;
  const lib = imp ? configSchemaLibraryOf(imp.from, imp.imported) : null;
  let schema = e.arguments[0] ? strip(e.arguments[0]) : null;
  if (schema && ts.isIdentifier(schema)) {
    const s = scope.resolve(schema);
    schema = s?.kind === 'variable' && s.isConst && s.initializer ? strip(s.initializer) : null;
  }
  return lib && schema && ts.isObjectLiteralExpression(schema) ? { lib, schema } : null;
}

const propertyOf = (o: ts.ObjectLiteralExpression, name: string): ts.Expression | null => {
  const p = o.properties.find((x) => ts.isPropertyAssignment(x) && memberName(x.name) === name);
  return p && ts.isPropertyAssignment(p) ? p.initializer : null;
};

/** The literal a value is: a string, the first of an array of strings (`keys: ['k1']`), a `process.env.X || 'lit'` fallback, or a local const holding one. */
function leafOf(e: ts.Expression, scope: Scope, depth = 0): Leaf | null {
  e = strip(e);
  if (ts.isStringLiteralLike(e)) return { node: e, text: e.text };
  if (depth > 3) return null;
  if (ts.isArrayLiteralExpression(e)) {
    const first = e.elements[0];
    return first && !ts.isSpreadElement(first) && !ts.isOmittedExpression(first) ? leafOf(first, scope, depth + 1) : null;
  }
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)) {
    const right = leafOf(e.right, scope, depth + 1);
    if (!right) return null;
    const env = envRead(e.left, scope);
    // Any other left side (a file read, another setting): what it gives is not known here.
    return env ? { ...right, env } : null;
  }
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    return b?.kind === 'variable' && b.isConst && b.initializer ? leafOf(b.initializer, scope, depth + 1) : null;
  }
  return null;
}

export const exportedLiterals: VisitorHost = {
  id: exportedLiteralFacts.id,
  triggers: [/\bexport\s+(?:default|const|let|var|\{)/, /\bmodule\.exports\b|\bexports\.\w+\s*=/],
  appliesTo: (f) => !isTestSide(f.role) && f.role !== 'generated',
  create(ctx) {
    let n = 0;
    const emitted = new Set<string>();
    const record = (path: string, leaf: Leaf, extra: { cjs?: true; local?: string; schema?: true }): void => {
      if (leaf.text === '' || n >= MAX_RECORDS || emitted.has(path)) return;
      emitted.add(path);
      n++;
      exportedLiteralFacts.emit(ctx, {
        member: path, ...extra, line: ctx.lineOf(leaf.node), shown: mask(leaf.text), length: leaf.text.length, placeholder: isPlaceholder(leaf.text),
        ...(leaf.env ? { env: leaf.env } : {}),
      });
    };
    /** A schema's keys (`{ jwt: { secret: { default: 'x', env: 'JWT_SECRET' } } }`): each default, with the variable that overrides it. */
    const walkSchema = (path: string, o: ts.ObjectLiteralExpression, lib: ConfigSchemaLibrary, depth: number, extra: { cjs?: true; local?: string }): void => {
      if (depth > MAX_DEPTH) return;
      for (const p of o.properties) {
        const name = ts.isPropertyAssignment(p) ? memberName(p.name) : null;
        const v = name !== null && ts.isPropertyAssignment(p) ? strip(p.initializer) : null;
        if (!name || !v || !ts.isObjectLiteralExpression(v)) continue;
        const at = path ? `${path}.${name}` : name;
        const value = propertyOf(v, lib.valueField);
        if (!value) {
          walkSchema(at, v, lib, depth + 1, extra);
          continue;
        }
        const leaf = leafOf(value, ctx.scope);
        const env = propertyOf(v, lib.envField);
        if (leaf) record(at, { ...leaf, ...(env && ts.isStringLiteralLike(env) ? { env: env.text } : {}) }, { ...extra, schema: true });
      }
    };
    const walk = (path: string, value: ts.Expression, depth: number, extra: { cjs?: true; local?: string }): void => {
      if (n >= MAX_RECORDS || emitted.has(path)) return;
      const e = strip(value);
      // `export default convict({...})`: what `config.get('a.b')` gives, by key path.
      const schema = depth === 0 ? schemaCall(e, ctx.scope) : null;
      if (schema) {
        walkSchema(path, schema.schema, schema.lib, 0, extra);
        return;
      }
      if (ts.isObjectLiteralExpression(e)) {
        if (depth >= MAX_DEPTH) return;
        for (const p of e.properties) {
          const name = ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? memberName(p.name) : null;
          if (name === null) continue;
          walk(`${path}.${name}`, ts.isPropertyAssignment(p) ? p.initializer : (p as ts.ShorthandPropertyAssignment).name, depth + 1, extra);
        }
        return;
      }
      // `module.exports = config` / `export default config`: the object the const holds.
      if (ts.isIdentifier(e) && depth === 0) {
        const b = ctx.scope.resolve(e);
        if (b?.kind === 'variable' && b.isConst && b.initializer && ts.isObjectLiteralExpression(strip(b.initializer))) {
          walk(path, b.initializer, depth, extra);
          return;
        }
      }
      if (ts.isIdentifier(e) || ts.isStringLiteralLike(e) || ts.isArrayLiteralExpression(e) || ts.isBinaryExpression(e)) {
        const leaf = leafOf(e, ctx.scope);
        if (leaf) record(path, leaf, extra);
      }
    };
    const exported = (s: ts.Statement) => ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    return {
      'file:end'() {
        const locals = new Map<string, ts.Expression>();
        for (const st of ctx.sourceFile.statements) {
          if (ts.isVariableStatement(st)) {
            for (const d of st.declarationList.declarations) {
              if (!ts.isIdentifier(d.name) || !d.initializer || (ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const) === 0) continue;
              locals.set(d.name.text, d.initializer);
              if (exported(st)) walk(d.name.text, d.initializer, 0, {});
            }
          } else if (ts.isExportAssignment(st) && !st.isExportEquals) {
            walk('default', st.expression, 0, {});
          } else if (ts.isExportAssignment(st)) {
            walkWhole(st.expression);
          } else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
            // `export { config }`, `export { SECRET as JWT_SECRET }`
            for (const el of st.exportClause.elements) {
              const local = (el.propertyName ?? el.name).text;
              const init = locals.get(local);
              if (init) walk(el.name.text, init, 0, el.propertyName ? { local } : {});
            }
          } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
            const name = commonJsExportName(st.expression.left);
            if (name === null) continue;
            // `module.exports = {...}`: its members are the module's exports; `exports.x = ...` is one of them.
            if (name === '') walkWhole(st.expression.right);
            else walk(name, st.expression.right, 0, { cjs: true });
          }
        }
        function walkWhole(v: ts.Expression): void {
          const schema = schemaCall(v, ctx.scope);
          if (schema) {
            walkSchema('', schema.schema, schema.lib, 0, { cjs: true });
            return;
          }
          let e = strip(v);
          if (ts.isIdentifier(e)) {
            const b = ctx.scope.resolve(e);
            if (b?.kind === 'variable' && b.isConst && b.initializer) e = strip(b.initializer);
          }
          if (!ts.isObjectLiteralExpression(e)) return;
          for (const p of e.properties) {
            const name = ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? memberName(p.name) : null;
            if (name !== null) walk(name, ts.isPropertyAssignment(p) ? p.initializer : (p as ts.ShorthandPropertyAssignment).name, 0, { cjs: true });
          }
        }
      },
    };
  },
};
