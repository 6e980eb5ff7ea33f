// A socket.io client's event payload reaching a file path is request input (knowledge SOCKET_EVENTS).
import { describe, expect, it } from 'vitest';
import { runSourceCase } from '../tester.js';
import rule from './path-traversal.js';

const server = (body: string) => [
  "import { Server } from 'socket.io';",
  "import fs from 'node:fs';",
  "import path from 'node:path';",
  'const io = new Server(3000);',
  "io.on('connection', (socket) => {",
  "  socket.on('load', (name, ack) => {",
  body,
  '  });',
  '});',
].join('\n');

describe('security/path-traversal: socket event payloads', () => {
  it('the payload joined into a path read from disk: found', async () => {
    const { findings } = await runSourceCase(rule, { path: 'src/socket.ts', code: server("    ack(fs.readFileSync(path.join('saves', name), 'utf8'));") });
    expect(findings.map((f) => f.line)).toEqual([7]);
  });
  it('the payload reduced to its base name: not found', async () => {
    const { findings } = await runSourceCase(rule, { path: 'src/socket.ts', code: server("    ack(fs.readFileSync(path.join('saves', path.basename(name)), 'utf8'));") });
    expect(findings).toEqual([]);
  });
});
