// knowledge/: facts about libraries and the shared word lists, as data. A leaf: it imports nothing
// from the stages, and collect, link and rules import it.
import { isBuiltin } from 'node:module';
import { LIBRARIES } from './libraries.js';
import type { ExportFact, LibraryDescriptor, Role } from './types.js';

export type { ExportFact, LibraryDescriptor, Role } from './types.js';
export { LIBRARIES } from './libraries.js';
export * from './words.js';
export { isKoaRouterPackage, KOA_APP_PACKAGE, KOA_ROUTER_METHODS, KOA_ROUTER_PACKAGES, KOA_ROUTER_PREFIX, makesKoaRouter, PASS_THROUGH_OPTIONS, passThroughOption, UNLESS_HELPER } from './koa-routers.js';
export { DATABASE_PLATFORMS, platformObjectMissing, platformOfMigrations, type DatabasePlatform } from './platforms.js';
export { ALLOW_LIST_SCHEMAS, allowListBuilders, ELEMENT_CALLBACKS, NUMERIC_SCHEMAS, parsesNumber, receivesElements, RESULT_FROM_CALLBACK, resultFromCallback, type AllowListSchema } from './flow.js';
export { isSessionField, SESSION_FIELDS, type SessionField } from './sessions.js';
export { CALLBACK_SOURCES, callbackSourceOf, COMMAND_LINE_INPUTS, CONTEXT_VARIABLES, contextVariableReader, DECORATED_SOURCES, IDENTITY_FIELDS, isCommandLineRead, isIdentityName, isRefusalResponse, isRequestDecorator, isRequestObject, isRequestRead, NEST_PARAM_DECORATORS, nestParamField, NEXT_PARAMS, PARAM_DECORATOR_FACTORY, REFUSAL_RESPONSES, nextParamIndex, REQUEST_OBJECTS, sourceWords, URL_INPUT_NAMES } from './requests.js';
export { FOCUS_SCOPES, focusScopeOf, type FocusScope, isPlaceholderTestScript, isTestFilePath, isTestGlobal, isTestModule, NPM_PLACEHOLDER_TEST, SCAFFOLD_DEFINED_MATCHER, SCAFFOLD_GREETING, SCAFFOLD_MODULE_FACTORY, SCAFFOLD_MODULE_GETTERS, SCAFFOLD_TESTS, type ScaffoldTest, TEST_APIS, TEST_FILE_PATTERNS } from './tests.js';
export { COMMAND_WRAPPERS, NON_TEST_COMMANDS, TEST_PRESETS_KEEPING_SELECTION, TEST_RUNNERS, testRunnerOf, type TestRunner } from './test-runners.js';
export { SCHEMA_SYNC_OPTIONS, type SchemaSyncOption } from './schema-sync.js';
export { DATA_WIPES, DATA_WIPE_METHODS, DATA_WIPE_PACKAGES, dataWipesOf, type DataWipe } from './data-wipes.js';
export { isStartCallback, START_CALLBACKS, type StartCallback } from './start-callbacks.js';
export { AUTH_HANDLER_LIBRARIES, authHandlerLibraryOf, type AuthHandlerLibrary } from './auth-handlers.js';
export { ACCOUNT_COLLECTIONS, endsInAccounts, nameSaysPasswordReset, nameSaysSignUp, nameSaysWebhook, SIGN_UP_NAME_WORDS, pathSaysWebhook, limitedPurposeOf, publicPurposeOf, ROUTE_WORDS, routePurposes, type RoutePurpose, type RouteWordEntry } from './route-purposes.js';
export { STORED_CREDENTIAL_FIELDS, isStoredCredentialField, HASHER_NAME_WORDS, hashesPassword, isPasswordField, nameSaysHashes, looksRowsUp, PASSWORD_FIELDS, PASSWORD_HASHERS, ROW_LOOKUPS, type PasswordHasher } from './accounts.js';
export { isSubjectClaim, JWT_LIBRARIES, jwtFunctionOf, SUBJECT_CLAIMS, type JwtLibrary } from './jwt-decoders.js';
export { expirySpanMs, INJECTED_JWT_SIGNERS, injectedJwtSignerOf, JWT_SIGNERS, jwtRegistrationOf, jwtSignerOf, PLUGIN_JWT_SIGNERS, pluginJwtSignerOf, type InjectedJwtSigner, type JwtSigner, type PluginJwtSigner } from './jwt-signers.js';
export { CONFIG_FILE_READERS, CONFIG_SCHEMA_LIBRARIES, configFileReaderOf, configSchemaLibraryOf, type ConfigSchemaLibrary, ENV_OVERRIDE_FILES, envOverrideFileOf, SECRET_SINKS, secretSinkOf, secretSinksOf, type ConfigFileReader, type EnvOverrideFile, type SecretSink } from './config-files.js';
export { ENV_CONVENTIONS, DEFAULT_ENV_NAME, ENV_NAME_FIELDS, ENV_TEMPLATE_NAMES, isEnvFile, isEnvTemplate, isWorkerEnvModule, PROCESS_ENV_GLOBALS, UNSET_CONFIG_READS, unsetConfigReadOf, WORKER_ENV_SOURCES, type WorkerEnvSource } from './environment.js';
export { DECORATOR_ROUTERS, UNREAD_ROUTER_PACKAGES, type DecoratorRouter } from './decorator-routers.js';
export { CAPTCHA_SERVICES, captchaClientOf, captchaEndpointOf, type CaptchaService } from './captcha.js';
export { ACCOUNT_STATE_WORDS, WEBHOOK_PROVIDERS, webhookProviderOf, writeChangesAccount, type WebhookProvider } from './webhooks.js';
export { CHECKOUT_CREATES, checkoutCreateMethods, checkoutCreateOf, AMOUNT_CONVERSIONS, isAmountConversion, isPaymentAmountPackage, PAYMENT_AMOUNTS, paymentAmountChains, paymentAmountOf, paymentAmountsOfChain, type PaymentAmount, PAYMENT_CONFIRMATIONS, paymentConfirmationMethods, paymentConfirmationOf, RELATIVE_UPDATE_KEYS, returnPathOf, writeAdds, writeRecordsEvent, type CheckoutCreate, type PaymentConfirmation } from './payments.js';
export { CI_PROVIDERS, ciProviderOf, type CiProvider } from './ci.js';
export { DEPLOY_ACTIONS, DEPLOY_COMMANDS, deployActionOf, deployCommandOf, MIGRATION_COMMANDS, migrationCommandOf, SERVICE_STARTS, serviceStartOf, type DeployAction, type DeployCommand } from './deploy-steps.js';
export { changesExistingRows, FILTER_OPERATORS, isFilterOperator, MONGOOSE_RECORD_CHANGES, RECORD_SELECTORS, recordSelectorOf, DATA_CALL_METHODS, isDataCallMethod, HOOK_COVERAGE, HOOKED_WRITE_METHODS, HOOKLESS_WRITES, mongooseEventOf, typeormListenersRun, MODEL_WRITE_HOOKS, modelHookOfCall, ORM_WRITES, ormWriteMethods, ormWriteTarget, repositoryWriteOf, type OrmWrite } from './orm-writes.js';
export { isChangingProcedure, RPC_PROCEDURES, type RpcProcedureKind } from './rpc.js';
export { isLifecycleMethod, isStartupHook, onlyProvider, PROVIDER_DECORATORS, type ProviderDecorator } from './dependency-injection.js';
export { INERT_EXPORTS, INFERENCE_CALLS, inferenceCallOf, isInertExport, type InertExports, type InferenceCalls } from './inert-exports.js';
export { TOOL_PATHS, toolPathOf, type ToolPath } from './tool-folders.js';
export { TSCONFIG_BASES, tsconfigBaseStrict, type TsconfigBase } from './tsconfig-bases.js';
export { ALIAS_RESOLVERS, BUNDLING_FRAMEWORKS, bundlingFrameworkOf, buildAliasResolverIn, codeAliasResolverOf, runtimeAliasResolverIn, type AliasResolver } from './alias-resolvers.js';
export { SERVICE_DEPENDENCIES, serviceDependencyOf, type DependencyKind, type ServiceDependency } from './dependencies.js';
export { isTrustProxySetting, TRUST_PROXY_SETTINGS, trustProxyOption, type TrustProxySetting } from './proxy.js';
export { isLoopbackHost, LOOPBACK_HOST_NAMES } from './loopback.js';
export { INSPECTOR_BINS, INSPECTOR_FLAGS, INSPECTOR_PORT, inspectorIn, inspectorInOptions, inspectorOption, type InspectorUse } from './inspector.js';
export { CONTEXT_SHARING_WRAPPERS, sharesParentContext, type ContextSharingWrapper } from './fastify-plugins.js';
export { MODULE_ROOT_PACKAGES, moduleRootPackageOf, nodePathOfScript, type ModuleRootPackage } from './module-roots.js';
export { isPublicCredentialValue, PUBLIC_CREDENTIAL_VALUES, type PublicCredentialValue } from './public-credentials.js';
export { isPlaceholderHost, MANAGED_DATASTORE_HOSTS, managedDatastoreOf, PLACEHOLDER_HOSTS, type ManagedDatastoreHost } from './datastore-hosts.js';
export { BUILD_TARGET_FILES, buildTargetFileOf, TEST_TARGET, type BuildTargetFile } from './build-targets.js';
export { DEPLOY_COMMAND_FILES, FOLDER_LISTINGS, UNMODELLED_LOADERS, deployCommandFileOf, folderListingOf, unmodelledLoaderOf, type DeployFile, type FolderListing, type UnmodelledLoader } from './file-loaders.js';
export { CORS_CREDENTIALS_HEADER, CORS_LIBRARIES, CORS_ORIGIN_HEADER, CORS_ORIGIN_OPTION, corsLibraryOf, NEST_CORS, type CorsLibrary } from './cors.js';
export { DB_CLIENT_OPTIONS, dbClientOptionsOf, DB_OPTION_SHAPES, dbOptionShapeOf, TLS_CALLS, tlsCallOf, tlsKeyPackages, TLS_OPTION_KEYS, TLS_REJECT_ENV, tlsSwitchOf, TLS_VERIFICATION_SWITCHES, type DbClientOptions, type DbOptionShape, type TlsCall, type TlsOptionKey, type TlsSwitch } from './tls.js';
export { isServerFactory, isServingCall, isServingGlobal, SERVER_FACTORIES, SERVING_CALLS, type ServerFactory, type ServingCall } from './servers.js';
export { closesDbClient, DB_CLIENTS, dbClientOpenedBy, type DbClient } from './db-clients.js';
export { CONNECTION_CREDENTIAL_OPTIONS, CONNECTION_STRING_NAMES, isConnectionStringName, CONNECTION_HOST_OPTIONS, CONNECTION_NESTED_OPTIONS, CONNECTION_OPENERS, CONNECTION_OPTION_TYPES, CONNECTION_URL_OPTIONS, connectionOpenerOf, isConnectionOptionType, CONNECTION_LIFECYCLES, connectionLifecycleOf, CLIENT_CHAIN_METHODS, returnsClient, type ConnectionLifecycle, type ConnectionOpener } from './connections.js';
export { BUN_DEFAULT_EXPORT_SERVE, bunRunsFiles } from './bun-serve.js';
export { CODE_MIGRATION_RUNNERS, codeMigrationRunner, type CodeMigrationRunner } from './migration-runners.js';
export { commandsOf, SCHEMA_TOOLS, schemaToolUses, type SchemaTool } from './schema-tools.js';
export { IMAGE_DEFAULT_USERS, imageDefaultUser, imageReference, isRootUser, NODE_CODENAMES, NODE_IMAGES, nodeMajorOfImage, PRIVILEGE_DROPPERS, type ImageDefaultUser, type ImageReference, type NodeImage } from './base-images.js';
export { NODE_END_OF_LIFE, nodeEndOfLife, RETIRED_RUNNERS, retiredRunner, type EndOfLife } from './runtimes.js';
export { ENV_VALIDATORS, envValidatorOf, type EnvValidator } from './env-validators.js';
export { STATUS_PAGES, statusPageOf, type StatusPage } from './status-pages.js';
export { isLocalUrl, OAUTH_CALLBACK_OPTIONS, oauthCallbackOption, type OAuthCallbackOption } from './oauth-callbacks.js';
export { LOCKING_OPERATIONS, lockingOperation, type LockingOperation } from './locks.js';
export { DTO_VALIDATION, NEST_PIPES, VALIDATION_PIPES, validationPipeOf, type ValidationPipeFact } from './validation-pipes.js';
export { CONSTANT_VALIDATORS, isPrivilegedRoleValue, PRIVILEGED_ROLE_VALUES, DOCUMENT_SETTERS, isDocumentSetter, isPrivilegedField, isRoleField, ROLE_FIELDS, isRoleGuardName, mappedTypeOf, MODEL_DECLARATIONS, NEST_BODY, ROLE_GUARD_WORDS, PRIVILEGED_FIELDS, ROW_WRITES, rowWritesOf, type RowWrite } from './mass-assignment.js';
export { isRoleGuardExport, ROLE_GUARD_EXPORTS, type RoleGuardExport } from './role-guards.js';
export { ACCESS_CHECK_WORDS, namesAccessCheck, namesRestriction, OWN_METADATA_GUARDS, readsNoAppMetadata, RESTRICTION_WORDS, type GuardPackage } from './role-metadata.js';
export { isNestExport, NEST_METADATA, readsNestMetadata, type NestMetadataApi } from './nest-metadata.js';
export { ADMIN_UIS, adminUiOf, adminUiPackages, type AdminUi } from './admin-uis.js';
export { QUESTION_MARK_CLIENTS, SQL_PARAM_CALLS, type SqlParamCall } from './sql-params.js';
export { ERROR_EMITTING_CLIENTS, errorEmittingClient, type ErrorEmittingClient } from './client-errors.js';
export { QUEUE_RETRY_FACTS, queueRetryFact, WORKER_ERROR_EVENTS, workerErrorEvent, type QueueRetryFact, type WorkerErrorEventFact } from './queues.js';
export { EXPRESS_RESPONSE_ENDS, HANDLER_RESPONSES, errorHandlerPositions, handlerFrameworkOf, NEST_RESPONSE_DECORATORS, responseIndexByShape, type HandlerResponse } from './handler-responses.js';
export { BASIC_AUTH_MODULES, CODE_SCANNERS, COVERAGE_THRESHOLDS, digestName, FIELD_OPTION_WORDS, FRAME_OPTION_SITES, HASH_ALGORITHM_SITES, JOB_QUEUE_MODULES, JOB_RETENTION_OPTIONS, JWT_ALGORITHM_OPTIONS, SCHEMA_CONSTRUCTORS, VITE_BUILD_OPTIONS, WORKFLOW_TOOLS, type OptionSite } from './settings.js';

