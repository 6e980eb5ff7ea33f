// Every place a file touches a database: clients created (`new PrismaClient`, `drizzle(`, `new Pool`,
// `postgres(`...), queries (`prisma.user.findMany`, `db.select`, `db.selectFrom`, `pool.query`),
// raw SQL (`$queryRaw`, `sql.raw`, `knex.raw`, SQL text given to `.query`/`.execute`) and every
// `.prepare(` call with its receiver. Which `.prepare(` receivers are D1 bindings is decided by the
// database rules (the binding names live in wrangler configs, not in the file).
import ts from 'typescript';
import { isSqlStatement, isTrivialSql } from '../../util/sql.js';
import { snippetOf } from '../../util/text.js';
import { dataAccessFacts, SQL_TEXT_MAX, type DataAccessSite, type SiteKind } from '../facts/data-access.js';
import type { VisitorHost, Visitors } from '../host.js';

const MODULES: Array<[RegExp, string]> = [
  [/^@prisma\/client(\/|$)|(^|\/)\.?prisma\/client$|(^|\/)generated\/prisma/, 'prisma'],
  [/^drizzle-orm(\/|$)/, 'drizzle'], [/^kysely(\/|$)/, 'kysely'], [/^typeorm$/, 'typeorm'], [/^knex$/, 'knex'],
  [/^pg$|^pg-pool$/, 'pg'], [/^postgres$/, 'postgres'], [/^@neondatabase\/serverless$/, 'neon'], [/^@vercel\/postgres$/, 'vercel-postgres'],
  [/^mysql2(\/promise)?$|^mysql$/, 'mysql2'], [/^better-sqlite3$/, 'better-sqlite3'], [/^sqlite3?$|^node:sqlite$|^bun:sqlite$/, 'sqlite'],
  [/^@libsql\/client(\/|$)/, 'libsql'], [/^@planetscale\/database$/, 'planetscale'], [/^sequelize$/, 'sequelize'],
];
/** Names that create a client or run a query when called, per library, when imported from it. */
const FACTORIES = new Set(['drizzle', 'postgres', 'knex', 'Knex', 'createClient', 'createPool', 'createConnection', 'neon', 'Pool', 'Client', 'PrismaClient', 'Kysely', 'DataSource', 'Database', 'Sequelize', 'connect']);
const PRISMA_OPS = new Set(['findMany', 'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany', 'count', 'aggregate', 'groupBy']);
const PRISMA_RAW = new Set(['$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe']);
const DRIZZLE_OPS = new Set(['select', 'selectDistinct', 'insert', 'update', 'delete', 'transaction', 'batch']);
const KYSELY_OPS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
const TYPEORM_OPS = new Set(['getRepository', 'createQueryBuilder', 'getCustomRepository']);
const SQL_METHODS = new Set(['query', 'execute', 'exec', 'run', 'all', 'unsafe']);
const DB_NAME = /^(db|tx|trx|database|orm)$/i;

function libraryOf(spec: string): string | null {
  for (const [re, lib] of MODULES) if (re.test(spec)) return lib;
  return null;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/** The last name of a dotted expression: `c.env.DB` -> "DB". A manual scan: this runs on hot paths. */
function lastSegment(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) <= 32) end--;
  let start = end;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  return start < end ? text.slice(start, end) : text;
}

/** Methods worth a closer look; every other property call is skipped before any text is read. */
const INTERESTING = new Set([
  'prepare', '$transaction', 'raw', 'unsafe', 'findMany', 'findFirst',
  ...PRISMA_OPS, ...PRISMA_RAW, ...DRIZZLE_OPS, ...KYSELY_OPS, ...TYPEORM_OPS, ...SQL_METHODS, ...FACTORIES,
]);

/** SQL that touches tables (`SELECT 1` connection checks are not counted). */
function tableSql(text: string): boolean {
  return isSqlStatement(text) && !isTrivialSql(text);
}

