// "AI embedding queue | Already in place": a queue the report names by what it carries. The queue is
// resolved to a producer binding of a release wrangler config by its name, and judged by the audit's
// queue-wiring rule, which searched the release code for the binding's `send()`/`sendBatch()` calls and
// the configs for a consumer: a queue consumed but never fed is not in place.
import type { WranglerConfig } from '../../discover/index.js';
import type { Subject } from '../model.js';
import { fileEvidence } from '../repo.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';

const RULE = 'reliability/queue-wiring';
/** The rule's messages that say one end of the queue is missing. */
const BROKEN = new Set(['producerUnused', 'sentUnconsumed', 'noQueueHandler']);

/** "<what it carries> queue" said to be in place; null for other lines (a count of queues is a count). */
export function queueClaim(text: string): Subject | null {
  const t = text.replace(/\*\*|__/g, '');
  if (!/\b(already in place|in place|implemented|working|operational|✅)/i.test(t) || /\b\d+\s+queues\b/i.test(t)) return null;
  const cell = t.split('|').map((c) => c.trim()).find((c) => /^[A-Za-z][\w -]{2,40}\squeue$/i.test(c));
  if (!cell) return null;
  const words = cell.replace(/\squeue$/i, '').split(/[\s-]+/).filter((w) => w.length >= 4);
  return words.length ? { topic: 'queue', words: words.join(',') } : null;
}

const stem = (w: string) => w.toLowerCase().slice(0, Math.max(4, Math.min(5, w.length)));

export function queueFed(s: Subject, ctx: CheckContext): Check {
  const words = String(s.words).split(',');
  const workers = ((ctx.run.inventory.workers as WranglerConfig[] | undefined) ?? []).filter((w) => ctx.repo.isRelease(w.path));
  const named = (x: string) => words.some((w) => x.toLowerCase().replace(/[^a-z]/g, '').includes(stem(w)));
  const hits = workers.flatMap((w) => w.queueProducers.filter((p) => named(p.binding) || (typeof p.queue === 'string' && named(p.queue))).map((p) => ({ w, p })));
  if (hits.length !== 1) return unverifiable(hits.length ? `${hits.length} queue producer bindings match "${words.join(' ')}"` : `no queue producer binding in a release wrangler config matches "${words.join(' ')}"`);
  const { w, p } = hits[0];
  const at = { path: w.path, line: p.line, text: ctx.repo.lines(w.path)?.[p.line - 1] ?? p.binding };
  const { only, skip } = ctx.run.options;
  const selected = (x: string) => RULE === x || RULE.startsWith(`${x}/`);
  if (skip.some(selected) || (only.length > 0 && !only.some(selected))) return unverifiable(`the audit's ${RULE} rule did not run (--only/--skip)`);
  const broken = ctx.run.findings.filter((f) => f.ruleId === RULE && !f.suppressed && f.messageId && BROKEN.has(f.messageId)
    && f.location?.path === w.path && (f.location.line === p.line || f.messageId === 'noQueueHandler'));
  if (broken.length) {
    return contradicted(`${p.binding} (${w.path}:${p.line}): ${broken.map((f) => f.message).join('; ')}`,
      [fileEvidence(at), ...broken.flatMap((f) => f.evidence.filter((e) => e.kind === 'note')).slice(0, 2)]);
  }
  const sends = ctx.repo.grep(new RegExp(`\\b${p.binding}\\??\\.(send|sendBatch)\\s*\\(`), ctx.repo.serviceFiles(), 5);
  if (sends.length === 0) return unverifiable(`the audit reports no broken end for ${p.binding}, but no \`${p.binding}.send()\` call was found to show`);
  return confirmed(`${p.binding} (${w.path}:${p.line}) is fed at ${sends[0].path}:${sends[0].line} and its queue has a consumer`, [fileEvidence(at), fileEvidence(sends[0])]);
}
