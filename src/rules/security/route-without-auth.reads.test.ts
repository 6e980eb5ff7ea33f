// A route's HTTP method is not what it does: a POST that carries a query in its JSON body and whose
// handler, followed into the model functions of other files, runs only SELECTs is an unguarded read
// (medium, as a GET that reads is), not a state change. A write anywhere it reaches, or a call whose
// code cannot be read, keeps the method's judgment.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './route-without-auth.js';

const findings = async (files: Record<string, string>) => {
  const run = await auditFiles(files, { rules: [rule] });
  return run.findings.filter((f) => f.ruleId === 'security/route-without-auth').map((f) => `${f.severity} ${f.message}`);
};

const hono = (model: string) => ({
  'package.json': '{"name":"gallery","dependencies":{"hono":"4"}}',
  'src/models/gallery.ts': model,
  'src/index.ts': [
    "import { Hono } from 'hono';",
    "import { listFeatured } from './models/gallery';",
    'const app = new Hono();',
    "app.post('/api/featured/search', async (c) => {",
    '  const { page = 1, size = 20 } = await c.req.json();',
    '  const rows = await listFeatured(c.env.DB, size, (page - 1) * size);',
    '  return c.json(rows);',
    '});',
    'export default app;',
  ].join('\n'),
});

const express = (model: string) => ({
  'package.json': '{"name":"notes","dependencies":{"express":"4","pg":"8"}}',
  'src/store.ts': model,
  'src/app.ts': [
    "import express from 'express';",
    "import { findNotes } from './store';",
    'const app = express();',
    'app.use(express.json());',
    "app.post('/notes/lookup', async (req, res) => {",
    '  res.json(await findNotes(req.body.tag));',
    '});',
    'app.listen(3000);',
  ].join('\n'),
});

