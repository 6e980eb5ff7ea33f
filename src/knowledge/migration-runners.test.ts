import { describe, expect, it } from 'vitest';
import { CODE_MIGRATION_RUNNERS, codeMigrationRunner } from './index.js';

describe('code migration runners', () => {
  it("each runner's example is read as that runner, whatever the package depends on", () => {
    for (const r of CODE_MIGRATION_RUNNERS) {
      expect(r.source, r.runner).toMatch(/^https:\/\//);
      expect(codeMigrationRunner([r.example], {}), r.runner).toBe(r.runner);
      expect(codeMigrationRunner([r.example], { typeorm: '0.3.0', knex: '3.0.0', sequelize: '6.0.0' }), r.runner).toBe(r.runner);
    }
  });

  it('falls back to the one runner depended on, and names none when several or none are', () => {
    const plain = 'exports.up = async (db) => db.query("CREATE TABLE t (id int)");';
    expect(codeMigrationRunner([plain], { knex: '3.1.0', pg: '8.0.0' })).toBe('knex');
    expect(codeMigrationRunner([plain], { 'sequelize-cli': '6.6.0', sequelize: '6.37.0' })).toBe('sequelize');
    expect(codeMigrationRunner([plain], { knex: '3.1.0', sequelize: '6.37.0' })).toBe('custom');
    expect(codeMigrationRunner([plain], { pg: '8.0.0' })).toBe('custom');
  });

  it('reads what the up function receives, not a word anywhere', () => {
    // A comment naming another tool does not make the file that tool's migration.
    expect(codeMigrationRunner(["// ported from a knex seed\nmodule.exports = { up: async (queryInterface) => queryInterface.addColumn('a', 'b', {}) };"], {})).toBe('sequelize');
    expect(codeMigrationRunner(['module.exports = { up: async function (knex) { await knex.raw("select 1"); } };'], {})).toBe('knex');
  });
});
