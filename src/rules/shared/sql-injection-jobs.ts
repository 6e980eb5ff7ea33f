// A worker's SQL built from job data: the producer that filled the job decides where the value comes
// from. When a route (in any file) enqueues request input into the field the sink reads, the route is
// the origin, and the path request → enqueue → job → sink is the evidence.
import type { ReviewContext, RuleFinding } from '../api.js';
import { producerOf, throughQueue } from './queue-jobs.js';

const SINK_NOTE = 'source → sink: ';

export function reviewSqlJob(finding: RuleFinding, ctx: ReviewContext): RuleFinding {
  const { jobQueue, jobField, ...data } = finding.data ?? {};
  if (typeof jobQueue !== 'string') return finding;
  const producer = jobQueue === '' ? null : producerOf(jobQueue, String(jobField ?? ''), ctx);
  if (!producer) return { ...finding, data };
  const note = finding.evidence.find((e) => e.kind === 'note' && e.text.startsWith(SINK_NOTE));
  const sinkFlow = note && note.kind === 'note' ? note.text.slice(SINK_NOTE.length) : '';
  return {
    ...finding,
    data: { ...data, origin: `; request input reaches it through queue '${jobQueue}', which ${producer.at} fills from ${producer.flow[0] ?? 'request input'}` },
    evidence: [...finding.evidence.filter((e) => e !== note), { kind: 'note', text: throughQueue(producer, jobQueue, sinkFlow) }],
  };
}
