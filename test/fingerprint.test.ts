import { describe, expect, it } from 'vitest';
import sqlInjection from '../src/rules/database/sql-injection.js';
import { runRule } from './helpers/repo.js';

const q = 'db.query(`SELECT * FROM t WHERE id = ${id}`);';

describe('finding fingerprints', () => {
  it('survive line moves and stay distinct for identical snippets in one file', async () => {
    const before = await runRule(sqlInjection, { 'package.json': '{}', 'src/a.ts': `${q}\n${q}\n` });
    const after = await runRule(sqlInjection, { 'package.json': '{}', 'src/a.ts': `// a comment\n\nconst x = 1;\n${q}\n${q}\n` });
    expect(before.map((f) => f.location?.line)).toEqual([1, 2]);
    expect(after.map((f) => f.location?.line)).toEqual([4, 5]);
    expect(after.map((f) => f.fingerprint)).toEqual(before.map((f) => f.fingerprint));
    expect(before[0].fingerprint).not.toBe(before[1].fingerprint);
  });
});
