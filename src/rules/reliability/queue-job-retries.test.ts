import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './queue-job-retries.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'attempts on the job', code: "import { Queue } from 'bullmq';\nconst q = new Queue('mail');\nawait q.add('send', data, { attempts: 5, backoff: { type: 'exponential', delay: 1000 } });" },
    { name: 'attempts in the queue\'s defaults, through a const', code: "import { Queue } from 'bullmq';\nconst opts = { connection, defaultJobOptions: { attempts: 3 } };\nconst q = new Queue('mail', opts);\nawait q.add('send', data);" },
    { name: 'options verdict cannot read', code: "import { Queue } from 'bullmq';\nimport { jobOptions } from './config';\nconst q = new Queue('mail');\nawait q.add('send', data, jobOptions);" },
    { name: 'a spread may carry them', code: "import { Queue } from 'bullmq';\nconst q = new Queue('mail', { ...shared });\nawait q.add('send', data);" },
    {
      name: 'the same web process with attempts and backoff in the queue\'s defaults',
      code: "import { Queue, Worker } from 'bullmq';\nconst q = new Queue('mail', { connection, defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 2000 } } });\nnew Worker('mail', handle, { connection });\napp.post('/mail', async (req) => q.add('send', { to: req.body.to }));\napp.listen(3000);",
    },
    { name: 'a Set\'s add is no job', code: "const s = new Set();\ns.add(1);" },
    { name: 'a queue made elsewhere is not judged here', code: "import { queue } from './queue';\nawait queue.add('send', data);" },
  ],
  invalid: [
    {
      name: 'a web process that makes its queue and worker and enqueues from a route, with no attempts anywhere',
      path: 'src/app.ts',
      code: [
        "import express from 'express';",
        "import { Queue, Worker } from 'bullmq';",
        "const mailQueue = new Queue('mail', { connection, defaultJobOptions: { removeOnComplete: 100 } });",
        "const mailWorker = new Worker('mail', async (job) => sendMail(job.data), { connection });",
        'const app = express();',
        "app.post('/mail', async (req, res) => { await mailQueue.add('send', { to: req.body.to }, { priority: 1 }); res.sendStatus(202); });",
        'const server = app.listen(3000);',
        "process.on('SIGTERM', () => server.close());",
      ].join('\n'),
      errors: [{ messageId: 'noAttempts', line: 6, severity: 'medium', data: { package: 'bullmq', option: 'attempts', at: 'line 3' } }],
    },
    {
      name: 'a job added with no options to a queue with no defaults',
      path: 'src/send.ts',
      code: "import { Queue } from 'bullmq';\nconst queue = new Queue<Mail>(config.queueName, {\n  connection: config.connection,\n});\n(async () => {\n  await queue.add('send-simple', { to: args[0] });\n})();",
      errors: [{ messageId: 'noAttempts', line: 6, severity: 'medium', data: { package: 'bullmq', option: 'attempts', at: 'line 2' } }],
    },
    {
      name: 'job options without attempts, and defaults without them',
      code: "const { Queue } = require('bullmq');\nconst q = new Queue('mail', { defaultJobOptions: { removeOnComplete: true } });\nq.add('send', data, { delay: 1000 });",
      errors: [{ messageId: 'noAttempts', line: 3 }],
    },
  ],
});
