import { describe, expect, it } from 'vitest';
import { auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './runbooks.js';

const svc = { 'package.json': '{"name":"svc","private":true}' };

describe('docs/runbooks', () => {
  it('stays silent with runbook files or deploy and rollback sections', async () => {
    expect(await runRule(rule, { ...svc, 'docs/runbooks/deploy.md': '# Deploy\n', 'docs/runbooks/rollback.md': '# Roll back\n' })).toEqual([]);
    expect(await runRule(rule, { ...svc, 'README.md': '# svc\n\n## Deployment\n\nnpm run deploy\n\n### Rolling back\n\nwrangler rollback\n' })).toEqual([]);
    expect(await runRule(rule, { ...svc, 'RUNBOOK.md': '# Runbook\n\n## Deploying\n\n## Rollback\n' })).toEqual([]);
  });

  it('is not applicable to a repository of published libraries', async () => {
    const run = await auditFiles({ 'package.json': '{"name":"lib","main":"index.js"}', 'index.js': '' }, { rules: [rule] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes[0].status).toBe('not-applicable');
  });

  it('reports each missing runbook', async () => {
    const both = await runRule(rule, { ...svc, 'README.md': '# svc\n\nDeploy with `scripts/deploy.sh`.\n', 'CHANGELOG.md': '## Rollback fixed\n' });
    expect(both.map((f) => f.message)).toEqual(['no deploy runbook: no deploy document and no deploy section in 1 doc(s)', 'no rollback runbook: no rollback document and no rollback section in 1 doc(s)']);
    const rollback = await runRule(rule, { ...svc, 'docs/DEPLOY.md': '# How we ship\n' });
    expect(rollback.map((f) => [f.messageId, f.message])).toEqual([['noRunbook', 'no rollback runbook: no rollback document and no rollback section in 1 doc(s)']]);
    expect(rollback[0].severity).toBe('low');
  });
});
