// Container images of datastores as compose files run them: which environment variables set the
// credentials the image creates at first start, and whether it accepts connections without any
// when none is set. A datastore's port published on every interface of the host is reachable from
// wherever the host is; with a known or no password it is open.

export interface DatastoreImage {
  /** The image's repository name without registry or tag (`postgres`, `bitnami/redis`). */
  names: readonly string[];
  what: string;
  /** Variables whose value is the password (a literal one is known to whoever reads the file). */
  passwordVars: readonly string[];
  /** Variables that turn authentication off, with the value that does it. */
  noAuth: ReadonlyArray<{ name: string; value: string }>;
  /** It accepts connections without a password unless one is configured. */
  openByDefault: boolean;
  source: string;
}

export const DATASTORE_IMAGES: readonly DatastoreImage[] = [
  { names: ['postgres', 'postgis/postgis', 'bitnami/postgresql', 'timescale/timescaledb', 'pgvector/pgvector'], what: 'PostgreSQL', passwordVars: ['POSTGRES_PASSWORD', 'POSTGRESQL_PASSWORD'], noAuth: [{ name: 'POSTGRES_HOST_AUTH_METHOD', value: 'trust' }], openByDefault: false, source: 'https://hub.docker.com/_/postgres (POSTGRES_PASSWORD, POSTGRES_HOST_AUTH_METHOD=trust)' },
  { names: ['mysql', 'mariadb', 'bitnami/mysql', 'bitnami/mariadb'], what: 'MySQL', passwordVars: ['MYSQL_ROOT_PASSWORD', 'MYSQL_PASSWORD', 'MARIADB_ROOT_PASSWORD', 'MARIADB_PASSWORD'], noAuth: [{ name: 'MYSQL_ALLOW_EMPTY_PASSWORD', value: 'yes' }, { name: 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', value: 'yes' }], openByDefault: false, source: 'https://hub.docker.com/_/mysql (MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD)' },
  { names: ['mongo', 'bitnami/mongodb', 'mongodb/mongodb-community-server'], what: 'MongoDB', passwordVars: ['MONGO_INITDB_ROOT_PASSWORD', 'MONGODB_ROOT_PASSWORD', 'MONGODB_PASSWORD'], noAuth: [], openByDefault: true, source: 'https://hub.docker.com/_/mongo (authentication is on only when MONGO_INITDB_ROOT_USERNAME/PASSWORD are set)' },
  { names: ['redis', 'bitnami/redis', 'redis/redis-stack', 'redis/redis-stack-server', 'valkey/valkey', 'eqalpha/keydb'], what: 'Redis', passwordVars: ['REDIS_PASSWORD', 'REDIS_ARGS'], noAuth: [{ name: 'ALLOW_EMPTY_PASSWORD', value: 'yes' }], openByDefault: true, source: 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/ ("Redis is designed to be accessed by trusted clients inside trusted environments"; no password unless requirepass is set)' },
  { names: ['rabbitmq'], what: 'RabbitMQ', passwordVars: ['RABBITMQ_DEFAULT_PASS'], noAuth: [], openByDefault: false, source: 'https://hub.docker.com/_/rabbitmq (RABBITMQ_DEFAULT_PASS; guest/guest otherwise, refused from other hosts)' },
  { names: ['elasticsearch', 'elastic/elasticsearch', 'docker.elastic.co/elasticsearch/elasticsearch', 'opensearchproject/opensearch'], what: 'Elasticsearch', passwordVars: ['ELASTIC_PASSWORD', 'OPENSEARCH_INITIAL_ADMIN_PASSWORD'], noAuth: [{ name: 'xpack.security.enabled', value: 'false' }, { name: 'DISABLE_SECURITY_PLUGIN', value: 'true' }], openByDefault: false, source: 'https://www.elastic.co/guide/en/elasticsearch/reference/current/docker.html (ELASTIC_PASSWORD; xpack.security.enabled=false turns authentication off)' },
  { names: ['memcached', 'bitnami/memcached'], what: 'Memcached', passwordVars: [], noAuth: [], openByDefault: true, source: 'https://github.com/memcached/memcached/wiki/SASLHowto (no authentication unless built and started with SASL)' },
];

/** The datastore an image reference runs (`postgres:16-alpine`, `docker.io/library/redis`), or null. */
export function datastoreImageOf(image: string): DatastoreImage | null {
  let name = image.split('@')[0];
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) name = name.slice(0, colon);
  name = name.toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
  return DATASTORE_IMAGES.find((d) => d.names.includes(name) || d.names.some((n) => n.includes('/') && name.endsWith(`/${n}`))) ?? null;
}
