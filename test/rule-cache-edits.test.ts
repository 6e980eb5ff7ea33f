// Which repository rules run again after an edit: exactly those that read an input the edit changed.
// A temporary copy of a fixture, a real cache folder, the whole audit; every warm report is compared
// with a run without any cache on the edited tree, and the rules that ran (`timings.rulesRan`) with
// the inputs each rule read at the run before (the rule cache's own record of them).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { markdownFacts } from '../src/collect/facts/markdown.js';
import type { AuditRun } from '../src/model/run.js';
import { allRules } from '../src/rules/index.js';
import { collect } from '../src/collect/index.js';
import { collectors } from '../src/collect/collectors/index.js';
import { RuleResultCache } from '../src/collect/rule-cache.js';
import { discover } from '../src/discover/index.js';
import { defineRepoRule, type RepoRule } from '../src/rules/api.js';
import { runRules } from '../src/rules/engine.js';
import { CacheSeal } from '../src/util/cache-seal.js';
import { readCacheBody } from './helpers/cache.js';
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

const run = (root: string, cacheDir: string | null): Promise<AuditRun> =>
  audit({ root, exec: false, quiet: true, today: '2026-01-01', threads: 1, ...(cacheDir ? { cacheDir } : { cache: false }) });

const comparable = withoutCacheState;

/** The inputs each cached rule read, as the rule cache stored them (rule id -> input names). */
function storedInputs(cacheDir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readCacheBody(join(cacheDir, 'rules.jsonl')).split('\n').slice(1)) {
    if (!line.startsWith('[')) continue;
    const head = JSON.parse(line) as unknown[];
    if (head.length === 4 && typeof head[0] === 'string') out.set(head[0], head[2] as string[]);
  }
  return out;
}

const repoRules = allRules.filter((r) => r.kind === 'repository').map((r) => r.id);

const edit = (root: string, path: string, from: string, to: string): void => {
  const abs = join(root, path);
  const text = readFileSync(abs, 'utf8');
  if (!text.includes(from)) throw new Error(`${path} does not hold ${from}`);
  writeFileSync(abs, text.replace(from, to));
};

describe('rule cache after an edit', () => {
  it('runs again exactly the rules that read what changed, with the report of a run without cache', async () => {
    const root = temp('verdict-rce-');
    cpSync(fixture, root, { recursive: true });
    const cacheDir = temp('verdict-rce-cache-');
    const cold = await run(root, cacheDir);
    expect(cold.timings.rulesRan).toEqual(expect.arrayContaining(repoRules));
    const warm = await run(root, cacheDir);
    // Nothing changed: only the rules the cache may not hold run (none of them reads the link).
    const uncached = repoRules.filter((id) => !storedInputs(cacheDir).has(id));
    expect(warm.timings.rulesRan).toEqual(uncached);
    expect(comparable(warm)).toEqual(comparable(cold));

    const linkReaders = (inputs: Map<string, string[]>) => [...inputs].filter(([, names]) => names.includes('documents:link')).map(([id]) => id);
    const readersOf = (inputs: Map<string, string[]>, changed: (name: string) => boolean) =>
      repoRules.filter((id) => !inputs.has(id) || inputs.get(id)!.some(changed));

    // 1. A README line: the rules that read the README, every document or the Markdown facts run; the link's readers do not.
    let before = storedInputs(cacheDir);
    const readsReadme = (n: string) => n === 'documents' || n === 'doc:README.md' || n === `facts:${markdownFacts.id}`;
    expect(linkReaders(before)).toContain('security/route-without-auth');
    appendFileSync(join(root, 'README.md'), '\nRun it with `npm start`; see `src/app.ts` for the routes.\n');
    const readme = await run(root, cacheDir);
    expect(comparable(readme)).toEqual(comparable(await run(root, null)));
    expect(new Set(readme.timings.rulesRan)).toEqual(new Set(readersOf(before, readsReadme)));
    expect(readme.timings.rulesRan).toContain('docs/readme');
    for (const id of linkReaders(before)) {
      if (!before.get(id)!.some(readsReadme)) expect(readme.timings.rulesRan, id).not.toContain(id);
    }

    // 2. A function body: only rules that read facts can run again (its records changed, its paths and documents did not).
    before = storedInputs(cacheDir);
    edit(root, 'src/lib/users.ts', "  await pool.query('DELETE", "  const started = Date.now();\n  await pool.query('DELETE");
    const body = await run(root, cacheDir);
    expect(comparable(body)).toEqual(comparable(await run(root, null)));
    const factReaders = readersOf(before, (n) => n.startsWith('facts:'));
    for (const id of body.timings.rulesRan ?? []) expect(factReaders, id).toContain(id);
    expect(body.timings.rulesRan).not.toContain('docs/readme');

    // 3. A route added: the route rules run and find it; the rules over documents alone do not run.
    before = storedInputs(cacheDir);
    edit(root, 'src/routes/orders.ts', 'ordersRouter.get(', "ordersRouter.delete('/orders/:id', async (req, res) => { res.json({ id: req.params.id }); });\n\nordersRouter.get(");
    const route = await run(root, cacheDir);
    const fresh = await run(root, null);
    expect(comparable(route)).toEqual(comparable(fresh));
    expect(route.timings.rulesRan).toContain('security/route-without-auth');
    for (const id of route.timings.rulesRan ?? []) expect(readersOf(before, (n) => n.startsWith('facts:')), id).toContain(id);
    expect(route.timings.rulesRan).not.toContain('docs/readme');
    expect(fresh.findings.some((f) => f.ruleId === 'security/route-without-auth' && f.location?.path === 'src/routes/orders.ts' && /delete/.test(f.location.snippet))).toBe(true);

    // 4. A tsconfig (a text the link reads): every reader of the link runs again.
    before = storedInputs(cacheDir);
    writeFileSync(join(root, 'tsconfig.json'), readFileSync(join(root, 'tsconfig.json'), 'utf8').replace('{', '{\n  "exclude": ["dist"],'));
    const tsconfig = await run(root, cacheDir);
    expect(comparable(tsconfig)).toEqual(comparable(await run(root, null)));
    for (const id of linkReaders(before)) expect(tsconfig.timings.rulesRan, id).toContain(id);
  }, 240_000);
});

