// Queue dashboards mounted on the service's own server: in the route table with their chain.
import { describe, expect, it } from 'vitest';
import { auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './admin-ui-without-auth.js';

const PKG = '{"name":"jobs","main":"src/index.ts","dependencies":{"express":"4","bullmq":"5","@bull-board/express":"5","@bull-board/api":"5","express-basic-auth":"1"}}';

function server(lines: string[]): Record<string, string> {
  return {
    'package.json': PKG,
    'src/index.ts': [
      "import express from 'express';",
      "import { Queue } from 'bullmq';",
      "import { createBullBoard } from '@bull-board/api';",
      "import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';",
      "import { ExpressAdapter } from '@bull-board/express';",
      "import basicAuth from 'express-basic-auth';",
      'const app = express();',
      "const mail = new Queue('mail');",
      'const serverAdapter = new ExpressAdapter();',
      "serverAdapter.setBasePath('/admin/queues');",
      'createBullBoard({ queues: [new BullMQAdapter(mail)], serverAdapter });',
      ...lines,
      'app.listen(3000);',
    ].join('\n'),
  };
}

describe('security/admin-ui-without-auth', () => {
  it('reports bull-board mounted with nothing in front of it, at the mount, and puts the mount in the route table', async () => {
    const files = server(["app.use('/admin/queues', serverAdapter.getRouter());"]);
    const findings = await runRule(rule, files);
    expect(findings.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['high src/index.ts:12']);
    expect(findings[0].message).toContain('/admin/queues');
    const run = await auditFiles(files, { rules: [rule] });
    const routes = (run.inventory.routes as { routes: Array<{ method: string; path: string; handler: string }> }).routes;
    expect(routes).toContainEqual(expect.objectContaining({ method: 'ALL', path: '/admin/queues', handler: 'admin-ui:@bull-board/express' }));
  });

  it('is silent when auth runs first: in the same call, or app-wide before the mount', async () => {
    const run = await auditFiles(server(["app.use('/admin/queues', basicAuth({ users: { admin: process.env.ADMIN_PASSWORD! } }), serverAdapter.getRouter());"]), { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === rule.id)).toMatchObject({ status: 'pass', reason: expect.stringContaining('1 dashboard mount(s)') });
    expect(await runRule(rule, server([
      "app.use(basicAuth({ users: { admin: process.env.ADMIN_PASSWORD! } }));",
      "app.use('/admin/queues', serverAdapter.getRouter());",
    ]))).toEqual([]);
  });

  it('does not take a router of the service\'s own, or a package\'s router it does not know, for a dashboard', async () => {
    // Look-alike: a local object with a `getRouter()` and an unrelated adapter class of the same method name.
    const run = await auditFiles({
      'package.json': '{"name":"api","main":"src/index.ts","dependencies":{"express":"4","some-adapter":"1"}}',
      'src/index.ts': [
        "import express from 'express';",
        "import { ExpressAdapter } from 'some-adapter';",
        'const app = express();',
        'const api = { getRouter: () => express.Router() };',
        "app.use('/api', api.getRouter());",
        "app.use('/x', new ExpressAdapter().getRouter());",
        'app.listen(3000);',
      ].join('\n'),
    }, { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === rule.id)?.status).toBe('not-applicable');
  });

  it('knows the older bull-board package, Arena and Agendash', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"jobs","main":"src/index.js","dependencies":{"express":"4","bull-board":"3","bull-arena":"4","agendash":"3"}}',
      'src/index.js': [
        "const express = require('express');",
        "const { createBullBoard } = require('bull-board');",
        "const Arena = require('bull-arena');",
        "const Agendash = require('agendash');",
        'const app = express();',
        'const { router } = createBullBoard([]);',
        "app.use('/admin/queues', router);",
        "app.use('/arena', Arena({ queues: [] }, { disableListen: true }));",
        "app.use('/dash', Agendash(agenda));",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(findings.map((f) => f.location?.line)).toEqual([7, 8, 9]);
  });
});
