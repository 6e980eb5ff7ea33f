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
  ],
  invalid: [
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
