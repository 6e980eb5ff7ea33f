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
    // "serve" is line 6 of the manifest ({, name, private, scripts: {, start, serve).
    expect(at(findings)).toEqual(['package.json:6']);
    expect(findings[0].severity).toBe('high');
    expect(findings[0].messageId).toBe('devServerOmitted');
    expect(findings[0].evidence.map((e) => (e.kind === 'file' ? `${e.path}:${e.line}` : e.kind))).toEqual(['Dockerfile:6', 'package.json:5', 'package.json:6', 'Dockerfile:4']);
  });

  it('stays silent when the start script runs the built code, and when the Dockerfile starts node itself', async () => {
    expect(await runRule(rule, { ...server, Dockerfile: dockerfile, 'package.json': manifest({ start: 'node src/index.js', dev: 'nodemon src/index.js' }) })).toEqual([]);
    const ownCmd = dockerfile.replace('CMD ["npm", "start"]', 'CMD ["node", "src/index.js"]');
    expect(await runRule(rule, { ...server, Dockerfile: ownCmd, 'package.json': manifest({ start: 'nodemon src/index.js' }) })).toEqual([]);
  });

  it('is medium when the tool is installed in the image (a dependency, or a full install)', async () => {
    const full = dockerfile.replace('npm ci --omit=dev', 'npm ci');
    const findings = await runRule(rule, { ...server, Dockerfile: full, 'package.json': manifest({ start: 'ts-node-dev --respawn src/index.ts' }, { 'ts-node-dev': '^2.0.0' }) });
    expect(findings.map((f) => [f.messageId, f.severity])).toEqual([['devServer', 'medium']]);
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
