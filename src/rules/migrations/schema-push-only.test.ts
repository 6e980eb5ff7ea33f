import { describe, expect, it } from 'vitest';
import { auditMigrationFiles, hits, statusOf } from '../../../test/helpers/migrations.js';
import rule from './schema-push-only.js';

const config = "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ schema: './src/schema.ts', out: './drizzle', dialect: 'postgresql' });\n";

describe('migrations/schema-push-only', () => {
  it('stays silent when a script generates or applies migrations, or a migration folder exists', async () => {
    const scripts = await auditMigrationFiles({
      'package.json': '{"name":"db","scripts":{"push":"drizzle-kit push","generate":"drizzle-kit generate","migrate":"drizzle-kit migrate"}}',
      'drizzle.config.ts': config,
    }, [rule]);
    expect(hits(scripts)).toEqual([]);
    const folder = await auditMigrationFiles({
      'package.json': '{"name":"db","scripts":{"push":"pnpm with-env drizzle-kit push"}}',
      'drizzle.config.ts': config,
      'drizzle/0000_init.sql': 'CREATE TABLE "post" ("id" serial PRIMARY KEY);\n',
      'drizzle/meta/_journal.json': '{"version":"7","dialect":"postgresql","entries":[{"idx":0,"version":"7","when":1700000000000,"tag":"0000_init","breakpoints":true}]}',
    }, [rule]);
    expect(hits(folder)).toEqual([]);
    const none = await auditMigrationFiles({ 'package.json': '{"name":"svc","scripts":{"studio":"drizzle-kit studio","push-image":"docker push x"}}' }, [rule]);
    expect(statusOf(none, 'migrations/schema-push-only')).toEqual(['not-applicable']);
  });

  it('reports the push script when nothing keeps migrations', async () => {
    const run = await auditMigrationFiles({
      'package.json': '{\n  "name": "db",\n  "scripts": {\n    "build": "tsc",\n    "push": "pnpm with-env drizzle-kit push",\n    "push:force": "drizzle-kit push --force"\n  }\n}',
      'drizzle.config.ts': config,
    }, [rule]);
    expect(hits(run)).toEqual(['migrations/schema-push-only package.json:5']);
    expect(run.findings[0].severity).toBe('medium');
  });
});
