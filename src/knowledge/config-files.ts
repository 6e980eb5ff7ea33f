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
    module: 'config', method: 'get', dir: 'config', files: ['default.json', 'production.json'],
    example: "import config from 'config'; jwt.sign(p, config.get('jwt.secret'))",
    source: 'https://github.com/node-config/node-config/wiki/Configuration-Files (default.json, then {NODE_ENV}.json, from ./config)',
  },
];

export const configFileReaderOf = (module: string): ConfigFileReader | null => CONFIG_FILE_READERS.find((r) => r.module === module) ?? null;

/** A call that takes a secret: the module, the export (`default` for the module itself), and where the secret is. */
export interface SecretSink {
  module: string;
  export: string;
  /** The argument that is the secret, or the option of the options object (argument 0) that holds it. */
  arg?: number;
  option?: string;
  what: string;
  source: string;
}

export const SECRET_SINKS: readonly SecretSink[] = [
  { module: 'jsonwebtoken', export: 'sign', arg: 1, what: 'jsonwebtoken sign() key', source: 'https://github.com/auth0/node-jsonwebtoken#jwtsignpayload-secretorprivatekey-options-callback' },
  { module: 'jsonwebtoken', export: 'verify', arg: 1, what: 'jsonwebtoken verify() key', source: 'https://github.com/auth0/node-jsonwebtoken#jwtverifytoken-secretorpublickey-options-callback' },
  { module: 'hono/jwt', export: 'sign', arg: 1, what: 'hono/jwt sign() secret', source: 'https://hono.dev/docs/helpers/jwt#sign' },
  { module: 'hono/jwt', export: 'verify', arg: 1, what: 'hono/jwt verify() secret', source: 'https://hono.dev/docs/helpers/jwt#verify' },
  { module: 'express-session', export: 'default', option: 'secret', what: 'express-session secret', source: 'https://github.com/expressjs/session#secret' },
  { module: 'crypto', export: 'createHmac', arg: 1, what: 'HMAC key', source: 'https://nodejs.org/api/crypto.html#cryptocreatehmacalgorithm-key-options' },
  { module: 'node:crypto', export: 'createHmac', arg: 1, what: 'HMAC key', source: 'https://nodejs.org/api/crypto.html#cryptocreatehmacalgorithm-key-options' },
];

/** The sink an imported export (or a member of a namespace/default import) is, or null. */
export function secretSinkOf(module: string, name: string, member?: string): SecretSink | null {
  const whole = name === 'default' || name === '*';
  if (member && !whole) return null;
  const exp = member ?? (whole ? 'default' : name);
  return SECRET_SINKS.find((s) => s.module === module && s.export === exp) ?? null;
}
