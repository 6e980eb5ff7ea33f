// The link cache: after an edit, a warm run links again only the files that depend on what changed,
// and its report is the report of a run without any cache on the edited tree. Real files, a real
// cache folder, the whole audit.
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import type { Link } from '../src/link/index.js';
import type { AuditRun } from '../src/model/run.js';
import { withoutCacheState } from './helpers/repo.js';

const fixture = new URL('./fixtures/repos/linked-service', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = (prefix: string): string => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

/** An audit, and the link it built (null when no rule needed it: the rule cache answered them all). */
async function run(root: string, cacheDir: string | null): Promise<{ report: AuditRun; link: Link | null }> {
  let link: (() => Link) | null = null;
  const report = await audit({
    root, exec: false, quiet: true, today: '2026-01-01', threads: 1, onLink: (l) => { link = l; },
    ...(cacheDir ? { cacheDir } : { cache: false }),
  });
  return { report, link: report.timings.stages.link !== undefined && link ? (link as () => Link)() : null };
}

/** The report without what differs between a cached and an uncached run of the same files. */
const comparable = withoutCacheState;

const edit = (root: string, path: string, from: string, to: string): void => {
  const abs = join(root, path);
  const text = readFileSync(abs, 'utf8');
  if (!text.includes(from)) throw new Error(`${path} does not hold ${from}`);
  writeFileSync(abs, text.replace(from, to));
};

describe('link cache', () => {
  it('after an edit, links again only what depends on the edited file, and reports what a run without cache reports', async () => {
    const root = temp('verdict-link-');
    cpSync(fixture, root, { recursive: true });
    const cacheDir = temp('verdict-link-cache-');
    const cold = await run(root, cacheDir);
    // Every file with symbols is linked by a cold run: the figure the edits below are measured against.
    const all = cold.link!.stats.relinked;
    expect(all).toBe(9);
    const guardedDelete = (r: AuditRun) => r.findings.some((f) => f.ruleId === 'security/route-without-auth' && f.location?.path === 'src/routes/admin.ts');
    expect(guardedDelete(cold.report)).toBe(false);
    const edits: Array<{ what: string; change: () => void; relinked: number }> = [
      // Lines move and a call is added, the exports stay: the file's own edges only.
      { what: 'a function body changed, its exports as they were', relinked: 1, change: () => edit(root, 'src/lib/users.ts', "  await pool.query('DELETE", "  const started = Date.now();\n  await pool.query('DELETE") },
      // lib/orders.ts and routes/orders.ts, which resolved `getOrder` through it; not app.ts (it reads routes/orders.ts, whose surface is unchanged).
      { what: 'an export renamed, its importer unchanged', relinked: 2, change: () => edit(root, 'src/lib/orders.ts', 'export async function getOrder(', 'export async function findOrder(') },
      // routes/admin.ts, and app.ts, which resolved `adminRouter` through the barrel's `export *` into it.
      { what: 'an export behind a barrel renamed', relinked: 2, change: () => edit(root, 'src/routes/admin.ts', 'export const adminRouter = Router();\n\nadminRouter.delete', 'export const staffRouter = Router();\n\nstaffRouter.delete') },
      { what: 'an import added and used', relinked: 1, change: () => edit(root, 'src/routes/orders.ts', "import { getOrder } from '../lib/orders.js';", "import { getOrder } from '../lib/orders.js';\nimport { requireAuth } from '../lib/auth.js';") },
      { what: 'an import removed', relinked: 1, change: () => edit(root, 'src/routes/orders.ts', "\nimport { requireAuth } from '../lib/auth.js';", '') },
      // The file list is part of every resolution's key: all is linked again.
      { what: 'a file deleted', relinked: all - 1, change: () => unlinkSync(join(root, 'src/lib/users.ts')) },
    ];
    let previous = comparable(cold.report);
    for (const { what, change, relinked } of edits) {
      change();
      const warm = await run(root, cacheDir);
      const fresh = await run(root, null);
      expect(comparable(warm.report), what).toEqual(comparable(fresh.report));
      expect(comparable(fresh.report), `${what} changes the report`).not.toEqual(previous);
      expect(warm.link, `${what}: the link was built`).not.toBeNull();
      expect(warm.link!.stats.relinked, what).toBe(relinked);
      previous = comparable(fresh.report);
    }
  }, 300_000);

  it('builds the link whole when its cache was changed outside verdict, and says so', async () => {
    const root = temp('verdict-link-');
    cpSync(fixture, root, { recursive: true });
    const cacheDir = temp('verdict-link-cache-');
    await run(root, cacheDir);
    const file = join(cacheDir, 'link.jsonl');
    writeFileSync(file, readFileSync(file, 'latin1').replace('src/lib/users.ts', 'src/lib/usera.ts'), 'latin1');
    edit(root, 'src/lib/users.ts', "  await pool.query('DELETE", "  const started = Date.now();\n  await pool.query('DELETE");
    const warm = await run(root, cacheDir);
    expect(warm.link!.stats.relinked).toBe(9);
    expect(warm.report.diagnostics.some((d) => /link cache has no valid seal/.test(d.problem))).toBe(true);
    const fresh = await run(root, null);
    const { diagnostics: _w, ...w } = comparable(warm.report) as { diagnostics: unknown };
    const { diagnostics: _f, ...f } = comparable(fresh.report) as { diagnostics: unknown };
    expect(w).toEqual(f);
  }, 120_000);
});
