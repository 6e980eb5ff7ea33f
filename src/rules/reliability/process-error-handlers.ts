import { defineRepoRule } from '../api.js';
import { factsOf, runtimeOnly, serverPackages, where } from '../shared/runtime.js';

export default defineRepoRule({
  id: 'reliability/process-error-handlers',
  meta: {
    category: 'reliability',
    severity: 'low',
    title: 'Server without unhandledRejection/uncaughtException handling',
    rationale: 'An unhandled rejection or exception kills a Node server with nothing but a stack trace on stderr; a process-level handler (or an error reporter that installs one) records what crashed and lets the process shut down cleanly.',
    remediation: { text: 'Register `process.on(\'unhandledRejection\', ...)` and `process.on(\'uncaughtException\', ...)` that log the error with your logger (or report it to Sentry and the like), then shut down gracefully and exit non-zero.', effort: 'low' },
    messages: { noHandler: 'The server starts here but no unhandledRejection/uncaughtException handler (or error reporter) is registered: a crash leaves only a stack trace on stderr' },
  },
  check(ctx) {
    const servers = serverPackages(ctx);
    if (servers.size === 0) return ctx.notApplicable('no long-running server: no .listen()/serve() call in service code');
    const handlers = runtimeOnly(factsOf(ctx, 'process-error'));
    const reporters = runtimeOnly(factsOf(ctx, 'error-reporter'));
    for (const [pkg, listens] of servers) {
      const mine = handlers.filter((h) => ctx.packageOf(h.path) === pkg);
      const reporter = reporters.find((r) => ctx.packageOf(r.path) === pkg);
      if (mine.length > 0 || reporter) {
        ctx.pass(reporter && mine.length === 0 ? `${reporter.name} (${reporter.path}:${reporter.line}) installs process handlers` : `handled: ${[...new Set(mine.map((h) => `${h.event} (${h.path}:${h.line})`))].join(', ')}`, pkg);
        continue;
      }
      ctx.report({
        messageId: 'noHandler',
        location: where(listens[0]),
      });
      ctx.pass(`${listens.length} server(s) inspected`, pkg);
    }
  },
});
