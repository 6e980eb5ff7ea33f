import { errorEmittingClient } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { factsOf, runtimeOnly, where } from '../shared/runtime.js';

export default defineRepoRule({
  id: 'reliability/client-error-unhandled',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: "Database or cache client with no 'error' listener",
    rationale: "A pg Pool or Client and a node-redis client emit 'error' when a connection they hold breaks while idle (the database restarts, a proxy drops the socket); with no listener Node throws it and the process exits on the first transient failure.",
    remediation: { text: "Register `client.on('error', (err) => logger.error(err))` where the client is made (or on the exported instance where it is imported): the library drops the broken connection and reconnects on the next use.", effort: 'low' },
    messages: {
      noErrorListener: "the {{client}} `{{variable}}` made at {{at}} has no 'error' listener: when an idle connection breaks (a database restart, a network blip) the unhandled 'error' event crashes the process",
      onlyProcessHandler: "the {{client}} `{{variable}}` made at {{at}} has no 'error' listener: its 'error' on a broken idle connection reaches only the uncaughtException handler at {{handler}}, which leaves the process running in an undefined state",
    },
  },
  check(ctx) {
    const clients = factsOf(ctx, 'error-client')
      .map((c) => ({ c, fact: errorEmittingClient(c.package, c.how === 'member' ? 'default' : c.export, c.how, c.export) }))
      .filter((x) => x.fact?.unlistened === 'throws' && (x.c.role === 'service' || x.c.role === 'config'));
    if (clients.length === 0) return ctx.notApplicable("no pg or node-redis client made in release code");
    const listeners = factsOf(ctx, 'listener').filter((l) => l.event === 'error');
    const handlers = runtimeOnly(factsOf(ctx, 'process-error')).filter((h) => h.event === 'uncaughtException');
    for (const { c, fact } of clients) {
      if (c.variable === null) {
        ctx.unknown(`${fact!.name} made at ${c.path}:${c.line} is bound to no variable (an argument, a field): its 'error' listeners are not read`, ctx.packageOf(c.path) ?? undefined);
        continue;
      }
      // A listener on the variable in its own file, or on its export where another file imports it
      // (directly or through re-exports); an import the link cannot resolve may be it.
      let unresolved = null as null | { path: string; line: number };
      const listened = listeners.some((l) => {
        if (l.from === null) return l.path === c.path && l.receiver === c.variable;
        if (c.exported.length === 0 || l.imported === null) return false;
        const file = ctx.link.resolveImport(l.path, l.from);
        if (file === null) {
          if (l.from.startsWith('.') || c.exported.includes(l.imported)) unresolved ??= l;
          return false;
        }
        if (file === c.path) return c.exported.includes(l.imported);
        const target = ctx.link.resolveExport(file, l.imported);
        return !!target && 'decl' in target && target.decl.path === c.path && target.decl.id === c.variable;
      });
      if (listened) continue;
      const pkg = ctx.packageOf(c.path);
      if (unresolved) {
        ctx.unknown(`${fact!.name} ${c.variable} (${c.path}:${c.line}): an 'error' listener at ${unresolved.path}:${unresolved.line} is on an import verdict could not resolve`, pkg ?? undefined);
        continue;
      }
      const handler = handlers.find((h) => ctx.packageOf(h.path) === pkg);
      const data = { client: fact!.name, variable: c.variable, at: `${c.path}:${c.line}` };
      if (handler) ctx.report({ messageId: 'onlyProcessHandler', data: { ...data, handler: `${handler.path}:${handler.line}` }, location: where(c) });
      else ctx.report({ messageId: 'noErrorListener', data, location: where(c) });
    }
    const read = clients.filter(({ c }) => c.variable !== null).length;
    if (read > 0) ctx.pass(`${read} client(s), ${listeners.length} 'error' listener(s) read`);
  },
});