describe('rule cache, a document read through a memo\'s closure', () => {
  // The memo's value reads documents when called, later, by whichever rule holds it: the read is that
  // rule's input, so editing the document re-runs it (credited to the rule that made the memo, it would not).
  const reader = (id: string, reads: boolean): RepoRule => defineRepoRule({
    id: `test/${id}`,
    meta: { category: 'docs', title: id, rationale: '', remediation: { text: '', effort: 'low' }, severity: 'low' },
    check(ctx) {
      const read = ctx.memo('reader', () => (p: string) => ctx.documents.get(p));
      ctx.pass(reads ? `notes: ${read('notes.txt') ?? 'none'}` : 'made the reader');
    },
  });
  const once = async (root: string, cacheDir: string, rules: RepoRule[]) => {
    const layout = await discover(root, []);
    const collected = await collect({ layout, hosts: collectors, cache: { dir: cacheDir, salt: 't', seal: CacheSeal.open(cacheDir) }, keepDocument: (p) => p.endsWith('.txt'), timing: false });
    const cache = new RuleResultCache(cacheDir, 't', CacheSeal.open(cacheDir));
    const out = await runRules({ rules, layout, collected, probes: [], config: {}, exec: false, inventory: {}, secrets: [], resultCache: { cache, salt: 't' } });
    cache.save((v) => v);
    return out;
  };

  it('is an input of the rule that called it', async () => {
    const root = temp('verdict-rce-memo-');
    writeFileSync(join(root, 'notes.txt'), 'first\n');
    writeFileSync(join(root, 'a.ts'), 'export const a = 1;\n');
    const cacheDir = temp('verdict-rce-memo-cache-');
    const rules = [reader('maker', false), reader('user', true)];
    expect((await once(root, cacheDir, rules)).outcomes.map((o) => o.reason)).toEqual(['made the reader', 'notes: first\n']);
    expect((await once(root, cacheDir, rules)).ran).toEqual([]);
    writeFileSync(join(root, 'notes.txt'), 'second\n');
    const edited = await once(root, cacheDir, rules);
    expect(edited.ran).toEqual(['test/user']);
    expect(edited.outcomes.map((o) => o.reason)).toEqual(['made the reader', 'notes: second\n']);
  }, 60_000);
});
