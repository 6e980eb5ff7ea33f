import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import { d1MigrationsApply } from '../../knowledge/index.js';
import rule from './d1-applied-only-locally.js';

const wrangler = ['name = "api"', 'main = "src/index.ts"', '', '[[d1_databases]]', 'binding = "DB"', 'database_name = "app-db"', 'database_id = "0000"', 'migrations_dir = "migrations"'].join('\n');
const base = {
  'wrangler.toml': wrangler,
  'migrations/0001_init.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n',
  'src/index.ts': 'export default { async fetch(req: Request, env: { DB: D1Database }) { return Response.json(await env.DB.prepare("SELECT 1").all()); } };\n',
};
const pkg = (scripts: Record<string, string>, wranglerRange = '^3.80.0') => JSON.stringify({ name: 'api', private: true, scripts, devDependencies: { wrangler: wranglerRange } }, null, 2);
const deployWf = (cmd: string) => ['on: [push]', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4',
  '      - uses: cloudflare/wrangler-action@v3', '        with:', `          command: ${cmd}`].join('\n');

describe('wrangler d1 migrations apply (knowledge)', () => {
  it('reads the flag, the database and a pinned version', () => {
    expect(d1MigrationsApply(['npx', 'wrangler@3.20.0', 'd1', 'migrations', 'apply', 'app-db'])).toEqual({ database: 'app-db', flag: null, version: '3.20.0' });
    expect(d1MigrationsApply(['wrangler', 'd1', 'migrations', 'apply', 'DB', '--remote'])?.flag).toBe('remote');
    expect(d1MigrationsApply(['deno', 'run', '-A', 'npm:wrangler', 'd1', 'migrations', 'apply', 'DB', '--local'])?.flag).toBe('local');
    expect(d1MigrationsApply(['wrangler', 'd1', 'migrations', 'list', 'DB'])).toBeNull();
    expect(d1MigrationsApply(['wrangler', 'deploy'])).toBeNull();
  });
});

describe('migrations/d1-applied-only-locally', () => {
  it('reports scripts that apply only with --local', async () => {
    const found = await runRule(rule, { ...base, 'package.json': pkg({ dev: 'wrangler dev', 'db:migrate': 'wrangler d1 migrations apply app-db --local', deploy: 'wrangler deploy' }) });
    expect(at(found)).toEqual(['package.json:6']);
    expect(found[0].severity).toBe('medium');
  });

  it('reads an apply without a flag as local from wrangler 3.33.0 on, and as remote before', async () => {
    const scripts = { 'db:migrate': 'wrangler d1 migrations apply app-db' };
    expect(at(await runRule(rule, { ...base, 'package.json': pkg(scripts, '^3.80.0') }))).toEqual(['package.json:5']);
    expect(await runRule(rule, { ...base, 'package.json': pkg(scripts, '~3.20.0') })).toEqual([]);
  });

  it('takes the version the lockfile installed when the range admits both defaults, and is silent without one', async () => {
    const files = { ...base, 'package.json': pkg({ 'db:migrate': 'wrangler d1 migrations apply app-db' }, '^3.0.0') };
    const lock = (v: string) => JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'api' }, 'node_modules/wrangler': { version: v } } });
    expect(at(await runRule(rule, { ...files, 'package-lock.json': lock('3.90.0') }))).toEqual(['package.json:5']);
    expect(await runRule(rule, { ...files, 'package-lock.json': lock('3.20.0') })).toEqual([]);
    expect(await runRule(rule, files)).toEqual([]); // unknown, never a finding on a guess
  });

  it('stays silent when a script or the deploy workflow applies with --remote', async () => {
    const local = { 'db:migrate': 'wrangler d1 migrations apply app-db --local' };
    expect(await runRule(rule, { ...base, 'package.json': pkg({ ...local, 'db:migrate:prod': 'wrangler d1 migrations apply app-db --remote' }) })).toEqual([]);
    expect(await runRule(rule, { ...base, 'package.json': pkg(local), '.github/workflows/deploy.yml': deployWf('d1 migrations apply app-db --remote') })).toEqual([]);
  });
});
