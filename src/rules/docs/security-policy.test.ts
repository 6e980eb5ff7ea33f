import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './security-policy.js';

const pkg = { 'package.json': '{"name":"svc","private":true}' };

describe('docs/security-policy', () => {
  it('stays silent with SECURITY.md at the root, in .github/ or in docs/', async () => {
    expect(await runRule(rule, { ...pkg, 'SECURITY.md': '# Security\n' })).toEqual([]);
    expect(await runRule(rule, { ...pkg, '.github/SECURITY.md': '# Security\n' })).toEqual([]);
    expect(await runRule(rule, { ...pkg, 'docs/security.md': '# Security\n' })).toEqual([]);
  });

  it('reports a missing policy (a policy deep in a subfolder does not count)', async () => {
    const findings = await runRule(rule, { ...pkg, 'packages/a/SECURITY.md': '# Security\n' });
    expect(findings.map((f) => [f.message, f.severity])).toEqual([['no security policy: no SECURITY.md at the root, in .github/ or in docs/', 'low']]);
  });
});
