import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './path-traversal.js';

const EXPRESS = "import express from 'express';\nimport fs from 'fs';\nimport path from 'path';\nconst app = express();\n";
const FORMIDABLE = "import formidable from 'formidable';\nimport fs from 'node:fs';\n";

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'basename keeps the last component only', code: `${EXPRESS}app.post('/u', (req, res) => fs.writeFileSync(path.join('uploads', path.basename(req.body.file)), 'x'));` },
    { name: 'a server-generated name (uuid), the upload name unused', code: `${EXPRESS}import { v4 as uuid } from 'uuid';\napp.post('/u', (req, res) => { const name = uuid() + '.png'; fs.writeFile(path.join('uploads', name), req.file.buffer, () => {}); });` },
    { name: 'crypto.randomUUID with a Date.now prefix', code: `${EXPRESS}import crypto from 'crypto';\napp.post('/u', (req, res) => fs.writeFileSync(\`uploads/\${Date.now()}-\${crypto.randomUUID()}\`, req.file.buffer));` },
    {
      name: 'a resolved path refused unless it starts with the base directory',
      code: `${EXPRESS}const BASE = path.resolve('files');\napp.get('/f/:name', (req, res) => {\n  const p = path.resolve(BASE, req.params.name);\n  if (!p.startsWith(BASE + path.sep)) return res.status(403).end();\n  res.send(fs.readFileSync(p));\n});`,
    },
    {
      name: 'the use inside an if that requires the prefix',
      code: `${EXPRESS}const BASE = '/srv/files';\napp.get('/f', async (req, res) => {\n  const p = path.join(BASE, String(req.query.f));\n  if (p.startsWith(BASE)) { fs.unlinkSync(p); }\n  res.end();\n});`,
    },
    { name: 'sendFile with a root option', code: `${EXPRESS}app.get('/f/:name', (req, res) => res.sendFile(req.params.name, { root: path.join(__dirname, 'public') }));` },
    { name: 'sendFile with a const options object holding root', code: `${EXPRESS}const opts = { root: 'public', dotfiles: 'deny' };\napp.get('/f/:name', (req, res) => res.sendFile(req.params.name, opts));` },
    { name: "a CLI's own argument names the folder it works on (the operator already has the files)", code: "import fs from 'fs';\nimport path from 'path';\nconst dir = process.argv[2];\nfs.mkdirSync(path.join(dir, 'src'));\nfs.writeFileSync(path.join(dir, 'package.json'), '{}');" },
    { name: "a Nest handler's own @Res of another library is no Express response", code: "import { Controller, Get, Param } from '@nestjs/common';\nimport { Res } from './my-decorators';\n@Controller('f')\nexport class F {\n  @Get(':name') get(@Param('name') name: string, @Res() out: any) { return out.sendFile(name); }\n}\n" },
    { name: 'constant paths', code: `${EXPRESS}app.get('/l', (req, res) => res.sendFile(path.join(__dirname, 'public', 'index.html')));\nfs.readFileSync('config.json');` },
    {
      name: "a path from the server's own database row, the row chosen by the request",
      code: `${EXPRESS}app.get('/doc/:id', async (req, res) => {\n  const doc = await Doc.findById(req.params.id);\n  res.sendFile(path.join(__dirname, 'files', doc.storedName));\n});`,
    },
    { name: 'a number parsed from the query', code: `${EXPRESS}app.get('/p', (req, res) => res.send(fs.readFileSync(\`pages/\${parseInt(req.query.n, 10)}.html\`)));` },
    { name: 'an allow-list schema', code: `${EXPRESS}import { z } from 'zod';\napp.get('/t', (req, res) => res.send(fs.readFileSync(path.join('themes', z.enum(['light', 'dark']).parse(req.query.t)))));` },
    { name: 'a replace whose class removes both separators', code: `${EXPRESS}app.post('/u', (req, res) => fs.writeFileSync('uploads/' + req.body.name.replace(/[^a-zA-Z0-9._-]/g, '_'), 'x'));` },
    { name: 'multer: the server-chosen path and filename are not the client name', code: `${EXPRESS}app.post('/u', (req, res) => { fs.unlinkSync(req.file.path); fs.renameSync(req.file.path, 'done/' + req.file.filename); });` },
    { name: 'Fastify reply.sendFile serves under its root', code: "import Fastify from 'fastify';\nimport fs from 'fs';\nconst app = Fastify();\napp.get('/f/:n', (request, reply) => reply.sendFile(request.params.n));" },
    { name: 'a download method of another object', code: `${EXPRESS}export async function pull(client, key) { return client.download(key); }` },
    { name: 'a test file', path: 'test/a.test.ts', code: `${EXPRESS}app.post('/u', (req, res) => fs.unlinkSync('uploads/' + req.body.file));` },
  ],
  invalid: [
    {
      name: "a Nest controller's @Res (imported under another name) sends a file the route param names",
      code: "import { Controller, Get, Param, Res as Reply } from '@nestjs/common';\nimport path from 'path';\n@Controller('f')\nexport class F {\n  @Get(':name') get(@Param('name') name: string, @Reply() out: any) { return out.sendFile(path.join('/srv', name)); }\n}\n",
      errors: [{ messageId: 'serves', line: 5 }],
    },
    {
      name: 'multer originalname written into the upload directory: medium (the parser keeps the base name)',
      code: `${EXPRESS}const UPLOAD_DIR = 'uploads';\napp.post('/u', (req, res) => {\n  fs.writeFile(path.join(UPLOAD_DIR, req.file.originalname), req.file.buffer, () => res.end());\n});`,
      errors: [{ messageId: 'clientName', line: 7, severity: 'medium' }],
    },
    {
      name: 'sendFile of a route param joined under __dirname',
      code: `${EXPRESS}app.get('/files/:name', (req, res) => {\n  res.sendFile(path.join(__dirname, 'files', req.params.name));\n});`,
      errors: [{ messageId: 'serves', line: 6, severity: 'high' }],
    },
    {
      name: 'unlink of a body field concatenated to a directory',
      code: `${EXPRESS}app.delete('/f', (req, res) => {\n  fs.unlink('uploads/' + req.body.file, () => res.end());\n});`,
      errors: [{ messageId: 'writes', line: 6, severity: 'high', data: { verb: 'deletes' } }],
    },
    {
      name: 'an exported controller typed with Express\'s Request and Response (registered in another file)',
      path: 'src/controllers/download.ts',
      code: "import path from 'path';\nimport { Request, Response } from 'express';\nexport const downloadFile = (req: Request, res: Response) => {\n  const filePath = path.join(__dirname, '../uploads', req.params.filename);\n  res.download(filePath);\n};",
      errors: [{ messageId: 'serves', line: 5, severity: 'high' }],
    },
    {
      name: 'fs/promises named import, readFile sent back through a variable',
      code: "import { readFile } from 'fs/promises';\nimport path from 'node:path';\napp.get('/r', async (req, res) => {\n  const name = req.query.name;\n  const text = await readFile(path.resolve('docs', name), 'utf8');\n  res.send(text);\n});",
      errors: [{ messageId: 'serves', line: 5, severity: 'high' }],
    },
    {
      name: 'a read not sent back: medium',
      code: "const fs = require('fs');\napp.post('/c', (req, res) => {\n  const cfg = JSON.parse(fs.readFileSync('cfg/' + req.body.profile, 'utf8'));\n  apply(cfg);\n  res.end();\n});",
      errors: [{ messageId: 'reads', line: 3, severity: 'medium' }],
    },
    {
      name: 'destructured require of fs-extra, remove',
      code: "const { remove } = require('fs-extra');\napp.delete('/d/:dir', async (req, res) => { await remove(`data/${req.params.dir}`); res.end(); });",
      errors: [{ messageId: 'writes', line: 2, severity: 'high' }],
    },
    {
      name: 'fs.promises member, header value',
      code: "import * as fs from 'node:fs';\napp.put('/w', async (req, res) => { await fs.promises.writeFile('out/' + req.headers['x-name'], req.body); res.end(); });",
      errors: [{ messageId: 'writes', line: 2 }],
    },
    {
      name: 'formidable originalFilename (only a backslash prefix stripped): high',
      code: `${FORMIDABLE}app.post('/u', (req, res) => {\n  formidable().parse(req, (err, fields, files) => {\n    fs.renameSync(files.doc.filepath, 'uploads/' + files.doc.originalFilename);\n  });\n});`,
      errors: [{ messageId: 'writes', line: 5, severity: 'high' }],
    },
    {
      name: 'busboy info.filename through a write stream',
      code: "import busboy from 'busboy';\nimport fs from 'fs';\nexport function up(req) {\n  const bb = busboy({ headers: req.headers });\n  bb.on('file', (name, stream, info) => stream.pipe(fs.createWriteStream('up/' + info.filename)));\n}",
      errors: [{ messageId: 'clientName', line: 5, severity: 'medium' }],
    },
    {
      name: 'Hono parseBody File name',
      code: "import { Hono } from 'hono';\nimport { writeFile } from 'node:fs/promises';\nconst app = new Hono();\napp.post('/u', async (c) => {\n  const body = await c.req.parseBody();\n  const file = body['file'] as File;\n  await writeFile(`uploads/${file.name}`, Buffer.from(await file.arrayBuffer()));\n  return c.text('ok');\n});",
      errors: [{ messageId: 'writes', line: 7, severity: 'high' }],
    },
    {
      name: 'a separator-keeping replace is no sanitizer',
      code: `${EXPRESS}app.post('/u', (req, res) => fs.writeFileSync('uploads/' + req.body.name.replace(/\\s+/g, '_'), 'x'));`,
      errors: [{ messageId: 'writes', line: 5 }],
    },
    {
      name: 'a startsWith check on the unresolved input does not guard',
      code: `${EXPRESS}app.get('/f', (req, res) => {\n  const p = 'files/' + req.query.f;\n  if (!p.startsWith('files/')) return res.end();\n  res.sendFile(p);\n});`,
      errors: [{ messageId: 'serves', line: 8 }],
    },
    {
      name: 'queue job data: medium',
      code: "import { Worker } from 'bullmq';\nimport fs from 'fs';\nnew Worker('clean', async (job) => { fs.rmSync('tmp/' + job.data.dir, { recursive: true }); });",
      errors: [{ messageId: 'fromJob', line: 3, severity: 'medium' }],
    },
    {
      name: 'a WebSocket message',
      code: "import fs from 'fs';\nwss.on('connection', (ws) => ws.on('message', (data) => fs.appendFileSync('logs/' + String(data), 'x')));",
      errors: [{ messageId: 'writes', line: 2, severity: 'high' }],
    },
    {
      name: 'a helper in another file called with a route param (the callers decide)',
      path: 'src/storage.ts',
      code: "import fs from 'fs';\nimport path from 'path';\nexport function saveFile(name: string, data: Buffer) {\n  fs.writeFileSync(path.join('uploads', name), data);\n}",
      files: { 'src/routes.ts': "import { saveFile } from './storage';\napp.post('/s/:x', (req, res) => { saveFile(req.params.x, req.body); res.end(); });\n" },
      errors: [{ messageId: 'writes', line: 4, severity: 'high' }],
    },
  ],
});

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'the helper is called only with a basename of the input',
      path: 'src/storage.ts',
      code: "import fs from 'fs';\nimport path from 'path';\nexport function saveFile(name: string, data: Buffer) {\n  fs.writeFileSync(path.join('uploads', name), data);\n}",
      files: { 'src/routes.ts': "import path from 'path';\nimport { saveFile } from './storage';\napp.post('/s/:x', (req, res) => { saveFile(path.basename(req.params.x), req.body); res.end(); });\n" },
    },
    {
      name: 'the helper is called only with constants',
      path: 'src/storage.ts',
      code: "import fs from 'fs';\nexport function load(name: string) {\n  return fs.readFileSync('tpl/' + name, 'utf8');\n}",
      files: { 'src/mail.ts': "import { load } from './storage';\nexport const welcome = () => load('welcome.html');\napp.get('/x', (req, res) => res.json(req.query));\n" },
    },
  ],
  invalid: [
    {
      name: 'CommonJS: a destructured require of the helper, called with a query field',
      path: 'lib/files.js',
      code: "const fs = require('fs');\nexports.readDoc = (dir, name) => fs.readFileSync(dir + '/' + name, 'utf8');",
      files: { 'app.js': "const { readDoc } = require('./lib/files');\napp.get('/d', (req, res) => { const doc = readDoc('docs', req.query.name); res.end(doc); });\n" },
      errors: [{ messageId: 'reads', line: 2 }],
    },
    {
      name: 'a path joined from two parameters: the second one\'s callers pass request input',
      path: 'src/store.ts',
      code: "import { unlink } from 'fs/promises';\nimport path from 'path';\nexport async function drop(dir: string, name: string) {\n  await unlink(path.join(dir, name));\n}",
      files: { 'src/routes.ts': "import { drop } from './store';\napp.delete('/f/:n', async (req, res) => { await drop('uploads', req.params.n); res.end(); });\n" },
      errors: [{ messageId: 'writes', line: 4, severity: 'high' }],
    },
    {
      name: 'a caller file that reads no source is not recorded (triggers): the finding stays low, saying the callers were not resolved',
      path: 'src/storage.ts',
      code: "import fs from 'fs';\nexport function load(name: string) {\n  return fs.readFileSync('tpl/' + name, 'utf8');\n}",
      files: { 'src/mail.ts': "import { load } from './storage';\nexport const welcome = () => load('welcome.html');\n" },
      errors: [{ messageId: 'unresolved', line: 3, severity: 'low' }],
    },
  ],
});
