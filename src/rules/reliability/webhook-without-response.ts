import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { EXPRESS_RESPONSE_ENDS, handlerFrameworkOf, WEBHOOK_PROVIDERS, webhookProviderOf, type WebhookProvider } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { importedModules } from '../shared/imports.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

/** A path through the handler: whether it has sent the response yet, and the branches it took. */
interface Path { sent: boolean; via: string[] }
/** A path that leaves the handler with no response sent: where, and the branches that led there. */
interface Leak { line: number; via: string[]; returns: boolean }

const ENDS = new Set<string>(EXPRESS_RESPONSE_ENDS.methods);

/** Triggers: each provider's header as written in lower case and in its capitalised form. */
const HEADERS = WEBHOOK_PROVIDERS.flatMap((p) => p.headers.flatMap((h) => [h, h.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase())]));

function root(e: ts.Expression): ts.Expression {
  let x = e;
  for (;;) {
    if (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x) || ts.isParenthesizedExpression(x) || ts.isNonNullExpression(x) || ts.isAsExpression(x) || ts.isAwaitExpression(x)) x = x.expression;
    else return x;
  }
}

/** Reads a handler's body: which calls answer the request, through the scopes of its parameters. */
class Reader {
  constructor(private fn: ts.FunctionLikeDeclaration, private scope: Scope) {}

  private isParam(e: ts.Expression, index: number): boolean {
    const x = root(e);
    if (!ts.isIdentifier(x)) return false;
    const b = this.scope.resolve(x);
    return b !== null && b.kind === 'parameter' && b.fn === this.fn && b.index === index;
  }

  /** The node answers: `res.status(200).json(...)`, `next(err)`, or `res` handed to another function (`handle(event, res)`, `stream.pipe(res)`). */
  sends(node: ts.Node): boolean {
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isCallExpression(n)) {
        const callee = n.expression;
        if (ts.isPropertyAccessExpression(callee) && ENDS.has(callee.name.text) && this.isParam(callee.expression, 1)) found = true;
        else if (ts.isIdentifier(callee) && this.isParam(callee, 2)) found = true;
        else if (n.arguments.some((a) => ts.isIdentifier(a) && this.isParam(a, 1))) found = true;
      }
      if (!found) ts.forEachChild(n, visit);
    };
    visit(node);
    return found;
  }

  /** The function returns a value other than an answer: a helper whose caller answers, or a handler a wrapper answers for. */
  returnsValue(): boolean {
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found || (n !== this.fn && ts.isFunctionLike(n))) return;
      if (ts.isReturnStatement(n) && n.expression && !this.sends(n.expression)) found = true;
      else ts.forEachChild(n, visit);
    };
    visit(this.fn);
    return found || (this.fn.body !== undefined && !ts.isBlock(this.fn.body) && !this.sends(this.fn.body));
  }

  /** Paths leaving the function without an answer. */
  leaks(): Leak[] {
    const body = this.fn.body;
    if (!body) return [];
    const out: Leak[] = [];
    if (!ts.isBlock(body)) return this.sends(body) ? [] : [{ line: lineOf(body), via: [], returns: false }];
    const end = this.block(body.statements, { sent: false, via: [] }, out, []);
    if (end && !end.sent) out.push({ line: lineOf(body.getLastToken() ?? body), via: end.via, returns: false });
    return out;
  }

  private block(stmts: readonly ts.Statement[], p: Path | null, out: Leak[], breaks: Path[]): Path | null {
    for (const s of stmts) {
      if (!p) return null;
      p = this.stmt(s, p, out, breaks);
    }
    return p;
  }

  private stmt(s: ts.Statement, p: Path, out: Leak[], breaks: Path[]): Path | null {
    if (ts.isBlock(s)) return this.block(s.statements, p, out, breaks);
    if (ts.isReturnStatement(s)) {
      if (!p.sent && !(s.expression && this.sends(s.expression))) out.push({ line: lineOf(s), via: p.via, returns: true });
      return null;
    }
    if (ts.isThrowStatement(s)) return null;
    if (ts.isBreakStatement(s) || ts.isContinueStatement(s)) {
      breaks.push(p);
      return null;
    }
    if (ts.isIfStatement(s)) {
      const cond = `if (${short(s.expression)}) at line ${lineOf(s)}`;
      const yes = this.stmt(s.thenStatement, { sent: p.sent, via: [...p.via, `${cond} is true`] }, out, breaks);
      const no = s.elseStatement
        ? this.stmt(s.elseStatement, { sent: p.sent, via: [...p.via, `${cond} is false`] }, out, breaks)
        : { sent: p.sent, via: [...p.via, `${cond} is false`] };
      return merge([yes, no]);
    }
    if (ts.isSwitchStatement(s)) {
      const exits: Path[] = [];
      let fall: Path | null = null;
      for (const c of s.caseBlock.clauses) {
        const label = ts.isCaseClause(c) ? `case ${short(c.expression)} at line ${lineOf(c)}` : `default at line ${lineOf(c)}`;
        const entry: Path = fall ? { sent: p.sent && fall.sent, via: fall.sent ? [...p.via, label] : fall.via } : { sent: p.sent, via: [...p.via, label] };
        fall = this.block(c.statements, entry, out, exits);
      }
      if (fall) exits.push(fall);
      if (!s.caseBlock.clauses.some(ts.isDefaultClause)) exits.push({ sent: p.sent, via: [...p.via, `no case of the switch at line ${lineOf(s)} matches`] });
      return merge(exits);
    }
    if (ts.isTryStatement(s)) {
      const tried = this.block(s.tryBlock.statements, p, out, breaks);
      const caught = s.catchClause ? this.block(s.catchClause.block.statements, { sent: p.sent, via: [...p.via, `the catch at line ${lineOf(s.catchClause)}`] }, out, breaks) : null;
      const after = s.catchClause ? merge([tried, caught]) : tried;
      if (s.finallyBlock && this.sends(s.finallyBlock)) return after ? { ...after, sent: true } : null;
      return after;
    }
    if (ts.isIterationStatement(s, false)) {
      const loopBreaks: Path[] = [];
      const once = this.stmt(s.statement, p, out, loopBreaks);
      // The body may not run: what it sends does not count after the loop.
      return merge([p, once && { ...once, sent: p.sent }, ...loopBreaks.map((b) => ({ ...b, sent: p.sent }))]);
    }
    if (ts.isLabeledStatement(s)) return this.stmt(s.statement, p, out, breaks);
    if (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) return p;
    return !p.sent && this.sends(s) ? { ...p, sent: true } : p;
  }
}

