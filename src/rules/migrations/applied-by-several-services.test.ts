import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './applied-by-several-services.js';

const manifest = JSON.stringify({ name: 'api', private: true, scripts: { start: 'npm run migrate && node dist/main.js', migrate: 'prisma migrate deploy', worker: 'node dist/worker.js' } }, null, 2);
const layout = { packages: [{ name: 'api', private: true, scripts: { start: 'npm run migrate && node dist/main.js', migrate: 'prisma migrate deploy', worker: 'node dist/worker.js' } }] };
const dockerfile = 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD ["npm", "start"]\n';

const racing = [
  'services:', //                                              1
  '  api:', //                                                 2
  '    build: .', //                                           3
  '  worker:', //                                              4
  '    build: .', //                                           5
  '    command: sh -c "npx prisma migrate deploy && npm run worker"', // 6
  '',
].join('\n');

const oneShot = [
  'services:',
  '  migrate:',
  '    build: .',
  '    command: npx prisma migrate deploy',
  '  api:',
  '    build: .',
  '    command: node dist/main.js',
  '    depends_on:',
  '      migrate:',
  '        condition: service_completed_successfully',
  '  worker:',
  '    build: .',
  '    command: npm run worker',
  '    depends_on:',
  '      migrate:',
  '        condition: service_completed_successfully',
  '',
].join('\n');

const docs = (compose: Record<string, string>) => ({ layout, documents: { 'package.json': manifest, Dockerfile: dockerfile, ...compose } });

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'a one-shot migrate service the others wait for', ...docs({ 'docker-compose.prod.yml': oneShot }) },
    { name: 'one service applies them', ...docs({ 'docker-compose.prod.yml': 'services:\n  api:\n    build: .\n  db:\n    image: postgres:16\n' }) },
    { name: 'a development compose file', ...docs({ 'docker-compose.dev.yml': racing }) },
  ],
  invalid: [
    {
      name: 'the API (through the image CMD and npm start) and the worker (its command) both migrate at start',
      ...docs({ 'docker-compose.prod.yml': racing }),
      findings: [{ messageId: 'several', path: 'docker-compose.prod.yml', line: 4, severity: 'medium', data: { runner: 'prisma' } }],
    },
    {
      name: 'one service with replicas, each migrating',
      ...docs({ 'docker-compose.prod.yml': 'services:\n  api:\n    build: .\n    deploy:\n      replicas: 3\n' }),
      findings: [{ messageId: 'replicas', path: 'docker-compose.prod.yml', line: 2 }],
    },
    {
      name: 'an entrypoint script that migrates, then runs the CMD, in two services',
      layout,
      documents: {
        'package.json': manifest,
        Dockerfile: 'FROM node:22-alpine\nCOPY . .\nENTRYPOINT ["./docker-entrypoint.sh"]\nCMD ["node", "dist/main.js"]\n',
        'docker-entrypoint.sh': '#!/bin/sh\nset -e\nnpx knex migrate:latest\nexec "$@"\n',
        'docker-compose.yml': 'services:\n  api:\n    build: .\n  worker:\n    build: .\n    command: node dist/worker.js\n',
      },
      findings: [{ messageId: 'several', path: 'docker-compose.yml', line: 4, severity: 'low', data: { runner: 'knex' } }],
    },
  ],
});
