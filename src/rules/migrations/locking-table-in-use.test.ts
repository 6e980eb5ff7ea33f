import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { audit } from '../../audit.js';
import { removeRepo, writeRepo } from '../../../test/helpers/repo.js';
import { LOCKING_OPERATIONS } from '../../knowledge/index.js';
import { rules } from './index.js';
import rule from './locking-table-in-use.js';

const gitIn = (root: string, ...args: string[]): void => {
  execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: root, stdio: 'ignore' });
};

/** A released repository (tag v1) with a users table, then a new migration and code that writes to `users`. */
async function released(next: string, code: string) {
  const root = writeRepo({
    'package.json': '{"name":"svc","dependencies":{"pg":"8"}}',
    'db/migrations/001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text);\n',
  });
  try {
    gitIn(root, 'init', '-q', '.');
    gitIn(root, 'add', '-A');
    gitIn(root, 'commit', '-qm', 'one');
    gitIn(root, 'tag', 'v1');
    writeRepo({ 'db/migrations/002_next.sql': next, 'src/users.ts': code }, root);
    return await audit({ root, exec: false, cache: false, quiet: true, today: '2026-01-01', rules: [rule] });
  } finally {
    removeRepo(root);
  }
}

const WRITES = "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const add = (e: string) => pool.query('INSERT INTO users (email) VALUES ($1)', [e]);\n";

describe('migrations/locking-table-in-use', () => {
  it('is high and blocks: a pending index build without CONCURRENTLY on a table an earlier migration made and the code writes to', async () => {
    const run = await released('CREATE INDEX users_email ON users (email);\n', WRITES);
    expect(run.findings.map((f) => `${f.ruleId} ${f.location?.path}:${f.location?.line} ${f.severity}`)).toEqual([
      'migrations/locking-table-in-use db/migrations/002_next.sql:1 high',
    ]);
    expect(run.findings[0].message).toMatch(/created by db\/migrations\/001_users\.sql and written by the service \(src\/users\.ts:3, by SQL text\); the table's size, and so how long writes wait, is unknowable statically/);
    expect(run.gate.decision).toBe('NO_GO');
    expect(run.gate.reasons[0]).toMatchObject({ ruleId: 'migrations/locking-table-in-use', evidence: 'db/migrations/002_next.sql:1' });
  }, 60_000);

  it('stays silent when the code never writes to the table, or the table is new in the same migration', async () => {
    const readOnly = await released('CREATE INDEX users_email ON users (email);\n', "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const all = () => pool.query('SELECT * FROM users');\n");
    expect(readOnly.findings).toEqual([]);
    const fresh = await released('CREATE TABLE logs (id int, at text);\nCREATE INDEX logs_at ON logs (at);\n', "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const log = () => pool.query('INSERT INTO logs (at) VALUES (now())');\n");
    expect(fresh.findings).toEqual([]);
  }, 60_000);

  it('knows each locking operation by a squawk rule verdict runs', () => {
    const ids = new Set(rules.map((r) => r.id));
    for (const op of LOCKING_OPERATIONS) expect(ids.has(`migrations/squawk-${op.rule}`), op.rule).toBe(true);
  });
  it('knows an ORM write by the library\'s write methods (knowledge/orm-writes): a Prisma model, a Drizzle table', async () => {
    const prisma = await released('CREATE INDEX users_email ON users (email);\n',
      "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const add = (email: string) => prisma.user.create({ data: { email } });\n");
    expect(prisma.findings.map((f) => f.location?.path)).toEqual(['db/migrations/002_next.sql']);
    expect(prisma.findings[0].message).toMatch(/src\/users\.ts:3, by the prisma write on user/);
    const drizzle = await released('CREATE INDEX users_email ON users (email);\n',
      "import { drizzle } from 'drizzle-orm/node-postgres';\nimport { users } from './schema';\nconst db = drizzle(process.env.DATABASE_URL!);\nexport const add = (email: string) => db.insert(users).values({ email });\n");
    expect(drizzle.findings.map((f) => f.location?.path)).toEqual(['db/migrations/002_next.sql']);
    expect(drizzle.findings[0].message).toMatch(/by the drizzle write on users/);
    // A read is no write: nothing blocks.
    const reads = await released('CREATE INDEX users_email ON users (email);\n',
      "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const all = () => prisma.user.findMany();\n");
    expect(reads.findings).toEqual([]);
  });
});
