import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
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

  it('a generated-looking value for a secret-named key in an env template (.env-sample, .env.example): medium, to confirm, and not a committed-secret leak; a provider-shaped token there stays a leak', async () => {
    const made = `v${randomBytes(16).toString('hex')}`;
    const aws = `AKIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const run = await auditFiles({
      ...pkg,
      '.env-sample': `PORT=3000\nSWAGGER_PASSWORD=${made}\nJWT_SECRET=changeme\n`,
      'config/.env.example': `AWS_ACCESS_KEY_ID=${aws}\n`,
    }, { exec: false });
    const envFile = run.findings.filter((f) => f.ruleId === rule.id);
    expect(envFile.map((f) => `${at([f])[0]} ${f.severity} ${f.messageId}`)).toEqual(['.env-sample:2 medium templateValue']);
    expect(JSON.stringify(run.findings)).not.toContain(made);
    const leaks = run.findings.filter((f) => f.ruleId === 'security/committed-secret').map((f) => `${at([f])[0]} ${f.severity}`);
    expect(leaks).toEqual(['config/.env.example:1 critical']);
    expect(run.outcomes.find((o) => o.ruleId === 'security/committed-secret')?.reason ?? '').toContain('left to security/committed-env-file: 1 secret-named value(s) with no provider\'s shape in env templates: .env-sample:2');
  });

  it('the same value in a real .env beside the template is the committed-secret leak, at critical', async () => {
    const made = `v${randomBytes(16).toString('hex')}`;
    const run = await auditFiles({ ...pkg, '.gitignore': '.env\n', 'deploy/prod.env': `SWAGGER_PASSWORD=${made}\n` }, { exec: false });
    const leaks = run.findings.filter((f) => f.ruleId === 'security/committed-secret').map((f) => `${at([f])[0]} ${f.severity}`);
    expect(leaks).toEqual(['deploy/prod.env:1 critical']);
    expect(run.findings.filter((f) => f.ruleId === rule.id && f.messageId === 'templateValue')).toEqual([]);
  });
});

