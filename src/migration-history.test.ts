import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationStates } from './migration-history.js';
import { removeRepo, writeRepo } from '../test/helpers/repo.js';

const gitIn = (root: string, ...args: string[]): void => {
  execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: root, stdio: 'ignore' });
};

describe('migration states from git', () => {
  const sets = ['db/migrations/001_init.sql', 'db/migrations/002_users.sql'];

  it('calls a migration in the last tag and unchanged since history; one added or changed since, pending', async () => {
    const root = writeRepo({ 'svc/db/migrations/001_init.sql': 'CREATE TABLE a (id int);\n', 'svc/db/migrations/002_users.sql': 'CREATE TABLE u (id int);\n' });
    try {
      gitIn(root, 'init', '-q', '.');
      gitIn(root, 'add', '-A');
      gitIn(root, 'commit', '-qm', 'one');
      gitIn(root, 'tag', 'v1.0.0');
      writeFileSync(join(root, 'svc/db/migrations/002_users.sql'), 'CREATE TABLE u (id int, name text);\n');
      writeFileSync(join(root, 'svc/db/migrations/003_index.sql'), 'CREATE INDEX i ON u (name);\n');
      // The audited folder sits inside the repository: paths stay relative to it.
      const r = await migrationStates(join(root, 'svc'), [...sets, 'db/migrations/003_index.sql']);
      expect(Object.fromEntries(r!.states)).toEqual({
        'db/migrations/001_init.sql': 'history', 'db/migrations/002_users.sql': 'pending', 'db/migrations/003_index.sql': 'pending',
      });
      expect(r!.basis).toContain('the last tag v1.0.0');
    } finally {
      removeRepo(root);
    }
  });

  it('says unknown without a tag or without git', async () => {
    const root = writeRepo({ 'db/migrations/001_init.sql': 'CREATE TABLE a (id int);\n', 'db/migrations/002_users.sql': '\n' });
    try {
      const none = await migrationStates(root, sets);
      expect([none!.states.size, none!.basis]).toEqual([0, 'not a git repository: whether each migration is applied is unknown']);
      gitIn(root, 'init', '-q', '.');
      gitIn(root, 'add', '-A');
      gitIn(root, 'commit', '-qm', 'one');
      const untagged = await migrationStates(root, sets);
      expect([untagged!.states.size, untagged!.basis]).toEqual([0, 'no release tag: whether each migration is applied is unknown']);
      expect(await migrationStates(root, [])).toBeNull();
    } finally {
      removeRepo(root);
    }
  });
});
