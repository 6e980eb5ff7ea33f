import ts from 'typescript';
import type { Visitors } from '../../collect/index.js';
import type { Scope } from '../../collect/scope.js';
import { queuePackages, type HttpClientCall } from '../../knowledge/index.js';
import { defineSourceRule, type ReviewContext, type RuleFinding } from '../api.js';
import { constInitializer, isConstantExpr } from '../shared/ast.js';
import { httpClientOf as clientOf } from '../shared/http-clients.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { Tracer } from '../shared/taint.js';
import { consumedQueue, JOB_DATA, jobField, producerOf, queueRecorders, throughQueue } from '../shared/queue-jobs.js';

/** The expression that holds the URL of the call: its URL argument, or that argument's URL option. */
function urlOf(call: ts.CallExpression, c: HttpClientCall): ts.Expression | null {
  const arg = call.arguments[c.url];
  if (!arg) return null;
  if (!ts.isObjectLiteralExpression(arg)) return arg;
  if (!c.option) return null;
  const p = arg.properties.find((x) => (ts.isPropertyAssignment(x) || ts.isShorthandPropertyAssignment(x)) && x.name.getText() === c.option);
  if (!p) return null;
  return ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : null;
}

/**
 * A URL whose scheme and host the code writes itself (`` `https://api.example.com/users/${id}` ``,
 * `'https://api.example.com/' + id`, a base chosen between constants, a const holding such a URL):
 * input chooses only the path or the query, not where the server connects.
 */
function fixesHost(e: ts.Expression, scope: Scope, depth = 0): boolean {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  if (ts.isIdentifier(e) && depth < 3) {
    const init = constInitializer(e, scope);
    return init !== null && fixesHost(init, scope, depth + 1);
  }
  return HOST_FIXED.test(constantPrefix(e, scope));
}
/**
 * A written scheme and host, or a constant standing first (`CONST` below), followed by the path, query
 * or fragment; or a root-relative path (`/api/search?q=…`, not `//host`): WHATWG URL resolution keeps
 * the base's origin for it (https://url.spec.whatwg.org/#path-absolute-url-string), so it goes where the
 * page or the configured base already points, and server-side fetch() refuses it without a base.
 */
const HOST_FIXED = /^(?:(?:https?:\/\/[^/?#]+|CONST)[/?#]|\/(?![/\\]))/i;
const CONST = 'CONST';

/** The text a URL expression starts with, up to its first part that is not a constant; a constant part that is no literal is `CONST`. */
function constantPrefix(e: ts.Expression, scope: Scope): string {
  const part = (x: ts.Expression): string | null => (ts.isStringLiteralLike(x) ? x.text : isConstantExpr(x, scope) ? CONST : null);
  if (ts.isTemplateExpression(e)) {
    let text = e.head.text;
    for (const span of e.templateSpans) {
      const p = part(span.expression);
      if (p === null || (text !== '' && p === CONST)) return text;
      text += p + span.literal.text;
    }
    return text;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = constantPrefix(e.left, scope);
    const whole = part(e.left);
    return whole !== null && ts.isStringLiteralLike(e.right) ? left + e.right.text : left;
  }
  // `['https://host/path', `?code=${input}`].join('')`: the leading constant elements, joined.
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join'
    && ts.isArrayLiteralExpression(e.expression.expression) && (e.arguments.length === 0 || ts.isStringLiteralLike(e.arguments[0]))) {
    const sep = e.arguments.length === 0 ? ',' : (e.arguments[0] as ts.StringLiteralLike).text;
    const pieces: string[] = [];
    for (const el of e.expression.expression.elements) {
      if (ts.isSpreadElement(el)) break;
      const whole = part(el);
      if (whole !== null) { pieces.push(whole); continue; }
      pieces.push(constantPrefix(el, scope));
      break;
    }
    return pieces.join(sep);
  }
  return ts.isStringLiteralLike(e) ? e.text : '';
}

/**
 * A worker's finding learns where its job comes from: producers (in any file) that enqueue request
 * input on the queue of the same name, directly or through the const an import names. Then the
 * request is the origin, and the producer's path is in the evidence.
 */
function reviewJob(finding: RuleFinding, _layout: unknown, ctx: ReviewContext): RuleFinding {
  const queue = finding.data?.queue;
  if (finding.messageId !== 'fromJob' || typeof queue !== 'string' || queue === '') return finding;
  const producer = producerOf(queue, String(finding.data?.field ?? ''), ctx);
  if (!producer) return finding;
  return {
    ...finding, severity: 'high', messageId: 'fromRoute',
    data: { ...finding.data, producer: producer.at, source: producer.flow[0] ?? producer.at },
    evidence: [...finding.evidence, { kind: 'note', text: throughQueue(producer, queue, String(finding.data?.flow ?? '')) }],
  };
}

export default defineSourceRule({
  id: 'security/ssrf',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Outbound request to a URL the requester chooses (server-side request forgery)',
    rationale: 'A server that fetches a URL taken from a request, or from a queued job that a request filled, can be made to call internal services, cloud metadata endpoints or private networks with its own network position and credentials.',
    remediation: { text: 'Allow only known hosts (parse the URL and compare its host with an allow-list), refuse private and link-local addresses after DNS resolution, and never follow redirects to them.', effort: 'medium' },
    messages: {
      fromRequest: '{{client}}() requests a URL taken from request input: {{flow}}',
      fromJob: "{{client}}() requests a URL taken from the job data of queue '{{queue}}': {{flow}}; whoever enqueues the job chooses where the server connects",
      fromRoute: "{{client}}() requests a URL taken from the job data of queue '{{queue}}', which {{producer}} fills from request input ({{source}}): {{flow}}",
    },
  },
  // Clients and producers by their calls; files that make a queue by its package's name.
  triggers: ['fetch', 'axios', 'got', 'http', 'undici', '.add(', '.addBulk(', '.createJob(', ...queuePackages()],
  review: (finding, layout, ctx) => reviewJob(finding, layout, ctx),
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script' && f.role !== 'config',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const { enqueued, made } = queueRecorders(ctx);
    const visitors: Visitors = {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        enqueued(call);
        const client = clientOf(call.expression, ctx.scope);
        if (!client) return;
        const url = urlOf(call, client);
        if (!url || isConstantExpr(url, ctx.scope) || fixesHost(url, ctx.scope)) return;
        const origin = new Tracer(ctx.scope, (x) => isConstantExpr(x, ctx.scope)).originOf(url);
        if (origin.kind !== 'request') return;
        const flow = [...origin.path, `${call.expression.getText(ctx.sourceFile)}() (line ${ctx.lineOf(call)})`].join(' → ');
        // Job data is what a producer put on the queue: high only where the review ties the queue to a
        // producer that enqueues request input (reviewJob); on its own it says where the risk enters, at medium.
        const job = origin.path[0]?.startsWith(JOB_DATA);
        ctx.report({
          node: call, severity: job ? 'medium' : 'high', messageId: job ? 'fromJob' : 'fromRequest',
          data: { client: call.expression.getText(ctx.sourceFile).replace(/\s+/g, ''), flow, queue: job ? consumedQueue(url, ctx.scope) ?? '?' : '', field: job ? jobField(url, ctx.scope) : '' },
        });
      },
      VariableDeclaration(node) {
        made(node as ts.VariableDeclaration);
      },
    };
    return visitors;
  },
});