let byCallee: Map<string, ExportFact & { package: string }> | null = null;

/**
 * What a callee is, named as collect names imported callees: `module#export` or `module#export#member`
 * (`jsonwebtoken#default#verify` for `jwt.verify` on jsonwebtoken's default import). Null when no
 * descriptor says.
 */
export function exportFact(callee: string): (ExportFact & { package: string }) | null {
  if (!byCallee) {
    byCallee = new Map();
    for (const lib of LIBRARIES) for (const e of lib.exports) byCallee.set(`${lib.package}#${e.name}`, { ...e, package: lib.package });
  }
  return byCallee.get(callee.startsWith('node:') ? callee.slice(5) : callee) ?? null;
}

/** The limiter plugins with a per-route option (ExportFact.routeOption): the option's path under a route's options, and the registration option that makes it per route. */
export function routeLimitOptions(): ReadonlyArray<{ package: string; imported: string; path: readonly string[]; global: string }> {
  return LIBRARIES.flatMap((lib) => lib.exports.flatMap((e) => (e.routeOption ? [{ package: lib.package, imported: e.name, ...e.routeOption }] : [])));
}

/**
 * What a callee named `module#export[#member...]` is, by its longest described prefix: `prisma.user.create`
 * on `new PrismaClient()` is `@prisma/client#PrismaClient#user#create`, a call on a `PrismaClient`.
 */
