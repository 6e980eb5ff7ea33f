// `verdict verify` end to end through the CLI: exit codes, formats, and the annotated copy.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { VerifyResult, verifyResultJsonSchema } from '../../src/verify/model.js';
import { removeRepo } from '../helpers/repo.js';
import { OVERCLAIMING, serviceRepo } from './fixture.js';

let root = '';
let out = '';
const dir = mkdtempSync(join(tmpdir(), 'verdict-cmd-'));

beforeAll(() => {
  root = serviceRepo();
  writeFileSync(join(dir, 'over.md'), OVERCLAIMING);
  writeFileSync(join(dir, 'true.md'), '# Notes\n\n- Health check at `/health` ✅\n- 1 CI workflow\n- Deployed to staging\n');
});
afterAll(() => { removeRepo(root); removeRepo(dir); });
afterEach(() => vi.restoreAllMocks());

async function cli(...args: string[]): Promise<number> {
  out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => { out += String(s); return true; });
  return main(['verify', ...args, '--no-exec', '--quiet']);
}

describe('verdict verify', () => {
  it('exits 1 when a claim is contradicted and lists the worst first', async () => {
    expect(await cli(join(dir, 'over.md'), '--repo', root)).toBe(1);
    // The fixture's SQL injection is an exported function's parameter that a route in another file
    // feeds with `c.req.param('id')`: the traced path makes it critical, the gate NO-GO, and the
    // readiness line the worst contradiction; the SQL injection claim is contradicted too.
    expect(out).toMatch(/Contradicted, worst first:\n {2}✘ line 3 \[readiness\]/);
    expect(out).toMatch(/✘ line 18 \[sql-injection\]/);
  });

  it('exits 0 when nothing is contradicted', async () => {
    expect(await cli(join(dir, 'true.md'), '--repo', root)).toBe(0);
    expect(out).toMatch(/2 confirmed, 0 contradicted, 1 unverifiable/);
  });

  it('writes JSON that matches the schema', async () => {
    expect(await cli(join(dir, 'true.md'), '--repo', root, '--format', 'json', '--output', join(dir, 'r.json'))).toBe(0);
    const parsed = VerifyResult.parse(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')));
    expect(parsed.claims[0]).toMatchObject({ line: 3, section: ['Notes'], kind: 'feature', verdict: 'confirmed' });
    expect(parsed.claims[0].evidence[0]).toMatchObject({ kind: 'file', path: 'src/index.ts', line: 9 });
  });

  it('does not take a default or an output path for a claim that the file exists', async () => {
    writeFileSync(join(dir, 'paths.md'), '- `--config <file>`: default `verdict.config.json`\n- writes `out/report.md`\n- `docs/RUNBOOK.md`\n');
    expect(await cli(join(dir, 'paths.md'), '--repo', root, '--format', 'json')).toBe(0);
    expect(JSON.parse(out).claims.map((c: { verdict: string }) => c.verdict)).toEqual(['unverifiable', 'unverifiable', 'confirmed']);
    expect(verifyResultJsonSchema()).toMatchObject({ type: 'object' });
  });

  it('writes Markdown', async () => {
    await cli(join(dir, 'over.md'), '--repo', root, '--format', 'markdown');
    expect(out).toMatch(/^# Fact-check of/);
    expect(out).toMatch(/\| Line \| Section \| Claim \| Kind \| Verdict \| Why \|/);
  });

  it('annotates a copy of the report after each checked claim, tables after the table', async () => {
    await cli(join(dir, 'over.md'), '--repo', root, '--annotate', join(dir, 'annotated.md'));
    const a = readFileSync(join(dir, 'annotated.md'), 'utf8').split('\n');
    const at = (needle: string) => a.findIndex((l) => l.includes(needle));
    expect(a[at('5 tests in') + 1]).toMatch(/^ {2}- \*❌ verdict: CONTRADICTED — the report says 5 tests; verdict counts 4/);
    expect(a[0]).toMatch(/^> \*\*verdict verify:\*\* \d+ claims: \d+ confirmed, \d+ contradicted, \d+ unverifiable; \d+ other line\(s\) are prose/);
    expect(a.slice(0, 8).some((l) => /^> - ❌ line 3: Status: ✅ PRODUCTION READY — verdict says NO-GO/.test(l))).toBe(true);
    expect(a[at('**Status:**') + 2]).toMatch(/^> ❌ verdict: CONTRADICTED — verdict says NO-GO/);
    const table = at('| **Secrets**');
    expect(a[table + 1]).toBe('');
    expect(a[table + 2]).toMatch(/^> ❌ verdict: CONTRADICTED — \*\*Rate limiting\*\*: rate-limiting is defined or imported/);
    expect(a[at('Deployed to staging') + 1]).toMatch(/❔ verdict: unverifiable — about the world outside the repo/);
  });

  it('exits 2 with a clear message for a missing report or a bad format', async () => {
    expect(await cli(join(dir, 'missing.md'), '--repo', root)).toBe(2);
    expect(out).toMatch(/missing\.md: no such file/);
    expect(await cli(join(dir, 'true.md'), '--repo', join(dir, 'nowhere'))).toBe(2);
    expect(out).toMatch(/--repo .*nowhere: no such folder/);
    expect(await cli(join(dir, 'true.md'), '--format', 'xml')).toBe(2);
    expect(out).toMatch(/--format xml: expected one of terminal, markdown, json/);
  });
});
