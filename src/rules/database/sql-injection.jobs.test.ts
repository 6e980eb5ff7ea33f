// A worker's SQL built from queue job data, linked to the producers of the same queue name: a route
// that enqueues request input into the field the sink reads becomes the origin, with the path
// request → enqueue → job → sink in the evidence.
import { describe, expect, it } from 'vitest';
import { runSourceCase } from '../tester.js';
import rule from './sql-injection.js';

const WORKER = [
  "import { Worker } from 'bullmq';",
  "import { pool } from './db';",
  "export const reports = new Worker('reports', async (job) => {",
  '  const { table } = job.data;',
  '  return pool.query(`SELECT * FROM ${table} WHERE owner = $1`, [job.data.owner]);',
  '});',
].join('\n');
const QUEUES = "import { Queue } from 'bullmq';\nexport const reportQueue = new Queue('reports', { connection });\n";

describe('database/sql-injection: job data and its producers', () => {
  it('names the route that enqueues request input (through an imported queue const) as the origin', async () => {
    const { findings } = await runSourceCase(rule, {
      path: 'src/worker.ts',
      code: WORKER,
      files: {
        'src/queues.ts': QUEUES,
        'src/routes.ts': "import { reportQueue } from './queues';\napp.post('/reports', async (req, res) => {\n  await reportQueue.add('build', { table: req.body.table, owner: req.user.id });\n  res.sendStatus(202);\n});\n",
      },
    });
    expect(findings.map((f) => [f.path, f.line, f.severity ?? 'critical'])).toEqual([['src/worker.ts', 5, 'critical']]);
    expect(findings[0].message).toContain("through queue 'reports', which src/routes.ts:3 fills from req.body.table");
    const notes = findings[0].evidence.filter((e) => e.kind === 'note').map((e) => (e.kind === 'note' ? e.text : ''));
    expect(notes).toEqual([expect.stringMatching(/^source → queue 'reports' → sink: req\.body\.table \(src\/routes\.ts:3\) → .*enqueued \(src\/routes\.ts:3\) → queue job data .* → \.query\(\) SQL text \(line 5\)$/)]);
    expect(findings[0].data).not.toHaveProperty('jobQueue');
  });

  it('no producer of the queue in the repository (only another queue is fed): high, the job data is external input', async () => {
    const { findings } = await runSourceCase(rule, {
      path: 'src/worker.ts',
      code: WORKER,
      files: {
        'src/queues.ts': "import { Queue } from 'bullmq';\nexport const mailQueue = new Queue('mail', { connection });\n",
        'src/routes.ts': "import { mailQueue } from './queues';\napp.post('/mail', async (req) => mailQueue.add('send', { table: req.body.table }));\n",
      },
    });
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[5, 'high']]);
    expect(findings[0].message).toContain('producer not in this repository');
    expect(findings[0].evidence).toContainEqual({ kind: 'note', text: 'producer not in this repository: job data is external input' });
  });

  it('the only producer fills the field from constants (and other fields from the request): no finding', async () => {
    const { findings } = await runSourceCase(rule, {
      path: 'src/worker.ts',
      code: WORKER,
      files: {
        'src/queues.ts': QUEUES,
        'src/routes.ts': "import { reportQueue } from './queues';\napp.post('/reports', async (req) => reportQueue.add('build', { table: 'sales', owner: req.body.owner }));\n",
      },
    });
    expect(findings).toEqual([]);
  });

  it('a producer that enqueues an exported function\'s parameter: high, the request (if any) is further up', async () => {
    const { findings } = await runSourceCase(rule, {
      path: 'src/worker.ts',
      code: WORKER,
      files: {
        'src/queues.ts': QUEUES,
        'src/schedule.ts': "import { reportQueue } from './queues';\nexport function schedule(table: string) { return reportQueue.add('build', { table }); }\n",
      },
    });
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[5, 'high']]);
    expect(findings[0].message).toContain("queue 'reports' is filled by producers in this repository (src/schedule.ts:2)");
  });

  it('no producer here, but the worker parses the field as a number or checks it against an allow-list: no finding', async () => {
    const { findings } = await runSourceCase(rule, {
      path: 'src/worker.ts',
      code: [
        "import { Worker } from 'bullmq';",
        "const TABLES = ['sales', 'refunds'];",
        "new Worker('purge', async (job) => db.query(`DELETE FROM t WHERE id = ${Number(job.data.id)}`));",
        "new Worker('count', async (job) => {",
        '  const { table } = job.data;',
        "  if (!TABLES.includes(table)) throw new Error('table');",
        '  return db.query(`SELECT COUNT(*) FROM ${table}`);',
        '});',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('a producer in the worker\'s own file, on a queue made there', async () => {
    const { findings } = await runSourceCase(rule, {
      path: 'src/app.ts',
      code: [
        "import { Queue, Worker } from 'bullmq';",
        "const q = new Queue('cleanup');",
        "app.delete('/rows/:table', async (c) => { await q.add('purge', { table: c.req.param('table') }); return c.body(null, 202); });",
        "new Worker('cleanup', async (job) => db.query(`DELETE FROM ${job.data.table}`));",
      ].join('\n'),
    });
    expect(findings.map((f) => f.line)).toEqual([4]);
    expect(findings[0].message).toContain("through queue 'cleanup', which src/app.ts:3 fills from");
  });
});
