import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { isSessionField, LOG_RECEIVERS, nameSaysPasswordReset, nameWords, passwordVerifierMethodOf, passwordVerifierOf } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { importedCallee } from '../shared/imported-call.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/** The variables a password check reads a field of (`user` of `bcrypt.compare(pw, user.hash)`), or its receiver (`user.comparePassword(pw)`). */
function accountsOf(call: ts.CallExpression, viaMethod: boolean): ts.Identifier[] {
  if (viaMethod) {
    const recv = ts.isPropertyAccessExpression(call.expression) ? strip(call.expression.expression) : null;
    return recv && ts.isIdentifier(recv) ? [recv] : [];
  }
  const out: ts.Identifier[] = [];
  for (const a of call.arguments) {
    let e = strip(a);
    if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) continue;
    while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = strip(e.expression);
    if (ts.isIdentifier(e)) out.push(e);
  }
  return out;
}

/** `!x`, `x == null`, `x === null`, `x === undefined`, `!x?.y`: whether a condition holds when `name` is missing. */
function testsMissing(cond: ts.Expression, holds: (e: ts.Expression) => boolean): boolean {
  const c = strip(cond);
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) return holds(strip(c.operand));
  if (ts.isBinaryExpression(c)) {
    const op = c.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsEqualsToken) {
      const other = (e: ts.Expression) => e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined') || e.kind === ts.SyntaxKind.FalseKeyword;
      return (holds(strip(c.left)) && other(strip(c.right))) || (holds(strip(c.right)) && other(strip(c.left)));
    }
  }
  return false;
}

/**
 * A call into a logger (knowledge LOG_RECEIVERS): `console.warn(...)`, `this.logger.info(...)`, `log(...)`.
 * The callee's receiver names decide, not the call's text.
 */
function isLogCall(call: ts.CallExpression): boolean {
  let e: ts.Expression = call.expression;
  if (ts.isIdentifier(e)) return LOG_RECEIVERS.has(e.text);
  while (ts.isPropertyAccessExpression(e)) {
    e = e.expression;
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
      const name = ts.isIdentifier(e) ? e.text : e.name.text;
      if (LOG_RECEIVERS.has(name)) return true;
    }
  }
  return false;
}

/** What a refusal answers: its statuses, the errors it constructs, its message strings. Logging calls are no answer. */
function answerOf(branch: ts.Statement): string {
  const parts = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && isLogCall(n)) return;
    if (ts.isNumericLiteral(n) && Number(n.text) >= 400 && Number(n.text) <= 599) parts.add(`status ${n.text}`);
    else if (ts.isNewExpression(n) && ts.isIdentifier(n.expression)) parts.add(`new ${n.expression.text}`);
    else if (ts.isStringLiteralLike(n) && n.text.trim().length > 0 && !(ts.isPropertyAccessExpression(n.parent) || ts.isElementAccessExpression(n.parent))) parts.add(JSON.stringify(n.text));
    ts.forEachChild(n, visit);
  };
  visit(branch);
  return [...parts].sort().join(', ');
}

/** Whether a branch leaves the function: it throws or returns (a refusal), directly or as its block's last statement. */
function exits(branch: ts.Statement): boolean {
  const last = ts.isBlock(branch) ? branch.statements[branch.statements.length - 1] : branch;
  return !!last && (ts.isThrowStatement(last) || ts.isReturnStatement(last));
}

/**
 * Whether an expression reads the caller's own session (`req.user.id`): a lookup of the signed-in account, no
 * sign-in. The request is what the function was handed: a session field read off one of its parameters,
 * whatever the parameter is called (`req`, `request`, `ctx`, `c`, `@Req() r`).
 */
function readsSession(e: ts.Node, scope: Scope): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && isSessionField(n.name.text) && scope.resolve(n.expression)?.kind === 'parameter') found = true;
    else ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}

/** Words of a name that hold the account's public identifier, what a reset request is keyed by. */
const IDENTIFIER_WORDS = new Set(['email', 'mail', 'username', 'login']);

/** Whether a lookup's arguments name the account by its email or username (`{ email }`, `getUserByEmail(email)`, `req.body.email`). */
function keyedByIdentifier(call: ts.CallExpression): boolean {
  let found = nameWords(ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : call.expression.getText()).some((w) => IDENTIFIER_WORDS.has(w));
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && nameWords(n.text).some((w) => IDENTIFIER_WORDS.has(w))) found = true;
    else ts.forEachChild(n, visit);
  };
  for (const a of call.arguments) visit(a);
  return found;
}

/** The name a function is called by: its own, or the variable, property or method it is bound to. */
function functionName(fn: ts.FunctionLikeDeclaration): string | null {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) return fn.name.text;
  const p = fn.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) return p.name.text;
  return null;
}

/** Whether an answer refuses: a 4xx/5xx status, or an error constructed (a throw). */
function refusal(branch: ts.Statement, answer: string): boolean {
  const last = ts.isBlock(branch) ? branch.statements[branch.statements.length - 1] : branch;
  return (!!last && ts.isThrowStatement(last)) || /status [45]\d\d/.test(answer);
}

