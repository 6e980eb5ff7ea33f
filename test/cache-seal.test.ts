// Caches nobody else can rewrite: a process of an audited repository that outlives its probe (or any
// process without the key) can edit ~/.cache/verdict, but what it writes is not trusted: the findings
// it tried to remove are reported all the same.
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import type { AuditRun } from '../src/model/run.js';
import { CacheSeal } from '../src/util/cache-seal.js';
import { writeFileAtomic } from '../src/util/write-file.js';
import { writeRepo } from './helpers/repo.js';

const dirs: string[] = [];
const temp = (prefix: string): string => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
let savedXdg: string | undefined;
let cacheHome = '';
beforeEach(() => {
  savedXdg = process.env.XDG_CACHE_HOME;
  cacheHome = temp('verdict-seal-home-');
  process.env.XDG_CACHE_HOME = cacheHome;
});
afterEach(() => {
  if (savedXdg === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedXdg;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the cache key', () => {
  it('is made on first use as a private file in the cache root, and kept', () => {
    const root = join(temp('verdict-seal-'), 'verdict');
    const a = CacheSeal.open(root);
    const st = lstatSync(join(root, 'key'));
    expect(st.isFile()).toBe(true);
    expect(st.mode & 0o777).toBe(0o600);
    expect(st.size).toBe(32);
    const sealed = a.seal('/x/facts.jsonl', [Buffer.from('body')]);
    expect(CacheSeal.open(root).unseal('/x/facts.jsonl', sealed)?.toString()).toBe('body');
    // The seal names the file: the same bytes under another name are not trusted.
    expect(a.unseal('/y/facts.jsonl', sealed)).toBeNull();
    expect(readdirSync(root)).toEqual(['key']);
  });

  it('is replaced when others can read it or it is a symlink: what it sealed is then not trusted', () => {
    const root = temp('verdict-seal-');
    const sealed = CacheSeal.open(root).seal('/f', [Buffer.from('body')]);
    chmodSync(join(root, 'key'), 0o644);
    expect(CacheSeal.open(root).unseal('/f', sealed)).toBeNull();
    expect(lstatSync(join(root, 'key')).mode & 0o777).toBe(0o600);

    const outside = join(temp('verdict-seal-other-'), 'planted-key');
    writeFileSync(outside, Buffer.alloc(32, 7), { mode: 0o600 });
    const root2 = temp('verdict-seal-');
    symlinkSync(outside, join(root2, 'key'));
    const seal = CacheSeal.open(root2);
    expect(lstatSync(join(root2, 'key')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(root2, 'key')).equals(Buffer.alloc(32, 7))).toBe(false);
    expect(seal.unseal('/f', seal.seal('/f', [Buffer.from('x')]))?.toString()).toBe('x');
  });
});

describe('a sealed file written part by part', () => {
  it('holds the bytes `seal` joins, and unseals to the parts in order', () => {
    const root = temp('verdict-seal-');
    const seal = CacheSeal.open(root);
    const file = join(root, 'sub', 'facts.jsonl');
    // Large and empty parts alike: the body of a big cache is written without being joined in memory.
    const parts = [Buffer.from('head\n'), Buffer.alloc(0), Buffer.alloc(3 << 20, 0x61), Buffer.from('\ntail')];
    writeFileAtomic(file, seal.sealParts(file, parts));
    const written = readFileSync(file);
    expect(written.equals(seal.seal(file, parts))).toBe(true);
    expect(seal.unseal(file, written)?.equals(Buffer.concat(parts))).toBe(true);
    expect(readdirSync(join(root, 'sub'))).toEqual(['facts.jsonl']);
  });
});

describe('a cache rewritten by another process', () => {
  const files = {
    'package.json': '{"name":"svc","private":true,"dependencies":{"express":"^4.19.0"}}',
    'README.md': '# svc\n',
    'wrangler.toml': 'name = "svc"\nmain = "src/index.ts"\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "app"\ndatabase_id = "x"\nmigrations_dir = "migrations"\n',
    'migrations/0001_init.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n',
    'src/index.ts': "import express from 'express';\nconst app = express();\napp.post('/run', (req, res) => { res.json(eval(req.body.code)); });\napp.listen(3000);\n",
  };
  const criticals = (r: AuditRun): string[] => r.findings.filter((f) => f.severity === 'critical' && !f.suppressed).map((f) => f.ruleId).sort();
  const run = (root: string): Promise<AuditRun> => audit({ root, exec: false, quiet: true, today: '2026-01-01', threads: 1 });

  /** What a hostile process without the key can do: edit each cache file so the findings go, keeping or dropping the seal line. */
  function poison(cacheDir: string, keepSeal: boolean): void {
    const script = `
      const fs = require('node:fs'), path = require('node:path');
      const dir = ${JSON.stringify(cacheDir)}, keep = ${keepSeal};
      for (const [name, edit] of [
        ['facts.jsonl', (t) => t.replace(/"findings":\\[[^\\n]*?\\],"errors"/g, '"findings":[],"errors"')],
        ['rules.jsonl', (t) => t.replace(/"findings":\\[[^\\n]*?\\],"outcomes"/g, '"findings":[],"outcomes"').replace(/"outcome":"fail"/g, '"outcome":"pass"')],
        ['migrations.json', (t) => t.replace(/"status":"failed"/g, '"status":"applied"')],
      ]) {
        const file = path.join(dir, name);
        const text = fs.readFileSync(file, 'latin1');
        const nl = text.indexOf('\\n');
        const body = edit(text.slice(nl + 1));
        if (body === text.slice(nl + 1)) throw new Error(name + ': nothing to remove');
        fs.writeFileSync(file, (keep ? text.slice(0, nl + 1) : '') + body, 'latin1');
      }`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }

  for (const keepSeal of [true, false]) {
    it(`still reports the critical findings it removed (${keepSeal ? 'old seal kept' : 'seal dropped'}), and says the cache was not trusted`, async () => {
      const root = writeRepo(files);
      dirs.push(root);
      const cold = await run(root);
      expect(criticals(cold)).toEqual(['migrations/apply-from-scratch', 'security/eval']);
      expect(cold.gate.decision).toBe('NO_GO');
      const [cacheDir] = readdirSync(join(cacheHome, 'verdict')).filter((n) => n !== 'key').map((n) => join(cacheHome, 'verdict', n));
      expect(readdirSync(cacheDir).sort()).toEqual(['facts.jsonl', 'link.jsonl', 'migrations.json', 'rules.jsonl', 'unreached.jsonl']);
      const warm = await run(root);
      expect(warm.stats.cached).toBeGreaterThan(0);
      expect(criticals(warm)).toEqual(criticals(cold));

      poison(cacheDir, keepSeal);
      // Another repository audited in between changes nothing.
      const other = writeRepo({ 'package.json': '{"name":"other"}', 'src/a.ts': 'export const a = 1;\n' });
      dirs.push(other);
      await run(other);

      const after = await run(root);
      expect(criticals(after)).toEqual(['migrations/apply-from-scratch', 'security/eval']);
      expect(after.gate.decision).toBe('NO_GO');
      expect(after.stats.cached).toBe(0);
      expect(after.probes.some((p) => p.cached)).toBe(false);
      const warnings = after.diagnostics.filter((d) => /has no valid seal/.test(d.problem)).map((d) => d.problem);
      expect(warnings.some((w) => w.includes('facts.jsonl'))).toBe(true);
      expect(warnings.some((w) => w.includes('rules.jsonl'))).toBe(true);
      expect(warnings.some((w) => w.includes('migrations.json'))).toBe(true);
      // Rewritten sealed: the next run trusts it again.
      const again = await run(root);
      expect(again.stats.cached).toBeGreaterThan(0);
      expect(criticals(again)).toEqual(criticals(cold));
      expect(again.diagnostics.some((d) => /has no valid seal/.test(d.problem))).toBe(false);
    }, 120_000);
  }
});
