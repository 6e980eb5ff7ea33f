// A service written in layers and wired by hand: a route hands the request to a controller's method
// (`controller.update.bind(controller)`, an arrow that hands it on, Fastify's `{ handler }`), which calls
// a service it was constructed with, which calls a repository that writes. The link follows the
// instances (the `new` that made each, constructor fields, typed or handed in untyped); the rule judges
// the repository's write. Tested both ways, and with a receiver that cannot be resolved.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './ownership-unchecked.js';

const SCHEMA = 'model Note {\n  id String @id\n  ownerId String\n  text String\n}\n';

function layered(o: { repository?: string[]; service?: string[]; controller?: string[]; route?: string } = {}): Record<string, string> {
  return {
    'package.json': '{"name":"notes","main":"src/server.ts","dependencies":{"fastify":"4","@prisma/client":"5","@fastify/jwt":"8"}}',
    'prisma/schema.prisma': SCHEMA,
    'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
    'src/notes.repository.ts': (o.repository ?? [
      "import { PrismaClient } from '@prisma/client';",
      'export class NoteRepository {',
      '  constructor(private prisma: PrismaClient) {}',
      '  findById(id: string) { return this.prisma.note.findUnique({ where: { id } }); }',
      '  update(id: string, data: { text: string }) { return this.prisma.note.update({ where: { id }, data }); }',
      '}',
    ]).join('\n'),
    'src/notes.service.ts': (o.service ?? [
      "import { NoteRepository } from './notes.repository';",
      'export class NoteService {',
      '  constructor(private readonly repo: NoteRepository) {}',
      '  update(id: string, body: { text: string }) { return this.repo.update(id, body); }',
      '}',
    ]).join('\n'),
    'src/notes.controller.ts': (o.controller ?? [
      "import { NoteService } from './notes.service';",
      'export class NoteController {',
      '  constructor(private service: NoteService) {}',
      '  async update(req: any, reply: any) { return this.service.update(req.params.id, req.body); }',
      '}',
    ]).join('\n'),
    'src/server.ts': [
      "import Fastify from 'fastify';",
      "import jwt from '@fastify/jwt';",
      "import { prisma } from './db';",
      "import { NoteRepository } from './notes.repository';",
      "import { NoteService } from './notes.service';",
      "import { NoteController } from './notes.controller';",
      'const app = Fastify();',
      'app.register(jwt, { secret: process.env.JWT_SECRET! });',
      "app.addHook('onRequest', async (req) => { await req.jwtVerify(); });",
      'const controller = new NoteController(new NoteService(new NoteRepository(prisma)));',
      o.route ?? "app.put('/notes/:id', controller.update.bind(controller));",
      'app.listen({ port: 3000 });',
    ].join('\n'),
  };
}

