// Hosted checkouts and the URL the buyer is sent back to (knowledge/payments), read from the syntax
// tree: the create call's method chain, the return option in its object argument (a few levels deep:
// PayPal nests it in `application_context`), and the URL's text resolved through the file's scopes
// (`const BASE = ...`, template pieces, `+` concatenation); what cannot be resolved is `{*}`.
import ts from 'typescript';
import { checkoutCreateMethods, checkoutCreateOf, returnPathOf } from '../../knowledge/index.js';
import { paymentReturnFacts } from '../facts/payment-returns.js';
import type { SourceContext, VisitorHost } from '../host.js';
import { isTestSide } from '../../util/roles.js';

const METHODS = checkoutCreateMethods();
const MAX_DEPTH = 4;

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** The names of a call's method chain, outermost last (`stripe.checkout.sessions.create` -> stripe, checkout, sessions, create). */
function chainOf(e: ts.Expression): string[] {
  const out: string[] = [];
  while (ts.isPropertyAccessExpression(e)) {
    out.unshift(e.name.text);
    e = e.expression;
  }
  if (ts.isIdentifier(e)) out.unshift(e.text);
  return out;
}

/** The text of a string expression, constants resolved through scope; `{*}` for what is not known here. */
function textOf(ctx: SourceContext, e: ts.Expression, depth = 0): string {
  e = unwrap(e);
  if (depth > MAX_DEPTH) return '{*}';
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((s) => textOf(ctx, s.expression, depth + 1) + s.literal.text).join('');
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return textOf(ctx, e.left, depth + 1) + textOf(ctx, e.right, depth + 1);
  if (ts.isIdentifier(e)) {
    const b = ctx.scope.resolve(e);
    if (b?.kind === 'variable' && b.isConst && b.initializer) return textOf(ctx, b.initializer, depth + 1);
  }
  return '{*}';
}

/** The first of the fields an object literal sets, searched through nested object literals. */
function fieldIn(obj: ts.ObjectLiteralExpression, fields: readonly string[], depth = 0): { field: string; value: ts.Expression } | null {
  if (depth > MAX_DEPTH) return null;
  for (const p of obj.properties) {
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
    if (ts.isPropertyAssignment(p) && name !== null && fields.includes(name)) return { field: name, value: p.initializer };
    if (ts.isShorthandPropertyAssignment(p) && fields.includes(p.name.text)) return { field: p.name.text, value: p.name };
  }
  for (const p of obj.properties) {
    const v = ts.isPropertyAssignment(p) ? unwrap(p.initializer) : null;
    const found = v && ts.isObjectLiteralExpression(v) ? fieldIn(v, fields, depth + 1) : null;
    if (found) return found;
  }
  return null;
}

/** The call's object argument: a literal, or a `const` bound to one. */
function optionsOf(ctx: SourceContext, arg: ts.Expression | undefined): ts.ObjectLiteralExpression | null {
  if (!arg) return null;
  const e = unwrap(arg);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (!ts.isIdentifier(e)) return null;
  const b = ctx.scope.resolve(e);
  const init = b?.kind === 'variable' && b.initializer ? unwrap(b.initializer) : null;
  return init && ts.isObjectLiteralExpression(init) ? init : null;
}

export const paymentReturns: VisitorHost = {
  id: paymentReturnFacts.id,
  triggers: ['success_url', 'return_url', 'callback_url', 'redirect'],
  appliesTo: (f) => !isTestSide(f.role) && f.role !== 'generated',
  create(ctx) {
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(call.expression) || !METHODS.has(call.expression.name.text)) return;
        const create = checkoutCreateOf(chainOf(call.expression));
        const options = create ? optionsOf(ctx, call.arguments[0]) : null;
        const found = create && options ? fieldIn(options, create.returnFields) : null;
        if (!create || !found) return;
        const url = textOf(ctx, found.value);
        paymentReturnFacts.emit(ctx, { line: ctx.lineOf(call), provider: create.provider, field: found.field, url: url.slice(0, 200), returnPath: returnPathOf(url) });
      },
    };
  },
};
