import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './upload-without-limits.js';

const pkg = (deps: string) => ({ 'package.json': `{"name":"svc","dependencies":{${deps}}}` });
const expressDeps = '"express":"4","multer":"1","busboy":"1","formidable":"3","passport":"0.7"';

describe('security/upload-without-limits', () => {
  it('reports Express parsers with no limit: high on an open route, medium behind auth, and disk storage with no fileFilter', async () => {
    const findings = await runRule(rule, {
      ...pkg(expressDeps),
      'src/upload.ts': [
        "import multer from 'multer';",
        'export const upload = multer({ storage: multer.memoryStorage() });',
      ].join('\n'),
      'src/app.ts': [
        "import express from 'express';",
        "import multer from 'multer';",
        "import busboy from 'busboy';",
        "import formidable from 'formidable';",
        "import passport from 'passport';",
        "import { upload } from './upload';",
        'const app = express();',
        "const avatars = multer({ dest: 'public/avatars' });",
        "app.post('/avatar', avatars.single('avatar'), (req, res) => res.json({ ok: true }));",
        "app.post('/docs', passport.authenticate('jwt', { session: false }), upload.array('files'), (req, res) => res.json(req.files));",
        "app.post('/import', (req, res) => { const bb = busboy({ headers: req.headers }); req.pipe(bb); });",
        'function parseForm(req, res) { const form = formidable({ keepExtensions: true }); form.parse(req, () => res.end()); }',
        "app.post('/form', parseForm);",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(findings.map((f) => `${at([f])[0]} ${f.messageId} ${f.severity}`)).toEqual([
      'src/app.ts:8 unlimited high', 'src/app.ts:11 unlimited high', 'src/app.ts:12 unlimited high', 'src/app.ts:8 noFileFilter medium', 'src/upload.ts:2 unlimited medium',
    ]);
    expect(findings[2].message).toContain('POST /form');
    expect(findings[4].message).toContain('behind');
  });

  it('a route whose mount chain could not be followed is not called open: medium, and it says its guards are unknown', async () => {
    const findings = await runRule(rule, {
      ...pkg(expressDeps),
      'src/routes/media.js': [
        "const { Router } = require('express');",
        "const multer = require('multer');",
        'const router = Router();',
        "router.post('/media', multer({ storage: multer.memoryStorage() }).single('file'), (req, res) => res.json({ ok: true }));",
        'module.exports = router;',
      ].join('\n'),
      'src/app.js': [
        "const express = require('express');",
        "const passport = require('passport');",
        'const app = express();',
        "for (const name of ['media']) app.use('/api', passport.authenticate('jwt', { session: false }), require(`./routes/${name}`));",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(findings.map((f) => `${at([f])[0]} ${f.messageId} ${f.severity}`)).toEqual(['src/routes/media.js:4 unlimited medium']);
    expect(findings[0].message).toContain('guards unknown');
  });

  it('a parser made inside a middleware another file exports and mounts is judged on that file\'s routes', async () => {
    const files = (limits: string) => ({
      ...pkg(expressDeps),
      'controllers/media.js': [
        "const multer = require('multer');",
        'exports.receive = (req, res, next) => {',
        `  const parser = multer({ storage: multer.memoryStorage()${limits} });`,
        "  parser.single('clip')(req, res, next);",
        '};',
        'exports.done = (req, res) => res.json({ size: req.file.size });',
      ].join('\n'),
      'app.js': [
        "const express = require('express');",
        "const media = require('./controllers/media');",
        'const app = express();',
        "app.post('/media', media.receive, media.done);",
        'app.listen(3000);',
      ].join('\n'),
    });
    const open = await runRule(rule, files(''));
    expect(open.map((f) => `${at([f])[0]} ${f.severity}`)).toEqual(['controllers/media.js:3 high']);
    expect(open[0].message).toContain('POST /media');
    expect(await runRule(rule, files(', limits: { fileSize: 8 * 1024 * 1024 }'))).toEqual([]);
  });

  it('a parser that runs before the guard in its chain reads any caller\'s upload: high; after the guard, medium', async () => {
    const files = (chain: string) => ({
      ...pkg(expressDeps),
      'src/upload.js': "import multer from 'multer';\nexport const upload = multer({ storage: multer.memoryStorage() });\n",
      'src/staff.js': "import jwt from 'jsonwebtoken';\nconst requireStaff = (req, res, next) => {\n  try { req.staff = jwt.verify(req.cookies.t, process.env.JWT_SECRET); next(); }\n  catch { return res.status(401).end(); }\n};\nexport default requireStaff;\n",
      'src/app.js': [
        "import express from 'express';",
        "import { upload } from './upload.js';",
        "import requireStaff from './staff.js';",
        'const app = express();',
        `app.put('/products/:id', ${chain}, (req, res) => res.json({ n: req.files.length }));`,
        'app.listen(3000);',
      ].join('\n'),
    });
    const before = await runRule(rule, files("upload.array('images'), requireStaff"));
    expect(before.map((f) => `${at([f])[0]} ${f.severity}`)).toEqual(['src/upload.js:2 high']);
    expect(before[0].evidence).toContainEqual({ kind: 'note', text: expect.stringContaining('the parser runs before requireStaff in its chain') });
    const after = await runRule(rule, files("requireStaff, upload.array('images')"));
    expect(after.map((f) => `${at([f])[0]} ${f.severity}`)).toEqual(['src/upload.js:2 medium']);
  });

  it('a bounded parser that writes to disk before the guard in the resolved chain: medium; after it, or in memory, nothing', async () => {
    const files = (chain: string, storage: string, mount = '') => ({
      ...pkg(expressDeps),
      'src/guard.js': "export function requireAuth(req, res, next) {\n  if (!req.headers.authorization) return res.status(401).end();\n  next();\n}\n",
      'src/app.js': [
        "import express from 'express';",
        "import multer from 'multer';",
        "import formidable from 'formidable';",
        "import { requireAuth } from './guard.js';",
        `const upload = multer({ ${storage}, limits: { fileSize: 1000000 } });`,
        'const app = express();',
        mount,
        `app.post('/avatar', ${chain}, (req, res) => res.json({ ok: true }));`,
        'app.listen(3000);',
      ].join('\n'),
    });
    const early = await runRule(rule, files("upload.single('f'), requireAuth", "dest: 'uploads/'"));
    expect(early.map((f) => [f.messageId, f.severity, f.location?.line])).toEqual([['parsedBeforeAuth', 'medium', 5], ['noFileFilter', 'medium', 5]]);
    expect(early[0].message).toContain('before requireAuth');
    expect(early[0].message).toContain('POST /avatar (src/app.js:8)');
    const late = await runRule(rule, files("requireAuth, upload.single('f')", "dest: 'uploads/'"));
    expect(late.map((f) => f.messageId)).toEqual(['noFileFilter']);
    // The guard mounted on the app before the route runs first, wherever the parser sits in the route's own chain.
    const appLevel = await runRule(rule, files("upload.single('f')", "dest: 'uploads/'", 'app.use(requireAuth);'));
    expect(appLevel.map((f) => f.messageId)).toEqual(['noFileFilter']);
    const memory = await runRule(rule, files("upload.single('f'), requireAuth", 'storage: multer.memoryStorage()'));
    expect(memory).toEqual([]);
  });

  it('stays silent when each parser is bounded: its own limits, or a library default that bounds files', async () => {
    const run = await auditFiles({
      ...pkg(`${expressDeps},"fastify":"4","@fastify/multipart":"8"`),
      'src/app.ts': [
        "import express from 'express';",
        "import multer from 'multer';",
        "import busboy from 'busboy';",
        "import formidable from 'formidable';",
        'const app = express();',
        'const LIMITS = { fileSize: 5 * 1024 * 1024, files: 1 };',
        "const avatars = multer({ dest: 'public/avatars', limits: LIMITS, fileFilter(req, file, cb) { cb(null, file.mimetype === 'image/png'); } });",
        "app.post('/avatar', avatars.single('avatar'), (req, res) => res.json({ ok: true }));",
        "app.post('/import', (req, res) => { const bb = busboy({ headers: req.headers, limits: { fileSize: 1e6 } }); req.pipe(bb); });",
        "app.post('/form', (req, res) => { formidable({ maxFileSize: 2e6 }).parse(req, () => res.end()); });",
        'app.listen(3000);',
      ].join('\n'),
      'src/fastify.ts': [
        "import Fastify from 'fastify';",
        "import multipart from '@fastify/multipart';",
        'const server = Fastify();',
        'server.register(multipart);',
        "server.post('/upload', async (req) => { const file = await req.file(); return { name: file?.filename }; });",
      ].join('\n'),
    }, { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === rule.id)).toMatchObject({ status: 'pass', reason: expect.stringContaining('4 upload parser(s)') });
  });

  it('NestJS interceptors: no limits on an unguarded route is high; limits of their own or from MulterModule.register bound them', async () => {
    const deps = '"@nestjs/common":"10","@nestjs/core":"10","@nestjs/platform-express":"10"';
    const controller = (opts: string) => [
      "import { Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';",
      "import { FileInterceptor } from '@nestjs/platform-express';",
      "@Controller('files')",
      'export class FilesController {',
      "  @Post('avatar')",
      `  @UseInterceptors(FileInterceptor('file'${opts}))`,
      '  upload(@UploadedFile() file: Express.Multer.File) { return { size: file.size }; }',
      '}',
    ].join('\n');
    const open = await runRule(rule, { ...pkg(deps), 'src/files.controller.ts': controller('') });
    expect(at(open)).toEqual(['src/files.controller.ts:6']);
    expect(open[0]).toMatchObject({ messageId: 'unlimited', severity: 'high' });
    expect(open[0].message).toContain('POST /files/avatar');

    expect(await runRule(rule, { ...pkg(deps), 'src/files.controller.ts': controller(', { limits: { fileSize: 2_000_000 } }') })).toEqual([]);
    expect(await runRule(rule, {
      ...pkg(deps),
      'src/files.controller.ts': controller(''),
      'src/files.module.ts': [
        "import { Module } from '@nestjs/common';",
        "import { MulterModule } from '@nestjs/platform-express';",
        "import { FilesController } from './files.controller';",
        '@Module({ imports: [MulterModule.register({ limits: { fileSize: 2_000_000 } })], controllers: [FilesController] })',
        'export class FilesModule {}',
      ].join('\n'),
    })).toEqual([]);
  });

  it('a limit given as no bound is none, and options it cannot read make the rule unknown, not a pass', async () => {
    const findings = await runRule(rule, {
      ...pkg('"fastify":"4","@fastify/multipart":"8"'),
      'src/server.ts': [
        "import Fastify from 'fastify';",
        'const server = Fastify();',
        "server.register(require('@fastify/multipart'), { limits: { fileSize: Infinity } });",
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/server.ts:3']);
    expect(findings[0]).toMatchObject({ messageId: 'unlimited', severity: 'medium' });

    const run = await auditFiles({
      ...pkg(expressDeps),
      'src/app.ts': [
        "import multer from 'multer';",
        "import { uploadOptions } from './config';",
        'export const upload = multer(uploadOptions);',
      ].join('\n'),
      'src/config.ts': 'export const uploadOptions = { limits: { fileSize: 1e6 } };',
    }, { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === rule.id)).toMatchObject({ status: 'unknown', reason: expect.stringContaining('src/app.ts:3') });
  });
});
