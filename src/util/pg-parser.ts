// pgsql-parser (libpg_query in wasm): imported and initialised on first use, once per process.
let loaded: Promise<typeof import('pgsql-parser')> | null = null;

export function pgParser(): Promise<typeof import('pgsql-parser')> {
  loaded ??= import('pgsql-parser').then(async (m) => {
    await m.loadModule();
    return m;
  });
  return loaded;
}
