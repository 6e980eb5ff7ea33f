// "Workers fail-fast on missing bindings": an `if (!env.X) throw` in release code a production entry
// reaches confirms it; a guard in a file nothing reaches, or none at all, leaves it unverifiable. The
// workers are written here.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { failFastClaim } from '../../src/verify/checks/fail-fast.js';
import { verifyReport } from '../../src/verify/index.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

const reports = mkdtempSync(join(tmpdir(), 'verdict-fail-fast-'));
const roots: string[] = [];
afterAll(() => { for (const r of roots) removeRepo(r); removeRepo(reports); });

function worker(learner: string, imported: boolean) {
  const root = writeRepo({
    'package.json': JSON.stringify({ name: 'edge', private: true, main: 'src/index.ts' }),
    'wrangler.toml': 'name = "edge"\nmain = "src/index.ts"\n',
    'src/index.ts': imported
      ? "import { Learner } from './learner';\nexport default { async fetch(req: Request, env: any) { return new Learner(env).answer(); } };\n"
      : 'export default { async fetch() { return new Response("ok"); } };\n',
    'src/learner.ts': learner,
  });
  roots.push(root);
  return root;
}

const GUARDED = [
  'export class Learner {',
  '  env: any;',
  '  constructor(env: any) {',
  '    if (!env.NOTES_DB) {',
  "      throw new Error('NOTES_DB binding required');",
  '    }',
  '    this.env = env;',
  '  }',
  '  answer() { return new Response(String(this.env.NOTES_DB)); }',
  '}', '',
].join('\n');

async function verdictOn(root: string) {
  const file = join(reports, `${roots.length}.md`);
  writeFileSync(file, '- ✅ Workers fail-fast on missing bindings\n');
  const res = await verifyReport({ report: file, repo: root, exec: false, cache: false });
  return res.claims[0];
}

describe('fail fast on a missing binding', () => {
  it('reads "fail fast on missing X" (the condition names what is missing; it is not a denial), and no other word order yet', () => {
    expect(failFastClaim('✅ Workers fail-fast on missing bindings')).toEqual({ topic: 'fail-fast', what: 'bindings' });
    expect(failFastClaim('The API fails fast when an env variable is missing')).toBeNull();
    expect(failFastClaim('Service fails fast if environment variables are unset')).toBeNull();
    expect(failFastClaim('Fails fast on undefined config')).toEqual({ topic: 'fail-fast', what: 'config' });
  });

  it('is confirmed by a guard that throws, in code the worker\'s entry reaches', async () => {
    const c = await verdictOn(worker(GUARDED, true));
    expect(c.verdict, c.reason).toBe('confirmed');
    expect(c.evidence[0]).toMatchObject({ kind: 'file', path: 'src/learner.ts', line: 4 });
  });

  it('stays unverifiable when the guard sits in a file no entry reaches', async () => {
    const c = await verdictOn(worker(GUARDED, false));
    expect(c.verdict).toBe('unverifiable');
  });

  it('stays unverifiable when the code only logs a missing binding', async () => {
    const c = await verdictOn(worker(GUARDED.replace("throw new Error('NOTES_DB binding required');", "console.warn('NOTES_DB missing');"), true));
    expect(c.verdict).toBe('unverifiable');
  });
});
