import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './in-memory-store.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('reliability/in-memory-store', () => {
  it('stays silent on caches, read-only tables, local state and tests', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        'const cache = new Map();',
        'const ROLES = {};',
        'const users = new Map();',
        "app.get('/users/:id', (c) => { cache.set(c.req.param('id'), 1); return c.json(users.get(c.req.param('id'))); });",
        "app.post('/items', async (c) => { const items = []; items.push(1); return c.json(items); });",
        'export function seed() { users.set("a", 1); }',
      ].join('\n'),
      'test/app.test.ts': "const todos = [];\napp.post('/todos', (req, res) => { todos.push(req.body); });\n",
    })).toEqual([]);
  });

  it('reports a module-level collection changed by route handlers, Next handlers and Worker fetch', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/app.ts': "const todos = [];\nconst users = new Map<string, User>();\napp.post('/todos', (req, res) => { todos.push(req.body); res.json(req.body); });\nrouter.put('/users/:id', (req, res) => { users.set(req.params.id, req.body); });\n",
      'app/api/notes/route.ts': 'const notes: Record<string, string> = {};\nexport async function POST(req: Request) {\n  notes[crypto.randomUUID()] = await req.text();\n}\n',
      'src/carts.ts': "const carts = new Map<string, string[]>();\nexport const cartsRouter = Router();\ncartsRouter.post('/:id/items', (req, res) => { carts.set(req.params.id, [req.body.sku]); res.json([]); });\n",
      'src/worker.ts': 'let sessions = new Map();\nexport default {\n  async fetch(req: Request) { sessions.set("a", req.url); return new Response(); },\n};\n',
    });
    expect(at(findings).sort()).toEqual(['app/api/notes/route.ts:1', 'src/app.ts:1', 'src/app.ts:2', 'src/carts.ts:1', 'src/worker.ts:1']);
  });
});
