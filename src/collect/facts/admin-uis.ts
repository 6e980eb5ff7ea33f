// collect/admin-uis: an admin or queue dashboard (knowledge/admin-uis) mounted on a server:
// `app.use('/admin/queues', serverAdapter.getRouter())`, `app.register(adapter.registerPlugin(), { prefix })`.
// The link stage adds each mount to the route table, so the route rules see it with its chain.
import { defineFacts, type FactOf } from './define.js';

export const adminUiFacts = defineFacts('collect/admin-uis', (z) => z.strictObject({
  line: z.number().int().positive(),
  /** The server or router it is mounted on, as written (`app`, `router`). */
  receiver: z.string(),
  /** The mount's path (`use`'s first argument, `register`'s `prefix`); null when none is given (the receiver's root). */
  prefix: z.string().nullable(),
  package: z.string(),
  framework: z.string(),
  /** Middleware given in the same call before the dashboard (`app.use('/q', basicAuth(...), router)`), as the route facts name middleware. */
  before: z.array(z.strictObject({ name: z.string(), from: z.string().nullable(), imported: z.string().nullable() })),
  snippet: z.string(),
}));
export type AdminUiMount = FactOf<typeof adminUiFacts>;
