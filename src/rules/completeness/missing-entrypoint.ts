import { posix } from 'node:path';
import { exportsOf, importsOf, moduleFacts, type ExportFact, type ImportFact } from '../../collect/facts/modules.js';
import { defineRepoRule } from '../api.js';
import { resolvePath, resolveRelative } from '../shared/resolve.js';
import { pushTo } from '../../util/group.js';

export default defineRepoRule({
  id: 'completeness/missing-entrypoint',
  meta: {
    category: 'completeness',
    severity: 'high',
    title: 'Service binding names an entrypoint the target worker does not export',
    rationale: 'A service binding whose `entrypoint` the target worker does not export fails at deploy or on the first RPC call.',
    remediation: { text: 'Export the named `WorkerEntrypoint` class from the target worker\'s main module, or fix the `entrypoint` (and `service`) in the binding.', effort: 'low' },
    messages: {
      notExported: 'service binding {{binding}} calls entrypoint "{{entrypoint}}" of worker "{{service}}", but {{main}} does not export it',
    },
  },
  check(ctx) {
    const workers = ctx.layout.wrangler;
    const bindings = workers.flatMap((w) => w.services.filter((s) => typeof s.entrypoint === 'string' && typeof s.service === 'string').map((s) => ({ w, s })));
    if (bindings.length === 0) {
      ctx.notApplicable(workers.length ? 'no service binding names an entrypoint' : 'no wrangler config');
      return;
    }
    const files = new Set(ctx.layout.files.map((f) => f.path));
    const exportsByFile = new Map<string, ExportFact[]>();
    for (const e of exportsOf(ctx.facts(moduleFacts))) pushTo(exportsByFile, e.path, e);
    const starsByFile = new Map<string, ImportFact[]>();
    for (const i of importsOf(ctx.facts(moduleFacts)).filter((i) => i.star)) pushTo(starsByFile, i.path, i);
    const exported = (file: string, depth = 0): Set<string> => {
      const names = new Set((exportsByFile.get(file) ?? []).map((e) => e.name));
      if (depth < 5) {
        for (const s of starsByFile.get(file) ?? []) {
          const target = resolveRelative(file, s.spec, files);
          if (target) for (const n of exported(target, depth + 1)) if (n !== 'default') names.add(n);
        }
      }
      return names;
    };
    let checked = 0;
    const skipped: string[] = [];
    for (const { w, s } of bindings) {
      const service = String(s.service);
      const entrypoint = String(s.entrypoint);
      const target = workers.find((t) => t.name === service);
      if (!target) {
        skipped.push(`${service} (not in this repository)`);
        continue;
      }
      const main = target.main ? resolvePath(posix.join(target.packagePath, target.main), files) : null;
      if (!main) {
        skipped.push(`${service} (main ${target.main ?? 'not set'} not found in ${target.path})`);
        continue;
      }
      checked++;
      const names = exported(main);
      if (names.has(entrypoint)) continue;
      ctx.report({
        messageId: 'notExported',
        data: { binding: s.binding, entrypoint, service, main },
        location: { path: w.path, line: s.line },
        evidence: [
          { kind: 'note', text: `${main} exports: ${[...names].sort().join(', ') || '(nothing found)'}` },
          { kind: 'file', path: target.path, line: 1, snippet: `name = "${service}", main = "${target.main}"` },
        ],
      });
    }
    const note = skipped.length ? `; not checked: ${skipped.join(', ')}` : '';
    if (checked === 0) ctx.unknown(`no service binding's target worker could be read${note}`);
    else ctx.pass(`${checked} service binding entrypoint(s) checked against the target worker's exports${note}`);
  },
});
