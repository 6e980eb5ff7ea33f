// A worker's SQL built from job data: the producer that filled the job decides where the value comes
// from. When a route (in any file) enqueues request input into the field the sink reads, the route is
// the origin, and the path request → enqueue → job → sink is the evidence. When the repository's own
// producers fill that field only from values the code chooses, no requester reaches the SQL; when no
// producer is in the repository, the queue is fed from elsewhere and its data is external input, but no
// request path is shown, so the finding is high, not critical.
import type { ReviewContext, RuleFinding } from '../api.js';
import { feedsOf, producerOf, throughQueue } from './queue-jobs.js';

const SINK_NOTE = 'source → sink: ';

export function reviewSqlJob(finding: RuleFinding, ctx: ReviewContext): RuleFinding | null {
  const { jobQueue, jobField, ...data } = finding.data ?? {};
  if (typeof jobQueue !== 'string') return finding;
  const field = String(jobField ?? '');
  const producer = jobQueue === '' ? null : producerOf(jobQueue, field, ctx);
  const note = finding.evidence.find((e) => e.kind === 'note' && e.text.startsWith(SINK_NOTE));
  const sinkFlow = note && note.kind === 'note' ? note.text.slice(SINK_NOTE.length) : '';
  if (producer) {
    return {
      ...finding,
      data: { ...data, origin: `; request input reaches it through queue '${jobQueue}', which ${producer.at} fills from ${producer.flow[0] ?? 'request input'}` },
      evidence: [...finding.evidence.filter((e) => e !== note), { kind: 'note', text: throughQueue(producer, jobQueue, sinkFlow) }],
    };
  }
  const fed = jobQueue === '' ? [] : feedsOf(jobQueue, field, ctx);
  const what = field ? `field '${field}' of the job` : 'the job data';
  if (fed.length === 0) {
    const why = jobQueue === '' ? "producer not linked (the worker's queue name is not a constant)" : 'producer not in this repository';
    return {
      ...finding, severity: 'high', data: { ...data, origin: `; ${why}: ${what} is external input (${sinkFlow})` },
      evidence: [...finding.evidence, { kind: 'note', text: `${why}: job data is external input` }],
    };
  }
  const unchosen = fed.filter((f) => f.kind !== 'local');
  if (unchosen.length === 0) return null;
  // A producer that enqueues a caller's value (or the command line's): the request, if any, is further up.
  const severity = unchosen.some((f) => f.kind === 'caller') ? 'high' as const : 'medium' as const;
  const at = unchosen.map((f) => f.at).slice(0, 3).join(', ');
  return {
    ...finding, severity,
    data: { ...data, origin: `; queue '${jobQueue}' is filled by producers in this repository (${at}) from ${severity === 'high' ? "callers' values" : 'command-line arguments'}, not traced to request input` },
    evidence: [...finding.evidence.filter((e) => e !== note), { kind: 'note', text: `path: ${at} → queue '${jobQueue}' → ${sinkFlow}` }],
  };
}
