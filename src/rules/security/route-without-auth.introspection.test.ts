// A handler that sends the caller's own credential to another service and waits for the answer (token
// introspection) checks the caller: it stops on a refusal when its client rejects on an error status
// (knowledge REJECTING_HTTP_CLIENTS: axios, got, ...) or when it tests the answer before going on. A
// fetch whose answer nothing tests, or a header holding the server's own key, checks nothing.
import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './route-without-auth.js';

const expressPkg = { packages: [{ name: 'svc', dependencies: { express: '4', axios: '1' }, frameworks: ['express'] }] };
const fastifyPkg = { packages: [{ name: 'svc', dependencies: { fastify: '4', 'fastify-axios': '1' }, frameworks: ['fastify'] }] };

const expressApp = (handler: string): Record<string, string> => ({
  'src/app.ts': [
    "import express from 'express';",
    "import axios from 'axios';",
    'const app = express();',
    "app.post('/records', async (req, res) => {",
    handler,
    '  await db.insert(records).values(req.body);',
    '  res.json({ ok: true });',
    '});',
    'app.listen(3000);',
  ].join('\n'),
});
const expressPost = { messageId: 'unguarded', path: 'src/app.ts', line: 4, severity: 'high' as const, data: { method: 'POST', path: '/records' } };

const fastifyApp = (headerValue: string): Record<string, string> => ({
  'src/app.ts': [
    "import Fastify from 'fastify';",
    'const app = Fastify();',
    "app.register(require('fastify-axios'));",
    "app.register(require('./routes/records'));",
    'app.listen({ port: 3000 });',
  ].join('\n'),
  'src/routes/records.ts': [
    "import { FastifyInstance } from 'fastify';",
    'export default async (fastify: FastifyInstance) => {',
    '  fastify.route({',
    "    method: 'POST',",
    "    url: '/records',",
    '    handler: async (request: any, reply: any) => {',
    '      const token = request.headers.authorization;',
    `      const answer = await fastify.axios.post(process.env.INTROSPECT_URL, {}, { headers: { Authorization: ${headerValue} } });`,
    '      await db.insert(records).values({ owner: answer.data.sub, ...request.body });',
    '      return reply.send({ ok: true });',
    '    },',
    '  });',
    '};',
  ].join('\n'),
});

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'Express: axios rejects when the introspection endpoint refuses the forwarded token', files: expressApp("  await axios.post(process.env.INTROSPECT_URL, {}, { headers: { Authorization: req.headers.authorization } });"), layout: expressPkg },
    { name: 'Express: the token is taken from the request into a variable first', files: expressApp("  const token = req.headers.authorization?.split(' ')[1];\n  await axios.get(process.env.ME_URL, { headers: { Authorization: `Bearer ${token}` } });"), layout: expressPkg },
    { name: "Express: fetch's answer is tested and a refusal ends the request", files: expressApp("  const r = await fetch(process.env.ME_URL, { headers: { authorization: req.headers.authorization } });\n  if (!r.ok) return res.status(401).json({ error: 'login' });"), layout: expressPkg },
    { name: 'Fastify: a decorated client of unknown behaviour asked with the caller token (low confidence)', files: fastifyApp("'Bearer ' + token"), layout: fastifyPkg },
  ],
  invalid: [
    { name: "Express: fetch's answer is never tested: a refusal does not stop the write", files: expressApp("  await fetch(process.env.ME_URL, { headers: { authorization: req.headers.authorization } });"), layout: expressPkg, findings: [expressPost] },
    { name: "Express: the header holds the server's own key, not the caller's", files: expressApp("  await axios.post(process.env.AUDIT_URL, {}, { headers: { Authorization: `Bearer ${process.env.AUDIT_KEY}` } });"), layout: expressPkg, findings: [expressPost] },
    { name: 'Express: the call that carries the token is not awaited', files: expressApp("  axios.post(process.env.AUDIT_URL, {}, { headers: { Authorization: req.headers.authorization } }).catch(() => {});"), layout: expressPkg, findings: [expressPost] },
    { name: "Fastify: the decorated client is sent the server's key", files: fastifyApp('process.env.SERVICE_KEY'), layout: fastifyPkg, findings: [{ messageId: 'unguarded', path: 'src/routes/records.ts', line: 3, severity: 'high', data: { method: 'POST', path: '/records' } }] },
  ],
});
