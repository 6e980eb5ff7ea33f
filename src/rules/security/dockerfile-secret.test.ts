// Secrets set as literals by ENV/ARG: in the image's layers and history for everyone who pulls it.
import { describe, expect, it } from 'vitest';
import { auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './dockerfile-secret.js';

const PKG = '{"name":"svc","main":"index.js"}';

describe('security/dockerfile-secret', () => {
  it('reports a literal secret set by ENV or ARG (either syntax, continuation lines), masked, at its line', async () => {
    const findings = await runRule(rule, {
      'package.json': PKG,
      'index.js': 'console.log(process.env.JWT_SECRET);\n',
      'docker/api.Dockerfile': [
        'FROM node:22-alpine',
        'WORKDIR /app',
        'ENV NODE_ENV=production \\',
        '    JWT_SECRET="k7Qw9zLm2Pq8Rt"',
        'ARG STRIPE_API_KEY=rk_live_51Hq2AbCdEf9',
        'ENV SESSION_SECRET s3ss10n-Sh4red-V4lue',
        'CMD ["node", "index.js"]',
      ].join('\n'),
    });
    expect(findings.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual([
      'high docker/api.Dockerfile:3', 'high docker/api.Dockerfile:5', 'high docker/api.Dockerfile:6',
    ]);
    expect(findings[0].message).toContain('JWT_SECRET');
    expect(JSON.stringify(findings)).not.toContain('k7Qw9zLm2Pq8Rt');
  });

  it('is silent for values passed in at build or run time, placeholders, secret-free names and ARGs with no default', async () => {
    const run = await auditFiles({
      'package.json': PKG,
      'Dockerfile': [
        'FROM node:22-alpine',
        'ARG NPM_TOKEN',
        'ENV JWT_SECRET=$JWT_SECRET API_KEY=${API_KEY}',
        'ENV SESSION_SECRET=changeme',
        'ENV DB_PASSWORD=your-password-here',
        'ENV PASSWORD_MIN_LENGTH=12 TOKEN_HEADER=x-api-token',
        'ENV NODE_ENV=production PORT=3000',
      ].join('\n'),
    }, { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === rule.id)).toMatchObject({ status: 'pass', reason: expect.stringContaining('1 Dockerfile(s), 5 secret-named') });
  });

  it('one finding per instruction; build-time dummy values and stages the final image does not derive from are not the image\'s secrets', async () => {
    const findings = await runRule(rule, {
      'package.json': PKG,
      'Dockerfile': [
        'FROM node:22 AS builder',
        'ENV STRIPE_SECRET_KEY="test" RESEND_API_KEY="test" CRON_SECRET="b7Kq2mZx9PwL4v"',
        'RUN npm run build',
        'FROM node:22-slim AS runner',
        'COPY --from=builder /app/dist ./dist',
        'ENV API_KEY=Zq8v3LmP0wT5xR AUTH_SECRET=n4Hd8sKq1Lz7Wy UNKEY_TOKEN=test',
        'CMD ["node", "dist/index.js"]',
      ].join('\n'),
    });
    expect(findings.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['high Dockerfile:6']);
    expect(findings[0].message).toContain('2 secrets (API_KEY, AUTH_SECRET)');
    // A stage derived by name ships: its ENV is in the final image.
    const derived = await runRule(rule, { 'package.json': PKG, 'Dockerfile': 'FROM node:22 AS base\nENV JWT_SECRET=k7Qw9zLm2Pq8Rt\nFROM base AS runner\nCMD ["node"]\n' });
    expect(derived.map((f) => f.location?.line)).toEqual([2]);
  });

  it('rates a database image\'s default password and a development Dockerfile below high (look-alikes of the release secret)', async () => {
    const findings = await runRule(rule, {
      'package.json': PKG,
      'db/Dockerfile': 'FROM postgres:16\nENV POSTGRES_PASSWORD=postgres\n',
      'Dockerfile.dev': 'FROM node:22\nENV JWT_SECRET=k7Qw9zLm2Pq8Rt\n',
    });
    expect(findings.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['medium db/Dockerfile:2', 'medium Dockerfile.dev:2']);
  });
});
