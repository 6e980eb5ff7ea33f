import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './dev-server-start.js';

const manifest = (scripts: Record<string, string>, dev: Record<string, string> = { nodemon: '^3.0.0' }) => JSON.stringify({
  name: 'api', private: true, scripts, dependencies: { express: '^4.19.0' }, devDependencies: dev,
}, null, 2);

const server = { 'src/index.js': "const express = require('express');\nexpress().listen(3000);\n" };

const dockerfile = [
  'FROM node:22-alpine',
  'WORKDIR /app',
  'COPY package*.json ./',
  'RUN npm ci --omit=dev',
  'COPY . .',
  'CMD ["npm", "start"]',
  '',
].join('\n');

describe('build/dev-server-start', () => {
  it('follows the Dockerfile CMD through the scripts to nodemon, high when the image leaves devDependencies out', async () => {
    const findings = await runRule(rule, {
      ...server,
      Dockerfile: dockerfile,
      'package.json': manifest({ start: 'npm run serve', serve: 'nodemon src/index.js' }),
    });
    // The production image's CMD is where the finding is; the chain through the scripts is the evidence.
    expect(at(findings)).toEqual(['Dockerfile:6']);
    expect(findings[0].severity).toBe('high');
    expect(findings[0].messageId).toBe('devServerOmitted');
    expect(findings[0].evidence.map((e) => (e.kind === 'file' ? `${e.path}:${e.line}` : e.kind))).toEqual(['Dockerfile:6', 'package.json:5', 'package.json:6', 'Dockerfile:4']);
  });

  it('stays silent when the start script runs the built code, and when the Dockerfile starts node itself', async () => {
    expect(await runRule(rule, { ...server, Dockerfile: dockerfile, 'package.json': manifest({ start: 'node src/index.js', dev: 'nodemon src/index.js' }) })).toEqual([]);
    const ownCmd = dockerfile.replace('CMD ["npm", "start"]', 'CMD ["node", "src/index.js"]');
    expect(await runRule(rule, { ...server, Dockerfile: ownCmd, 'package.json': manifest({ start: 'nodemon src/index.js' }) })).toEqual([]);
  });

  it('is high at the production image\'s CMD when the image runs the watcher (installed in the image)', async () => {
    const full = dockerfile.replace('npm ci --omit=dev', 'npm ci');
    const findings = await runRule(rule, { ...server, Dockerfile: full, 'package.json': manifest({ start: 'ts-node-dev --respawn src/index.ts' }, { 'ts-node-dev': '^2.0.0' }) });
    expect(findings.map((f) => [f.messageId, f.severity, `${f.location?.path}:${f.location?.line}`])).toEqual([['imageDevServer', 'high', 'Dockerfile:6']]);
  });

  it('follows `npm run start:dev` in the image to `nest start --watch`; a multi-stage image starting the build is silent', async () => {
    const nest = JSON.stringify({ name: 'api', private: true, scripts: { build: 'nest build', 'start:dev': 'nest start --watch', 'start:prod': 'node dist/main' }, dependencies: { '@nestjs/core': '^10.0.0' }, devDependencies: { '@nestjs/cli': '^10.0.0' } }, null, 2);
    const main = { 'src/main.ts': "import { NestFactory } from '@nestjs/core';\nasync function boot() { const app = await NestFactory.create({} as never); await app.listen(3000); }\nboot();\n" };
    const dev = await runRule(rule, { ...main, 'package.json': nest, Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["npm", "run", "start:dev"]\n' });
    expect(dev.map((f) => [f.messageId, f.severity, `${f.location?.path}:${f.location?.line}`])).toEqual([['imageDevServer', 'high', 'Dockerfile:5']]);
    expect(dev[0].message).toContain('nest start --watch');
    const built = 'FROM node:22-alpine AS build\nCOPY . .\nRUN npm ci && npm run build\nCMD ["npm", "run", "start:dev"]\nFROM node:22-alpine\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["npm", "run", "start:prod"]\n';
    expect(await runRule(rule, { ...main, 'package.json': nest, Dockerfile: built })).toEqual([]);
  });

  it('reads Procfile processes, and the start script when nothing else says how the service starts', async () => {
    const procfile = await runRule(rule, { ...server, Procfile: 'web: yarn start\n', 'package.json': manifest({ start: 'tsx watch src/index.ts' }, { tsx: '^4.0.0' }) });
    expect(procfile.map((f) => [f.location?.path, f.severity])).toEqual([['package.json', 'medium']]);
    expect(procfile[0].message).toContain('Procfile web');
    const fallback = await runRule(rule, { ...server, 'package.json': manifest({ start: 'nodemon src/index.js' }) });
    expect(at(fallback)).toEqual(['package.json:5']);
    expect(await runRule(rule, { ...server, 'package.json': manifest({ start: 'node src/index.js', dev: 'nodemon src/index.js' }) })).toEqual([]);
  });

  it('leaves development Dockerfiles and compose files alone', async () => {
    const dev = dockerfile.replace('CMD ["npm", "start"]', 'CMD ["npx", "nodemon", "src/index.js"]');
    const compose = 'services:\n  api:\n    build: .\n    command: npm run dev\n';
    expect(await runRule(rule, {
      ...server,
      Dockerfile: dockerfile,
      'Dockerfile.dev': dev,
      'docker-compose.dev.yml': compose,
      'package.json': manifest({ start: 'node src/index.js', dev: 'nodemon src/index.js' }),
    })).toEqual([]);
  });
});
