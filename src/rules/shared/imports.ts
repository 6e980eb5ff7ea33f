// Which local names a file binds to a module: `import x from 'm'`, `import * as x`, `import { a as b }`,
// `const x = require('m')`, `const { a } = require('m')`. Computed once per syntax tree.
import ts from 'typescript';
import { OwnMemo } from '../../util/file-memo.js';

export interface ModuleBindings {
  /** Local names bound to the module itself (default, namespace, `require`). */
  whole: Set<string>;
  /** Local name -> exported name, for named imports and destructured requires. */
  named: Map<string, string>;
}

const cache = new OwnMemo<ts.SourceFile, Map<string, ModuleBindings>>('bindings');
/** Merged bindings per file and module list: visitors ask once per call expression. */
const merged = new OwnMemo<ts.SourceFile, Map<string, ModuleBindings>>('mergedBindings');

function requiredModule(e: ts.Expression | undefined): string | null {
  while (e && (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e))) e = e.expression;
  if (e && ts.isCallExpression(e) && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0])) {
    if ((ts.isIdentifier(e.expression) && e.expression.text === 'require') || e.expression.kind === ts.SyntaxKind.ImportKeyword) {
      return e.arguments[0].text;
    }
  }
  return null;
}

function collectAll(sf: ts.SourceFile): Map<string, ModuleBindings> {
  const all = new Map<string, ModuleBindings>();
  const of = (m: string): ModuleBindings => {
    let b = all.get(m);
    if (!b) all.set(m, (b = { whole: new Set(), named: new Map() }));
    return b;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.importClause) {
      const b = of(node.moduleSpecifier.text);
      const c = node.importClause;
      if (c.name) b.whole.add(c.name.text);
      if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) b.whole.add(c.namedBindings.name.text);
      if (c.namedBindings && ts.isNamedImports(c.namedBindings)) {
        for (const el of c.namedBindings.elements) b.named.set(el.name.text, (el.propertyName ?? el.name).text);
      }
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      of(node.moduleReference.expression.text).whole.add(node.name.text);
    } else if (ts.isVariableDeclaration(node)) {
      const m = requiredModule(node.initializer);
      if (m) {
        const b = of(m);
        if (ts.isIdentifier(node.name)) b.whole.add(node.name.text);
        else if (ts.isObjectBindingPattern(node.name)) {
          for (const el of node.name.elements) {
            if (ts.isIdentifier(el.name)) b.named.set(el.name.text, el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text);
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return all;
}

/** Bindings of every one of `modules` the file imports, merged. */
export function bindingsOf(sf: ts.SourceFile, modules: readonly string[]): ModuleBindings {
  let perFile = merged.get(sf);
  if (!perFile) merged.set(sf, (perFile = new Map()));
  const key = modules.join('\0');
  const hit = perFile.get(key);
  if (hit) return hit;
  const out = mergeBindings(sf, modules);
  perFile.set(key, out);
  return out;
}

function mergeBindings(sf: ts.SourceFile, modules: readonly string[]): ModuleBindings {
  let all = cache.get(sf);
  if (!all) cache.set(sf, (all = collectAll(sf)));
  const out: ModuleBindings = { whole: new Set(), named: new Map() };
  for (const m of modules) {
    const b = all.get(m);
    if (!b) continue;
    for (const w of b.whole) out.whole.add(w);
    for (const [k, v] of b.named) out.named.set(k, v);
  }
  return out;
}

/**
 * Whether a call invokes `exported` of one of `modules`: `mod.exported(...)` through a default,
 * namespace or required binding, or `exported(...)` through a named import (aliases followed).
 */
export function callsExport(call: ts.CallExpression, sf: ts.SourceFile, modules: readonly string[], exported: readonly string[]): string | null {
  const b = bindingsOf(sf, modules);
  const e = call.expression;
  if (ts.isPropertyAccessExpression(e) && exported.includes(e.name.text)) {
    let obj: ts.Expression = e.expression;
    if (ts.isPropertyAccessExpression(obj) && obj.name.text === 'default') obj = obj.expression;
    if (ts.isIdentifier(obj) && b.whole.has(obj.text)) return e.name.text;
  }
  if (ts.isIdentifier(e)) {
    const name = b.named.get(e.text);
    if (name && exported.includes(name)) return name;
  }
  return null;
}

export const NODE_CRYPTO = ['crypto', 'node:crypto'];
export const CHILD_PROCESS = ['child_process', 'node:child_process'];

/** The modules a file imports or requires at its top level. */
export function importedModules(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) out.push(n.moduleSpecifier.text);
    else if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require' && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) out.push(n.arguments[0].text);
    else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
