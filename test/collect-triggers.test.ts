// Cheap text triggers decide which files are parsed: substrings in one scan, regular expressions
// where a substring cannot say enough, and a file no host needs is not parsed at all.
import { describe, expect, it } from 'vitest';
import type { VisitorHost } from '../src/collect/host.js';
import { TriggerIndex } from '../src/collect/triggers.js';
import { sqlParams } from '../src/collect/collectors/sql-params.js';
import dbConnectFailureIgnored from '../src/rules/reliability/db-connect-failure-ignored.js';
import { auditFiles } from './helpers/repo.js';

const host = (id: string, triggers?: Array<string | RegExp>): VisitorHost => ({ id, triggers, create: () => ({}) });

describe('trigger index', () => {
  const a = host('a', ['app.get(', 'get']);
  const b = host('b', [/\bexport\s+function/]);
  const c = host('c', ['prepare', /never-matches-\d/]);
  const d = host('d');
  const index = new TriggerIndex([a, b, c, d]);
  const ids = (text: string) => index.match(text, [a, b, c, d]).map((h) => h.id);

  it('counts a longer match for the shorter triggers inside it', () => {
    expect(ids('app.get("/")')).toEqual(['a', 'd']);
  });
  it('tests regular expressions, across line breaks', () => {
    expect(ids('export\n  function f() {}')).toEqual(['b', 'd']);
    expect(ids('export interface X { y: string }')).toEqual(['d']);
  });
  it('takes a host when its substring or its pattern matches', () => {
    expect(ids('db.prepare(sql)')).toEqual(['c', 'd']);
    expect(ids('never-matches-7')).toEqual(['c', 'd']);
  });
  it('always takes a host without triggers', () => {
    expect(ids('')).toEqual(['d']);
  });
});

describe('parsing only what a host needs', () => {
  it('does not parse a file of type declarations alone, and does parse value exports', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"t","private":true}',
      'src/types.ts': 'export interface User {\n  id: string;\n  name: string;\n}\nexport type Id = string;\n',
      'src/value.ts': 'export   async function load(id: string) {\n  return id;\n}\n',
    });
    expect(run.stats.sourceFiles).toBe(2);
    expect(run.stats.parsed).toBe(1);
  });
  it('does not parse types with optional fields for the SQL placeholder records, and takes every file with literal SQL', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"t","private":true}',
      'src/types.ts': 'export interface User {\n  id: string;\n  name?: string;\n  tags?: string[] | null;\n}\n',
    });
    expect(run.stats.sourceFiles).toBe(1);
    expect(run.stats.parsed).toBe(0);
    const index = new TriggerIndex([sqlParams]);
    const takes = (text: string) => index.match(text, [sqlParams]).length === 1;
    for (const sql of ["db.query('SELECT\\n id FROM t WHERE id = ?', [id])", 'db.query(`select * from t where id = $1`, [id])', 'db.execute("delete", [])', "prepare('UPDATE t SET a = ?')"]) expect(takes(sql), sql).toBe(true);
    for (const other of ['name?: string;', 'a?.b ?? c', "const selected = 'x'", 'updated: Date']) expect(takes(other), other).toBe(false);
  });
});

describe('narrowed triggers stay necessary conditions', () => {
  const takes = (h: VisitorHost) => {
    const index = new TriggerIndex([h]);
    return (text: string) => index.match(text, [h]).length === 1;
  };
  it('db-connect-failure-ignored: a file importing or requiring a database client package, not one with the words alone', () => {
    const t = takes(dbConnectFailureIgnored);
    for (const file of [
      "import mongoose from 'mongoose';\nmongoose.connect(url).catch(console.error);",
      'import { Client } from "pg";\nnew Client().connect();',
      "const { Sequelize } = require('sequelize');",
      'const knex = require(`knex`)(config);',
      "import { PrismaClient } from '@prisma/client';",
      "import mysql = require('mysql2');",
    ]) expect(t(file), file).toBe(true);
    for (const file of [
      "import { connect } from './db';\nconnect().catch((e) => console.log(e));",
      'await auth.authenticate(user);\nawait app.initialize();',
      "import PgBoss from 'pg-boss';\nboss.start().catch(console.error);",
      "socket.on('connect', () => {});",
    ]) expect(t(file), file).toBe(false);
  });
});

describe('the automaton of the substrings', () => {
  const naive = (hosts: VisitorHost[], text: string) => hosts
    .filter((h) => !h.triggers?.length || h.triggers.some((t) => (typeof t === 'string' ? t.length > 0 && text.includes(t) : t.test(text))))
    .map((h) => h.id);

  it('finds every trigger that occurs, inside longer ones, overlapping, at the ends and next to non-ASCII text', () => {
    const hosts = [
      host('get', ['get']), host('call', ['app.get(']), host('pre', ['pre']), host('prepare', ['prepare']),
      host('raw', ['$queryRaw']), host('pipe', ['x|y']), host('abab', ['abab']), host('bab', ['bab']),
      host('wide', ['café']), host('nl', ['any\n']), host('never', ['zzz']), host('empty', ['']),
    ];
    const index = new TriggerIndex(hosts);
    const texts = [
      'app.get(', 'xapp.getx', 'preprepare', 'prepar', '$queryRa', 'a $queryRaw b', 'x|y', 'ababab', 'abab', 'aba',
      'le café', 'cafe', 'é app.get( é', 'x: any\n', 'any', '', 'bab', 'ab\u00e9ab', 'get'.repeat(1000),
    ];
    for (const text of texts) expect(index.match(text, hosts).map((h) => h.id), text).toEqual(naive(hosts, text));
  });

  it('gives what the plain substring test gives on generated text', () => {
    const words = ['db.', 'query', '.query(', 'env', 'process.', 'process.env', 'new Map', 'Map', 'fetch(', 'etch', 'import', 'mport'];
    const hosts = words.map((w, i) => host(`h${i}`, [w]));
    const index = new TriggerIndex(hosts);
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const alphabet = 'dbquerynvpocsMapftchimxw.(){} =é\n';
    for (let k = 0; k < 300; k++) {
      const text = Array.from({ length: rand(120) }, () => (rand(5) === 0 ? words[rand(words.length)] : alphabet[rand(alphabet.length)])).join('');
      expect(index.match(text, hosts).map((h) => h.id), text).toEqual(naive(hosts, text));
    }
  });
});

describe('parent pointers', () => {
  it('are the ones TypeScript sets itself, for every node', async () => {
    const ts = (await import('typescript')).default;
    const { bindParents } = await import('../src/collect/index.js');
    const text = [
      '/** doc */ export async function f(a: number, { b }: { b: string }) {',
      '  const x = a > 1 ? `t${b}` : (await g()) ?? [1, 2].map((n) => n * 2);',
      '  class C<T> extends D implements E { @dec() m(): T { return this.v as T; } }',
      '  return <div key={x}>{b}</div>;',
      '}',
    ].join('\n');
    const ours = ts.createSourceFile('a.tsx', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
    bindParents(ours);
    const theirs = ts.createSourceFile('a.tsx', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const shape = (sf: import('typescript').SourceFile) => {
      const out: string[] = [];
      const walk = (n: import('typescript').Node): void => {
        out.push(`${n.kind}@${n.pos}<-${n.parent ? `${n.parent.kind}@${n.parent.pos}` : 'none'}`);
        ts.forEachChild(n, walk);
      };
      walk(sf);
      return out;
    };
    expect(shape(ours).length).toBeGreaterThan(60);
    expect(shape(ours)).toEqual(shape(theirs));
  });
});
