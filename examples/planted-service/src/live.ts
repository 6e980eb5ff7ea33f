import { WebSocketServer, type WebSocket } from 'ws';

const watchers = new Set<WebSocket>();
export const wss = new WebSocketServer({ noServer: true });

wss.on('connection', (ws) => {
  watchers.add(ws);
  ws.send(JSON.stringify({ type: 'hello' }));
});

export function broadcast(event: unknown) {
  for (const ws of watchers) ws.send(JSON.stringify(event));
}
