import { fileRole } from '../../util/roles.js';
import { defineRepoRule } from '../api.js';
import { factsOf, runtimeOnly, where } from '../shared/runtime.js';

export default defineRepoRule({
  id: 'reliability/queue-worker-shutdown',
  meta: {
    category: 'reliability',
    severity: 'high',
    title: 'Queue worker never closed on SIGTERM',
    rationale: 'A BullMQ worker killed mid-job leaves its jobs locked until the lock expires; they are then retried as stalled, so side effects (a mail, a charge) happen twice. `worker.close()` on SIGTERM lets the running jobs finish.',
    remediation: { text: "On SIGTERM and SIGINT, `await worker.close()` (and the queue's Redis connection) before exiting; in NestJS, call `app.enableShutdownHooks()` so @nestjs/bullmq closes its workers.", effort: 'low' },
    messages: {
      noHandler: 'Worker for queue "{{queue}}" is started here, but no SIGTERM/SIGINT handler in its package closes anything: running jobs are cut at every deploy and retried as stalled',
      handlerClosesNothing: 'Worker for queue "{{queue}}" is started here, but the {{signal}} handler ({{at}}) closes nothing (it calls: {{calls}})',
    },
  },
  check(ctx) {
    const workers = factsOf(ctx, 'bull-worker').filter((w) => fileRole(w.path) !== 'test' && fileRole(w.path) !== 'example');
    if (workers.length === 0) return ctx.notApplicable('no BullMQ worker in release code');
    const closers = new Set(factsOf(ctx, 'closer').map((c) => c.name));
    const signals = runtimeOnly(factsOf(ctx, 'signal'));
    const libs = runtimeOnly(factsOf(ctx, 'shutdown-lib'));
    const byPkg = new Map<string | null, typeof workers>();
    for (const w of workers) byPkg.set(ctx.packageOf(w.path), [...(byPkg.get(ctx.packageOf(w.path)) ?? []), w]);
    for (const [pkg, mine] of byPkg) {
      const handlers = signals.filter((s) => ctx.packageOf(s.path) === pkg);
      const lib = libs.find((l) => ctx.packageOf(l.path) === pkg);
      if (lib) {
        ctx.pass(`shutdown handled by ${lib.name} (${lib.path}:${lib.line})`, pkg ?? undefined);
        continue;
      }
      // A handler that closes something (directly or through a function of the repository that does):
      // whether that is this worker is not resolved, so the check is UNKNOWN, naming the handler, not a pass.
      const closing = handlers.find((s) => s.closes || s.calls.some((c) => closers.has(c)));
      if (closing) {
        ctx.unknown(`${closing.signal} handler at ${closing.path}:${closing.line} closes something, but verdict does not resolve whether it is the worker (${mine.length} worker(s))`, pkg ?? undefined);
        continue;
      }
      const w = mine[0];
      const queue = w.name ?? '(a computed name)';
      const h = handlers[0];
      ctx.report(h
        ? { messageId: 'handlerClosesNothing', data: { queue, signal: h.signal, at: `${h.path}:${h.line}`, calls: h.calls.slice(0, 5).join(', ') || 'nothing' }, location: where(w), package: pkg }
        : { messageId: 'noHandler', data: { queue }, location: where(w), package: pkg });
      ctx.pass(`${mine.length} worker(s), ${handlers.length} signal handler(s) inspected`, pkg ?? undefined);
    }
  },
});
