// Which key a JWT is signed or verified with, by resolution: the environment variable it reads
// (`process.env.X`, `c.env.X`, a destructured `process.env`, Nest `config.get('X')`), the literal it
// is, or the import it names (resolved by a review through the link stage). Two calls whose keys
// resolve to the same id use the same secret.
import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { ENV_CONFIG_READERS } from '../../knowledge/index.js';
import { valueOf } from './ast.js';

/** A key read here (`env:JWT_SECRET`, `lit:…`) or an import for the review (`imp:{…}`). */
export type KeyRef = string;

const MAX_DEPTH = 6;

/** A short digest of a literal key: records and messages never carry the secret itself. */
function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${h.toString(16)}/${text.length}`;
}

/** How a finding names a key: the variable, or that it is a string fixed in the code (never its value). */
export function describeKey(key: KeyRef): string {
  if (key.startsWith('env:')) return `the environment variable \`${key.slice(4)}\``;
  if (key.startsWith('lit:')) return 'the same string written in the code';
  if (key.startsWith('decl:')) return `\`${key.slice(key.indexOf('#') + 1)}\` of ${key.slice(5, key.indexOf('#'))}`;
  return key;
}

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

const memberName = (e: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | null =>
  ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : null;

/** `process.env`, a context's `env` (`c.env`), or a Workers handler's `env` parameter. */
function isEnvObject(e: ts.Expression, scope: Scope): boolean {
  e = strip(e);
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'env') return true;
  if (ts.isIdentifier(e) && e.text === 'env') return scope.resolve(e)?.kind === 'parameter';
  return false;
}

/** The class a receiver is typed with, through its import: `this.config` (a constructor parameter property) or a typed parameter. */
export function receiverClass(e: ts.Expression, scope: Scope): { from: string; imported: string } | null {
  let type: ts.TypeNode | undefined;
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = ts.findAncestor(e, ts.isClassLike);
    for (const m of cls?.members ?? []) {
      if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === e.name.text) type = m.type;
      if (ts.isConstructorDeclaration(m)) for (const p of m.parameters) if (ts.isIdentifier(p.name) && p.name.text === e.name.text) type = p.type;
    }
  } else if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (b?.kind === 'parameter') type = b.decl.type;
  }
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return null;
  const b = scope.resolve(type.typeName);
  return b?.kind === 'import' ? { from: b.from, imported: b.imported } : null;
}

/** The key an expression resolves to, or null when it cannot be told (a parameter, a call into another module). */
export function keyRefOf(e: ts.Expression | undefined, scope: Scope, depth = 0): KeyRef | null {
  if (!e || depth > MAX_DEPTH) return null;
  e = strip(e);
  if (ts.isStringLiteralLike(e)) return `lit:${digest(e.text)}`;
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    // `process.env.JWT_SECRET || 'dev'`: the variable decides in production.
    return keyRefOf(e.left, scope, depth + 1);
  }
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (!b) return null;
    const imp = b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b);
    if (imp) return `imp:${JSON.stringify({ spec: imp.from, imported: imp.imported, member: null })}`;
    if (b.kind === 'destructured') {
      // `const { JWT_SECRET } = process.env`
      const pattern = b.decl.parent;
      const holder = pattern.parent;
      if (ts.isVariableDeclaration(holder) && holder.initializer && isEnvObject(holder.initializer, scope)) {
        const name = b.decl.propertyName && ts.isIdentifier(b.decl.propertyName) ? b.decl.propertyName.text : ts.isIdentifier(b.decl.name) ? b.decl.name.text : null;
        return name ? `env:${name}` : null;
      }
      return null;
    }
    const init = valueOf(e, scope);
    return init ? keyRefOf(init, scope, depth + 1) : null;
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const name = memberName(e);
    if (!name) return null;
    if (isEnvObject(e.expression, scope)) return `env:${name}`;
    // `config.jwt.secret`: the root's import with the member path, or a local const object's member.
    const path: string[] = [name];
    let root: ts.Expression = strip(e.expression);
    while ((ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) && memberName(root)) {
      path.unshift(memberName(root)!);
      root = strip(root.expression);
    }
    if (!ts.isIdentifier(root)) return null;
    const b = scope.resolve(root);
    const imp = b && (b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b));
    if (imp) {
      const whole = imp.imported === '*';
      return `imp:${JSON.stringify({ spec: imp.from, imported: whole ? path[0] : imp.imported, member: (whole ? path.slice(1) : path).join('.') || null })}`;
    }
    let obj = valueOf(root, scope);
    for (const step of path) {
      const o = obj && strip(obj);
      if (!o || !ts.isObjectLiteralExpression(o)) return null;
      const p = o.properties.find((x) => x.name && (ts.isIdentifier(x.name) || ts.isStringLiteralLike(x.name)) && x.name.text === step);
      obj = p && ts.isPropertyAssignment(p) ? p.initializer : null;
    }
    return obj ? keyRefOf(obj, scope, depth + 1) : null;
  }
  if (ts.isCallExpression(e)) {
    const callee = e.expression;
    // `new TextEncoder().encode(x)`, `Buffer.from(x)`, `createSecretKey(x)`: the same bytes.
    if (ts.isPropertyAccessExpression(callee) && ['encode', 'from'].includes(callee.name.text) && e.arguments.length >= 1) {
      const owner = callee.expression;
      if ((ts.isNewExpression(owner) && ts.isIdentifier(owner.expression) && owner.expression.text === 'TextEncoder') || (ts.isIdentifier(owner) && owner.text === 'Buffer')) return keyRefOf(e.arguments[0], scope, depth + 1);
    }
    // Nest `config.get('JWT_SECRET')`: reads the environment variable of that name.
    if (ts.isPropertyAccessExpression(callee) && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])) {
      const cls = receiverClass(callee.expression, scope);
      const reader = cls && ENV_CONFIG_READERS.find((r) => r.module === cls.from && r.class === cls.imported);
      if (reader && (reader.methods as readonly string[]).includes(callee.name.text)) return `env:${(e.arguments[0] as ts.StringLiteral).text}`;
    }
  }
  return null;
}

/** Records for a file's top-level consts (and object members, a few levels down) that hold a key read here. */
export function keyConstRecords(sf: ts.SourceFile, scope: Scope): Array<{ type: 'keyConst'; id: string; key: string }> {
  const out: Array<{ type: 'keyConst'; id: string; key: string }> = [];
  const walk = (id: string, init: ts.Expression, depth: number): void => {
    const e = strip(init);
    if (ts.isObjectLiteralExpression(e)) {
      if (depth >= 3) return;
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p) && p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name))) walk(`${id}.${p.name.text}`, p.initializer, depth + 1);
      }
      return;
    }
    const key = keyRefOf(e, scope);
    if (key && !key.startsWith('imp:')) out.push({ type: 'keyConst', id, key });
  };
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) walk(d.name.text, d.initializer, 0);
  }
  return out;
}
