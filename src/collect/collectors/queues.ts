// Where queues are made and consumed by name, the queue methods called on them, and the call sites
// of functions given a name (factories). What an export of a queue library is comes from
// knowledge/ (`queueExport`, `queueMethodNames`); a name is recorded as written (constant, import,
// parameter, unreadable) and resolved across files by the rule through the link stage. Never judges.
import ts from 'typescript';
import { queueExport, queueMethodNames, queuePackages } from '../../knowledge/index.js';
import { lineTextOf, snippetOf } from '../../util/text.js';
import type { RecordOf } from '../facts/define.js';
import { queueFacts, type QueueName } from '../facts/queues.js';
import type { VisitorHost } from '../host.js';
import { requireOf } from '../scope.js';

type QueueRecord = RecordOf<typeof queueFacts>;
type Unquoted<R> = R extends { snippet: string } ? Omit<R, 'snippet'> : R;

const unwrap = (e: ts.Expression): ts.Expression => {
  while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
};

const isTopLevel = (n: ts.Node): boolean => {
  const stmt = n.parent?.parent;
  return stmt !== undefined && ts.isVariableStatement(stmt) && ts.isSourceFile(stmt.parent);
};

/** The id the symbols collector gives a function: a top-level function or const, or a class's method. */
function functionId(fn: ts.SignatureDeclaration): string | null {
  if (ts.isFunctionDeclaration(fn) && fn.name && ts.isSourceFile(fn.parent)) return fn.name.text;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) && isTopLevel(fn.parent)) {
    return fn.parent.name.text;
  }
  if (ts.isMethodDeclaration(fn) && ts.isIdentifier(fn.name) && ts.isClassDeclaration(fn.parent) && fn.parent.name) return `${fn.parent.name.text}.${fn.name.text}`;
  return null;
}

const className = (n: ts.Node): string | null => {
  const c = ts.findAncestor(n, ts.isClassLike);
  return c?.name?.text ?? null;
};

