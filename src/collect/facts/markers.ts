// collect/markers: TODO / FIXME / HACK / XXX markers in comments.
import { FILE_ROLES } from '../../util/roles.js';
import { defineFacts, type FactOf } from './define.js';

export const markerFacts = defineFacts('collect/markers', (z) => z.strictObject({
  tag: z.enum(['TODO', 'FIXME', 'HACK', 'XXX']),
  line: z.number().int().positive(),
  snippet: z.string(),
  role: z.enum(FILE_ROLES),
}));
export type MarkerFact = FactOf<typeof markerFacts>;
