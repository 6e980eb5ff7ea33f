// How a job library names a job where it is defined and where it is put on the queue, and where an
// env-file loader takes the file it reads. verify decides "job X defined and scheduled" and "production
// never reads .env.example" from these calls, resolved through the file's imports, never from the words.

export interface JobCall {
  /** The method on the library's instance (`agenda.define(...)`). */
  method: string;
  /** The argument that holds the job's name. */
  nameArg: number;
  /** A call as the library's documentation writes it, naming the job 'report'. */
  example: string;
  source: string;
}

/** A job scheduler whose instance defines jobs by name and schedules them by the same name. */
export interface JobScheduler {
  /** The module as imported. */
  module: string;
  defines: readonly JobCall[];
  /** Calls that put a defined job on the queue (now, at a time, repeatedly, or created then saved). */
  schedules: readonly JobCall[];
}

export const JOB_SCHEDULERS: readonly JobScheduler[] = [
  {
    module: 'agenda',
    defines: [{ method: 'define', nameArg: 0, example: "agenda.define('report', async (job) => {})", source: 'https://github.com/agenda/agenda#definejobname-options-handler' }],
    schedules: [
      { method: 'now', nameArg: 0, example: "agenda.now('report', { to: 'a@b.c' })", source: 'https://github.com/agenda/agenda#nowname-data' },
      { method: 'schedule', nameArg: 1, example: "agenda.schedule('in 20 minutes', 'report', {})", source: 'https://github.com/agenda/agenda#schedulewhen-name-data' },
      { method: 'every', nameArg: 1, example: "agenda.every('3 minutes', 'report')", source: 'https://github.com/agenda/agenda#everyinterval-name-data-options' },
      { method: 'create', nameArg: 0, example: "agenda.create('report', {}).save()", source: 'https://github.com/agenda/agenda#createjobname-data (then job.save())' },
    ],
  },
];

/** The scheduler call a method and a module are, or null. */
export function jobCall(module: string, method: string): { kind: 'define' | 'schedule'; call: JobCall } | null {
  const s = JOB_SCHEDULERS.find((x) => x.module === module);
  if (!s) return null;
  const d = s.defines.find((c) => c.method === method);
  if (d) return { kind: 'define', call: d };
  const q = s.schedules.find((c) => c.method === method);
  return q ? { kind: 'schedule', call: q } : null;
}

/** A loader that reads an env file into `process.env`: which call, where its path option is, and the file read when it is absent. */
export interface EnvFileLoader { module: string; export: string; arg: number; key: string; default: string; source: string }

export const ENV_FILE_LOADERS: readonly EnvFileLoader[] = [
  { module: 'dotenv', export: 'config', arg: 0, key: 'path', default: '.env', source: 'https://github.com/motdotla/dotenv#path (default path.resolve(process.cwd(), \'.env\'))' },
  { module: 'dotenv-safe', export: 'config', arg: 0, key: 'path', default: '.env', source: 'https://github.com/rolodato/dotenv-safe#options (path as dotenv; example is only read for the names it requires)' },
];
