// Where a service's configuration comes from when it is a committed JSON file, and which calls take a
// value as a secret. A key the code passes to one of these sinks, read from a JSON file the code
// imports (or from node-config's folder), is a secret in use: a literal there is committed.

/** A library that reads its configuration from files of a folder, by key path. */
export interface ConfigFileReader {
  module: string;
  /** The method that takes a dotted key path (`config.get('jwt.secret')`). */
  method: string;
  /** The folder it reads, relative to the process's working directory (the package root). */
  dir: string;
  /** The JSON files of that folder it merges, in order (later ones override). */
  files: readonly string[];
  example: string;
  source: string;
}

export const CONFIG_FILE_READERS: readonly ConfigFileReader[] = [
  {
    module: 'config', method: 'get', dir: 'config', files: ['default.json', 'default.yml', 'default.yaml', 'production.json', 'production.yml', 'production.yaml'],
    example: "import config from 'config'; jwt.sign(p, config.get('jwt.secret'))",
    source: 'https://github.com/node-config/node-config/wiki/Configuration-Files (default.EXT, then {NODE_ENV}.EXT, from ./config; .json and .yml/.yaml among the formats)',
  },
];

export const configFileReaderOf = (module: string): ConfigFileReader | null => CONFIG_FILE_READERS.find((r) => r.module === module) ?? null;

/**
 * Libraries whose configuration is a schema written in the code: each key declares its default and the
 * environment variable that overrides it. `config.get('jwt.secret')` gives the variable's value when it
 * is set, else the default: a default with a variable is a fallback, one without is the value in use.
 */
export interface ConfigSchemaLibrary {
  module: string;
  /** The export called with the schema (`convict(schema)`). */
  export: string;
  /** The method that reads a dotted key path. */
  method: string;
  /** The fields of a key's declaration holding its default and the variable that overrides it. */
  valueField: string;
  envField: string;
  example: string;
  source: string;
}

export const CONFIG_SCHEMA_LIBRARIES: readonly ConfigSchemaLibrary[] = [
  {
    module: 'convict', export: 'default', method: 'get', valueField: 'default', envField: 'env',
    example: "const config = convict({ jwt: { secret: { doc: 'JWT key', format: String, default: 'dev', env: 'JWT_SECRET' } } }); config.get('jwt.secret')",
    source: 'https://github.com/mozilla/node-convict/tree/master/packages/convict#the-schema (default, env)',
  },
];

export const configSchemaLibraryOf = (module: string, imported: string): ConfigSchemaLibrary | null =>
  CONFIG_SCHEMA_LIBRARIES.find((l) => l.module === module && (l.export === imported || (l.export === 'default' && imported === '*'))) ?? null;

/**
 * Libraries that read a service's configuration from committed files and where an environment
 * variable overrides a key (the value then comes from the deployment, and the file's literal is only
 * a development default: the fallback-secret case, not a committed production secret).
 */
export interface EnvOverrideFile {
  module: string;
  /** The files of the reader's folder that map key paths to environment variable names (any one of them). */
  files: readonly string[];
  example: string;
  source: string;
}

export const ENV_OVERRIDE_FILES: readonly EnvOverrideFile[] = [
  {
    module: 'config', files: ['custom-environment-variables.json', 'custom-environment-variables.yml', 'custom-environment-variables.yaml'],
    example: '{ "jwt": { "secret": "JWT_SECRET" } }: config.get(\'jwt.secret\') is process.env.JWT_SECRET when set, else default.json\'s value',
    source: 'https://github.com/node-config/node-config/wiki/Environment-Variables#custom-environment-variables',
  },
];

export const envOverrideFileOf = (module: string): EnvOverrideFile | null => ENV_OVERRIDE_FILES.find((r) => r.module === module) ?? null;

/**
 * A call (or assignment) that takes a secret: the module, the export (`default` for the module itself),
 * and where the secret is. `kind` says what a committed value opens: `signing` a key that signs or
 * encrypts tokens, sessions and cookies (anyone who reads it forges them), `database` a password.
 */
