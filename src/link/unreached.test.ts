import { describe, expect, it } from 'vitest';
import { auditFiles, type FileMap } from '../../test/helpers/repo.js';
import fallbackSecret from '../rules/security/fallback-secret.js';

const manifest = (extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'api', private: true, main: 'src/server.js', dependencies: { express: '^4.19.0' }, ...extra });
const server = "const express = require('express');\nconst { routes } = require('./routes');\nconst app = express();\napp.use(routes);\napp.listen(3000);\n";
const routes = "const { Router } = require('express');\nconst routes = Router();\nroutes.get('/health', (req, res) => res.json({ ok: true }));\nmodule.exports = { routes };\n";
// A file only a library's own CLI reads (a schema generator): no entry of the service loads it.
const cliConfig = "export const auth = { secret: process.env.AUTH_SECRET || 'dev-secret' };\n";

async function run(files: FileMap) {
  const r = await auditFiles(files, { rules: [fallbackSecret] });
  const findings = r.findings.filter((f) => f.ruleId === fallbackSecret.id).map((f) => ({ path: f.location?.path, severity: f.severity, outside: f.outsideRelease?.role ?? null }));
  const roles = r.inventory.roles as { counts: Record<string, number>; reach?: Array<{ package: string; complete: boolean; reason: string }> };
  return { findings, roles };
}

