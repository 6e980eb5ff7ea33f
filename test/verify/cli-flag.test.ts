// "Dry-run mode (`--dry-run` flag)": a command-line flag is honoured when a file that reads its command
// line takes it and a condition depends on it. The migration script is written here: it honours
// --dry-run, reads --verbose and never uses it, and only lists --force in its help text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { cliFlagClaim } from '../../src/verify/checks/cli-flag.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
let res: VerifyResult;
const reports = mkdtempSync(join(tmpdir(), 'verdict-cli-flag-'));

beforeAll(async () => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'tasks', private: true, main: 'src/index.js', scripts: { migrate: 'node scripts/migrate.js' } }),
    'src/index.js': "console.log('tasks');\n",
    'scripts/migrate.js': [
      'const args = process.argv.slice(2);', // 1
      "const isDryRun = args.includes('--dry-run');", // 2
      "const verbose = args.includes('--verbose');", // 3
      'function apply(sql) {', // 4
      '  if (isDryRun) { console.log(`would run ${sql}`); return; }', // 5
      '  console.log(`running ${sql}`);', // 6
      '}', // 7
      "const HELP = `Options:\\n  --dry-run   show the plan\\n  --force     skip the checks`;", // 8
      "if (args.includes('--help')) console.log(HELP);", // 9
      "apply('SELECT 1');", // 10
      '',
    ].join('\n'),
  });
  const file = join(reports, 'r.md');
  writeFileSync(file, [
    '| Area | Item | Status |', '|---|---|---|',
    '| Database | Dry-run mode | ✅ |', // 3
    '- Dry-run mode for testing (`--dry-run` flag)', // 4
    '- `--force` flag skips the safety checks', // 5
    '- Verbose output (`--verbose` flag)', // 6
  ].join('\n'));
  res = await verifyReport({ report: file, repo: root, exec: false, cache: false });
});
afterAll(() => { removeRepo(root); removeRepo(reports); });

const at = (line: number) => res.claims.find((c) => c.line === line)!;

describe('a command-line flag', () => {
  it('reads the flag a line names or the mode it words', () => {
    expect(cliFlagClaim('Dry-run mode for testing (`--dry-run` flag)')).toMatchObject({ flag: '--dry-run', written: true });
    expect(cliFlagClaim('Database | Dry-run mode | ✅')).toMatchObject({ flag: '--dry-run', written: false });
    expect(cliFlagClaim('Run `npm test` before merging')).toBeNull();
  });
  it('is honoured when read and branched on; one fact across both wordings', () => {
    expect(at(3).verdict).toBe('confirmed');
    expect(at(4).verdict).toBe('confirmed');
    expect(at(4).evidence.map((e) => (e as { line?: number }).line)).toEqual([2, 5]);
    expect(at(3).fact.key).toBe(at(4).fact.key);
  });
  it('a flag only listed in help text, or read and never used, is not honoured', () => {
    expect(at(5).verdict).toBe('contradicted');
    expect(at(6).verdict).toBe('contradicted');
    expect(at(6).reason).toContain('no condition depends on it');
  });
});
