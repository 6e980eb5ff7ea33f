import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const watchers = new Set<WebSocket>();

export function attachLive(server: Server): void {
  const wss = new WebSocketServer({ server, path: '/live' });
  wss.on('connection', (ws) => {
    watchers.add(ws);
    ws.send(JSON.stringify({ type: 'hello' }));
  });
}

export function broadcast(event: unknown) {
  for (const ws of watchers) ws.send(JSON.stringify(event));
}