function firstArgIsSql(args: ts.NodeArray<ts.Expression> | ts.TemplateLiteral | undefined): boolean {
  if (args && !Array.isArray(args)) return tableSql(templateText(args as ts.TemplateLiteral));
  const a = (args as ts.NodeArray<ts.Expression> | undefined)?.[0];
  if (!a) return false;
  if (ts.isStringLiteralLike(a)) return tableSql(a.text);
  if (ts.isTemplateExpression(a)) return tableSql(templateText(a));
  if (ts.isTaggedTemplateExpression(a)) return tableSql(templateText(a.template));
  return false;
}

/**
 * The SQL text of a raw site when the code fixes it: a string literal, or a template literal whose
 * tag binds its interpolations (`$queryRaw`, postgres.js `sql`, Drizzle's `sql`), each written as the
 * `$n` placeholder the driver sends. A template without a tag is text built at run time: none.
 */
function constantSql(args: ts.NodeArray<ts.Expression> | ts.TemplateLiteral | undefined, sf: ts.SourceFile): DataAccessSite['sqlText'] {
  let lit: ts.Expression | ts.TemplateLiteral | undefined;
  let tagged = false;
  if (args && !Array.isArray(args)) { lit = args as ts.TemplateLiteral; tagged = true; }
  else {
    lit = (args as ts.NodeArray<ts.Expression> | undefined)?.[0];
    if (lit && ts.isTaggedTemplateExpression(lit)) { lit = lit.template; tagged = true; }
  }
  if (!lit) return undefined;
  let text: string;
  if (ts.isStringLiteralLike(lit)) text = lit.text;
  else if (tagged && ts.isTemplateExpression(lit)) text = lit.head.text + lit.templateSpans.map((s, i) => `$${i + 1}${s.literal.text}`).join('');
  else return undefined;
  if (text.length > SQL_TEXT_MAX) return undefined;
  return { text, line: sf.getLineAndCharacterOfPosition(lit.getStart(sf)).line + 1, tagged };
}

function templateText(t: ts.TemplateLiteral): string {
  return ts.isNoSubstitutionTemplateLiteral(t) ? t.text : t.head.text + t.templateSpans.map((s) => ` x ${s.literal.text}`).join('');
}

