import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lazyScope, requireOf, type Binding } from './scope.js';

/** Resolves every identifier named `name` in `code` (in source order) and describes what it refers to. */
function resolveAll(code: string, name: string): string[] {
  const sf = ts.createSourceFile('a.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const scope = lazyScope(() => sf);
  const out: string[] = [];
  const describeBinding = (b: Binding | null): string => {
    if (!b) return 'global';
    const line = sf.getLineAndCharacterOfPosition(b.decl.getStart(sf)).line + 1;
    if (b.kind === 'import') return `import ${b.imported} from ${b.from}`;
    if (b.kind === 'variable') return `${b.isConst ? 'const' : 'let/var'}@${line}`;
    if (b.kind === 'parameter') return `parameter ${b.index}@${line}`;
    return `${b.kind}@${line}`;
  };
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name) out.push(describeBinding(scope.resolve(n)));
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('scopes', () => {
  it('resolves parameters over outer constants, block scopes and shadowing', () => {
    expect(resolveAll([
      "const id = 'static';",                       // 1
      'function f(id: string) { return id; }',       // 2
      'function g() { { const id = 1; use(id); } return id; }', // 3
    ].join('\n'), 'id')).toEqual(['const@1', 'parameter 0@2', 'parameter 0@2', 'const@3', 'const@3', 'const@1']);
  });

  it('resolves imports, destructuring, hoisted functions and vars, and leaves property names and globals alone', () => {
    const code = [
      "import def, { pool as db, other } from './db';", // 1
      "import * as ns from 'ns';",                      // 2
      'const { a, b: { c } } = obj;',                    // 3
      'run(); function run() { return later + db.x + ns.y + def + a + c + other; }', // 4
      'var later = 1;',                                  // 5
      'const o = { db: 1, run }; o.db;',                 // 6
    ].join('\n');
    expect(resolveAll(code, 'db')).toEqual(['import pool from ./db', 'import pool from ./db', 'global', 'global']);
    expect(resolveAll(code, 'ns')).toEqual(['import * from ns', 'import * from ns']);
    expect(resolveAll(code, 'def')).toEqual(['import default from ./db', 'import default from ./db']);
    expect(resolveAll(code, 'run')).toEqual(['function@4', 'function@4', 'function@4']);
    expect(resolveAll(code, 'later')).toEqual(['let/var@5', 'let/var@5']);
    expect(resolveAll(code, 'c')).toEqual(['destructured@3', 'destructured@3']);
    expect(resolveAll(code, 'obj')).toEqual(['global']);
  });

  it('lists later writes to a variable, by declaration', () => {
    const code = "let t = 'a'; t = 'b'; { let t = 'c'; t += 'd'; } const u = 1; let v = 0; v++;";
    const sf = ts.createSourceFile('a.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const scope = lazyScope(() => sf);
    const decls: ts.VariableDeclaration[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isVariableDeclaration(n)) decls.push(n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    const [outer, inner, u, v] = decls;
    expect(scope.writes(outer).map((w) => w?.getText(sf) ?? null)).toEqual(["'b'"]);
    expect(scope.writes(inner)).toEqual([null]);
    expect(scope.isReassigned(u)).toBe(false);
    expect(scope.isReassigned(v)).toBe(true);
  });

  it('reads CommonJS require bindings as imports', () => {
    const sf = ts.createSourceFile('a.js', "const cp = require('child_process'); const { exec: run } = require('child_process'); cp; run;",
      ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
    const scope = lazyScope(() => sf);
    const last = sf.statements.slice(-2).map((s) => ((s as ts.ExpressionStatement).expression as ts.Identifier));
    expect(last.map((id) => requireOf(scope.resolve(id)!))).toEqual([
      { from: 'child_process', imported: '*' }, { from: 'child_process', imported: 'exec' },
    ]);
  });

  it('answers from the declarations alone where they decide, and binds the file once where only the binder can tell', () => {
    let binds = 0;
    const code = [
      'const x = 1; x;',                                              // 1: declared once
      'function g(x: number) { { const x = 2; use(x); } return x; }', // 2: the innermost scope wins
      'function f(a: string): void;',                                 // 3: overloads: one scope declares f twice
      'function f(a: any) {}',                                        // 4
      'f;',                                                            // 5
    ].join('\n');
    const sf = ts.createSourceFile('a.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const scope = lazyScope(() => sf, () => binds++);
    const ids: ts.Identifier[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n)) ids.push(n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    const line = (b: Binding | null): number => (b ? sf.getLineAndCharacterOfPosition(b.decl.getStart(sf)).line + 1 : 0);
    const xs = ids.filter((i) => i.text === 'x').map((i) => `${scope.resolve(i)?.kind}@${line(scope.resolve(i))}`);
    expect(xs).toEqual(['variable@1', 'variable@1', 'parameter@2', 'variable@2', 'variable@2', 'parameter@2']);
    expect(binds).toBe(0);
    const lastF = ids.filter((i) => i.text === 'f').at(-1)!;
    expect(scope.resolve(lastF)?.kind).toBe('function');
    expect(scope.resolve(lastF)?.kind).toBe('function');
    expect(binds).toBe(1);
  });

  it('leaves a value reference to the binder where a type of the same name is in scope', () => {
    let binds = 0;
    const sf = ts.createSourceFile('a.ts', 'const T = 1; function h() { type T = string; return T; }', ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const scope = lazyScope(() => sf, () => binds++);
    const ret = ((sf.statements[1] as ts.FunctionDeclaration).body!.statements[1] as ts.ReturnStatement).expression as ts.Identifier;
    const b = scope.resolve(ret);
    expect(b?.kind).toBe('variable');
    expect(binds).toBe(1);
  });

  it('answers as the binder does, without binding, for names declared in many scopes, shorthand properties, types, JSX tags and require', () => {
    const handlers = Array.from({ length: 12 }, (_, i) => `app.get('/r${i}', (c: Ctx) => { const id = c.id; const t: Row = load(id); log({ id, t }); return <Box key={id}><div>{id}</div></Box>; });`);
    const tsx = [
      "import { Box } from './ui';",
      'interface Row { id: string }',
      'const id = 0;',
      ...handlers,
      'function wrap<T>(x: T): Promise<T> { return later(x, id); }',
    ].join('\n');
    const js = "const fs = require('fs'); function r(require) { return require('x'); } module.exports = { fs, r };";
    for (const [name, code, kind, mustBind] of [['a.tsx', tsx, ts.ScriptKind.TSX, 0], ['b.js', js, ts.ScriptKind.JS, null]] as const) {
      let binds = 0;
      const sf = ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true, kind);
      const scope = lazyScope(() => sf, () => binds++);
      const ids: ts.Identifier[] = [];
      const visit = (n: ts.Node): void => {
        // References, not the names declarations give (a shorthand property's name is a reference too).
        if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)
          && !((n.parent as ts.NamedDeclaration).name === n && !ts.isShorthandPropertyAssignment(n.parent))) ids.push(n);
        ts.forEachChild(n, visit);
      };
      visit(sf);
      const ours = ids.map((id) => scope.resolve(id)?.decl ?? null);
      if (mustBind !== null) expect(binds).toBe(mustBind);
      const checker = binderOf(sf);
      const theirs = ids.map((id) => {
        let sym = checker.getSymbolAtLocation(id);
        if (sym && ts.isShorthandPropertyAssignment(id.parent) && id.parent.name === id) sym = checker.getShorthandAssignmentValueSymbol(id.parent);
        return sym?.declarations?.[0] ?? null;
      });
      const show = (d: ts.Node | null): string => (d ? `${ts.SyntaxKind[d.kind]}@${d.getStart(sf)}` : 'none');
      expect(ids.map((id, i) => `${id.text}@${id.getStart(sf)} ${show(ours[i])}`)).toEqual(ids.map((id, i) => `${id.text}@${id.getStart(sf)} ${show(theirs[i])}`));
    }
  });
});

/** TypeScript's own answer for one file, as the scope binds it (no lib, nothing resolved). */
function binderOf(sf: ts.SourceFile): ts.TypeChecker {
  const host: ts.CompilerHost = {
    getSourceFile: (n) => (n === sf.fileName ? sf : undefined), getDefaultLibFileName: () => 'lib.d.ts', writeFile: () => {},
    getCurrentDirectory: () => '/', getCanonicalFileName: (f) => f, useCaseSensitiveFileNames: () => true, getNewLine: () => '\n',
    fileExists: (f) => f === sf.fileName, readFile: () => undefined,
  };
  return ts.createProgram({ rootNames: [sf.fileName], options: { noLib: true, noResolve: true, types: [], allowJs: true, noEmit: true, jsx: ts.JsxEmit.Preserve }, host }).getTypeChecker();
}