export function calleeFact(callee: string): Readonly<ExportFact & { package: string; exact: boolean }> | null {
  // Asked for every call of every handler and guard, of a few thousand distinct callees: answered once each.
  let fact = factOfCallee.get(callee);
  if (fact === undefined) {
    fact = null;
    const parts = callee.split('#');
    for (let n = parts.length; n >= 2; n--) {
      const f = exportFact(parts.slice(0, n).join('#'));
      if (f) {
        fact = Object.freeze({ ...f, exact: n === parts.length });
        break;
      }
    }
    // `const passport = require('passport'); passport.authenticate(...)` is collected as
    // `passport#authenticate`: a CommonJS module's members are its default export's (`default#authenticate`).
    if (!fact && parts.length >= 2 && parts[1] !== 'default') {
      const f = calleeFact([parts[0], 'default', ...parts.slice(1)].join('#'));
      if (f && f.name.startsWith('default#')) fact = f;
    }
    factOfCallee.set(callee, fact);
  }
  return fact;
}
const factOfCallee = new Map<string, Readonly<ExportFact & { package: string; exact: boolean }> | null>();

let described: Set<string> | null = null;

/** A module whose exports verdict knows: a described package or a Node.js built-in. Unknown exports of it are not what a name suggests. */
export function isKnownModule(module: string): boolean {
  described ??= new Set(LIBRARIES.map((l) => l.package));
  return described.has(module) || isBuiltin(module);
}

