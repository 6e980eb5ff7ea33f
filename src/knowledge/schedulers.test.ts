import { describe, expect, it } from 'vitest';
import { DISTRIBUTED_LOCKS, isDistributedLock, LOCK_IDIOMS, lockIdiomOf, SCHEDULERS, schedulerOf, schedulingDecorator } from './schedulers.js';

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

  it('knows the lock idioms taken through the store a service already has, and not their look-alikes', () => {
    for (const l of LOCK_IDIOMS) expect(l.source).toMatch(/^https:\/\//);
    const call = (method: string, extra: { sql?: string; flags?: string[]; receiver?: string[] } = {}) => ({ method, sql: extra.sql ?? null, flags: extra.flags ?? [], receiver: extra.receiver ?? [] });
    expect(lockIdiomOf(call('query', { sql: 'SELECT pg_try_advisory_lock($1) AS ok' }), true)).toBe('advisory-sql');
    expect(lockIdiomOf(call('execute', { sql: 'select PG_ADVISORY_XACT_LOCK(42)' }), true)).toBe('advisory-sql');
    expect(lockIdiomOf(call('query', { sql: "SELECT GET_LOCK('digest', 0)" }), true)).toBe('advisory-sql');
    // The function's name in a call that runs no SQL, or a different function, is no lock.
    expect(lockIdiomOf(call('log', { sql: 'SELECT pg_try_advisory_lock(1)' }), false)).toBeNull();
    expect(lockIdiomOf(call('query', { sql: 'SELECT pg_advisory_unlock(1)' }), true)).toBeNull();
    expect(lockIdiomOf(call('set', { flags: ['lock:digest', 'PX', 'NX'] }), false)).toBe('redis-nx');
    expect(lockIdiomOf(call('set', { flags: ['lock:digest', 'NX'] }), false)).toBe('redis-nx');
    expect(lockIdiomOf(call('setnx', { flags: ['lock:digest'] }), false)).toBe('redis-nx');
    expect(lockIdiomOf(call('set', { flags: ['session', 'EX'] }), false)).toBeNull();
    expect(lockIdiomOf(call('findOneAndUpdate', { receiver: ['Job', 'Lock'] }), false)).toBe('lock-document');
    expect(lockIdiomOf(call('findOneAndUpdate', { receiver: ['locks'] }), false)).toBe('lock-document');
    expect(lockIdiomOf(call('findOneAndUpdate', { receiver: ['User'] }), false)).toBeNull();
    expect(lockIdiomOf(call('findOneAndUpdate', { receiver: ['Block'] }), false)).toBeNull();
  });
});
