import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './websocket-without-auth.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"hono":"4","ws":"8"}}' };

describe('security/websocket-without-auth', () => {
  it('stays silent when the upgrade is authenticated', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/hono.ts': [
        "import { Hono } from 'hono';",
        "import { upgradeWebSocket } from 'hono/cloudflare-workers';",
        "import { bearerAuth } from 'hono/bearer-auth';",
        'const app = new Hono();',
        "app.get('/ws', bearerAuth({ token: 't' }), upgradeWebSocket(() => ({ onMessage() {} })));",
      ].join('\n'),
      'src/worker.ts': [
        'export default {',
        '  async fetch(request: Request, env: Env) {',
        '    const url = new URL(request.url);',
        "    const token = url.searchParams.get('token');",
        "    if (!(await verifyToken(token))) return new Response('Unauthorized', { status: 401 });",
        "    if (request.headers.get('Upgrade') === 'websocket') { const pair = new WebSocketPair(); return new Response(null, { status: 101, webSocket: pair[0] }); }",
        "    return new Response('ok');",
        '  },',
        '};',
      ].join('\n'),
      'src/room.ts': [
        'export class Room {',
        '  async fetch(request: Request) {',
        '    const url = new URL(request.url);',
        "    if (request.headers.get('Upgrade') !== 'websocket') return new Response('expected websocket', { status: 426 });",
        '    return new Response(null, { status: 101 });',
        '  }',
        '}',
      ].join('\n'),
      'src/ws.ts': [
        "import { WebSocketServer } from 'ws';",
        'const wss = new WebSocketServer({ server, verifyClient: (info, cb) => cb(checkToken(info.req)) });',
      ].join('\n'),
      'src/io.ts': [
        "import { Server } from 'socket.io';",
        'const io = new Server(httpServer);',
        'io.use(async (socket, next) => {',
        '  const token = socket.handshake.auth.token;',
        "  if (!(await verifyToken(token))) return next(new Error('unauthorized'));",
        '  next();',
        '});',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('reports upgrades accepted without a check', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/hono.ts': [
        "import { Hono } from 'hono';",
        "import { upgradeWebSocket } from 'hono/cloudflare-workers';",
        'const app = new Hono();',
        "app.get('/ws', upgradeWebSocket(() => ({ onMessage() {} })));",
      ].join('\n'),
      'src/worker.ts': [
        'export default {',
        '  async fetch(request: Request, env: Env) {',
        '    const url = new URL(request.url);',
        "    if (url.pathname === '/live' && request.headers.get('Upgrade') === 'websocket') { const pair = new WebSocketPair(); return new Response(null, { status: 101, webSocket: pair[0] }); }",
        "    return new Response('ok');",
        '  },',
        '};',
      ].join('\n'),
      'src/io.ts': "import { Server } from 'socket.io';\nconst io = new Server(httpServer, { cors: { origin: '*' } });\nio.on('connection', (socket) => socket.emit('hi'));\n",
      'src/ws.ts': [
        "import { WebSocketServer } from 'ws';",
        "const wss = new WebSocketServer({ port: 8080, path: '/feed' });",
        "wss.on('connection', (ws) => { ws.send('hi'); });",
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/hono.ts:4', 'src/io.ts:2', 'src/worker.ts:4', 'src/ws.ts:2']);
    expect(findings.map((f) => f.severity)).toEqual(['high', 'high', 'high', 'high']);
    expect(new Set(findings.map((f) => f.messageId))).toEqual(new Set(['unauthenticatedUpgrade']));
  });
});
