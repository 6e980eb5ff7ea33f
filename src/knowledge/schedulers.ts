// In-process schedulers: libraries that run a function on a timetable inside the process that calls
// them. Every replica of a service that starts one runs each job, so a job that writes (sends the
// digest, charges the renewal, expires the rows) runs once per replica unless something elects one
// runner: a distributed lock (below) or a deployment of exactly one instance.

export interface Scheduler {
  package: string;
  /**
   * How a job is started, matched on the symbol references collect records: `call` of `export` (its
   * `member`, for a namespace or default import: `cron.schedule`), `new` of `export`, or `decorator`:
   * a method decorated with `export` (the framework starts it when the application boots).
   */
  shape: 'call' | 'new' | 'decorator';
  export: string;
  member?: string;
  example: string;
  source: string;
}

export const SCHEDULERS: readonly Scheduler[] = [
  { package: 'node-cron', shape: 'call', export: 'default', member: 'schedule', example: "import cron from 'node-cron'; cron.schedule('0 * * * *', () => sendDigest());", source: 'https://github.com/node-cron/node-cron#usage' },
  { package: 'node-cron', shape: 'call', export: 'schedule', example: "import { schedule } from 'node-cron'; schedule('0 * * * *', () => sendDigest());", source: 'https://github.com/node-cron/node-cron#usage' },
  { package: 'cron', shape: 'new', export: 'CronJob', example: "import { CronJob } from 'cron'; new CronJob('0 * * * *', () => sendDigest(), null, true);", source: 'https://github.com/kelektiv/node-cron#usage-basic-cron-usage' },
  { package: 'cron', shape: 'call', export: 'CronJob', member: 'from', example: "import { CronJob } from 'cron'; CronJob.from({ cronTime: '0 * * * *', onTick: sendDigest, start: true });", source: 'https://github.com/kelektiv/node-cron#usage-basic-cron-usage' },
  { package: 'node-schedule', shape: 'call', export: 'default', member: 'scheduleJob', example: "import schedule from 'node-schedule'; schedule.scheduleJob('0 * * * *', () => sendDigest());", source: 'https://github.com/node-schedule/node-schedule#usage' },
  { package: 'node-schedule', shape: 'call', export: 'scheduleJob', example: "import { scheduleJob } from 'node-schedule'; scheduleJob('0 * * * *', () => sendDigest());", source: 'https://github.com/node-schedule/node-schedule#usage' },
  { package: 'croner', shape: 'new', export: 'Cron', example: "import { Cron } from 'croner'; new Cron('0 * * * *', () => sendDigest());", source: 'https://github.com/Hexagon/croner#usage' },
  { package: '@nestjs/schedule', shape: 'decorator', export: 'Cron', example: "import { Cron } from '@nestjs/schedule'; class Jobs { @Cron('0 * * * *') digest() {} }", source: 'https://docs.nestjs.com/techniques/task-scheduling' },
  { package: '@nestjs/schedule', shape: 'decorator', export: 'Interval', example: "import { Interval } from '@nestjs/schedule'; class Jobs { @Interval(60000) sweep() {} }", source: 'https://docs.nestjs.com/techniques/task-scheduling#intervals' },
];

/** The scheduler a symbol reference starts (`{ module: 'node-cron', name: 'default', member: 'schedule' }`), or null. */
export function schedulerOf(ref: { module?: string; name?: string; member?: string; new?: true }): Scheduler | null {
  if (!ref.module) return null;
  return SCHEDULERS.find((s) => s.package === ref.module && s.shape !== 'decorator'
    && (s.shape === 'new' ? ref.new === true && (ref.member ? ref.member === s.export && (ref.name === 'default' || ref.name === '*') : s.export === ref.name)
      : s.member !== undefined ? (ref.name === s.export || (ref.name === '*' && s.export === 'default')) && ref.member === s.member
        : ref.name === s.export && !ref.new)) ?? null;
}

/** The scheduler a decorator imported from `module` as `imported` is, or null. */
export function schedulingDecorator(module: string, imported: string): Scheduler | null {
  return SCHEDULERS.find((s) => s.shape === 'decorator' && s.package === module && s.export === imported) ?? null;
}

/**
 * Libraries that let one replica of many take a job: a lock held in Redis or the database for the run.
 * A file that uses one around its schedule is taken to elect its runner.
 */
export interface DistributedLock { package: string; example: string; source: string }

