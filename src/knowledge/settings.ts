// Where libraries take the settings readiness reports talk about: which call, which argument, which
// option key, and what holds when the option is absent. verify reads the value from the resolved call
// (never from a word in a file) and compares it with the report's.

export interface OptionSite {
  /** The module as imported (without `node:`). */
  module: string;
  /** The export called: 'default' for the module itself, a name, or `name.member` (`default.xframe`). */
  export: string;
  /** The argument that holds the options object, or the value itself when `key` is null. */
  arg: number;
  /** The option key (dotted) inside that argument; null when the argument is the value. */
  key: string | null;
  example: string;
  source: string;
}

/** Options that pin a JWT's verification to a list of algorithms. Absent: the library accepts what the token's header names (older jsonwebtoken) or its key type allows. */
export const JWT_ALGORITHM_OPTIONS: readonly OptionSite[] = [
  { module: 'jsonwebtoken', export: 'verify', arg: 2, key: 'algorithms', example: "jwt.verify(token, secret, { algorithms: ['HS256'] })", source: 'https://github.com/auth0/node-jsonwebtoken#jwtverifytoken-secretorpublickey-options-callback' },
  { module: 'express-jwt', export: 'default', arg: 0, key: 'algorithms', example: "jwt({ secret, algorithms: ['HS256'] })", source: 'https://github.com/auth0/express-jwt#required-parameters (algorithms is required since 6.0)' },
  { module: 'express-jwt', export: 'expressjwt', arg: 0, key: 'algorithms', example: "expressjwt({ secret, algorithms: ['HS256'] })", source: 'https://github.com/auth0/express-jwt#usage' },
  { module: 'jose', export: 'jwtVerify', arg: 2, key: 'algorithms', example: "jwtVerify(jwt, key, { algorithms: ['ES256'] })", source: 'https://github.com/panva/jose/blob/main/docs/jwt/verify/functions/jwtVerify.md' },
];

/** Where `X-Frame-Options` is set, and what a call without the value sends. */
export const FRAME_OPTION_SITES: ReadonlyArray<OptionSite & { default: string }> = [
  { module: 'lusca', export: 'default.xframe', arg: 0, key: null, default: 'SAMEORIGIN', example: "app.use(lusca.xframe('SAMEORIGIN'))", source: 'https://github.com/krakenjs/lusca#luscaxframevalue' },
  { module: 'lusca', export: 'default', arg: 0, key: 'xframe', default: 'SAMEORIGIN', example: "app.use(lusca({ xframe: 'SAMEORIGIN' }))", source: 'https://github.com/krakenjs/lusca#luscaoptions' },
  { module: 'helmet', export: 'default', arg: 0, key: 'frameguard.action', default: 'SAMEORIGIN', example: "app.use(helmet({ frameguard: { action: 'deny' } }))", source: 'https://helmetjs.github.io/#x-frame-options (default SAMEORIGIN)' },
  { module: 'helmet', export: 'default.frameguard', arg: 0, key: 'action', default: 'SAMEORIGIN', example: "app.use(helmet.frameguard({ action: 'deny' }))", source: 'https://helmetjs.github.io/#x-frame-options' },
];

/** The digest algorithm of a hash: the first argument. */
export const HASH_ALGORITHM_SITES: readonly OptionSite[] = [
  { module: 'crypto', export: 'createHash', arg: 0, key: null, example: "crypto.createHash('md5')", source: 'https://nodejs.org/api/crypto.html#cryptocreatehashalgorithm-options' },
  { module: 'crypto', export: 'createHmac', arg: 0, key: null, example: "crypto.createHmac('sha256', key)", source: 'https://nodejs.org/api/crypto.html#cryptocreatehmacalgorithm-key-options' },
];

/** Canonical digest names: how a report writes them ("SHA-256") and how the code does ('sha256'). */
export function digestName(s: string): string | null {
  const m = s.toLowerCase().replace(/[\s_-]/g, '').match(/^(md5|sha1|sha224|sha256|sha384|sha512|sha3256|sha3512)$/);
  return m ? m[1] : null;
}

/**
 * Mongoose schemas: `new Schema(fields, options)`. A field's options are the object it is given
 * (`email: { type: String, unique: true, lowercase: true }`); `timestamps: true` in the options adds
 * createdAt and updatedAt to every document.
 */
export const SCHEMA_CONSTRUCTORS: ReadonlyArray<{ module: string; export: string; fieldsArg: number; optionsArg: number; source: string }> = [
  { module: 'mongoose', export: 'Schema', fieldsArg: 0, optionsArg: 1, source: 'https://mongoosejs.com/docs/guide.html#options' },
  { module: 'mongoose', export: 'default.Schema', fieldsArg: 0, optionsArg: 1, source: 'https://mongoosejs.com/docs/guide.html#options' },
];

