import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './queue-worker-error-listener.js';

const pkg = '{"name":"svc","dependencies":{"bullmq":"5"}}';
const workerFile = "import { Worker } from 'bullmq';\nexport const worker = new Worker('mail', async (job) => send(job.data), { connection });\n";

describe('reliability/queue-worker-error-listener', () => {
  it('reports a worker whose listeners, in another file, leave out error: after the last of them (medium)', async () => {
    const findings = await runRule(rule, {
      'package.json': pkg,
      'src/mail.worker.ts': workerFile,
      'src/index.ts': "import { worker } from './mail.worker';\n\nworker.on('completed', (job) => console.log(job.id));\nworker.on('failed', (job, err) => console.log(err));\n",
    });
    expect(findings.map((f) => `${at([f])[0]} ${f.severity} ${f.messageId}`)).toEqual(['src/index.ts:4 medium noErrorListener']);
    expect(findings[0].message).toBe("the bullmq Worker made at src/mail.worker.ts:2 has listeners for 'completed', 'failed' but no 'error' listener");
  });

  it('reports a local worker with no listener at all, at the worker', async () => {
    const findings = await runRule(rule, {
      'package.json': pkg,
      'src/worker.ts': "import { Worker } from 'bullmq';\nconst w = new Worker('mail', handler);\n",
    });
    expect(at(findings)).toEqual(['src/worker.ts:2']);
  });

  it('passes with an error listener, here or where the worker is imported; a test\'s worker is not judged', async () => {
    expect(await runRule(rule, {
      'package.json': pkg,
      'src/worker.ts': "import { Worker } from 'bullmq';\nconst w = new Worker('mail', handler);\nw.on('error', (err) => log.error(err));\n",
      'src/mail.worker.ts': workerFile,
      'src/index.ts': "import { worker } from './mail.worker';\nworker.on('error', (err) => log.error(err));\n",
      'test/w.test.ts': "import { Worker } from 'bullmq';\nconst t = new Worker('mail', handler);\n",
    })).toEqual([]);
  });
});
