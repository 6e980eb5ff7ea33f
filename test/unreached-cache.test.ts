// The unreached roles (link/unreached.ts) are kept with the caches, keyed on what they are decided
// from: a warm run with nothing changed takes them from there and builds no link, and every warm run
// (nothing changed, a README edit, a deploy file's command changed, a source edit) reports what a
// run without any cache reports. Real files, a real cache folder, the whole audit.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import type { AuditRun } from '../src/model/run.js';
import { withoutCacheState } from './helpers/repo.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = (prefix: string): string => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'api', private: true, main: 'src/server.js', dependencies: { express: '^4.19.0' } }),
  'src/server.js': "const express = require('express');\nconst { routes } = require('./routes');\nconst app = express();\napp.use(routes);\napp.listen(3000);\n",
  'src/routes.js': "const { Router } = require('express');\nconst routes = Router();\nroutes.get('/health', (req, res) => res.json({ ok: true }));\nmodule.exports = { routes };\n",
  // Only a library's own CLI reads it: no entry of the service loads it.
  'auth.ts': "export const auth = { secret: process.env.AUTH_SECRET || 'dev-secret' };\n",
  Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["node", "src/server.js"]\n',
  'README.md': '# api\n',
};

async function run(root: string, cacheDir: string | null): Promise<AuditRun> {
  return audit({ root, exec: false, quiet: true, today: '2026-01-01', threads: 1, ...(cacheDir ? { cacheDir } : { cache: false }) });
}

/** The report without what differs between a cached and an uncached run of the same files. */
const comparable = withoutCacheState;

const unreached = (r: AuditRun): number => (r.inventory.roles as { counts: Record<string, number> }).counts.unreached;
const authOutside = (r: AuditRun): string | null => r.findings.find((f) => f.location?.path === 'auth.ts')?.outsideRelease?.role ?? null;

describe('unreached roles cache', () => {
  it('a warm run with nothing changed builds no link for them; every warm run reports what a run without cache reports', async () => {
    const root = temp('verdict-unreached-');
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), text);
    }
    const cacheDir = temp('verdict-unreached-cache-');
    const edit = (path: string, from: string, to: string): void => {
      const text = readFileSync(join(root, path), 'utf8');
      if (!text.includes(from)) throw new Error(`${path} does not hold ${from}`);
      writeFileSync(join(root, path), text.replace(from, to));
    };

    const cold = await run(root, cacheDir);
    expect(cold.timings.stages.link).toBeDefined();
    expect(unreached(cold)).toBe(1);
    expect(authOutside(cold)).toBe('unreached');

    const warm = await run(root, cacheDir);
    expect(warm.stats.rulesCached).toBeGreaterThan(0);
    expect(warm.timings.stages.link, 'a warm run with nothing changed builds the link').toBeUndefined();
    expect(comparable(warm)).toEqual(comparable(cold));

    // Neither a text the roles read nor one the link reads: the roles come from the cache.
    edit('README.md', '# api', '# api\n\nThe service.');
    const readme = await run(root, cacheDir);
    expect(readme.timings.stages.link, 'a README edit builds the link').toBeUndefined();
    expect(comparable(readme)).toEqual(comparable(await run(root, null)));

    // The deploy file now starts auth.ts: no link input changed, a text the roles read did.
    edit('Dockerfile', 'src/server.js', 'auth.js');
    const deploy = await run(root, cacheDir);
    const deployFresh = await run(root, null);
    expect(unreached(deployFresh)).toBe(0);
    expect(authOutside(deployFresh)).toBeNull();
    expect(comparable(deploy)).toEqual(comparable(deployFresh));
    edit('Dockerfile', 'auth.js', 'src/server.js');

    // A source edit: the server loads auth.ts now.
    edit('src/server.js', 'app.listen(3000);', "app.listen(3000);\nrequire('../auth');");
    const source = await run(root, cacheDir);
    const sourceFresh = await run(root, null);
    expect(source.timings.stages.link).toBeDefined();
    expect(unreached(sourceFresh)).toBe(0);
    expect(comparable(source)).toEqual(comparable(sourceFresh));

    // And back: the roles the first run decided, from a cache that now holds the others.
    edit('src/server.js', "app.listen(3000);\nrequire('../auth');", 'app.listen(3000);');
    const back = await run(root, cacheDir);
    expect(unreached(back)).toBe(1);
    expect(comparable(back)).toEqual(comparable(await run(root, null)));
  }, 300_000);

  it('roles stored under another key, or a file changed outside verdict, are not taken', async () => {
    const root = temp('verdict-unreached-');
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), text);
    }
    const cacheDir = temp('verdict-unreached-cache-');
    await run(root, cacheDir);
    const file = join(cacheDir, 'unreached.jsonl');
    // A forged entry saying nothing is unreached.
    writeFileSync(file, readFileSync(file, 'latin1').replace('"unreached":1', '"unreached":0'), 'latin1');
    const warm = await run(root, cacheDir);
    expect(unreached(warm)).toBe(1);
    expect(warm.diagnostics.some((d) => /unreached roles cache has no valid seal/.test(d.problem))).toBe(true);
  }, 120_000);
});
