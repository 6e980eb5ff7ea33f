import { describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits } from '../../../test/helpers/migrations.js';
import rule from './prisma-db-push.js';

describe('migrations/prisma-db-push', () => {
  it('stays silent on migrate deploy, dev scripts and comments', async () => {
    expect(hits(await auditFixture('migrations-clean', [rule]))).toEqual([]);
    const run = await auditMigrationFiles({
      'package.json': '{"name":"svc","scripts":{"db:push":"prisma db push","dev":"prisma db push && tsx watch src","deploy":"prisma migrate deploy"}}',
      '.github/workflows/ci.yml': 'jobs:\n  t:\n    steps:\n      # - run: npx prisma db push\n      - run: npx prisma migrate deploy\n',
    }, [rule]);
    expect(hits(run)).toEqual([]);
  });

  it('reports db push in CI workflows, Dockerfiles and deploy scripts', async () => {
    const run = await auditMigrationFiles({
      'package.json': '{\n  "name": "svc",\n  "scripts": {\n    "start": "prisma db push --accept-data-loss && node dist/index.js"\n  }\n}',
      '.github/workflows/deploy.yml': 'jobs:\n  d:\n    steps:\n      - run: npx prisma db push\n',
      'Dockerfile': 'FROM node:20\nRUN npx prisma db push\n',
    }, [rule]);
    expect(hits(run)).toEqual([
      'migrations/prisma-db-push .github/workflows/deploy.yml:4',
      'migrations/prisma-db-push Dockerfile:2',
      'migrations/prisma-db-push package.json:4',
    ]);
  });
});
