// MongoDB as a sink for request input: which calls of the Node.js driver and of Mongoose take a query
// filter (and at which argument), what makes a filter's values safe (a sanitizer that strips `$` keys,
// Mongoose's `sanitizeFilter`), what escapes a string for a `$regex`, and which request fields can hold
// an object at all (`{ "$ne": null }` needs a parser that builds objects: a JSON body, Express's `qs`).

/** The packages whose import makes a file's queries MongoDB's. */
export const MONGO_PACKAGES: readonly string[] = ['mongoose', 'mongodb', '@nestjs/mongoose', '@typegoose/typegoose'];

export function isMongoPackage(spec: string): boolean {
  return MONGO_PACKAGES.includes(spec);
}

/** A method of a Mongoose model or a driver collection that runs a query with a filter at argument `filter`. */
export interface MongoQueryMethod { method: string; filter: number; source: string }

const MONGOOSE_MODEL = 'https://mongoosejs.com/docs/api/model.html';
const DRIVER = 'https://mongodb.github.io/node-mongodb-native/6.0/classes/Collection.html';

export const MONGO_QUERY_METHODS: readonly MongoQueryMethod[] = [
  ...['find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'findOneAndRemove', 'updateOne', 'updateMany',
    'deleteOne', 'deleteMany', 'replaceOne', 'countDocuments', 'count', 'exists', 'where', 'remove'].map((method) => ({ method, filter: 0, source: `${MONGOOSE_MODEL}#Model.${method}() / ${DRIVER}#${method}` })),
  { method: 'distinct', filter: 1, source: `${MONGOOSE_MODEL}#Model.distinct() (field, filter)` },
];

/** The filter argument of a query method, or null. */
export function mongoFilterArg(method: string): number | null {
  return MONGO_QUERY_METHODS.find((m) => m.method === method)?.filter ?? null;
}

/**
 * Sanitizers of `$` operators. `middleware`: applied to every request by `app.use(fn())` (strips keys
 * beginning with `$` from body, query and params); `function`: returns its argument with such keys removed.
 */
export interface MongoSanitizer { package: string; export: string; kind: 'middleware' | 'function'; example: string; source: string }

export const MONGO_SANITIZERS: readonly MongoSanitizer[] = [
  { package: 'express-mongo-sanitize', export: 'default', kind: 'middleware', example: "import mongoSanitize from 'express-mongo-sanitize'; app.use(mongoSanitize());", source: 'https://github.com/fiznool/express-mongo-sanitize#usage' },
  { package: 'express-mongo-sanitize', export: 'sanitize', kind: 'function', example: "import { sanitize } from 'express-mongo-sanitize'; const clean = sanitize(req.body);", source: 'https://github.com/fiznool/express-mongo-sanitize#usage' },
  { package: 'mongo-sanitize', export: 'default', kind: 'function', example: "import sanitize from 'mongo-sanitize'; User.findOne({ email: sanitize(req.body.email) });", source: 'https://github.com/vkarpov15/mongo-sanitize#usage' },
];

export function mongoSanitizerOf(from: string, imported: string): MongoSanitizer | null {
  return MONGO_SANITIZERS.find((s) => s.package === from && (s.export === imported || (imported === '*' && s.export === 'default'))) ?? null;
}

/**
 * Mongoose's own filter sanitizer: `mongoose.set('sanitizeFilter', true)` wraps every filter value that
 * is an object holding `$` keys in `$eq`, so `{ "$ne": null }` is compared, not obeyed.
 */
export const MONGOOSE_SANITIZE_FILTER = { package: 'mongoose', option: 'sanitizeFilter', example: "mongoose.set('sanitizeFilter', true);", source: 'https://mongoosejs.com/docs/api/mongoose.html#Mongoose.prototype.set() (sanitizeFilter)' } as const;

/** Functions that escape every regular-expression metacharacter of a string (`a.b` -> `a\.b`). */
export interface RegexEscaper { package: string; exports: readonly string[]; example: string; source: string }

export const REGEX_ESCAPERS: readonly RegexEscaper[] = [
  { package: 'escape-string-regexp', exports: ['default'], example: "import escapeStringRegexp from 'escape-string-regexp'; new RegExp(escapeStringRegexp(q));", source: 'https://github.com/sindresorhus/escape-string-regexp#usage' },
  ...['lodash', 'lodash-es', 'underscore.string'].map((p) => ({ package: p, exports: ['escapeRegExp'], example: `import { escapeRegExp } from '${p}'; new RegExp(escapeRegExp(q));`, source: 'https://lodash.com/docs/4.17.15#escapeRegExp' })),
  { package: 'lodash.escaperegexp', exports: ['default'], example: "import escapeRegExp from 'lodash.escaperegexp';", source: 'https://www.npmjs.com/package/lodash.escaperegexp' },
  { package: 'lodash/escapeRegExp', exports: ['default'], example: "import escapeRegExp from 'lodash/escapeRegExp';", source: 'https://lodash.com/docs/4.17.15#escapeRegExp' },
  { package: 'escape-regexp', exports: ['default'], example: "import escape from 'escape-regexp';", source: 'https://www.npmjs.com/package/escape-regexp' },
];

