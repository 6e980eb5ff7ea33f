import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './db-connect-failure-ignored.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'the failure exits the process', code: "import mongoose from 'mongoose';\nmongoose.connect(url).catch((err) => {\n  console.error(err);\n  process.exit(1);\n});" },
    { name: 'the failure is rethrown', code: "import { createConnection } from 'typeorm';\ntry {\n  await createConnection(opts);\n} catch (e) {\n  logger.error(e);\n  throw e;\n}" },
    { name: 'a handler calling something verdict cannot see into', code: "import mongoose from 'mongoose';\nmongoose.connect(url).catch(handleFatal);\nmongoose.connect(url).catch((e) => retryLater(e));" },
    { name: 'a log-only catch on something that opens no database', code: "import { fetchConfig } from './config';\nfetchConfig().catch((e) => console.log(e));" },
    { name: 'a local function named like the library export', code: "function createConnection() { return Promise.resolve(); }\ncreateConnection().catch((e) => console.log(e));" },
  ],
  invalid: [
    {
      name: 'createConnection(...).then(start).catch(log)',
      code: "import { createConnection } from 'typeorm';\ncreateConnection(opts).then(async () => {\n  app.listen(3000);\n}).catch((error: string) => console.log('TypeORM connection error: ', error));",
      errors: [{ messageId: 'onlyLogged', line: 4, severity: 'medium' }],
    },
    {
      name: 'mongoose through require, a rejection handler of then, and a try/catch that logs',
      code: "const mongoose = require('mongoose');\nmongoose.connect(url).then(() => start(), (err) => { logger.error(err); });\nasync function main() {\n  try {\n    await mongoose.connect(url);\n  } catch (e) {\n    console.error('db down', e);\n  }\n}",
      errors: [{ messageId: 'onlyLogged', line: 2 }, { messageId: 'onlyLogged', line: 6 }],
    },
  ],
});
