// collect/runtime: how a service runs: servers that listen, signal and process-error handlers, what
// the shutdown path closes, environment reads and validation, queue producers and consumers.
// Records with a line quote it (`snippet`), so rules can cite source files they cannot read.
import type { ZodRawShape } from 'zod';
import { FILE_ROLES } from '../../util/roles.js';
import { defineFacts, type FactOf } from './define.js';

export const runtimeFacts = defineFacts('collect/runtime', (z) => {
  const role = z.enum(FILE_ROLES);
  /** A line and its text. */
  const at = { line: z.number().int().positive(), snippet: z.string() };
  const fact = <K extends string, S extends ZodRawShape>(kind: K, shape: S) => z.strictObject({ kind: z.literal(kind), ...shape });
  return z.discriminatedUnion('kind', [
    fact('listen', { ...at, role }),
    /**
     * `process.on('SIGTERM', handler)`: what the handler calls, whether it calls a closing method (`.close()`, `.end()`, ...)
     * itself, and the chain of each such call (`server.close`, `mongoose.connection.close`).
     */
    fact('signal', { signal: z.enum(['SIGTERM', 'SIGINT']), ...at, role, closes: z.boolean(), calls: z.array(z.string()), closed: z.array(z.string()) }),
    /** A named function whose body calls a closing method; `closed`: each such call's chain (`server.close`, `?.close` for a computed receiver). */
    fact('closer', { name: z.string(), closed: z.array(z.string()) }),
    /**
     * A database client opened through its library (knowledge/db-clients): the package and the name it is
     * bound to (the variable, or the module for `mongoose.connect()`), null when it is bound to none.
     */
    fact('db-client', { package: z.string(), binding: z.string().nullable(), ...at, role }),
    fact('shutdown-lib', { name: z.string(), ...at, role }),
    fact('process-error', { event: z.enum(['unhandledRejection', 'uncaughtException']), ...at, role }),
    fact('error-reporter', { name: z.string(), ...at, role }),
    /** The first read of a variable in the file; `fallback`: some read of it has a default, a guard or a comparison. */
    fact('env', { name: z.string(), ...at, source: z.enum(['process', 'worker', 'import.meta']), fallback: z.boolean(), role }),
    fact('env-validation', { ...at, via: z.string(), names: z.array(z.string()), role }),
    fact('env-write', { name: z.string() }),
    /** A BullMQ Worker or NestJS @Processor (its shutdown is judged; the queue wiring is collect/queues). */
    fact('bull-worker', { name: z.string().nullable(), ...at }),
    /** A worker made by `new Worker(...)` of a queue library and bound to a variable (`exported`: the export's name, when `export const`). */
    /**
     * A client that emits 'error' on a lost idle connection (knowledge/client-errors), made by its library: the
     * package and export, the variable it is bound to (null when none: an argument, a field), and the names the
     * file exports it under (`default` for `export default x`/`module.exports = x`).
     */
    fact('error-client', { package: z.string(), how: z.enum(['new', 'call', 'member']), export: z.string(), variable: z.string().nullable(), exported: z.array(z.string()), ...at, role }),
    fact('worker-binding', { from: z.string(), cls: z.string(), variable: z.string(), exported: z.string().nullable(), ...at }),
    /**
     * `x.on('event', ...)` on a local made by `new` or a call, or on an import (`import` or `require`; it may be
     * one made in another file of the repository): the import's module and name, or null for a local.
     */
    fact('listener', { receiver: z.string(), event: z.string(), from: z.string().nullable(), imported: z.string().nullable(), ...at }),
    fact('queue-send', { binding: z.string(), ...at }),
    fact('queue-handler', { ...at }),
  ]);
});
export type RuntimeFact = FactOf<typeof runtimeFacts>;
export type RuntimeKind = RuntimeFact['kind'];
/** A runtime record of one kind. */
export type RuntimeFactOf<K extends RuntimeKind> = Extract<RuntimeFact, { kind: K }>;

export function runtimeFactsOf<K extends RuntimeKind>(records: RuntimeFact[], kind: K): Array<RuntimeFactOf<K>> {
  return records.filter((r): r is RuntimeFactOf<K> => r.kind === kind);
}
