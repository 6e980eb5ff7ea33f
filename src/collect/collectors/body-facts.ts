// What a function's body does, as facts a rule can judge: the calls it makes (imported ones named by
// module and export, through the file's scopes), whether it answers 401/403 or throws, and which
// credential-bearing request fields it reads. No judgment here: rules/shared/guards.ts decides, with
// the library knowledge, whether such a body guards a route.
import ts from 'typescript';
import { CREDENTIAL_FIELDS, DENIAL_WORDS } from '../../knowledge/index.js';
import type { Scope } from '../scope.js';
import type { BodyFacts } from '../facts/body.js';

export type { BodyFacts } from '../facts/body.js';

const MAX_CALLS = 40;

export function functionBodyFacts(fn: ts.FunctionLikeDeclaration, scope: Scope): BodyFacts {
  const facts: BodyFacts = { calls: [] };
  const credentials = new Set<string>();
  const body = fn.body;
  if (!body) return facts;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const c = calleeOf(n.expression, scope);
      if (c && facts.calls.length < MAX_CALLS && !facts.calls.includes(c)) facts.calls.push(c);
    } else if (ts.isThrowStatement(n)) facts.throws = true;
    else if (ts.isNumericLiteral(n) && (n.text === '401' || n.text === '403')) facts.denies = true;
    else if (ts.isStringLiteralLike(n) || ts.isIdentifier(n)) {
      const word = n.text.toLowerCase();
      if (DENIAL_WORDS.some((w) => word.includes(w))) facts.denies = true;
      if (CREDENTIAL_FIELDS.includes(word)) credentials.add(word);
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  if (credentials.size > 0) facts.credentials = [...credentials].sort();
  return facts;
}

/** A callee as a fact: `module#export[#member]` when its root is an import, else its text without spaces. */
export function calleeOf(e: ts.Expression, scope: Scope): string | null {
  const members: string[] = [];
  let root = e;
  while (ts.isPropertyAccessExpression(root)) {
    members.unshift(root.name.text);
    root = root.expression;
  }
  if (ts.isIdentifier(root)) {
    const b = scope.resolve(root);
    if (b?.kind === 'import') {
      const head = b.imported === '*' && members.length > 0 ? `${b.from}#${members.shift()}` : `${b.from}#${b.imported}`;
      return [head, ...members].join('#');
    }
  }
  const text = e.getText().replace(/\s+/g, '');
  return text.length > 0 && text.length <= 80 ? text : null;
}
