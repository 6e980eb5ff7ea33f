// "WebSocket cleanup on close/error", "Comprehensive connection cleanup": decided from the server's end
// handlers and what they release. Two services written here: a chat room Durable Object on the
// hibernation API that handles close but not error, and a Node `ws` server whose close and error
// handlers both take the socket out of the map it was put in (one of them leaves a timer running in
// a third variant).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';
import { socketCleanupClaim } from '../../src/verify/checks/socket-cleanup.js';

const made: string[] = [];
const reports = mkdtempSync(join(tmpdir(), 'verdict-socket-cleanup-'));
afterAll(() => { for (const r of [...made, reports]) removeRepo(r); });

const ROOM = {
  'package.json': JSON.stringify({ name: 'rooms', private: true, main: 'src/index.ts', devDependencies: { wrangler: '3' } }),
  'wrangler.toml': 'name = "rooms"\nmain = "src/index.ts"\n\n[[durable_objects.bindings]]\nname = "ROOM"\nclass_name = "Room"\n',
  'src/index.ts': [
    "import { DurableObject } from 'cloudflare:workers';",
    'export class Room extends DurableObject {',
    '  private members: Set<WebSocket> = new Set();',
    '  async fetch(req: Request) {',
    '    const pair = new WebSocketPair();',
    '    const [client, server] = Object.values(pair);',
    '    this.ctx.acceptWebSocket(server);',
    '    this.members.add(server);',
    '    return new Response(null, { status: 101, webSocket: client });',
    '  }',
    '  async webSocketMessage(ws: WebSocket, msg: string) {',
    '    for (const m of this.members) m.send(msg);',
    '  }',
    '  async webSocketClose(ws: WebSocket) {',
    '    this.members.delete(ws);',
    '  }',
    '}',
    'export default { fetch: (req: Request, env: any) => env.ROOM.get(env.ROOM.idFromName("x")).fetch(req) };',
    '',
  ].join('\n'),
};

const wsServer = (errorHandler: string) => ({
  'package.json': JSON.stringify({ name: 'feed', private: true, main: 'src/server.js', dependencies: { ws: '8' } }),
  'src/server.js': [
    "import { WebSocketServer } from 'ws';",
    'const clients = new Map();',
    'const wss = new WebSocketServer({ port: 8080 });',
    "wss.on('connection', (ws, req) => {",
    '  const id = req.headers["x-id"];',
    '  clients.set(id, ws);',
    "  ws.on('close', () => { clients.delete(id); });",
    `  ws.on('error', () => { ${errorHandler} });`,
    '});',
    '',
  ].join('\n'),
});

async function verdicts(files: Record<string, string>, lines: string[]) {
  const root = writeRepo(files);
  made.push(root);
  const file = join(reports, `r${made.length}.md`);
  writeFileSync(file, lines.join('\n'));
  const res = await verifyReport({ report: file, repo: root, exec: false, cache: false });
  return (line: number) => res.claims.find((c) => c.line === line)!;
}

describe('connection cleanup claims', () => {
  it('reads the ends a claim names and whether it is broader than sockets', () => {
    expect(socketCleanupClaim('WebSocket cleanup on close/error')).toMatchObject({ events: 'close,error', sockets: true });
    expect(socketCleanupClaim('Comprehensive connection cleanup')).toMatchObject({ events: 'all', sockets: false });
    expect(socketCleanupClaim('✅ Zero Memory Leaks - Comprehensive resource cleanup')).toMatchObject({ events: 'all', denies: false });
    expect(socketCleanupClaim('WebSocket close handling - FIXED')).toBeNull();
    expect(socketCleanupClaim('Database connection pooling')).toBeNull();
  });

  it('a hibernating Durable Object with no webSocketError handler does not clean up on error', async () => {
    const at = await verdicts(ROOM, [
      '| Area | Item | Status |', '|---|---|---|',
      '| Resources | WebSocket cleanup on close/error | ✅ |',
      '| Resources | Comprehensive connection cleanup | ✅ |',
      '| Resources | WebSocket cleanup on close | ✅ |',
    ]);
    expect(at(3).verdict).toBe('contradicted');
    expect(at(3).reason).toContain('webSocketError');
    expect(at(3).evidence).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'src/index.ts', line: 7 })]));
    expect(at(4).verdict).toBe('contradicted');
    expect(at(5).verdict).toBe('confirmed');
    expect(at(5).evidence).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'src/index.ts', line: 14 }), expect.objectContaining({ path: 'src/index.ts', line: 15 })]));
  });

  it('a ws server is clean when both ends remove the socket, and not when the error handler leaves it in the map', async () => {
    const clean = await verdicts(wsServer('clients.delete(id);'), ['- WebSocket cleanup on close/error', '- Comprehensive connection cleanup']);
    expect(clean(1).verdict).toBe('confirmed');
    // Sockets released do not show that every other resource is.
    expect(clean(2).verdict).toBe('unverifiable');
    const leaky = await verdicts(wsServer('console.error("socket error");'), ['- WebSocket cleanup on close/error']);
    expect(leaky(1).verdict).toBe('contradicted');
    expect(leaky(1).reason).toContain('releases nothing');
  });
});
