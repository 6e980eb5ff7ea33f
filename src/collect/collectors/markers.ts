// TODO / FIXME / HACK / XXX markers in comments of source files (upper case, as a word).
import { snippetOf } from '../../util/text.js';
import type { VisitorHost } from '../host.js';
import { SOURCE_EXTENSIONS } from '../../discover/index.js';

type FactRecord = Record<string, unknown> & { path: string };

export interface MarkerFact { path: string; tag: string; line: number; snippet: string; role: string }

const MARKER = /\b(TODO|FIXME|HACK|XXX)\b/;
const COMMENT_START = /\/\/|\/\*|^\s*\*/;

export const markers: VisitorHost = {
  id: 'collect/markers',
  appliesTo: (f) => SOURCE_EXTENSIONS.includes(f.ext) && f.role !== 'generated',
  text(ctx) {
    if (!MARKER.test(ctx.text)) return;
    const lines = ctx.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = MARKER.exec(lines[i]);
      if (!m) continue;
      const comment = COMMENT_START.exec(lines[i]);
      if (!comment || comment.index > m.index) continue;
      ctx.emit({ tag: m[1], line: i + 1, snippet: snippetOf(lines[i]), role: ctx.file.role });
    }
  },
};

export function markerFacts(records: FactRecord[]): MarkerFact[] {
  return records as unknown as MarkerFact[];
}
