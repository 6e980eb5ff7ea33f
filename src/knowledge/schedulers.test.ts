import { describe, expect, it } from 'vitest';
import { DISTRIBUTED_LOCKS, isDistributedLock, SCHEDULERS, schedulerOf, schedulingDecorator } from './schedulers.js';

describe('in-process schedulers', () => {
  it.each(SCHEDULERS.map((s) => [`${s.package} ${s.shape} ${s.export}${s.member ? `.${s.member}` : ''}`, s] as const))('%s: its example imports from the package and uses the export as the entry says', (_n, s) => {
    expect(s.example).toMatch(new RegExp(`from '${s.package.replace('/', '\\/')}'`));
    const used = s.shape === 'new' ? `new ${s.export}(` : s.shape === 'decorator' ? `@${s.export}(` : s.member ? `.${s.member}(` : `${s.export}(`;
    expect(s.example).toContain(used);
    expect(s.source).toMatch(/^https:\/\//);
  });

  it('matches the references collect records, and nothing of the same name elsewhere', () => {
    expect(schedulerOf({ module: 'node-cron', name: 'default', member: 'schedule' })?.package).toBe('node-cron');
    expect(schedulerOf({ module: 'node-cron', name: '*', member: 'schedule' })?.package).toBe('node-cron');
    expect(schedulerOf({ module: 'cron', name: 'CronJob', new: true })?.export).toBe('CronJob');
    expect(schedulerOf({ module: 'cron', name: 'default', member: 'CronJob', new: true })?.export).toBe('CronJob');
    expect(schedulerOf({ module: 'node-schedule', name: 'scheduleJob' })?.package).toBe('node-schedule');
    expect(schedulerOf({ module: 'node-cron', name: 'default', member: 'validate' })).toBeNull();
    expect(schedulerOf({ module: 'agenda', name: 'default', member: 'schedule' })).toBeNull();
    expect(schedulingDecorator('@nestjs/schedule', 'Cron')?.shape).toBe('decorator');
    expect(schedulingDecorator('@nestjs/common', 'Cron')).toBeNull();
  });

  it('knows the distributed locks by package', () => {
    for (const l of DISTRIBUTED_LOCKS) expect(isDistributedLock(l.package)).toBe(true);
    expect(isDistributedLock('async-lock')).toBe(false);
  });
});
