import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './metrics.js';

const manifest = (extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'svc', private: true, scripts: { start: 'node dist/server.js' }, dependencies: { express: '^4' }, ...extra }, null, 2);

describe('observability/metrics', () => {
  it('passes with prom-client or a /metrics route, and says where', async () => {
    const run = await auditFiles({
      'package.json': manifest(),
      'src/metrics.ts': "import client from 'prom-client';\nclient.collectDefaultMetrics();\n",
    }, { rules: [rule] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes[0]).toMatchObject({ status: 'pass', reason: expect.stringContaining('prom-client imported at src/metrics.ts:1') });
    expect(await runRule(rule, {
      'package.json': manifest(),
      'src/server.ts': "app.get('/metrics', async (_req, res) => res.send(await registry.metrics()));\n",
    })).toEqual([]);
  });

  it('is not applicable to libraries and workers', async () => {
    const lib = await auditFiles({
      'package.json': JSON.stringify({ name: 'lib', main: 'index.js', dependencies: { express: '^4' } }),
      'index.js': 'module.exports = {};\n',
    }, { rules: [rule] });
    expect(lib.findings).toEqual([]);
    expect(lib.outcomes[0].status).toBe('not-applicable');
    expect(await runRule(rule, {
      'package.json': JSON.stringify({ name: 'w', private: true, dependencies: { hono: '^4' } }),
      'wrangler.toml': 'name = "w"\nmain = "src/index.ts"\n',
      'src/index.ts': 'export default { fetch() { return new Response("ok"); } };\n',
    })).toEqual([]);
  });

  it('reports a long-running Node service without metrics at its framework dependency', async () => {
    const findings = await runRule(rule, {
      'package.json': manifest(),
      'src/server.ts': "import express from 'express';\nexpress().listen(3000);\n",
    });
    expect(at(findings)).toEqual(['package.json:8']);
    expect(findings[0].severity).toBe('low');
  });
});
