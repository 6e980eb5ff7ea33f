import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { declIdOf } from '../../collect/decl-id.js';
import { holdsMoneyOrStock, isFieldWrite, isRowLockMethod, isRowLockOption, isRowRead, isRowSave, isTransactionMethod, isVersionField, RELATIVE_UPDATE_KEYS, ROW_READS, VALUE_KEYS } from '../../knowledge/index.js';
import { defineSourceRule, type RuleFinding } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { perRequest, registeredAt, routeOf } from '../shared/per-request.js';

const unwrap = (e: ts.Expression): ts.Expression => {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
};
const nameOf = (p: ts.ObjectLiteralElementLike): string | null => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null);
const RELATIVE = new Set(RELATIVE_UPDATE_KEYS.map((k) => k.key));

/** A row read: the call (`prisma.user.findUnique(...)`) a value comes from, with whether it locks the row. */
interface Read { call: ts.CallExpression; locked: boolean }

/** The row read an expression's value is (`await prisma.user.findUnique(...)`, through `.select(...)`-style chains), or null. */
function readCall(e: ts.Expression | undefined): Read | null {
  if (!e) return null;
  let locked = false;
  let n = unwrap(e);
  // `.forUpdate()`, `.setLock('pessimistic_write')` on the read's query: the row is locked.
  while (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && !isRowRead(n.expression.name.text)) {
    if (isRowLockMethod(n.expression.name.text)) locked = true;
    n = n.expression.expression;
  }
  if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !isRowRead(n.expression.name.text)) return null;
  const optionLock = (o: ts.Expression): boolean => ts.isObjectLiteralExpression(o) && o.properties.some((p) => {
    const k = nameOf(p);
    return k !== null && (isRowLockOption(k) || (VALUE_KEYS.includes(k) === false && ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer) && optionLock(p.initializer)));
  });
  return { call: n, locked: locked || n.arguments.some((a) => optionLock(unwrap(a))) };
}

/** The row variable a `row.field` read names, and the read that filled it; also a destructured `{ balance }` of a read. */
function rowOf(e: ts.Expression, scope: Scope): { field: string; row: ts.Node; read: Read } | null {
  const u = unwrap(e);
  const obj = ts.isPropertyAccessExpression(u) ? unwrap(u.expression) : null;
  if (ts.isPropertyAccessExpression(u) && obj && ts.isIdentifier(obj)) {
    const b = scope.resolve(obj);
    if (b?.kind !== 'variable') return null;
    const read = readCall(b.initializer ?? undefined);
    return read ? { field: u.name.text, row: b.decl, read } : null;
  }
  if (ts.isIdentifier(u)) {
    const b = scope.resolve(u);
    if (b?.kind !== 'destructured' || !ts.isBindingElement(b.decl) || !ts.isObjectBindingPattern(b.decl.parent)) return null;
    const decl = b.decl.parent.parent;
    if (!ts.isVariableDeclaration(decl)) return null;
    const read = readCall(decl.initializer);
    const key = b.decl.propertyName && ts.isIdentifier(b.decl.propertyName) ? b.decl.propertyName.text : u.text;
    return read ? { field: key, row: decl, read } : null;
  }
  return null;
}

