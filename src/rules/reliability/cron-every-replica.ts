import { symbolFacts } from '../../collect/facts/symbols.js';
import { isDistributedLock, schedulerOf, schedulingDecorator, type Scheduler } from '../../knowledge/index.js';
import { keyOf, MODULE } from '../../link/index.js';
import { isTestSide } from '../../util/roles.js';
import { defineRepoRule } from '../api.js';
import { deployReplicas } from '../shared/deploy-probes.js';
import { factsOf } from '../shared/runtime.js';
import { declsByKey, lockTaken, writingIntervals } from '../shared/job-locks.js';

/** A job started on a timetable: `decl` is the declaration whose code starts it (its key in the link). */
interface Site { path: string; line: number; scheduler: Scheduler | 'interval'; what: string; decl: string; write?: string }

export default defineRepoRule({
  id: 'reliability/cron-every-replica',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'A scheduled job starts inside the web process, on every replica',
    rationale: 'An in-process scheduler (node-cron, cron, node-schedule, croner, NestJS @Cron) runs its jobs in each process that starts it. When the web service runs more than one replica, or during a rolling deploy, every job runs once per replica: digests sent twice, renewals charged twice, rows expired concurrently.',
    remediation: { text: 'Run scheduled jobs in one process of their own (a worker deployment with one replica, a platform cron job), or make one replica take each run with a distributed lock (Redlock, a Postgres advisory lock) or a queue\'s repeatable job (BullMQ `repeat`), which runs once however many workers listen.', effort: 'medium' },
    messages: {
      everyReplica: '{{what}} starts in the web process (entry {{entry}}, which starts the server{{server}}) with no distributed lock: {{replicas}}',
    },
  },
  check(ctx) {
    const link = ctx.link;
    const symbols = ctx.facts(symbolFacts);
    // Imports by file: which local name is which export of which module (for decorators).
    const imported = new Map<string, Map<string, { module: string; name: string }>>();
    const locked = new Set<string>();
    for (const s of symbols) {
      if (s.type === 'import') {
        let m = imported.get(s.path);
        if (!m) imported.set(s.path, (m = new Map()));
        m.set(s.local, { module: s.spec, name: s.imported });
        if (isDistributedLock(s.spec)) locked.add(s.path);
      }
    }
    const decls = declsByKey(symbols);
    const sites: Site[] = [];
    for (const s of symbols) {
      if (s.type !== 'decl' || isTestSide(s.path)) continue;
      for (const ref of s.refs) {
        if (ref.module && isDistributedLock(ref.module)) locked.add(s.path);
        const sch = schedulerOf(ref);
        if (sch) sites.push({ path: s.path, line: ref.line, scheduler: sch, decl: keyOf(s.path, s.id), what: `${sch.package} ${sch.shape === 'new' ? `new ${sch.export}()` : `${sch.member ?? sch.export}()`}` });
      }
      // A timer whose callback writes to the database is a scheduler too: every replica runs the write.
      for (const iv of writingIntervals(link, decls, keyOf(s.path, s.id))) {
        sites.push({ path: s.path, line: iv.line, scheduler: 'interval', decl: keyOf(s.path, s.id), what: 'setInterval()', write: `${readableCallee(iv.write.callee)} (${iv.write.path}:${iv.write.line})` });
      }
      for (const d of s.decorators ?? []) {
        const imp = imported.get(s.path)?.get(d);
        const sch = imp ? schedulingDecorator(imp.module, imp.name) : null;
        if (sch) sites.push({ path: s.path, line: s.line, scheduler: sch, decl: keyOf(s.path, s.id), what: `@${d}() on ${s.id}` });
      }
    }
    if (sites.length === 0) return ctx.notApplicable('no in-process scheduler (node-cron, cron, node-schedule, croner, @nestjs/schedule, a setInterval that writes to the database) started in service code');

    // The files that start a server: a listen()/serve() call, or a route table entry's file.
    const servers = new Map<string, number>();
    for (const l of factsOf(ctx, 'listen')) if (!isTestSide(l.path)) servers.set(l.path, l.line);
    /** The files an entry loads, through the imports that resolve in the repository. */
    const loadedBy = (file: string): Set<string> => {
      const seen = new Set<string>([file]);
      const queue = [file];
      while (queue.length > 0 && seen.size < 5000) for (const next of link.loadsOf(queue.pop()!)) if (!seen.has(next)) { seen.add(next); queue.push(next); }
      return seen;
    };
    const loads = new Map<string, Set<string>>();
    const webEntryOf = (site: Site): { entry: string; server: string } | null => {
      for (const e of link.entries.flatMap((p) => p.entries)) {
        if (!['main', 'script', 'bin', 'nest'].includes(e.kind)) continue;
        const set = loadedSet(e.file);
        if (!set.has(site.path)) continue;
        const server = [...set].find((f) => servers.has(f));
        if (server) return { entry: e.file, server: `${server}:${servers.get(server)}` };
      }
      return null;
    };
    function loadedSet(file: string): Set<string> {
      let s = loads.get(file);
      if (!s) loads.set(file, (s = loadedBy(file)));
      return s;
    }

    const replicas = deployReplicas(ctx.documents);
    const many = replicas.find((r) => r.count === 'scaled' || r.count > 1);
    const one = replicas.length > 0 && !many ? replicas[0] : null;
    let judged = 0;
    for (const site of sites) {
      if (link.reach(keyOf(site.path, MODULE)) === 'none') continue;
      // A lock library imported by the file, or a lock idiom the job's code (or what it calls) takes.
      if (locked.has(site.path) || lockTaken(link, decls, site.decl)) continue;
      const web = webEntryOf(site);
      if (!web) continue;
      judged++;
      if (one) continue;
      const count = many
        ? `${many.via} (${many.file}:${many.line}) runs ${many.count === 'scaled' ? 'a scaled number of' : many.count} instances, and each runs the job`
        : 'no deployment file pins the service to one instance, so every replica (and both sides of a rolling deploy) runs the job';
      ctx.report({
        messageId: 'everyReplica',
        data: { what: site.what, entry: web.entry, server: ` at ${web.server}`, replicas: count },
        location: { path: site.path, line: site.line },
        package: ctx.packageOf(site.path),
        evidence: [
          { kind: 'note', text: `${web.entry} loads ${site.path}, and the server starts at ${web.server}; no import of a distributed-lock library in ${site.path}, and no lock idiom (advisory-lock SQL, Redis SET NX, a lock document; knowledge/schedulers.ts) taken by ${decls.get(site.decl)?.id === MODULE ? 'the file\'s top-level code' : decls.get(site.decl)?.id ?? 'its code'} or what it calls` },
          ...(site.write ? [{ kind: 'note' as const, text: `the interval's callback writes to the database: ${site.write}` }] : []),
          ...(many ? [{ kind: 'file' as const, path: many.file, line: many.line, snippet: `${many.via}: ${many.count}` }] : []),
        ],
      });
    }
    if (one && judged > 0) return ctx.pass(`${judged} scheduler(s) in the web process; ${one.via} (${one.file}:${one.line}) runs one instance`);
    if (judged === 0) ctx.pass(`${sites.length} scheduler(s), none started by an entry that also starts the server, or each under a distributed lock`);
  },
});

/**
 * A call as the symbol facts name it, for a reader: `prisma.session.deleteMany` stays as written; one
 * resolved through an import (`@prisma/client#PrismaClient#session#deleteMany`) reads as
 * `PrismaClient.session.deleteMany (@prisma/client)`.
 */
function readableCallee(callee: string): string {
  const [module, ...rest] = callee.split('#');
  return rest.length ? `${rest.join('.')} (${module})` : callee;
}
