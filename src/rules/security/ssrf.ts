import ts from 'typescript';
import type { Visitors } from '../../collect/index.js';
import type { Scope } from '../../collect/scope.js';
import { queuePackages, type HttpClientCall } from '../../knowledge/index.js';
import { defineSourceRule, type ReviewContext, type RuleFinding } from '../api.js';
import { constInitializer, isConstantExpr } from '../shared/ast.js';
import { httpClientOf as clientOf } from '../shared/http-clients.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { readsDatabase, sanitizes, Tracer } from '../shared/taint.js';
import { readsRecords, storedUrl, storedWrites, writerAccess, type StoredWrite } from '../shared/stored-urls.js';
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

/** The line of the function a node is in (a route handler written in place starts there), or 0 at the top level. */
function enclosingLine(n: ts.Node, lineOf: (n: ts.Node) => number): number {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return lineOf(p);
  return 0;
}

/**
 * A URL read from a stored record is judged by who can write that column: a route of this service whose
 * request input reaches it without a role check (high), only routes that check a role (no finding), or
 * no writer found (stays low, unknown).
 */
function reviewStored(finding: RuleFinding, ctx: ReviewContext): RuleFinding | null {
  const column = String(finding.data?.column ?? '');
  const model = String(finding.data?.rawModel ?? '');
  const writes = (ctx.records() as unknown as Array<StoredWrite & { path: string }>)
    .filter((r) => r.kind === 'stored-write' && (r.column === column || r.column === '*') && (model === '' || r.model === '' || r.model === model));
  let privileged = 0;
  for (const w of writes) {
    const access = writerAccess(ctx.link, w.path, w.fnLine);
    if (!access) continue;
    if (access.access === 'privileged') { privileged++; continue; }
    const r = access.route;
    return {
      ...finding, severity: 'high', messageId: 'storedOpen',
      data: { ...finding.data, writer: `${r.method} ${r.path} (${w.path}:${w.line})`, who: access.access === 'open' ? 'any caller' : `any signed-in user (${r.auth})`, source: w.flow },
      evidence: [...finding.evidence, { kind: 'file', path: w.path, line: w.line, snippet: `${column}: ${w.flow}` }],
    };
  }
  // Written only by routes that check a role: the operator chose the URL.
  return privileged > 0 ? null : finding;
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
      storedOpen: "{{client}}() requests the URL stored in column '{{column}}' of {{model}} (read at line {{read}}), which {{writer}} lets {{who}} write from request input ({{source}}): whoever calls that route chooses where the server connects",
      storedUnknown: "{{client}}() requests the URL stored in column '{{column}}' of {{model}} (read at line {{read}}): stored data, not request input; no route of this service that writes that column from request input was found, so who chooses it is not verified",
    },
  },
  // Clients and producers by their calls; files that make a queue by its package's name.
  // Files that may write a stored URL from request input: they read a request body.
  triggers: ['fetch', 'axios', 'got', 'http', 'undici', '.add(', '.addBulk(', '.createJob(', ...queuePackages(), '.body', '@Body', '.json()'],
  review: (finding, layout, ctx) => (finding.messageId === 'storedUnknown' ? reviewStored(finding, ctx) : reviewJob(finding, layout, ctx)),
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script' && f.role !== 'config',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const { enqueued, made } = queueRecorders(ctx);
    const visitors: Visitors = {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        enqueued(call);
        for (const w of storedWrites(call, ctx.scope)) ctx.emit({ kind: 'stored-write', ...w, fnLine: enclosingLine(call, ctx.lineOf) });
        const client = clientOf(call.expression, ctx.scope);
        if (!client) return;
        const url = urlOf(call, client);
        if (!url || isConstantExpr(url, ctx.scope) || fixesHost(url, ctx.scope)) return;
        // A record read ends the path: the request chose which record, the stored value is whoever wrote it's.
        const ends = (c: ts.CallExpression) => sanitizes(c, ctx.scope) || readsDatabase(c) || readsRecords(c);
        const origin = new Tracer(ctx.scope, (x) => isConstantExpr(x, ctx.scope), ends).originOf(url);
        const client_ = call.expression.getText(ctx.sourceFile).replace(/\s+/g, '');
        if (origin.kind !== 'request') {
          const stored = storedUrl(url, ctx.scope);
          if (stored) ctx.report({ node: call, severity: 'low', messageId: 'storedUnknown', data: { client: client_, column: stored.column, model: stored.model || 'a record', read: stored.line, rawModel: stored.model } });
          return;
        }
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
