// The stored form of collect/routes records (what the cache keeps and a warm run parses) loses
// nothing the route rules read, and fits the collector's facts declaration.
import { describe, expect, it } from 'vitest';
import { factProblems } from '../facts/check.js';
import { callsOfRecord, healthOf, routeFactsOf, type RouteRecord } from '../facts/routes.js';
import { storedRecord } from './routes-ast.js';

const route = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'route', framework: 'hono', receiver: 'app', method: 'GET', url: '/x', line: 3, snippet: "app.get('/x', h)",
  middleware: [{ name: 'auth', from: './auth', imported: 'auth' }, { name: 'log', from: null, imported: null, body: { calls: ['console.log'] } }],
  handler: 'inline (3 lines)', websocket: false, body: { calls: ['hono#Hono#get'], denies: true },
  calls: ['c.req.param', "db.prepare('SELECT*FROMt').all", 'c.json'], health: { claims: [], calls: 2 },
  ...over,
});
const stored = (r: Record<string, unknown>) => ({ path: 'src/a.ts', ...storedRecord(r) }) as unknown as RouteRecord;

describe('stored route records', () => {
  it('drops a false websocket flag, joins the calls, and fits the schema', () => {
    const r = stored(route());
    expect('websocket' in r).toBe(false);
    expect(r.calls).toBe("c.req.param db.prepare('SELECT*FROMt').all c.json");
    expect(callsOfRecord(r)).toEqual(['c.req.param', "db.prepare('SELECT*FROMt').all", 'c.json']);
    // The same JSON text as it comes back from the cache.
    expect(callsOfRecord(JSON.parse(JSON.stringify(r)) as RouteRecord)).toEqual(route().calls);
    expect(factProblems(routeFactsOf, [r as unknown as Record<string, unknown>])).toEqual([]);
    expect(factProblems(routeFactsOf, [{ ...r, authInHandler: true } as unknown as Record<string, unknown>])[0]).toMatch(/Unrecognized key: "authInHandler"/);
  });

  it('keeps the health summary: none, calls only, and claims', () => {
    expect(healthOf(stored(route({ health: null })))).toBeNull();
    expect(healthOf(stored(route()))).toEqual({ claims: [], calls: 2 });
    expect(healthOf(stored(route({ health: { claims: ['database'], calls: 0 } })))).toEqual({ claims: ['database'], calls: 0 });
  });

  it('reads no calls as none, and leaves records other than routes as they are', () => {
    expect(callsOfRecord(stored(route({ calls: [] })))).toEqual([]);
    const use = { kind: 'use', receiver: 'app', framework: 'hono', prefix: null, line: 2, middleware: [{ name: 'cors', from: 'hono/cors', imported: 'cors' }] };
    expect(storedRecord({ ...use })).toEqual(use);
  });
});
