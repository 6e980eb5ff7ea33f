import { typeEscapeFacts } from '../../collect/facts/type-escapes.js';
import { defineRepoRule } from '../api.js';
import { pushTo } from '../../util/group.js';

/** Names every module may declare for itself (component props, a worker's Env, a handler's Options). */
const LOCAL_NAMES = new Set([
  'Props', 'State', 'Options', 'Config', 'Env', 'Bindings', 'Variables', 'Context', 'Params', 'Args', 'Input', 'Output',
  'Result', 'Response', 'Request', 'Handler', 'Schema', 'Data', 'Meta', 'Item', 'Payload', 'Query', 'Body', 'Settings',
]);

export default defineRepoRule({
  id: 'types/duplicate-exported-type',
  meta: {
    category: 'types',
    severity: 'low',
    title: 'The same exported type declared in several files',
    rationale: 'Two exported declarations of one domain type drift apart: code compiles against one shape while the data has the other.',
    remediation: { text: 'Keep one declaration (a shared types module) and import it everywhere; derive variants with Pick/Omit instead of copying.', effort: 'low' },
    messages: {
      duplicate: '`{{name}}` is exported from {{count}} files: {{places}}',
    },
  },
  check(ctx) {
    const byPkg = new Map<string | null, Map<string, Array<{ path: string; line: number }>>>();
    let files = 0;
    for (const r of ctx.facts(typeEscapeFacts)) {
      // The whole tree's roles: an archived copy repeats every type of the service it copies.
      if (r.kind !== 'exports' || ctx.layout.roles.of(r.path) !== 'service') continue;
      files++;
      const pkg = ctx.packageOf(r.path);
      let names = byPkg.get(pkg);
      if (!names) byPkg.set(pkg, (names = new Map()));
      const seen = new Set<string>();
      for (const n of r.names) {
        // `export type X = ...` next to `export interface X` in one file is one declaration (merging).
        if (LOCAL_NAMES.has(n.name) || seen.has(n.name)) continue;
        seen.add(n.name);
        pushTo(names, n.name, { path: r.path, line: n.line });
      }
    }
    if (files === 0) {
      ctx.notApplicable('no exported type or interface in TypeScript service code');
      return;
    }
    for (const [pkg, names] of byPkg) {
      let dupes = 0;
      for (const [name, decls] of [...names].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        if (decls.length < 2) continue;
        dupes++;
        decls.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
        ctx.report({
          messageId: 'duplicate',
          data: { name, count: decls.length, places: `${decls.slice(0, 5).map((d) => `${d.path}:${d.line}`).join(', ')}${decls.length > 5 ? ', …' : ''}` },
          location: { path: decls[0].path, line: decls[0].line },
          evidence: decls.map((d) => ({ kind: 'file' as const, path: d.path, line: d.line, snippet: `export … ${name}` })),
          package: pkg,
        });
      }
      ctx.pass(`${names.size} exported type name(s) checked, ${dupes} declared in several files`, pkg);
    }
  },
});
