// The queues of the whole program, by name: each queue made or consumed (`new Queue(name)`,
// `new Worker(name)`, `@Processor(name)`, a factory's call sites), and the producer and consumer
// methods called on them, with names read as constants through scope and across files through the
// link stage (an imported `const QUEUE = 'mail'`, `QUEUES.MAIL`). A name verdict cannot read is kept
// as an unknown site, never guessed.
import { queueFacts, type QueueFact, type QueueName } from '../../collect/facts/queues.js';
import { queueMethodRole, queueNameProperty } from '../../knowledge/index.js';
import { keyOf } from '../../link/index.js';
import { fileRole } from '../../util/roles.js';
import type { RepoRuleContext } from '../api.js';

type Make = Extract<QueueFact, { type: 'make' }>;
type Call = Extract<QueueFact, { type: 'call' }>;

export interface Site { path: string; line: number; snippet: string; release: boolean }

/**
 * A queue object or a consumer, where the code makes it. `name` null: not a constant verdict can read
 * (`why`). `queue`: the one queue it is tied to by its name property (`new Worker(q.name)`), whatever
 * that name is. `group` is what it is counted under: the name, or that queue's site.
 */
export interface QueueInstance extends Site {
  role: 'queue' | 'consumer';
  methodsOf?: string;
  name: string | null;
  why?: string;
  group: string;
  tied: boolean;
}

export interface QueueUse extends Site { method: string; role: 'producer' | 'consumer'; queue: QueueInstance }

export interface QueueWiring {
  instances: QueueInstance[];
  uses: QueueUse[];
  /** Queue methods called on a receiver verdict could not resolve, in files that use a queue library. */
  unresolved: Site[];
  /** A factory's call sites whose argument verdict could not see. */
  unknownSites: Array<Site & { why: string; role: 'queue' | 'consumer' }>;
}

const isRelease = (path: string): boolean => fileRole(path) === 'service';

export function queueWiring(ctx: RepoRuleContext): QueueWiring {
  const facts = ctx.facts(queueFacts);
  const out: QueueWiring = { instances: [], uses: [], unresolved: [], unknownSites: [] };
  if (facts.length === 0) return out;
  const link = ctx.link;
  const declOf = (path: string, module: string, name: string) => {
    const file = link.resolveImport(path, module);
    const t = file ? link.resolveExport(file, name) : null;
    return t && 'decl' in t ? t.decl : null;
  };
  const bySlot = new Map<string, QueueInstance>();
  const byVariable = new Map<string, QueueInstance>();
  /** A name's value, the queue whose name property it reads, or why it has none. */
  type Value = { value: string } | { queue: QueueInstance } | { why: string };
  const nameProperty = (q: QueueInstance | undefined, member: string): QueueInstance | null =>
    q?.role === 'queue' && q.methodsOf && queueNameProperty(q.methodsOf) === member ? q : null;
  const valueOf = (path: string, n: QueueName): Value => {
    if ('value' in n) return { value: n.value };
    if ('unknown' in n) return { why: n.unknown };
    if ('param' in n) return { why: `parameter ${n.index + 1} of ${n.param}` };
    if ('slot' in n) {
      const q = nameProperty(bySlot.get(`${path}\0${n.slot}`), n.member);
      return q ? { queue: q } : { why: `.${n.member} of a value made in ${path}` };
    }
    const d = declOf(path, n.module, n.name);
    const what = { why: `${n.name}${n.member ? `.${n.member}` : ''} from ${n.module}` };
    if (!d) return what;
    if (!n.member) return d.value !== undefined ? { value: d.value } : what;
    const value = d.strings?.[n.member];
    if (value !== undefined) return { value };
    const q = nameProperty(byVariable.get(d.key), n.member);
    return q ? { queue: q } : what;
  };
  const site = (f: { path: string; line: number; snippet: string }): Site => ({ path: f.path, line: f.line, snippet: f.snippet, release: isRelease(f.path) });
  const add = (inst: QueueInstance, path: string, slot: number, variable?: string) => {
    out.instances.push(inst);
    bySlot.set(`${path}\0${slot}`, inst);
    if (variable) byVariable.set(keyOf(path, variable), inst);
  };
  const instance = (m: Make, f: { path: string; line: number; snippet: string }, v: Value): QueueInstance => {
    const s = site(f);
    const name = 'value' in v ? v.value : 'queue' in v ? v.queue.name : null;
    return {
      ...s, role: m.role, ...(m.methodsOf ? { methodsOf: m.methodsOf } : {}), name,
      ...('why' in v ? { why: v.why } : 'queue' in v && v.queue.why ? { why: v.queue.why } : {}),
      group: 'queue' in v ? v.queue.group : name !== null ? name : `${s.path}:${s.line}`,
      tied: 'queue' in v,
    };
  };

  // A factory (`buildQueue(name)`) makes one queue per call site, named by that site's argument.
  const callsTo = new Map<string, Call[]>();
  for (const c of facts) {
    if (c.type !== 'call') continue;
    const key = 'local' in c.callee ? keyOf(c.path, c.callee.local) : declOf(c.path, c.callee.module, c.callee.name)?.key;
    if (key) callsTo.set(key, [...(callsTo.get(key) ?? []), c]);
  }
  const readsQueue = (m: Make): boolean => 'member' in m.name && m.name.member !== undefined && !('value' in m.name);
  const makes = facts.filter((f): f is Make => f.type === 'make');
  for (const m of [...makes.filter((x) => !readsQueue(x)), ...makes.filter(readsQueue)]) {
    if (!('param' in m.name)) {
      add(instance(m, m, valueOf(m.path, m.name)), m.path, m.slot, m.variable);
      continue;
    }
    const fn = keyOf(m.path, m.name.param);
    const calls = callsTo.get(fn) ?? [];
    for (const c of calls) {
      const arg = c.args[m.name.index];
      add(instance(m, c, arg ? valueOf(c.path, arg) : { why: `argument ${m.name.index + 1} of ${m.name.param}` }), c.path, c.slot, c.variable);
    }
    // A reference to the factory that is no call verdict recorded (another file's call it could not read).
    const seen = new Set(calls.map((c) => `${c.path}:${c.line}`));
    for (const r of link.callers(fn)) {
      const path = r.from.slice(0, r.from.lastIndexOf('#'));
      if (seen.has(`${path}:${r.line}`)) continue;
      out.unknownSites.push({ path, line: r.line, snippet: '', release: isRelease(path), role: m.role, why: `a call of ${m.name.param} whose queue name verdict did not read` });
    }
  }

  for (const u of facts) {
    if (u.type !== 'use') continue;
    const t = u.target;
    let queue: QueueInstance | undefined;
    if ('slot' in t) queue = bySlot.get(`${u.path}\0${t.slot}`);
    else if ('module' in t) {
      const d = declOf(u.path, t.module, t.name);
      queue = d ? byVariable.get(t.member ? `${d.key}.${t.member}` : d.key) : undefined;
    } else {
      out.unresolved.push(site(u));
      continue;
    }
    const role = queue?.methodsOf ? queueMethodRole(queue.methodsOf, u.method) : null;
    if (queue && role) out.uses.push({ ...site(u), method: u.method, role, queue });
  }
  return out;
}
