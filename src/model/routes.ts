// The route inventory (`inventory.routes`): every HTTP route and WebSocket upgrade verdict found,
// with the middleware that applies to it after app-level `use`, router mounting and hooks.
import { z } from 'zod';

export const RouteEntry = z.object({
  framework: z.string().describe('hono | express | fastify | next | workers | itty-router | ws'),
  method: z.string().describe('GET, POST, ..., ALL, or WS for an upgrade'),
  path: z.string().describe('Full path after mount prefixes; "?" where a prefix could not be resolved'),
  file: z.string(),
  line: z.number().int().min(1),
  package: z.string().nullable(),
  handler: z.string().describe('Handler name or a short summary of an inline handler'),
  middleware: z.array(z.string()).describe('Middleware and guards that apply, outermost first'),
  auth: z.string().nullable().describe('The guard or in-handler check recognised as authentication'),
  authBy: z.enum(['config', 'library', 'body', 'name']).optional()
    .describe('What recognised it: your config, a library descriptor, the code of the guard or handler, or (low confidence) only its name'),
  rateLimited: z.boolean(),
  touchesData: z.boolean().describe('The handler visibly reads or writes a database, KV or ORM'),
  websocket: z.boolean(),
});
export type RouteEntry = z.infer<typeof RouteEntry>;

export const RouteInventory = z.object({
  routes: z.array(RouteEntry),
  summary: z.object({
    total: z.number().int(),
    byFramework: z.record(z.string(), z.number().int()),
    withoutAuth: z.number().int().describe('Routes that read or change data with no authentication recognised'),
    public: z.number().int().describe('Routes recognised as public by design (health, login, webhooks, OPTIONS)'),
  }),
});
export type RouteInventory = z.infer<typeof RouteInventory>;
