import { describe, expect, it } from 'vitest';
import { fileRole } from './roles.js';

describe('fileRole', () => {
  it('tells what a file is for from its path', () => {
    const cases: Array<[string, string]> = [
      ['src/routes/users.ts', 'service'],
      ['src/users.test.ts', 'test'],
      ['test/helpers/db.ts', 'test'],
      // A test runner's global setup.
      ['apps/web/integration/global-setup.ts', 'test'],
      ['src/globalTeardown.ts', 'test'],
      // logto: a package of integration tests. Folders that only end like one are service code.
      ['packages/integration-tests/src/constants.ts', 'test'],
      ['src/ab-test/service.ts', 'service'],
      ['src/routes/load-test/run.ts', 'service'],
      ['packages/api-specs/index.ts', 'service'],
      ['src/payments/mock.ts', 'service'],
      ['src/contests/rules.ts', 'service'],
      ['svc/api/routes/v2_domains_create_domain/200_test.go', 'test'],
      ['app/test_models.py', 'test'],
      ['lib/user_spec.rb', 'test'],
      ['server/src/test/java/AppTest.java', 'test'],
      ['svc/api/routes/handler.go', 'service'],
      ['scripts/backfill.ts', 'script'],
      ['src/cli.ts', 'script'],
      ['tools/release/bump.ts', 'script'],
      ['packages/cli/src/index.ts', 'script'],
      // An AI agent's tools inside the service are the service.
      ['src/ai/tools/query.ts', 'service'],
      ['vite.config.ts', 'config'],
      ['examples/basic/index.ts', 'example'],
      ['src/gen/api_pb.ts', 'generated'],
      ['prisma/migrations/20240101_init/migration.sql', 'migration'],
      ['packages/schemas/alterations/1.0.0-1674032095-multi-tenancy.ts', 'migration'],
      // Seed data for development databases.
      ['packages/prisma/seed/initial-seed.ts', 'script'],
      ['prisma/seed.ts', 'script'],
      ['db/seeds/01_users.js', 'script'],
      ['src/db/seeders/20240101-demo.cjs', 'script'],
      ['src/users.seed.ts', 'script'],
      // A word that only starts like one is no seed.
      ['src/seedling/garden.ts', 'service'],
      ['src/seeding.ts', 'service'],
      // Stand-ins made for tests are their own role: patterns normal there say nothing about the service.
      ['src/__mocks__/db.ts', 'mock'],
      ['test/fixtures/app.ts', 'mock'],
      ['packages/sdk/mock-server/routes.ts', 'mock'],
      ['src/db.mock.ts', 'mock'],
      // Others' code committed with the repository.
      ['vendor/lib/x.js', 'vendored'],
      ['py/.venv/lib/python3.11/site-packages/requests/api.py', 'vendored'],
      ['third-party/sdk/index.ts', 'vendored'],
      // Scaffolds: a placeholder in a folder's or file's name.
      ['generator/{{cookiecutter.slug}}/src/index.ts', 'template'],
      ['blueprints/app/<%= name %>.ts', 'template'],
    ];
    for (const [path, role] of cases) expect(fileRole(path), path).toBe(role);
  });
});