describe('route-without-auth: a POST judged by what its handler does', () => {
  it('Hono: a POST whose model function in another file runs a SELECT through D1 is a read, not a state change', async () => {
    const out = await findings(hono([
      'export async function listFeatured(db: D1Database, limit: number, offset: number) {',
      "  const { results } = await db.prepare('SELECT id, title FROM pictures WHERE featured = 1 LIMIT ? OFFSET ?').bind(limit, offset).all();",
      '  return results;',
      '}',
    ].join('\n')));
    expect(out).toEqual(['medium POST /api/featured/search (hono) reads data with no auth guard']);
  });

  it('Hono: the same route whose model function INSERTs still changes state (high)', async () => {
    const out = await findings(hono([
      'export async function listFeatured(db: D1Database, limit: number, offset: number) {',
      "  await db.prepare('INSERT INTO views (n) VALUES (?)').bind(limit).run();",
      "  const { results } = await db.prepare('SELECT id FROM pictures LIMIT ? OFFSET ?').bind(limit, offset).all();",
      '  return results;',
      '}',
    ].join('\n')));
    expect(out).toEqual(['high POST /api/featured/search (hono) changes state with no auth guard']);
  });

  it('Hono: a model function that also writes to KV is not read-only', async () => {
    const out = await findings(hono([
      'export async function listFeatured(db: D1Database, limit: number, offset: number) {',
      "  const { results } = await db.prepare('SELECT id FROM pictures LIMIT ? OFFSET ?').bind(limit, offset).all();",
      "  await KV.put('last', String(offset));",
      '  return results;',
      '}',
    ].join('\n')));
    expect(out).toEqual(['high POST /api/featured/search (hono) changes state with no auth guard']);
  });

  it('Express: a POST whose store function runs a SELECT through pg is a read; one that UPDATEs is not', async () => {
    const read = await findings(express([
      "import { Pool } from 'pg';",
      'const pool = new Pool();',
      'export async function findNotes(tag: string) {',
      "  const r = await pool.query('SELECT id, body FROM notes WHERE tag = $1', [tag]);",
      '  return r.rows;',
      '}',
    ].join('\n')));
    expect(read).toEqual(['medium POST /notes/lookup (express) reads data with no auth guard (middleware: express.json)']);
    const write = await findings(express([
      "import { Pool } from 'pg';",
      'const pool = new Pool();',
      'export async function findNotes(tag: string) {',
      "  await pool.query('UPDATE notes SET hits = hits + 1 WHERE tag = $1', [tag]);",
      '  return [];',
      '}',
    ].join('\n')));
    expect(write).toEqual(['high POST /notes/lookup (express) changes state with no auth guard (middleware: express.json)']);
  });

  it('a callee whose code cannot be read (an unresolved file, SQL text built elsewhere) keeps the method\'s judgment', async () => {
    const files = express('export const unused = 1;\n');
    files['src/app.ts'] = files['src/app.ts'].replace("from './store'", "from './missing/store'");
    expect(await findings(files)).toEqual(['high POST /notes/lookup (express) changes state with no auth guard (middleware: express.json)']);
    const built = await findings(express([
      "import { Pool } from 'pg';",
      'const pool = new Pool();',
      'export async function findNotes(tag: string, text: string) {',
      '  const r = await pool.query(text, [tag]);',
      '  return r.rows;',
      '}',
    ].join('\n')));
    expect(built).toEqual(['high POST /notes/lookup (express) changes state with no auth guard (middleware: express.json)']);
    // A package that is no database client (a mailer) called beside the SELECT: what it does is not known.
    const mailer = await findings(express([
      "import { Pool } from 'pg';",
      "import { notify } from 'some-mailer';",
      'const pool = new Pool();',
      'export async function findNotes(tag: string) {',
      "  const r = await pool.query('SELECT id FROM notes WHERE tag = $1', [tag]);",
      '  notify(tag);',
      '  return r.rows;',
      '}',
    ].join('\n')));
    expect(mailer).toEqual(['high POST /notes/lookup (express) changes state with no auth guard (middleware: express.json)']);
  });

  // npm workspaces: the route in apps/api, the query helper in packages/db, whose manifest points at
  // build output that is not committed (its source stands for it); the SQL text in a module-level const.
  const workspace = (db: string) => ({
    'package.json': '{"name":"notes-monorepo","private":true,"workspaces":["apps/*","packages/*"]}',
    'apps/api/package.json': '{"name":"@notes/api","dependencies":{"express":"4","@notes/db":"*"}}',
    'apps/api/src/app.ts': [
      "import express from 'express';",
      "import { findNotes } from '@notes/db';",
      'const app = express();',
      "app.post('/notes/lookup', async (req, res) => {",
      '  res.json(await findNotes(req.body.tag));',
      '});',
      'app.listen(3000);',
    ].join('\n'),
    'packages/db/package.json': '{"name":"@notes/db","main":"./dist/index.js","types":"./dist/index.d.ts","exports":{".":{"types":"./dist/index.d.ts","default":"./dist/index.js"}},"dependencies":{"pg":"8"}}',
    'packages/db/src/index.ts': "export { findNotes } from './notes';\n",
    'packages/db/src/notes.ts': db,
  });
  const store = (decl: string, call = 'pool.query(FIND_NOTES, [tag])') => [
    "import { Pool } from 'pg';",
    'const pool = new Pool();',
    decl,
    'export async function findNotes(tag: string) {',
    `  const r = await ${call};`,
    '  return r.rows;',
    '}',
  ].join('\n');

  it('follows the handler into a workspace package and reads the SQL text a module-level const holds', async () => {
    expect(await findings(workspace(store("const FIND_NOTES = 'SELECT id, body FROM notes WHERE tag = $1';"))))
      .toEqual(['medium POST /notes/lookup (express) reads data with no auth guard']);
    // The same const holding an UPDATE: a state change.
    expect(await findings(workspace(store("const FIND_NOTES = `UPDATE notes SET hits = hits + 1 WHERE tag = $1 RETURNING *`;"))))
      .toEqual(['high POST /notes/lookup (express) changes state with no auth guard']);
    // A `let` that code may reassign, and a parameter of the same name shadowing the const: not read as that text.
    expect(await findings(workspace(store("let FIND_NOTES = 'SELECT id FROM notes WHERE tag = $1';"))))
      .toEqual(['high POST /notes/lookup (express) changes state with no auth guard']);
    expect(await findings(workspace(store("const FIND_NOTES = 'SELECT id FROM notes WHERE tag = $1';", '((FIND_NOTES: string) => pool.query(FIND_NOTES, [tag]))(process.argv[2])'))))
      .toEqual(['high POST /notes/lookup (express) changes state with no auth guard']);
  });
});
