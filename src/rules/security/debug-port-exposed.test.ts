import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './debug-port-exposed.js';

const layoutWith = (scripts: Record<string, string>) => ({ packages: [{ name: 'api', private: true, path: '.', manifestPath: 'package.json', scripts, dependencies: { express: '^4' } }] });
const docs = (scripts: Record<string, string>, more: Record<string, string>) => ({ layout: layoutWith(scripts), documents: { 'package.json': JSON.stringify({ name: 'api', private: true, scripts }, null, 2), ...more } });

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'the inspector on loopback in the image', ...docs({ start: 'node dist/main.js' }, { Dockerfile: 'FROM node:22-alpine\nCMD ["node", "--inspect", "dist/main.js"]\n' }) },
    { name: 'a port-only inspector binds 127.0.0.1', ...docs({ start: 'node --inspect=9229 dist/main.js' }, { Dockerfile: 'FROM node:22-alpine\nCMD ["npm", "start"]\n' }) },
    { name: 'a public inspector in a dev script only', ...docs({ start: 'node dist/main.js', debug: 'node --inspect=0.0.0.0:9229 dist/main.js' }, { Dockerfile: 'FROM node:22-alpine\nCMD ["npm", "start"]\n' }) },
    { name: 'a public inspector in the development Dockerfile', ...docs({ start: 'node dist/main.js' }, { Dockerfile: 'FROM node:22-alpine\nCMD ["npm", "start"]\n', 'Dockerfile.dev': 'FROM node:22\nCMD ["node", "--inspect=0.0.0.0:9229", "src/main.js"]\n' }) },
    { name: 'a development compose file', ...docs({ start: 'node dist/main.js' }, { 'docker-compose.dev.yml': 'services:\n  api:\n    build: .\n    command: node --inspect=0.0.0.0 dist/main.js\n    ports: ["9229:9229"]\n' }) },
  ],
  invalid: [
    {
      name: 'the image CMD opens the inspector on every interface, with the port exposed',
      ...docs({ start: 'node dist/main.js' }, { Dockerfile: 'FROM node:22-alpine\nEXPOSE 3000 9229\nCMD ["node", "--inspect=0.0.0.0:9229", "dist/main.js"]\n' }),
      findings: [{ messageId: 'publicInspector', path: 'Dockerfile', line: 3, severity: 'high' }],
    },
    {
      name: 'the start script the image runs',
      ...docs({ start: 'node --inspect-brk=0.0.0.0 dist/main.js' }, { Dockerfile: 'FROM node:22-alpine\nCMD ["npm", "start"]\n' }),
      findings: [{ messageId: 'publicInspector', path: 'package.json', line: 5, severity: 'high' }],
    },
    {
      name: 'NODE_OPTIONS in the image',
      ...docs({ start: 'node dist/main.js' }, { Dockerfile: 'FROM node:22-alpine\nENV NODE_ENV=production NODE_OPTIONS="--inspect=0.0.0.0:9229"\nCMD ["node", "dist/main.js"]\n' }),
      findings: [{ messageId: 'publicInspector', path: 'Dockerfile', line: 2 }],
    },
    {
      name: 'a production compose command, and a host from a variable',
      ...docs({ start: 'node dist/main.js' }, { 'docker-compose.prod.yml': 'services:\n  api:\n    build: .\n    command: node --inspect=$INSPECT_HOST dist/main.js\n' }),
      findings: [{ messageId: 'variableInspector', path: 'docker-compose.prod.yml', line: 4, severity: 'medium' }],
    },
  ],
});
