// How values move through the language's own library, for the taint tracer: built-in methods that
// call a callback with the elements of the receiver (`rows.map((row) => ...)`), so the callback's
// parameter holds what the receiver holds.

export interface ElementCallback {
  method: string;
  /** Which parameter of the callback receives an element. */
  param: number;
  example: string;
  source: string;
}

const MDN = 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array';

export const ELEMENT_CALLBACKS: readonly ElementCallback[] = [
  ...['map', 'forEach', 'filter', 'flatMap', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex'].map((method) => ({
    method, param: 0, example: `rows.${method}((row) => row.name)`, source: `${MDN}/${method}`,
  })),
  { method: 'reduce', param: 1, example: 'rows.reduce((acc, row) => acc + row.n, 0)', source: `${MDN}/reduce` },
];

/**
 * Built-in methods whose result is made of what their callback returns for each element
 * (`items.reduce((sum, i) => sum + i.price * i.quantity, 0)`, `items.map((i) => i.price)`): the result
 * holds what those returned values hold, not a value of its own.
 */
export const RESULT_FROM_CALLBACK: readonly { method: string; example: string; source: string }[] = [
  { method: 'reduce', example: 'const total = items.reduce((sum, i) => sum + i.price * i.quantity, 0);', source: `${MDN}/reduce` },
  { method: 'reduceRight', example: 'const total = items.reduceRight((sum, i) => sum + i.price, 0);', source: `${MDN}/reduceRight` },
  { method: 'map', example: 'const prices = items.map((i) => i.price);', source: `${MDN}/map` },
  { method: 'flatMap', example: 'const prices = orders.flatMap((o) => o.items.map((i) => i.price));', source: `${MDN}/flatMap` },
];

/** Whether `.method(callback)`'s result is built from what the callback returns (RESULT_FROM_CALLBACK). */
export function resultFromCallback(method: string): boolean {
  return RESULT_FROM_CALLBACK.some((m) => m.method === method);
}

/** Whether parameter `index` of a callback given first to `.method(...)` receives the receiver's elements. */
export function receivesElements(method: string, index: number): boolean {
  return ELEMENT_CALLBACKS.some((c) => c.method === method && c.param === index);
}

/**
 * Schema builders whose parse gives a number or fails: `z.coerce.number().int().parse(x)`. The
 * schema is the call chain on the library's export; a number cannot carry SQL text.
 */
export interface NumericSchema { package: string; exports: readonly string[]; numeric: readonly string[]; parse: readonly string[]; example: string; source: string }

export const NUMERIC_SCHEMAS: readonly NumericSchema[] = [
  {
    package: 'zod', exports: ['z', 'default', '*'], numeric: ['number', 'bigint'], parse: ['parse', 'parseAsync'],
    example: "import { z } from 'zod'; const limit = z.coerce.number().int().parse(req.query.limit);",
    source: 'https://zod.dev/api#numbers',
  },
];

/** Whether `.method()` on a chain of `members` (root first, after the import) of `from`'s export `imported` parses to a number. */
export function parsesNumber(from: string, imported: string, members: readonly string[], method: string): boolean {
  return NUMERIC_SCHEMAS.some((s) => s.package === from && s.exports.includes(imported) && s.parse.includes(method) && members.some((m) => s.numeric.includes(m)));
}

/**
 * Schema builders whose parse lets through only the values they list, or fails:
 * `z.enum(['asc', 'desc']).parse(x)`. The list is the builder's one argument.
 */
export interface AllowListSchema { package: string; exports: readonly string[]; builders: readonly string[]; parse: readonly string[]; example: string; source: string }

export const ALLOW_LIST_SCHEMAS: readonly AllowListSchema[] = [
  {
    package: 'zod', exports: ['z', 'default', '*'], builders: ['enum'], parse: ['parse', 'parseAsync'],
    example: "import { z } from 'zod'; const dir = z.enum(['asc', 'desc']).parse(req.query.dir);",
    source: 'https://zod.dev/api#enums',
  },
];

/** The builders (`enum`) whose `.method()` on `from`'s export `imported` returns only a listed value; empty when none. */
export function allowListBuilders(from: string, imported: string, method: string): readonly string[] {
  return ALLOW_LIST_SCHEMAS.filter((s) => s.package === from && s.exports.includes(imported) && s.parse.includes(method)).flatMap((s) => s.builders);
}