/** Paths that go on after a construct, merged: sent only when every one has sent; the one that has not is the one reported. */
function merge(paths: Array<Path | null>): Path | null {
  const live = paths.filter((x): x is Path => x !== null);
  if (live.length === 0) return null;
  return live.find((x) => !x.sent) ?? live[0];
}

function lineOf(n: ts.Node): number {
  const sf = n.getSourceFile();
  return sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
}

function short(e: ts.Node): string {
  const t = e.getText().replace(/\s+/g, ' ');
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

/** The function a header literal is read in, when it has a handler's `(req, res[, next])` shape. */
function handlerOf(n: ts.Node): ts.FunctionLikeDeclaration | null {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) || ts.isArrowFunction(p) || ts.isMethodDeclaration(p)) {
      return p.parameters.length >= 2 && p.parameters.length <= 3 && ts.isIdentifier(p.parameters[1].name) ? p : null;
    }
  }
  return null;
}

const ROUTE_METHODS = new Set(['post', 'put', 'all', 'use', 'patch']);

/** `app.post('/hook', mw, (req, res) => {...})`: the function is an argument of a route registration on a router or app. */
function registeredInPlace(fn: ts.FunctionLikeDeclaration): boolean {
  const call = fn.parent;
  return ts.isCallExpression(call) && call.arguments.includes(fn as ts.Expression) && ts.isPropertyAccessExpression(call.expression)
    && ROUTE_METHODS.has(call.expression.name.text) && call.arguments.length >= 2 && ts.isStringLiteralLike(call.arguments[0]);
}

export default defineSourceRule({
  id: 'reliability/webhook-without-response',
  meta: {
    category: 'reliability',
    severity: 'high',
    title: 'A webhook handler has a path that never answers the request',
    rationale: 'Webhook providers wait for a 2xx answer and redeliver the event when none comes before their timeout (Stripe: about 10 seconds, then retries for days and disables the endpoint). An Express handler that ends a path without `res.send`/`json`/`sendStatus`/`end` leaves the request hanging: every event on that path is redelivered until the provider gives up.',
    remediation: { text: 'Answer on every path: `res.sendStatus(200)` (or `res.json({ received: true })`) after handling the event, and for event types you ignore; `res.status(400).send(...)` where the signature fails.', effort: 'low' },
    messages: {
      fallsOff: '{{provider}} webhook handler (reads `{{header}}`, line {{headerLine}}) ends at line {{line}} without answering when {{via}}: {{provider}} times out and redelivers the event',
      returnsEarly: '{{provider}} webhook handler (reads `{{header}}`, line {{headerLine}}) returns at line {{line}} without answering when {{via}}: {{provider}} times out and redelivers the event',
    },
  },
  triggers: HEADERS,
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const framework = handlerFrameworkOf(importedModules(ctx.sourceFile));
    // Frameworks whose handlers answer with what they return (Hono, Fastify, Koa) are not read here.
    if (framework && framework.framework !== 'express') return {};
    const seen = new Set<ts.Node>();
    const visit = (lit: ts.StringLiteralLike, provider: WebhookProvider) => {
      const fn = handlerOf(lit);
      if (!fn || seen.has(fn)) return;
      seen.add(fn);
      const reader = new Reader(fn, ctx.scope);
      // A function that returns a value (`return event`) hands it to a caller, or a wrapper, that answers.
      if (reader.returnsValue()) return;
      // One that answers nowhere is judged only where it is registered as a route's handler in place.
      if (!reader.sends(fn.body ?? fn) && !registeredInPlace(fn)) return;
      const leak = reader.leaks()[0];
      if (!leak) return;
      ctx.report({
        line: leak.line,
        messageId: leak.returns ? 'returnsEarly' : 'fallsOff',
        data: { provider: provider.provider, header: lit.text, headerLine: ctx.lineOf(lit), line: leak.line, via: leak.via.length ? leak.via.join(', then ') : 'it runs to the end' },
      });
    };
    return {
      StringLiteral(node) {
        const lit = node as ts.StringLiteral;
        const provider = webhookProviderOf(lit.text);
        if (provider) visit(lit, provider);
      },
      NoSubstitutionTemplateLiteral(node) {
        const lit = node as ts.NoSubstitutionTemplateLiteral;
        const provider = webhookProviderOf(lit.text);
        if (provider) visit(lit, provider);
      },
    };
  },
});
