// Reading a hostile repository: nothing outside it is read through its symlinks, and what verdict did
// not read is said (listed, its package's static checks unknown, the gate held back), so a NUL byte,
// padding or an empty tree cannot turn a NO-GO into a clean report. Each repo is built here.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import type { AuditRun } from '../src/model/run.js';
import { render } from '../src/render/index.js';
import { cli } from './helpers/cli.js';
import { writeRepo } from './helpers/repo.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const repo = (files: Record<string, string | Buffer>): string => {
  const root = mkdtempSync(join(tmpdir(), 'verdict-hostile-'));
  dirs.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
};
const run = (root: string): Promise<AuditRun> => audit({ root, exec: false, cache: false, quiet: true, today: '2026-01-01', threads: 1 });

const MANIFEST = '{"name":"svc","private":true,"dependencies":{"express":"^4.19.0"}}';
const EVAL = "import express from 'express';\nconst app = express();\napp.post('/run', (req, res) => { res.json(eval(req.body.code)); });\napp.listen(3000);\n";
const evalAt = (r: AuditRun): string[] => r.findings.filter((f) => f.ruleId === 'security/eval' && f.severity === 'critical').map((f) => `${f.location?.path}:${f.location?.line}`);
const everyFormat = (r: AuditRun): string => (['terminal', 'markdown', 'json'] as const).map((format) => render(r, format, { color: false })).join('\n');

describe('symlinks that leave the repository', () => {
  function withOutside(): { root: string; outside: string } {
    const outside = mkdtempSync(join(tmpdir(), 'verdict-outside-'));
    dirs.push(outside);
    writeFileSync(join(outside, 'evil.ts'), `// OUTSIDE-MARKER\n${EVAL}`);
    writeFileSync(join(outside, '.env'), 'STRIPE_SECRET_KEY=sk_live_OUTSIDEabcdefghijklmnop1234\n');
    mkdirSync(join(outside, 'lib'));
    writeFileSync(join(outside, 'lib', 'x.ts'), '// OUTSIDE-MARKER\nexport const x = eval(process.argv[2]);\n');
    const root = repo({ 'package.json': MANIFEST, 'src/index.ts': 'export const a = 1;\n', 'src/real.ts': 'export const real = 2;\n' });
    symlinkSync(join(outside, 'evil.ts'), join(root, 'src/linked.ts'));
    symlinkSync(join(outside, '.env'), join(root, '.env'));
    symlinkSync(join(outside, 'lib'), join(root, 'src/lib'));
    symlinkSync('../src/real.ts', join(root, 'src/alias.ts')); // inside: read as before
    return { root, outside };
  }

  it('lists them, never reads or quotes them, and does not report an outside .env as the repo\'s', async () => {
    const { root } = withOutside();
    const r = await run(root);
    const text = everyFormat(r);
    expect(text).not.toContain('OUTSIDE-MARKER');
    expect(text).not.toContain('sk_live_OUTS');
    expect(r.findings.filter((f) => f.location?.path === '.env' || f.ruleId === 'security/committed-env-file')).toEqual([]);
    expect(r.findings.some((f) => ['src/linked.ts', 'src/lib/x.ts'].includes(f.location?.path ?? ''))).toBe(false);
    const listed = r.diagnostics.filter((d) => /symlink to a (file|folder) outside the repository: not read/.test(d.problem)).map((d) => d.path).sort();
    expect(listed).toEqual(['.env', 'src/lib', 'src/linked.ts']);
    // The source one is release code verdict did not read: a condition that names it, never GO.
    expect(r.gate.decision).not.toBe('GO');
    expect(r.gate.conditions.some((c) => c.kind === 'unread' && c.evidence === 'src/linked.ts')).toBe(true);
    expect(r.outcomes.find((o) => o.ruleId === 'security/eval' && o.package === 'svc')?.status).toBe('unknown');
    // A symlink to a file inside the repository is read as before.
    expect(r.stats.files).toBe(4); // package.json, src/index.ts, src/real.ts, src/alias.ts
  });

  it('does not read a verdict.config.json that is a symlink to outside', async () => {
    const { root, outside } = withOutside();
    writeFileSync(join(outside, 'config.json'), '{"ignore": ["**"]}');
    symlinkSync(join(outside, 'config.json'), join(root, 'verdict.config.json'));
    await expect(run(root)).rejects.toThrow(/verdict\.config\.json: a symlink to a file outside the repository; verdict does not read it/);
  });
});

