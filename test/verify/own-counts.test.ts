// Counts decided once their subject resolves: totals of what the report itself lists, models, enum
// members and a helper's call sites in the code; a "no X in lines a-b" whose file now does X elsewhere;
// and lines worded differently that name the same decided subject sharing its verdict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit.js';
import type { AuditRun } from '../../src/model/run.js';
import { checkClaims } from '../../src/verify/index.js';
import { RepoIndex } from '../../src/verify/repo.js';
import { statement } from '../../src/verify/same-subject.js';
import { removeRepo } from '../helpers/repo.js';
import { serviceRepo } from './fixture.js';

let root = '';
let run: AuditRun;
const none = { tracked: false, addedIn: null, addedOn: null, checkedAt: null, changedSince: [], changesUnknown: null };

beforeAll(async () => {
  root = serviceRepo({
    'src/models/account.ts': "import mongoose from 'mongoose';\nconst s = new mongoose.Schema({ name: String });\nexport const Account = mongoose.model('Account', s);\n",
    'src/models/ledger.ts': "import { model, Schema } from 'mongoose';\nexport const Ledger = model('Ledger', new Schema({ total: Number }));\n",
    'prisma/schema.prisma': 'enum Channel {\n  MAIL\n  PHONE\n  // retired: FAX\n  PIGEON\n}\n',
    'src/pack.ts': 'export function toBytes(x: string) {\n  return Buffer.from(x);\n}\nexport const a = toBytes("a");\nexport const b = toBytes("b");\n',
    'src/store.ts': 'export async function saveRun(r: string) {\n  return db.run.create({ data: r });\n}\ndeclare const db: any;\n',
    'db/migrations/001_init/migration.sql': 'CREATE TABLE a (id int);\n',
    'db/migrations/002_more/migration.sql': 'CREATE TABLE b (id int);\nCREATE TABLE c (id int);\n',
    'src/router.ts': "import { saveRun } from './store';\n\nexport function route(r: string) {\n  const x = r.trim();\n  return x;\n}\n\nexport async function later(r: string) {\n  return saveRun(r);\n}\n",
  });
  run = await audit({ root, exec: false, cache: false, quiet: true });
}, 120_000);
afterAll(() => removeRepo(root));

function check(md: string) {
  return checkClaims(md, { run, repo: new RepoIndex(root), noExecReason: null, reportText: md, reportPath: 'READINESS.md' }, none);
}
const at = (claims: ReturnType<typeof check>, line: number) => claims.find((c) => c.line === line)!;

describe('verify: totals of the report\'s own lists', () => {
  const md = ['# Report', '', '## Files', '', '### Changed', '- a.ts', '- b.ts', '', '### New', '- c.ts', '', '**Total:** 3 files (2 modified + 1 new)', '',
    '---', '', '## More', '', '- x.ts', '- y.ts', '', '**Total:** 3 files (1 modified + 1 new)', ''].join('\n');
  it('confirms a total that matches its list and its parts, and says it was counted in the report', () => {
    const c = at(check(md), 12);
    expect(c.verdict).toBe('confirmed');
    expect(c.reason).toMatch(/counted in the report itself/);
    expect(c.evidence[0]).toMatchObject({ kind: 'file', path: 'READINESS.md', line: 6 });
  });
  it('contradicts a total its list does not hold', () => {
    expect(at(check(md), 21)).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/lists 2 files/) });
  });
  it('counts a summary\'s "Issues Found: N" in the section of that name, not the "Non-" one', () => {
    const s = ['**Critical Issues Found**: 2', '**Non-Critical Issues**: 2', '', '### Critical Issues', '| Issue | Where |', '|---|---|', '| one | a |', '| two | b |', '',
      '### Non-Critical Issues', '| Issue | Where |', '|---|---|', '| three | c |', ''].join('\n');
    const claims = check(s);
    expect(at(claims, 1).verdict).toBe('confirmed');
    expect(at(claims, 2)).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/lists 1 /) });
  });
});

describe('verify: counts of what the code declares', () => {
  it('counts Mongoose models registered with model()', () => {
    const claims = check('- Two Mongoose models: `Account`, `Ledger`.\n- One Mongoose model: `Account`.\n');
    expect(at(claims, 1).verdict).toBe('confirmed');
    expect(at(claims, 2).verdict).toBe('contradicted');
  });
  it('counts the members of the enum holding the listed values, comments aside', () => {
    expect(at(check('- **Enum:** 3 values (MAIL, PHONE, PIGEON)\n'), 1)).toMatchObject({ verdict: 'confirmed', evidence: expect.arrayContaining([expect.objectContaining({ path: 'prisma/schema.prisma' })]) });
    expect(at(check('- **Enum:** 4 values (MAIL, PHONE, PIGEON)\n'), 1).verdict).toBe('contradicted');
  });
  it('counts "(N locations)" as calls of the helper the snippet above defines', () => {
    const md = '## Fix\n\n```ts\nfunction toBytes(x: string) {}\n```\n\n1. **src/pack.ts** (2 locations)\n2. **src/pack.ts** (3 locations)\n';
    const claims = check(md);
    expect(at(claims, 7).verdict).toBe('confirmed');
    expect(at(claims, 8)).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/2 calls of toBytes/) });
  });
});

describe('verify: a line range whose behaviour moved', () => {
  it('contradicts "no X in lines a-b" when the file does X elsewhere through an imported function', () => {
    const c = at(check('- `src/router.ts` lines 3-6: no `run.create()` calls\n'), 1);
    expect(c.verdict).toBe('contradicted');
    expect(c.reason).toMatch(/stale.*saveRun/);
    expect(c.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'src/store.ts', line: 2 })]));
  });
});

describe('verify: one fact across wordings', () => {
  it('strips marks, numbering and asides to compare statements', () => {
    expect(statement('2. ✅ Validated onboarding flow (impossible to skip)')).toBe(statement('- Validated onboarding flow (`Guard`)'));
  });
  it('gives a line naming a decided feature that feature\'s verdict', () => {
    const md = '- Audit trail ✅\n- `src/index.ts` - Added audit logging for keys\n';
    const [a, b] = check(md);
    expect(a.verdict).not.toBe('unverifiable');
    expect(b.verdict).toBe(a.verdict);
    expect(b.fact.key).toBe(a.fact.key);
  });
});

describe('verify: the latest migration\'s line count', () => {
  it('reads the one SQL file of the named migration folder and checks it sorts last', () => {
    const md = '- **Latest Migration:** `002_more` (3 lines)\n- **Latest Migration:** `001_init` (2 lines)\n';
    const claims = check(md);
    expect(at(claims, 1).verdict).toBe('confirmed');
    expect(at(claims, 2)).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/not the latest/) });
  });
});