export interface SecretSink {
  module: string;
  export: string;
  /**
   * How the export takes it: called (default), constructed with `new`, handed to a plugin host's
   * `register(plugin, options)` (the options are argument 1), or `assign`: the property `property` of
   * an instance (`const app = new Koa(); app.keys = [...]`).
   */
  how?: 'call' | 'new' | 'register' | 'assign';
  /** The argument that is the secret, or the option of the options object (argument 0; 1 for `register`) that holds it. */
  arg?: number;
  option?: string;
  property?: string;
  kind: 'signing' | 'database';
  /** The option may be a key pair written as an object (`secret: { private, public }`): this member holds the secret. */
  privateMember?: string;
  /**
   * What a value written in the code opens, when it is less than a forged identity: `high` for a key that
   * signs only a session's id kept in a store (express-session: whoever knows it signs an id, not a
   * session) or a signed cookie whose content is the app's to say; absent, critical (tokens or a
   * session held in the cookie itself are forged whole).
   */
  literalSeverity?: 'high';
  what: string;
  example: string;
  source: string;
}

export const SECRET_SINKS: readonly SecretSink[] = [
  { module: 'jsonwebtoken', export: 'sign', arg: 1, kind: 'signing', what: 'jsonwebtoken sign() key', example: 'jwt.sign(payload, config.jwt.secret)', source: 'https://github.com/auth0/node-jsonwebtoken#jwtsignpayload-secretorprivatekey-options-callback' },
  { module: 'jsonwebtoken', export: 'verify', arg: 1, kind: 'signing', what: 'jsonwebtoken verify() key', example: 'jwt.verify(token, config.jwt.secret)', source: 'https://github.com/auth0/node-jsonwebtoken#jwtverifytoken-secretorpublickey-options-callback' },
  { module: 'hono/jwt', export: 'sign', arg: 1, kind: 'signing', what: 'hono/jwt sign() secret', example: 'await sign(payload, SECRET)', source: 'https://hono.dev/docs/helpers/jwt#sign' },
  { module: 'hono/jwt', export: 'verify', arg: 1, kind: 'signing', what: 'hono/jwt verify() secret', example: 'await verify(token, SECRET)', source: 'https://hono.dev/docs/helpers/jwt#verify' },
  { module: 'hono/jwt', export: 'jwt', option: 'secret', kind: 'signing', what: 'hono jwt() middleware secret', example: "app.use('/api/*', jwt({ secret: SECRET }))", source: 'https://hono.dev/docs/middleware/builtin/jwt' },
  { module: 'express-jwt', export: 'expressjwt', option: 'secret', kind: 'signing', what: 'express-jwt secret', example: "expressjwt({ secret: config.jwtSecret, algorithms: ['HS256'] })", source: 'https://github.com/auth0/express-jwt#usage' },
  { module: 'koa-jwt', export: 'default', option: 'secret', kind: 'signing', what: 'koa-jwt secret', example: "app.use(koaJwt({ secret: config.get('secret') }))", source: 'https://github.com/koajs/jwt#usage' },
  { module: 'express-session', export: 'default', option: 'secret', kind: 'signing', literalSeverity: 'high', what: 'express-session secret', example: 'session({ secret: config.sessionSecret })', source: 'https://github.com/expressjs/session#secret' },
  { module: 'cookie-session', export: 'default', option: 'secret', kind: 'signing', what: 'cookie-session secret', example: "cookieSession({ name: 'session', secret: config.cookieSecret })", source: 'https://github.com/expressjs/cookie-session#secret' },
  { module: 'cookie-session', export: 'default', option: 'keys', kind: 'signing', what: 'cookie-session keys', example: "cookieSession({ name: 'session', keys: config.session.keys })", source: 'https://github.com/expressjs/cookie-session#keys' },
  { module: 'cookie-parser', export: 'default', arg: 0, kind: 'signing', what: 'cookie-parser secret', example: 'app.use(cookieParser(config.cookieSecret))', source: 'https://github.com/expressjs/cookie-parser#cookieparsersecret-options' },
  { module: 'koa', export: 'default', how: 'assign', property: 'keys', kind: 'signing', what: 'Koa app.keys (signed cookie keys)', example: 'const app = new Koa(); app.keys = config.session.keys;', source: 'https://koajs.com/#app-keys-' },
  { module: '@fastify/cookie', export: 'default', how: 'register', option: 'secret', kind: 'signing', literalSeverity: 'high', what: '@fastify/cookie secret', example: 'app.register(fastifyCookie, { secret: config.cookieSecret })', source: 'https://github.com/fastify/fastify-cookie#options' },
  { module: '@fastify/session', export: 'default', how: 'register', option: 'secret', kind: 'signing', literalSeverity: 'high', what: '@fastify/session secret', example: 'app.register(fastifySession, { secret: config.sessionSecret })', source: 'https://github.com/fastify/session#options' },
  { module: '@fastify/jwt', export: 'default', how: 'register', option: 'secret', privateMember: 'private', kind: 'signing', what: '@fastify/jwt secret', example: 'app.register(fastifyJwt, { secret: config.jwtSecret })', source: 'https://github.com/fastify/fastify-jwt#secret-required' },
  { module: '@fastify/secure-session', export: 'default', how: 'register', option: 'key', kind: 'signing', what: '@fastify/secure-session key', example: "app.register(fastifySecureSession, { key: fs.readFileSync(path.join(__dirname, 'secret-key')) })", source: 'https://github.com/fastify/fastify-secure-session#using-keys-as-strings' },
  { module: '@fastify/secure-session', export: 'default', how: 'register', option: 'secret', kind: 'signing', what: '@fastify/secure-session secret', example: 'app.register(fastifySecureSession, { secret: config.sessionSecret, salt: config.sessionSalt })', source: 'https://github.com/fastify/fastify-secure-session#using-a-secret' },
  { module: 'crypto', export: 'createHmac', arg: 1, kind: 'signing', what: 'HMAC key', example: "createHmac('sha256', config.hmacKey)", source: 'https://nodejs.org/api/crypto.html#cryptocreatehmacalgorithm-key-options' },
  { module: 'node:crypto', export: 'createHmac', arg: 1, kind: 'signing', what: 'HMAC key', example: "createHmac('sha256', config.hmacKey)", source: 'https://nodejs.org/api/crypto.html#cryptocreatehmacalgorithm-key-options' },
  { module: 'crypto', export: 'createCipheriv', arg: 1, kind: 'signing', what: 'cipher key', example: "createCipheriv('aes-256-cbc', config.encryptionKey, iv)", source: 'https://nodejs.org/api/crypto.html#cryptocreatecipherivalgorithm-key-iv-options' },
  { module: 'node:crypto', export: 'createCipheriv', arg: 1, kind: 'signing', what: 'cipher key', example: "createCipheriv('aes-256-cbc', config.encryptionKey, iv)", source: 'https://nodejs.org/api/crypto.html#cryptocreatecipherivalgorithm-key-iv-options' },
  { module: 'sequelize', export: 'default', how: 'new', arg: 2, kind: 'database', what: 'Sequelize database password', example: "const Sequelize = require('sequelize'); new Sequelize(db, user, config.db.password, opts)", source: 'https://sequelize.org/docs/v6/getting-started/#connecting-to-a-database' },
  { module: 'sequelize', export: 'Sequelize', how: 'new', arg: 2, kind: 'database', what: 'Sequelize database password', example: 'new Sequelize(config.db.name, config.db.user, config.db.password, { dialect })', source: 'https://sequelize.org/docs/v6/getting-started/#connecting-to-a-database' },
];

/** The sinks an imported export (or a member of a namespace/default import) is, used `how`. */
export function secretSinksOf(module: string, name: string, member?: string, how: 'call' | 'new' | 'register' | 'assign' = 'call'): SecretSink[] {
  const whole = name === 'default' || name === '*';
  if (member && !whole) return [];
  const exp = member ?? (whole ? 'default' : name);
  return SECRET_SINKS.filter((s) => s.module === module && s.export === exp && (s.how ?? 'call') === how);
}

/** The first sink an imported export is when called, or null. */
export function secretSinkOf(module: string, name: string, member?: string): SecretSink | null {
  return secretSinksOf(module, name, member)[0] ?? null;
}
