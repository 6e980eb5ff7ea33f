// PGlite started from the data directory image in a folder of its own: made by the first start,
// used by the next, and made again when it is damaged or PGlite cannot start from it. Each start is
// a real engine (about a second from the image, a few with initdb).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { versionOf } from './cache.js';
import { CacheSeal } from '../../util/cache-seal.js';
import { imageFile, readImage as readSealed, writeImage as writeSealed } from './datadir-image.js';
import { MigrationEngines } from './engines.js';

const dir = mkdtempSync(join(tmpdir(), 'verdict-engines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const version = versionOf('@electric-sql/pglite');
const file = imageFile(dir, version);
// The engines seal the image with the key in the image folder: the same key here.
const readImage = (f: string, v: string) => readSealed(f, v, CacheSeal.open(dir));
const writeImage = (f: string, v: string, tar: Uint8Array) => writeSealed(f, v, tar, CacheSeal.open(dir));

const MIGRATION = 'CREATE TABLE "users" ("id" SERIAL PRIMARY KEY, "email" TEXT NOT NULL); CREATE UNIQUE INDEX "users_email_key" ON "users"("email");';
const SCHEMA = "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2";

/** One audit's use of a fresh engine: what it applied, and how the engine got its data directory. */
async function applyOnce(imageDir: string, extensions: string[] = []) {
  const engines = new MigrationEngines(120_000, imageDir);
  engines.beginRun();
  try {
    const db = await engines.postgres(extensions);
    await db.exec(MIGRATION);
    const rows = (await db.query<Record<string, string>>(SCHEMA)).rows;
    const settings = (await db.query<Record<string, string>>("SELECT current_setting('shared_buffers') AS b, current_setting('wal_segment_size') AS w")).rows[0];
    return { rows, settings, costs: { ...engines.costs } };
  } finally {
    await engines.close();
  }
}

const expectedRows = [
  { table_name: 'users', column_name: 'email', data_type: 'text' },
  { table_name: 'users', column_name: 'id', data_type: 'integer' },
];

describe('PGlite data directory image', () => {
  it('is made by the first start and used by the next, with the same outcome', async () => {
    const first = await applyOnce(dir);
    expect(first.costs.pgliteDataDir).toBe('initdb, image made');
    expect(first.costs.pgliteImageProblem).toBeUndefined();
    expect(first.rows).toEqual(expectedRows);
    expect(first.settings).toEqual({ b: '16MB', w: '1MB' });
    expect(readImage(file, version).tar?.length).toBeGreaterThan(1_000_000);

    const second = await applyOnce(dir);
    expect(second.costs.pgliteDataDir).toBe('image');
    expect(second.costs.pgliteImageProblem).toBeUndefined();
    expect(second.costs.pgliteColdStartMs).toBeGreaterThan(0);
    expect(second.rows).toEqual(first.rows);
    expect(second.settings).toEqual(first.settings);
  }, 300_000);

  it('is made again when damaged', async () => {
    const bytes = readFileSync(file);
    bytes[bytes.length - 1000] ^= 0xff;
    writeFileSync(file, bytes);
    const run = await applyOnce(dir);
    expect(run.costs.pgliteDataDir).toBe('initdb, image remade');
    expect(run.costs.pgliteImageProblem).toBe(`${file}: its seal does not match (damaged, or not written by this verdict)`);
    expect(run.rows).toEqual(expectedRows);
    expect(readImage(file, version).tar).not.toBeNull();
  }, 300_000);

  it('is made again when PGlite cannot start from it, though its digest matches', async () => {
    writeImage(file, version, new Uint8Array(64 * 1024).fill(7));
    const run = await applyOnce(dir);
    expect(run.costs.pgliteDataDir).toBe('initdb, image remade');
    expect(run.costs.pgliteImageProblem).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: PGlite could not start from it \\(.+\\)$`));
    expect(run.rows).toEqual(expectedRows);
    expect(readImage(file, version).tar!.length).toBeGreaterThan(1_000_000);
  }, 300_000);

  it('is not made by an engine whose extension rewrites postgresql.conf (pg_stat_statements preloads a library)', async () => {
    const other = join(dir, 'preload');
    const run = await applyOnce(other, ['pg_stat_statements']);
    expect(run.costs.pgliteDataDir).toBe('initdb');
    expect(run.rows).toEqual(expectedRows);
    expect(existsSync(imageFile(other, version))).toBe(false);
  }, 300_000);
});
