// Typed facts: each collector declares the records it emits once, as a schema, and both sides use
// that declaration: the collector emits through the handle (the compiler checks each record), a
// repository rule reads through it (`ctx.facts(consoleFacts)` gives typed records, no coercion).
// Tests check every record the collectors give on real repositories against the schema (see
// fact-check.ts).
//
// The schema is a function of the zod it is handed, not a zod object built on import: zod takes
// 100-250 ms to load here, and a run (and each collect worker) never needs it. Only a check loads it.
import type { z } from 'zod';
import type { TextContext } from '../host.js';

export type Zod = typeof z;

/** A record as rules read it: collect adds the path of the file it came from. */
export type Located<T> = T & { path: string };

/** Facts as collect gives them: records by collector id, each with its path. */
export type FactTable = Readonly<Record<string, ReadonlyArray<Record<string, unknown> & { path: string }>>>;

export interface Facts<T> {
  /** The collector's id (`collect/console`): the host that emits these records has it too. */
  readonly id: string;
  /** One record as emitted (without `path`), built with the zod given. */
  schema(zod: Zod): z.ZodType;
  /** Emits one record: the only way a collector's records are typed at the source. */
  emit(ctx: Pick<TextContext, 'emit'>, record: T): void;
  /** The collector's records in a fact table, typed ([] when it has none). */
  of(facts: FactTable): Array<Located<T>>;
}

/** The record type of a handle, as rules read it (with its path). */
export type FactOf<H> = H extends Facts<infer T> ? Located<T> : never;
/** The record type of a handle, as its collector emits it (no path yet). */
export type RecordOf<H> = H extends Facts<infer T> ? T : never;

export function defineFacts<S extends z.ZodType>(id: string, schema: (zod: Zod) => S): Facts<z.output<S>> {
  return {
    id,
    schema,
    emit(ctx, record) {
      ctx.emit(record as Record<string, unknown>);
    },
    // The one place records get their type: they were emitted through `emit`, which the compiler
    // checked, and the cache gives back what was emitted (its salt covers the code that emitted it).
    of: (facts) => (facts[id] ?? []) as unknown as Array<Located<z.output<S>>>,
  };
}
