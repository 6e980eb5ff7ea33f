import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './tls-verification-off.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'verification on, with a CA', code: "import { Pool } from 'pg';\nconst pool = new Pool({ ssl: { rejectUnauthorized: true, ca: process.env.DB_CA } });" },
    { name: 'an ssl key in a file that imports no client taking TLS options there', code: "import { makeThing } from './thing';\nmakeThing({ ssl: { rejectUnauthorized: false } });" },
    { name: 'a rejectUnauthorized option of an unknown call', code: "import { check } from './validate';\ncheck({ rejectUnauthorized: false });" },
    { name: 'mongodb switches in a file without mongodb', code: 'const opts = { tlsAllowInvalidCertificates: true };' },
    { name: 'the env variable set to 1, or read', code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';\nif (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') warn();" },
    { name: 'a local object named process', code: "const process = { env: {} as Record<string, string> };\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';" },
  ],
  invalid: [
    {
      name: 'TypeORM extra.ssl assigned after the options object',
      code: "import { createConnection } from 'typeorm';\nconst options: any = { type: 'postgres', extra: {} };\noptions.extra.ssl = {\n  rejectUnauthorized: false,\n};\ncreateConnection(options);",
      errors: [{ messageId: 'option', line: 4, severity: 'medium' }],
    },
    {
      name: 'pg and mysql2 ssl options',
      code: "import { Pool } from 'pg';\nimport mysql from 'mysql2/promise';\nconst pool = new Pool({ connectionString: url, ssl: { rejectUnauthorized: false } });",
      errors: [{ messageId: 'option', line: 3 }],
    },
    {
      name: 'an https Agent for axios, through require and a named import',
      code: "const https = require('https');\nimport { Agent } from 'node:https';\nconst a = new https.Agent({ rejectUnauthorized: false });\nconst b = new Agent({ keepAlive: true, rejectUnauthorized: false });",
      errors: [{ messageId: 'option', line: 3 }, { messageId: 'option', line: 4 }],
    },
    {
      name: 'mongoose told to accept any certificate',
      code: "import mongoose from 'mongoose';\nawait mongoose.connect(url, { tls: true, tlsAllowInvalidCertificates: true });",
      errors: [{ messageId: 'option', line: 2 }],
    },
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED set to 0',
      code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nprocess.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';",
      errors: [{ messageId: 'env', line: 1 }, { messageId: 'env', line: 2 }],
    },
  ],
});
