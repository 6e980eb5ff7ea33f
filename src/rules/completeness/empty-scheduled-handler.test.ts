import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './empty-scheduled-handler.js';

const pkg = { 'package.json': '{"name":"svc","private":true}' };

describe('completeness/empty-scheduled-handler', () => {
  it('stays silent on handlers that do work, and outside service code', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/worker.ts': [
        'export default {',
        '  async fetch() { return new Response("ok"); },',
        '  async scheduled(_event: unknown, env: any, ctx: any) {',
        "    console.log('cleanup');",
        '    ctx.waitUntil(cleanup(env));',
        '  },',
        '};',
      ].join('\n'),
      'src/jobs.ts': [
        "import cron from 'node-cron';",
        "cron.schedule('0 3 * * *', async () => { await purgeExpired(); });",
        "cron.schedule('*/5 * * * *', () => sync());",
        "schedule('daily report', () => {});",
        'export class Jobs {',
        "  @Cron('0 * * * *')",
        '  async hourly() { await this.repo.compact(); }',
        '}',
      ].join('\n'),
      'test/jobs.test.ts': "cron.schedule('* * * * *', () => {});\n",
    })).toEqual([]);
  });

  it('reports empty and log-only scheduled handlers at the handler', async () => {
    const findings = (await runRule(rule, {
      ...pkg,
      'src/worker.ts': [
        'export default {',
        '  async scheduled(event: ScheduledEvent) {',
        "    console.log('cron fired', event.cron);",
        '  },',
        '};',
      ].join('\n'),
      'src/jobs.ts': [
        "import cron from 'node-cron';",
        "cron.schedule('0 3 * * *', () => {",
        '  // TODO purge expired sessions',
        '});',
        "new CronJob('@daily', () => logger.info('nightly'));",
        'export class Jobs {',
        "  @Cron('0 * * * *')",
        '  async hourly() {}',
        '}',
      ].join('\n'),
    })).sort((a, b) => a.location!.path.localeCompare(b.location!.path) || a.location!.line - b.location!.line);
    expect(at(findings)).toEqual(['src/jobs.ts:2', 'src/jobs.ts:5', 'src/jobs.ts:8', 'src/worker.ts:2']);
    expect(findings[3].message).toBe('Workers `scheduled` handler is only a log line: the scheduled job does nothing');
    expect(findings.map((f) => f.messageId)).toEqual(['empty', 'onlyLog', 'empty', 'onlyLog']);
  });
});