describe('security/ownership-unchecked through classes wired by hand', () => {
  it('follows a bound controller method through the service to the repository\'s update, and says the path', async () => {
    const findings = await runRule(rule, layered());
    expect(findings.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['high src/server.ts:11']);
    expect(findings[0].evidence).toContainEqual(expect.objectContaining({ text: expect.stringContaining('NoteController.update → NoteService.update → NoteRepository.update') }));
    expect(findings[0].evidence).toContainEqual(expect.objectContaining({ path: 'src/notes.repository.ts', line: 5 }));
  });

  it('follows an arrow that hands the request on, and Fastify\'s `{ handler }` option', async () => {
    for (const route of ["app.put('/notes/:id', (req, reply) => controller.update(req, reply));", "app.put('/notes/:id', { handler: controller.update });"]) {
      const findings = await runRule(rule, layered({ route }));
      expect(findings.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['high src/server.ts:11']);
    }
  });

  it('is silent when the repository filters by the caller the controller hands down', async () => {
    const findings = await runRule(rule, layered({
      repository: [
        "import { PrismaClient } from '@prisma/client';",
        'export class NoteRepository {',
        '  constructor(private prisma: PrismaClient) {}',
        '  update(id: string, ownerId: string, data: { text: string }) { return this.prisma.note.updateMany({ where: { id, ownerId }, data }); }',
        '}',
      ],
      service: [
        "import { NoteRepository } from './notes.repository';",
        'export class NoteService {',
        '  constructor(private readonly repo: NoteRepository) {}',
        '  update(id: string, ownerId: string, body: { text: string }) { return this.repo.update(id, ownerId, body); }',
        '}',
      ],
      controller: [
        "import { NoteService } from './notes.service';",
        'export class NoteController {',
        '  constructor(private service: NoteService) {}',
        '  async update(req: any, reply: any) { return this.service.update(req.params.id, req.user.id, req.body); }',
        '}',
      ],
    }));
    expect(findings).toEqual([]);
  });

  it('is silent when the service compares the owner with the caller', async () => {
    const findings = await runRule(rule, layered({
      service: [
        "import { NoteRepository } from './notes.repository';",
        'export class NoteService {',
        '  constructor(private readonly repo: NoteRepository) {}',
        '  async update(id: string, userId: string, body: { text: string }) {',
        '    const note = await this.repo.findById(id);',
        "    if (!note || note.ownerId !== userId) throw new Error('forbidden');",
        '    return this.repo.update(id, body);',
        '  }',
        '}',
      ],
      controller: [
        "import { NoteService } from './notes.service';",
        'export class NoteController {',
        '  constructor(private service: NoteService) {}',
        '  async update(req: any, reply: any) { return this.service.update(req.params.id, req.user.id, req.body); }',
        '}',
      ],
    }));
    expect(findings).toEqual([]);
  });

  it('follows JavaScript classes handed their dependencies untyped at the `new` site', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"notes","main":"src/app.js","dependencies":{"express":"4","passport":"0.7","mongoose":"8"}}',
      'src/note.model.js': "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('Note', new mongoose.Schema({ owner: { type: mongoose.Schema.Types.ObjectId, ref: 'User' }, text: String }));\n",
      'src/notes.repository.js': "const Note = require('./note.model');\nclass NoteRepository {\n  constructor(model) { this.model = model; }\n  update(id, data) { return Note.findByIdAndUpdate(id, data); }\n}\nmodule.exports = NoteRepository;\n",
      'src/notes.service.js': 'class NoteService {\n  constructor(repo) { this.repo = repo; }\n  update(id, body) { return this.repo.update(id, body); }\n}\nmodule.exports = NoteService;\n',
      'src/notes.controller.js': 'class NoteController {\n  constructor(service) { this.service = service; }\n  async update(req, res) { res.json(await this.service.update(req.params.id, req.body)); }\n}\nmodule.exports = NoteController;\n',
      'src/app.js': [
        "const express = require('express');",
        "const passport = require('passport');",
        "const Note = require('./note.model');",
        "const NoteRepository = require('./notes.repository');",
        "const NoteService = require('./notes.service');",
        "const NoteController = require('./notes.controller');",
        'const app = express();',
        "app.use(passport.authenticate('jwt', { session: false }));",
        'const notes = new NoteController(new NoteService(new NoteRepository(Note)));',
        "app.put('/notes/:id', notes.update.bind(notes));",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(findings.map((f) => `${f.messageId} ${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['foreignId high src/app.js:10']);
    expect(findings[0].message).toContain('req.params.id at src/notes.controller.js:3 → Note.findByIdAndUpdate(...) at src/notes.repository.js:4');
    expect(findings[0].evidence).toContainEqual(expect.objectContaining({ text: expect.stringContaining('NoteService.update (src/notes.service.js:3) → NoteRepository.update (src/notes.repository.js:4)') }));
  });

  it('invents no edge where the service is handed what a factory returns: the call is judged by its shape alone, as before', async () => {
    const files = layered({
      service: [
        'export class NoteService {',
        '  private repo;',
        '  constructor(repo) { this.repo = repo; }',
        '  update(id: string, body: { text: string }) { return this.repo.update(id, body); }',
        '}',
      ],
    });
    files['src/server.ts'] = files['src/server.ts'].replace('new NoteService(new NoteRepository(prisma))', 'new NoteService(makeRepository())').replace("import { prisma } from './db';", "import { makeRepository } from './factory';");
    files['src/factory.ts'] = "import { NoteRepository } from './notes.repository';\nimport { prisma } from './db';\nexport const makeRepository = () => new NoteRepository(prisma);\n";
    const findings = await runRule(rule, files);
    expect(findings.map((f) => f.severity)).toEqual(['medium']);
    expect(findings[0].evidence).toContainEqual(expect.objectContaining({ path: 'src/notes.service.ts', line: 4, snippet: 'this.repo.update(...)' }));
    expect(JSON.stringify(findings)).not.toContain('notes.repository');
  });
});