/** The role of an imported export, from its module and export name (and a member for `x.member`). */
export function roleOfImport(from: string, imported: string, member?: string): ExportFact | null {
  return exportFact(member ? `${from}#${imported}#${member}` : `${from}#${imported}`);
}

/**
 * The method names of the exports that check a sender's signature (verifiers, constant-time compares,
 * MACs: `constructEvent`, `timingSafeEqual`, `validateRequest`): the calls collect records in every
 * declaration so the link can follow a webhook's verification into the functions it calls.
 */
export function signatureCheckMethods(): ReadonlySet<string> {
  return new Set(exportsWithRole('verifier', 'secret-compare', 'mac').map((e) => e.name.slice(e.name.lastIndexOf('#') + 1)));
}

/** Every export fact with one of these roles. */
export function exportsWithRole(...roles: Role[]): Array<ExportFact & { package: string }> {
  return LIBRARIES.flatMap((lib: LibraryDescriptor) => lib.exports.filter((e) => roles.includes(e.role)).map((e) => ({ ...e, package: lib.package })));
}

/**
 * Methods that execute SQL text, by method name, from the SQL libraries' descriptors (`Pool#query`,
 * `PrismaClient#$queryRawUnsafe`): which argument is the text and which hold bound values. A receiver's
 * type is not known to a one-file rule, so the method name is what it can match.
 */