export const queues: VisitorHost = {
  id: queueFacts.id,
  triggers: ['ueue', 'Worker', 'Processor'],
  create(ctx) {
    const emit = (f: Unquoted<QueueRecord>) => queueFacts.emit(ctx, { ...f, snippet: snippetOf(lineTextOf(ctx.sourceFile, ctx.text, f.line)) });
    const methods = queueMethodNames();
    /** What holds a made value: a declaration node, or a key (`C.field`, `obj.member`), each to its slot. */
    const byDecl = new Map<ts.Node, number>();
    const byKey = new Map<string, number>();
    let slots = 0;
    const pendingUses: ts.CallExpression[] = [];
    // Only a file that names a queue package can make or consume a queue itself (the others are asked nothing).
    const namesLibrary = queuePackages().some((p) => ctx.text.includes(p));

    /** The library export an expression names: an import, a require, or `ns.Export` on a namespace import. */
    const exportOf = (e: ts.Expression): { from: string; imported: string } | null => {
      if (ts.isIdentifier(e)) {
        const b = ctx.scope.resolve(e);
        if (!b) return null;
        if (b.kind === 'import') return { from: b.from, imported: b.imported };
        const r = requireOf(b);
        // `const Queue = require('bull')`: CommonJS's module.exports is the ES default export.
        return r ? { from: r.from, imported: r.imported === '*' ? 'default' : r.imported } : null;
      }
      if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
        const ns = exportOf(e.expression);
        return ns && (ns.imported === '*' || ns.imported === 'default') ? { from: ns.from, imported: e.name.text } : null;
      }
      return null;
    };

    const nameOf = (arg: ts.Expression | undefined, depth = 0): QueueName => {
      if (!arg) return { unknown: '(no name given)' };
      const e = unwrap(arg);
      if (ts.isStringLiteralLike(e)) return { value: e.text };
      const text = e.getText().slice(0, 80);
      if (depth > 3) return { unknown: text };
      if (ts.isIdentifier(e)) {
        const b = ctx.scope.resolve(e);
        if (b?.kind === 'import') return { module: b.from, name: b.imported };
        if (b?.kind === 'parameter') {
          const id = functionId(b.fn);
          return id ? { param: id, index: b.index } : { unknown: text };
        }
        if (b?.kind === 'variable' && b.initializer && (b.isConst || !ctx.scope.isReassigned(b.decl))) {
          const r = requireOf(b);
          return r ? { unknown: text } : nameOf(b.initializer, depth + 1);
        }
        return { unknown: text };
      }
      if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
        const member = e.name.text;
        const b = ctx.scope.resolve(e.expression);
        if (b?.kind === 'import') return { module: b.from, name: b.imported, member };
        const slot = b ? byDecl.get(b.decl) : undefined;
        if (slot !== undefined) return { slot, member };
        if (b?.kind === 'variable' && b.isConst && b.initializer) {
          const obj = unwrap(b.initializer);
          const p = ts.isObjectLiteralExpression(obj)
            ? obj.properties.find((q): q is ts.PropertyAssignment => ts.isPropertyAssignment(q) && q.name.getText() === member) : undefined;
          if (p) return nameOf(p.initializer, depth + 1);
        }
      }
      return { unknown: text };
    };

    /** Where a made value is kept: its slot is found again from a receiver that names that place. */
    const hold = (n: ts.Expression, slot: number): string | undefined => {
      let e: ts.Node = n;
      while (e.parent && (ts.isAwaitExpression(e.parent) || ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent))) e = e.parent;
      const p = e.parent;
      if (!p) return undefined;
      if (ts.isVariableDeclaration(p) && p.initializer === e && ts.isIdentifier(p.name)) {
        byDecl.set(p, slot);
        return isTopLevel(p) ? p.name.text : undefined;
      }
      if (ts.isPropertyDeclaration(p) && ts.isIdentifier(p.name)) {
        const c = className(p);
        if (c) byKey.set(`this:${c}.${p.name.text}`, slot);
        return undefined;
      }
      if (ts.isBinaryExpression(p) && p.right === e && ts.isPropertyAccessExpression(p.left) && p.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const c = className(p);
        if (c) byKey.set(`this:${c}.${p.left.name.text}`, slot);
        return undefined;
      }
      if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && ts.isObjectLiteralExpression(p.parent)) {
        const owner = p.parent.parent;
        if (ts.isVariableDeclaration(owner) && ts.isIdentifier(owner.name)) {
          byKey.set(`${owner.name.text}.${p.name.text}`, slot);
          return isTopLevel(owner) ? `${owner.name.text}.${p.name.text}` : undefined;
        }
      }
      return undefined;
    };

    const make = (node: ts.NewExpression | ts.CallExpression) => {
      if (!namesLibrary) return false;
      const lib = exportOf(node.expression);
      const q = lib && queueExport(lib.from, lib.imported);
      if (!lib || !q) return false;
      const slot = slots++;
      const variable = hold(node, slot);
      emit({
        type: 'make', role: q.role, lib: `${lib.from}#${lib.imported}`, ...(q.role === 'queue' ? { methodsOf: q.methodsOf } : {}),
        name: nameOf(node.arguments?.[0]), slot, ...(variable ? { variable } : {}), line: ctx.lineOf(node),
      });
      return true;
    };

    /** A name-like argument: a string, or a name or member that may hold one. Null for what cannot be a name. */
    const nameLike = (a: ts.Expression): boolean => {
      const e = unwrap(a);
      return ts.isStringLiteralLike(e) || ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isTemplateExpression(e);
    };

    // Names a factory call can go to: top-level functions and imports, read from the statements
    // (a name declared nowhere there is no candidate, and the file is not bound for it).
    let candidates: Set<string> | null = null;
    const candidate = (name: string): boolean => {
      if (!candidates) {
        candidates = new Set();
        for (const st of ctx.sourceFile.statements) {
          if (ts.isFunctionDeclaration(st) && st.name) candidates.add(st.name.text);
          else if (ts.isVariableStatement(st)) {
            for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) candidates.add(d.name.text);
          } else if (ts.isImportDeclaration(st) && st.importClause) {
            const c = st.importClause;
            if (c.name) candidates.add(c.name.text);
            if (c.namedBindings && ts.isNamedImports(c.namedBindings)) for (const e of c.namedBindings.elements) candidates.add(e.name.text);
          }
        }
      }
      return candidates.has(name);
    };

    const factoryCall = (call: ts.CallExpression) => {
      if (!ts.isIdentifier(call.expression) || call.arguments.length === 0) return;
      if (!call.arguments.some(nameLike) || !candidate(call.expression.text)) return;
      const b = ctx.scope.resolve(call.expression);
      let callee: { local: string } | { module: string; name: string } | null = null;
      if (b?.kind === 'import') callee = { module: b.from, name: b.imported };
      else if (b?.kind === 'function' && ts.isSourceFile(b.decl.parent) && b.decl.name) callee = { local: b.decl.name.text };
      else if (b?.kind === 'variable' && isTopLevel(b.decl) && b.initializer && (ts.isArrowFunction(b.initializer) || ts.isFunctionExpression(b.initializer))) {
        callee = { local: call.expression.text };
      }
      if (!callee) return;
      const args = call.arguments.map((a) => (nameLike(a) ? nameOf(a) : null));
      const slot = slots++;
      const variable = hold(call, slot);
      emit({ type: 'call', callee, args, slot, ...(variable ? { variable } : {}), line: ctx.lineOf(call) });
    };

    const slotOfReceiver = (r: ts.Expression): Extract<QueueRecord, { type: 'use' }>['target'] => {
      const e = unwrap(r);
      const unresolved = { unresolved: e.getText().slice(0, 80) };
      if (ts.isIdentifier(e)) {
        const b = ctx.scope.resolve(e);
        if (b?.kind === 'import') return { module: b.from, name: b.imported };
        const slot = b ? byDecl.get(b.decl) : undefined;
        return slot !== undefined ? { slot } : unresolved;
      }
      if (ts.isPropertyAccessExpression(e)) {
        const member = e.name.text;
        if (e.expression.kind === ts.SyntaxKind.ThisKeyword) {
          const c = className(e);
          const slot = c ? byKey.get(`this:${c}.${member}`) : undefined;
          return slot !== undefined ? { slot } : unresolved;
        }
        if (ts.isIdentifier(e.expression)) {
          const b = ctx.scope.resolve(e.expression);
          if (b?.kind === 'import') return { module: b.from, name: b.imported, member };
          const slot = b?.kind === 'variable' ? byKey.get(`${e.expression.text}.${member}`) : undefined;
          if (slot !== undefined) return { slot };
        }
      }
      return unresolved;
    };

    return {
      NewExpression(node) {
        make(node as ts.NewExpression);
      },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (ts.isPropertyAccessExpression(call.expression) && methods.has(call.expression.name.text)) pendingUses.push(call);
        if (ts.isDecorator(call.parent)) return;
        // bull's `Queue('mail')` works without `new`.
        if (!make(call)) factoryCall(call);
      },
      Decorator(node) {
        const d = node as ts.Decorator;
        if (!namesLibrary || !ts.isCallExpression(d.expression)) return;
        const lib = exportOf(d.expression.expression);
        const q = lib && queueExport(lib.from, lib.imported);
        if (!lib || !q) return;
        const a = d.expression.arguments[0];
        const option = a && ts.isObjectLiteralExpression(unwrap(a))
          ? (unwrap(a) as ts.ObjectLiteralExpression).properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'name')?.initializer
          : a;
        const slot = slots++;
        // `@InjectQueue('mail') private q: Queue` in a constructor, or on a field: `this.q` is that queue.
        const holder = d.parent;
        const c = className(d);
        if (c && (ts.isParameter(holder) || ts.isPropertyDeclaration(holder)) && ts.isIdentifier(holder.name)) byKey.set(`this:${c}.${holder.name.text}`, slot);
        emit({
          type: 'make', role: q.role, lib: `${lib.from}#${lib.imported}`, ...(q.role === 'queue' ? { methodsOf: q.methodsOf } : {}),
          name: option ? nameOf(option) : { unknown: '(no name given)' }, slot, line: ctx.lineOf(d),
        });
      },
      'file:end': () => {
        for (const call of pendingUses) {
          const e = call.expression as ts.PropertyAccessExpression;
          const target = slotOfReceiver(e.expression);
          // A receiver verdict cannot resolve counts only in a file that names a queue library.
          if ('unresolved' in target && !namesLibrary) continue;
          emit({ type: 'use', method: e.name.text, target, line: ctx.lineOf(call) });
        }
      },
    };
  },
};
