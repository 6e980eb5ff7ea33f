// Database platforms that provide schemas, roles and publications of their own: migrations written
// for the platform use them without creating them, so an empty engine cannot apply them as they are.

export interface DatabasePlatform {
  name: string;
  /** Where the platform's CLI keeps the migration set, relative to the package. */
  migrationsDir: string;
  /** Schemas the platform creates (with their tables and functions). */
  schemas: readonly string[];
  roles: readonly string[];
  publications: readonly string[];
  /** An engine message the platform's objects explain (checked by knowledge.test.ts). */
  example: string;
  source: string;
}

export const DATABASE_PLATFORMS: readonly DatabasePlatform[] = [
  {
    name: 'Supabase',
    migrationsDir: 'supabase/migrations',
    schemas: ['auth', 'storage', 'realtime', 'extensions', 'graphql', 'graphql_public', 'vault', 'pgsodium', 'supabase_functions', 'net', 'cron'],
    roles: ['anon', 'authenticated', 'service_role', 'supabase_admin', 'supabase_auth_admin', 'supabase_storage_admin', 'dashboard_user', 'authenticator'],
    publications: ['supabase_realtime'],
    example: 'schema "auth" does not exist',
    source: 'https://supabase.com/docs/guides/database/postgres/roles and https://supabase.com/docs/guides/auth/managing-user-data',
  },
];

/** The platform a migration set belongs to, from where its CLI keeps migrations. */
export function platformOfMigrations(setPath: string): DatabasePlatform | null {
  return DATABASE_PLATFORMS.find((p) => setPath === p.migrationsDir || setPath.endsWith(`/${p.migrationsDir}`)) ?? null;
}

/**
 * The platform object a Postgres error names when the object is one the platform provides
 * (`schema "auth" does not exist`, `relation "auth.users" does not exist`, `function auth.uid() does
 * not exist`, `role "authenticated" does not exist`, `publication "supabase_realtime" does not exist`).
 */
export function platformObjectMissing(platform: DatabasePlatform, message: string): string | null {
  const schema = /(?:schema "|relation "|function |type ")(\w+)[".]/.exec(message)?.[1];
  if (/does not exist/.test(message) && schema && platform.schemas.includes(schema)) return `schema ${schema}`;
  const role = /role "(\w+)" does not exist/.exec(message)?.[1];
  if (role && platform.roles.includes(role)) return `role ${role}`;
  const pub = /publication "(\w+)" does not exist/.exec(message)?.[1];
  if (pub && platform.publications.includes(pub)) return `publication ${pub}`;
  return null;
}
