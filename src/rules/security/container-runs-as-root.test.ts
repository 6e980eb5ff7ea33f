import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './container-runs-as-root.js';

const layout = { packages: [{ name: 'api', private: true }] };
const pkg = { 'package.json': '{"name":"api","private":true,"scripts":{"start":"node dist/main.js"}}' };
const single = (dockerfile: string, more: Record<string, string> = {}) => ({ layout, documents: { ...pkg, Dockerfile: dockerfile, ...more } });

const multiStage = [
  'FROM node:22-alpine AS build', //                      1
  'WORKDIR /app', //                                      2
  'COPY . .', //                                          3
  'RUN npm ci && npm run build', //                       4
  'USER node', //                                         5 (a build stage's user: not the final one's)
  'FROM node:22-alpine AS runner', //                     6
  'WORKDIR /app', //                                      7
  'COPY --from=build /app/dist ./dist', //                8
  'CMD ["node", "dist/main.js"]', //                      9
].join('\n');

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'the final stage sets USER node', ...single(multiStage.replace('CMD [', 'USER node\nCMD [')) },
    { name: 'the final stage derives from a stage that set USER node', ...single(['FROM node:22-alpine AS base', 'USER node', 'FROM base AS runner', 'CMD ["node", "dist/main.js"]'].join('\n')) },
    { name: 'a distroless :nonroot base', ...single(['FROM node:22 AS build', 'RUN npm ci', 'FROM gcr.io/distroless/nodejs22-debian12:nonroot', 'COPY --from=build /app /app', 'CMD ["dist/main.js"]'].join('\n')) },
    { name: 'a development Dockerfile is not the production image', layout, documents: { ...pkg, 'Dockerfile.dev': 'FROM node:22\nCMD ["npm", "run", "dev"]\n' }, outcomes: [{ status: 'not-applicable', package: null }] },
    { name: 'the entrypoint drops to the node user', ...single('FROM node:22-alpine\nRUN apk add su-exec\nENTRYPOINT ["./docker-entrypoint.sh"]\nCMD ["node", "dist/main.js"]\n', { 'docker-entrypoint.sh': '#!/bin/sh\nchown -R node /data\nexec su-exec node "$@"\n' }) },
    { name: 'a Kubernetes securityContext sets a non-root user', ...single('FROM node:22-alpine\nCMD ["node", "dist/main.js"]\n', { 'k8s/deployment.yaml': 'kind: Deployment\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n' }) },
    {
      name: 'two Dockerfiles in one folder and nothing says which ships: unknown, never a pass',
      layout, documents: { ...pkg, 'Dockerfile.api': 'FROM node:22\nCMD ["node", "a.js"]\n', 'Dockerfile.worker': 'FROM node:22\nCMD ["node", "w.js"]\n' },
      outcomes: [{ status: 'unknown', package: null }],
    },
    { name: 'a base image verdict does not know: unknown', ...single('FROM registry.example.com/base/node:22\nCMD ["node", "dist/main.js"]\n'), outcomes: [{ status: 'unknown', package: null }] },
  ],
  invalid: [
    { name: 'the final stage of a multi-stage build has no USER', ...single(multiStage), findings: [{ messageId: 'root', path: 'Dockerfile', line: 6, severity: 'medium' }] },
    { name: 'a single stage with USER root', ...single('FROM node:22-alpine\nUSER node\nRUN npm ci\nUSER root\nCMD ["node", "dist/main.js"]\n'), findings: [{ messageId: 'root', path: 'Dockerfile', line: 4 }] },
    {
      name: 'the Dockerfile the deploy config builds is judged, the other one is not',
      layout,
      documents: { ...pkg, 'fly.toml': 'app = "api"\n[build]\n  dockerfile = "deploy/Dockerfile.fly"\n', 'deploy/Dockerfile.fly': 'FROM node:20-slim\nCMD ["node", "dist/main.js"]\n', Dockerfile: 'FROM node:20-slim\nUSER root\nCMD ["node", "x.js"]\n' },
      findings: [{ messageId: 'root', path: 'deploy/Dockerfile.fly', line: 1 }],
    },
    {
      name: 'the folder\'s plain Dockerfile is the default image; its variants beside it are not judged',
      layout,
      documents: {
        ...pkg,
        Dockerfile: 'FROM node:22-alpine\nCMD ["node", "dist/main.js"]\n',
        'docs.Dockerfile': 'FROM nginx:1.27\n',
        'maildev.Dockerfile': 'FROM node:22\n',
        // A compose file of no known purpose that builds the mail catcher does not make it the production image.
        'docker-compose.document.yaml': 'services:\n  maildev:\n    build:\n      context: .\n      dockerfile: maildev.Dockerfile\n',
      },
      findings: [{ messageId: 'root', path: 'Dockerfile', line: 1 }],
    },
    {
      name: 'Dockerfiles a compose file outside development builds, a scratch image included',
      layout,
      documents: {
        ...pkg,
        'docker-compose.yml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: configs/server.Dockerfile\n  worker:\n    build:\n      context: .\n      dockerfile: configs/worker.Dockerfile\n',
        'configs/server.Dockerfile': 'FROM node:22-alpine\nUSER node\nCMD ["node", "dist/main.js"]\n',
        'configs/worker.Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /w\nFROM scratch\nCOPY --from=build /w /w\nENV USER=1000\nCMD ["/w"]\n',
      },
      findings: [{ messageId: 'root', path: 'configs/worker.Dockerfile', line: 3 }],
    },
  ],
});
