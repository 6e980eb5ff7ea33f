// collect/telemetry: `/metrics` route strings, span calls and tracing SDK constructors.
import { FILE_ROLES } from '../../util/roles.js';
import { defineFacts, type FactOf } from './define.js';

export const telemetryFacts = defineFacts('collect/telemetry', (z) => z.strictObject({
  type: z.enum(['metrics-route', 'span', 'sdk']),
  /** The route string, the span method called, or the class constructed. */
  name: z.string(),
  line: z.number().int().positive(),
  snippet: z.string(),
  role: z.enum(FILE_ROLES),
}));
export type TelemetryFact = FactOf<typeof telemetryFacts>;
