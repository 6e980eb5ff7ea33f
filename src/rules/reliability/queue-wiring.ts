import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { fileRole, isTestSide } from '../../util/roles.js';
import { factsOf, where } from '../shared/runtime.js';

function bullmq(ctx: RepoRuleContext): number {
  const queues = factsOf(ctx, 'bull-queue').filter((q) => !isTestSide(fileRole(q.path)));
  const workers = factsOf(ctx, 'bull-worker');
  const adds = new Set(factsOf(ctx, 'queue-add').map((a) => a.receiver));
  const processors = new Set(factsOf(ctx, 'queue-process').map((p) => p.receiver));
  const workerNames = new Set(workers.map((w) => w.name));
  // A worker whose queue name cannot be read might consume any queue: then no queue is called unconsumed.
  const anyWorker = workers.some((w) => w.name === null);
  for (const q of queues) {
    if (q.name === null) continue;
    if (!anyWorker && !workerNames.has(q.name) && !(q.variable && processors.has(q.variable))) {
      ctx.report({ messageId: 'queueUnconsumed', data: { queue: q.name }, location: where(q) });
    } else if (q.variable && !adds.has(q.variable)) {
      ctx.report({ messageId: 'queueNeverFed', data: { queue: q.name, variable: q.variable }, location: where(q), severity: 'low' });
    }
  }
  const queueNames = new Set(queues.map((q) => q.name));
  for (const w of workers) {
    if (w.name !== null && !queueNames.has(w.name) && adds.size === 0) {
      ctx.report({ messageId: 'workerWithoutQueue', data: { queue: w.name }, location: where(w), severity: 'low' });
    }
  }
  return queues.length + workers.length;
}

function workersQueues(ctx: RepoRuleContext): number {
  const sends = factsOf(ctx, 'queue-send');
  const handlers = factsOf(ctx, 'queue-handler');
  let n = 0;
  const consumed = new Set(ctx.layout.wrangler.flatMap((w) => w.queueConsumers.map((c) => c.queue)));
  for (const w of ctx.layout.wrangler) {
    const inPkg = (path: string) => w.packagePath === '.' || path.startsWith(`${w.packagePath}/`);
    for (const p of w.queueProducers) {
      n++;
      if (!sends.some((s) => s.binding === p.binding && inPkg(s.path))) {
        ctx.report({ messageId: 'producerUnused', data: { binding: p.binding }, location: { path: w.path, line: p.line } });
      }
      const queue = typeof p.queue === 'string' ? p.queue : null;
      if (queue && !consumed.has(queue)) {
        ctx.report({ messageId: 'sentUnconsumed', data: { queue, binding: p.binding }, location: { path: w.path, line: p.line }, severity: 'low' });
      }
    }
    for (const c of w.queueConsumers) {
      n++;
      if (!handlers.some((h) => inPkg(h.path))) {
        ctx.report({ messageId: 'noQueueHandler', data: { config: w.path, queue: c.queue }, location: { path: w.path, line: c.line } });
      }
    }
  }
  return n;
}

export default defineRepoRule({
  id: 'reliability/queue-wiring',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'Queue defined but never fed or never consumed',
    rationale: 'A queue without a consumer silently accumulates work nobody does; a consumer or producer binding that nothing uses is dead wiring that reviews mistake for a working pipeline.',
    remediation: { text: 'Give every queue both ends in the code: a producer (`queue.add()`, `env.Q.send()`) and a consumer (a BullMQ `Worker` on the same queue name, a `queue()` handler in the consuming Worker), or remove the unused definition.', effort: 'medium' },
    messages: {
      queueUnconsumed: 'Queue "{{queue}}" is created here but no Worker (or .process()) in the repository consumes it: its jobs pile up in Redis',
      queueNeverFed: 'Queue "{{queue}}" ({{variable}}) is created here but nothing calls {{variable}}.add()/.addBulk(): its worker never gets a job',
      workerWithoutQueue: 'Worker for queue "{{queue}}" is defined but no Queue "{{queue}}" is created and nothing adds jobs in this repository',
      producerUnused: 'Queue producer binding {{binding}} is declared but no code calls env.{{binding}}.send()/.sendBatch()',
      sentUnconsumed: 'Messages sent to queue "{{queue}}" (binding {{binding}}) are consumed by no Worker in this repository',
      noQueueHandler: '{{config}} consumes queue "{{queue}}" but the Worker exports no queue() handler: deliveries fail and are retried until dropped',
    },
  },
  check(ctx) {
    const n = bullmq(ctx) + workersQueues(ctx);
    if (n === 0) return ctx.notApplicable('no BullMQ queue or worker and no Workers queue binding');
    ctx.pass(`${n} queue definition(s) inspected`);
  },
});
