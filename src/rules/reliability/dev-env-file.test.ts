import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './dev-env-file.js';

const TEMPLATE = "import dotenv from 'dotenv';\ndotenv.config({\n  path: `.env.${process.env.NODE_ENV || 'development'}`,\n});";

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'the default .env', code: "import dotenv from 'dotenv';\ndotenv.config();\ndotenv.config({ path: '.env' });" },
    { name: 'a production file', code: "import { config } from 'dotenv';\nconfig({ path: '.env.production' });" },
    { name: 'a file per environment where the Dockerfile sets NODE_ENV=production', code: TEMPLATE, files: { Dockerfile: 'FROM node:20\nENV NODE_ENV=production\n' } },
    { name: 'a file per environment with no development default', code: "import dotenv from 'dotenv';\ndotenv.config({ path: `.env.${process.env.NODE_ENV}` });" },
    { name: 'a development file loaded by a script', path: 'scripts/seed.ts', code: "import dotenv from 'dotenv';\ndotenv.config({ path: '.env.development' });" },
    { name: 'a config() of another library', code: "import { config } from './settings';\nconfig({ path: '.env.development' });" },
  ],
  invalid: [
    {
      name: 'the development file, fixed, through require and path.resolve',
      code: "const dotenv = require('dotenv');\nconst path = require('path');\ndotenv.config({ path: path.resolve(__dirname, '../.env.development') });",
      errors: [{ messageId: 'fixed', line: 3, severity: 'medium' }],
    },
    {
      name: 'a file per environment, development unless NODE_ENV is set, and nothing sets it',
      code: TEMPLATE,
      errors: [{ messageId: 'byDefault', line: 3, severity: 'medium', data: { file: '.env.development' } }],
    },
    {
      name: 'a compose file of development setting NODE_ENV does not count',
      code: TEMPLATE,
      files: { 'docker-compose.dev.yml': 'services:\n  api:\n    build: .\n    environment:\n      NODE_ENV: production\n' },
      errors: [{ messageId: 'byDefault', line: 3 }],
    },
  ],
});
