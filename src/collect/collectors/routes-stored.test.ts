// The stored form of collect/routes records (what the cache keeps and a warm run parses) loses
// nothing the route rules read.
import { describe, expect, it } from 'vitest';
import { storedCalls, storedHealth, storedRecord } from './routes-ast.js';

const route = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'route', framework: 'hono', receiver: 'app', method: 'GET', url: '/x', line: 3, snippet: "app.get('/x', h)",
  middleware: [{ name: 'auth', from: './auth', imported: 'auth', auth: true, limiter: false }, { name: 'log', from: null, imported: null, auth: false }],
  handler: 'inline (3 lines)', touchesData: true, authInHandler: false, signature: false, limitInHandler: false, websocket: false,
  calls: ['c.req.param', "db.prepare('SELECT*FROMt').all", 'c.json'], health: { claims: [], calls: 2 },
  ...over,
});

describe('stored route records', () => {
  it('keeps true flags, drops false ones, and joins the calls', () => {
    const r = storedRecord(route());
    expect(r.touchesData).toBe(true);
    for (const k of ['authInHandler', 'signature', 'limitInHandler', 'websocket']) expect(k in r).toBe(false);
    expect(r.middleware).toEqual([{ name: 'auth', from: './auth', imported: 'auth', auth: true }, { name: 'log', from: null, imported: null }]);
    expect(r.calls).toBe("c.req.param db.prepare('SELECT*FROMt').all c.json");
    expect(storedCalls(r)).toEqual(['c.req.param', "db.prepare('SELECT*FROMt').all", 'c.json']);
    // The same JSON text as it comes back from the cache.
    expect(storedCalls(JSON.parse(JSON.stringify(r)) as Record<string, unknown>)).toEqual(route().calls);
  });

  it('keeps the health summary: none, calls only, and claims', () => {
    expect(storedHealth(storedRecord(route({ health: null })))).toBeNull();
    expect(storedHealth(storedRecord(route()))).toEqual({ claims: [], calls: 2 });
    expect(storedHealth(storedRecord(route({ health: { claims: ['database'], calls: 0 } })))).toEqual({ claims: ['database'], calls: 0 });
  });

  it('reads no calls as none, and leaves records other than routes their flags', () => {
    expect(storedCalls(storedRecord(route({ calls: [] })))).toEqual([]);
    const use = storedRecord({ kind: 'use', receiver: 'app', register: false, middleware: [{ name: 'cors', from: 'hono/cors', imported: 'cors', auth: false }] });
    expect(use).toEqual({ kind: 'use', receiver: 'app', register: false, middleware: [{ name: 'cors', from: 'hono/cors', imported: 'cors' }] });
  });
});