/** Field options a report names in words, and the schema option key each is. */
export const FIELD_OPTION_WORDS: ReadonlyArray<{ words: RegExp; option: string }> = [
  { words: /\bunique\b/i, option: 'unique' },
  { words: /\blower-?cased?\b|\blowercased\b/i, option: 'lowercase' },
  { words: /\bupper-?cased?\b/i, option: 'uppercase' },
  { words: /\btrimm?ed\b/i, option: 'trim' },
  { words: /\brequired\b/i, option: 'required' },
];

/** BullMQ job retention: how many finished jobs Redis keeps, per outcome (`true` keeps none, a number keeps that many). */
export const JOB_RETENTION_OPTIONS: ReadonlyArray<{ option: string; outcome: 'complete' | 'failed'; source: string }> = [
  { option: 'removeOnComplete', outcome: 'complete', source: 'https://docs.bullmq.io/guide/queues/auto-removal-of-jobs' },
  { option: 'removeOnFail', outcome: 'failed', source: 'https://docs.bullmq.io/guide/queues/auto-removal-of-jobs' },
];
export const JOB_QUEUE_MODULES: readonly string[] = ['bullmq', 'bull'];

/** Vite's build options a report describes, under `build` in the config the default export gives. */
export const VITE_BUILD_OPTIONS = {
  configFiles: /^(.*\/)?vite\.config\.[cm]?[jt]s$/,
  define: { module: 'vite', export: 'defineConfig' },
  minify: 'build.minify',
  sourcemap: 'build.sourcemap',
  target: 'build.target',
  manualChunks: 'build.rollupOptions.output.manualChunks',
  source: 'https://vite.dev/config/build-options',
} as const;

/** Jest's coverage threshold (percentages per metric under `global`) and vitest's. */
export const COVERAGE_THRESHOLDS = {
  jest: { files: /^(.*\/)?jest\.config\.[cm]?[jt]s$/, key: 'coverageThreshold.global', source: 'https://jestjs.io/docs/configuration#coveragethreshold-object' },
  metrics: ['branches', 'functions', 'lines', 'statements'],
} as const;

/** Basic-auth middleware: a route mounted behind one of these asks for a user name and password. */
export const BASIC_AUTH_MODULES: readonly string[] = ['express-basic-auth', 'basic-auth-connect', 'koa-basic-auth', 'hono/basic-auth'];

/**
 * Code scanners: tools that analyse the code and report alerts. "Verified with CodeQL (0 alerts)" states
 * what a run of one found; no file of the repository records that result (a workflow that would run the
 * scanner is a claim of its own, read from the workflow).
 */
export const CODE_SCANNERS: ReadonlyArray<{ tool: string; words: RegExp; source: string }> = [
  { tool: 'CodeQL', words: /\bcodeql\b/i, source: 'https://codeql.github.com/docs/codeql-cli/analyzing-databases-with-the-codeql-cli/' },
  { tool: 'Snyk', words: /\bsnyk\b/i, source: 'https://docs.snyk.io/snyk-cli/commands/code-test' },
  { tool: 'Semgrep', words: /\bsemgrep\b/i, source: 'https://semgrep.dev/docs/cli-reference' },
  { tool: 'SonarQube', words: /\bsonar(qube|cloud)?\b/i, source: 'https://docs.sonarsource.com/sonarqube-server/analyzing-source-code/scanners/sonarscanner/' },
  { tool: 'gitleaks', words: /\bgitleaks\b/i, source: 'https://github.com/gitleaks/gitleaks#usage' },
  { tool: 'TruffleHog', words: /\btrufflehog\b/i, source: 'https://github.com/trufflesecurity/trufflehog#usage' },
];

/**
 * Tools a CI workflow step runs, as a report names them and as a step shows them (its `uses` action or
 * its `run` command).
 */
export const WORKFLOW_TOOLS: ReadonlyArray<{ tool: string; words: RegExp; step: RegExp; source: string }> = [
  { tool: 'gitleaks', words: /\bgitleaks\b/i, step: /\bgitleaks\b/i, source: 'https://github.com/gitleaks/gitleaks-action' },
  { tool: 'CodeQL', words: /\bcodeql\b/i, step: /^github\/codeql-action\//i, source: 'https://github.com/github/codeql-action' },
  { tool: 'prisma validate', words: /\bprisma validate\b/i, step: /\bprisma(@[\w.]+)? validate\b/, source: 'https://www.prisma.io/docs/orm/reference/prisma-cli-reference#validate' },
  { tool: 'dependency audit', words: /\b(dependency|npm|pnpm|yarn) audit\b/i, step: /\b(npm|pnpm|yarn)( run)? audit\b|dependency-review-action|\baudit-ci\b/, source: 'https://docs.npmjs.com/cli/commands/npm-audit' },
  { tool: 'lint', words: /\blint\b/i, step: /\blint\b|\beslint\b|\bbiome\b/i, source: 'https://eslint.org/docs/latest/use/command-line-interface' },
  { tool: 'type-check', words: /\btype-?check\b/i, step: /\btype-?check\b|\btsc\b/i, source: 'https://www.typescriptlang.org/docs/handbook/compiler-options.html' },
];