export default defineSourceRule({
  id: 'security/login-enumeration',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'Sign-in tells "no such account" from "wrong password"',
    rationale: 'A sign-in that refuses an unknown account with another status or message than a wrong password tells anyone which emails or usernames have an account: a list to target with password guessing and phishing (OWASP ASVS V2.2, "Testing for Account Enumeration").',
    remediation: {
      text: 'Refuse both with the same status and message (`401 Invalid email or password`), in one branch: `if (!user || !(await bcrypt.compare(password, user.passwordHash)))`.',
      effort: 'low',
    },
    messages: {
      resetReveals: '{{fn}}() refuses an unknown {{account}} with {{missing}}: a password-reset request that answers differently for an address with no account tells anyone which addresses have one',
      differs: 'an unknown {{account}} is refused with {{missing}} but a wrong password with {{wrong}} (line {{wrongLine}}): the answer says whether the account exists',
    },
  },
  triggers: ['assword'],
  appliesTo: (f) => isShippedCode(f),
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const seen = new Set<ts.Node>();
    /**
     * A password-reset request (the function's name says so: the last resort, a service method the
     * route table does not reach): the account looked up by its email or username, and refused when missing.
     */
    const resetRequest = (node: ts.Node): void => {
      const fn = node as ts.FunctionLikeDeclaration;
      const name = fn.body ? functionName(fn) : null;
      if (!name || !nameSaysPasswordReset(name)) return;
      const body = fn.body!;
      const visit = (n: ts.Node): void => {
        if (n !== body && ts.isFunctionLike(n)) return;
        if (ts.isIfStatement(n) && exits(n.thenStatement)) {
          const account = { id: null as ts.Identifier | null };
          const missing = testsMissing(n.expression, (e) => {
            if (!ts.isIdentifier(e)) return false;
            const b = ctx.scope.resolve(e);
            const init = b?.kind === 'variable' && b.initializer ? strip(b.initializer) : null;
            if (!init || !ts.isCallExpression(init) || b!.decl.pos < body.pos || b!.decl.end > body.end || readsSession(init, ctx.scope) || !keyedByIdentifier(init)) return false;
            account.id = e;
            return true;
          });
          const answer = missing ? answerOf(n.thenStatement) : '';
          if (missing && account.id && answer && refusal(n.thenStatement, answer)) {
            ctx.report({
              node: n, messageId: 'resetReveals', data: { fn: name, account: account.id.text, missing: answer },
              evidence: [{ kind: 'file', path: ctx.file.path, line: ctx.lineOf(n), snippet: n.getText().split('\n')[0].slice(0, 160) }],
            });
            return;
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(body);
    };
    return {
      FunctionDeclaration: resetRequest,
      MethodDeclaration: resetRequest,
      ArrowFunction: resetRequest,
      FunctionExpression: resetRequest,
      CallExpression(node) {
        const call = node as ts.CallExpression;
        // A password check: a library's verifier through its import, or a model's verify method by its name (last resort).
        const ref = importedCallee(call, ctx.scope);
        const lib = ref ? passwordVerifierOf(ref.module, ref.name, ref.member) : null;
        const method = !lib && ts.isPropertyAccessExpression(call.expression) ? passwordVerifierMethodOf(call.expression.name.text) : null;
        if (!lib && !method) return;
        const fn = ts.findAncestor(call, ts.isFunctionLike) as ts.FunctionLikeDeclaration | undefined;
        if (!fn?.body || seen.has(call)) return;
        seen.add(call);
        const body = fn.body;
        // The account: looked up in this function by a call, with something other than the caller's own session.
        const account = accountsOf(call, method !== null).find((id) => {
          const b = ctx.scope.resolve(id);
          return b?.kind === 'variable' && !!b.initializer && b.decl.pos >= body.pos && b.decl.end <= body.end
            && ts.isCallExpression(strip(b.initializer)) && !readsSession(b.initializer, ctx.scope);
        });
        if (!account) return;
        const decl = ctx.scope.resolve(account)!.decl;
        // The check's result: the call itself, or a variable holding it (`const ok = await bcrypt.compare(...)`).
        let up: ts.Node = call;
        while (ts.isAwaitExpression(up.parent) || ts.isParenthesizedExpression(up.parent)) up = up.parent;
        const holder = ts.isVariableDeclaration(up.parent) && ts.isIdentifier(up.parent.name) ? ctx.scope.resolve(up.parent.name)?.decl : null;
        const isAccount = (e: ts.Expression): boolean => ts.isIdentifier(e) && ctx.scope.resolve(e)?.decl === decl;
        const isResult = (e: ts.Expression): boolean => e === call || (e.pos <= call.pos && e.end >= call.end && strip(e) === call)
          || (holder !== null && holder !== undefined && ts.isIdentifier(e) && ctx.scope.resolve(e)?.decl === holder);
        let missing: ts.IfStatement | null = null;
        let wrong: ts.IfStatement | null = null;
        const visit = (n: ts.Node): void => {
          if (n !== fn.body && ts.isFunctionLike(n)) return;
          if (ts.isIfStatement(n) && exits(n.thenStatement)) {
            if (!missing && testsMissing(n.expression, isAccount)) missing = n;
            else if (!wrong && testsMissing(n.expression, (e) => isResult(e) || strip(e) === call)) wrong = n;
          }
          ts.forEachChild(n, visit);
        };
        visit(fn.body);
        if (!missing || !wrong) return;
        const m = missing as ts.IfStatement;
        const w = wrong as ts.IfStatement;
        const a = answerOf(m.thenStatement);
        const bAns = answerOf(w.thenStatement);
        // Answers not read (a helper builds the error) are not judged different.
        if (!a || !bAns || a === bAns) return;
        const wrongLine = ctx.lineOf(w);
        ctx.report({
          node: m,
          messageId: 'differs',
          data: { account: account.text, missing: a, wrong: bAns, wrongLine: String(wrongLine) },
          evidence: [
            { kind: 'file', path: ctx.file.path, line: ctx.lineOf(m), snippet: m.getText().split('\n')[0].slice(0, 160) },
            { kind: 'file', path: ctx.file.path, line: wrongLine, snippet: w.getText().split('\n')[0].slice(0, 160) },
          ],
        });
      },
    };
  },
});
