// Job data is what a producer put on the queue. A worker's finding about a value from `job.data` learns
// where it comes from here: every file records the jobs it enqueues from request input (and the queues
// it makes and holds in a top-level const); a review finds the producers of the same queue name, across
// files through an imported queue const, that fill the field the sink reads.
import ts from 'typescript';
import type { SourceContext } from '../../collect/index.js';
import type { Scope } from '../../collect/scope.js';
import { requireOf } from '../../collect/scope.js';
import { exportsWithRole, queueExport } from '../../knowledge/index.js';
import type { ReviewContext } from '../api.js';
import { constInitializer, isConstantExpr } from './ast.js';
import { Tracer, type Origin } from './taint.js';

/** What the tracer calls a value received by a queue worker (knowledge/requests.ts). */
export const JOB_DATA = 'queue job data';

/** The methods that put a job on a queue (`add`, `addBulk`, `createJob`; knowledge queue-producer entries). */
const PRODUCER_METHODS = new Set(exportsWithRole('queue-producer').map((e) => e.name.slice(e.name.lastIndexOf('#') + 1)));

/** A queue's name as written: a string, or a const of the file holding one. */
function nameOf(e: ts.Expression | undefined, scope: Scope): string | null {
  if (!e) return null;
  if (ts.isStringLiteralLike(e)) return e.text;
  const init = ts.isIdentifier(e) ? constInitializer(e, scope) : null;
  return init && ts.isStringLiteralLike(init) ? init.text : null;
}

/** `new Queue('mail')` / `new Worker('mail', fn)` of a queue library (knowledge): the name it is given. */
export function madeQueueName(e: ts.Expression | null | undefined, scope: Scope): string | null {
  if (!e || !ts.isNewExpression(e) || !ts.isIdentifier(e.expression)) return null;
  const b = scope.resolve(e.expression);
  const imp = b && (b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b));
  if (!imp || !queueExport(imp.from, imp.imported === '*' ? 'default' : imp.imported)) return null;
  return nameOf(e.arguments?.[0], scope);
}

/**
 * The queue whose worker received the job a value came from: the callback's call (`new Worker(name, fn)`,
 * `queue.process(fn)` on a `const queue = new Queue(name)`), found from the sink's value upwards.
 */
export function consumedQueue(value: ts.Expression, scope: Scope): string | null {
  for (let n: ts.Node | undefined = value; n; n = n.parent) {
    if (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) continue;
    const call = n.parent;
    if (ts.isNewExpression(call)) {
      const name = madeQueueName(call, scope);
      if (name) return name;
    }
    if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && ts.isIdentifier(call.expression.expression)) {
      const name = madeQueueName(constInitializer(call.expression.expression, scope), scope);
      if (name) return name;
    }
  }
  return null;
}

/**
 * The field of the job's data a value reads (`job.data.url`, `const { url } = job.data`), or '' when it
 * is not one field: then any request input in the job counts.
 */
export function jobField(value: ts.Expression, scope: Scope): string {
  while (ts.isParenthesizedExpression(value) || ts.isAsExpression(value) || ts.isNonNullExpression(value)) value = value.expression;
  if (ts.isPropertyAccessExpression(value) && ts.isPropertyAccessExpression(value.expression) && value.expression.name.text === 'data') return value.name.text;
  if (!ts.isIdentifier(value)) return '';
  const b = scope.resolve(value);
  if (b?.kind === 'destructured' && ts.isObjectBindingPattern(b.decl.parent)) {
    const decl = b.decl.parent.parent;
    const from = ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
    if (from && ts.isPropertyAccessExpression(from) && from.name.text === 'data') return (b.decl.propertyName ?? b.decl.name).getText();
  }
  if (b?.kind === 'variable' && b.isConst && b.initializer) return jobField(b.initializer, scope);
  return '';
}

/**
 * The fields of a job's data that hold request input (`{ url: req.body.url, id }` -> url), or null
 * when the data is not an object literal (all of it then counts as request input).
 */
