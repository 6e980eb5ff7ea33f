import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
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

  it('recognises NestJS @Processor consumers, @InjectQueue producers and const queue names', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/queues.ts': "import { Queue } from 'bullmq';\nconst MAIL = 'mail';\nexport const mailQueue = new Queue(MAIL);\nexport const smsQueue = new Queue('sms');\nmailQueue.add('x', {}); smsQueue.add('x', {});\n",
      'src/mail.processor.ts': "import { Processor, WorkerHost } from '@nestjs/bullmq';\n@Processor('mail')\nexport class MailProcessor extends WorkerHost {}\n@Processor({ name: 'sms' })\nexport class SmsProcessor extends WorkerHost {}\n",
      'src/push.service.ts': "import { InjectQueue } from '@nestjs/bullmq';\nimport type { Queue } from 'bullmq';\nexport class PushService {\n  constructor(@InjectQueue('mail') private readonly q: Queue) {}\n  send() { return this.q.add('push', {}); }\n}\n",
    })).toEqual([]);
  });

  it('reads a queue name imported from another file, or a member of an imported object of names', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/constants.ts': "export const EMAIL_QUEUE = 'email';\nexport const QUEUES = { SMS: 'sms' } as const;\n",
      'src/queues.ts': "import { Queue } from 'bullmq';\nimport { EMAIL_QUEUE, QUEUES } from './constants';\nexport const email = new Queue(EMAIL_QUEUE);\nexport const sms = new Queue(QUEUES.SMS);\n",
      'src/api.ts': "import { email, sms } from './queues';\nexport async function notify() {\n  await email.add('x', {});\n  await sms.add('x', {});\n}\n",
      'src/worker.ts': "import { Worker } from 'bullmq';\nimport { EMAIL_QUEUE } from './constants';\nnew Worker(EMAIL_QUEUE, async (job) => job.data);\n",
    });
    expect(at(findings)).toEqual(['src/api.ts:4']);
    expect(findings[0]).toMatchObject({ messageId: 'queueUnconsumed', message: expect.stringContaining('"sms"') });
    expect(findings[0].evidence).toContainEqual({ kind: 'note', text: "0 consumers for queue 'sms' in release code" });
    expect(findings[0].evidence).toContainEqual(expect.objectContaining({ kind: 'file', path: 'src/queues.ts', line: 4 }));
  });

  it('counts a factory once per call site, each named by its argument', async () => {
    const files = {
      ...pkg,
      'src/lib/queue.ts': "import { Queue } from 'bullmq';\nexport function buildQueue(name: string) {\n  return new Queue(name, { connection });\n}\n",
      'src/queues.ts': "import { buildQueue } from './lib/queue';\nexport const mail = buildQueue('mail');\nexport const audit = buildQueue('audit');\nmail.add('x', {});\naudit.add('x', {});\n",
      'src/worker.ts': "import { Worker } from 'bullmq';\nnew Worker('mail', async (job) => job.data);\n",
    };
    const findings = await runRule(rule, files);
    expect(at(findings)).toEqual(['src/queues.ts:5']);
    expect(findings[0].message).toContain('"audit"');
    expect(await runRule(rule, { ...files, 'src/audit-worker.ts': "import { Worker } from 'bullmq';\nnew Worker('audit', async (job) => job.data);\n" })).toEqual([]);
  });

  it('is unknown, naming the file and line, when a queue name is not a constant', async () => {
    const run = await auditFiles({
      ...pkg,
      'src/queues.ts': "import { Queue } from 'bullmq';\nexport const push = new Queue('push');\npush.add('x', {});\n",
      'src/worker.ts': "import { Worker } from 'bullmq';\nnew Worker(process.env.QUEUE_NAME!, async (job) => job.data);\n",
    }, { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    const outcome = run.outcomes.find((o) => o.ruleId === rule.id);
    expect(outcome).toMatchObject({ status: 'unknown', reason: expect.stringContaining('src/worker.ts:2 (process.env.QUEUE_NAME)') });
  });

  it('ties a Worker given a queue\'s name property to that queue, whatever its name is', async () => {
    const files = {
      ...pkg,
      'src/queues.ts': "import { Queue, Worker } from 'bullmq';\nconst queueName = (n: string) => (process.env.CLUSTER ? `{${n}}` : n);\nexport const sessions = new Queue(queueName('sessions'));\nexport const sessionsLocal = new Queue(queueName('local'));\nsessionsLocal.add('x', {});\nconst w = new Worker(sessionsLocal.name, run);\n",
      'src/api.ts': "import { sessions } from './queues';\nexport const track = () => sessions.add('x', {});\n",
      'src/worker.ts': "import { Worker } from 'bullmq';\nimport { sessions } from './queues';\nnew Worker(sessions.name, async (job) => job.data);\n",
    };
    const run = await auditFiles(files, { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === rule.id)?.status).toBe('pass');
    // Without the worker, the queue's name cannot be read and nothing is tied to it: unknown, not a pass.
    const bare = await auditFiles({ ...files, 'src/worker.ts': 'export {};\n' }, { rules: [rule] });
    expect(bare.outcomes.find((o) => o.ruleId === rule.id)).toMatchObject({ status: 'unknown', reason: expect.stringContaining("src/queues.ts:3 (queueName('sessions'))") });
  });

  it('does not count consumers in tests or scripts', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/queues.ts': "import Queue from 'bull';\nexport const images = new Queue('images');\nexport const resize = () => images.add({});\n",
      'test/images.test.ts': "import { images } from '../src/queues';\nimages.process(async (job) => job.data);\n",
    });
    expect(at(findings)).toEqual(['src/queues.ts:3']);
    expect(findings[0].evidence).toContainEqual({ kind: 'note', text: "0 consumers for queue 'images' in release code; 1 in tests or scripts, not counted (test/images.test.ts:2)" });
  });

  it('follows a Bull queue imported by its producer and its consumer', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/queues.ts': "const Queue = require('bull');\nexport const images = new Queue('images');\n",
      'src/api.ts': "import { images } from './queues';\nexport const resize = () => images.add({});\n",
      'src/worker.ts': "import { images } from './queues';\nimages.process(async (job) => job.data);\n",
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
    expect(findings.map((f) => `${at([f])[0]} ${f.messageId}`).sort()).toEqual(['src/queues.ts:3 queueNeverFed', 'src/queues.ts:5 queueUnconsumed']);
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