/** `row.balance - amount`, `row.stock + qty` (through a `const` holding it): the read field the arithmetic starts from. */
function arithmeticOn(e: ts.Expression, scope: Scope, depth = 0): { field: string; row: ts.Node; read: Read; text: string } | null {
  const u = unwrap(e);
  if (ts.isBinaryExpression(u) && (u.operatorToken.kind === ts.SyntaxKind.MinusToken || u.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
    for (const side of [u.left, u.right]) {
      const r = rowOf(side, scope) ?? arithmeticOn(side, scope, depth + 1);
      if (r) return { ...r, text: u.getText().replace(/\s+/g, ' ').slice(0, 60) };
    }
  }
  if (ts.isIdentifier(u) && depth < 3) {
    const b = scope.resolve(u);
    if (b?.kind === 'variable' && b.isConst && b.initializer) return arithmeticOn(b.initializer, scope, depth + 1);
  }
  return null;
}

/** The function a node is in, and whether that function is a transaction's callback. */
function enclosing(n: ts.Node): { fn: ts.SignatureDeclaration | null; transaction: boolean } {
  let fn: ts.SignatureDeclaration | null = null;
  for (let p = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (!ts.isFunctionLike(p)) continue;
    fn ??= p;
    const call = p.parent;
    if (call && ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && isTransactionMethod(call.expression.name.text)) return { fn, transaction: true };
  }
  return { fn, transaction: false };
}

/** A read whose options hand it a transaction (`{ transaction: t }`, Sequelize's form). */
const readInTransaction = (r: Read): boolean => r.call.arguments.some((a) => {
  const u = unwrap(a);
  return ts.isObjectLiteralExpression(u) && u.properties.some((p) => nameOf(p) === 'transaction');
});

/** A write's filter or values that check a value it read (`where: { id, version: row.version }`): an optimistic check. */
function checksVersion(args: readonly ts.Expression[], field: string, row: ts.Node, scope: Scope, except: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || n === except) return;
    if (ts.isPropertyAssignment(n)) {
      const key = nameOf(n);
      const v = unwrap(n.initializer);
      const r = rowOf(v, scope);
      if (key !== null && (isVersionField(key) || key === field) && r && r.row === row) found = true;
      // `version: { increment: 1 }`: the write bumps a version the filter checks.
      if (key !== null && isVersionField(key) && ts.isObjectLiteralExpression(v)) found = true;
    }
    ts.forEachChild(n, visit);
  };
  for (const a of args) visit(a);
  return found;
}

