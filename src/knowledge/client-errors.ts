// Database and cache clients that are event emitters and emit 'error' when a connection they hold
// breaks while nobody is using it (the database restarts, a proxy drops an idle socket). What happens
// when no 'error' listener is registered differs by library: Node's EventEmitter throws an unlistened
// 'error' (the process exits), unless the library checks for listeners first and only logs.

export interface ErrorEmittingClient {
  package: string;
  /** How the client is made: `new` of a class, `call` of an export, `member`: a function of the whole module (`redis.createClient()`). */
  how: 'new' | 'call' | 'member';
  /** The export (`default` for the module's default) or, for `member`, the function's name. */
  export: string;
  /** What a reader calls it in a message. */
  name: string;
  /** With no 'error' listener: `throws` (an uncaught exception, the process exits) or `logged` (the library prints it and goes on). */
  unlistened: 'throws' | 'logged';
  example: string;
  source: string;
}

const PG_POOL = 'https://node-postgres.com/apis/pool#events ("error": emitted when an idle client in the pool errors; add a listener, or Node emits an uncaught error and the process may crash)';
const PG_CLIENT = 'https://node-postgres.com/apis/client#events ("error": a connected client that loses its connection while idle emits it)';
const NODE_REDIS = 'https://github.com/redis/node-redis#events ("You MUST listen to error events": with no error listener an error is thrown and the process exits)';
const IOREDIS = 'https://github.com/redis/ioredis/commit/097fdbc (silentEmit: with no error listener ioredis prints "[ioredis] Unhandled error event" instead of emitting)';

export const ERROR_EMITTING_CLIENTS: readonly ErrorEmittingClient[] = [
  { package: 'pg', how: 'new', export: 'Pool', name: 'pg Pool', unlistened: 'throws', example: "import { Pool } from 'pg'; const pool = new Pool(); pool.on('error', (err) => log.error(err));", source: PG_POOL },
  { package: 'pg', how: 'new', export: 'Client', name: 'pg Client', unlistened: 'throws', example: "import { Client } from 'pg'; const client = new Client(); client.on('error', (err) => log.error(err));", source: PG_CLIENT },
  { package: 'redis', how: 'call', export: 'createClient', name: 'node-redis client', unlistened: 'throws', example: "import { createClient } from 'redis'; const client = createClient({ url }); client.on('error', (err) => log.error(err));", source: NODE_REDIS },
  { package: 'redis', how: 'member', export: 'createClient', name: 'node-redis client', unlistened: 'throws', example: "import redis from 'redis'; const client = redis.createClient({ url }); client.on('error', (err) => log.error(err));", source: NODE_REDIS },
  { package: 'ioredis', how: 'new', export: 'default', name: 'ioredis client', unlistened: 'logged', example: "import Redis from 'ioredis'; const redis = new Redis(url); redis.on('error', (err) => log.error(err));", source: IOREDIS },
  { package: 'ioredis', how: 'new', export: 'Redis', name: 'ioredis client', unlistened: 'logged', example: "import { Redis } from 'ioredis'; const redis = new Redis(url); redis.on('error', (err) => log.error(err));", source: IOREDIS },
];

/** The client `module`'s export makes when used this way (`imported`: `default` or `*` for the module itself), or null. */
export function errorEmittingClient(module: string, imported: string, how: 'new' | 'call' | 'member', member?: string): ErrorEmittingClient | null {
  const name = how === 'member' ? member : imported === '*' ? 'default' : imported;
  return ERROR_EMITTING_CLIENTS.find((c) => c.package === module && c.how === how && c.export === name) ?? null;
}
