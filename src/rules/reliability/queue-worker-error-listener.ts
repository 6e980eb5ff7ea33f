import { workerErrorEvent } from '../../knowledge/index.js';
import { fileRole } from '../../util/roles.js';
import { defineRepoRule } from '../api.js';
import { factsOf, where } from '../shared/runtime.js';

export default defineRepoRule({
  id: 'reliability/queue-worker-error-listener',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'Queue worker without an error listener',
    rationale: 'A worker emits "error" for what goes wrong outside a job (a lost Redis connection, a failed lock renewal); with no listener the error is unhandled: logged nowhere, or it stops the worker while the process keeps running.',
    remediation: { text: "Attach `worker.on('error', (err) => logger.error(err))` where the worker is created or started, beside the 'failed' and 'completed' listeners.", effort: 'low' },
    messages: {
      noErrorListener: 'the {{package}} {{cls}} made at {{at}} has {{listeners}} but no \'{{event}}\' listener',
    },
  },
  check(ctx) {
    const workers = factsOf(ctx, 'worker-binding')
      .map((w) => ({ w, fact: workerErrorEvent(w.from, w.cls) }))
      .filter((x) => x.fact !== null && !['test', 'example', 'mock'].includes(fileRole(x.w.path)));
    if (workers.length === 0) return ctx.notApplicable('no queue worker bound to a variable in release code');
    const listeners = factsOf(ctx, 'listener');
    for (const { w, fact } of workers) {
      // Its listeners: on the variable in its own file, or on its export where another file imports it.
      const own = listeners.filter((l) => (l.path === w.path && l.from === null && l.receiver === w.variable)
        || (w.exported !== null && l.from !== null && l.imported === w.exported && ctx.link.resolveImport(l.path, l.from) === w.path));
      if (own.some((l) => l.event === fact!.event)) continue;
      // The missing listener belongs after the last one attached.
      const last = own[own.length - 1];
      ctx.report({
        messageId: 'noErrorListener',
        data: {
          package: fact!.package, cls: fact!.workerClass, at: `${w.path}:${w.line}`, event: fact!.event,
          listeners: own.length ? `listeners for ${[...new Set(own.map((l) => `'${l.event}'`))].join(', ')}` : 'no listener',
        },
        // Where its listeners are attached, the missing one belongs beside them; else at the worker.
        location: where(last ?? w),
        evidence: own.length ? [{ kind: 'file', path: w.path, line: w.line, snippet: w.snippet }] : [],
      });
    }
    ctx.pass(`${workers.length} worker(s), ${listeners.length} listener(s) read`);
  },
});
