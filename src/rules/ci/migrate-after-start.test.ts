import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './migrate-after-start.js';

const pkg = JSON.stringify({ name: 'svc', scripts: { start: 'node dist/main.js' } });
const wf = (script: string[]) => ['on: push', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: appleboy/ssh-action@v1.0.3', '        with:', '          host: ${{ secrets.HOST }}', '          script: |', ...script.map((l) => `            ${l}`)].join('\n');

describe('ci/migrate-after-start', () => {
  it('stays silent when the migration runs before the new containers start, or only the database starts first', async () => {
    expect(await runRule(rule, {
      'package.json': pkg,
      '.github/workflows/deploy.yml': wf(['cd /srv/api', 'docker compose pull', 'docker compose run --rm api npx prisma migrate deploy', 'docker compose up -d']),
      'scripts/deploy.sh': '#!/bin/sh\nset -e\ndocker compose up -d db\nnpx knex migrate:latest\ndocker compose up -d\n',
      'scripts/local.sh': '#!/bin/sh\ndocker run -d --name pg postgres:16\nnpm run migrate\n',
    })).toEqual([]);
  });

  it('reports a migration after the new containers are up, in a workflow and in a deploy script', async () => {
    const found = await runRule(rule, {
      'package.json': pkg,
      '.github/workflows/deploy.yml': wf(['cd /srv/api', 'docker compose pull', 'docker compose up -d --remove-orphans', 'docker compose exec -T api npx prisma migrate deploy']),
      'scripts/deploy.sh': '#!/bin/bash\nset -e\ngit pull\npm2 reload ecosystem.config.js\nnpm run migrate\n',
    });
    expect(at(found).sort()).toEqual(['.github/workflows/deploy.yml:13', 'scripts/deploy.sh:5']);
    expect(found.find((f) => f.location?.path.endsWith('.yml'))?.severity).toBe('medium');
  });
});
