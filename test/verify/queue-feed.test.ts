// "Thumbnail queue | in place": a Cloudflare queue named by what it carries, judged by whether release
// code feeds its producer binding and a consumer takes it. The worker is written here: one queue is fed
// and consumed, the other is consumed but nothing sends to it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
const reports = mkdtempSync(join(tmpdir(), 'verdict-queue-feed-'));

beforeAll(() => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'gallery', private: true, main: 'src/index.ts', devDependencies: { wrangler: '3' } }),
    'wrangler.toml': [
      'name = "gallery"', 'main = "src/index.ts"', '',
      '[[queues.producers]]', 'binding = "THUMB_QUEUE"', 'queue = "gallery-thumbs"', '',
      '[[queues.consumers]]', 'queue = "gallery-thumbs"', '',
      '[[queues.producers]]', 'binding = "INDEXING_QUEUE"', 'queue = "gallery-index"', '',
      '[[queues.consumers]]', 'queue = "gallery-index"', '',
    ].join('\n'),
    'src/index.ts': [
      'export default {',
      '  async fetch(req: Request, env: any) {',
      "    await env.THUMB_QUEUE.send({ url: req.url });",
      "    return new Response('ok');",
      '  },',
      '  async queue(batch: any, env: any) {',
      '    for (const m of batch.messages) m.ack();',
      '  },',
      '};', '',
    ].join('\n'),
  });
});
afterAll(() => { removeRepo(root); removeRepo(reports); });

describe('a queue named by what it carries', () => {
  it('is in place when its binding is fed and consumed, and not when nothing sends to it', async () => {
    const file = join(reports, 'r.md');
    writeFileSync(file, [
      '| Area | Item | Status |', '|---|---|---|',
      '| Media | Thumbnail queue | Already in place |',
      '| Search | Indexing queue | Already in place |',
    ].join('\n'));
    const res = await verifyReport({ report: file, repo: root, exec: false, cache: false });
    const at = (line: number) => res.claims.find((c) => c.line === line)!;
    expect(at(3).verdict).toBe('confirmed');
    expect(at(3).evidence).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'src/index.ts', line: 3 })]));
    expect(at(4).verdict).toBe('contradicted');
    expect(at(4).reason).toContain('INDEXING_QUEUE');
    expect(at(4).evidence[0]).toMatchObject({ path: 'wrangler.toml', line: 12 });
  });
});
