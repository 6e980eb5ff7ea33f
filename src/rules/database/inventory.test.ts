import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import type { DatabasesInventory } from '../../model/databases.js';
import rule from './inventory.js';

const files = {
  'package.json': '{"name":"root","private":true,"workspaces":["apps/*"]}',
  'apps/api/package.json': '{"name":"api","dependencies":{"@prisma/client":"5","pg":"8"}}',
  'apps/api/src/db.ts': [
    "import { PrismaClient } from '@prisma/client';",
    "import { Pool } from 'pg';",
    'export const prisma = new PrismaClient();',
    'export const pool = new Pool({ connectionString: process.env.DATABASE_URL });',
    'export async function users() {',
    '  await pool.query("SELECT * FROM users WHERE id = $1", [1]);',
    '  return prisma.user.findMany({ where: { active: true } });',
    '}',
  ].join('\n'),
  'apps/api/src/report.ts': [
    "import { prisma } from './db';",
    'export const n = () => prisma.$queryRaw`SELECT count(*) FROM users`;',
    '// prisma.user.deleteMany() commented out is not a call',
    'const prompt = "Select the users from the table that match";',
  ].join('\n'),
  'apps/edge/package.json': '{"name":"edge","dependencies":{"drizzle-orm":"0.30"}}',
  'apps/edge/wrangler.toml': 'name = "edge"\nmain = "src/index.ts"\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "main"\ndatabase_id = "x"\n',
  'apps/edge/src/index.ts': [
    "import { drizzle } from 'drizzle-orm/d1';",
    'export default { async fetch(req: Request, env: Env) {',
    '  const db = drizzle(env.DB);',
    '  await db.select().from(users);',
    "  const stmt = env.DB.prepare('SELECT * FROM t WHERE id = ?');",
    "  const cache = env.CACHE.prepare('not a database');",
    '  return new Response("ok");',
    '} };',
  ].join('\n'),
  'apps/edge/src/repo.ts': [
    'export class Repo {',
    '  constructor(private db: D1Database) {}',
    "  get(id: string) { return this.db.prepare('SELECT * FROM t WHERE id = ?').bind(id).first(); }",
    '}',
  ].join('\n'),
  'apps/edge/src/other.ts': 'export function x(map: Map<string, number>) { map.delete("a"); return [1].map((v) => v); }\n',
};

describe('database/inventory', () => {
  it('records libraries, D1 bindings and the sites of each file per package', async () => {
    const run = await auditFiles(files, { rules: [rule] });
    const inv = run.inventory.databases as DatabasesInventory;
    const api = inv.packages.find((p) => p.package === 'api')!;
    expect(api.libraries).toEqual(['pg', 'prisma']);
    expect(api.files.map((f) => [f.path, f.databases])).toEqual([
      ['apps/api/src/db.ts', { prisma: 2, pg: 2 }],
      ['apps/api/src/report.ts', { prisma: 1 }],
    ]);
    expect(api.files[0].sites.map((s) => `${s.line}:${s.kind}`)).toEqual(['3:client', '4:client', '6:raw', '7:query']);
    const edge = inv.packages.find((p) => p.package === 'edge')!;
    expect(edge.d1Bindings).toEqual([{ config: 'apps/edge/wrangler.toml', worker: 'edge', binding: 'DB', databaseName: 'main', line: 5 }]);
    expect(edge.files.map((f) => [f.path, f.databases])).toEqual([
      ['apps/edge/src/index.ts', { drizzle: 2, 'd1:DB': 1 }],
      ['apps/edge/src/repo.ts', { 'd1:DB': 1 }],
    ]);
    expect(inv.packages.some((p) => p.package === 'root')).toBe(false);
    expect(run.outcomes.filter((o) => o.ruleId === rule.id).map((o) => `${o.package}:${o.status}`)).toEqual(['api:pass', 'edge:pass']);
    expect(run.findings).toEqual([]);
  });

  it('is not applicable without any database', async () => {
    const run = await auditFiles({ 'package.json': '{"name":"x"}', 'src/a.ts': 'export const a = 1;\n' }, { rules: [rule] });
    expect(run.outcomes.find((o) => o.ruleId === rule.id)?.status).toBe('not-applicable');
  });
});
