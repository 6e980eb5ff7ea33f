import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import sqlInjection from '../database/sql-injection.js';
import rule from './unused-suppression.js';

describe('lint/unused-suppression and suppressions', () => {
  const files = {
    'package.json': '{"name":"svc"}',
    'src/a.ts': [
      '// verdict-ignore database/sql-injection: id is validated as a UUID by the router',
      'db.query(`SELECT * FROM t WHERE id = ${id}`);',
      // Request input: critical, and not suppressed (no reason), so the gate is NO-GO.
      'db.query(`SELECT * FROM t WHERE id = ${req.query.id}`); // verdict-ignore database/sql-injection',
      '// verdict-ignore database/sql-injection: nothing here any more',
      'const x = 1;',
      'db.query(`SELECT * FROM t WHERE name = ${name}`); /* verdict-ignore database/* : legacy, tracked in JIRA-1 */',
    ].join('\n'),
    'docs/notes.md': '<!-- verdict-ignore docs/missing-path: stays silent unless the rule is enabled -->\n\nWrite `// verdict-ignore database/sql-injection: why` (an example in prose, not a comment).\n',
    'test/fixture.test.ts': "const src = '// verdict-ignore database/sql-injection: inside a fixture string';\n",
    'deploy.sql': 'SELECT 1; -- verdict-ignore database/sql-injection: a SQL comment is a real suppression\n',
  };

  it('suppresses with a reason, keeps suppressed findings visible, and reports the bad comments', async () => {
    const run = await auditFiles(files, { rules: [sqlInjection, rule] });
    const sql = run.findings.filter((f) => f.ruleId === 'database/sql-injection');
    expect(sql.map((f) => [f.location?.line, f.suppressed?.where ?? null]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [2, 'src/a.ts:1'], [3, null], [6, 'src/a.ts:6'],
    ]);
    const hygiene = run.findings.filter((f) => f.ruleId === rule.id);
    expect(hygiene.map((f) => [f.location?.path, f.location?.line, f.messageId])).toEqual([
      ['deploy.sql', 1, 'unused'], ['src/a.ts', 3, 'noReason'], ['src/a.ts', 4, 'unused'],
    ]);
    expect(run.gate.decision).toBe('NO_GO');
    expect(run.gate.reasons).toHaveLength(1);
  });
});
