// `wrangler d1 migrations apply <database>`: which database it writes to. `--local` is the simulator's
// SQLite file under .wrangler/ (what `wrangler dev` reads), `--remote` the D1 database production
// binds, `--preview` the binding's preview database. Without either flag the default depends on the
// wrangler version: from 3.33.0 on it is local, before it the remote database.

export type D1Target = 'local' | 'remote' | 'preview';

export const D1_MIGRATIONS_APPLY = {
  words: ['d1', 'migrations', 'apply'],
  flags: { '--local': 'local', '--remote': 'remote', '--preview': 'preview' } as Record<string, D1Target>,
  /** The first wrangler version whose `d1 migrations apply` (and `d1 execute`) defaults to the local database. */
  localByDefaultSince: '3.33.0',
  example: 'wrangler d1 migrations apply my-db --local',
  source: 'https://github.com/cloudflare/workers-sdk/releases/tag/wrangler%403.33.0 ("wrangler d1 execute and wrangler d1 migrations commands now default --local to true ... you will need to provide the --remote flag"); https://developers.cloudflare.com/workers/wrangler/commands/#d1-migrations-apply',
} as const;

/** The words of a `wrangler d1 migrations apply` command, or null when the words run something else. */
export function d1MigrationsApply(words: readonly string[]): { database: string | null; flag: D1Target | null; version: string | null } | null {
  // `wrangler`, `./node_modules/.bin/wrangler`, `wrangler@3.20.0`, Deno's `npm:wrangler`.
  const at = words.findIndex((w) => /^(npm:)?wrangler(@[\w.^~-]+)?$/.test(w.slice(w.lastIndexOf('/') + 1)));
  if (at < 0) return null;
  const rest = words.slice(at + 1);
  const positional = rest.filter((w) => !w.startsWith('-'));
  if (!D1_MIGRATIONS_APPLY.words.every((w, i) => positional[i] === w)) return null;
  let flag: D1Target | null = null;
  for (const w of rest) {
    const [name, value] = w.split('=');
    const target = D1_MIGRATIONS_APPLY.flags[name];
    if (target && value !== 'false') flag = target;
  }
  const pinned = /@(\d+\.\d+\.\d+)$/.exec(words[at]);
  return { database: positional[3] ?? null, flag, version: pinned ? pinned[1] : null };
}
