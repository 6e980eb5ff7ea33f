// Facts about queue libraries the reliability rules judge by: where a job's retry options go, and
// which event a consumer must listen to for its own errors.

export interface QueueRetryFact {
  package: string;
  /** The class whose `add` enqueues a job, the argument holding the job's options, and the option. */
  queueClass: string;
  optionsArg: number;
  retryOption: string;
  /** The queue's constructor option holding defaults for every job (index of the argument, key). */
  defaultsArg: number;
  defaultsKey: string;
  example: string;
  source: string;
}

export const QUEUE_RETRY_FACTS: readonly QueueRetryFact[] = [
  {
    package: 'bullmq', queueClass: 'Queue', optionsArg: 2, retryOption: 'attempts', defaultsArg: 1, defaultsKey: 'defaultJobOptions',
    example: "import { Queue } from 'bullmq'; const q = new Queue('mail', { defaultJobOptions: { attempts: 3 } }); await q.add('send', data, { attempts: 5, backoff: { type: 'exponential', delay: 1000 } });",
    source: 'https://docs.bullmq.io/guide/retrying-failing-jobs (a job is tried once unless `attempts` says otherwise)',
  },
];

export interface WorkerErrorEventFact {
  package: string;
  workerClass: string;
  event: string;
  example: string;
  source: string;
}

export const WORKER_ERROR_EVENTS: readonly WorkerErrorEventFact[] = [
  {
    package: 'bullmq', workerClass: 'Worker', event: 'error',
    example: "import { Worker } from 'bullmq'; const w = new Worker('mail', handler); w.on('error', (err) => log.error(err));",
    source: 'https://docs.bullmq.io/guide/workers (attach an error listener: an unhandled "error" event can stop the worker)',
  },
];

export function queueRetryFact(pkg: string, cls: string): QueueRetryFact | null {
  return QUEUE_RETRY_FACTS.find((f) => f.package === pkg && f.queueClass === cls) ?? null;
}

export function workerErrorEvent(pkg: string, cls: string): WorkerErrorEventFact | null {
  return WORKER_ERROR_EVENTS.find((f) => f.package === pkg && f.workerClass === cls) ?? null;
}