export function sqlExecutorMethods(): Map<string, { text: number; values?: number; raw: boolean; packages: string[] }> {
  const out = new Map<string, { text: number; values?: number; raw: boolean; packages: string[] }>();
  for (const e of exportsWithRole('sql-executor')) {
    const method = e.name.slice(e.name.lastIndexOf('#') + 1);
    if (!e.sql || method === e.name) continue;
    const known = out.get(method);
    if (known) {
      known.packages.push(e.package);
      known.raw ||= Boolean(e.sql.raw);
    } else out.set(method, { text: e.sql.text, ...(e.sql.values !== undefined ? { values: e.sql.values } : {}), raw: Boolean(e.sql.raw), packages: [e.package] });
  }
  return out;
}

let requestMethods: Map<string, ExportFact & { package: string }> | null = null;

/** A method a plugin adds to the request object (`request.jwtVerify()` with @fastify/jwt), by its name. */
export function requestMethodFact(method: string): (ExportFact & { package: string }) | null {
  if (!requestMethods) {
    requestMethods = new Map();
    for (const lib of LIBRARIES) {
      for (const e of lib.exports) if (e.name.startsWith('request#')) requestMethods.set(e.name.slice(8), { ...e, package: lib.package });
    }
  }
  return requestMethods.get(method) ?? null;
}

