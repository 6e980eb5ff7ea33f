import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './insecure-cookie.js';

// `secure` computed from the environment, judged with what the deployment sets (or NODE_ENV's convention).
const handler = (secure: string) => [
  "import express from 'express';",
  'const app = express();',
  "app.post('/login', (req, res) => {",
  `  res.cookie('session', token, { httpOnly: true, secure: ${secure} });`,
  '});',
].join('\n');

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "secure in production, and the Dockerfile sets NODE_ENV=production", path: 'src/app.ts', code: handler("process.env.NODE_ENV === 'production'"), files: { Dockerfile: 'FROM node:20\nENV NODE_ENV=production\nCMD ["node", "dist/app.js"]\n' } },
    { name: "secure in production, nothing sets NODE_ENV: production runs with NODE_ENV=production by convention", path: 'src/app.ts', code: handler("process.env.NODE_ENV === 'production'") },
    { name: 'secure unless development', path: 'src/app.ts', code: handler("process.env.NODE_ENV !== 'development'") },
    { name: "'prod', and the compose file sets NODE_ENV=prod", path: 'src/app.ts', code: handler("process.env.NODE_ENV === 'prod'"), files: { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      NODE_ENV: prod\n' } },
    { name: 'a switch on by default', path: 'src/app.ts', code: handler("process.env.COOKIE_INSECURE !== 'true'") },
  ],
  invalid: [
    {
      name: "'PRODUCTION' while the Dockerfile sets NODE_ENV=production: never secure",
      path: 'src/app.ts',
      code: handler("process.env.NODE_ENV === 'PRODUCTION'"),
      files: { Dockerfile: 'FROM node:20\nENV NODE_ENV=production\nCMD ["node", "dist/app.js"]\n' },
      errors: [{ messageId: 'secureEnvOff', line: 4, severity: 'low' }],
    },
    {
      name: "'prod' through a const, and fly.toml sets production",
      path: 'src/app.ts',
      code: ["const isProd = process.env.NODE_ENV === 'prod';", handler('isProd')].join('\n'),
      files: { 'fly.toml': 'app = "x"\n\n[env]\n  NODE_ENV = "production"\n' },
      errors: [{ messageId: 'secureEnvOff', line: 5, severity: 'low' }],
    },
    {
      name: "'prod' and nothing sets NODE_ENV: off under the convention",
      path: 'src/app.ts',
      code: handler("process.env.NODE_ENV === 'prod'"),
      errors: [{ messageId: 'secureEnvOff', line: 4, severity: 'low' }],
    },
    {
      name: 'a variable with no convention that nothing sets: not verified',
      path: 'src/app.ts',
      code: handler("process.env.COOKIE_SECURE === 'true'"),
      errors: [{ messageId: 'secureEnvUnknown', line: 4, severity: 'info' }],
    },
  ],
});
