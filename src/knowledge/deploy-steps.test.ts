import { describe, expect, it } from 'vitest';
import { DEPLOY_ACTIONS, DEPLOY_COMMANDS, deployActionOf, deployCommandOf, MIGRATION_COMMANDS, migrationCommandOf, SERVICE_STARTS, serviceStartOf } from './index.js';

describe('deploy steps', () => {
  it("each entry's example is read as that deploy, and each cites its source", () => {
    for (const d of DEPLOY_COMMANDS) expect(deployCommandOf(d.example)?.name, d.example).toBe(d.name);
    for (const a of DEPLOY_ACTIONS) {
      expect(deployActionOf(a.example)?.name, a.example).toBe(a.name);
      expect(a.source).toMatch(/^https:\/\//);
    }
    for (const s of SERVICE_STARTS) expect(serviceStartOf(s.example), s.example).toBe(s.name);
    for (const m of MIGRATION_COMMANDS) expect(migrationCommandOf(m.example), m.example).toBe(m.name);
  });

  it('stays silent on dry runs, image pushes alone, local copies and look-alike actions', () => {
    expect(deployCommandOf('npx wrangler deploy --dry-run --outdir dist')).toBeNull();
    expect(deployCommandOf('docker push ghcr.io/acme/api:latest')).toBeNull();
    expect(deployCommandOf('rsync -a dist/ build/')).toBeNull();
    expect(deployCommandOf('ssh-keyscan github.com >> ~/.ssh/known_hosts')).toBeNull();
    expect(deployCommandOf('curl -fsS https://api.example.com/health')).toBeNull();
    expect(deployActionOf('appleboy/ssh-actionable@v1')).toBeNull();
    expect(deployActionOf('actions/checkout@v4')).toBeNull();
    expect(deployActionOf('superfly/flyctl-actions/setup-flyctl@master')).toBeNull();
    expect(serviceStartOf('docker compose build')).toBeNull();
    expect(migrationCommandOf('npx prisma generate')).toBeNull();
    expect(migrationCommandOf('npx sequelize-cli db:migrate:undo')).toBeNull();
  });
});
