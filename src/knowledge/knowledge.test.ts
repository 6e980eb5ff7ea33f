import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lazyScope } from '../collect/scope.js';
import { nodeFacts } from '../collect/collectors/body-facts.js';
import {
  authPluginOf, calleeFact, callerCheckPackages, instanceMethodFact, routerOverArgument, HTTP_CLIENT_CALLS, httpClientCall, CALLER_WORDS, criticalRoleOfName, CRITICAL_ROLE_WORDS, CSRF_COOKIE_WORDS, isHealthPath, isKnownModule, isReadyPath, LIMITER_WORDS, nameIsNotStore, nameSaysLimiter, optionSkipsAuth, exportFact, isSessionCookieName, SESSION_COOKIE_WORDS, isSecretName, LENIENT_WORDS, LIBRARIES, MIDDLEWARE_CALLER_WORDS, nameSaysCallerCheck, NOT_CALLER_WORDS,
  isRequestRead, isRefusalResponse, REFUSAL_RESPONSES, REQUEST_OBJECTS, URL_INPUT_NAMES, SCHEMA_SYNC_OPTIONS, isPlaceholderTestScript, isTestFilePath, NPM_PLACEHOLDER_TEST, TEST_FILE_PATTERNS, CALLBACK_SOURCES, callbackSourceOf, DECORATED_SOURCES, isRequestDecorator, CI_PROVIDERS, DATABASE_PLATFORMS, platformObjectMissing, platformOfMigrations, ciProviderOf, NOT_SECRET_NAME_WORDS, pluginLoader, queueExport, queueMethodNames, TSCONFIG_BASES, tsconfigBaseStrict, queueMethodRole, queueNameProperty, queuePackages, requestMethodFact, SECRET_KEY_SUFFIX, SECRET_NAME_ENDINGS, sqlExecutorMethods, isTestGlobal, isTestModule, TEST_APIS, PII_NAME_WORDS, isPiiName, QUEUE_RETRY_FACTS, queueRetryFact, WORKER_ERROR_EVENTS, workerErrorEvent, TRUST_PROXY_SETTINGS, trustProxyOption, isTrustProxySetting, SERVICE_DEPENDENCIES, serviceDependencyOf, WEBHOOK_PROVIDERS, webhookProviderOf, endsInAccounts, nameSaysSignUp, ROUTER_NAME_WORDS, nameWords, SIGN_UP_NAME_WORDS, NEXT_PARAMS, nextParamIndex, pathSaysWebhook, limitedPurposeOf, publicPurposeOf, ROUTE_WORDS, routePurposes, COMMAND_LINE_INPUTS, sourceWords, ELEMENT_CALLBACKS, receivesElements, NUMERIC_SCHEMAS, parsesNumber, isCommandLineRead, hashesPassword, PASSWORD_HASHERS, isPasswordField, nameSaysHashes, PASSWORD_FIELDS, looksRowsUp, ROW_LOOKUPS, JWT_LIBRARIES, jwtFunctionOf, HANDLER_RESPONSES, handlerFrameworkOf, responseIndexByShape, SUBJECT_CLAIMS, isSubjectClaim, DATA_CALL_METHODS, isDataCallMethod, HOOKLESS_WRITES, HOOKED_WRITE_METHODS, ORM_WRITES,
} from './index.js';

