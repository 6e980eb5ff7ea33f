import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './committed-env-file.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('security/committed-env-file', () => {
  it('stays silent on templates and ignored env files', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      '.gitignore': '.env\n.env.local\n',
      '.env': `API_KEY=${randomBytes(16).toString('hex')}\n`,
      '.env.local': 'X=1\n',
      '.env.example': 'API_KEY=your-api-key\n',
      '.env.sample': 'API_KEY=\n',
      '.env.template': 'API_KEY=changeme\n',
      'apps/api/.env.production.example': 'JWT_SECRET=\n',
    });
    expect(findings).toEqual([]);
  });

  it('reports env files that are not ignored, critical when they hold secret-named values', async () => {
    const value = `k${randomBytes(12).toString('hex')}`;
    const findings = await runRule(rule, {
      ...pkg,
      '.env': `PORT=3000\nNODE_ENV=production\nSTRIPE_API_KEY="${value}"\n`,
      'apps/web/.env.development': '# local development\n\nVITE_API_URL=http://localhost:3000\nDATABASE_URL=postgres://user:pass@127.0.0.1:5432/app\n',
      '.env.test': `SECRET_KEY=${randomBytes(32).toString('hex')}\n`,
    });
    expect(at(findings).sort()).toEqual(['.env.test:1', '.env:3', 'apps/web/.env.development:3']);
    expect(findings.map((f) => `${f.location?.path} ${f.severity}`).sort()).toEqual(['.env critical', '.env.test low', 'apps/web/.env.development low']);
    expect(JSON.stringify(findings)).not.toContain(value);
    expect(findings.map((f) => `${f.location?.path} ${f.messageId}`).sort()).toEqual(['.env secrets', '.env.test secretsInTestEnv', 'apps/web/.env.development notIgnored']);
    expect(findings[0].message).toContain('STRIPE_API_KEY=k');
  });
});