describe('link/unreached: source no production entry loads', () => {
  it('a file no entry reaches in a package whose loading is known is unreached: its finding is lowered and counted apart', async () => {
    const { findings, roles } = await run({ 'package.json': manifest(), 'src/server.js': server, 'src/routes.js': routes, 'auth.ts': cliConfig });
    expect(findings).toEqual([{ path: 'auth.ts', severity: 'low', outside: 'unreached' }]);
    expect(roles.counts.unreached).toBe(1);
    expect(roles.reach?.find((p) => p.package === 'api')?.complete).toBe(true);
  });

  it('the same file reached through a re-export, a constant dynamic import, or a path handed to a Worker stays release code', async () => {
    const reexport = await run({
      'package.json': manifest(), 'src/routes.js': routes, 'src/lib/index.ts': "export * from '../../auth';\n",
      'src/server.js': `${server}const lib = require('./lib');\nconsole.log(lib);\n`, 'auth.ts': cliConfig,
    });
    expect(reexport.findings).toEqual([{ path: 'auth.ts', severity: 'high', outside: null }]);
    const dynamic = await run({ 'package.json': manifest(), 'src/routes.js': routes, 'src/server.js': `${server}import('../auth.js').then(console.log);\n`, 'auth.js': cliConfig });
    expect(dynamic.findings).toEqual([{ path: 'auth.js', severity: 'high', outside: null }]);
    const worker = await run({
      'package.json': manifest(), 'src/routes.js': routes, 'auth.js': cliConfig,
      'src/server.js': `${server}const { Worker } = require('node:worker_threads');\nnew Worker(require('node:path').join(__dirname, '../auth.js'));\n`,
    });
    expect(worker.findings).toEqual([{ path: 'auth.js', severity: 'high', outside: null }]);
    // A sandboxed processor named by a concatenation: `new Worker('mail', __dirname + '/processor.js')`.
    const sandboxed = await run({
      'package.json': manifest(), 'src/routes.js': routes, 'src/processor.ts': `export default async function p() { return ${JSON.stringify(cliConfig)}; }\nexport const k = process.env.AUTH_SECRET || 'dev-secret';\n`,
      'src/server.js': `${server}const { Worker } = require('bullmq');\nnew Worker('mail', __dirname + '/processor.js');\n`,
    });
    expect(sandboxed.findings).toEqual([{ path: 'src/processor.ts', severity: 'high', outside: null }]);
    // A classic script (no import, export or require: a page includes it) is no module the graph could reach: release code.
    const script = await run({ 'package.json': manifest(), 'src/server.js': server, 'src/routes.js': routes, 'public/js/main.js': "var s = { secret: process.env.AUTH_SECRET || 'dev-secret' };\n" });
    expect(script.findings.map((f) => f.outside)).toEqual([null]);
  });

  it('a file that serves requests but that no known entry loads leaves what starts it unknown: the package stays release code', async () => {
    // A second server no script, manifest or deploy file names: something verdict does not see starts it.
    const admin = "const express = require('express');\nconst app = express();\napp.get('/admin', (req, res) => res.end());\nmodule.exports = app;\n";
    const { findings, roles } = await run({ 'package.json': manifest(), 'src/server.js': server, 'src/routes.js': routes, 'src/admin.js': admin, 'auth.ts': cliConfig });
    expect(findings).toEqual([{ path: 'auth.ts', severity: 'high', outside: null }]);
    const reach = roles.reach?.find((p) => p.package === 'api');
    expect(reach?.complete).toBe(false);
    expect(reach?.reason).toContain('src/admin.js:2 serves requests');
  });

  it('a Next.js route file is an entry by the framework\'s convention: release code', async () => {
    const { findings } = await run({
      'package.json': JSON.stringify({ name: 'web', private: true, scripts: { start: 'next start' }, dependencies: { next: '^14.0.0' } }),
      'app/api/login/route.ts': "export async function POST() { return Response.json({ s: process.env.AUTH_SECRET || 'dev-secret' }); }\n",
      'app/page.tsx': 'export default function Page() { return null; }\n',
    });
    expect(findings).toEqual([{ path: 'app/api/login/route.ts', severity: 'high', outside: null }]);
  });

  it('a file a preload or a Dockerfile CMD names is an entry', async () => {
    const preload = await run({ 'package.json': manifest({ scripts: { start: 'node -r ./auth.js src/server.js' } }), 'src/server.js': server, 'src/routes.js': routes, 'auth.js': cliConfig });
    expect(preload.findings).toEqual([{ path: 'auth.js', severity: 'high', outside: null }]);
    const docker = await run({ 'package.json': manifest(), 'src/server.js': server, 'src/routes.js': routes, 'auth.js': cliConfig, Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["node", "auth.js"]\n' });
    expect(docker.findings).toEqual([{ path: 'auth.js', severity: 'high', outside: null }]);
  });

  it('where loading is not fully known, every file stays release code: a run-time dynamic import, an unresolved import, a loader verdict does not model, no entries', async () => {
    const cases: Array<[string, FileMap]> = [
      ['dynamic import of a run-time name', { 'package.json': manifest(), 'src/routes.js': routes, 'auth.ts': cliConfig, 'src/server.js': `${server}for (const m of process.argv) require(m);\n` }],
      ['an import verdict cannot resolve', { 'package.json': manifest(), 'src/routes.js': routes, 'auth.ts': cliConfig, 'src/server.js': `${server}require('./generated/client');\n` }],
      ['an ORM loading entities by a glob', { 'package.json': manifest(), 'src/routes.js': routes, 'auth.ts': cliConfig, 'src/server.js': `${server}const { DataSource } = require('typeorm');\nnew DataSource({ entities: [__dirname + '/**/*.entity{.ts,.js}'] });\n` }],
      ['a bundler page', { 'package.json': manifest(), 'src/server.js': server, 'src/routes.js': routes, 'auth.ts': cliConfig, 'index.html': '<script type="module" src="/auth.ts"></script>\n' }],
      ['a Dockerfile starting a file verdict cannot find', { 'package.json': manifest(), 'src/server.js': server, 'src/routes.js': routes, 'auth.ts': cliConfig, Dockerfile: 'FROM node:20\nCMD ["node", "out/app.js"]\n' }],
      ['no production entry', { 'package.json': JSON.stringify({ name: 'api', private: true }), 'src/server.js': server, 'src/routes.js': routes, 'auth.ts': cliConfig }],
    ];
    for (const [name, files] of cases) {
      const { findings, roles } = await run(files);
      expect(findings, name).toEqual([{ path: 'auth.ts', severity: 'high', outside: null }]);
      expect(roles.counts.unreached ?? 0, name).toBe(0);
      expect(roles.reach?.find((p) => p.package === 'api')?.complete, name).toBe(false);
      if (name.includes('glob')) expect(roles.reach?.find((p) => p.package === 'api')?.reason).toContain('loads the files matching');
    }
  });
});