export const DISTRIBUTED_LOCKS: readonly DistributedLock[] = [
  { package: 'redlock', example: "import Redlock from 'redlock'; await redlock.using(['digest'], 60000, async () => sendDigest());", source: 'https://github.com/mike-marcacci/node-redlock#usage' },
  { package: '@sesamecare-oss/redlock', example: "import { Redlock } from '@sesamecare-oss/redlock'; await redlock.using(['digest'], 60000, async () => sendDigest());", source: 'https://github.com/sesamecare/redlock#usage' },
  { package: 'redis-semaphore', example: "import { Mutex } from 'redis-semaphore'; const m = new Mutex(redis, 'digest'); await m.acquire();", source: 'https://github.com/swarthy/redis-semaphore#usage' },
  { package: 'warlock', example: "const warlock = require('warlock')(redis); warlock.lock('digest', 60000, (err, unlock) => {});", source: 'https://github.com/thedeveloper/warlock#usage' },
];

export function isDistributedLock(module: string): boolean {
  return DISTRIBUTED_LOCKS.some((l) => l.package === module);
}

/**
 * Locks taken without a lock library: the idioms one replica uses to claim a run through the store it
 * already has. A job whose body (or a function it calls) takes one is taken to elect its runner.
 * `advisory-sql`: SQL text passed to a query call names one of `functions`; `redis-nx`: a `set` with the
 * NX option (`'NX'` among its arguments, or `{ NX: true }`), or `setnx`; `lock-document`: an atomic
 * find-and-modify on a model or collection whose name says it holds locks (a name: low confidence).
 */
export interface LockIdiom {
  idiom: 'advisory-sql' | 'redis-nx' | 'lock-document';
  methods?: readonly string[];
  functions?: readonly string[];
  example: string;
  source: string;
}

export const LOCK_IDIOMS: readonly LockIdiom[] = [
  {
    idiom: 'advisory-sql', functions: ['pg_try_advisory_lock', 'pg_advisory_lock', 'pg_try_advisory_xact_lock', 'pg_advisory_xact_lock'],
    example: "const { rows } = await pool.query('SELECT pg_try_advisory_lock($1) AS ok', [42]);",
    source: 'https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS',
  },
  {
    idiom: 'advisory-sql', functions: ['get_lock'],
    example: "const [rows] = await conn.query(\"SELECT GET_LOCK('digest', 0) AS ok\");",
    source: 'https://dev.mysql.com/doc/refman/8.0/en/locking-functions.html#function_get-lock',
  },
  { idiom: 'redis-nx', methods: ['set'], example: "await redis.set('lock:digest', id, 'PX', 60000, 'NX');", source: 'https://redis.io/docs/latest/commands/set/' },
  { idiom: 'redis-nx', methods: ['setnx', 'setNX'], example: "await redis.setnx('lock:digest', id);", source: 'https://redis.io/docs/latest/commands/setnx/' },
  {
    idiom: 'lock-document', methods: ['findOneAndUpdate', 'findOneAndReplace'],
    example: "await Lock.findOneAndUpdate({ _id: 'digest', until: { $lt: now } }, { until: later }, { upsert: true });",
    source: 'https://www.mongodb.com/docs/manual/reference/method/db.collection.findOneAndUpdate/',
  },
];

/** A call as collect reads it for a lock: its method, the SQL text it is given, its option words, its receiver's name words. */
export interface LockCall {
  method: string;
  /** The SQL text of its first argument (a string, a template's literal parts, a tagged template), or null. */
  sql: string | null;
  /** Its string arguments and the keys of its object arguments set to `true`, as written. */
  flags: readonly string[];
  /** The name words of its receiver (`JobLock` -> job, lock; `db.collection('locks')` -> locks). */
  receiver: readonly string[];
}

/** The lock idiom a call takes, or null. `sqlCall` says whether the method executes SQL text (the SQL libraries' descriptors). */
export function lockIdiomOf(call: LockCall, sqlCall: boolean): LockIdiom['idiom'] | null {
  if (sqlCall && call.sql) {
    const words = new Set(call.sql.toLowerCase().split(/[^a-z0-9_]+/));
    if (LOCK_IDIOMS.some((l) => l.idiom === 'advisory-sql' && l.functions!.some((f) => words.has(f)))) return 'advisory-sql';
  }
  const by = LOCK_IDIOMS.find((l) => l.methods?.includes(call.method));
  if (!by) return null;
  if (by.idiom === 'redis-nx') return call.method !== 'set' || call.flags.some((f) => f.toUpperCase() === 'NX') ? 'redis-nx' : null;
  return call.receiver.some((w) => w.toLowerCase() === 'lock' || w.toLowerCase() === 'locks') ? 'lock-document' : null;
}
