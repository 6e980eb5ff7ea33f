// collect/modules: what each source file imports, exports and uses by name.
import { defineFacts, type FactOf } from './define.js';
import { bodySchema } from './routes.js';

export const moduleFacts = defineFacts('collect/modules', (z) => {
  const line = z.number().int().positive();
  const { body } = bodySchema(z);
  return z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('import'),
      /** The module specifier as written. */
      spec: z.string(),
      /** Imported names: `default`, `*` for a namespace or `require`/`import()`, else the exported names. */
      names: z.array(z.string()),
      line,
      /** `export ... from`. */
      reexport: z.boolean(),
      /** `export * from` (no export clause). */
      star: z.boolean(),
    }),
    z.strictObject({
      type: z.literal('export'),
      name: z.string(),
      kind: z.enum(['function', 'class', 'const', 'default', 'reexport', 'specifier']),
      line,
      /** The declaration's line, for exported functions. */
      snippet: z.string().optional(),
      /**
       * What an exported function's body does (and the functions of its file it calls), in a file that
       * could hold a guard (a denial, a throw, a verifier): link/guards.ts judges whether it guards.
       */
      body: body.optional(),
    }),
    z.strictObject({
      /**
       * A load the module graph cannot follow: `import(x)` / `require(x)` of a value built at run time
       * (`spec` null), or a path to a source file handed to a call as text (`new Worker('./worker.js')`,
       * `fork(path.join(__dirname, 'child.js'))`, a sandboxed processor's file), as written.
       */
      type: z.literal('load'),
      spec: z.string().nullable(),
      line,
    }),
    z.strictObject({
      type: z.literal('uses'),
      /** Names called, passed on, constructed or rendered in the file, sorted. */
      names: z.array(z.string()).min(1),
    }),
  ]);
});
export type ModuleFact = FactOf<typeof moduleFacts>;
export type ImportFact = Extract<ModuleFact, { type: 'import' }>;
export type ExportFact = Extract<ModuleFact, { type: 'export' }>;
export type UsesFact = Extract<ModuleFact, { type: 'uses' }>;
export type LoadFact = Extract<ModuleFact, { type: 'load' }>;

export const importsOf = (records: ModuleFact[]): ImportFact[] => records.filter((r) => r.type === 'import');
export const exportsOf = (records: ModuleFact[]): ExportFact[] => records.filter((r) => r.type === 'export');
export const usesOf = (records: ModuleFact[]): UsesFact[] => records.filter((r) => r.type === 'uses');
