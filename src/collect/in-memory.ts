// Files given as text rather than read from disk (the RuleTester's code strings): processed by the
// same per-file path as `collect` (LocalProcessor: triggers, one parse, one traversal feeding every
// host) and merged the same way, without the disk, the cache or worker threads.
import { isSourcePath } from '../discover/index.js';
import { emptyResult, lazyFacts, LocalProcessor, mergeSlots, type CollectResult, type Slot } from './index.js';
import type { FileMeta, VisitorHost } from './host.js';

export interface TextFile {
  meta: FileMeta;
  text: string;
}

/** `keepDocument`: which non-source files repository rules see as documents (all of them by default). */
export function collectTexts(files: readonly TextFile[], hosts: VisitorHost[], keepDocument: (path: string) => boolean = () => true): CollectResult {
  const res = emptyResult(hosts);
  const local = new LocalProcessor(hosts, null);
  const slots: Slot[] = [];
  for (const { meta, text } of files) {
    const source = isSourcePath(meta.path);
    const bytes = Buffer.from(text, 'utf8');
    res.stats.files++;
    res.stats.read++;
    res.stats.bytes += bytes.length;
    if (source) res.stats.sourceFiles++;
    else if (keepDocument(meta.path)) res.documents.set(meta.path, text);
    const done = local.process({ slot: slots.length, meta, bytes, source });
    slots.push({ meta, abs: meta.path, key: undefined, result: done.result, parsed: done.parsed });
  }
  mergeSlots(res, slots, hosts, null);
  lazyFacts(res, slots, hosts, null, local);
  return res;
}
