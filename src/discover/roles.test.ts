import { describe, expect, it } from 'vitest';
import { discover } from './index.js';
import { removeRepo, writeRepo } from '../../test/helpers/repo.js';

const service = (dir: string): Record<string, string> => Object.fromEntries(
  ['users', 'posts', 'tags', 'likes', 'feeds'].map((n) => [`${dir}src/routes/${n}.ts`, `export const ${n} = '${n}';\n`]),
);

describe('roles of the whole tree', () => {
  it('knows a copy of the tree by its structure, whatever it is called, and a named copy by what it holds', () => {
    const root = writeRepo({
      'package.json': '{"name":"svc"}',
      ...service(''),
      // A copy under a neutral name: the layout repeats, most files unchanged.
      ...service('release-candidate/'),
      // Named as kept aside, with a package of its own one level down.
      'preservation/v3.0/package.json': '{"name":"svc-v3"}',
      'preservation/v3.0/server.ts': 'export {};\n',
      // Named "archive" but a feature folder of the service: loose files, no manifest, no copy.
      'src/archive/export.ts': 'export const archive = 1;\n',
      // Workspaces share file names (src/index.ts) without being copies of each other.
      'apps/api/package.json': '{"name":"api"}',
      'apps/api/src/index.ts': 'export {};\n',
    });
    try {
      const l = discover(root);
      expect(l.roles.trees.map((t) => [t.path, t.role])).toEqual([['preservation', 'archived'], ['release-candidate', 'archived']]);
      expect(l.roles.trees[1].why).toBe('5 of its 5 source files repeat the repository\'s own paths');
      expect(l.roles.of('release-candidate/src/routes/users.ts')).toBe('archived');
      expect(l.roles.of('src/routes/users.ts')).toBe('service');
      expect(l.roles.of('src/archive/export.ts')).toBe('service');
      expect(l.roles.of('apps/api/src/index.ts')).toBe('service');
      // A package inside an archived copy is not one the repository ships.
      expect(l.packages.map((p) => p.path)).toEqual(['.', 'apps/api']);
    } finally {
      removeRepo(root);
    }
  });

  it('knows a copy whose package.json repeats the name of the root package, and a *_staging folder by its name', () => {
    const root = writeRepo({
      'package.json': '{"name":"svc"}',
      'src/index.ts': 'export {};\n',
      'old-site/package.json': '{"name":"svc"}',
      'old-site/app.ts': 'export {};\n',
      'hq_staging/app.ts': 'export {};\n',
    });
    try {
      const l = discover(root);
      expect(l.roles.trees.map((t) => [t.path, t.role, t.why])).toEqual([
        ['hq_staging', 'archived', 'named hq_staging/'],
        ['old-site', 'archived', 'its package.json repeats the name svc of the root package'],
      ]);
    } finally {
      removeRepo(root);
    }
  });

  it('lists a virtualenv (known by pyvenv.cfg) and vendor/ without reading them, except a committed .env', () => {
    const root = writeRepo({
      'package.json': '{"name":"svc"}',
      'src/index.ts': 'export {};\n',
      'tools/py/pyvenv.cfg': 'home = /usr/bin\n',
      'tools/py/lib/python3.11/site-packages/requests/api.py': 'import os\n',
      'tools/py/lib/python3.11/site-packages/requests/package.json': '{"name":"not-a-package"}',
      'tools/py/.env': 'API_KEY=x\n',
      'vendor/lib/x.js': 'module.exports = 1;\n',
    });
    try {
      const l = discover(root);
      expect(l.trees).toEqual([
        { path: 'tools/py', role: 'vendored', why: 'pyvenv.cfg (a Python virtualenv)', files: 3, truncated: false },
        { path: 'vendor', role: 'vendored', why: 'vendor/', files: 1, truncated: false },
      ]);
      expect(l.files.map((f) => f.path).sort()).toEqual(['package.json', 'src/index.ts', 'tools/py/.env']);
      expect(l.roles.of('tools/py/.env')).toBe('vendored');
      expect(l.packages.map((p) => p.name)).toEqual(['svc']);
      expect(l.roles.inventory(l.files.map((f) => f.path)).counts).toMatchObject({ service: 2, vendored: 5 });
    } finally {
      removeRepo(root);
    }
  });

  it('knows a templates/ folder by a package anywhere below it, not only one level down', () => {
    const root = writeRepo({
      'package.json': '{"name":"svc"}',
      'src/index.ts': 'export {};\n',
      'apps/factory/templates/sdk/objects/chat/package.json': '{"name":"chat-template"}',
      'apps/factory/templates/sdk/objects/chat/src/server.ts': 'export {};\n',
      // A folder of that name with no package below it is the service's own code (email templates).
      'services/templates/mailer/index.ts': 'export {};\n',
    });
    try {
      const l = discover(root);
      expect(l.roles.trees.map((t) => [t.path, t.role, t.why])).toEqual([['apps/factory/templates', 'template', 'named templates/ and holds a package of its own']]);
      expect(l.roles.of('apps/factory/templates/sdk/objects/chat/src/server.ts')).toBe('template');
      expect(l.roles.of('services/templates/mailer/index.ts')).toBe('service');
    } finally {
      removeRepo(root);
    }
  });

  it('knows templates by a manifest of their own or a placeholder, and takes the config\'s overrides first', () => {
    const root = writeRepo({
      'package.json': '{"name":"svc"}',
      'src/index.ts': 'export {};\n',
      'src/templates/email.ts': 'export const body = "";\n',
      'packages/cli/templates/basic/package.json': '{"name":"{{name}}"}',
      'packages/cli/templates/basic/index.ts': 'export {};\n',
      'legacy/report.ts': 'export {};\n',
    });
    try {
      const l = discover(root, [], { 'legacy/**': 'archived', 'src/index.ts': 'script' });
      expect(l.roles.trees.map((t) => [t.path, t.role])).toEqual([['packages/cli/templates', 'template']]);
      expect(l.roles.of('packages/cli/templates/basic/index.ts')).toBe('template');
      expect(l.roles.of('src/templates/email.ts')).toBe('service');
      expect(l.roles.of('legacy/report.ts')).toBe('archived');
      expect(l.roles.of('src/index.ts')).toBe('script');
      expect(l.roles.inventory(l.files.map((f) => f.path)).overrides).toEqual([
        { glob: 'legacy/**', role: 'archived', files: 1 }, { glob: 'src/index.ts', role: 'script', files: 1 },
      ]);
    } finally {
      removeRepo(root);
    }
  });
});
