// TODO / FIXME / HACK / XXX markers in comments of source files (upper case, as a word).
import { snippetOf } from '../../util/text.js';
import type { VisitorHost } from '../host.js';
import { SOURCE_EXTENSIONS } from '../../discover/index.js';
import { markerFacts, type MarkerFact } from '../facts/markers.js';

const TAGS: ReadonlyArray<MarkerFact['tag']> = ['TODO', 'FIXME', 'HACK', 'XXX'];
const MARKER = new RegExp(`\\b(${TAGS.join('|')})\\b`);
const COMMENT_START = /\/\/|\/\*|^\s*\*/;

export const markers: VisitorHost = {
  id: markerFacts.id,
  appliesTo: (f) => SOURCE_EXTENSIONS.includes(f.ext) && f.role !== 'generated',
  text(ctx) {
    if (!MARKER.test(ctx.text)) return;
    const lines = ctx.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = MARKER.exec(lines[i]);
      const tag = m && TAGS.find((t) => t === m[1]);
      if (!tag) continue;
      const comment = COMMENT_START.exec(lines[i]);
      if (!comment || comment.index > m!.index) continue;
      markerFacts.emit(ctx, { tag, line: i + 1, snippet: snippetOf(lines[i]), role: ctx.file.role });
    }
  },
};
