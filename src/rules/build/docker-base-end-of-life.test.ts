import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './docker-base-end-of-life.js';

const layout = { packages: [{ name: 'api', private: true }] };
const pkg = { 'package.json': '{"name":"api","private":true}' };
const today = '2026-12-07';
const image = (dockerfile: string, day = today, more: Record<string, string> = {}) => ({ layout, today: day, documents: { ...pkg, Dockerfile: dockerfile, ...more } });

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'a maintained LTS', ...image('FROM node:22-alpine\nCMD ["node", "main.js"]\n') },
    { name: 'Node 18 before its end of life (judged against the audit date)', ...image('FROM node:18-alpine\nCMD ["node", "main.js"]\n', '2025-04-29') },
    { name: 'an old build stage whose output runs on a maintained one', ...image('FROM node:16 AS build\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app /app\n') },
    { name: 'a development Dockerfile', layout, today, documents: { ...pkg, 'Dockerfile.dev': 'FROM node:14\n' } },
    { name: 'a tag without a version says nothing', ...image('FROM node:lts-alpine\n') },
    { name: 'a distroless image named for a maintained major', ...image('FROM gcr.io/distroless/nodejs22-debian12\n') },
  ],
  invalid: [
    { name: 'node:18-alpine after 2025-04-30', ...image('FROM node:18-alpine\nWORKDIR /app\nCMD ["node", "main.js"]\n'), findings: [{ messageId: 'endOfLife', path: 'Dockerfile', line: 1, severity: 'medium', data: { major: '18', since: '2025-04-30' } }] },
    { name: 'the final stage of a multi-stage build, through a build argument', ...image('ARG NODE_VERSION=16\nFROM node:22 AS build\nRUN npm ci\nFROM node:${NODE_VERSION}-slim AS runner\nCMD ["node", "main.js"]\n'), findings: [{ messageId: 'endOfLife', path: 'Dockerfile', line: 4, data: { major: '16', since: '2023-09-11' } }] },
    { name: 'a codename tag and a distroless name', ...image('FROM node:fermium-alpine\n', today, { 'worker/Dockerfile': 'FROM gcr.io/distroless/nodejs20-debian11\n' }), findings: [{ messageId: 'endOfLife', path: 'Dockerfile', line: 1, data: { major: '14' } }, { messageId: 'endOfLife', path: 'worker/Dockerfile', line: 1, data: { major: '20' } }] },
  ],
});