export default defineSourceRule({
  id: 'database/read-modify-write',
  meta: {
    category: 'database',
    severity: 'high',
    title: 'A stored number is read, changed in code and written back without a lock or an atomic update',
    rationale: 'Two requests that read the same balance or stock at once both compute from the old value and both write: one update is lost, and a buyer spends the same credit twice or buys the last item twice. The database applies a relative update atomically; code that computes the new value does not.',
    remediation: {
      text: 'Let the database do the arithmetic (`data: { balance: { decrement: amount } }` in Prisma, `$inc` in MongoDB, `increment`/`decrement` in Sequelize and TypeORM, `UPDATE ... SET stock = stock - $1 WHERE id = $2 AND stock >= $1`), or read the row with a lock inside a transaction (`SELECT ... FOR UPDATE`, `lock: true`), or check a version in the write\'s filter and retry when no row matched.',
      effort: 'low',
    },
    messages: {
      lostUpdate: '{{field}} is read at line {{readLine}} ({{read}}), computed in code as {{expr}} and written back by {{write}}: concurrent requests read the same value and one update is lost (overspend, oversell). {{flow}}',
      inTransaction: '{{field}} is read at line {{readLine}} ({{read}}) inside a transaction without a row lock, computed as {{expr}} and written back by {{write}}: under the default isolation two transactions still read the same value. {{flow}}',
    },
  },
  triggers: ROW_READS.map((r) => `.${r.method}(`),
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script' && f.role !== 'config',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const seen = new Set<string>();
    const report = (at: ts.Node, field: string, found: { row: ts.Node; read: Read; text: string }, write: string): void => {
      if (found.read.locked) return;
      const { fn, transaction } = enclosing(at);
      const tx = transaction || readInTransaction(found.read);
      const key = `${ctx.lineOf(at)}:${field}`;
      if (seen.has(key)) return;
      seen.add(key);
      const id = fn ? declIdOf(fn) : null;
      ctx.report({
        node: at, messageId: tx ? 'inTransaction' : 'lostUpdate',
        data: { field: `\`${field}\``, readLine: String(ctx.lineOf(found.read.call)), read: `${found.read.call.expression.getText(ctx.sourceFile).replace(/\s+/g, '')}()`, expr: `\`${found.text}\``, write, flow: '', decl: id ?? '', registered: fn ? JSON.stringify(registeredAt(fn, ctx.lineOf)) : '[]' },
        ...(tx || !holdsMoneyOrStock(field) ? { severity: 'medium' as const } : {}),
      });
    };
    /** The values an ORM write sets, at the top of an argument or under `data`/`$set`/`update`. */
    const judgeValues = (obj: ts.ObjectLiteralExpression, call: ts.CallExpression, write: string, depth = 0): void => {
      for (const p of obj.properties) {
        const key = nameOf(p);
        if (key === null || !ts.isPropertyAssignment(p)) continue;
        const v = unwrap(p.initializer);
        if (VALUE_KEYS.includes(key) && ts.isObjectLiteralExpression(v) && depth < 2) {
          judgeValues(v, call, write, depth + 1);
          continue;
        }
        if (ts.isObjectLiteralExpression(v) && v.properties.some((q) => RELATIVE.has(nameOf(q) ?? ''))) continue;
        const found = arithmeticOn(v, ctx.scope);
        if (!found || found.field !== key) continue;
        if (checksVersion(call.arguments, key, found.row, ctx.scope, p)) continue;
        report(p, key, found, write);
      }
    };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(call.expression) || !isFieldWrite(call.expression.name.text)) return;
        const write = `${call.expression.getText(ctx.sourceFile).replace(/\s+/g, '')}() (line ${ctx.lineOf(call)})`;
        for (const a of call.arguments) {
          const u = unwrap(a);
          if (ts.isObjectLiteralExpression(u)) judgeValues(u, call, write);
        }
      },
      BinaryExpression(node) {
        // `row.balance -= amount` or `row.balance = row.balance - amount`, then `row.save()` / `repo.save(row)`.
        const b = node as ts.BinaryExpression;
        const op = b.operatorToken.kind;
        if (!ts.isPropertyAccessExpression(b.left)) return;
        const target = rowOf(b.left, ctx.scope);
        if (!target) return;
        let found: { row: ts.Node; read: Read; text: string } | null = null;
        if (op === ts.SyntaxKind.MinusEqualsToken || op === ts.SyntaxKind.PlusEqualsToken) found = { ...target, text: b.getText().replace(/\s+/g, ' ').slice(0, 60) };
        else if (op === ts.SyntaxKind.EqualsToken) {
          const a = arithmeticOn(b.right, ctx.scope);
          if (a && a.field === target.field && a.row === target.row) found = a;
        }
        if (!found) return;
        const save = saveAfter(b, target.row, ctx.scope);
        if (save) report(b, target.field, found, `${save.expression.getText(ctx.sourceFile).replace(/\s+/g, '')}() (line ${ctx.lineOf(save)})`);
      },
    };
  },
  review(finding: RuleFinding, _layout, ctx): RuleFinding | null {
    if (!finding.path) return null;
    const { decl, registered, ...data } = finding.data ?? {};
    const world = ctx.memo('per-request', () => perRequest(ctx.link));
    const path = routeOf(world, finding.path, registered, decl);
    if (path) return { ...finding, data: { ...data, flow: `Runs per request: ${path.join(' → ')}.` } };
    return { ...finding, data: { ...data, flow: '' } };
  },
});

/** A save of the row after the assignment, in the same function (`row.save()`, `repo.save(row)`). */
function saveAfter(at: ts.Node, row: ts.Node, scope: Scope): ts.CallExpression | null {
  let fn: ts.Node | undefined = at.parent;
  while (fn && !ts.isFunctionLike(fn) && !ts.isSourceFile(fn)) fn = fn.parent;
  if (!fn) return null;
  const refers = (e: ts.Expression): boolean => {
    const u = unwrap(e);
    if (!ts.isIdentifier(u)) return false;
    const b = scope.resolve(u);
    return b !== null && 'decl' in b && b.decl === row;
  };
  let found: ts.CallExpression | null = null;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && n.pos > at.end && ts.isPropertyAccessExpression(n.expression) && isRowSave(n.expression.name.text)
      && (refers(n.expression.expression) || n.arguments.some(refers))) found = n;
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