function inputFields(data: ts.Expression, trace: (e: ts.Expression) => boolean): string[] | null {
  if (!ts.isObjectLiteralExpression(data)) return null;
  const out: string[] = [];
  for (const p of data.properties) {
    if (ts.isPropertyAssignment(p) && trace(p.initializer)) out.push(p.name.getText());
    else if (ts.isShorthandPropertyAssignment(p) && trace(p.name)) out.push(p.name.text);
    else if (ts.isSpreadAssignment(p) && trace(p.expression)) return null;
  }
  return out;
}

/** What fills a job's field: request input, a caller's value, the command line, or the code itself (`local`). */
export type FeedKind = Origin['kind'];
const RANK: Record<FeedKind, number> = { local: 0, operator: 1, caller: 2, request: 3 };
const worst = (kinds: FeedKind[]): FeedKind => kinds.reduce<FeedKind>((a, b) => (RANK[b] > RANK[a] ? b : a), 'local');

/** A value's origin for a producer: job data re-enqueued from another job is a value this code does not choose. */
function feedKind(e: ts.Expression, scope: Scope): FeedKind {
  const o = new Tracer(scope, (x) => isConstantExpr(x, scope)).originOf(e);
  return o.kind === 'request' && o.path[0]?.startsWith(JOB_DATA) ? 'caller' : o.kind;
}

/**
 * What a producer's arguments fill: per field of an object literal (a field it leaves out is not
 * filled), and the worst of all its arguments for a reader of a field no literal names or of the whole.
 */
function feeds(args: readonly ts.Expression[], scope: Scope): { fields: Record<string, FeedKind> | null; whole: FeedKind } {
  let fields: Record<string, FeedKind> | null = {};
  const all: FeedKind[] = [];
  for (const a of args) {
    const kind = feedKind(a, scope);
    all.push(kind);
    if (!fields) continue;
    if (!ts.isObjectLiteralExpression(a)) {
      if (kind !== 'local') fields = null;
      continue;
    }
    for (const p of a.properties) {
      if (ts.isPropertyAssignment(p)) fields[p.name.getText()] = feedKind(p.initializer, scope);
      else if (ts.isShorthandPropertyAssignment(p)) fields[p.name.text] = feedKind(p.name, scope);
      else if (ts.isSpreadAssignment(p) && feedKind(p.expression, scope) !== 'local') fields = null;
      if (!fields) break;
    }
  }
  return { fields, whole: worst(all) };
}

/** A job put on a queue from request input, recorded per file for the review: the queue as named there, and the path. */
interface Enqueued { kind: 'enqueue'; path: string; line: number; queue: string | null; module: string | null; imported: string | null; flow: string[]; fields: string[] | null }
/** Any job put on a queue, with what fills each field. */
interface Fed { kind: 'feed'; path: string; line: number; queue: string | null; module: string | null; imported: string | null; fields: Record<string, FeedKind> | null; whole: FeedKind }
/** A queue a file makes and holds in a top-level const, for producers in other files that import it. */
interface MadeQueue { kind: 'queue'; path: string; variable: string; queue: string }

/**
 * The visitors that record a file's producers and queues (`ctx.emit`). `mayHold(name)` says whether a
 * receiver could be a queue before its scope is bound: a rule that runs on every file passes a syntactic
 * test (an import, or a file that names a queue package).
 */
