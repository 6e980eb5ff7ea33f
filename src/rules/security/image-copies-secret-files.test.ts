import { describe, expect, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule, { dockerIgnores } from './image-copies-secret-files.js';

const layout = { packages: [{ name: 'api', private: true }] };
const dockerfile = ['FROM node:22-alpine', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci --omit=dev', 'COPY . .', 'CMD ["node", "main.js"]'].join('\n');
const tree = (more: Record<string, string>) => ({ layout, documents: { 'package.json': '{"name":"api","private":true}', Dockerfile: dockerfile, ...more } });

describe('dockerIgnores', () => {
  it('reads patterns as Docker does: relative to the context root, `**` for any depth, the last match decides', () => {
    expect(dockerIgnores('.env', '.env')).toBe(true);
    expect(dockerIgnores('.env', 'config/.env')).toBe(false);
    expect(dockerIgnores('**/.env', 'config/.env')).toBe(true);
    expect(dockerIgnores('.env*\n!.env.example', '.env.production')).toBe(true);
    expect(dockerIgnores('.env*\n!.env.production', '.env.production')).toBe(false);
    expect(dockerIgnores('secrets/', 'secrets/server.key')).toBe(true);
    expect(dockerIgnores('*.key', 'certs/server.key')).toBe(false);
  });
});

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'a .dockerignore that excludes the env file', ...tree({ '.env': 'JWT_SECRET=abc\n', '.dockerignore': 'node_modules\n.env\n' }) },
    { name: 'no secret file in the context', ...tree({ '.env.example': 'JWT_SECRET=\n' }) },
    { name: 'only named files are copied', layout, documents: { 'package.json': '{}', Dockerfile: dockerfile.replace('COPY . .', 'COPY src ./src'), '.env': 'A=b\n' } },
    { name: 'COPY . . in a build stage the final image only copies dist from', layout, documents: { 'package.json': '{}', Dockerfile: 'FROM node:22 AS build\nCOPY . .\nRUN npm run build\nFROM node:22-slim\nCOPY --from=build /app/dist ./dist\n', '.env': 'A=b\n' } },
    { name: 'a development Dockerfile', layout, documents: { 'package.json': '{}', 'Dockerfile.dev': dockerfile, '.env': 'A=b\n' } },
  ],
  invalid: [
    { name: 'no .dockerignore and a committed .env', ...tree({ '.env': 'JWT_SECRET=abc\n' }), findings: [{ messageId: 'noIgnore', path: 'Dockerfile', line: 5, severity: 'high' }] },
    { name: 'a .dockerignore that leaves a key file in', ...tree({ '.dockerignore': 'node_modules\n.env\n', 'certs/server.key': 'x' }), findings: [{ messageId: 'notIgnored', path: 'Dockerfile', line: 5 }] },
  ],
});
