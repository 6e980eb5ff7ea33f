import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './readme.js';

const pkg = { 'package.json': '{"name":"svc","private":true}' };
const prose = 'This service takes orders from the storefront, charges the card through the payments API and stores the order in Postgres. Run it locally with npm run dev; configure it with the variables in .env.example.';

describe('docs/readme', () => {
  it('passes a real README and says how much it holds', async () => {
    const run = await auditFiles({ ...pkg, 'README.md': `# svc\n\n${prose}\n` }, { rules: [rule] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes[0]).toMatchObject({ status: 'pass', reason: expect.stringMatching(/^README\.md: \d+ characters of prose$/) });
  });

  it('reports a missing README and a stub README', async () => {
    const missing = await runRule(rule, { ...pkg, 'docs/x.md': prose });
    expect(missing.map((f) => f.messageId)).toEqual(['noReadme']);
    const stub = await runRule(rule, { ...pkg, 'README.md': '# svc\n\n[![ci](https://x/badge.svg)](https://x)\n\nTODO: write this.\n' });
    expect(at(stub)).toEqual(['README.md:1']);
    expect(stub.map((f) => f.messageId)).toEqual(['stub']);
    expect(stub[0].severity).toBe('low');
  });
});
