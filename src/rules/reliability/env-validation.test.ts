import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './env-validation.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"hono":"^4.0.0","@hono/node-server":"^1.0.0"}}' };
const server = "import { serve } from '@hono/node-server';\nserve({ fetch: app.fetch, port: 3000 });\n";

describe('reliability/env-validation', () => {
  it('stays silent when a schema, envalid, t3-env or a throwing check validates the environment', async () => {
    const cases = [
      "import { z } from 'zod';\nexport const env = z.object({ DATABASE_URL: z.string().url() }).parse(process.env);\n",
      "import { cleanEnv, str } from 'envalid';\nexport const env = cleanEnv(process.env, { DATABASE_URL: str() });\n",
      "import { createEnv } from '@t3-oss/env-core';\nexport const env = createEnv({ server: { DATABASE_URL: z.string() }, runtimeEnv: process.env });\n",
      "if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required');\nexport const url = process.env.DATABASE_URL;\n",
      "const Env = z.object({ DATABASE_URL: z.string() });\nexport function loadEnv(source: NodeJS.ProcessEnv = process.env) {\n  return Env.parse(source);\n}\n",
      "function required(name: string) {\n  const v = process.env[name];\n  if (!v) {\n    console.error(`${name} missing`);\n    process.exit(1);\n  }\n  return v;\n}\n",
    ];
    for (const env of cases) {
      expect(await runRule(rule, { ...pkg, 'src/main.ts': server, 'src/env.ts': env, 'src/db.ts': 'export const db = connect(process.env.DATABASE_URL);\n' })).toEqual([]);
    }
  });

  it('is silent without a server, or when every read has a default', async () => {
    expect(await runRule(rule, { 'package.json': '{"name":"lib"}', 'src/db.ts': 'export const db = connect(process.env.DATABASE_URL);\n' })).toEqual([]);
    expect(await runRule(rule, { ...pkg, 'src/main.ts': server, 'src/c.ts': "export const port = Number(process.env.PORT ?? 3000);\nexport const e = process.env.NODE_ENV;\n" })).toEqual([]);
  });

  it('does not take a branch on a variable for validation', async () => {
    const env = "if (!process.env.TEST_BACKEND) {\n  const user = await findUser();\n  if (!user) throw new Error('no user');\n}\n";
    expect(at(await runRule(rule, { ...pkg, 'src/main.ts': server, 'src/env.ts': env, 'src/db.ts': 'export const db = connect(process.env.DATABASE_URL);\n' }))).toEqual(['src/db.ts:1']);
  });

  it('reports a server reading the environment without validation, at the first read', async () => {
    const findings = await runRule(rule, { ...pkg, 'src/main.ts': server, 'src/db.ts': '\nexport const db = connect(process.env.DATABASE_URL, process.env.DB_TOKEN);\n' });
    expect(at(findings)).toEqual(['src/db.ts:2']);
    expect(findings[0].message).toContain('DATABASE_URL, DB_TOKEN');
  });

  it('checks Workers env reads too', async () => {
    const worker = { 'package.json': '{"name":"w"}', 'wrangler.toml': 'name = "w"\nmain = "src/index.ts"\n' };
    const findings = await runRule(rule, { ...worker, 'src/index.ts': 'export default {\n  async fetch(req: Request, env: Env) {\n    return fetch(env.UPSTREAM_URL);\n  },\n};\n' });
    const bindings = '[[d1_databases]]\nbinding = "DB"\ndatabase_name = "x"\ndatabase_id = "y"\n[ai]\nbinding = "AI"\n[[durable_objects.bindings]]\nname = "ROOMS"\nclass_name = "Room"\n';
    expect(await runRule(rule, { ...worker, 'wrangler.toml': worker['wrangler.toml'] + bindings, 'src/index.ts': 'export default {\n  async fetch(req: Request, env: Env) {\n    return Response.json([await env.DB.prepare("select 1").all(), env.AI, env.ROOMS]);\n  },\n};\n' })).toEqual([]);
    expect(at(findings)).toEqual(['src/index.ts:3']);
  });
});