export function queueRecorders(ctx: SourceContext, mayHold: (name: string) => boolean = () => true) {
  const enqueued = (call: ts.CallExpression): void => {
    if (!ts.isPropertyAccessExpression(call.expression) || !PRODUCER_METHODS.has(call.expression.name.text)) return;
    const receiver = call.expression.expression;
    if (!ts.isIdentifier(receiver) || !mayHold(receiver.text)) return;
    // The receiver first (a `Set#add` is no queue): an imported value, or a queue this file makes.
    const b = ctx.scope.resolve(receiver);
    const imp = b?.kind === 'import' ? { from: b.from, imported: b.imported } : null;
    const queue = imp ? null : madeQueueName(constInitializer(receiver, ctx.scope), ctx.scope);
    if (!imp && !queue) return;
    const fromRequest = (e: ts.Expression) => {
      const o = new Tracer(ctx.scope, (x) => isConstantExpr(x, ctx.scope)).originOf(e);
      return o.kind === 'request' && !o.path[0]?.startsWith(JOB_DATA) ? o : null;
    };
    const where = { line: ctx.lineOf(call), queue, module: imp?.from ?? null, imported: imp?.imported ?? null };
    // Every producer, whatever it enqueues: a worker whose queue has producers here is not fed from elsewhere.
    ctx.emit({ kind: 'feed', ...where, ...feeds(call.arguments, ctx.scope) });
    for (const a of call.arguments) {
      const origin = fromRequest(a);
      if (!origin) continue;
      const fields = inputFields(a, (e) => fromRequest(e) !== null);
      ctx.emit({ kind: 'enqueue', ...where, flow: origin.path, fields });
      return;
    }
  };
  const made = (d: ts.VariableDeclaration): void => {
    if (!ts.isIdentifier(d.name) || !ts.isSourceFile(d.parent.parent.parent) || !d.initializer || !ts.isNewExpression(d.initializer)) return;
    const queue = madeQueueName(d.initializer, ctx.scope);
    if (queue) ctx.emit({ kind: 'queue', variable: d.name.text, queue });
  };
  return { enqueued, made };
}

/** A producer of a queue that fills a job's field from request input: where, and the path from the request. */
export interface Producer { at: string; path: string; line: number; flow: string[] }

/**
 * The first producer (in any file) that enqueues request input on the queue named `queue`, filling
 * `field` ('' for any), directly or through the const an import names; null when there is none.
 */
export function producerOf(queue: string, field: string, ctx: ReviewContext): Producer | null {
  const records = ctx.records() as unknown as Array<Enqueued | MadeQueue | Fed>;
  const nameAt = queueNamer(records, ctx);
  const fills = (r: Enqueued): boolean => !field || r.fields === null || r.fields.includes(field);
  const r = records.find((x): x is Enqueued => x.kind === 'enqueue' && fills(x) && nameAt(x) === queue);
  return r ? { at: `${r.path}:${r.line}`, path: r.path, line: r.line, flow: r.flow } : null;
}

/**
 * What every producer of the queue named `queue` (in any file) fills `field` with ('' for the whole
 * job), with where: empty when no producer of it is in the repository (the queue is fed from elsewhere).
 */
export function feedsOf(queue: string, field: string, ctx: ReviewContext): Array<{ at: string; kind: FeedKind }> {
  const records = ctx.records() as unknown as Array<Enqueued | MadeQueue | Fed>;
  const nameAt = queueNamer(records, ctx);
  return records.filter((x): x is Fed => x.kind === 'feed' && nameAt(x) === queue)
    .map((r) => ({ at: `${r.path}:${r.line}`, kind: field && r.fields ? r.fields[field] ?? 'local' : r.whole }));
}

/** The queue name a producer's record puts its job on: as written, or through the const an import names. */
function queueNamer(records: ReadonlyArray<Enqueued | MadeQueue | Fed>, ctx: ReviewContext): (r: Enqueued | Fed) => string | null {
  const made = ctx.memo('queues', () => new Map(records.filter((r): r is MadeQueue => r.kind === 'queue').map((r) => [`${r.path}#${r.variable}`, r.queue])));
  return (r) => {
    if (r.queue !== null) return r.queue;
    if (!r.module || !r.imported) return null;
    const file = ctx.link.resolveImport(r.path, r.module);
    const t = file ? ctx.link.resolveExport(file, r.imported) : null;
    return t && 'decl' in t ? made.get(`${t.decl.path}#${t.decl.id}`) ?? null : null;
  };
}

/** The path request → enqueue → job → sink, each step naming its file. */
export function throughQueue(p: Producer, queue: string, sinkFlow: string): string {
  return `source → queue '${queue}' → sink: ${[...p.flow.map((s) => s.replace(/\(line (\d+)\)$/, `(${p.path}:$1)`)), `enqueued (${p.at})`, sinkFlow].join(' → ')}`;
}
