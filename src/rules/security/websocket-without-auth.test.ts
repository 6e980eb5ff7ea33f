import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
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

  const nestPkg = { 'package.json': '{"name":"svc","dependencies":{"@nestjs/common":"10","@nestjs/websockets":"10","@nestjs/platform-socket.io":"10","@nestjs/jwt":"10","socket.io":"4","ws":"8","jsonwebtoken":"9"}}' };
  const gateway = (decorators: string, hook: string) => [
    "import { UseGuards } from '@nestjs/common';",
    "import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';",
    "import { JwtService } from '@nestjs/jwt';",
    "import { Socket } from 'socket.io';",
    "import { WsJwtGuard } from './ws-jwt.guard';",
    "@WebSocketGateway({ namespace: 'chat' })",
    decorators,
    'export class ChatGateway {',
    '  constructor(private readonly jwt: JwtService, private readonly messages: MessagesService) {}',
    hook,
    "  @SubscribeMessage('send')",
    '  send(@MessageBody() data: { roomId: string; text: string }, @ConnectedSocket() client: Socket) {',
    '    return this.messages.create({ room: data.roomId, text: data.text, author: client.data.userId });',
    '  }',
    '}',
  ].join('\n');
  const guardFile = [
    "import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';",
    "import { verify } from 'jsonwebtoken';",
    '@Injectable()',
    'export class WsJwtGuard implements CanActivate {',
    '  canActivate(context: ExecutionContext): boolean {',
    '    const client = context.switchToWs().getClient();',
    '    client.data.user = verify(client.handshake.auth.token, process.env.JWT_SECRET!);',
    '    return true;',
    '  }',
    '}',
  ].join('\n');

  it('reports gateways and servers that take the user id from the handshake, the URL or a message, with no check', async () => {
    const findings = await runRule(rule, {
      ...nestPkg,
      'src/chat.gateway.ts': gateway('', [
        '  handleConnection(client: Socket) {',
        '    const userId = client.handshake.query.userId as string;',
        '    client.data.userId = userId;',
        '    client.join(`user:${userId}`);',
        '  }',
      ].join('\n')),
      'src/presence.gateway.ts': [
        "import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';",
        '@WebSocketGateway()',
        'export class PresenceGateway {',
        "  @SubscribeMessage('join')",
        '  join(@MessageBody() body: { userId: string }) {',
        '    return this.presence.markOnline(body.userId);',
        '  }',
        '}',
      ].join('\n'),
      'src/io.ts': [
        "import { Server } from 'socket.io';",
        'const io = new Server(3001);',
        "io.on('connection', (socket) => {",
        '  const { userId } = socket.handshake.auth;',
        '  socket.join(userId);',
        '});',
      ].join('\n'),
      'src/ws.ts': [
        "import { WebSocketServer } from 'ws';",
        'const wss = new WebSocketServer({ port: 8081 });',
        "wss.on('connection', (ws, req) => {",
        "  const userId = new URL(req.url!, 'http://localhost').searchParams.get('userId');",
        '  clients.set(userId, ws);',
        '});',
      ].join('\n'),
    });
    expect(findings.map((f) => `${at([f])[0]} ${f.messageId}`)).toEqual([
      'src/chat.gateway.ts:11 identityFromClient', 'src/io.ts:4 identityFromClient', 'src/presence.gateway.ts:6 identityFromClient', 'src/ws.ts:4 identityFromClient',
    ]);
    expect(findings.map((f) => f.severity)).toEqual(['high', 'high', 'high', 'high']);
    expect(findings[0].message).toContain('socket.handshake.query.userId');
    expect(findings[2].message).toContain('message payload.userId');
  });

  it('stays silent on gateways that verify a token: a guard on the class, a check in handleConnection, an io.use middleware of another file', async () => {
    const run = await auditFiles({
      ...nestPkg,
      'src/ws-jwt.guard.ts': guardFile,
      'src/chat.gateway.ts': gateway('@UseGuards(WsJwtGuard)', ''),
      'src/feed.gateway.ts': gateway('', [
        '  async handleConnection(client: Socket) {',
        '    try {',
        '      const payload = await this.jwt.verifyAsync(client.handshake.auth.token);',
        '      client.data.userId = payload.sub;',
        '    } catch {',
        '      client.disconnect();',
        '    }',
        '  }',
      ].join('\n')).replace('ChatGateway', 'FeedGateway'),
      'src/socket-auth.ts': [
        "import jwt from 'jsonwebtoken';",
        'export function authenticateSocket(socket, next) {',
        '  try {',
        '    socket.data.user = jwt.verify(socket.handshake.auth.token, process.env.JWT_SECRET);',
        '    next();',
        '  } catch {',
        "    next(new Error('unauthorized'));",
        '  }',
        '}',
      ].join('\n'),
      'src/io.ts': [
        "import { Server } from 'socket.io';",
        "import { authenticateSocket } from './socket-auth';",
        'const io = new Server(3001);',
        'io.use(authenticateSocket);',
        "io.on('connection', (socket) => { socket.join(socket.data.user.sub); });",
      ].join('\n'),
    }, { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === rule.id)).toMatchObject({ status: 'pass', reason: '3 WebSocket upgrade handler(s), 3 authenticated' });
  });

  it('a NestJS WebSocket adapter whose createIOServer installs a token check covers the app\'s gateways; one that checks nothing does not', async () => {
    const files = (check: string) => ({
      ...nestPkg,
      'src/chat.gateway.ts': gateway('', ''),
      'src/auth.adapter.ts': [
        "import { IoAdapter } from '@nestjs/platform-socket.io';",
        "import { verify } from 'jsonwebtoken';",
        'export class AuthAdapter extends IoAdapter {',
        '  createIOServer(port: number, options?: any) {',
        '    const server = super.createIOServer(port, options);',
        '    server.use((socket, next) => {',
        check,
        '    });',
        '    return server;',
        '  }',
        '}',
      ].join('\n'),
    });
    expect(await runRule(rule, files([
      '      try { socket.data.user = verify(socket.handshake.auth.token, process.env.JWT_SECRET!); next(); }',
      "      catch { next(new Error('unauthorized')); }",
    ].join('\n')))).toEqual([]);
    const open = await runRule(rule, files("      console.log('connect', socket.id); next();"));
    expect(at(open)).toEqual(['src/chat.gateway.ts:6']);
    expect(open[0].messageId).toBe('unauthenticatedUpgrade');
  });
});
