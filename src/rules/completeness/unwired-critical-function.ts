import { moduleFacts, usesOf } from '../../collect/facts/modules.js';
import { symbolFacts } from '../../collect/facts/symbols.js';
import { criticalRoleOfName, roleOfImport, type CriticalRole } from '../../knowledge/index.js';
import type { DeclNode, Link } from '../../link/index.js';
import type { Evidence } from '../../model/run.js';
import { fileRole } from '../../util/roles.js';
import { defineRepoRule } from '../api.js';

const LABEL: Record<CriticalRole, string> = {
  'shutdown-hook': 'shutdown hook', limiter: 'rate limiter', validator: 'validator', persistence: 'persistence helper',
};
/**
 * A shutdown hook or a limiter that never runs is a protection the service believes it has (and that
 * readiness reports count): high. An unused validator or persistence helper is often a leftover, and
 * the input may be checked elsewhere: medium.
 */
const SEVERITY: Record<CriticalRole, 'high' | 'medium'> = { 'shutdown-hook': 'high', limiter: 'high', validator: 'medium', persistence: 'medium' };
const FUNCTION_KINDS = new Set<DeclNode['kind']>(['function', 'method', 'member']);

export default defineRepoRule({
  id: 'completeness/unwired-critical-function',
  meta: {
    category: 'completeness',
    severity: 'high',
    title: 'A function with a critical role is defined but nothing in production calls it',
    rationale: 'A graceful shutdown, a rate limiter, a validator or a persistence helper that no production entry reaches protects nothing, yet reads in review and in readiness reports as if it were in place.',
    remediation: { text: 'Call it from where it belongs (the SIGTERM handler, the route chain, the request path), or delete it so nobody counts on it.', effort: 'medium' },
    messages: {
      unreachable: '{{role}} `{{name}}` is defined but not reached from any production entry (0 callers from production entries)',
      testsOnly: '{{role}} `{{name}}` is called only from tests: no production entry reaches it',
    },
  },
  check(ctx) {
    const link = ctx.link;
    const knownRoles = rolesByKnowledge(ctx.facts(symbolFacts), link);
    // A name used in a file whose imports did not all resolve may be called through what was not found.
    const blind = new Set(link.unresolved.map((u) => u.path));
    const maybeCalled = new Set<string>();
    for (const u of usesOf(ctx.facts(moduleFacts))) if (blind.has(u.path)) for (const n of u.names) maybeCalled.add(n);
    let examined = 0;
    let unknown = 0;
    for (const d of link.declarations()) {
      if (fileRole(d.path) !== 'service') continue;
      const name = d.id.slice(d.id.lastIndexOf('.') + 1);
      const byKnowledge = knownRoles.get(d.key);
      const role = byKnowledge ?? (FUNCTION_KINDS.has(d.kind) || d.kind === 'class' ? criticalRoleOfName(name) : null);
      if (!role || (d.kind === 'class' && role !== 'limiter')) continue;
      examined++;
      const reach = link.reach(d.key);
      if (reach === 'unknown') {
        unknown++;
        continue;
      }
      if (reach === 'production' || maybeCalled.has(name)) continue;
      const evidence: Evidence[] = [];
      const callers = link.callers(d.key).filter((c) => !c.from.startsWith(`${d.path}#${d.id}`));
      if (reach === 'tests') {
        for (const c of callers.slice(0, 3)) evidence.push({ kind: 'file', path: c.from.slice(0, c.from.lastIndexOf('#')), line: c.line, snippet: `called from ${c.from.slice(c.from.lastIndexOf('#') + 1)} (a test)` });
      } else {
        evidence.push({ kind: 'figure', name: 'callers from production entries', value: 0 });
        for (const c of callers.slice(0, 3)) evidence.push({ kind: 'file', path: c.from.slice(0, c.from.lastIndexOf('#')), line: c.line, snippet: `referenced from ${c.from.slice(c.from.lastIndexOf('#') + 1)}, itself unreachable from production` });
      }
      const pkg = link.entries.find((e) => e.package === ctx.packageOf(d.path));
      if (pkg) evidence.push({ kind: 'note', text: `entries of ${pkg.package}: ${pkg.entries.filter((e) => e.kind !== 'cli' && e.kind !== 'config').map((e) => `${e.file} (${e.kind})`).slice(0, 5).join(', ')}` });
      if (!byKnowledge) evidence.push({ kind: 'note', text: `the role comes from the name \`${name}\` (low confidence: no library descriptor says it)` });
      ctx.report({
        messageId: reach === 'tests' ? 'testsOnly' : 'unreachable',
        data: { role: LABEL[role], name: d.id },
        severity: SEVERITY[role],
        location: { path: d.path, line: d.line },
        evidence,
      });
    }
    if (examined === 0) ctx.notApplicable('no shutdown hook, limiter, validator or persistence helper declared in service code');
    else if (examined === unknown) ctx.unknown(`${examined} critical function(s), but no production entry could be determined for their packages (${link.entries.filter((e) => !e.known).map((e) => `${e.package}: ${e.reason}`).slice(0, 3).join('; ')})`);
    else ctx.pass(`${examined - unknown} critical function(s) reached from production entries${unknown > 0 ? ` (${unknown} in packages whose entries are unknown)` : ''}`);
  },
});

/** Declarations whose role a library descriptor gives: they call a shutdown hook or a limiter export. */
function rolesByKnowledge(records: ReturnType<typeof symbolFacts.of>, link: Link): Map<string, CriticalRole> {
  const out = new Map<string, CriticalRole>();
  for (const r of records) {
    if (r.type !== 'decl' || (r.kind !== 'function' && r.kind !== 'method' && r.kind !== 'member')) continue;
    for (const ref of r.refs) {
      if (ref.module === undefined || link.resolveImport(r.path, ref.module)) continue;
      const fact = roleOfImport(ref.module, ref.name ?? 'default', ref.member);
      if (fact?.role === 'shutdown-hook' || fact?.role === 'limiter') {
        out.set(`${r.path}#${r.id}`, fact.role);
        break;
      }
    }
  }
  return out;
}
