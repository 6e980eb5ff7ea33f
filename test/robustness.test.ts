// Bad input gets a clear message naming the file and what to do, and the run goes on.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { collect } from '../src/collect/index.js';
import type { VisitorHost } from '../src/collect/host.js';
import { discover } from '../src/discover/index.js';
import { UsageError } from '../src/util/errors.js';
import sqlInjection from '../src/rules/database/sql-injection.js';
import { auditFiles, removeRepo, writeRepo } from './helpers/repo.js';

const injection = 'db.query(`SELECT * FROM t WHERE id = ${id}`);\n';

describe('robustness', () => {
  it('reports malformed package.json, tsconfig, wrangler.toml and pnpm-workspace.yaml by file:line and goes on', async () => {
    const run = await auditFiles({
      'package.json': '{ "name": "broken", }\n{',
      'tsconfig.json': '{ "compilerOptions": { "strict": true, }, ]',
      'wrangler.toml': 'name = "w"\n[[d1_databases]\nbinding = "DB"\n',
      'pnpm-workspace.yaml': 'packages:\n  - "a\n  - b: [\n',
      'src/a.ts': injection,
    }, { rules: [sqlInjection] });
    const byPath = Object.fromEntries(run.diagnostics.map((d) => [d.path, d.problem]));
    expect(byPath['package.json']).toMatch(/^package\.json:2:1: malformed JSON/);
    expect(byPath['tsconfig.json']).toMatch(/^tsconfig\.json:1:\d+: malformed JSON/);
    expect(byPath['wrangler.toml']).toMatch(/^wrangler\.toml:2:\d+: malformed TOML/);
    expect(byPath['pnpm-workspace.yaml']).toMatch(/^pnpm-workspace\.yaml(:\d+:\d+)?: malformed YAML/);
    expect(run.findings.map((f) => f.ruleId)).toEqual(['database/sql-injection']);
  });

  it('rejects a malformed or invalid verdict.config.json with the file, line or key', async () => {
    const bad = writeRepo({ 'verdict.config.json': '{ "rules": { "a/b": "off" ' });
    await expect(audit({ root: bad, exec: false, cache: false })).rejects.toThrow(/verdict\.config\.json:1:\d+: malformed JSON/);
    removeRepo(bad);
    const invalid = writeRepo({ 'verdict.config.json': '{ "rules": { "a/b": "loud" }, "boundaries": { "database": { "allow": "x" } }, "colour": 1 }' });
    const err = await audit({ root: invalid, exec: false, cache: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(String((err as Error).message)).toMatch(/rules\.a\/b:/);
    expect(String((err as Error).message)).toMatch(/boundaries\.database\.allow:/);
    expect(String((err as Error).message)).toMatch(/Unrecognized key.*colour/);
    removeRepo(invalid);
  });

  it('accepts JSONC in verdict.config.json and honours $schema', async () => {
    const run = await auditFiles({
      'verdict.config.json': '{\n  // comment\n  "$schema": "x.json",\n  "rules": { "database/sql-injection": "high", },\n}\n',
      'src/a.ts': injection,
    }, { rules: [sqlInjection] });
    expect(run.findings[0].severity).toBe('high');
  });

  it('skips binary and oversized files, counts them, and reads non-UTF-8 text as Latin-1', async () => {
    const big = `// ${'x'.repeat(1024 * 1024 + 10)}\n${injection}`;
    const run = await auditFiles({
      // An image is of a kind no check reads: listed, not read. A file of no known kind is read and found binary.
      'img/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]),
      'data/blob.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]),
      // Source past 1 MB is read (up to 16 MB: padding must not hide code); other files are not.
      'src/big.ts': big,
      'data/big.json': `[${'1,'.repeat(600_000)}1]`,
      // An image past 1 MB would not be read at any size: no diagnostic about its size.
      'img/hero.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(1_100_000)]),
      'src/latin.ts': Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from(`\n${injection}`)]),
      'src/utf16.ts': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(injection, 'utf16le')]),
      'src/bom.ts': `\uFEFF${injection}`,
    }, { rules: [sqlInjection] });
    expect(run.stats.skipped.binary).toBe(1);
    expect(run.stats.skipped.listed).toBe(1);
    // Both files past 1 MB are counted as large; only the one that would otherwise be read gets a diagnostic.
    expect(run.stats.skipped.large).toBe(2);
    expect(run.diagnostics.find((d) => d.path === 'src/latin.ts')?.problem).toMatch(/not valid UTF-8; read as Latin-1/);
    expect(run.diagnostics.find((d) => d.path === 'data/big.json')?.problem).toMatch(/over the 1 MB limit/);
    expect(run.diagnostics.filter((d) => d.path === 'img/hero.png')).toEqual([]);
    expect(run.findings.map((f) => `${f.location?.path}:${f.location?.line}`)).toEqual(['src/big.ts:2', 'src/bom.ts:1', 'src/latin.ts:2', 'src/utf16.ts:1']);
  });

  it('does not follow symlinked folders (no loops) and still reads linked files', async () => {
    const root = writeRepo({ 'src/a.ts': injection });
    mkdirSync(join(root, 'loop'));
    symlinkSync(root, join(root, 'loop/again'));
    symlinkSync(join(root, 'src/a.ts'), join(root, 'src/link.ts'));
    symlinkSync(join(root, 'nowhere'), join(root, 'dangling.ts'));
    const run = await audit({ root, exec: false, cache: false, quiet: true, rules: [sqlInjection] });
    expect(run.stats.skipped.symlinks).toBe(2);
    expect(run.findings.map((f) => f.location?.path)).toEqual(['src/a.ts', 'src/link.ts']);
    removeRepo(root);
  });

  it('goes on past a syntax tree too deep to walk, and says so for that file', async () => {
    // A left-nested sum: the parser builds it in a loop, a recursive walk runs out of stack. The
    // file only needs hosts that skip parent binding, so the walk is the first recursion over it.
    const deep = `import { db } from './db';\nexport const total = ${Array.from({ length: 60_000 }, (_, i) => `x${i}`).join(' + ')};\n`;
    const run = await auditFiles({
      'package.json': '{"name":"t","private":true}',
      'src/deep.ts': deep,
      'src/app.ts': `import { db } from './db';\nexport function find(id: string) {\n  return ${injection.trim()}\n}\n`,
    });
    expect(run.diagnostics).toContainEqual(expect.objectContaining({ path: 'src/deep.ts', problem: expect.stringMatching(/could not be walked|parser failed/) }));
    expect(run.findings.some((f) => f.ruleId === 'database/sql-injection' && f.location?.path === 'src/app.ts')).toBe(true);
  });

  it('reports a source rule that could not check a file as an error naming it, never as a pass', async () => {
    // The only file the rule would read, too deep to walk: the rule did not run, so it cannot pass.
    const deep = `export const run = (code: string) => eval(code);\nexport const total = ${Array.from({ length: 60_000 }, (_, i) => `x${i}`).join(' + ')};\n`;
    const run = await auditFiles({ 'package.json': '{"name":"t","private":true}', 'src/deep.ts': deep });
    const outcome = run.outcomes.find((o) => o.ruleId === 'security/eval');
    expect(outcome).toMatchObject({ status: 'error' });
    expect(outcome?.reason).toMatch(/src\/deep\.ts: not checked: (syntax tree could not be walked|parser failed)/);
  });

  it('says when a collector failed on a file: its facts are missing', async () => {
    const root = writeRepo({ 'package.json': '{"name":"t","private":true}', 'src/a.ts': 'run(1);\n', 'src/b.ts': 'const x = 1;\n' });
    try {
      const boom: VisitorHost = { id: 'collect/boom', create: () => ({ CallExpression() { throw new Error('boom'); } }) };
      const res = await collect({ layout: await discover(root, []), hosts: [boom], cache: null, keepDocument: () => false, timing: false, pool: null });
      expect(res.diagnostics).toEqual([expect.objectContaining({ path: 'src/a.ts', problem: 'collect/boom failed on this file (boom)' })]);
    } finally {
      removeRepo(root);
    }
  });

  it('says an empty repo has nothing to audit (no score about nothing)', async () => {
    await expect(auditFiles({})).rejects.toThrow(/nothing to audit/);
  });

  it('names a missing folder or a file given as the root', async () => {
    await expect(audit({ root: '/definitely/not/here', exec: false })).rejects.toThrow(/no such folder/);
    const root = writeRepo({ 'a.txt': 'x' });
    await expect(audit({ root: join(root, 'a.txt'), exec: false })).rejects.toThrow(/not a folder/);
    removeRepo(root);
  });

  it('respects .gitignore (nested too), config ignore globs, and skips node_modules and build output', async () => {
    const run = await auditFiles({
      '.gitignore': 'generated/\n',
      'pkg/.gitignore': 'local.ts\n',
      'generated/a.ts': injection,
      'pkg/local.ts': injection,
      'pkg/kept.ts': injection,
      'node_modules/x/index.js': injection,
      'dist/a.js': injection,
      'legacy/old.ts': injection,
      'verdict.config.json': '{ "ignore": ["legacy/**"] }',
    }, { rules: [sqlInjection] });
    expect(run.findings.map((f) => f.location?.path)).toEqual(['pkg/kept.ts']);
  });

  it('turns a rule that throws into an error outcome and goes on', async () => {
    const thrower = { ...sqlInjection, id: 'database/thrower', create: () => ({ CallExpression: () => { throw new Error('boom'); } }) };
    const run = await auditFiles({ 'package.json': '{"name":"p"}', 'src/a.ts': injection }, { rules: [thrower as typeof sqlInjection, sqlInjection] });
    expect(run.outcomes.find((o) => o.ruleId === 'database/thrower')?.status).toBe('error');
    expect(run.unknowns.find((u) => u.check === 'database/thrower')?.reason).toMatch(/boom/);
    expect(run.findings.map((f) => f.ruleId)).toEqual(['database/sql-injection']);
  });
});
