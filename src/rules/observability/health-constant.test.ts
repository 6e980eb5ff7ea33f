import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './health-constant.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"hono":"4","express":"4"}}' };

describe('observability/health-constant', () => {
  it('stays silent on a plain liveness answer and on checks that call the dependency', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/index.ts': [
        "import { Hono } from 'hono';",
        'const app = new Hono();',
        "app.get('/health', (c) => c.json({ status: 'ok', uptime: process.uptime() }));",
        "app.get('/ready', async (c) => { await c.env.DB.prepare('SELECT 1').first(); return c.json({ status: 'ok', database: 'ok' }); });",
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('reports dependencies claimed healthy from constants', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/app.ts': [
        "import express from 'express';",
        'const app = express();',
        "app.get('/api/health', (req, res) => res.json({ status: 'healthy', database: 'connected', redis: 'ok', timestamp: new Date().toISOString() }));",
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/app.ts:3']);
    expect(findings[0].severity).toBe('high');
    expect(findings[0].messageId).toBe('constantHealth');
    expect(findings[0].message).toContain('`database`, `redis`');
  });
});
