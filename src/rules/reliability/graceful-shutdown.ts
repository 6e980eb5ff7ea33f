import { closesDbClient } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { factsOf, runtimeOnly, serverPackages, where } from '../shared/runtime.js';
import { isTestSide } from '../../util/roles.js';

export default defineRepoRule({
  id: 'reliability/graceful-shutdown',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'Server without a graceful shutdown on SIGTERM',
    rationale: 'Orchestrators (Kubernetes, ECS, Fly, Render, systemd) stop a process with SIGTERM; without a handler that closes the server and pools, in-flight requests are cut and connections are left open at every deploy.',
    remediation: { text: 'On SIGTERM and SIGINT: stop accepting connections (`server.close()` / `app.close()`), wait for in-flight requests, close pools (`pool.end()`, `prisma.$disconnect()`, `redis.quit()`), then exit; or use a library such as http-terminator, @godaddy/terminus or close-with-grace.', effort: 'low' },
    messages: {
      handlerClosesNothing: 'The {{signal}} handler closes neither the server nor any pool (it calls: {{calls}}); in-flight requests are cut at every deploy',
      dbNotClosed: 'The {{signal}} handler calls {{closed}} but never closes the {{client}} connection opened at {{opened}}: its sockets keep the process alive until it is killed, and work in flight on them is cut',
      noHandler: 'The server starts listening here but no SIGTERM/SIGINT handler closes it: in-flight requests and pool connections are cut at every deploy',
    },
  },
  check(ctx) {
    const servers = serverPackages(ctx);
    if (servers.size === 0) return ctx.notApplicable('no long-running server: no .listen()/serve() call in service code');
    const closerFacts = factsOf(ctx, 'closer');
    const closers = new Set(closerFacts.map((c) => c.name));
    const clients = runtimeOnly(factsOf(ctx, 'db-client'));
    const signals = factsOf(ctx, 'signal').filter((s) => !isTestSide(s.role));
    const libs = runtimeOnly(factsOf(ctx, 'shutdown-lib'));
    for (const [pkg, listens] of servers) {
      const mine = signals.filter((s) => ctx.packageOf(s.path) === pkg);
      const lib = libs.find((l) => ctx.packageOf(l.path) === pkg);
      const closing = mine.find((s) => s.closes || s.calls.some((c) => closers.has(c)));
      if (!lib && closing) {
        // What the handlers close, directly or through the closing functions they call (by name).
        const closed = mine.flatMap((s) => [...s.closed, ...s.calls.flatMap((c) => closerFacts.filter((f) => f.name === c).flatMap((f) => f.closed))]);
        const open = clients.filter((c) => ctx.packageOf(c.path) === pkg && !closed.some((chain) => closesClient(chain, c)));
        if (open.length > 0) {
          const c = open[0];
          ctx.report({
            messageId: 'dbNotClosed',
            data: { signal: closing.signal, closed: [...new Set(closed)].map((x) => `\`${x}()\``).join(', ') || 'what it calls', client: c.package, opened: `${c.path}:${c.line}` },
            location: where(closing),
            evidence: [{ kind: 'file', path: c.path, line: c.line, snippet: c.snippet }],
          });
          continue;
        }
      }
      if (lib || closing) {
        ctx.pass(lib ? `shutdown handled by ${lib.name} (${lib.path}:${lib.line})` : `${closing!.signal} handler at ${closing!.path}:${closing!.line} closes resources`, pkg);
        continue;
      }
      if (mine.length > 0) {
        const s = mine[0];
        ctx.report({
          messageId: 'handlerClosesNothing',
          data: { signal: s.signal, calls: s.calls.slice(0, 5).join(', ') || 'nothing' },
          location: where(s),
          evidence: [{ kind: 'file', path: listens[0].path, line: listens[0].line, snippet: listens[0].snippet ?? '' }],
        });
      } else {
        ctx.report({
          messageId: 'noHandler',
          location: where(listens[0]),
        });
      }
      ctx.pass(`${listens.length} listen call(s), ${mine.length} signal handler(s) inspected`, pkg);
    }
  },
});

/**
 * Whether a closing call's chain (`mongoose.connection.close`) closes this client: the client's close
 * method (knowledge/db-clients) called on the name it is bound to, or on anything when it is bound to
 * none (`createConnection(...).then(...)`: what closes it cannot be told apart, so it counts).
 */
function closesClient(chain: string, client: { package: string; binding: string | null }): boolean {
  const names = chain.split('.');
  const method = names.slice(1).join('.');
  const closes = names.length > 1 && (closesDbClient(client.package, method) || closesDbClient(client.package, names[names.length - 1]));
  return closes && (client.binding === null || names[0] === client.binding || names[0] === '?');
}
