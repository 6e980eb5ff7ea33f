import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './secret-in-log.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'an identifier, not the value', code: "console.log(`user ${user.id} logged in`);" },
    { name: 'a constant message about a token', code: "console.warn('token expired');" },
    { name: 'a name about a secret, not the secret', code: "console.info({ tokenLength: token.length, emailVerified: true });" },
    { name: 'a call that is no log (a local named console is not the global)', code: "const console = { log: (x: unknown) => x };\nconsole.log(password);" },
    { name: 'a method named info on something that is no logger', code: "import { api } from './api';\napi.info(password);" },
    { name: 'only the host of the connection URL', code: "import { Pool } from 'pg';\nconst url = process.env.DATABASE_URL;\nconst pool = new Pool({ connectionString: url });\nconsole.log('db at', new URL(url).host);" },
    { name: 'a redacted connection URL', code: "import mongoose from 'mongoose';\nconst uri = process.env.MONGO_URI;\nawait mongoose.connect(uri);\nconsole.log(`Connecting to ${redact(uri)}`);" },
    { name: 'a constant message', code: "import mongoose from 'mongoose';\nawait mongoose.connect(process.env.MONGO_URI);\nconsole.log('connected');" },
    { name: 'a setting that is neither a secret nor given to a client', code: "console.log('mode', process.env.NODE_ENV, process.env.PORT);" },
    { name: 'the database host, which the client takes but is no credential', code: "import { Pool } from 'pg';\nconst pool = new Pool({ host: process.env.PGHOST, password: process.env.PGPASSWORD });\nconsole.log('db host', process.env.PGHOST);" },
    { name: 'a log of the environment in a script is not judged', path: 'scripts/debug.ts', code: "console.log(process.env);" },
    { name: 'a local named process is not the global', code: "const process = { env: {} };\nconsole.log(process.env);" },
  ],
  invalid: [
    {
      name: 'a connection URL the file hands to pg, logged as is',
      code: "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\nconsole.log('DB', process.env.DATABASE_URL);",
      errors: [{ messageId: 'credential', line: 3, severity: 'high', data: { name: '`DATABASE_URL`', use: 'the pg connection', useLine: 2 } }],
    },
    {
      name: 'a connection URL in a template, through the const that holds it, given to mongoose',
      code: "import mongoose from 'mongoose';\nconst mongoUri = process.env.MONGO_URI as string;\nconsole.log(`Connecting to ${mongoUri}`);\nawait mongoose.connect(mongoUri);",
      errors: [{ messageId: 'credential', line: 3, severity: 'high', data: { name: '`MONGO_URI`', useLine: 4 } }],
    },
    {
      name: 'a config object logged whole, holding the key a JWT signer uses (named like nothing secret)',
      code: "import pino from 'pino';\nimport jwt from 'jsonwebtoken';\nconst logger = pino();\nconst config = { port: 3000, signing: process.env.AUTH_KEY_MATERIAL };\nlogger.info({ config }, 'starting');\nexport const issue = (id: string) => jwt.sign({ sub: id }, config.signing, { expiresIn: '1h' });",
      errors: [{ messageId: 'credential', line: 5, severity: 'high', data: { name: '`AUTH_KEY_MATERIAL`', use: 'the jsonwebtoken signing key' } }],
    },
    {
      name: 'an API key given to a vendor SDK, logged under a neutral name',
      code: "import Stripe from 'stripe';\nconst billing = process.env.BILLING_CRED!;\nexport const stripe = new Stripe(billing);\nconsole.debug('billing with', billing);",
      errors: [{ messageId: 'credential', line: 4, data: { use: 'the stripe API key' } }],
    },
    {
      name: 'a value sent in an Authorization header, logged',
      code: "const search = process.env.SEARCH_CRED;\nexport const find = (q: string) => fetch(`https://search.internal/?q=${q}`, { headers: { Authorization: `Bearer ${search}` } });\nconsole.log({ search });",
      errors: [{ messageId: 'credential', line: 3, data: { use: 'the fetch Authorization header' } }],
    },
    {
      name: 'the password given to sequelize in its long form',
      code: "import { Sequelize } from 'sequelize';\nexport const db = new Sequelize('app', 'app', process.env.DB_PASS_VALUE, { dialect: 'postgres' });\nconsole.log('pw', process.env.DB_PASS_VALUE);",
      errors: [{ messageId: 'credential', line: 3, data: { use: 'the sequelize connection' } }],
    },
    {
      name: 'the whole environment',
      code: "console.log(process.env);\nconsole.log('env', JSON.stringify({ ...process.env }));",
      errors: [{ messageId: 'environment', line: 1, severity: 'high' }, { messageId: 'environment', line: 2 }],
    },
    {
      name: 'a connection string the file does not hand to a client: judged by its name, medium',
      code: "console.log('DB', process.env.DATABASE_URL);",
      errors: [{ messageId: 'connectionString', line: 1, severity: 'medium', data: { name: '`DATABASE_URL`' } }],
    },
    {
      name: 'a password logged with console',
      code: "export function login(req) {\n  console.log('login attempt', req.body.password);\n}",
      errors: [{ messageId: 'logged', line: 2, severity: 'medium', data: { name: '`password`', kind: 'secret' } }],
    },
    {
      name: 'an email list in a fastify request log, through JSON.stringify in a template',
      code: "req.log.warn(`Invalid user: ${JSON.stringify(emails)}`);",
      errors: [{ messageId: 'logged', line: 1, data: { method: 'req.log.warn', name: '`emails`', kind: 'personal data' } }],
    },
    {
      name: 'a token in an object given to a pino logger',
      code: "import pino from 'pino';\nconst logger = pino();\nlogger.info({ user: id, accessToken: session.accessToken }, 'signed in');",
      errors: [{ messageId: 'logged', line: 3, data: { name: '`accessToken`' } }],
    },
  ],
});