export const dataAccess: VisitorHost = {
  id: dataAccessFacts.id,
  parents: false,
  triggers: [
    'prisma', 'Prisma', 'drizzle', 'Kysely', 'kysely', 'typeorm', 'knex', 'Knex', "'pg'", '"pg"', "'postgres'", '"postgres"',
    'serverless', 'mysql', 'sqlite', 'libsql', '.prepare(', '$queryRaw', '$executeRaw', 'db.', 'Db.', 'DB.', '.query(', '.execute(',
    'selectFrom', 'insertInto', 'getRepository', 'D1Database', 'sequelize',
  ],
  appliesTo: (f) => f.role !== 'generated' && !f.path.endsWith('.d.ts'),
  create(ctx) {
    const sf = ctx.sourceFile;
    /** identifier -> library, for names imported or required from database modules */
    const imported = new Map<string, string>();
    /** local names bound to a created client: `const pool = new Pool()` / `this.pool = new Pool()` */
    const clients = new Map<string, string>();
    /** local name -> what it aliases: `const db = env.DB`, `this.db = env.DB` */
    const aliases = new Map<string, string>();
    const d1Names = new Set<string>();
    const fileLibs = new Set<string>();
    const pending: Array<Omit<DataAccessSite, 'path'> & { node: ts.Node }> = [];
    const text = (n: ts.Node) => n.getText(sf).replace(/\s+/g, ' ').slice(0, 120);

    const bind = (name: ts.BindingName | ts.Expression, lib: string) => {
      if (ts.isIdentifier(name)) imported.set(name.text, lib);
      else if (ts.isObjectBindingPattern(name)) for (const e of name.elements) bind(e.name, lib);
    };
    const add = (node: ts.Node, kind: SiteKind, library: string | null, callee: string, receiver: string | null, args?: ts.NodeArray<ts.Expression> | ts.TemplateLiteral) => {
      const resolved = receiver === null ? null : aliases.get(receiver) ?? receiver;
      const line = ctx.lineOf(node);
      const starts = sf.getLineStarts();
      const sql = firstArgIsSql(args);
      const sqlText = sql && kind === 'raw' ? constantSql(args, sf) : undefined;
      pending.push({
        snippet: snippetOf(sf.text.slice(starts[line - 1], starts[line] ?? sf.text.length)),
        node, line, kind, library, callee, receiver: resolved,
        d1Typed: receiver !== null && d1Names.has(lastSegment(receiver)), sql,
        ...(sqlText ? { sqlText } : {}),
      });
    };
    const created = (e: ts.Expression): string | null => {
      // `new Pool()`, `drizzle(env.DB)`, `postgres(url)`, `new PrismaClient()`: the library of the client.
      if (!ts.isNewExpression(e) && !ts.isCallExpression(e)) return null;
      const callee = e.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
      if (!name) return null;
      if (name === 'PrismaClient') return 'prisma';
      if (name === 'Kysely' && ts.isNewExpression(e)) return 'kysely';
      const owner = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : null;
      const lib = owner ? imported.get(owner) : undefined;
      if (lib && FACTORIES.has(name)) return lib;
      return null;
    };
    const noteBinding = (nameNode: ts.Node | undefined, init: ts.Expression | undefined, typeNode?: ts.TypeNode) => {
      if (!nameNode) return;
      const name = ts.isIdentifier(nameNode) || ts.isPrivateIdentifier(nameNode) ? nameNode.text
        : ts.isPropertyAccessExpression(nameNode) ? text(nameNode) : null;
      if (!name) return;
      if (typeNode && /\bD1Database\b/.test(typeNode.getText(sf))) d1Names.add(lastSegment(name));
      if (!init) return;
      let e = init;
      while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
      if (ts.isPropertyAccessExpression(e)) aliases.set(name, text(e));
      const lib = created(e);
      if (lib) clients.set(lastSegment(name), lib);
    };

    const visitors: Visitors = {
      ImportDeclaration(node) {
        const n = node as ts.ImportDeclaration;
        if (!ts.isStringLiteral(n.moduleSpecifier) || n.importClause?.isTypeOnly) return;
        const lib = libraryOf(n.moduleSpecifier.text);
        if (!lib) return;
        fileLibs.add(lib);
        const c = n.importClause;
        if (c?.name) imported.set(c.name.text, lib);
        const nb = c?.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) imported.set(nb.name.text, lib);
        else if (nb) for (const el of nb.elements) if (!el.isTypeOnly) imported.set(el.name.text, lib);
      },
      VariableDeclaration(node) {
        const d = node as ts.VariableDeclaration;
        const init = d.initializer;
        if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require'
          && init.arguments[0] && ts.isStringLiteral(init.arguments[0])) {
          const lib = libraryOf(init.arguments[0].text);
          if (lib) {
            fileLibs.add(lib);
            bind(d.name, lib);
          }
          return;
        }
        noteBinding(d.name, init, d.type);
      },
      Parameter(node) {
        const p = node as ts.ParameterDeclaration;
        if (p.type && ts.isTypeReferenceNode(p.type)) noteBinding(p.name, undefined, p.type);
      },
      PropertyDeclaration(node) {
        const p = node as ts.PropertyDeclaration;
        noteBinding(p.name, p.initializer, p.type);
      },
      BinaryExpression(node) {
        const b = node as ts.BinaryExpression;
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(b.left)) return;
        const r = b.right;
        if (ts.isPropertyAccessExpression(r) || ts.isNewExpression(r) || ts.isCallExpression(r) || ts.isAwaitExpression(r)) noteBinding(b.left, r);
      },
      NewExpression(node) {
        const lib = created(node as ts.NewExpression);
        if (lib) add(node, 'client', lib, `new ${text((node as ts.NewExpression).expression)}`, null);
      },
      TaggedTemplateExpression(node) {
        const t = node as ts.TaggedTemplateExpression;
        const tag = text(t.tag);
        const method = lastSegment(tag);
        if (PRISMA_RAW.has(method)) add(node, 'raw', 'prisma', tag, ts.isPropertyAccessExpression(t.tag) ? text(t.tag.expression) : null, t.template);
        else if (ts.isIdentifier(t.tag) && clients.has(t.tag.text)) add(node, 'raw', clients.get(t.tag.text)!, tag, tag, t.template);
        else if (ts.isIdentifier(t.tag) && imported.get(t.tag.text) === 'vercel-postgres') add(node, 'raw', 'vercel-postgres', tag, null, t.template);
      },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const callee = call.expression;
        if (ts.isIdentifier(callee)) {
          const lib = created(call);
          if (lib) add(node, 'client', lib, callee.text, null, call.arguments);
          else if (callee.text === 'knex' || (clients.get(callee.text) === 'knex')) add(node, 'query', 'knex', callee.text, callee.text, call.arguments);
          else if (TYPEORM_OPS.has(callee.text) && imported.get(callee.text) === 'typeorm') add(node, 'query', 'typeorm', callee.text, null);
          return;
        }
        if (!ts.isPropertyAccessExpression(callee)) return;
        const method = callee.name.text;
        if (!INTERESTING.has(method)) return;
        const recv = callee.expression;
        const recvText = text(recv);
        const last = lastSegment(recvText);
        const calleeText = text(callee);
        const lib = created(call);
        if (lib) return add(node, 'client', lib, calleeText, null, call.arguments);
        if (method === 'prepare') return add(node, 'prepare', fileLibs.has('better-sqlite3') ? 'better-sqlite3' : fileLibs.has('sqlite') ? 'sqlite' : null, calleeText, recvText, call.arguments);
        if (PRISMA_RAW.has(method)) return add(node, 'raw', 'prisma', calleeText, recvText, call.arguments);
        if (method === '$transaction' && /prisma|tx|db/i.test(last)) return add(node, 'query', 'prisma', calleeText, recvText);
        if (PRISMA_OPS.has(method) && ts.isPropertyAccessExpression(recv) && /^(prisma\w*|\w*Prisma|tx|db)$/i.test(lastSegment(text(recv.expression)))
          && (fileLibs.has('prisma') || /prisma/i.test(text(recv.expression)))) {
          return add(node, 'query', 'prisma', calleeText, text(recv.expression));
        }
        if (KYSELY_OPS.has(method)) return add(node, 'query', 'kysely', calleeText, recvText);
        if (TYPEORM_OPS.has(method) && (fileLibs.has('typeorm') || /dataSource|connection|manager/i.test(last))) return add(node, 'query', 'typeorm', calleeText, recvText);
        if (method === 'raw' && (last === 'knex' || clients.get(last) === 'knex')) return add(node, 'raw', 'knex', calleeText, recvText, call.arguments);
        if ((method === 'raw' || method === 'unsafe') && last === 'sql') {
          return add(node, 'raw', method === 'unsafe' ? 'postgres' : imported.get('sql') ?? null, calleeText, recvText, call.arguments);
        }
        const clientLib = clients.get(last) ?? (last === 'knex' ? 'knex' : undefined);
        if (DRIZZLE_OPS.has(method) && (DB_NAME.test(last) || clientLib === 'drizzle')) {
          return add(node, 'query', clientLib ?? (fileLibs.has('drizzle') ? 'drizzle' : null), calleeText, recvText);
        }
        if (/\bdb\.query\.\w+$/i.test(recvText) && /^find(Many|First)$/.test(method)) return add(node, 'query', 'drizzle', calleeText, recvText);
        if (SQL_METHODS.has(method)) {
          const sql = firstArgIsSql(call.arguments);
          if (clientLib) return add(node, sql ? 'raw' : 'query', clientLib, calleeText, recvText, call.arguments);
          if (sql) return add(node, 'raw', [...fileLibs][0] ?? null, calleeText, recvText, call.arguments);
        }
      },
      'file:end'() {
        for (const { node: _node, ...site } of pending) {
          // A prepare() on a receiver known to be D1 by its type is data access even without an import.
          dataAccessFacts.emit(ctx, { ...site, d1Typed: site.d1Typed || (site.receiver !== null && d1Names.has(lastSegment(site.receiver))) });
        }
      },
    };
    // A parameter matters only for its `D1Database` type: most files never name it.
    if (!sf.text.includes('D1Database')) delete visitors.Parameter;
    return visitors;
  },
};
