// Routes registered with a computed path or method (a loop over a table, a template path): listed in
// the route table with the expression as written, never judged as if their path were known; the
// rules that judge every route turn unknown for their package, naming file:line.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { RouteInventory } from '../../model/routes.js';
import rule from './route-without-auth.js';
import limits from './rate-limit-missing.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"express":"4"}}' };
const outcomeOf = (run: Awaited<ReturnType<typeof auditFiles>>, id: string) => run.outcomes.filter((o) => o.ruleId === id).map((o) => `${o.status}: ${o.reason}`);

describe('routes with computed paths', () => {
  it('a loop over a route table is unknown, naming the file and line, not a pass', async () => {
    const run = await auditFiles({
      ...pkg,
      'src/app.ts': [
        "import express from 'express';",
        "import { table } from './table';",
        'const app = express();',
        'for (const r of table) app[r.method](r.path, r.handler);',
        'app.listen(3000);',
      ].join('\n'),
      'src/table.ts': "export const table = [{ method: 'post', path: '/notes', handler: async (req: any, res: any) => res.json(await db.note.create({ data: req.body })) }];\n",
    }, { rules: [rule, limits] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    const inv = RouteInventory.parse(run.inventory.routes);
    expect(inv.routes.map((r) => `${r.method} ${r.path} ${r.file}:${r.line}`)).toEqual(['? ?{app[r.method](r.path)} src/app.ts:4']);
    const [auth] = outcomeOf(run, rule.id);
    expect(auth).toMatch(/^unknown: 1 route\(s\) registered with a computed path or method/);
    expect(auth).toContain('src/app.ts:4 (app[r.method](r.path))');
    expect(outcomeOf(run, limits.id)[0]).toMatch(/^unknown: .*src\/app\.ts:4/);
  });

  it('a template path is unknown beside the literal routes it does judge', async () => {
    const run = await auditFiles({
      ...pkg,
      'src/app.ts': [
        "import express from 'express';",
        'const app = express();',
        "const kind = process.env.KIND ?? 'notes';",
        'app.delete(`/${kind}/:id`, async (req, res) => res.json(await db.note.delete({ where: { id: req.params.id } })));',
        "app.post('/notes', async (req, res) => res.json(await db.note.create({ data: req.body })));",
        'app.listen(3000);',
      ].join('\n'),
    }, { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id).map((f) => f.location?.line)).toEqual([5]);
    expect(outcomeOf(run, rule.id).join('\n')).toContain('src/app.ts:4 (`/${kind}/:id`)');
  });

  it('a two-argument get on a value that is no app of the file is no route', async () => {
    const run = await auditFiles({
      ...pkg,
      'src/app.ts': [
        "import express from 'express';",
        "import { lru } from './lru';",
        'const app = express();',
        'const key = String(Date.now());',
        "app.get('/now', (req, res) => res.json({ at: lru.get(key, () => 0) }));",
        'app.listen(3000);',
      ].join('\n'),
      'src/lru.ts': 'export const lru = { get: (k: string, f: () => number) => f() };\n',
    }, { rules: [rule] });
    const inv = RouteInventory.parse(run.inventory.routes);
    expect(inv.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /now']);
    expect(outcomeOf(run, rule.id)[0]).toMatch(/^pass/);
  });

  it('a path held by a const string of the file is read as that path and judged', async () => {
    const run = await auditFiles({
      ...pkg,
      'src/app.ts': [
        "import express from 'express';",
        'const app = express();',
        "const NOTES = '/notes';",
        'app.post(NOTES, async (req, res) => res.json(await db.note.create({ data: req.body })));',
        'app.listen(3000);',
      ].join('\n'),
    }, { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id).map((f) => f.message)).toEqual([expect.stringContaining('POST /notes')]);
    expect(outcomeOf(run, rule.id)[0]).toMatch(/^fail/);
  });
});
