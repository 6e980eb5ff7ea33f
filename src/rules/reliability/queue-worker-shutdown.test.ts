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

  it('is unknown, not a pass, when a handler closes something verdict does not resolve to the worker; a shutdown library passes', async () => {
    const run = await auditFiles({ ...pkg, 'src/worker.ts': `${worker}process.on('SIGTERM', async () => { await worker.close(); process.exit(0); });\n` }, { rules: [rule] });
    const o = run.outcomes.filter((x) => x.ruleId === rule.id);
    expect(o.map((x) => x.status)).toEqual(['unknown']);
    expect(o[0].reason).toMatch(/^SIGTERM handler at src\/worker\.ts:3 closes something, but verdict does not resolve whether it is the worker/);
  });
});
