// A socket.io client's event payload is request input: `socket.on('rename', (name) => ...)` on the socket
// a server's `connection` listener is given (knowledge SOCKET_EVENTS), whatever the event is called.
import { describe, expect, it } from 'vitest';
import { runSourceCase } from '../tester.js';
import rule from './sql-injection.js';

const server = (listener: string) => [
  "import { Server } from 'socket.io';",
  "import { pool } from './db';",
  'const io = new Server(3000);',
  "io.of('/chat').on('connection', (socket) => {",
  listener,
  '});',
].join('\n');

describe('database/sql-injection: socket event payloads', () => {
  it('a payload field interpolated into SQL text: critical, the event named as the source', async () => {
    const { findings } = await runSourceCase(rule, { path: 'src/socket.ts', code: server("  socket.on('rename', async (data, ack) => {\n    await pool.query(`UPDATE rooms SET name = '${data.name}' WHERE id = ${data.id}`);\n    ack();\n  });") });
    expect(findings.map((f) => [f.line, f.severity ?? 'critical'])).toEqual([[6, 'critical']]);
    expect(findings[0].message).toContain("socket event 'rename'");
  });

  it('the payload bound as a parameter: no finding', async () => {
    const { findings } = await runSourceCase(rule, { path: 'src/socket.ts', code: server("  socket.on('rename', async (data) => {\n    await pool.query('UPDATE rooms SET name = $1 WHERE id = $2', [data.name, data.id]);\n  });") });
    expect(findings).toEqual([]);
  });

  it("a reserved event ('disconnect') carries the library's reason, not the client's data: not request input", async () => {
    const { findings } = await runSourceCase(rule, { path: 'src/socket.ts', code: server("  socket.on('disconnect', async (reason) => {\n    await pool.query(`INSERT INTO log (reason) VALUES ('${reason}')`);\n  });") });
    expect(findings.map((f) => f.severity)).not.toContain('critical');
  });
});
