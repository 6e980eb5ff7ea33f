import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './db-connect-failure-ignored.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'the failure exits the process', code: "import mongoose from 'mongoose';\nmongoose.connect(url).catch((err) => {\n  console.error(err);\n  process.exit(1);\n});" },
    { name: 'the failure is rethrown', code: "import { createConnection } from 'typeorm';\ntry {\n  await createConnection(opts);\n} catch (e) {\n  logger.error(e);\n  throw e;\n}" },
    { name: 'a handler calling something verdict cannot see into', code: "import mongoose from 'mongoose';\nmongoose.connect(url).catch(handleFatal);\nmongoose.connect(url).catch((e) => retryLater(e));" },
    { name: 'a log-only catch on something that opens no database', code: "import { fetchConfig } from './config';\nfetchConfig().catch((e) => console.log(e));" },
    { name: 'sequelize.authenticate() whose failure exits', code: "import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize(url);\nsequelize.authenticate().catch((e) => { console.error(e); process.exit(1); });" },
    { name: 'a method named $connect on something that is no database client', code: "import { Bus } from './bus';\nconst bus = new Bus();\nbus.$connect().catch(console.error);" },
    { name: 'a local function named like the library export', code: "function createConnection() { return Promise.resolve(); }\ncreateConnection().catch((e) => console.log(e));" },
    { name: 'connect awaited in an async main whose failure exits', code: "import mongoose from 'mongoose';\nimport Koa from 'koa';\nconst app = new Koa();\nasync function main() {\n  await mongoose.connect(process.env.MONGO_URL!);\n  app.listen(3000);\n}\nmain().catch((e) => { console.error(e); process.exit(1); });" },
    { name: 'connect with a catch that exits, then listen', code: "import mongoose from 'mongoose';\nmongoose.connect(url).catch(() => process.exit(1));\napp.listen(3000);" },
    { name: 'listen only inside then, no catch: a failure crashes before anything serves', code: "import mongoose from 'mongoose';\nmongoose.connect(url).then(() => app.listen(3000));" },
    { name: 'a bare pg connect with an error listener on the client and no listen', code: "import { Client } from 'pg';\nconst client = new Client({ connectionString: url });\nclient.on('error', (e) => { console.error(e); process.exit(1); });\nclient.connect();" },
    { name: 'a bare connect of a local object that is no database client', code: "import { Bus } from './bus';\nconst bus = new Bus();\nbus.connect();\napp.listen(3000);" },
    { name: 'a bare mongoose.connect whose connection error listener exits, then listen', code: "const mongoose = require('mongoose');\nmongoose.connect(process.env.MONGODB_URI);\nmongoose.connection.on('error', (err) => {\n  console.error(err);\n  process.exit(1);\n});\napp.listen(3000);" },
    { name: 'the promise of a bare connect kept and awaited later', code: "import { Client } from 'pg';\nconst client = new Client();\nconst ready = client.connect();\nexport const db = async () => { await ready; return client; };" },
  ],
  invalid: [
    {
      name: 'mongoose.connect(url) neither awaited nor caught, an error listener that logs, and listen after it',
      code: "import mongoose from 'mongoose';\nimport express from 'express';\nconst app = express();\nmongoose.connect(process.env.MONGO_URL as string);\nmongoose.connection.on('error', console.error);\napp.listen(3000, () => console.log('up'));",
      errors: [{ messageId: 'unhandledServes', line: 4, data: { listen: 6 } }],
    },
    {
      name: 'a module-level pg client connected without await, catch or error listener',
      code: "import { Module } from '@nestjs/common';\nimport { Client } from 'pg';\nconst client = new Client({ host: 'db', user: 'app' });\nclient.connect();\n@Module({ providers: [{ provide: 'PG', useValue: client }] })\nexport class DbModule {}",
      errors: [{ messageId: 'unhandledNoListener', line: 4 }],
    },
    {
      name: 'the server starts only inside then: a failure is only logged, and nothing serves',
      code: "import { createConnection } from 'typeorm';\ncreateConnection(opts).then(async () => {\n  app.listen(3000);\n}).catch((error: string) => console.log('TypeORM connection error: ', error));",
      errors: [{ messageId: 'onlyLogged', line: 4, severity: 'medium' }],
    },
    {
      name: 'a try that connects and then listens: the failure skips the start, only logged',
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\ntry {\n  await prisma.$connect();\n  app.listen(3000);\n} catch (e) {\n  console.error(e);\n}",
      errors: [{ messageId: 'onlyLogged', line: 6 }],
    },
    {
      name: 'mongoose.connect(uri).then(log).catch(log), and the server listens anyway',
      code: "import mongoose from 'mongoose';\nimport express from 'express';\nconst app = express();\nmongoose.connect(process.env.MONGO_URI).then(() => console.log('db up')).catch((err) => console.log(err));\napp.listen(3000);",
      errors: [{ messageId: 'servesAnyway', line: 4, severity: 'medium', data: { listen: 5 } }],
    },
    {
      name: 'prisma.$connect() of a client the file makes, in a try that only logs, then listen',
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nasync function main() {\n  try {\n    await prisma.$connect();\n  } catch (e) {\n    console.error(e);\n  }\n  app.listen(3000);\n}",
      errors: [{ messageId: 'servesAnyway', line: 6 }],
    },
    {
      name: 'sequelize.authenticate().catch(console.error): a log method handed over',
      code: "import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nsequelize.authenticate().catch(console.error);\napp.listen(3000);",
      errors: [{ messageId: 'servesAnyway', line: 3 }],
    },
    {
      name: 'mongoose through require, a rejection handler of then, and a try/catch that logs',
      code: "const mongoose = require('mongoose');\nmongoose.connect(url).then(() => start(), (err) => { logger.error(err); });\nasync function main() {\n  try {\n    await mongoose.connect(url);\n  } catch (e) {\n    console.error('db down', e);\n  }\n}",
      errors: [{ messageId: 'onlyLogged', line: 2 }, { messageId: 'onlyLogged', line: 6 }],
    },
  ],
});
