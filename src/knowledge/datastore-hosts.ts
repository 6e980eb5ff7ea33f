// Hosts of managed databases, caches and brokers: a connection URL whose host ends in one of these
// reaches a live service on the public internet, so its password opens that database to anyone who
// reads the repository. Other hosts that stand for no real machine (RFC 2606 example domains,
// `host`, `<host>`) make the URL a template, whatever password it shows.

export interface ManagedDatastoreHost { suffix: string; provider: string; example: string; source: string }

export const MANAGED_DATASTORE_HOSTS: readonly ManagedDatastoreHost[] = [
  { suffix: '.mongodb.net', provider: 'MongoDB Atlas', example: 'cluster0.ab1cd.mongodb.net', source: 'https://www.mongodb.com/docs/atlas/connect-to-database-deployment/' },
  { suffix: '.rds.amazonaws.com', provider: 'Amazon RDS', example: 'app.c9akciq32.us-east-1.rds.amazonaws.com', source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ConnectToInstance.html' },
  { suffix: '.cache.amazonaws.com', provider: 'Amazon ElastiCache', example: 'app.abc123.ng.0001.use1.cache.amazonaws.com', source: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Endpoints.html' },
  { suffix: '.neon.tech', provider: 'Neon', example: 'ep-cool-1234.us-east-2.aws.neon.tech', source: 'https://neon.tech/docs/connect/connect-from-any-app' },
  { suffix: '.supabase.co', provider: 'Supabase', example: 'db.abcdefghijkl.supabase.co', source: 'https://supabase.com/docs/guides/database/connecting-to-postgres' },
  { suffix: '.supabase.com', provider: 'Supabase pooler', example: 'aws-0-eu-central-1.pooler.supabase.com', source: 'https://supabase.com/docs/guides/database/connecting-to-postgres#connection-pooler' },
  { suffix: '.upstash.io', provider: 'Upstash', example: 'eu1-kind-fox-12345.upstash.io', source: 'https://upstash.com/docs/redis/overall/getstarted' },
  { suffix: '.render.com', provider: 'Render', example: 'dpg-abc123-a.oregon-postgres.render.com', source: 'https://render.com/docs/databases#connecting-from-outside-render' },
  { suffix: '.rlwy.net', provider: 'Railway', example: 'roundhouse.proxy.rlwy.net', source: 'https://docs.railway.com/reference/tcp-proxy' },
  { suffix: '.railway.app', provider: 'Railway', example: 'containers-us-west-1.railway.app', source: 'https://docs.railway.com/guides/postgresql' },
  { suffix: '.psdb.cloud', provider: 'PlanetScale', example: 'aws.connect.psdb.cloud', source: 'https://planetscale.com/docs/concepts/connection-strings' },
  { suffix: '.redislabs.com', provider: 'Redis Cloud', example: 'redis-12345.c1.us-east-1-2.ec2.cloud.redislabs.com', source: 'https://redis.io/docs/latest/operate/rc/databases/connect/' },
  { suffix: '.redns.redis-cloud.com', provider: 'Redis Cloud', example: 'redis-12345.c1.us-east-1-2.ec2.redns.redis-cloud.com', source: 'https://redis.io/docs/latest/operate/rc/databases/connect/' },
  { suffix: '.elephantsql.com', provider: 'ElephantSQL', example: 'rajje.db.elephantsql.com', source: 'https://www.elephantsql.com/docs/' },
  { suffix: '.cockroachlabs.cloud', provider: 'CockroachDB Cloud', example: 'free-tier.gcp-us-central1.cockroachlabs.cloud', source: 'https://www.cockroachlabs.com/docs/cockroachcloud/connect-to-your-cluster' },
  { suffix: '.aivencloud.com', provider: 'Aiven', example: 'pg-abc-proj.aivencloud.com', source: 'https://aiven.io/docs/products/postgresql/howto/connect-node' },
  { suffix: '.database.azure.com', provider: 'Azure Database', example: 'app.postgres.database.azure.com', source: 'https://learn.microsoft.com/azure/postgresql/flexible-server/connect-nodejs' },
  { suffix: '.database.windows.net', provider: 'Azure SQL', example: 'app.database.windows.net', source: 'https://learn.microsoft.com/azure/azure-sql/database/connect-query-nodejs' },
  { suffix: '.db.ondigitalocean.com', provider: 'DigitalOcean Managed Databases', example: 'db-postgresql-nyc1-1234-do-user-1.b.db.ondigitalocean.com', source: 'https://docs.digitalocean.com/products/databases/postgresql/how-to/connect/' },
  { suffix: '.cloudamqp.com', provider: 'CloudAMQP', example: 'rattlesnake.rmq.cloudamqp.com', source: 'https://www.cloudamqp.com/docs/nodejs.html' },
  { suffix: '.tsdb.cloud.timescale.com', provider: 'Timescale Cloud', example: 'abc123.tsdb.cloud.timescale.com', source: 'https://docs.timescale.com/use-timescale/latest/integrations/' },
];

/** The managed provider a host belongs to, or null. */
export function managedDatastoreOf(host: string): ManagedDatastoreHost | null {
  const h = `.${host.toLowerCase().replace(/\.$/, '')}`;
  return MANAGED_DATASTORE_HOSTS.find((m) => h.endsWith(m.suffix)) ?? null;
}

/**
 * Hosts that name no machine: the domains RFC 2606 and RFC 6761 reserve for documentation and the
 * words templates put where the host goes.
 */
export const PLACEHOLDER_HOSTS = {
  domains: ['example.com', 'example.org', 'example.net', 'example', 'invalid', 'test'],
  words: ['host', 'hostname', 'your-host', 'yourhost', 'your_host', 'db-host', 'server', 'your-server', 'your-cluster', 'cluster-url', 'domain'],
  source: 'https://www.rfc-editor.org/rfc/rfc2606 (example.com/.org/.net, .example, .invalid, .test); template words',
} as const;

export function isPlaceholderHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if ((PLACEHOLDER_HOSTS.words as readonly string[]).includes(h)) return true;
  return PLACEHOLDER_HOSTS.domains.some((d) => h === d || h.endsWith(`.${d}`)) || /^(?:<.*>|%3c.*%3e|x{3,}.*|.*your[-_]?.*)$/.test(h);
}
