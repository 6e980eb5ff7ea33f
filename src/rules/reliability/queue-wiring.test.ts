import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './queue-wiring.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('reliability/queue-wiring', () => {
  it('stays silent on BullMQ queues that are fed and consumed', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/queues.ts': "import { Queue } from 'bullmq';\nexport const emailQueue = new Queue('email', { connection });\n",
      'src/api.ts': "import { emailQueue } from './queues';\nexport const send = (to: string) => emailQueue.add('send', { to });\n",
      'src/worker.ts': "import { Worker } from 'bullmq';\nnew Worker('email', async (job) => deliver(job.data), { connection });\n",
    })).toEqual([]);
  });

  it('recognises NestJS @Processor consumers, const queue names, and workers whose queue it cannot name', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/queues.ts': "import { Queue } from 'bullmq';\nconst MAIL = 'mail';\nexport const mailQueue = new Queue(MAIL);\nexport const smsQueue = new Queue('sms');\nmailQueue.add('x', {}); smsQueue.add('x', {});\n",
      'src/mail.processor.ts': "import { Processor, WorkerHost } from '@nestjs/bullmq';\n@Processor('mail')\nexport class MailProcessor extends WorkerHost {}\n@Processor({ name: 'sms' })\nexport class SmsProcessor extends WorkerHost {}\n",
    })).toEqual([]);
    expect(await runRule(rule, {
      ...pkg,
      'src/queues.ts': "import { Queue } from 'bullmq';\nexport const pushQueue = new Queue('push');\npushQueue.add('x', {});\n",
      'src/push.worker.ts': "import { Worker } from 'bullmq';\nexport const start = (name: string) => new Worker(name, handle);\n",
    })).toEqual([]);
  });

  it('stays silent on Workers queues with producer calls and a queue() handler', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'wrangler.toml': 'name = "w"\n[[queues.producers]]\nbinding = "JOBS"\nqueue = "jobs"\n[[queues.consumers]]\nqueue = "jobs"\n',
      'src/index.ts': 'export default {\n  async fetch(req: Request, env: Env) { await env.JOBS.send({ a: 1 }); return new Response(); },\n  async queue(batch: MessageBatch, env: Env) { for (const m of batch.messages) m.ack(); },\n};\n',
    })).toEqual([]);
  });

  it('finds a queue() handler given by reference in the exported handler object', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'wrangler.toml': 'name = "w"\n[[queues.producers]]\nbinding = "JOBS"\nqueue = "jobs"\n[[queues.consumers]]\nqueue = "jobs"\n',
      'src/index.ts': "import { consume } from './consume';\nexport default {\n  fetch: (req: Request, env: Env) => env.JOBS.send(1).then(() => new Response()),\n  queue: consume,\n} satisfies ExportedHandler<Env>;\n",
      'src/consume.ts': 'export async function consume(messages: MessageBatch) {}\n',
    })).toEqual([]);
  });

  it('reports a BullMQ queue nobody consumes and one nobody feeds', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/queues.ts': "import { Queue, Worker } from 'bullmq';\nexport const reports = new Queue('reports');\nexport const mails = new Queue('mails');\nnew Worker('mails', handler);\nreports.add('x', {});\n",
    });
    expect(at(findings)).toEqual(['src/queues.ts:2', 'src/queues.ts:3']);
    expect(findings.map((f) => f.messageId)).toEqual(['queueUnconsumed', 'queueNeverFed']);
  });

  it('reports an unused producer binding and a consumer without a queue() handler', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'wrangler.toml': 'name = "w"\n[[queues.producers]]\nbinding = "JOBS"\nqueue = "jobs"\n[[queues.consumers]]\nqueue = "jobs"\n',
      'src/index.ts': 'export default { async fetch() { return new Response(); } };\n',
    });
    expect(at(findings).sort()).toEqual(['wrangler.toml:3', 'wrangler.toml:4']);
    expect(findings.map((f) => f.messageId).sort()).toEqual(['noQueueHandler', 'producerUnused']);
  });
});
