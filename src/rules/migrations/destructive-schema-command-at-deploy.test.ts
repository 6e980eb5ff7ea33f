import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './destructive-schema-command-at-deploy.js';

const pkg = (scripts: Record<string, string>) => JSON.stringify({ name: 'svc', main: 'dist/server.js', scripts, dependencies: { express: '4', '@prisma/client': '5' }, devDependencies: { prisma: '5' } }, null, 2);

describe('migrations/destructive-schema-command-at-deploy', () => {
  it('reports prisma migrate reset in the build script a platform runs, followed through npm run', async () => {
    const fs = await runRule(rule, { 'package.json': pkg({ build: 'npm run db:setup && tsc', 'db:setup': 'prisma generate && prisma migrate reset --force', start: 'node dist/server.js' }), 'src/server.ts': 'export {};\n' });
    expect(at(fs)).toEqual(['package.json:6']);
    expect(fs[0].severity).toBe('critical');
    expect(fs[0].message).toContain('`prisma migrate reset --force` drops the database');
    expect(fs[0].message).toContain('package.json:5 → package.json:6');
  });

  it('reports drizzle-kit push --force and prisma migrate dev at start, from a Dockerfile CMD and a Procfile release line', async () => {
    const fs = await runRule(rule, {
      'package.json': pkg({ start: 'drizzle-kit push --force && node dist/server.js', 'migrate:dev': 'prisma migrate dev' }),
      'Dockerfile': 'FROM node:20\nCOPY . .\nCMD ["npm", "start"]\n',
      'Procfile': 'web: npm start\nrelease: npx prisma migrate dev\n',
      'src/server.ts': 'export {};\n',
    });
    expect(at(fs).sort()).toEqual(['Procfile:2', 'package.json:5']);
  });

  it('reports fly.toml release_command running a reset through a script', async () => {
    const fs = await runRule(rule, {
      'package.json': pkg({ 'db:reset': 'prisma migrate reset --force', start: 'node dist/server.js' }),
      'fly.toml': 'app = "svc"\n\n[deploy]\n  release_command = "npm run db:reset"\n',
      'src/server.ts': 'export {};\n',
    });
    expect(at(fs)).toEqual(['package.json:5']);
    expect(fs[0].message).toContain('fly.toml:4 → package.json:5');
  });

  it('does not report the same commands in scripts a developer runs by hand, nor the production forms at deploy', async () => {
    const fs = await runRule(rule, {
      'package.json': pkg({
        dev: 'prisma migrate dev && tsx watch src/server.ts', 'db:reset': 'prisma migrate reset --force', 'db:push': 'drizzle-kit push --force', 'db:drop': 'sequelize-cli db:drop',
        build: 'prisma generate && tsc', start: 'prisma migrate deploy && drizzle-kit push && node dist/server.js',
      }),
      'src/server.ts': 'export {};\n',
    });
    expect(at(fs)).toEqual([]);
  });

  it('follows a Dockerfile ENTRYPOINT into its shell script: a reset there is critical, a seed high, the CMD run by exec "$@"', async () => {
    const fs = await runRule(rule, {
      'package.json': pkg({ start: 'node dist/server.js', 'db:seed': 'sequelize-cli db:seed:all' }),
      'Dockerfile': 'FROM node:20\nCOPY . .\nENTRYPOINT ["./docker/entrypoint.sh"]\nCMD ["npm", "start"]\n',
      'docker/entrypoint.sh': '#!/bin/sh\nset -e\nnpx prisma migrate reset --force --skip-seed\nnpm run db:seed\nexec "$@"\n',
      'src/server.ts': 'export {};\n',
    });
    expect(fs.map((f) => `${at([f])[0]} ${f.severity} ${f.messageId}`).sort()).toEqual(['docker/entrypoint.sh:3 critical wipes', 'package.json:6 high seeds']);
    expect(fs.find((f) => f.messageId === 'wipes')!.message).toContain('Dockerfile:3 → docker/entrypoint.sh:3');
    expect(fs.find((f) => f.messageId === 'seeds')!.message).toContain('docker/entrypoint.sh:4 → package.json:6');
  });

  it('follows a start script that runs a shell script, and the CMD handed to the entrypoint', async () => {
    const fs = await runRule(rule, {
      'package.json': pkg({ start: 'sh ./scripts/start.sh', 'db:reset': 'prisma db push --force-reset' }),
      'scripts/start.sh': 'npm run db:reset\nnode dist/server.js\n',
      'src/server.ts': 'export {};\n',
    });
    expect(at(fs)).toEqual(['package.json:6']);
    expect(fs[0].severity).toBe('critical');
  });

  it('does not report a command in a branch of the entrypoint script, a script no start runs or one named for development, nor read a missing script', async () => {
    const fs = await runRule(rule, {
      'package.json': pkg({ start: 'node dist/server.js' }),
      'Dockerfile': 'FROM node:20\nCOPY . .\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["./run.sh"]\n',
      'run.sh': '#!/bin/sh\nif [ "$RESET_DB" = "true" ]; then\n  npx prisma migrate reset --force\nfi\ncase "$1" in\n  seed) npx prisma db seed ;;\nesac\nnpx prisma migrate deploy\nexec node dist/server.js\n',
      'scripts/dev-reset.sh': 'npx prisma migrate reset --force\n',
      'Procfile': 'web: ./startup.dev.sh\n',
      'startup.dev.sh': 'npx prisma migrate reset --force\nnpm start\n',
      'src/server.ts': 'export {};\n',
    });
    expect(at(fs)).toEqual([]);
  });
});