/**
 * An authentication plugin's registration (`app.register(fastifyJwt, opts)`): what it adds, and whether it
 * hooks the routes of its context. A CommonJS `require` of the module is its default export. Null for anything else.
 */
export function authPluginOf(from: string, imported: string): (ExportFact & { package: string }) | null {
  const f = exportFact(`${from}#${imported === '*' ? 'default' : imported}`);
  return f?.role === 'auth-plugin' ? f : null;
}

let instanceMethods: Map<string, ExportFact & { package: string }> | null = null;

/** A method a Fastify plugin adds to the app it is registered on (`fastify.basicAuth` with @fastify/basic-auth), by its name. */
export function instanceMethodFact(method: string): (ExportFact & { package: string }) | null {
  if (!instanceMethods) {
    instanceMethods = new Map();
    for (const lib of LIBRARIES) {
      for (const e of lib.exports) if (e.name.startsWith('instance#')) instanceMethods.set(e.name.slice(9), { ...e, package: lib.package });
    }
  }
  return instanceMethods.get(method) ?? null;
}

/**
 * A queue library's export as the queue wiring reads it: `queue` (makes a queue by name; `methodsOf`
 * names the class whose methods apply to what it makes) or `consumer` (a constructor or decorator that
 * consumes the queue it names). Null for anything else.
 */
export function queueExport(from: string, imported: string): { role: 'queue'; methodsOf: string } | { role: 'consumer' } | null {
  const f = exportFact(`${from}#${imported}`);
  if (f?.role === 'queue') return { role: 'queue', methodsOf: f.queue?.methodsOf ?? `${f.package}#${f.name}` };
  if (f?.role === 'queue-consumer') return { role: 'consumer' };
  return null;
}

/** Whether `method` on a queue made by `methodsOf` (`bullmq#Queue`) puts jobs on it or takes them off. */
export function queueMethodRole(methodsOf: string, method: string): 'producer' | 'consumer' | null {
  const role = exportFact(`${methodsOf}#${method}`)?.role;
  return role === 'queue-producer' ? 'producer' : role === 'queue-consumer' ? 'consumer' : null;
}

/** The property of a queue made by `methodsOf` that holds its name (`q.name` on a BullMQ `Queue`). */
export function queueNameProperty(methodsOf: string): string | null {
  return exportFact(methodsOf)?.queue?.nameProperty ?? null;
}

/** The packages with a queue export, for a file's cheap check that it may make or consume one. */
let queuePackageList: readonly string[] | null = null;
export function queuePackages(): readonly string[] {
  queuePackageList ??= [...new Set(exportsWithRole('queue', 'queue-consumer').map((e) => e.package))];
  return queuePackageList;
}

/** What a plugin loader reads (`@fastify/autoload`): its folder option, its folder-prefix option and a loaded file's own prefix export. */
export function pluginLoader(from: string, imported: string): NonNullable<ExportFact['loader']> | null {
  const f = exportFact(`${from}#${imported}`);
  return f?.role === 'plugin-loader' && f.loader ? f.loader : null;
}

let queueMethods: Set<string> | null = null;

/** The method names of every described queue (`add`, `process`, ...): the calls worth recording on a receiver collect cannot type. */
export function queueMethodNames(): ReadonlySet<string> {
  queueMethods ??= new Set(exportsWithRole('queue-producer', 'queue-consumer').filter((e) => e.name.includes('#')).map((e) => e.name.slice(e.name.lastIndexOf('#') + 1)));
  return queueMethods;
}
/** The argument of `from#imported` that is the app a router it makes registers its routes on (chanfana `fromHono(app)`), or null. */
export function routerOverArgument(from: string, imported: string): number | null {
  return exportFact(`${from}#${imported}`)?.over ?? null;
}

