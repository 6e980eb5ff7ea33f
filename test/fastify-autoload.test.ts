import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import type { RouteEntry } from '../src/model/routes.js';
import routeWithoutAuth from '../src/rules/security/route-without-auth.js';

const root = fileURLToPath(new URL('./fixtures/repos/fastify-autoload', import.meta.url));

describe('routes loaded by @fastify/autoload', () => {
  it('mounts each file under the loader\'s prefix, its folder and its autoPrefix, with its folder\'s hooks', async () => {
    const run = await audit({ root, exec: false, cache: false, quiet: true, today: '2026-01-01', rules: [routeWithoutAuth] });
    const routes = (run.inventory.routes as { routes: RouteEntry[] }).routes;
    expect(routes.map((r) => `${r.method} ${r.path} ${r.file}:${r.line} ${r.auth ?? '-'} ${r.authBy ?? '-'} [${r.middleware.join(',')}]`).sort()).toEqual([
      'DELETE /api/admin/v2/stats src/routes/admin/stats.ts:6 - - []',
      'GET /api/health src/routes/health.ts:3 - - []',
      'POST /api/users src/routes/users/index.ts:7 inline body [inline]',
    ]);
    // The unguarded write is reported at its registration; the hook-guarded one and the health check are not.
    const findings = run.findings.filter((f) => f.ruleId === routeWithoutAuth.id);
    expect(findings.map((f) => `${f.location?.path}:${f.location?.line}`)).toEqual(['src/routes/admin/stats.ts:6']);
  });
});
