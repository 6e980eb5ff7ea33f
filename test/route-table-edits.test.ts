// The route table after an edit: a warm run (facts, link memory and rule caches from the run before)
// must report what a run without any cache reports on the edited tree, finding by finding, for the
// edits that change what the link stage's route table derives: a route, a guard's code, a middleware
// mount, an import's target. Each edit is also checked to change the findings, so a route table or
// rule result reused when it should not be fails here. The harness for a route table reused per route.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import type { AuditRun } from '../src/model/run.js';
import { writeRepo, withoutCacheState } from './helpers/repo.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = (prefix: string): string => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

const run = (root: string, cacheDir: string | null): Promise<AuditRun> =>
  audit({ root, exec: false, quiet: true, today: '2026-01-01', threads: 1, ...(cacheDir ? { cacheDir } : { cache: false }) });

const comparable = withoutCacheState;

/** One line per finding: what a reviewer compares. */
const findingsOf = (r: AuditRun): string[] =>
  r.findings.map((f) => `${f.ruleId} ${f.location?.path ?? ''}:${f.location?.line ?? ''} ${f.message}`).sort();

const edit = (root: string, path: string, from: string, to: string): void => {
  const abs = join(root, path);
  const text = readFileSync(abs, 'utf8');
  if (!text.includes(from)) throw new Error(`${path} does not hold ${from}`);
  writeFileSync(abs, text.replace(from, to));
};

// A small Express service: a token guard mounted on one router, another router guarding one route itself.
const files = {
  'package.json': JSON.stringify({ name: 'svc', version: '1.0.0', main: 'src/server.ts', scripts: { start: 'node dist/server.js' }, dependencies: { express: '^5.1.0', jsonwebtoken: '^9.0.0', pg: '^8.11.0' } }, null, 2),
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, outDir: 'dist' }, include: ['src'] }, null, 2),
  'src/server.ts': [
    "import express from 'express';",
    "import { requireUser } from './middleware/auth';",
    "import users from './routes/users';",
    "import notes from './routes/notes';",
    '',
    'const app = express();',
    'app.use(express.json());',
    "app.use('/users', requireUser, users);",
    "app.use('/notes', notes);",
    'app.listen(Number(process.env.PORT ?? 3000));',
    '',
  ].join('\n'),
  'src/middleware/auth.ts': [
    "import type { NextFunction, Request, Response } from 'express';",
    "import jwt from 'jsonwebtoken';",
    '',
    'export function requireUser(req: Request, res: Response, next: NextFunction) {',
    "  const token = (req.headers.authorization ?? '').replace('Bearer ', '');",
    '  try {',
    "    res.locals.user = jwt.verify(token, process.env.JWT_SECRET ?? '');",
    '  } catch {',
    "    return res.status(401).json({ error: 'unauthorised' });",
    '  }',
    '  next();',
    '}',
    '',
  ].join('\n'),
  'src/middleware/open.ts': [
    "import type { NextFunction, Request, Response } from 'express';",
    '',
    'export function requireUser(req: Request, res: Response, next: NextFunction) {',
    '  res.locals.user = null;',
    '  next();',
    '}',
    '',
  ].join('\n'),
  'src/lib/db.ts': [
    "import { Pool } from 'pg';",
    '',
    'export const pool = new Pool({ connectionString: process.env.DATABASE_URL });',
    '',
  ].join('\n'),
  'src/routes/users.ts': [
    "import { Router } from 'express';",
    "import { pool } from '../lib/db';",
    '',
    'const router = Router();',
    "router.post('/', async (req, res) => {",
    "  const r = await pool.query('INSERT INTO users (name) VALUES ($1) RETURNING id', [req.body.name]);",
    '  res.json(r.rows[0]);',
    '});',
    "router.delete('/:id', async (req, res) => {",
    "  await pool.query('DELETE FROM users WHERE id = $1', [req.params.id]);",
    '  res.status(204).end();',
    '});',
    'export default router;',
    '',
  ].join('\n'),
  'src/routes/notes.ts': [
    "import { Router } from 'express';",
    "import { requireUser } from '../middleware/auth';",
    "import { pool } from '../lib/db';",
    '',
    'const router = Router();',
    "router.get('/', async (_req, res) => {",
    "  const r = await pool.query('SELECT id, text FROM notes');",
    '  res.json(r.rows);',
    '});',
    "router.post('/', requireUser, async (req, res) => {",
    "  const r = await pool.query('INSERT INTO notes (text) VALUES ($1) RETURNING id', [req.body.text]);",
    '  res.json(r.rows[0]);',
    '});',
    'export default router;',
    '',
  ].join('\n'),
};

