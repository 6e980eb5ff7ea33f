import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './production-compose-app.js';

const pkg = { 'package.json': '{"name":"api","private":true,"scripts":{"start":"node server.js"}}' };

const broken = [
  'services:', //                        1
  '  api:', //                           2
  '    build: .', //                     3
  '    environment:', //                 4
  '      - NODE_ENV=development', //     5
  '      - PORT=3000', //                6
  '  worker:', //                        7
  '    build: .', //                     8
  '    restart: "no"', //                9
  '  db:', //                            10
  '    image: postgres:16', //           11
  '',
].join('\n');

const fixed = [
  'services:',
  '  api:',
  '    build: .',
  '    restart: unless-stopped',
  '    environment:',
  '      NODE_ENV: production',
  '  worker:',
  '    build: .',
  '    deploy:',
  '      restart_policy:',
  '        condition: on-failure',
  '  db:',
  '    image: postgres:16',
  '',
].join('\n');

describe('reliability/production-compose-app', () => {
  it('reports the app service without a restart policy, with `restart: no`, and with NODE_ENV=development', async () => {
    const findings = await runRule(rule, { ...pkg, 'docker-compose.prod.yml': broken });
    expect(at(findings).sort()).toEqual(['docker-compose.prod.yml:2', 'docker-compose.prod.yml:5', 'docker-compose.prod.yml:9']);
    expect(findings.map((f) => f.messageId).sort()).toEqual(['devEnvironment', 'noRestart', 'restartNo']);
  });

  it('stays silent on the fixed file, and on development compose files', async () => {
    expect(await runRule(rule, { ...pkg, 'docker-compose.prod.yml': fixed })).toEqual([]);
    expect(await runRule(rule, { ...pkg, 'docker-compose.dev.yml': broken, 'docker-compose.yml': broken })).toEqual([]);
  });
});

describe('reliability/production-compose-app: a compose file it cannot read', () => {
  it('is unknown naming the file, not "no compose file known to be the production one"', async () => {
    const { auditFiles } = await import('../../../test/helpers/repo.js');
    const run = await auditFiles({ 'package.json': '{"name":"api","private":true,"scripts":{"start":"node server.js"}}', 'docker-compose.prod.yml': 'services:\n  api:\n    build: .\n    ports: [3000:3000\n' }, { rules: [rule] });
    const outcome = run.outcomes.find((o) => o.ruleId === rule.id);
    expect(outcome?.status).toBe('unknown');
    expect(outcome?.reason).toContain('docker-compose.prod.yml');
  });
});
