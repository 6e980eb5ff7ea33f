import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import { RuleTester } from '../tester.js';
import rule from './ssrf.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'a constant URL', code: "app.post('/ping', async (req, res) => { await fetch('https://status.example.com/ping'); res.end(); });" },
    { name: 'a URL from configuration', code: "import axios from 'axios';\napp.post('/sync', async (req, res) => { await axios.post(process.env.SYNC_URL, req.body); res.end(); });" },
    { name: 'a fetch the file declares itself is no outbound client', code: "const fetch = (u) => cache.get(u);\napp.get('/x', (req, res) => res.json(fetch(req.query.key)));" },
    { name: 'input only in the path of a URL whose host the code writes', code: "app.get('/u/:name', async (req, res) => res.json(await (await fetch(`https://api.example.com/users/${req.params.name}`)).json()));" },
    {
      name: 'a URL held in a const, its base chosen between two constants, its query from the request',
      code: "export const loader = async ({ request }) => {\n  const search = new URL(request.url).searchParams.get('q');\n  const path = `${process.env.NODE_ENV === 'production' ? 'https://api.example.com' : 'http://127.0.0.1:8787'}/api/items?q=${search}`;\n  return fetch(path);\n};",
    },
    {
      name: 'input only in the query of a URL joined from pieces whose first writes the host',
      code: "app.get('/oauth', async (req, res) => {\n  const url = ['https://slack.example.com/api/oauth.access', `?client_id=${process.env.ID}`, `&code=${req.query.code}`].join('');\n  res.json(await (await fetch(url)).json());\n});",
    },
    {
      name: 'a root-relative URL: the page or base origin, whatever the query',
      code: "export async function search(request) {\n  const searchParams = new URL(request.url).searchParams;\n  return fetch(`/api/search?${searchParams.toString()}`);\n}",
    },
    { name: 'request input sent as the body, not the URL', code: "import got from 'got';\napp.post('/relay', async (req) => got.post('https://hooks.example.com/in', { json: req.body }));" },
  ],
  invalid: [
    {
      name: 'a protocol-relative URL and a joined URL whose host is input stay reported',
      code: "app.get('/p', async (req, res) => {\n  await fetch(`//${req.query.host}/x`);\n  await fetch(['https://', req.query.host, '/x'].join(''));\n  res.end();\n});",
      errors: [{ messageId: 'fromRequest', line: 2 }, { messageId: 'fromRequest', line: 3 }],
    },
    {
      name: 'fetch of a URL from the request body',
      code: "app.post('/preview', async (req, res) => {\n  const { url } = req.body;\n  const page = await fetch(url);\n  res.send(await page.text());\n});",
      errors: [{ messageId: 'fromRequest', line: 3, severity: 'high' }],
    },
    {
      name: 'axios with the url option taken from the query, required',
      code: "const axios = require('axios');\nrouter.get('/proxy', async (req, res) => {\n  const r = await axios({ url: req.query.target, method: 'get' });\n  res.json(r.data);\n});",
      errors: [{ messageId: 'fromRequest', line: 3, data: { client: 'axios' } }],
    },
    {
      name: 'a BullMQ worker requesting the URL its job carries',
      code: "import { Worker } from 'bullmq';\nimport axios from 'axios';\nnew Worker('deliveries', async (job) => {\n  const { callbackUrl, payload } = job.data;\n  await axios.post(callbackUrl, payload);\n});",
      errors: [{ messageId: 'fromJob', line: 5, severity: 'medium', data: { client: 'axios.post' } }],
    },
    {
      name: 'bull queue.process handing the job URL to https.get',
      code: "import https from 'node:https';\nqueue.process(async (job) => new Promise((resolve) => https.get(job.data.url, resolve)));",
      errors: [{ messageId: 'fromJob', line: 2 }],
    },
  ],
});

describe('security/ssrf through a queue: the producer linked by the queue name', () => {
  const files = (route: string): Record<string, string> => ({
    'package.json': '{"name":"svc","dependencies":{"express":"4","bullmq":"5","axios":"1"}}',
    'src/queues.ts': "import { Queue } from 'bullmq';\nexport const DELIVERIES = 'deliveries';\nexport const deliveries = new Queue(DELIVERIES, { connection });\n",
    'src/app.ts': [
      "import express from 'express';",
      "import { deliveries } from './queues';",
      'const app = express();',
      route,
      'app.listen(3000);',
    ].join('\n'),
    'src/worker.ts': [
      "import { Worker } from 'bullmq';",
      "import axios from 'axios';",
      "new Worker('deliveries', async (job) => {",
      '  await axios.post(job.data.target, job.data.payload);',
      '}, { connection });',
    ].join('\n'),
  });

  it('a route enqueues the URL from its body: the worker request is high, with the route as the origin', async () => {
    const [f] = await runRule(rule, files("app.post('/hooks', async (req, res) => { await deliveries.add('deliver', { target: req.body.url, payload: req.body }); res.sendStatus(202); });"));
    expect(f).toMatchObject({ severity: 'high', messageId: 'fromRoute', location: { path: 'src/worker.ts', line: 4 } });
    expect(f.message).toContain("queue 'deliveries', which src/app.ts:4 fills from request input (req.body.url (line 4))");
    expect(f.evidence.map((e) => (e.kind === 'note' ? e.text : ''))).toContainEqual(expect.stringContaining("req.body.url (src/app.ts:4) → enqueued (src/app.ts:4) → queue job data job (line 3)"));
  });

  it('a producer that enqueues only a URL of its own leaves the worker at medium', async () => {
    const [f] = await runRule(rule, files("app.post('/ping', async (req, res) => { await deliveries.add('deliver', { target: 'https://hooks.example.com/in', payload: req.body }); res.end(); });"));
    expect(f).toMatchObject({ severity: 'medium', messageId: 'fromJob' });
  });
});