/** The identifiers of `code` that resolve to an import of `pkg` named `name` (`default`, `*` or an export), used after the import. */
function usesOf(code: string, pkg: string, name: string): ts.Identifier[] {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const scope = lazyScope(() => sf);
  const out: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && !ts.findAncestor(n, ts.isImportDeclaration)) {
      const b = scope.resolve(n);
      if (b?.kind === 'import' && b.from === pkg && b.imported === name) out.push(n);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('library knowledge', () => {
  const entries = LIBRARIES.flatMap((lib) => lib.exports.map((e) => ({ lib, e })));

  it('has a source for every library and no export named twice', () => {
    for (const lib of LIBRARIES) expect(lib.source, lib.package).toMatch(/^https:\/\//);
    const keys = entries.map(({ lib, e }) => `${lib.package}#${e.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  // Each entry's example must import the export from its package and use it: the fact is shown, not asserted.
  it.each(entries.map(({ lib, e }) => [`${lib.package}#${e.name}`, lib.package, e] as const))('%s: its example uses it', (_key, pkg, e) => {
    const [head, member] = e.name.startsWith('request#') ? ['default', e.name.slice(8)] : e.name.startsWith('instance#') ? ['default', e.name.slice(9)] : e.name.split('#');
    const imported = head;
    const uses = usesOf(e.example, pkg, imported);
    expect(uses.length, `${e.example} does not use ${imported} of ${pkg}`).toBeGreaterThan(0);
    if (member) expect(e.example).toContain(`.${member}`);
    if (e.role === 'sql-executor') expect(e.sql).toBeDefined();
    if (e.skip || e.needs) expect(e.role).toBe('limiter');
    // What a limiter needs or an exemption exempts is an export of the same package.
    for (const other of [e.needs, e.exempts]) if (other) expect(entries.some((x) => x.lib.package === pkg && x.e.name === other)).toBe(true);
  });

  it("names a limiter's skip option only where its docs define one", () => {
    expect(exportFact('express-rate-limit#default')?.skip).toBe('skip');
    expect(exportFact('hono-rate-limiter#rateLimiter')?.skip).toBe('skip');
    // The example shows the option in use.
    expect(exportFact('express-rate-limit#default')?.example).toContain('skip: (req) =>');
    expect(exportFact('koa-ratelimit#default')?.skip).toBeUndefined();
  });

  it('answers by the names collect gives imported callees', () => {
    expect(exportFact('jsonwebtoken#default#verify')?.role).toBe('verifier');
    expect(exportFact('jose#jwtVerify')?.role).toBe('verifier');
    expect(exportFact('passport#default#initialize')).toMatchObject({ role: 'session-reader', lenient: true });
    expect(exportFact('express-rate-limit#default')?.role).toBe('limiter');
    expect(exportFact('left-pad#default')).toBeNull();
    expect(requestMethodFact('jwtVerify')?.package).toBe('@fastify/jwt');
    // Registering @fastify/jwt only decorates; @fastify/bearer-auth hooks unless `addHook: false`; a require is the default export.
    expect(authPluginOf('@fastify/jwt', 'default')?.plugin).toEqual({ decorates: ['request#jwtVerify', 'instance#jwt'] });
    expect(authPluginOf('@fastify/bearer-auth', '*')?.plugin?.hooksUnless).toBe('addHook');
    expect(authPluginOf('jose', 'jwtVerify')).toBeNull();
    expect(instanceMethodFact('basicAuth')?.role).toBe('guard');
    expect(instanceMethodFact('authenticate')).toBeNull();
  });

  it("reads a CommonJS module's members as its default export's, and says which packages check the caller", () => {
    // `const passport = require('passport'); passport.authenticate(...)` is collected as `passport#authenticate`.
    expect(calleeFact('passport#authenticate')).toMatchObject({ role: 'guard', name: 'default#authenticate' });
    expect(calleeFact('passport#nothing')).toBeNull();
    expect(exportFact('hono/factory#createMiddleware')).toMatchObject({ role: 'middleware-wrapper', wraps: 0 });
    expect(routerOverArgument('chanfana', 'fromHono')).toBe(0);
    expect(routerOverArgument('hono', 'Hono')).toBeNull();
    const checking = callerCheckPackages();
    expect(checking.has('hono/bearer-auth') && checking.has('passport') && checking.has('jsonwebtoken')).toBe(true);
    expect(checking.has('express-rate-limit') || checking.has('hono/factory')).toBe(false);
  });

  it('says which argument of an outbound HTTP call is its URL, each entry with a source and an example that calls it', () => {
    expect(httpClientCall('', 'fetch')).toMatchObject({ url: 0 });
    expect(httpClientCall('axios', 'default#post')).toMatchObject({ url: 0 });
    expect(httpClientCall('axios', 'default')).toMatchObject({ option: 'url' });
    expect(httpClientCall('node:https', 'default#get')).not.toBeNull();
    expect(httpClientCall('axios', 'default#create')).toBeNull();
    for (const c of HTTP_CLIENT_CALLS) {
      expect(c.source, `${c.package}#${c.name}`).toMatch(/^https:\/\//);
      const called = c.name.includes('#') ? `.${c.name.split('#')[1]}(` : c.package === '' ? `${c.name}(` : '(';
      expect(c.example, `${c.package}#${c.name}`).toContain(called);
    }
  });

  it('says which argument of a SQL executor is the text and which are bound values', () => {
    const methods = sqlExecutorMethods();
    expect(methods.get('$queryRawUnsafe')).toMatchObject({ text: 0, values: 1 });
    expect(methods.get('query')?.packages).toEqual(expect.arrayContaining(['pg', 'mysql2']));
    expect(methods.has('$queryRaw')).toBe(false); // a tagged template binds its values
    expect([...methods].filter(([, m]) => m.raw).map(([name]) => name).sort()).toEqual(['$executeRawUnsafe', '$queryRawUnsafe', 'raw', 'unsafe']);
  });
});

describe('plugin loaders', () => {
  it('says which options of @fastify/autoload name the folder and its route prefixes', () => {
    expect(pluginLoader('@fastify/autoload', 'default')).toEqual({ dir: 'dir', folderPrefix: 'dirNameRoutePrefix', filePrefixExport: 'autoPrefix' });
    expect(pluginLoader('@fastify/jwt', 'default')).toBeNull();
  });
});

describe('tsconfig bases', () => {
  it('answers each published base by its example, and nothing for a base it does not know', () => {
    for (const b of TSCONFIG_BASES) {
      expect(b.source, b.extends).toMatch(/^https:\/\//);
      expect(tsconfigBaseStrict(b.example), b.example).toBe(b.strict);
    }
    expect(tsconfigBaseStrict('astro/tsconfigs/base')).toBeNull(); // sets no strict: not a pass
    expect(tsconfigBaseStrict('astro/tsconfigs/strict-ish')).toBeNull();
    expect(tsconfigBaseStrict('@company/tsconfig')).toBeNull();
  });
});

describe('queue libraries', () => {
  it('says what makes a queue, what consumes one by name, and which methods feed or drain it', () => {
    expect(queueExport('bullmq', 'Queue')).toEqual({ role: 'queue', methodsOf: 'bullmq#Queue' });
    expect(queueExport('bullmq', 'Worker')).toEqual({ role: 'consumer' });
    expect(queueExport('bullmq', 'QueueEvents')).toBeNull();
    expect(queueExport('bull', 'default')).toEqual({ role: 'queue', methodsOf: 'bull#default' });
    // NestJS hands over the underlying library's queue: its methods are that library's.
    expect(queueExport('@nestjs/bullmq', 'InjectQueue')).toEqual({ role: 'queue', methodsOf: 'bullmq#Queue' });
    expect(queueExport('@nestjs/bull', 'Processor')).toEqual({ role: 'consumer' });
    expect(queueMethodRole('bullmq#Queue', 'add')).toBe('producer');
    expect(queueMethodRole('bullmq#Queue', 'process')).toBeNull(); // a BullMQ queue has no process(): Workers consume
    expect(queueMethodRole('bull#default', 'process')).toBe('consumer');
    expect(queueMethodRole('bee-queue#default', 'createJob')).toBe('producer');
    expect([...queueMethodNames()].sort()).toEqual(['add', 'addBulk', 'createJob', 'process']);
    // A queue's name property names the same queue wherever the object goes (`new Worker(q.name, ...)`).
    expect(queueNameProperty('bullmq#Queue')).toBe('name');
    expect(queueNameProperty('bullmq#Worker')).toBeNull();
    expect(queuePackages()).toEqual(expect.arrayContaining(['bullmq', 'bull', 'bee-queue', '@nestjs/bullmq']));
  });
});

describe('word lists', () => {
  it('matches every secret-name entry by its example, and un-matches the exclusions by theirs', () => {
    for (const e of [...SECRET_NAME_ENDINGS, SECRET_KEY_SUFFIX]) expect(isSecretName(e.example), e.example).toBe(true);
    for (const e of NOT_SECRET_NAME_WORDS) expect(isSecretName(e.example), e.example).toBe(false);
    expect(isSecretName('userName')).toBe(false);
    expect(isSecretName('token_id_secret')).toBe(false);
    expect(isSecretName('TOKEN_MAX_AGE')).toBe(false);
    expect(isSecretName('jwtExpiresIn')).toBe(false);
    // Exclusions are whole words: ADMIN holds no `min`, ACCOUNT no `count`, PROFILE no `file`, TYPESENSE no `type`.
    for (const name of ['ADMIN_TOKEN', 'ADMIN_PASSWORD', 'ACCOUNT_SECRET', 'PROFILE_SECRET', 'TYPESENSE_API_KEY', 'adminPassword', 'STABLE_SECRET']) {
      expect(isSecretName(name), name).toBe(true);
    }
  });

  it('reads names by whole words: author is not auth, and a telemetry word makes auth words a logger', () => {
    for (const e of CALLER_WORDS) expect(nameSaysCallerCheck(e.example), e.example).toBe(true);
    for (const e of MIDDLEWARE_CALLER_WORDS) expect(nameSaysCallerCheck(e.example), e.example).toBe(true);
    // A NestJS guard class is named ...Guard whatever it checks: those words say nothing there.
    for (const e of MIDDLEWARE_CALLER_WORDS) expect(nameSaysCallerCheck(`${e.word[0].toUpperCase()}${e.word.slice(1)}WriteGuard`, 'guard-class')).toBe(false);
    for (const e of NOT_CALLER_WORDS) expect(nameSaysCallerCheck(e.example), e.example).toBe(false);
    for (const e of LENIENT_WORDS) expect(nameSaysCallerCheck(e.example), e.example).toBe(false);
    expect(nameSaysCallerCheck('authorStats')).toBe(false);
    expect(nameSaysCallerCheck('authGuardStats')).toBe(false);
    expect(nameSaysCallerCheck('requireUser')).toBe(true);
    expect(nameSaysCallerCheck('JwtAuthGuard', 'guard-class')).toBe(true);
    expect(nameSaysCallerCheck('ImpersonationWriteGuard', 'guard-class')).toBe(false);
  });

  it('gives a name a critical role by its whole words, each entry by its example', () => {
    for (const e of CRITICAL_ROLE_WORDS) expect(criticalRoleOfName(e.example), e.example).toBe(e.role);
    // Substrings are not words: a text limit, a validity date, a persistent id or a dialog's close are none of these.
    for (const name of ['limitText', 'validUntil', 'persistentId', 'unthrottled', 'closeDialog']) expect(criticalRoleOfName(name), name).toBeNull();
  });

  it('names session cookies by whole words, and leaves CSRF cookies to the page', () => {
    for (const e of SESSION_COOKIE_WORDS) expect(isSessionCookieName(e.example), e.example).toBe(true);
    for (const e of CSRF_COOKIE_WORDS) expect(isSessionCookieName(e.example), e.example).toBe(false);
    expect(isSessionCookieName('__Host-refreshToken')).toBe(true);
    expect(isSessionCookieName('theme')).toBe(false);
    expect(isSessionCookieName('tokenizerMode')).toBe(false);
  });
});

describe('route vocabulary', () => {
  it('reads limiter names by whole words', () => {
    for (const e of LIMITER_WORDS) expect(nameSaysLimiter(e.example), e.example).toBe(true);
    for (const n of ['rateLimit', 'RATE_LIMITER', 'loginLimiter', 'ThrottlerGuard', 'config.rateLimit', 'slowDown']) expect(nameSaysLimiter(n), n).toBe(true);
    for (const n of ['limitOffset', 'pageLimit', 'authGuard']) expect(nameSaysLimiter(n), n).toBe(false);
  });

  it('knows the options that turn a helper auth check off', () => {
    expect(optionSkipsAuth('skipAuth', true)).toBe(true);
    expect(optionSkipsAuth('skip_auth_check', true)).toBe(true);
    expect(optionSkipsAuth('auth', false)).toBe(true);
    expect(optionSkipsAuth('public', true)).toBe(true);
    expect(optionSkipsAuth('skipAuth', false)).toBe(false);
    expect(optionSkipsAuth('publicRead', true)).toBe(false);
    expect(optionSkipsAuth('auth', true)).toBe(false);
  });

  it('names health and readiness paths by their last segment', () => {
    expect(isHealthPath('/api/healthz/')).toBe(true);
    expect(isHealthPath('/status')).toBe(true);
    expect(isHealthPath('/api/heartbeat')).toBe(true);
    expect(isHealthPath('/health/db')).toBe(false);
    expect(isReadyPath('/readyz')).toBe(true);
    expect(isReadyPath('/already')).toBe(false);
  });

  it('tells stores from request objects, hashes and schemas by receiver name', () => {
    for (const n of ['req', 'headers', 'sha256', 'userSchema']) expect(nameIsNotStore(n), n).toBe(true);
    for (const n of ['userRepo', 'orders']) expect(nameIsNotStore(n), n).toBe(false);
  });

  it('looks callees up by their longest described prefix, `node:` modules as their bare name', () => {
    expect(calleeFact('@prisma/client#PrismaClient#user#create')).toMatchObject({ role: 'data-client', exact: false });
    expect(calleeFact('stripe#default#webhooks#constructEvent')).toMatchObject({ role: 'verifier', exact: true });
    expect(calleeFact('node:crypto#timingSafeEqual')?.role).toBe('secret-compare');
    expect(calleeFact('./lib/db#prisma#user#create')).toBeNull();
    expect(isKnownModule('node:fs')).toBe(true);
    expect(isKnownModule('@/lib/db')).toBe(false);
  });
});

describe('CI providers', () => {
  it('recognises every provider by its example file, and nothing else at the root', () => {
    for (const p of CI_PROVIDERS) expect(ciProviderOf(p.example)?.name, p.example).toBe(p.name);
    expect(ciProviderOf('.github/workflows/README.md')).toBeNull();
    expect(ciProviderOf('docs/.travis.yml')).toBeNull();
    expect(ciProviderOf('package.json')).toBeNull();
  });
});

describe('database platforms', () => {
  it('names the platform object an engine message is about, and only the platform\'s', () => {
    for (const p of DATABASE_PLATFORMS) {
      expect(platformOfMigrations(p.migrationsDir)).toBe(p);
      expect(platformObjectMissing(p, p.example), p.example).not.toBeNull();
    }
    const supabase = platformOfMigrations('apps/web/supabase/migrations')!;
    expect(supabase.name).toBe('Supabase');
    expect(platformObjectMissing(supabase, 'relation "auth.users" does not exist')).toBe('schema auth');
    expect(platformObjectMissing(supabase, 'function auth.uid() does not exist')).toBe('schema auth');
    expect(platformObjectMissing(supabase, 'role "authenticated" does not exist')).toBe('role authenticated');
    expect(platformObjectMissing(supabase, 'publication "supabase_realtime" does not exist')).toBe('publication supabase_realtime');
    expect(platformObjectMissing(supabase, 'relation "users" does not exist')).toBeNull();
    expect(platformObjectMissing(supabase, 'schema "billing" does not exist')).toBeNull();
    expect(platformOfMigrations('db/migrations')).toBeNull();
  });
});

describe('request sources', () => {
  it('finds each callback source in its example, and each decorator by its import', () => {
    for (const src of CALLBACK_SOURCES) {
      const sf = ts.createSourceFile('x.ts', src.example, ts.ScriptTarget.Latest, true);
      let what: string | null = null;
      const visit = (n: ts.Node): void => {
        if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments) {
          const arg = n.arguments.findIndex((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
          const callee = n.expression;
          const first = n.arguments[0];
          if (arg >= 0) what ??= callbackSourceOf({
            ...(ts.isNewExpression(n) && ts.isIdentifier(callee) ? { ctor: callee.text } : {}),
            ...(ts.isCallExpression(n) && ts.isPropertyAccessExpression(callee) ? { method: callee.name.text } : {}),
            ...(first && ts.isStringLiteral(first) ? { event: first.text } : {}),
            arg, args: n.arguments.length, index: 0,
          });
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      expect(what, src.example).toBe(src.what);
    }
    expect(callbackSourceOf({ method: 'on', event: 'close', arg: 1, args: 2, index: 0 })).toBeNull();
    for (const d of DECORATED_SOURCES) {
      expect(d.example).toContain(`from '${d.package}'`);
      for (const name of d.decorators) expect(isRequestDecorator(d.package, name)).toBe(true);
    }
    expect(isRequestDecorator('@nestjs/common', 'Injectable')).toBe(false);
  });
});

describe('element callbacks', () => {
  it('each example hands its callback\'s element parameter to the named method; others are not element callbacks', () => {
    for (const c of ELEMENT_CALLBACKS) {
      const sf = ts.createSourceFile('x.ts', c.example, ts.ScriptTarget.Latest, true);
      const call = (sf.statements[0] as ts.ExpressionStatement).expression as ts.CallExpression;
      const fn = call.arguments[0] as ts.ArrowFunction;
      expect(ts.isPropertyAccessExpression(call.expression) && call.expression.name.text, c.example).toBe(c.method);
      expect((fn.parameters[c.param].name as ts.Identifier).text, c.example).toBe('row');
      expect(receivesElements(c.method, c.param)).toBe(true);
    }
    expect(receivesElements('reduce', 0)).toBe(false);
  });

  it('each numeric schema\'s example imports the package and parses through a numeric builder', () => {
    for (const n of NUMERIC_SCHEMAS) {
      expect(n.example).toContain(`from '${n.package}'`);
      expect(n.numeric.some((m) => n.example.includes(`.${m}()`)), n.example).toBe(true);
      expect(parsesNumber(n.package, n.exports[0], ['coerce', ...n.numeric.slice(0, 1), 'int'], n.parse[0])).toBe(true);
    }
    expect(parsesNumber('zod', 'z', ['string'], 'parse')).toBe(false);
    expect(parsesNumber('zod', 'z', ['object'], 'parse')).toBe(false);
    expect(parsesNumber('yup', 'number', ['number'], 'parse')).toBe(false);
    expect(receivesElements('then', 0)).toBe(false);
  });
});

describe('test suites', () => {
  it('names test files by the runners\' patterns and knows npm\'s placeholder script', () => {
    for (const p of TEST_FILE_PATTERNS) expect(isTestFilePath(p.example), p.example).toBe(true);
    expect(isTestFilePath('src/contest.ts')).toBe(false);
    expect(isTestFilePath('src/testing.ts')).toBe(false);
    expect(isPlaceholderTestScript(NPM_PLACEHOLDER_TEST.example)).toBe(true);
    expect(isPlaceholderTestScript(undefined)).toBe(true);
    expect(isPlaceholderTestScript('vitest run')).toBe(false);
  });

  it('each test API\'s example imports its module or calls its global', () => {
    for (const a of TEST_APIS) {
      const sf = ts.createSourceFile('example.ts', a.example, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
      const first = sf.statements[0];
      if (a.module) {
        expect(ts.isImportDeclaration(first) && isTestModule((first.moduleSpecifier as ts.StringLiteral).text), a.example).toBe(true);
      } else {
        const call = ts.isExpressionStatement(first) && ts.isCallExpression(first.expression) ? first.expression : null;
        const callee = call && ts.isPropertyAccessExpression(call.expression) && ts.isCallExpression(call.expression.expression) ? call.expression.expression.expression : call?.expression;
        expect(callee && ts.isIdentifier(callee) && callee.text === a.global && isTestGlobal(callee.text), a.example).toBe(true);
      }
    }
    expect(isTestModule('node:assert/strict')).toBe(true);
    expect(isTestModule('@jest/globals')).toBe(true);
    expect(isTestModule('bullmq')).toBe(false);
    expect(isTestGlobal('add')).toBe(false);
  });
});

describe('service dependencies', () => {
  it('each example imports its package and uses what it imports', () => {
    for (const d of SERVICE_DEPENDENCIES) {
      const sf = ts.createSourceFile('example.ts', d.example, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
      const imp = sf.statements[0];
      expect(ts.isImportDeclaration(imp) && (imp.moduleSpecifier as ts.StringLiteral).text, d.example).toBe(d.package);
      const clause = (imp as ts.ImportDeclaration).importClause!;
      const local = clause.name?.text ?? (clause.namedBindings as ts.NamedImports).elements[0].name.text;
      expect(sf.statements.slice(1).some((s) => new RegExp(`\\b${local}\\b`).test(s.getText(sf))), d.example).toBe(true);
      expect(serviceDependencyOf(d.package)).toBe(d);
    }
    expect(serviceDependencyOf('express')).toBeNull();
  });
});

describe('trust proxy settings', () => {
  it('each example imports its package and sets its option or setting to true', () => {
    for (const t of TRUST_PROXY_SETTINGS) {
      const sf = ts.createSourceFile('example.ts', t.example, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const imp = sf.statements[0];
      expect(ts.isImportDeclaration(imp) && (imp.moduleSpecifier as ts.StringLiteral).text, t.example).toBe(t.package);
      const found: string[] = [];
      const visit = (n: ts.Node): void => {
        if (ts.isPropertyAssignment(n) && n.initializer.kind === ts.SyntaxKind.TrueKeyword) found.push(`option ${n.name.getText(sf)}`);
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'set' && ts.isStringLiteralLike(n.arguments[0])) found.push(`setting ${n.arguments[0].text}`);
        ts.forEachChild(n, visit);
      };
      visit(sf);
      expect(found, t.example).toEqual([`${t.how} ${t.name}`]);
      if (t.how === 'option') expect(trustProxyOption(t.package)).toBe(t.name);
      else expect(isTrustProxySetting(t.name)).toBe(true);
    }
    expect(trustProxyOption('hono')).toBeNull();
  });
});

describe('personal data names', () => {
  it('each example names personal data; names about it do not', () => {
    for (const w of PII_NAME_WORDS) expect(isPiiName(w.example), w.example).toBe(true);
    for (const n of ['emails', 'user_email', 'phone']) expect(isPiiName(n), n).toBe(true);
    for (const n of ['emailVerified', 'emailTemplate', 'emailSent', 'mailer', 'phoneId']) expect(isPiiName(n), n).toBe(false);
  });
});

describe('queue facts', () => {
  it('each example imports its class from the package and uses the option or event it names', () => {
    for (const f of QUEUE_RETRY_FACTS) {
      expect(f.example, f.package).toContain(`import { ${f.queueClass} } from '${f.package}'`);
      expect(f.example).toContain(`new ${f.queueClass}(`);
      expect(f.example).toContain(`${f.defaultsKey}: { ${f.retryOption}:`);
      expect(f.example).toMatch(new RegExp(`\\.add\\((?:[^,]+, ){${f.optionsArg}}\\{ ${f.retryOption}:`));
      expect(queueRetryFact(f.package, f.queueClass)).toBe(f);
    }
    for (const f of WORKER_ERROR_EVENTS) {
      expect(f.example).toContain(`import { ${f.workerClass} } from '${f.package}'`);
      expect(f.example).toContain(`.on('${f.event}'`);
      expect(workerErrorEvent(f.package, f.workerClass)).toBe(f);
    }
    expect(queueRetryFact('bullmq', 'Worker')).toBeNull();
  });
});

describe('schema sync options', () => {
  it('each example imports one of its packages and sets its property to true', () => {
    for (const o of SCHEMA_SYNC_OPTIONS) {
      expect(o.packages.some((p) => o.example.includes(`from '${p}'`)), o.example).toBe(true);
      expect(o.example).toContain(`${o.property}: true`);
      if (o.method) expect(o.example).toContain(`.${o.method}(`);
    }
  });
});

describe('request objects', () => {
  it('each example reads a field of its request object, by property chain; other chains do not', () => {
    for (const o of REQUEST_OBJECTS) {
      const sf = ts.createSourceFile('x.ts', o.example, ts.ScriptTarget.Latest, true);
      const chains: string[][] = [];
      const visit = (n: ts.Node): void => {
        if (ts.isPropertyAccessExpression(n)) {
          const chain: string[] = [];
          let e: ts.Expression = n;
          while (ts.isPropertyAccessExpression(e)) { chain.unshift(e.name.text); e = e.expression; }
          if (ts.isIdentifier(e)) chains.push([e.text, ...chain]);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      expect(chains.some((c) => isRequestRead(c)), o.example).toBe(true);
    }
    expect(isRequestRead(['req', 'bodyParser'])).toBe(false);
    expect(isRequestRead(['req', 'get'])).toBe(true);
    expect(isRequestRead(['request', 'get'])).toBe(false);
    expect(isRequestRead(['req', 'query', 'id'])).toBe(false);
    expect(isRequestRead(['ctx', 'state'])).toBe(false);
    expect(isRequestRead(['author', 'body'])).toBe(false);
    expect(URL_INPUT_NAMES).toContain('searchParams');
  });

  it('each refusal response is called in its example as recorded; other response calls are not refusals', () => {
    for (const r of REFUSAL_RESPONSES) {
      expect(r.example, r.callee).toContain(`${r.callee}(`);
      expect(isRefusalResponse(r.callee)).toBe(true);
    }
    expect(isRefusalResponse('res.json')).toBe(false);
    expect(isRefusalResponse('redirect')).toBe(false);
  });

  it('each command-line input is read in its example as a property chain; the process\'s other fields are not input', () => {
    for (const i of COMMAND_LINE_INPUTS) {
      const sf = ts.createSourceFile('x.ts', i.example, ts.ScriptTarget.Latest, true);
      let found = false;
      const visit = (n: ts.Node): void => {
        if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) found ||= isCommandLineRead([n.expression.text, n.name.text]);
        ts.forEachChild(n, visit);
      };
      visit(sf);
      expect(found, i.example).toBe(true);
    }
    expect(isCommandLineRead(['process', 'env'])).toBe(false);
    // Every source's example holds one of the words that let a file skip the search for sources.
    const words = sourceWords();
    for (const ex of [...REQUEST_OBJECTS.map((o) => o.example), ...COMMAND_LINE_INPUTS.map((i) => i.example), ...CALLBACK_SOURCES.map((c) => c.example)]) {
      expect(words.some((w) => ex.includes(w)), ex).toBe(true);
    }
    expect(words.some((w) => 'export const total = (rows: number[]) => sum(rows);'.includes(w))).toBe(false);
    expect(isCommandLineRead(['process', 'argv', 'length'])).toBe(false);
  });
});

describe('next parameters', () => {
  it("each example's handler declares the parameter at the framework's index, named as the docs name it", () => {
    for (const n of NEXT_PARAMS) {
      const sf = ts.createSourceFile('x.ts', n.example, ts.ScriptTarget.Latest, true);
      const call = (sf.statements[0] as ts.ExpressionStatement).expression as ts.CallExpression;
      const fn = call.arguments[call.arguments.length - 1] as ts.ArrowFunction;
      expect(fn.parameters[nextParamIndex(n.framework)!]?.name.getText(sf), n.example).toBe('next');
    }
    expect(nextParamIndex('fastify')).toBeNull();
    expect(nextParamIndex('itty-router')).toBeNull();
  });
});

describe('route purposes', () => {
  it('each entry matches its example segment, in any order and case of its words', () => {
    for (const e of ROUTE_WORDS) expect(routePurposes(e.example), e.example).toContain(e);
    expect(publicPurposeOf('/api/auth/password-reset')?.purpose).toBe('auth-area');
    expect(publicPurposeOf('/v1/passwordReset')?.purpose).toBe('password-reset');
    expect(publicPurposeOf('/users/forgot_password')?.purpose).toBe('password-reset');
    expect(publicPurposeOf('/_health')?.purpose).toBe('health');
    expect(publicPurposeOf('/.well-known/jwks.json')?.purpose).toBe('public-file');
    expect(publicPurposeOf('/auth/2fa')?.purpose).toBe('auth-area');
    expect(limitedPurposeOf('/account/2fa')?.purpose).toBe('credential');
    expect(limitedPurposeOf('/contact')?.purpose).toBe('contact');
    expect(limitedPurposeOf('/auth/request-password-reset')?.purpose).toBe('password-reset');
    expect(limitedPurposeOf('/auth/resendOtp')?.purpose).toBe('verification');
  });

  it('answers a path asked again as it did the first time (the answer is remembered per path)', () => {
    const first = routePurposes('/api/webhooks/login').map((e) => e.purpose);
    expect(first).toEqual(['webhook', 'sign-in']);
    expect(routePurposes('/api/webhooks/login').map((e) => e.purpose)).toEqual(first);
    expect(routePurposes('/api/webhooks/orders').map((e) => e.purpose)).toEqual(['webhook']);
    expect(pathSaysWebhook('/api/webhooks/orders')).toBe(true);
    expect(pathSaysWebhook('/api/orders')).toBe(false);
  });

  it('reads whole segments: a word inside a longer segment, or a route parameter, is not the route', () => {
    for (const p of ['/login-history', '/users/registered-devices', '/healthcare/records', '/:login', '/statuses', '/tokens-usage', '/notes/[public]']) {
      expect(publicPurposeOf(p), p).toBeNull();
    }
    // A password change takes a credential but is no public route: the caller is signed in.
    expect(publicPurposeOf('/users/:id/password')).toBeNull();
    expect(limitedPurposeOf('/users/:id/password')?.purpose).toBe('credential');
    expect(limitedPurposeOf('/users/:id')).toBeNull();
    expect(pathSaysWebhook('/api/stripe/webhook')).toBe(true);
    expect(pathSaysWebhook('/api/webhooked')).toBe(false);
  });

  it('reads sign-up handlers by the words of their names, on account collections only', () => {
    for (const e of SIGN_UP_NAME_WORDS) expect(nameSaysSignUp(e.example), e.example).toBe(true);
    for (const n of ['UserController.signupUser', 'authService.registerUser', 'users.createUser', 'signUpWithEmail']) expect(nameSaysSignUp(n), n).toBe(true);
    for (const n of ['registry.get', 'userCreatedAt', 'unregister', 'createdUser', 'registeredAt']) expect(nameSaysSignUp(n), n).toBe(false);
    expect(endsInAccounts('/api/users')).toBe(true);
    expect(endsInAccounts('/api/users/:id')).toBe(false);
    expect(endsInAccounts('/api/usersettings')).toBe(false);
  });

  it('knows the calls that hash a password for storage, not those that verify one', () => {
    for (const h of PASSWORD_HASHERS) expect(hashesPassword({ module: h.module, ...h.example })?.module, h.module).toBe(h.module);
    expect(hashesPassword({ module: 'bcrypt', name: 'default', member: 'compare' })).toBeNull();
    expect(hashesPassword({ module: 'argon2', name: 'verify' })).toBeNull();
    expect(hashesPassword({ module: 'bcrypt', name: 'default' })).toBeNull();
    expect(hashesPassword({ module: 'crypto', name: 'createHash' })).toBeNull();
    expect(hashesPassword({ module: 'my-hash', name: 'hash' })).toBeNull();
  });

  it('names the fields that hold a password as typed, and the calls that look rows up by value', () => {
    for (const n of PASSWORD_FIELDS.names) expect(isPasswordField(n), n).toBe(true);
    for (const n of ['Password', 'userPassword']) expect(isPasswordField(n), n).toBe(true);
    for (const n of ['passwordHash', 'password_hash', 'newPasswordToken', 'passport', 'confirmPassword']) expect(isPasswordField(n), n).toBe(false);
    for (const m of ROW_LOOKUPS.methods) expect(looksRowsUp(m), m).toBe(true);
    for (const m of ['findAndCountAll', 'create', 'compare', 'wherever']) expect(looksRowsUp(m), m).toBe(false);
    expect(ROW_LOOKUPS.source).toMatch(/^https:\/\//);
    for (const n of ['hashPassword', 'bcryptHash', 'encryptPassword', 'makeDigest']) expect(nameSaysHashes(n), n).toBe(true);
    for (const n of ['comparePassword', 'save', 'validate']) expect(nameSaysHashes(n), n).toBe(false);
  });

  it('names the claims that say whose token it is, and the methods that read or write rows', () => {
    for (const c of SUBJECT_CLAIMS.names) expect(isSubjectClaim(c), c).toBe(true);
    for (const c of ['exp', 'locale', 'theme', 'role', 'iss']) expect(isSubjectClaim(c), c).toBe(false);
    for (const m of [...DATA_CALL_METHODS.reads, ...DATA_CALL_METHODS.documentWrites, ...DATA_CALL_METHODS.drivers, 'create', 'insertOne']) expect(isDataCallMethod(m), m).toBe(true);
    for (const m of ['getVariant', 'fetchQuery', 'getItem', 'loadTranslations', 'setHeader']) expect(isDataCallMethod(m), m).toBe(false);
    expect(SUBJECT_CLAIMS.source).toMatch(/^https:\/\//);
  });

  it("knows where each framework hands a handler its response, from the file's imports", () => {
    for (const h of HANDLER_RESPONSES) {
      expect(handlerFrameworkOf([h.modules[0]])?.framework, h.framework).toBe(h.framework);
      expect(h.source, h.framework).toMatch(/^https:\/\//);
    }
    expect(handlerFrameworkOf(['hono/cors', 'zod'])?.framework).toBe('hono');
    expect(handlerFrameworkOf(['express', 'hono'])).toBeNull();
    expect(handlerFrameworkOf(['zod'])).toBeNull();
    expect([1, 2, 3, 4].map(responseIndexByShape)).toEqual([0, 1, 1, 2]);
  });

  it('tells decode-only JWT functions from verifying ones', () => {
    for (const l of JWT_LIBRARIES) {
      expect(jwtFunctionOf({ module: l.module, ...l.example })?.does, l.module).toBe('decode');
      expect(l.source, l.module).toMatch(/^https:\/\//);
    }
    expect(jwtFunctionOf({ module: 'jsonwebtoken', name: 'default', member: 'verify' })?.does).toBe('verify');
    expect(jwtFunctionOf({ module: 'jose', name: 'jwtVerify' })?.does).toBe('verify');
    expect(jwtFunctionOf({ module: 'jwt-decode', name: '*' })?.does).toBe('decode');
    expect(jwtFunctionOf({ module: 'jsonwebtoken', name: 'default', member: 'sign' })).toBeNull();
    expect(jwtFunctionOf({ module: 'my-jwt', name: 'decode' })).toBeNull();
  });

  it('keeps hook-free document writes apart from writes that run model hooks', () => {
    const hookless = new Set<string>(HOOKLESS_WRITES.documentMethods);
    for (const m of HOOKED_WRITE_METHODS) expect(hookless.has(m), m).toBe(false);
    // Drizzle's builder steps follow its own write methods.
    const drizzle = ORM_WRITES.find((w) => w.library === 'drizzle')!;
    for (const step of Object.values(HOOKLESS_WRITES.builderSteps)) expect(drizzle.methods).toContain(step);
  });

  it('names routers by the last word of the name', () => {
    for (const e of ROUTER_NAME_WORDS) expect(nameWords(e.example).at(-1), e.example).toBe(e.word);
  });
});

describe('webhook providers', () => {
  it("each provider's example reads its header as a field, and the body facts record it", () => {
    for (const p of WEBHOOK_PROVIDERS) {
      const sf = ts.createSourceFile('x.ts', p.example, ts.ScriptTarget.Latest, true);
      const facts = nodeFacts(sf, lazyScope(() => sf));
      expect(facts.webhookHeaders?.some((h) => webhookProviderOf(h) === p), p.example).toBe(true);
    }
    // Sent upstream, not read: no webhook.
    const sent = ts.createSourceFile('x.ts', "fetch(url, { headers: { 'stripe-signature': sig } });", ts.ScriptTarget.Latest, true);
    expect(nodeFacts(sent, lazyScope(() => sent)).webhookHeaders).toBeUndefined();
    expect(webhookProviderOf('X-Hub-Signature-256')?.provider).toBe('GitHub');
    expect(webhookProviderOf('x-signature')).toBeNull();
  });
});

describe('developer tools\' paths', () => {
  it('gives each tool\'s example its role, and leaves look-alikes to the service', async () => {
    const { TOOL_PATHS, toolPathOf } = await import('./index.js');
    const { pathRole } = await import('../util/roles.js');
    for (const t of TOOL_PATHS) {
      expect(toolPathOf(t.example)?.tool, t.example).toBe(t.tool);
      expect(pathRole(t.example), t.example).toBe(t.role);
      expect(pathRole(`packages/app/${t.example}`), t.example).toBe(t.role);
    }
    expect(toolPathOf('src/turbo/engine.ts')).toBeNull();
    expect(toolPathOf('src/generators/invoice.ts')).toBeNull();
    expect(toolPathOf('src/plopfile-parser.ts')).toBeNull();
    expect(pathRole('src/generators/invoice.ts')).toBe('service');
  });
});

describe('ORM writes', () => {
  it('reads the model or table each ORM\'s example writes to, and nothing from reads', async () => {
    const { ORM_WRITES, ormWriteTarget } = await import('./index.js');
    expect(ORM_WRITES.map((w) => w.library)).toEqual(['prisma', 'drizzle', 'typeorm']);
    expect(ormWriteTarget('prisma', 'prisma.user.create', null)).toBe('user');
    expect(ormWriteTarget('prisma', 'this.prisma.order.deleteMany', null)).toBe('order');
    expect(ormWriteTarget('prisma', 'prisma.user.findMany', null)).toBeNull();
    expect(ormWriteTarget('drizzle', 'db.insert', 'users')).toBe('users');
    expect(ormWriteTarget('drizzle', 'db.select', 'users')).toBeNull();
    expect(ormWriteTarget('pg', 'pool.query', null)).toBeNull();
    // A repository method's table is the entity the repository was made for: not read from the call.
    expect(ormWriteTarget('typeorm', 'repo.delete', null)).toBeNull();
  });

  it('a write on an instance of a library\'s repository class, named as collect names it, and every write method is recorded', async () => {
    const { ORM_WRITES, ormWriteMethods, repositoryWriteOf } = await import('./index.js');
    const typeorm = ORM_WRITES.find((w) => w.library === 'typeorm')!;
    expect(typeorm.example).toMatch(/: Repository<\w+>[\s\S]*\.delete\(/);
    expect(repositoryWriteOf('typeorm#Repository#delete')?.library).toBe('typeorm');
    expect(repositoryWriteOf('typeorm#Repository#findOne')).toBeNull();
    expect(repositoryWriteOf('typeorm#DataSource#delete')).toBeNull();
    expect(repositoryWriteOf('this.repo.delete')).toBeNull();
    for (const m of ['create', 'insert', 'save', 'remove', 'deleteMany']) expect(ormWriteMethods().has(m)).toBe(true);
    expect(ormWriteMethods().has('findMany')).toBe(false);
  });
});

describe('identity fields', () => {
  it('each example reads the field or names the parameter; whole names only', async () => {
    const { IDENTITY_FIELDS, isIdentityName } = await import('./index.js');
    for (const f of IDENTITY_FIELDS) expect(f.example).toMatch(new RegExp(`\\b${f.name}\\b`));
    expect(isIdentityName('user')).toBe(true);
    expect(isIdentityName('userRepository')).toBe(false);
    expect(isIdentityName('author')).toBe(false);
  });
});

describe('context variables', () => {
  it('each example reads a variable with the getter and with the holder; only those name a read', async () => {
    const { CONTEXT_VARIABLES, contextVariableReader } = await import('./index.js');
    for (const v of CONTEXT_VARIABLES) {
      expect(v.example).toContain(`.${v.getter}('`);
      expect(v.example).toContain(`.${v.holder}.`);
      expect(v.source).toMatch(/^https:\/\//);
    }
    expect(contextVariableReader('get')).toBe('getter');
    expect(contextVariableReader('var')).toBe('holder');
    expect(contextVariableReader('set')).toBeNull();
    expect(contextVariableReader('user')).toBeNull();
  });
});

describe('dependency-injection providers', () => {
  it('each provider decorator\'s example declares a class so decorated, with one of its lifecycle hooks and a plain method', async () => {
    const { PROVIDER_DECORATORS, onlyProvider, isLifecycleMethod } = await import('./index.js');
    for (const p of PROVIDER_DECORATORS) {
      expect(p.example).toContain(`@${p.name}()`);
      expect(p.lifecycle.some((m) => p.example.includes(`${m}()`))).toBe(true);
    }
    expect(onlyProvider(['Injectable'])).toBe(true);
    // A controller's methods are routes the framework calls: it is no mere provider.
    expect(onlyProvider(['Injectable', 'Controller'])).toBe(false);
    expect(onlyProvider([])).toBe(false);
    expect(isLifecycleMethod(['Injectable'], 'onModuleInit')).toBe(true);
    expect(isLifecycleMethod(['Injectable'], 'findAll')).toBe(false);
    expect(isLifecycleMethod(['Controller'], 'onModuleInit')).toBe(false);
  });
});

describe('remote-procedure routers', () => {
  it('each example builds a procedure with a changing call; a query is no change', async () => {
    const { RPC_PROCEDURES, isChangingProcedure } = await import('./index.js');
    for (const p of RPC_PROCEDURES) for (const c of p.changing) expect(p.example).toContain(`.${c}(`);
    expect(isChangingProcedure(['input', 'mutation'])).toBe(true);
    expect(isChangingProcedure(['input', 'query'])).toBe(false);
    expect(isChangingProcedure([])).toBe(false);
  });

  it('rows already stored are changed by updates and deletes, not by inserts', async () => {
    const { changesExistingRows, ORM_WRITES } = await import('./index.js');
    for (const w of ORM_WRITES) for (const m of w.existing) expect(w.methods).toContain(m);
    expect(changesExistingRows('delete')).toBe(true);
    expect(changesExistingRows('insert')).toBe(false);
    expect(changesExistingRows('create')).toBe(false);
  });
});