describe('files verdict did not read', () => {
  it('audits a source file that holds a NUL byte in a comment', async () => {
    const r = await run(repo({ 'package.json': MANIFEST, 'src/index.ts': `// x\0y\n${EVAL}` }));
    expect(evalAt(r)).toEqual(['src/index.ts:4']);
    expect(r.gate.decision).toBe('NO_GO');
    expect(r.diagnostics.some((d) => d.path === 'src/index.ts' && /NUL bytes, but parses as source/.test(d.problem))).toBe(true);
  });

  it('names a source file that is binary (NUL bytes, does not parse) as not read, and holds the gate', async () => {
    // A test beside it: a repository with no test at all is NO-GO, and this case is about the unread file.
    const r = await run(repo({ 'package.json': MANIFEST, 'src/index.ts': 'export const a = 1;\n', 'test/index.test.ts': "import { expect, it } from 'vitest';\nit('a', () => { expect(1).toBe(1); });\n", 'src/blob.ts': Buffer.from([0x65, 0x76, 0x00, 0x61, 0x6c, 0x28, 0x00, 0xff, 0x29]) }));
    expect(r.diagnostics.some((d) => d.path === 'src/blob.ts' && /skipped as binary.*not audited/.test(d.problem))).toBe(true);
    expect(r.gate.decision).toBe('GO_WITH_CONDITIONS');
    expect(r.gate.conditions.filter((c) => c.kind === 'unread').map((c) => c.evidence)).toEqual(['src/blob.ts']);
    const evalOutcome = r.outcomes.find((o) => o.ruleId === 'security/eval' && o.package === 'svc')!;
    expect(evalOutcome.status).toBe('unknown');
    expect(evalOutcome.reason).toContain('src/blob.ts');
    // A binary file without a source extension is no concern of the static checks; an unread test
    // file (an MPEG-TS clip named .ts) is listed but does not void the release checks.
    const other = await run(repo({
      'package.json': MANIFEST, 'src/index.ts': 'export const a = 1;\n', 'assets/logo.png': Buffer.from([0x89, 0x50, 0x00, 0x00]),
      'test/fixtures/clip.ts': Buffer.from([0x47, 0x00, 0x11, 0x10, 0x00, 0xff]),
    }));
    expect(other.gate.conditions.some((c) => c.kind === 'unread')).toBe(false);
    expect(other.diagnostics.some((d) => d.path === 'test/fixtures/clip.ts' && /skipped as binary/.test(d.problem))).toBe(true);
    expect(other.outcomes.find((o) => o.ruleId === 'security/eval' && o.package === 'svc')?.status).not.toBe('unknown');
  });

  it('audits a source file padded past 1 MB with a comment', async () => {
    const r = await run(repo({ 'package.json': MANIFEST, 'src/index.ts': `${EVAL}//${'a'.repeat(1_100_000)}\n` }));
    expect(evalAt(r)).toEqual(['src/index.ts:3']);
    expect(r.gate.decision).toBe('NO_GO');
    const top = await run(repo({ 'package.json': MANIFEST, 'src/index.ts': `/* ${'a'.repeat(1_100_000)} */\n${EVAL}` }));
    expect(evalAt(top)).toEqual(['src/index.ts:4']);
  });

  it('names release source over the 16 MB limit as not read, and holds the gate', async () => {
    const r = await run(repo({ 'package.json': MANIFEST, 'src/index.ts': 'export const a = 1;\n', 'src/huge.ts': `${EVAL}//${'a'.repeat(17 * 1024 * 1024)}\n` }));
    expect(r.gate.decision).not.toBe('GO');
    expect(r.gate.conditions.some((c) => c.kind === 'unread' && c.evidence === 'src/huge.ts' && /over the 16 MB limit/.test(c.message))).toBe(true);
    expect(r.diagnostics.some((d) => d.path === 'src/huge.ts' && /source file not read/.test(d.problem))).toBe(true);
  }, 60_000);
});

describe('a folder with nothing to audit', () => {
  for (const [what, files] of [['an empty folder', {}], ['a folder holding only notes.txt', { 'notes.txt': 'todo\n' }]] as const) {
    it(`is "nothing to audit" with exit 2, not a score: ${what}`, () => {
      const root = writeRepo(files);
      dirs.push(root);
      const r = cli(['audit', root, '--no-exec', '--no-cache']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/nothing to audit: no package\.json, no JavaScript\/TypeScript source file and no migrations/);
      expect(r.stdout).not.toMatch(/100\/100|GATE/);
    });
  }
});
