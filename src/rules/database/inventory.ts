import type { PackageDatabases } from '../../model/databases.js';
import { defineRepoRule } from '../api.js';
import { resolveSites } from '../shared/data-access.js';

const SITES_PER_FILE = 20;

export default defineRepoRule({
  id: 'database/inventory',
  meta: {
    category: 'database',
    severity: 'info',
    title: 'Inventory of data access per package',
    rationale: 'Knowing which files touch which database is the basis for every isolation claim ("only the orchestrator writes to D1").',
    remediation: { text: 'Nothing to fix: read `inventory.databases` to see which files touch which database.', effort: 'low' },
  },
  check(ctx) {
    const sites = resolveSites(ctx);
    const packages: PackageDatabases[] = [];
    const byPkg = new Map<string | null, typeof sites>(ctx.layout.packages.map((p) => [p.name, []]));
    for (const s of sites) {
      const list = byPkg.get(s.package);
      if (list) list.push(s); else byPkg.set(s.package, [s]);
    }
    for (const [name, own] of byPkg) {
      const pkg = ctx.layout.packages.find((p) => p.name === name);
      const workers = pkg ? ctx.layout.wrangler.filter((w) => w.packagePath === pkg.path) : [];
      const d1Bindings = workers.flatMap((w) => w.d1.map((b) => ({
        config: w.path, worker: w.name, binding: b.binding,
        databaseName: typeof b.database_name === 'string' ? b.database_name : null, line: b.line,
      })));
      if (own.length === 0 && d1Bindings.length === 0 && (pkg?.orms.length ?? 0) === 0) continue;
      const byFile = new Map<string, typeof own>();
      for (const s of own) {
        const list = byFile.get(s.path);
        if (list) list.push(s); else byFile.set(s.path, [s]);
      }
      const files = [...byFile].map(([path, list]) => {
        const databases: Record<string, number> = {};
        for (const s of list) databases[s.database] = (databases[s.database] ?? 0) + 1;
        return { path, databases, total: list.length, sites: list.slice(0, SITES_PER_FILE).map((s) => ({ line: s.line, kind: s.kind, callee: s.callee })) };
      });
      packages.push({
        package: name,
        libraries: [...new Set([...own.map((s) => s.library).filter((l) => l !== 'unknown'), ...(d1Bindings.length ? ['d1'] : [])])].sort(),
        declaredLibraries: pkg?.orms ?? [],
        d1Bindings, files, sites: own.length,
      });
      const dbs = [...new Set(own.map((s) => s.database))].sort();
      ctx.pass(`${own.length} data-access site(s) in ${files.length} file(s)${dbs.length ? ` (${dbs.join(', ')})` : ''}; ${d1Bindings.length} D1 binding(s) declared`, name);
    }
    ctx.inventory.databases = { packages, totalSites: sites.length };
    if (packages.length === 0) ctx.notApplicable('no database library, D1 binding or data-access call found');
  },
});
