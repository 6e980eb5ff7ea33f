import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './websocket-cleanup.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('reliability/websocket-cleanup', () => {
  it('stays silent on handlers that clean up on close and listen for errors', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/ws.ts': [
        "import { WebSocketServer } from 'ws';",
        'const clients = new Set();',
        'const wss = new WebSocketServer({ port: 8080 });',
        "wss.on('connection', (ws) => {",
        '  clients.add(ws);',
        "  ws.on('error', (e) => log.warn(e));",
        "  ws.on('close', () => clients.delete(ws));",
        '});',
      ].join('\n'),
      'src/hono.ts': [
        "app.get('/ws', upgradeWebSocket((c) => ({",
        '  onOpen: (evt, ws) => { rooms.add(ws); },',
        '  onClose: (evt, ws) => { rooms.delete(ws); },',
        '})));',
        "app.get('/echo', upgradeWebSocket((c) => ({ onMessage: (evt, ws) => ws.send(evt.data) })));",
      ].join('\n'),
    })).toEqual([]);
  });

  it('reports a ws handler without an error listener, and sockets stored but never removed', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/ws.ts': [
        "import { WebSocketServer } from 'ws';",
        'const clients = new Set();',
        'const wss = new WebSocketServer({ port: 8080 });',
        "wss.on('connection', (ws) => {",
        '  clients.add(ws);',
        "  ws.on('message', (m) => clients.forEach((c) => c.send(m)));",
        '});',
      ].join('\n'),
      'src/hono.ts': "app.get('/ws', upgradeWebSocket((c) => ({\n  onOpen: (evt, ws) => { rooms.add(ws); },\n})));\n",
      'src/worker.ts': [
        'export default {',
        '  async fetch(req: Request) {',
        '    const [client, server] = Object.values(new WebSocketPair());',
        '    server.accept();',
        '    sessions.push(server);',
        "    server.addEventListener('message', (e) => broadcast(e.data));",
        '    return new Response(null, { status: 101, webSocket: client });',
        '  },',
        '};',
      ].join('\n'),
    });
    expect(at(findings).sort()).toEqual(['src/hono.ts:1', 'src/worker.ts:3', 'src/ws.ts:4']);
    expect(findings.find((f) => f.location?.path === 'src/ws.ts')?.messageId).toBe('notRemovedNoErrorListener');
    expect(findings.find((f) => f.location?.path === 'src/ws.ts')?.message).toMatch(/clients but never removed.*'error' listener/);
  });
});
