// The rule cache: a repository rule whose inputs are unchanged is answered from the last run. Whatever
// changed between two runs, a cached run gives exactly the report of a run without any cache, and
// only the rules that read a changed input run again.
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { collect, type CollectResult } from '../src/collect/index.js';
import { collectors } from '../src/collect/collectors/index.js';
import { consoleFacts } from '../src/collect/facts/console.js';
import { discover } from '../src/discover/index.js';
import type { AuditRun } from '../src/model/run.js';
import { MigrationEngines } from '../src/probes/migrations/index.js';
import { defineRepoRule, type RepoRule, type RuleMeta } from '../src/rules/api.js';
import { runRules, type RuleRun } from '../src/rules/engine.js';
import { allRules } from '../src/rules/index.js';
import { RuleResultCache } from '../src/collect/rule-cache.js';
import { render } from '../src/render/index.js';
import { CacheSeal } from '../src/util/cache-seal.js';
import { Redactor } from '../src/util/redact.js';
import { readCacheBody, writeCacheBody } from './helpers/cache.js';
import { withoutTimings, writeRepo } from './helpers/repo.js';

const planted = new URL('../examples/planted-service', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = (prefix: string): string => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

// One PGlite for the whole file (reset between audits), instead of one started by each audit that
// applies the planted service's migrations: the first audit of the file still starts it cold.
const engines = new MigrationEngines();
afterAll(() => engines.close());

const run = (root: string, cacheDir: string | null, config?: string): Promise<AuditRun> =>
  audit({ root, exec: false, quiet: true, today: '2026-01-01', threads: 1, engines, ...(cacheDir ? { cacheDir } : { cache: false }), ...(config ? { config } : {}) });

/** The report without what differs between a cached and an uncached run of the same files. */
function comparable(r: AuditRun): unknown {
  const c = withoutTimings(r) as { options: Record<string, unknown>; stats: Record<string, unknown>; probes: Array<Record<string, unknown>> };
  delete c.options.cache;
  for (const p of c.probes) delete p.cached;
  for (const k of ['cached', 'parsed', 'rulesCached']) delete c.stats[k];
  return c;
}

/** The comparable report without its diagnostics (a run that met a damaged cache says so there). */
function diagnosticsAside(r: AuditRun): unknown {
  const { diagnostics: _d, ...rest } = comparable(r) as { diagnostics: unknown };
  return rest;
}

const repoRuleCount = allRules.filter((r) => r.kind === 'repository').length;

describe('rule cache', () => {
  it('answers unchanged rules from the last run, with the report a run without cache gives', async () => {
    const root = temp('verdict-rc-');
    cpSync(planted, root, { recursive: true });
    // A committed .env: the rule that reports it holds the value to mask it everywhere.
    writeFileSync(join(root, '.env'), 'DATABASE_PASSWORD=Zq8vK2mW9xRt4LpNc7\n');
    const cacheDir = temp('verdict-rc-cache-');
    const cold = await run(root, cacheDir);
    expect(cold.stats.rulesCached).toBe(0);
    const warm = await run(root, cacheDir);
    // Every rule but those holding the secret value (committed-env-file and committed-secret): it is
    // never written to the cache.
    expect(warm.stats.rulesCached).toBe(repoRuleCount - 2);
    expect(readFileSync(join(cacheDir, 'rules.jsonl'), 'latin1')).not.toContain('Zq8vK2mW9xRt4LpNc7');
    expect(JSON.stringify(warm)).not.toContain('Zq8vK2mW9xRt4LpNc7');
    expect(warm.findings.some((f) => f.ruleId === 'security/committed-env-file')).toBe(true);
    expect(comparable(warm)).toEqual(comparable(cold));
    expect(comparable(warm)).toEqual(comparable(await run(root, null)));
    expect(warm.findings.length).toBeGreaterThan(20);
    // The migrations probe's result is reused too, and says so; no engine started.
    const applied = warm.probes.filter((p) => p.kind === 'migrations-apply');
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.every((p) => p.cached === true && p.status === 'ran')).toBe(true);
    expect(cold.probes.some((p) => p.cached)).toBe(false);
    expect(warm.timings.engines).toBeUndefined();
    expect(cold.timings.engines?.pgliteColdStartMs).toBeGreaterThan(0);
    // The human reports say what was reused; a run that reused nothing says nothing.
    const reused = `Reused from the cache, their inputs unchanged since the last run: ${repoRuleCount - 2} repository rule result(s) and ${warm.probes.filter((p) => p.cached).length} migrations probe result(s)`;
    for (const format of ['terminal', 'markdown'] as const) {
      expect(render(warm, format, { color: false })).toContain(reused);
      expect(render(cold, format, { color: false })).not.toContain('Reused from the cache');
    }
  }, 120_000);

  it('after each kind of change, gives the report of a fresh run, and runs only some rules again', async () => {
    const root = temp('verdict-rc-');
    cpSync(planted, root, { recursive: true });
    const cacheDir = temp('verdict-rc-cache-');
    await run(root, cacheDir);
    const server = join(root, 'src/server.ts');
    const edits: Array<[string, () => void]> = [
      ['a route without auth added to a source file', () => {
        writeFileSync(server, readFileSync(server, 'utf8').replace("app.use('/orders', ordersRouter);", "app.delete('/danger/:id', async (req, res) => { res.json({ id: req.params.id }); });\napp.use('/orders', ordersRouter);"));
      }],
      ['a guard imported from another file applied to a router', () => {
        const admin = join(root, 'src/routes/admin.ts');
        writeFileSync(admin, readFileSync(admin, 'utf8')
          .replace("import { pool } from '../lib/db.js';", "import { pool } from '../lib/db.js';\nimport { requireAdmin } from '../lib/auth.js';")
          .replace('export const adminRouter = Router();', 'export const adminRouter = Router();\nadminRouter.use(requireAdmin);'));
      }],
      // Only the exporting file changes: what its importer's name resolves to (the link's export bindings) does.
      ['the export that guard names renamed in its own file, its importer unchanged', () => {
        const auth = join(root, 'src/lib/auth.ts');
        writeFileSync(auth, readFileSync(auth, 'utf8').replace('export function requireAdmin(', 'export function requireStaff('));
      }],
      ['a README line that cites a missing file', () => appendFileSync(join(root, 'README.md'), '\nSee `src/missing/file.ts` for details.\n')],
      ['the config', () => {
        const file = join(root, 'verdict.config.json');
        writeFileSync(file, readFileSync(file, 'utf8').replace('"allow": ["src/lib/db.ts"]', '"allow": ["src/lib/*.ts"]'));
      }],
      ['a CI workflow added', () => writeRepo({ '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n' }, root)],
      ['a migration edited', () => appendFileSync(join(root, 'migrations/004_region.sql'), '\nALTER TABLE orders ADD COLUMN note2 text NOT NULL;\n')],
      ['a squawk config (squawk reads it; the migrations probe\'s key covers it)', () => writeFileSync(join(root, '.squawk.toml'), 'excluded_paths = ["*004_region.sql"]\n')],
      ['a source file removed', () => unlinkSync(join(root, 'src/live.ts'))],
    ];
    let previous = comparable(await run(root, null));
    for (const [what, change] of edits) {
      change();
      const warm = await run(root, cacheDir);
      const fresh = await run(root, null);
      expect(comparable(warm), what).toEqual(comparable(fresh));
      expect(comparable(fresh), `${what} changes the report`).not.toEqual(previous);
      if (what !== 'a source file removed') {
        expect(warm.stats.rulesCached, what).toBeGreaterThan(10);
        expect(warm.stats.rulesCached, what).toBeLessThan(repoRuleCount - 5);
      }
      previous = comparable(fresh);
    }
    const danger = previous as AuditRun;
    expect(danger.findings.some((f) => f.ruleId === 'security/route-without-auth' && f.location?.path === 'src/server.ts' && /danger/.test(f.location.snippet))).toBe(true);
  }, 300_000);

  it('says a damaged rule cache and runs every rule; the cache is rewritten', async () => {
    const root = temp('verdict-rc-');
    cpSync(planted, root, { recursive: true });
    const cacheDir = temp('verdict-rc-cache-');
    const cold = await run(root, cacheDir);
    const file = join(cacheDir, 'rules.jsonl');
    const text = readCacheBody(file);
    const lines = text.split('\n');
    expect(JSON.parse(lines[lines.length - 2])[0]).toBe('=');
    for (const damage of [
      () => '\0\0garbage',
      () => text.slice(0, text.length / 2),
      () => [lines[0], lines[1]].join('\n'), // a rule without its result line
      () => [lines[0], lines[1], `{${lines[2].slice(5)}`, ...lines.slice(3)].join('\n'), // a result that does not parse
      () => [lines[0], lines[1], '{"findings":[],"outcomes":[],"inventory":[]}', ...lines.slice(3)].join('\n'), // well-formed, not what was stored
      () => [...lines.slice(0, -1), '{"routes":[]}'].join('\n'), // an inventory value (they come last) that is not what was stored
      () => lines.slice(0, -2).join('\n'), // an inventory value missing
      () => { // the same, with its digest made to match: a result must have an outcome of its own rule
        const head = JSON.parse(lines[1]) as unknown[];
        const result = '{"findings":[],"outcomes":[],"inventory":[]}';
        head[3] = createHash('sha1').update(result).digest('base64url');
        return [lines[0], JSON.stringify(head), result, ...lines.slice(3)].join('\n');
      },
      () => {
        const head = JSON.parse(lines[1]) as unknown[];
        const result = lines[2].replace(/"ruleId":"[^"]+"/, '"ruleId":"other/rule"');
        head[3] = createHash('sha1').update(result).digest('base64url');
        return [lines[0], JSON.stringify(head), result, ...lines.slice(3)].join('\n');
      },
    ]) {
      writeCacheBody(file, damage());
      const warm = await run(root, cacheDir);
      expect(warm.diagnostics.some((d) => /rules\.jsonl: (rule cache unreadable|a rule's cached result was unreadable)/.test(d.problem))).toBe(true);
      expect(diagnosticsAside(warm)).toEqual(diagnosticsAside(cold));
      const again = await run(root, cacheDir);
      expect(again.diagnostics).toEqual(cold.diagnostics);
      expect(again.stats.rulesCached).toBeGreaterThan(repoRuleCount - 5);
    }
  }, 120_000);

  it('runs the migrations probe again when its cache is damaged, and says so', async () => {
    const root = temp('verdict-rc-');
    cpSync(planted, root, { recursive: true });
    const cacheDir = temp('verdict-rc-cache-');
    const cold = await run(root, cacheDir);
    const file = join(cacheDir, 'migrations.json');
    const stored = readCacheBody(file);
    expect(stored).toContain('"status":"ran"');
    // Sealed again, as verdict would have written it: what others change is refused by the seal (cache-seal.test.ts).
    for (const damage of ['{"format":"verdict-migrations/3","key":', '[1,2]', '{"format":"verdict-migrations/1","key":"x","run":{"probes":7}}',
      `${stored.split('\n')[0]}\n{"probes":7,"statements":{},"parseFailures":[]}`]) {
      writeCacheBody(file, damage);
      rmSync(join(cacheDir, 'rules.jsonl'), { force: true });
      const warm = await run(root, cacheDir);
      expect(warm.probes.some((p) => p.cached)).toBe(false);
      if (!damage.startsWith('{"format":"verdict-migrations/1"')) {
        expect(warm.diagnostics.some((d) => /migrations\.json: (migrations cache unreadable|not a verdict migrations cache)/.test(d.problem)), damage).toBe(true);
      }
      expect(diagnosticsAside(warm)).toEqual(diagnosticsAside(cold));
      const again = await run(root, cacheDir);
      expect(again.probes.filter((p) => p.kind === 'migrations-apply').every((p) => p.cached)).toBe(true);
      expect(again.diagnostics).toEqual(cold.diagnostics);
    }
  }, 300_000);

  it('says when a cache cannot be written, and leaves no temporary file behind', async () => {
    const root = temp('verdict-rc-');
    cpSync(planted, root, { recursive: true });
    const cacheDir = temp('verdict-rc-cache-');
    for (const name of ['facts.jsonl', 'rules.jsonl', 'migrations.json', 'link.jsonl', 'unreached.jsonl']) mkdirSync(join(cacheDir, name));
    const fresh = await run(root, null);
    for (let i = 0; i < 2; i++) {
      const r = await run(root, cacheDir);
      expect(r.diagnostics.some((d) => /cannot write the cache/.test(d.problem))).toBe(true);
      expect(r.diagnostics.some((d) => /cannot write the rule cache/.test(d.problem))).toBe(true);
      expect(r.diagnostics.some((d) => /cannot write the migrations cache/.test(d.problem))).toBe(true);
      expect(r.diagnostics.some((d) => /cannot write the link cache/.test(d.problem))).toBe(true);
      expect(r.diagnostics.some((d) => /cannot write the unreached roles cache/.test(d.problem))).toBe(true);
      expect(diagnosticsAside(r)).toEqual(diagnosticsAside(fresh));
    }
    expect(readdirSync(cacheDir).sort()).toEqual(['facts.jsonl', 'key', 'link.jsonl', 'migrations.json', 'rules.jsonl', 'unreached.jsonl']);
  }, 120_000);

  it('parses a damaged facts line again when a rule asks for it, and says so', async () => {
    const root = temp('verdict-rc-');
    cpSync(planted, root, { recursive: true });
    const cacheDir = temp('verdict-rc-cache-');
    const cold = await run(root, cacheDir);
    const facts = join(cacheDir, 'facts.jsonl');
    const text = readCacheBody(facts);
    expect(text).toContain('"collect/routes",[');
    writeCacheBody(facts, text.replace('"collect/routes",[', '"collect/routes",[}'));
    rmSync(join(cacheDir, 'rules.jsonl')); // so the route rules read the facts
    const warm = await run(root, cacheDir);
    expect(warm.diagnostics.some((d) => /facts\.jsonl: a cache entry was unreadable/.test(d.problem))).toBe(true);
    expect(diagnosticsAside(warm)).toEqual(diagnosticsAside(cold));
    rmSync(join(cacheDir, 'rules.jsonl'));
    const again = await run(root, cacheDir);
    expect(again.diagnostics).toEqual(cold.diagnostics);
  }, 120_000);
});

describe('rule cache, cases a review found', () => {
  const token = `ghp_${'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'}`;
  const files = {
    'package.json': '{"name":"svc","private":true,"scripts":{"test":"node --test"}}',
    'README.rst': 'Tiny\n',
    '.env': `GH=${token}\n`,
    '.github/workflows/ci.yml': `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n      - run: curl -H "Authorization: token ${token}" https://api.github.com/user\n`,
    'src/index.ts': 'export const x = 1;\n',
  };

  it('writes no secret value into the rule cache, and gives the fresh report after README, config and workflow changes', async () => {
    const root = writeRepo(files);
    dirs.push(root);
    const cacheDir = temp('verdict-rc-cache-');
    await run(root, cacheDir);
    const warm = await run(root, cacheDir);
    expect(warm.stats.rulesCached).toBeGreaterThan(10);
    expect(comparable(warm)).toEqual(comparable(await run(root, null)));
    for (const name of ['rules.jsonl', 'facts.jsonl']) expect(readFileSync(join(cacheDir, name), 'latin1'), name).not.toContain(token);
    expect(JSON.stringify(warm)).not.toContain(token);
    // A README that is not Markdown grows: the rule reads its text, not a size the cache does not see.
    appendFileSync(join(root, 'README.rst'), `\n${'This service answers questions about orders and explains how to run it. '.repeat(5)}\n`);
    const grown = await run(root, cacheDir);
    expect(comparable(grown)).toEqual(comparable(await run(root, null)));
    expect(grown.outcomes.find((o) => o.ruleId === 'docs/readme')?.status).toBe('pass');
    // A config outside the repo turns off the rule that parsed the workflows first: the inventory entry
    // it set stays, set again from the other CI rules' cached results.
    const config = join(temp('verdict-rc-config-'), 'verdict.config.json');
    writeFileSync(config, '{"rules":{"ci/missing-checks":"off"}}');
    const off = await run(root, cacheDir, config);
    const fresh = await run(root, null, config);
    expect(fresh.inventory.workflows).toBeDefined();
    expect(comparable(off)).toEqual(comparable(fresh));
  }, 120_000);
});

describe('rule cache, a value found to be secret after its result was stored', () => {
  it('drops the stored result that holds it', async () => {
    const value = 'Zx9qLm42Pw7vRtYu8Kp3';
    const root = writeRepo({
      'package.json': '{"name":"svc","private":true}',
      'src/config.ts': `export const stripe = String(process.env.STRIPE_KEY) + '${value}';\n`,
      'src/other.ts': 'export const signingSecret = "";\n',
    });
    dirs.push(root);
    const cacheDir = temp('verdict-rc-cache-');
    await run(root, cacheDir);
    expect(readFileSync(join(cacheDir, 'rules.jsonl'), 'latin1')).toContain(value);
    // Now the value is committed as a secret elsewhere: the run masks it, and the cache must not keep it.
    writeFileSync(join(root, 'src/other.ts'), `export const signingSecret = "${value}";\n`);
    const warm = await run(root, cacheDir);
    expect(JSON.stringify(warm)).not.toContain(value);
    expect(readFileSync(join(cacheDir, 'rules.jsonl'), 'latin1')).not.toContain(value);
    expect(comparable(warm)).toEqual(comparable(await run(root, null)));
    const again = await run(root, cacheDir);
    expect(comparable(again)).toEqual(comparable(warm));
  }, 60_000);
});

describe('rule cache, what a rule reads', () => {
  const files = {
    'package.json': '{"name":"svc","private":true}',
    'src/a.ts': "export function a() { console.log('a'); }\n",
    'src/b.ts': "export function b() { return 1; }\n",
  };

  async function collectOnce(root: string, cacheDir: string): Promise<{ collected: CollectResult; layout: Awaited<ReturnType<typeof discover>> }> {
    const layout = await discover(root, []);
    const collected = await collect({ layout, hosts: collectors, cache: { dir: cacheDir, salt: 't', seal: CacheSeal.open(cacheDir) }, keepDocument: () => false, timing: false });
    return { collected, layout };
  }

  async function rulesOnce(root: string, cacheDir: string, rules: RepoRule[], inventory: Record<string, unknown> = {}): Promise<RuleRun & { inventory: Record<string, unknown>; secrets: string[] }> {
    const { collected, layout } = await collectOnce(root, cacheDir);
    const cache = new RuleResultCache(cacheDir, 't', CacheSeal.open(cacheDir));
    const secrets: string[] = [];
    const out = await runRules({
      rules, layout, collected, probes: [], config: {}, exec: false, inventory, secrets, resultCache: { cache, salt: 't' },
    });
    const redactor = new Redactor();
    for (const s of secrets) redactor.add(s);
    cache.save((v) => redactor.deep(v));
    return { ...out, inventory, secrets };
  }

  const consoleFiles = (name: string, via: 'memo' | 'direct'): RepoRule => defineRepoRule({
    id: `test/${name}`,
    meta: { category: 'observability', title: name, rationale: '', remediation: { text: '', effort: 'low' }, severity: 'low' },
    check(ctx) {
      const files = via === 'memo'
        ? ctx.memo('console files', () => {
          const paths = [...new Set(ctx.facts('collect/console').map((f) => f.path))];
          ctx.inventory.consoleFiles = paths;
          return paths;
        })
        // Read through the typed handle: the rule cache must see that read as the id's (the memo reads by id).
        : [...new Set(ctx.facts(consoleFacts).map((f) => f.path))];
      if (name === 'first' && via === 'direct') ctx.inventory.consoleFiles = files;
      for (const path of files) ctx.report({ message: `console in ${path}`, location: { path, line: 1 } });
      ctx.pass(`${files.length} file(s)`);
    },
  });

  it('credits what a memo read to every rule that gets its value', async () => {
    const root = writeRepo(files);
    dirs.push(root);
    const cacheDir = temp('verdict-rc-cache-');
    const rules = [consoleFiles('first', 'memo'), consoleFiles('second', 'memo')];
    const one = await rulesOnce(root, cacheDir, rules);
    expect(one.fromCache).toBe(0);
    expect(one.findings.map((f) => f.message)).toEqual(['console in src/a.ts', 'console in src/a.ts']);
    const two = await rulesOnce(root, cacheDir, rules);
    expect(two.fromCache).toBe(2);
    expect(two.findings).toEqual(one.findings);
    // The inventory entry the memo set is set again from the cache.
    expect(two.inventory.consoleFiles).toEqual(['src/a.ts']);
    // ... also when the rule that computed the memo is not enabled: the second rule set it too.
    const alone = await rulesOnce(root, cacheDir, [rules[1]]);
    expect(alone.fromCache).toBe(1);
    expect(alone.inventory.consoleFiles).toEqual(['src/a.ts']);
    // The second rule got the console facts only through the memo: it must still run again.
    writeFileSync(join(root, 'src/b.ts'), "export function b() { console.log('b'); return 1; }\n");
    const three = await rulesOnce(root, cacheDir, rules);
    expect(three.fromCache).toBe(0);
    expect(three.findings.map((f) => f.message)).toEqual(['console in src/a.ts', 'console in src/b.ts', 'console in src/a.ts', 'console in src/b.ts']);
  }, 60_000);

  it('runs again only the rules whose inputs changed', async () => {
    const root = writeRepo(files);
    dirs.push(root);
    const cacheDir = temp('verdict-rc-cache-');
    const layoutOnly = defineRepoRule({
      id: 'test/layout-only',
      meta: { category: 'docs', title: 't', rationale: '', remediation: { text: '', effort: 'low' }, severity: 'low' },
      check(ctx) { ctx.pass(`${ctx.layout.files.length} files`); },
    });
    const rules = [consoleFiles('first', 'direct'), layoutOnly];
    await rulesOnce(root, cacheDir, rules);
    // An edit to a file with no console call: the console rule's facts are the same files' facts.
    writeFileSync(join(root, 'src/b.ts'), "export function b() { return 2; }\n");
    expect((await rulesOnce(root, cacheDir, rules)).fromCache).toBe(2);
    // An edit to the file with console facts that leaves its console records as they were (a comment
    // below them): its records' digest is the same, so no rule runs again.
    appendFileSync(join(root, 'src/a.ts'), '// a note\n');
    expect((await rulesOnce(root, cacheDir, rules)).fromCache).toBe(2);
    // An edit that changes them: that rule runs again, the layout rule does not.
    writeFileSync(join(root, 'src/a.ts'), "export function a() { console.log('a2'); }\n");
    expect((await rulesOnce(root, cacheDir, rules)).fromCache).toBe(1);
    // A new file changes the layout: both run.
    writeFileSync(join(root, 'src/c.ts'), 'export const c = 1;\n');
    expect((await rulesOnce(root, cacheDir, rules)).fromCache).toBe(0);
  }, 60_000);

  it('never caches a rule that reads other rules\' findings or inventory entries, holds a secret, or throws', async () => {
    const root = writeRepo(files);
    dirs.push(root);
    const cacheDir = temp('verdict-rc-cache-');
    const meta: RuleMeta = { category: 'security', title: 't', rationale: '', remediation: { text: '', effort: 'low' }, severity: 'low' };
    const rules: RepoRule[] = [
      consoleFiles('first', 'direct'),
      defineRepoRule({ id: 'test/reads-other-inventory', meta, check(ctx) { ctx.pass(String(ctx.inventory.consoleFiles)); } }),
      defineRepoRule({ id: 'test/secret', meta, check(ctx) { ctx.registerSecret('hunter2-hunter2'); ctx.pass('held'); } }),
      defineRepoRule({ id: 'test/throws', meta, check() { throw new Error('boom'); } }),
      defineRepoRule({ id: 'lint/unused-suppression', meta, check(ctx) { ctx.pass(`${ctx.priorFindings.length} before`); } }),
      defineRepoRule({ id: 'test/reads-stage-inventory', meta, check(ctx) { ctx.pass(String(ctx.inventory.packageManager)); } }),
    ];
    await rulesOnce(root, cacheDir, rules, { packageManager: 'npm' });
    const again = await rulesOnce(root, cacheDir, rules, { packageManager: 'npm' });
    expect(again.fromCache).toBe(2); // test/first and test/reads-stage-inventory
    expect(again.secrets).toEqual(['hunter2-hunter2']);
    expect(readFileSync(join(cacheDir, 'rules.jsonl'), 'latin1')).not.toContain('hunter2');
    // An inventory entry of the stages before the rules is an input like any other.
    expect((await rulesOnce(root, cacheDir, rules, { packageManager: 'pnpm' })).fromCache).toBe(1);
  }, 60_000);
});
