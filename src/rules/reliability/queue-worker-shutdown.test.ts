import { describe, expect, it } from 'vitest';
import { auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './queue-worker-shutdown.js';

const pkg = { 'package.json': '{"name":"svc"}' };
const worker = "import { Worker } from 'bullmq';\nexport const worker = new Worker('mail', __dirname + '/processor.js', { connection });\n";

describe('reliability/queue-worker-shutdown', () => {
  it('stays silent when a signal handler closes the worker, here or through an imported shutdown helper', async () => {
    expect(await runRule(rule, { ...pkg, 'src/worker.ts': `${worker}process.on('SIGTERM', async () => { await worker.close(); process.exit(0); });\n` })).toEqual([]);
    expect(await runRule(rule, {
      ...pkg,
      'src/worker.ts': worker,
      'src/shutdown.ts': "import { worker } from './worker';\nexport async function shutdown() { await worker.close(); }\n",
      'src/index.ts': "import { shutdown } from './shutdown';\nprocess.on('SIGTERM', shutdown);\n",
    })).toEqual([]);
    // Workers only in tests are not the service's.
    expect(await runRule(rule, { ...pkg, 'test/worker.test.ts': worker })).toEqual([]);
  });

  it('reports a worker no signal handler closes, and one whose handler closes nothing', async () => {
    const none = await runRule(rule, { ...pkg, 'src/mail.worker.ts': worker, 'src/index.ts': "import { worker } from './mail.worker';\nworker.on('failed', (job, err) => console.log(err));\n" });
    expect(none.map((f) => [f.messageId, f.location?.path, f.location?.line, f.severity])).toEqual([['noHandler', 'src/mail.worker.ts', 2, 'high']]);
    const idle = await runRule(rule, { ...pkg, 'src/mail.worker.ts': `${worker}process.on('SIGTERM', () => { console.log('bye'); process.exit(0); });\n` });
    expect(idle.map((f) => f.messageId)).toEqual(['handlerClosesNothing']);
  });

  it('passes when the handler closes the worker\'s variable; is unknown, not a pass, when what it closes is not resolved', async () => {
    const outcome = async (files: Record<string, string>) => (await auditFiles({ ...pkg, ...files }, { rules: [rule] })).outcomes.filter((x) => x.ruleId === rule.id);
    const closed = await outcome({ 'src/worker.ts': `${worker}process.on('SIGTERM', async () => { await worker.close(); process.exit(0); });\n` });
    expect(closed.map((x) => x.status)).toEqual(['pass']);
    const opaque = await outcome({ 'src/worker.ts': `${worker}process.on('SIGTERM', async () => { await getResources().close(); process.exit(0); });\n` });
    expect(opaque.map((x) => x.status)).toEqual(['unknown']);
    expect(opaque[0].reason).toMatch(/^SIGTERM handler at src\/worker\.ts:3 closes something, but verdict does not resolve whether it is the worker/);
  });

  describe('a worker inside the web process', () => {
    const app = (shutdown: string[]) => [
      "import express from 'express';",
      "import { Queue, Worker } from 'bullmq';",
      "import { sendMail } from './mail';",
      'const connection = { host: process.env.REDIS_HOST };',
      "const mailQueue = new Queue('mail', { connection });",
      "const mailWorker = new Worker('mail', async (job) => sendMail(job.data), { connection });",
      'const app = express();',
      "app.post('/mail', async (req, res) => { await mailQueue.add('send', { to: req.body.to }); res.sendStatus(202); });",
      'const server = app.listen(3000);',
      ...shutdown,
    ].join('\n');
    const files = (shutdown: string[], more: Record<string, string> = {}) => ({ ...pkg, 'src/mail.ts': 'export async function sendMail(d: unknown) { return d; }\n', 'src/app.ts': app(shutdown), ...more });

    it('reports a worker whose SIGTERM handler closes the server but not the worker', async () => {
      const found = await runRule(rule, files(["process.on('SIGTERM', () => { server.close(() => process.exit(0)); });"]));
      expect(found.map((f) => [f.messageId, f.location?.path, f.location?.line, f.severity])).toEqual([['handlerMissesWorker', 'src/app.ts', 6, 'high']]);
      expect(found[0].message).toContain('closes server.close, not the worker');
    });

    it('decides a handler in another file, or the worker handed to it with bind', async () => {
      const exported = (shutdown: string[]) => app(shutdown).replace('const mailWorker', 'export const mailWorker').replace('const server', 'export const server');
      const elsewhere = (body: string) => ({ ...pkg, 'src/mail.ts': 'export async function sendMail(d: unknown) { return d; }\n', 'src/app.ts': exported([]), 'src/signals.ts': body });
      const missed = await runRule(rule, elsewhere("import { server } from './app';\nprocess.on('SIGTERM', () => { server.close(); });\n"));
      expect(missed.map((f) => f.messageId)).toEqual(['handlerMissesWorker']);
      expect(await runRule(rule, elsewhere("import { server, mailWorker } from './app';\nprocess.on('SIGTERM', async () => { server.close(); await mailWorker.close(); });\n"))).toEqual([]);
      const shutdown = 'export async function shutdown(w: { close(): Promise<void> }) { await w.close(); process.exit(0); }\n';
      expect(await runRule(rule, files(["import { shutdown } from './shutdown';", "process.on('SIGTERM', shutdown.bind(null, mailWorker));"], { 'src/shutdown.ts': shutdown }))).toEqual([]);
      // Bound to something else, the worker stays open.
      const other = await runRule(rule, files(["import { shutdown } from './shutdown';", "process.on('SIGTERM', shutdown.bind(null, server));"], { 'src/shutdown.ts': shutdown }));
      expect(other.map((f) => f.messageId)).toEqual(['handlerMissesWorker']);
    });
  });
});
