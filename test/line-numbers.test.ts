// Lines are counted at \n only, everywhere: a finding located by its syntax node, its snippet, and
// the lines collectors give their facts agree even when the text holds a lone \r or U+2028, which
// TypeScript's own line map would count as line breaks.
import { describe, expect, it } from 'vitest';
import { auditFiles } from './helpers/repo.js';
import evalRule from '../src/rules/security/eval.js';

describe('line numbers', () => {
  it('agree between node-located findings, snippets and facts when the text has U+2028 or a lone \\r', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc"}',
      'src/a.ts': [
        "const note = 'a\u2028b';",
        "const old = 'c';\r// a lone carriage return above",
        'console.log(note, old);',
        'export const run = (code: string) => eval(code);',
      ].join('\n'),
    }, { rules: [evalRule] });
    const [finding] = run.findings.filter((f) => f.ruleId === 'security/eval');
    expect(finding.location).toMatchObject({ path: 'src/a.ts', line: 4 });
    expect(finding.location?.snippet).toContain('eval(code)');
  });
});