/** Whether `imported` of `from` (or member `member` of a namespace or default import) escapes a regular expression. */
export function isRegexEscaper(from: string, imported: string, member?: string): boolean {
  return REGEX_ESCAPERS.some((e) => e.package === from && (member === undefined ? e.exports.includes(imported) : (imported === '*' || imported === 'default') && e.exports.includes(member)));
}

/** The metacharacters a `$regex` string must have escaped (ECMAScript syntax characters). */
export const REGEX_SYNTAX_CHARACTERS: readonly string[] = ['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|'];

/**
 * Request fields whose values are only strings (route parameters, headers) for a request object (root
 * first): no parser turns them into objects, so they cannot carry `{ "$ne": null }`. Express's
 * `req.query` is parsed by `qs` (`?a[$ne]=x` is an object), Fastify's, Koa's and Hono's query are not.
 */
export interface StringFields { path: readonly string[]; fields: readonly string[]; source: string }

export const STRING_ONLY_FIELDS: readonly StringFields[] = [
  { path: ['req'], fields: ['params', 'param', 'headers', 'header', 'get'], source: 'https://expressjs.com/en/api.html#req.params' },
  { path: ['request'], fields: ['params', 'param', 'query', 'headers', 'header'], source: 'https://fastify.dev/docs/latest/Reference/Server/#querystringparser' },
  { path: ['ctx'], fields: ['params', 'query'], source: 'https://koajs.com/#request-query' },
  { path: ['ctx', 'request'], fields: ['params', 'query', 'headers', 'header'], source: 'https://koajs.com/#request-query' },
  { path: ['ctx', 'req'], fields: ['headers', 'header'], source: 'https://nodejs.org/api/http.html#messageheaders' },
  { path: ['c', 'req'], fields: ['param', 'query', 'queries', 'header'], source: 'https://hono.dev/docs/api/request#query' },
];

/** Whether a property chain of a request read (`['req', 'params', 'id']`) reads a field that holds only strings. */
export function readsStringField(chain: readonly string[]): boolean {
  return STRING_ONLY_FIELDS.some((o) => chain.length > o.path.length && o.path.every((p, i) => chain[i] === p) && o.fields.includes(chain[o.path.length]));
}

/** NestJS parameter decorators whose value is a string (route parameters, headers), by package and export. */
export const NEST_STRING_DECORATORS = { package: '@nestjs/common', decorators: ['Param', 'Headers', 'Ip', 'HostParam'], source: 'https://docs.nestjs.com/controllers#route-parameters' } as const;

/**
 * Filter keys that make a lookup an authentication one: an account's identifier or a secret it is
 * found by (a reset token, an API key). An operator there finds an account the caller does not know.
 */
export const ACCOUNT_LOOKUP_FIELDS = {
  names: ['email', 'username', 'user', 'login', 'phone', 'mobile', 'name', 'token', 'resettoken', 'passwordresettoken', 'verificationtoken', 'apikey', 'otp', 'code'],
  source: 'field names of sign-in, password reset and verification forms',
} as const;

export function isAccountLookupField(key: string): boolean {
  return (ACCOUNT_LOOKUP_FIELDS.names as readonly string[]).includes(key.toLowerCase().replace(/[_-]/g, ''));
}

/**
 * Schema validators whose parse returns a value shaped by the schema (or throws): a string field
 * stays a string. Judged by the method on a schema (an import of the library, or a schema module).
 */
export interface SchemaValidator { package: string; methods: readonly string[]; example: string; source: string }

export const SCHEMA_VALIDATORS: readonly SchemaValidator[] = [
  { package: 'zod', methods: ['parse', 'parseAsync'], example: "const { email } = LoginSchema.parse(req.body);", source: 'https://zod.dev/basics#parsing-data' },
  { package: 'joi', methods: ['validateAsync', 'attempt'], example: 'const { email } = await schema.validateAsync(req.body);', source: 'https://joi.dev/api/#anyvalidateasyncvalue-options' },
  { package: 'yup', methods: ['validate', 'validateSync', 'cast'], example: 'const { email } = await schema.validate(req.body);', source: 'https://github.com/jquense/yup#schemavalidatevalue-any-options-object-promiseinfertypeschema-validationerror' },
];

export function isSchemaParseMethod(method: string): boolean {
  return SCHEMA_VALIDATORS.some((v) => v.methods.includes(method));
}

/**
 * Methods only a string has: a value that is an object (`{ "$ne": null }` from a JSON body) has none of
 * them, so the call throws before the value reaches a filter; what comes out is a string.
 */
export const STRING_ONLY_METHODS: readonly string[] = ['toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'trimStart', 'trimEnd', 'normalize', 'padStart', 'padEnd', 'charAt', 'substring'];

/** Global builders whose result is a value of a built-in type, never an object with `$` keys: `Buffer.from(id, 'base64url')`. */
export const BUILT_IN_VALUE_BUILDERS: ReadonlyArray<{ global: string; methods: readonly string[]; source: string }> = [
  { global: 'Buffer', methods: ['from', 'alloc', 'concat'], source: 'https://nodejs.org/api/buffer.html#static-method-bufferfromstring-encoding' },
];

export function buildsBuiltInValue(global: string, method: string): boolean {
  return BUILT_IN_VALUE_BUILDERS.some((b) => b.global === global && b.methods.includes(method));
}
