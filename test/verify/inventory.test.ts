// Facts other collectors publish in the inventory are used when present, and their absence is
// named: "needs inventory.routes".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit.js';
import type { AuditRun } from '../../src/model/run.js';
import { checkClaims } from '../../src/verify/index.js';
import { RepoIndex } from '../../src/verify/repo.js';
import { removeRepo } from '../helpers/repo.js';
import { serviceRepo } from './fixture.js';

let root = '';
let run: AuditRun;
const none = { tracked: false, addedIn: null, addedOn: null, checkedAt: null, changedSince: [], changesUnknown: null };

beforeAll(async () => {
  root = serviceRepo();
  run = await audit({ root, exec: false, cache: false, quiet: true });
});
afterAll(() => removeRepo(root));

function check(md: string, inventory: Record<string, unknown>, trees: Array<{ path: string; role: string }> = []) {
  return checkClaims(md, { run: { ...run, inventory: { ...run.inventory, ...inventory } }, repo: new RepoIndex(root, trees), noExecReason: null }, none);
}

describe('verify and the inventory', () => {
  it('counts routes from inventory.routes, and says it needs them when absent', () => {
    const md = '- 3 routes\n';
    expect(check(md, { routes: undefined })[0]).toMatchObject({ verdict: 'unverifiable', reason: 'needs inventory.routes (route collector)' });
    const routes = [{ method: 'GET', path: '/health', file: 'src/index.ts', line: 9 }, { method: 'GET', path: '/users', file: 'src/index.ts', line: 10 }];
    expect(check(md, { routes })[0]).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/verdict counts 2 \(inventory\.routes\)/) });
  });

  it('reads the route table the audit writes ({ routes, summary }), release code only', () => {
    // The fixture's Hono app registers /health, /users and /reports/:id in src/index.ts.
    const health = check('- Health check ✅ `GET /health` returns 200\n', {})[0];
    expect(health).toMatchObject({ kind: 'feature', verdict: 'confirmed', reason: expect.stringMatching(/^route GET \/health at src\/index\.ts:9/) });
    expect(health.evidence[0]).toMatchObject({ kind: 'file', path: 'src/index.ts', line: 9 });
    expect(check('- 3 routes\n', {})[0]).toMatchObject({ verdict: 'confirmed', reason: expect.stringMatching(/inventory\.routes/) });
    // A method the route does not serve is not that route.
    expect(check('- Health check ✅ `DELETE /health`\n', {})[0].reason).not.toMatch(/^route/);
    // The same routes in a folder the audit calls archived are no routes of the release.
    expect(check('- 3 routes\n', {}, [{ path: 'src', role: 'archived' }])[0]).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/verdict counts 0/) });
  });

  it('finds an endpoint through inventory.routes', () => {
    const c = check('- Prometheus `/metrics` ❌ MISSING\n', { routes: [{ method: 'GET', path: '/metrics', file: 'src/index.ts', line: 12 }] })[0];
    expect(c).toMatchObject({ kind: 'feature', verdict: 'contradicted' });
    expect(c.evidence[0]).toMatchObject({ kind: 'file', path: 'src/index.ts', line: 12 });
  });

  it('adds data-access sites from inventory.databases to the repo-wide search', () => {
    const c = check('- No direct database access in `src/lib`\n', { databases: [{ kind: 'prisma', path: 'src/lib/logger.ts', line: 2 }] })[0];
    expect(c).toMatchObject({ kind: 'db-access', verdict: 'contradicted' });
    expect(c.evidence[0]).toMatchObject({ path: 'src/lib/logger.ts', line: 2 });
  });

  it('counts migrations from inventory.migrations when the report names no folder', () => {
    expect(check('- 5 migrations\n', { migrations: [{ path: 'prisma/migrations', count: 2 }] })[0]).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/verdict counts 2/) });
  });

  it('counts bindings in the worker a table row names, never in a template or archived copy', () => {
    const worker = (path: string, d1: number) => ({ path, main: null, packagePath: path.replace(/\/wrangler\.toml$/, ''), d1: Array.from({ length: d1 }, (_, i) => ({ binding: `DB${i}`, line: 4 })), kv: [], r2: [], durableObjects: [], services: [], queueProducers: [] });
    const workers = [worker('worker/wrangler.toml', 2), worker('worker-copy/wrangler.toml', 5)];
    const md = '| Worker | Databases |\n|---|---|\n| worker | 2 databases |\n\n- 2 D1 databases\n';
    const [row, all] = check(md, { workers }, [{ path: 'worker-copy', role: 'archived' }]);
    expect(row).toMatchObject({ verdict: 'confirmed', fact: { subject: 'databases in worker' } });
    expect(all).toMatchObject({ verdict: 'confirmed' });
    expect(check(md, { workers })[1]).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/verdict counts 7/) });
  });

  it('counts service bindings only in a worker the claim names: a sum over several workers is no one config\'s', () => {
    const worker = (path: string, services: number) => ({ path, main: null, packagePath: path.replace(/\/wrangler\.toml$/, ''), d1: [], kv: [], r2: [], durableObjects: [], services: Array.from({ length: services }, (_, i) => ({ binding: `API${i}`, line: 4 })), queueProducers: [] });
    const workers = [worker('worker/wrangler.toml', 3), worker('jobs/wrangler.toml', 2)];
    const md = '| Worker | Bindings |\n|---|---|\n| worker | 3 RPC bindings |\n\n- 5 orchestrator RPC bindings\n';
    const [row, all] = check(md, { workers });
    expect(row).toMatchObject({ verdict: 'confirmed', fact: { subject: 'bindings in worker' } });
    expect(all).toMatchObject({ verdict: 'unverifiable', reason: expect.stringMatching(/names no worker, and 2 release workers/) });
  });

  it('takes a line count in either convention: wc -l, or an editor numbering the line after the final newline', () => {
    const [wc, editor, off] = check('- `src/index.ts` (13 lines)\n- `src/index.ts` (14 lines)\n- `src/index.ts` (15 lines)\n', {});
    expect([wc.verdict, editor.verdict, off.verdict]).toEqual(['confirmed', 'confirmed', 'contradicted']);
  });
});
