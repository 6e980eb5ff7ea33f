import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './missing-path.js';

const tree = {
  'package.json': '{"name":"svc","private":true}',
  'src/server.ts': 'export {};\n',
  'src/routes/orders.ts': 'export {};\n',
  'scripts/migrate.sh': 'echo\n',
  'docs/runbooks/deploy.md': '# Deploy\n\nRun [the migration](../../scripts/migrate.sh), then see [rollback](./rollback.md).\n',
  'docs/runbooks/rollback.md': '# Rollback\n',
  'apps/api/src/index.ts': 'export {};\n',
};

describe('docs/missing-path', () => {
  it('stays silent on existing paths, URLs, anchors, globs, placeholders, packages, modules, routes and code blocks', async () => {
    expect(await runRule(rule, {
      ...tree,
      'README.md': [
        '# svc',
        '',
        'Start at `src/server.ts` (`src/server.ts:10-12`, `src/routes/orders.ts#L3`) and [the routes](src/routes/).',
        'Runbooks: [deploy](docs/runbooks/deploy.md), [top](#svc), [site](https://example.com/docs/x.md), [mail](mailto:a@b.c).',
        'Sources live in `src/**/*.ts`; put yours in `path/to/your-file.ts` or `src/<name>.ts`.',
        'Install `@hono/node-server`, import `hono/cors` and `node:fs`; call `GET /orders/:id` or `/health`.',
        'Copy `.env.example` to `.env`; build output goes to `dist/server.js`; see `vercel/next.js`.',
        'The entry is `src/index.ts` of apps/api, and [issues](../../issues).',
        'A provider lives in `src/providers/PROVIDER_NAME.ts`; screenshots: ![Before](image-link) ![After](url).',
        '',
        '```sh',
        'bash scripts/does-not-exist.sh',
        '```',
      ].join('\n'),
      'CHANGELOG.md': '- removed `scripts/old.sh`\n',
      'test/fixtures/README.md': 'See `scripts/missing.sh`.\n',
    })).toEqual([]);
  });

  it('reads a leading slash as the root of the doc\'s package, and skips URL paths and one-folder concepts', async () => {
    expect(await runRule(rule, {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/log/package.json': '{"name":"log"}',
      'packages/log/docs/api.md': '# API\n',
      'packages/log/README.md': 'See [API](/docs/api.md); requests for `/app/index.html` fall back; files in `public/` are served.\n',
    })).toEqual([]);
  });

  it('accepts the tail of a path anywhere in the repository, site routes, site content and instructions to create files', async () => {
    expect(await runRule(rule, {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*'] }),
      'apps/a/package.json': '{"name":"a"}',
      'apps/a/docs/runbooks/deploy.md': '# Deploy\n',
      'apps/b/package.json': '{"name":"b"}',
      'apps/b/README.md': 'Runbook: `docs/runbooks/deploy.md`. Read the [launch post](/blog/launch) and the [changelog](/changelog).\n',
      'apps/b/src/content/blog/post.md': 'See `src/missing.ts`.\n',
      'apps/b/docs/guide.mdx': 'See `src/missing.ts`.\n',
      'docs/setup.md': 'Create `.github/workflows/check.yml`:\n\nBuild artifacts land in `apps/b/public/r/`; `src/old.ts` was deleted.\n',
    })).toEqual([]);
  });

  it('stays silent on paths a published package leaves out through its `files` list', async () => {
    expect(await runRule(rule, {
      'package.json': JSON.stringify({ name: 'lib', files: ['dist', 'README.md'] }),
      'dist/index.js': '',
      'README.md': 'See [the migration guide](docs/MIGRATION.md) and `src/index.ts`.\n',
    })).toEqual([]);
  });

  it('reports each missing path at its doc line, relative to the doc folder or the root', async () => {
    const findings = await runRule(rule, {
      ...tree,
      'README.md': '# svc\n\nDeploy with `scripts/deploy.sh` and see [architecture](docs/architecture.md).\n\nRunbook: [`docs/runbooks/incident.md`](./docs/runbooks/incident.md)\n',
      'docs/READINESS.md': '| Runbook | ✅ | [rollback](runbooks/rollback.md), [restore](runbooks/restore.md), `src/jobs/` |\n',
      // Capitals in a doc's own name are no placeholder, nor a linked word that is not one.
      'docs/DEPLOY.md': 'See [the code of conduct](CODE_OF_CONDUCT.md) and [logo](logo).\n',
      'CONTRIBUTING.md': 'File a [bug](.github/ISSUE_TEMPLATE/bug_report.md).\n',
    });
    expect(at(findings)).toEqual(['CONTRIBUTING.md:1', 'docs/DEPLOY.md:1', 'docs/DEPLOY.md:1', 'docs/READINESS.md:1', 'docs/READINESS.md:1', 'README.md:3', 'README.md:3', 'README.md:5']);
    expect(findings.map((f) => f.message.match(/`([^`]+)`/)?.[1]).sort()).toEqual([
      '.github/ISSUE_TEMPLATE/bug_report.md', 'CODE_OF_CONDUCT.md', 'docs/architecture.md', 'docs/runbooks/incident.md', 'logo', 'runbooks/restore.md', 'scripts/deploy.sh', 'src/jobs/',
    ]);
    expect(findings.every((f) => f.severity === 'medium')).toBe(true);
  });

  it('finds a cited tail as a whole path segment: a folder inside a deeper path counts, part of a folder name does not', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","private":true}',
      'packages/api/src/jobs/nightly/run.ts': 'export {};\n',
      'c/index.ts': 'export {};\n',
      'README.md': 'Jobs: `src/jobs/`, `jobs/nightly/`, `api/src/jobs/nightly/run.ts`; not `c/jobs/nightly/run.ts` nor `c/jobs/`.\n',
    });
    expect(findings.map((f) => f.message.match(/`([^`]+)`/)?.[1]).sort()).toEqual(['c/jobs/', 'c/jobs/nightly/run.ts']);
  });
});
