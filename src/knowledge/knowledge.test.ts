import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lazyScope } from '../collect/scope.js';
import {
  calleeFact, CALLER_WORDS, criticalRoleOfName, CRITICAL_ROLE_WORDS, CSRF_COOKIE_WORDS, isHealthPath, isKnownModule, isReadyPath, LIMITER_WORDS, nameIsNotStore, nameSaysLimiter, optionSkipsAuth, exportFact, isSessionCookieName, SESSION_COOKIE_WORDS, isSecretName, LENIENT_WORDS, LIBRARIES, MIDDLEWARE_CALLER_WORDS, nameSaysCallerCheck, NOT_CALLER_WORDS,
  isRequestRead, REQUEST_OBJECTS, URL_INPUT_NAMES, SCHEMA_SYNC_OPTIONS, isPlaceholderTestScript, isTestFilePath, NPM_PLACEHOLDER_TEST, TEST_FILE_PATTERNS, CALLBACK_SOURCES, callbackSourceOf, COMMAND_LINE_INPUTS, sourceWords, ELEMENT_CALLBACKS, receivesElements, NUMERIC_SCHEMAS, parsesNumber, isCommandLineRead, DECORATED_SOURCES, isRequestDecorator, CI_PROVIDERS, DATABASE_PLATFORMS, platformObjectMissing, platformOfMigrations, ciProviderOf,
  NOT_SECRET_NAME_WORDS, requestMethodFact, SECRET_KEY_SUFFIX, SECRET_NAME_ENDINGS, sqlExecutorMethods,
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
    const [head, member] = e.name.startsWith('request#') ? ['default', e.name.slice(8)] : e.name.split('#');
    const imported = head === 'request' ? 'default' : head;
    const uses = usesOf(e.example, pkg, imported);
    expect(uses.length, `${e.example} does not use ${imported} of ${pkg}`).toBeGreaterThan(0);
    if (member) expect(e.example).toContain(`.${member}`);
    if (e.role === 'sql-executor') expect(e.sql).toBeDefined();
  });

  it('answers by the names collect gives imported callees', () => {
    expect(exportFact('jsonwebtoken#default#verify')?.role).toBe('verifier');
    expect(exportFact('jose#jwtVerify')?.role).toBe('verifier');
    expect(exportFact('passport#default#initialize')).toMatchObject({ role: 'session-reader', lenient: true });
    expect(exportFact('express-rate-limit#default')?.role).toBe('limiter');
    expect(exportFact('left-pad#default')).toBeNull();
    expect(requestMethodFact('jwtVerify')?.package).toBe('@fastify/jwt');
  });

  it('says which argument of a SQL executor is the text and which are bound values', () => {
    const methods = sqlExecutorMethods();
    expect(methods.get('$queryRawUnsafe')).toMatchObject({ text: 0, values: 1 });
    expect(methods.get('query')?.packages).toEqual(expect.arrayContaining(['pg', 'mysql2']));
    expect(methods.has('$queryRaw')).toBe(false); // a tagged template binds its values
    expect([...methods].filter(([, m]) => m.raw).map(([name]) => name).sort()).toEqual(['$executeRawUnsafe', '$queryRawUnsafe', 'raw', 'unsafe']);
  });
});

describe('word lists', () => {
  it('matches every secret-name entry by its example, and un-matches the exclusions by theirs', () => {
    for (const e of [...SECRET_NAME_ENDINGS, SECRET_KEY_SUFFIX]) expect(isSecretName(e.example), e.example).toBe(true);
    for (const e of NOT_SECRET_NAME_WORDS) expect(isSecretName(e.example), e.example).toBe(false);
    expect(isSecretName('userName')).toBe(false);
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
    expect(isRequestRead(['req', 'query', 'id'])).toBe(false);
    expect(isRequestRead(['ctx', 'state'])).toBe(false);
    expect(isRequestRead(['author', 'body'])).toBe(false);
    expect(URL_INPUT_NAMES).toContain('searchParams');
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