describe('route table after an edit', () => {
  it('a warm run after each edit reports what a run without cache reports, and each edit changes the findings', { timeout: 600_000 }, async () => {
    const root = writeRepo(files, temp('verdict-rte-'));
    const cacheDir = temp('verdict-rte-cache-');
    const cold = await run(root, cacheDir);
    const warm = await run(root, cacheDir);
    expect(comparable(warm)).toEqual(comparable(cold));
    // The starting point: the guarded routes are not reported, so each edit below can be seen to open one.
    const unguarded = (r: AuditRun, path: string) => r.findings.filter((f) => f.ruleId === 'security/route-without-auth' && f.location?.path === path);
    expect(unguarded(cold, 'src/routes/users.ts')).toEqual([]);
    let previous = findingsOf(cold);

    const step = async (what: string): Promise<AuditRun> => {
      const cached = await run(root, cacheDir);
      const fresh = await run(root, null);
      expect(findingsOf(cached), what).toEqual(findingsOf(fresh));
      expect(comparable(cached), what).toEqual(comparable(fresh));
      expect(findingsOf(fresh), `${what} changes the findings`).not.toEqual(previous);
      previous = findingsOf(fresh);
      return fresh;
    };

    // 1. A route: a state-changing route added to the notes router without a guard.
    edit(root, 'src/routes/notes.ts', 'export default router;', "router.delete('/:id', async (req, res) => {\n  await pool.query('DELETE FROM notes WHERE id = $1', [req.params.id]);\n  res.status(204).end();\n});\nexport default router;");
    const route = await step('a route added');
    expect(unguarded(route, 'src/routes/notes.ts').length).toBeGreaterThan(0);

    // 2. A middleware mount: the users router mounted without its guard.
    edit(root, 'src/server.ts', "app.use('/users', requireUser, users);", "app.use('/users', users);");
    const mount = await step('a guard taken off a mount');
    expect(unguarded(mount, 'src/routes/users.ts').length).toBeGreaterThan(0);
    edit(root, 'src/server.ts', "app.use('/users', users);", "app.use('/users', requireUser, users);");
    const remounted = await step('the guard mounted again');
    expect(unguarded(remounted, 'src/routes/users.ts')).toEqual([]);

    // 3. An import's target: the guard imported from a module whose function lets every request through.
    edit(root, 'src/server.ts', "from './middleware/auth';", "from './middleware/open';");
    const target = await step('the guard imported from another module');
    expect(unguarded(target, 'src/routes/users.ts').length).toBeGreaterThan(0);
    edit(root, 'src/server.ts', "from './middleware/open';", "from './middleware/auth';");
    await step('the guard imported from its module again');

    // 4. A guard's code: the token check taken out of the guard, in its own file only.
    edit(root, 'src/middleware/auth.ts', "  try {\n    res.locals.user = jwt.verify(token, process.env.JWT_SECRET ?? '');\n  } catch {\n    return res.status(401).json({ error: 'unauthorised' });\n  }\n", '  res.locals.user = token;\n');
    const guard = await step('the guard no longer checks');
    expect(unguarded(guard, 'src/routes/users.ts').length).toBeGreaterThan(0);
  });
});