/**
 * The packages with an export that checks the caller (a guard or a verifier): a function of a file
 * importing one may guard, so collect reads what its body does.
 */
let checkingPackages: ReadonlySet<string> | null = null;
export function callerCheckPackages(): ReadonlySet<string> {
  checkingPackages ??= new Set(exportsWithRole('guard', 'verifier').filter((e) => !e.lenient && e.package !== '@nestjs/common').map((e) => e.package));
  return checkingPackages;
}
export { HTTP_CLIENT_CALLS, HTTP_CREDENTIAL_HEADERS, httpClientCall, isCredentialHeader, REJECTING_HTTP_CLIENTS, rejectsOnErrorStatus, type HttpClientCall } from './http-clients.js';
export { API_KEY_CLIENTS, apiKeyClientOf, type ApiKeyClient } from './api-clients.js';
export { ENV_FILE_LOADERS, JOB_SCHEDULERS, jobCall, type EnvFileLoader, type JobCall, type JobScheduler } from './job-wiring.js';
export { BYTE_FILLS, CIPHER_IV_SOURCE, cipherModeOf, SUBTLE_CRYPTO, WEB_CRYPTO_ACCESS, WEB_CRYPTO_NONCES, webCryptoNonceOf } from './web-crypto.js';
export { FAST_HASHES, fastHashOf, type FastHash, PASSWORD_VERIFIERS, passwordVerifierMethodOf, passwordVerifierOf, RANDOM_BYTES, SALT_SITES, type PasswordVerifier, type SaltSite } from './password-hashing.js';
export { CLIENT_IDENTITY_FIELDS, HANDSHAKE_CARRIERS, HOLD_METHODS, isClientIdentityField, isClientSocketEvent, isConnectionEvent, SOCKET_EVENTS, LISTEN_METHODS, NEST_GATEWAY, RELEASE_FUNCTIONS, RELEASE_METHODS, SOCKET_APIS, type SocketApi, type SocketEnd } from './websockets.js';
export { QUERY_TIMEOUTS, TIMEOUT_SQL, TIMER_RACES, type QueryTimeout } from './query-timeouts.js';
export { distinctiveSessionCookie, isProviderSessionCookie, PROVIDER_COOKIE_NAMES, PROVIDER_SESSION_COOKIES, sessionCookieProviderOfDomain, type ProviderSessionCookies } from './session-cookies.js';
export { PAGE_SIZE_ARGUMENTS, pageSizeOptions, pageSizeChain, pageSizeChainMethods, pageSizeMethods, UNBOUNDED_NUMERIC, isUnboundedNumeric, FAN_OUT_COMBINATORS, isFanOut, LENGTH_KEEPING_METHODS, type PageSizeArgument } from './page-sizes.js';
export { SCHEDULERS, schedulerOf, schedulingDecorator, DISTRIBUTED_LOCKS, isDistributedLock, LOCK_IDIOMS, lockIdiomOf, type Scheduler, type DistributedLock, type LockIdiom, type LockCall } from './schedulers.js';
export { UPLOAD_EXPORTS, UPLOAD_LIBRARIES, uploadExportOf, uploadLibrary, uploadPackages, UPLOAD_NAME_SOURCES, uploadNameWords, type UploadNameSource, type UploadExport, type UploadLibrary, type UploadShape } from './uploads.js';
export { commandStart, DEV_SERVERS, devServerIn, type DevServer } from './dev-servers.js';
export { WATCH_MODES, watchModeIn, type WatchMode } from './watch-modes.js';
export { D1_MIGRATIONS_APPLY, d1MigrationsApply, type D1Target } from './wrangler-d1.js';
export { CODE_MIGRATION_APPLIERS, codeMigrationApplierOf, codeMigrationOption, DESTRUCTIVE_SCHEMA_COMMANDS, destructiveSchemaCommandIn, DRIZZLE_MIGRATOR, MIGRATION_APPLIERS, migrationApplierIn, type CodeMigrationApplier, type DestructiveSchemaCommand, type MigrationApplier } from './migration-appliers.js';
export { DATASTORE_IMAGES, datastoreImageOf, type DatastoreImage } from './datastore-images.js';
export { BROWSER_AMBIGUOUS, ESLINT_ENVS, JS_GLOBALS, JS_GLOBALS_SOURCE, RUNTIMES_BY_IMPORT } from './js-globals.js';
export { COOKIE_SETTER_DEFAULTS, SESSION_MIDDLEWARE_COOKIES, sessionMiddlewareCookieOf, type SessionMiddlewareCookie } from './cookie-defaults.js';
export { JWT_KEY_FAMILY_DEFAULT, AUDIENCE_OPTIONS, configDefaultArg, ENV_CONFIG_READERS, INJECTED_JWT_VERIFIERS, isTokenUseClaim, JWT_VERIFIER_KEYS, jwtVerifierKeyOf, tokenKindOfName, TOKEN_USE_CLAIMS, type JwtKeyTaker } from './jwt-keys.js';
export { DEFAULT_PRIMARY_KEYS, isBearerValueSource, isDefaultPrimaryKey, isRandomPrismaDefault, isRandomValueSource, PRISMA_RANDOM_DEFAULTS, RANDOM_VALUE_SOURCES } from './capability-tokens.js';
export { EXPIRY_FIELD_WORDS, isExpiryField, isOpaqueTokenSource, OPAQUE_TOKEN_SOURCES, REDIS_TTL_OPTIONS, REDIS_TTL_SOURCE, TOKEN_ROW_WRITES } from './token-storage.js';
export { FILE_SINKS, FILE_SYSTEM_MODULES, fileSinkOf, PATH_FUNCTIONS, PATH_MODULES, pathFunctionOf, RESPONSE_FILE_SINKS, responseFileSinkOf, type FileAccess, type FileSink, type PathFunction, type ResponseFileSink } from './file-paths.js';
export { isRecordWriteMethod, MESSAGE_SENDERS, messageSenderOf, RECORD_WRITE_METHODS, type MessageSender } from './one-time-secrets.js';
export { ACCOUNT_LOOKUP_FIELDS, BUILT_IN_VALUE_BUILDERS, buildsBuiltInValue, isAccountLookupField, isMongoPackage, isRegexEscaper, isSchemaParseMethod, MONGO_PACKAGES, MONGO_QUERY_METHODS, MONGO_SANITIZERS, MONGOOSE_SANITIZE_FILTER, mongoFilterArg, mongoSanitizerOf, NEST_STRING_DECORATORS, readsStringField, REGEX_ESCAPERS, REGEX_SYNTAX_CHARACTERS, SCHEMA_VALIDATORS, STRING_ONLY_FIELDS, STRING_ONLY_METHODS, type MongoQueryMethod, type MongoSanitizer, type RegexEscaper } from './mongo.js';
export { PAID_APIS, paidCallOf, paidClientOf, type PaidApi, type PaidApiKind, type PaidCall } from './paid-apis.js';
export { TELEMETRY_PII_OPTIONS, telemetryPiiOptionOf, type TelemetryPiiOption } from './telemetry-pii.js';
export { ASYNC_CLIENTS, ASYNC_ERROR_HELPERS, asyncClientOf, asyncErrorHelperOf, expressForwardsRejections, FORWARDS_REJECTIONS, PROCESS_ERROR_REPORTERS, type AsyncClient, type AsyncErrorHelper, PROMISE_ROUTE_METHODS, promiseRouteMethodBase } from './async-errors.js';
export { FIELD_WRITES, holdsMoneyOrStock, isFieldWrite, isRowLockMethod, isRowLockOption, isRowRead, isRowSave, isTransactionMethod, isVersionField, MONEY_STOCK_WORDS, ROW_LOCKS, ROW_READS, ROW_SAVES, TRANSACTION_METHODS, VALUE_KEYS, VERSION_FIELDS } from './row-updates.js';
