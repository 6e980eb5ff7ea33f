import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './compose-datastore-exposed.js';

const pkg = { 'package.json': '{"name":"api","private":true,"scripts":{"start":"node server.js"}}' };

const prodCompose = [
  'services:', //                                         1
  '  api:', //                                            2
  '    build: .', //                                      3
  '    restart: unless-stopped', //                       4
  '  db:', //                                             5
  '    image: postgres:16-alpine', //                     6
  '    environment:', //                                  7
  '      POSTGRES_USER: app', //                          8
  '      POSTGRES_PASSWORD: postgres', //                 9
  '    ports:', //                                        10
  '      - "5432:5432"', //                               11
  '  cache:', //                                          12
  '    image: redis:7', //                                13
  '    ports:', //                                        14
  '      - 6379:6379', //                                 15
  '',
].join('\n');

const fixedCompose = [
  'services:',
  '  api:',
  '    build: .',
  '    restart: unless-stopped',
  '  db:',
  '    image: postgres:16-alpine',
  '    environment:',
  '      POSTGRES_USER: app',
  '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}',
  '    ports:',
  '      - "127.0.0.1:5432:5432"',
  '  cache:',
  '    image: redis:7',
  '    command: redis-server --requirepass ${REDIS_PASSWORD}',
  '    expose:',
  '      - "6379"',
  '',
].join('\n');

describe('security/compose-datastore-exposed', () => {
  it('reports a published port with a committed password or none as high, and the literal password, in a production compose file', async () => {
    const findings = await runRule(rule, { ...pkg, 'docker-compose.prod.yml': prodCompose });
    expect(at(findings).sort()).toEqual(['docker-compose.prod.yml:11', 'docker-compose.prod.yml:15', 'docker-compose.prod.yml:9']);
    expect(findings.filter((f) => f.messageId === 'published').map((f) => f.severity)).toEqual(['high', 'high']);
    expect(findings.find((f) => f.messageId === 'literalPassword')?.severity).toBe('medium');
    expect(findings.find((f) => f.location?.line === 15)?.message).toContain('without authentication');
  });

  it('stays silent on the fixed file: loopback-only port, password from the environment, Redis not published', async () => {
    expect(await runRule(rule, { ...pkg, 'docker-compose.prod.yml': fixedCompose })).toEqual([]);
  });

  it('a published port whose password comes from the environment is medium, not high', async () => {
    const text = fixedCompose.replace('"127.0.0.1:5432:5432"', '"5432:5432"');
    const findings = await runRule(rule, { ...pkg, 'compose.production.yaml': text });
    expect(findings.map((f) => [f.messageId, f.severity, f.location?.line])).toEqual([['published', 'medium', 11]]);
  });

  it('says nothing about a development compose file, and only low about one not known to be production', async () => {
    expect(await runRule(rule, { ...pkg, 'docker-compose.dev.yml': prodCompose, 'docker-compose.test.yml': prodCompose })).toEqual([]);
    const plain = await runRule(rule, { ...pkg, 'docker-compose.yml': prodCompose });
    expect(plain.map((f) => f.severity)).toEqual(['low', 'low', 'low']);
  });

  it('takes a plain docker-compose.yml as production when the deploy job runs it', async () => {
    const workflow = [
      'on: { push: { branches: [main] } }',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    environment: production',
      '    steps:',
      '      - run: ssh prod "cd app && docker compose -f docker-compose.yml up -d"',
      '',
    ].join('\n');
    const findings = await runRule(rule, { ...pkg, 'docker-compose.yml': prodCompose, '.github/workflows/deploy.yml': workflow });
    expect(findings.filter((f) => f.severity === 'high').length).toBe(2);
    expect(findings[0].message).toContain('.github/workflows/deploy.yml');
  });

  it('takes the base file a production override extends as production', async () => {
    const scripts = '{"name":"api","private":true,"scripts":{"docker:prod":"docker compose -f docker-compose.yml -f docker-compose.prod.yml up","docker:dev":"docker compose -f docker-compose.yml -f docker-compose.dev.yml up"}}';
    const override = 'services:\n  api:\n    command: yarn start\n';
    const findings = await runRule(rule, { 'package.json': scripts, 'docker-compose.yml': prodCompose, 'docker-compose.prod.yml': override, 'docker-compose.dev.yml': override });
    expect(findings.filter((f) => f.severity === 'high').map((f) => f.location?.line)).toEqual([11, 15]);
    expect(findings[0].message).toContain('docker:prod');
    // Run only with a development override, the same base stays low.
    const devOnly = scripts.replace('docker-compose.prod.yml', 'docker-compose.local.yml');
    expect((await runRule(rule, { 'package.json': devOnly, 'docker-compose.yml': prodCompose, 'docker-compose.dev.yml': override })).map((f) => f.severity)).toEqual(['low', 'low', 'low']);
  });
});

describe('security/compose-datastore-exposed: a compose file it cannot read', () => {
  it('is unknown naming the file, not "no compose file" or a pass', async () => {
    const { auditFiles } = await import('../../../test/helpers/repo.js');
    const run = await auditFiles({ ...pkg, 'docker-compose.prod.yml': 'services:\n  db:\n    image: postgres:16\n    ports: [5432:5432\n' }, { rules: [rule] });
    const outcome = run.outcomes.find((o) => o.ruleId === rule.id);
    expect(outcome?.status).toBe('unknown');
    expect(outcome?.reason).toContain('docker-compose.prod.yml');
  });

  it('a deploy doc makes a compose file production where it runs it (a compose command naming its path), not where prose names a file of that name', async () => {
    const files = (doc: string) => ({ ...pkg, 'docker-compose.yml': prodCompose, 'infra/docker-compose.yml': prodCompose, 'docs/deploy.md': doc });
    const run = await runRule(rule, files('# Deploy\n\n```sh\ndocker compose -f infra/docker-compose.yml up -d\n```\n'));
    const high = run.filter((f) => f.severity === 'high').map((f) => at([f])[0]);
    expect(high).toEqual(['infra/docker-compose.yml:11', 'infra/docker-compose.yml:15']);
    // "edit the docker-compose.yml file": prose, which may mean a file a setup script writes elsewhere.
    const prose = await runRule(rule, files('# Deploy\n\nTo pin versions, edit the `docker-compose.yml` file and restart.\n'));
    expect(prose.filter((f) => f.severity === 'high')).toEqual([]);
  });
});
