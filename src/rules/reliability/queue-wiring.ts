import type { Evidence } from '../../model/run.js';
import { fileRole } from '../../util/roles.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { queueWiring, type QueueInstance, type Site } from '../shared/queues.js';
import { factsOf, where } from '../shared/runtime.js';

const fileEvidence = (s: Site): Evidence => ({ kind: 'file', path: s.path, line: s.line, snippet: s.snippet });
const sites = (list: readonly Site[]): string => list.slice(0, 3).map((s) => `${s.path}:${s.line}`).join(', ') + (list.length > 3 ? `, ... (${list.length})` : '');

interface Group { queues: Site[]; producers: Site[]; consumers: Site[]; elsewhere: Site[] }

/** BullMQ, Bull, bee-queue and their NestJS modules: queues grouped by name across the whole program. */
function byName(ctx: RepoRuleContext): { inspected: number; unknown: string[] } {
  const w = queueWiring(ctx);
  const groups = new Map<string, Group & { label: string; named: boolean }>();
  const group = (i: QueueInstance) => {
    let g = groups.get(i.group);
    if (!g) {
      const label = i.name ?? i.group;
      groups.set(i.group, (g = { queues: [], producers: [], consumers: [], elsewhere: [], label, named: i.name !== null }));
    }
    return g;
  };
  for (const i of w.instances) {
    const g = group(i);
    if (i.role === 'queue') (i.release ? g.queues : g.elsewhere).push(i);
    else (i.release ? g.consumers : g.elsewhere).push(i);
  }
  for (const u of w.uses) {
    const g = group(u.queue);
    if (u.role === 'producer') (u.release ? g.producers : g.elsewhere).push(u);
    else (u.release ? g.consumers : g.elsewhere).push(u);
  }
  // A name verdict cannot read is decided only when its consumers are tied to the queue object itself (`q.name`).
  const unknown = [
    ...w.instances.filter((i) => i.release && i.name === null && !i.tied && (i.role === 'consumer' || group(i).consumers.length === 0))
      .map((i) => ({ ...i, why: i.why ?? '' })),
    ...w.unknownSites.filter((s) => s.release),
  ];
  // A consumer (or queue) whose name cannot be read might be any queue: no verdict that rests on its absence.
  const consumerUnknown = unknown.some((u) => u.role === 'consumer');
  const queueUnknown = w.instances.some((i) => i.release && i.role === 'queue' && i.name === null) || w.unknownSites.some((s) => s.release && s.role === 'queue');
  const unresolved = w.unresolved.filter((s) => s.release);
  for (const [, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const queue = g.label;
    // A group under a site, not a name, is a queue whose name is unreadable: another object may reach it by its runtime name.
    if (!g.named) continue;
    const elsewhere = g.elsewhere.filter((s) => w.instances.some((i) => i === s && i.role === 'consumer') || w.uses.some((u) => u === s && u.role === 'consumer'));
    if (g.queues.length + g.producers.length > 0 && g.consumers.length === 0) {
      if (consumerUnknown) continue;
      const at = g.producers[0] ?? g.queues[0];
      ctx.report({
        messageId: 'queueUnconsumed', data: { queue }, location: where(at),
        evidence: [
          { kind: 'note', text: `0 consumers for queue '${queue}' in release code${elsewhere.length > 0 ? `; ${elsewhere.length} in tests or scripts, not counted (${sites(elsewhere)})` : ''}` },
          { kind: 'figure', name: 'producers in release code', value: g.producers.length },
          ...g.queues.slice(0, 3).map(fileEvidence),
        ],
      });
    } else if (g.queues.length > 0 && g.consumers.length > 0 && g.producers.length === 0 && unresolved.length === 0 && !queueUnknown) {
      ctx.report({
        messageId: 'queueNeverFed', data: { queue }, location: where(g.queues[0]), severity: 'low',
        evidence: [{ kind: 'note', text: `0 producers for queue '${queue}' in release code; ${g.consumers.length} consumer(s): ${sites(g.consumers)}` }],
      });
    } else if (g.queues.length === 0 && g.producers.length === 0 && g.consumers.length > 0 && unresolved.length === 0 && !queueUnknown) {
      ctx.report({
        messageId: 'workerWithoutQueue', data: { queue }, location: where(g.consumers[0]), severity: 'low',
        evidence: [{ kind: 'note', text: `0 queues or producers named '${queue}' in release code` }],
      });
    }
  }
  const inspected = w.instances.filter((i) => i.release).length;
  return { inspected, unknown: unknown.map((u) => `${u.path}:${u.line} (${u.why})`) };
}

function workersQueues(ctx: RepoRuleContext): number {
  const release = (p: string) => fileRole(p) === 'service';
  const sends = factsOf(ctx, 'queue-send').filter((s) => release(s.path));
  const handlers = factsOf(ctx, 'queue-handler').filter((h) => release(h.path));
  let n = 0;
  const consumed = new Set(ctx.layout.wrangler.flatMap((w) => w.queueConsumers.map((c) => c.queue)));
  for (const w of ctx.layout.wrangler) {
    const inPkg = (path: string) => w.packagePath === '.' || path.startsWith(`${w.packagePath}/`);
    for (const p of w.queueProducers) {
      n++;
      if (!sends.some((s) => s.binding === p.binding && inPkg(s.path))) {
        ctx.report({
          messageId: 'producerUnused', data: { binding: p.binding }, location: { path: w.path, line: p.line },
          evidence: [{ kind: 'note', text: `0 calls of env.${p.binding}.send()/sendBatch() in release code of ${w.packagePath}` }],
        });
      }
      const queue = typeof p.queue === 'string' ? p.queue : null;
      if (queue && !consumed.has(queue)) {
        ctx.report({
          messageId: 'sentUnconsumed', data: { queue, binding: p.binding }, location: { path: w.path, line: p.line }, severity: 'low',
          evidence: [{ kind: 'note', text: `0 consumers for queue '${queue}' in the repository's wrangler configurations ([[queues.consumers]])` }],
        });
      }
    }
    for (const c of w.queueConsumers) {
      n++;
      if (!handlers.some((h) => inPkg(h.path))) {
        ctx.report({
          messageId: 'noQueueHandler', data: { config: w.path, queue: c.queue }, location: { path: w.path, line: c.line },
          evidence: [{ kind: 'note', text: `0 queue() handlers in release code of ${w.packagePath}` }],
        });
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
      queueUnconsumed: 'Queue "{{queue}}" gets jobs here but nothing in release code consumes it (no Worker, @Processor or process() for that name): its jobs pile up in Redis',
      queueNeverFed: 'Queue "{{queue}}" is created here and consumed, but nothing in release code puts a job on it: its worker never gets one',
      workerWithoutQueue: 'Worker for queue "{{queue}}" is defined but no Queue "{{queue}}" is created and nothing adds jobs in this repository',
      producerUnused: 'Queue producer binding {{binding}} is declared but no code calls env.{{binding}}.send()/.sendBatch()',
      sentUnconsumed: 'Messages sent to queue "{{queue}}" (binding {{binding}}) are consumed by no Worker in this repository',
      noQueueHandler: '{{config}} consumes queue "{{queue}}" but the Worker exports no queue() handler: deliveries fail and are retried until dropped',
    },
  },
  check(ctx) {
    const named = byName(ctx);
    const n = named.inspected + workersQueues(ctx);
    if (named.unknown.length > 0) {
      return ctx.unknown(`queue name not a constant verdict can read at ${named.unknown.slice(0, 5).join(', ')}${named.unknown.length > 5 ? ` and ${named.unknown.length - 5} more` : ''}: which queues are consumed is not known`);
    }
    if (n === 0) return ctx.notApplicable('no queue (BullMQ, Bull, bee-queue) and no Workers queue binding');
    ctx.pass(`${n} queue definition(s) inspected`);
  },
});
