import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './boundary.js';

const repo = {
  'package.json': '{"name":"root","private":true,"workspaces":["workers/*"]}',
  'workers/orchestrator/package.json': '{"name":"orchestrator"}',
  'workers/orchestrator/wrangler.toml': 'name = "orchestrator"\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "main"\n',
  'workers/orchestrator/src/index.ts': [
    'export default { async fetch(req: Request, env: any) {',
    "  return Response.json(await env.DB.prepare('SELECT * FROM runs').all());",
    '} };',
  ].join('\n'),
  'workers/orchestrator/test/db.test.ts': "await env.DB.prepare('DELETE FROM runs').run();\n",
  'workers/api/package.json': '{"name":"api"}',
  'workers/api/wrangler.jsonc': '{\n  "name": "api",\n  "services": [{ "binding": "ORCH", "service": "orchestrator" }]\n}\n',
  'workers/api/src/index.ts': [
    'export default { async fetch(req: Request, env: any) {',
    '  const cache = await env.CACHE.get("k");',
    '  return env.ORCH.fetch(req);',
    '} };',
  ].join('\n'),
};

const config = (allow: string[]) => JSON.stringify({ boundaries: { database: { allow } } });

describe('database/boundary', () => {
  it('stays silent without a configured boundary', async () => {
    const bad = { ...repo, 'workers/api/src/direct.ts': "export const q = (env: any) => env.DB.prepare('SELECT 1');\n" };
    expect(await runRule(rule, bad)).toEqual([]);
  });

  it('stays silent when every access is inside the allowed globs', async () => {
    expect(await runRule(rule, { ...repo, 'verdict.config.json': config(['workers/orchestrator/**']) })).toEqual([]);
  });

  it('reports D1 queries, clients, queries and bindings outside the boundary', async () => {
    const findings = await runRule(rule, {
      ...repo,
      'verdict.config.json': config(['workers/orchestrator/**']),
      'workers/api/wrangler.jsonc': '{\n  "name": "api",\n  "d1_databases": [\n    { "binding": "DB", "database_name": "main" }\n  ]\n}\n',
      'workers/api/src/report.ts': [
        'export class ReportGenerator {',
        '  constructor(private db: D1Database) {}',
        '  async run(query: string) {',
        '    return this.db.prepare(query).bind(1).all();',
        '  }',
        '}',
        'export async function direct(c: any) {',
        "  return c.env.DB.prepare('SELECT * FROM runs WHERE id = ?').bind(c.req.param('id')).first();",
        '}',
      ].join('\n'),
      'workers/api/src/pg.ts': [
        "import { Pool } from 'pg';",
        'const pool = new Pool();',
        "export const rows = () => pool.query('SELECT * FROM runs');",
      ].join('\n'),
    });
    expect(at(findings)).toEqual([
      'workers/api/src/pg.ts:2',
      'workers/api/src/pg.ts:3',
      'workers/api/src/report.ts:4',
      'workers/api/src/report.ts:8',
      'workers/api/wrangler.jsonc:4',
    ]);
    expect(findings.map((f) => f.messageId)).toEqual(['createsClient', 'queries', 'queriesD1', 'queriesD1', 'd1Binding']);
    expect(findings.every((f) => f.severity === 'high')).toBe(true);
    expect(findings[2].location?.snippet).toBe('return this.db.prepare(query).bind(1).all();');
  });
});
