import { fileRole } from '../../util/roles.js';
import { defineRepoRule } from '../api.js';
import { factsOf, runtimeOnly, where } from '../shared/runtime.js';

interface Handler { closed: string[]; calls: string[] }

/**
 * Whether a signal handler closes one of the workers held in `variables`: `yes` when a receiver it closes
 * (itself or through a closer it calls) is such a variable, or it hands one to a closer
 * (`shutdown.bind(null, worker)`); `no` when every worker's variable is known and every closed receiver
 * is another named value; `unknown` otherwise (`this.x`, a computed receiver, a name that says worker).
 */
function closesWorker(h: Handler, variables: ReadonlyArray<string | null>, closers: ReadonlyMap<string, string[]>): { verdict: 'yes' | 'no' | 'unknown'; closed: string[] } {
  const via = h.calls.filter((c) => closers.has(c));
  const closed = [...new Set([...h.closed, ...via.flatMap((c) => closers.get(c) ?? [])])];
  const known = variables.filter((v): v is string => v !== null);
  if (known.some((v) => closed.some((c) => c.split('.').includes(v)) || (via.length > 0 && h.calls.includes(v)))) return { verdict: 'yes', closed };
  if (known.length < variables.length) return { verdict: 'unknown', closed };
  const roots = closed.map((c) => c.split('.')[0]);
  if (roots.some((r) => r === 'this' || r === '?') || closed.some((c) => c.toLowerCase().includes('worker'))) return { verdict: 'unknown', closed };
  return { verdict: 'no', closed };
}

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
      handlerMissesWorker: 'Worker for queue "{{queue}}" is started here, but the {{signal}} handler ({{at}}) closes {{closed}}, not the worker: running jobs are cut at every deploy and retried as stalled',
    },
  },
  check(ctx) {
    const workers = factsOf(ctx, 'bull-worker').filter((w) => fileRole(w.path) !== 'test' && fileRole(w.path) !== 'example');
    if (workers.length === 0) return ctx.notApplicable('no BullMQ worker in release code');
    const closers = new Map<string, string[]>();
    for (const c of factsOf(ctx, 'closer')) closers.set(c.name, [...(closers.get(c.name) ?? []), ...c.closed]);
    // The variable each worker is held in (`const worker = new Worker(...)`), by its place.
    const bindings = factsOf(ctx, 'worker-binding');
    const variableOf = (w: { path: string; line: number }): string | null => bindings.find((b) => b.path === w.path && b.line === w.line)?.variable ?? null;
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
      // A handler that closes something (directly or through a function of the repository that does): the
      // worker is closed when a closed receiver, or what the handler hands a closer, is the worker's variable;
      // it is not when every closed receiver is another named value; otherwise the check is UNKNOWN.
      const closing = handlers.filter((s) => s.closes || s.calls.some((c) => closers.has(c)));
      const verdicts = closing.map((h) => ({ h, ...closesWorker(h, mine.map((w) => variableOf(w)), closers) }));
      if (verdicts.some((v) => v.verdict === 'yes')) {
        ctx.pass(`${mine.length} worker(s) closed by a signal handler`, pkg ?? undefined);
        continue;
      }
      const open = verdicts.find((v) => v.verdict === 'unknown');
      if (open) {
        ctx.unknown(`${open.h.signal} handler at ${open.h.path}:${open.h.line} closes something, but verdict does not resolve whether it is the worker (${mine.length} worker(s))`, pkg ?? undefined);
        continue;
      }
      const w = mine[0];
      const queue = w.name ?? '(a computed name)';
      const other = verdicts[0];
      const h = handlers[0];
      ctx.report(other
        ? { messageId: 'handlerMissesWorker', data: { queue, signal: other.h.signal, at: `${other.h.path}:${other.h.line}`, closed: other.closed.slice(0, 4).join(', ') }, location: where(w), package: pkg }
        : h
          ? { messageId: 'handlerClosesNothing', data: { queue, signal: h.signal, at: `${h.path}:${h.line}`, calls: h.calls.slice(0, 5).join(', ') || 'nothing' }, location: where(w), package: pkg }
          : { messageId: 'noHandler', data: { queue }, location: where(w), package: pkg });
      ctx.pass(`${mine.length} worker(s), ${handlers.length} signal handler(s) inspected`, pkg ?? undefined);
    }
  },
});
