// Hand-wired layers: a route's controller, the service it is handed and the repository that service is
// handed, resolved to their methods through the `new` that made each value, a constructor's parameter
// properties and `this.x = param` assignments (typed or handed in at the `new` site), and variables
// holding an instance across files. Tested both ways: an unresolvable receiver gets no edge.
import { describe, expect, it } from 'vitest';
import { collectTexts } from '../collect/in-memory.js';
import { modules } from '../collect/collectors/modules.js';
import { symbols } from '../collect/collectors/symbols.js';
import { routes } from '../collect/collectors/routes.js';
import { routeFactsOf } from '../collect/facts/routes.js';
import { moduleFacts } from '../collect/facts/modules.js';
import { symbolFacts } from '../collect/facts/symbols.js';
import { packageOf } from '../discover/index.js';
import { fileRole } from '../util/roles.js';
import { buildLink, type Link } from './index.js';

function linkOf(files: Record<string, string>): Link {
  const texts = Object.entries(files).map(([path, text]) => ({ meta: { path, role: fileRole(path), package: null, ext: path.slice(path.lastIndexOf('.')) }, text }));
  const collected = collectTexts(texts, [modules, symbols, routes]);
  const packages = [{ name: 'app', path: '.', scripts: {}, frameworks: [], manifestPath: 'package.json' }];
  return buildLink({
    files: Object.keys(files), packages, documents: collected.documents, wrangler: [],
    symbols: symbolFacts.of(collected.facts), modules: moduleFacts.of(collected.facts), role: fileRole,
    routes: routeFactsOf.of(collected.facts), authMiddleware: [], packageOf: (p) => packageOf(p, packages),
  });
}

const callees = (link: Link, key: string) => link.callees(key).map((e) => e.to);

const repository = [
  'class UserRepository {',
  '  constructor(db) { this.db = db; }',
  '  update(id, data) { return this.db.user.update({ where: { id }, data }); }',
  '}',
  'module.exports = UserRepository;',
].join('\n');

describe('link: classes wired by hand', () => {
  it('follows untyped constructor fields to the class handed in at the `new` site, across files', () => {
    const link = linkOf({
      'package.json': '{"name":"app","main":"src/app.js"}',
      'src/users.repository.js': repository,
      'src/users.service.js': [
        'class UserService {',
        '  constructor(repo) { this.repo = repo; }',
        '  update(id, body) { return this.repo.update(id, body); }',
        '}',
        'module.exports = UserService;',
      ].join('\n'),
      'src/users.controller.js': [
        'export class UserController {',
        '  constructor(service) { this.service = service; }',
        '  async update(req, res) { res.json(await this.service.update(req.params.id, req.body)); }',
        '}',
      ].join('\n'),
      'src/app.js': [
        "const UserRepository = require('./users.repository');",
        "const UserService = require('./users.service');",
        "import { UserController } from './users.controller';",
        "import { db } from './db';",
        'const controller = new UserController(new UserService(new UserRepository(db)));',
        "app.put('/users/:id', controller.update.bind(controller));",
      ].join('\n'),
      'src/db.js': 'export const db = {};\n',
    });
    expect(callees(link, 'src/users.controller.js#UserController.update')).toContain('src/users.service.js#UserService.update');
    expect(callees(link, 'src/users.service.js#UserService.update')).toContain('src/users.repository.js#UserRepository.update');
    expect(link.memberOf('src/app.js', 'controller', 'update')?.key).toBe('src/users.controller.js#UserController.update');
  });

  it('follows an imported module-level instance (`export const users = new UserService(repo)`, `export default new X()`, `module.exports = new X()`)', () => {
    const link = linkOf({
      'package.json': '{"name":"app","main":"src/app.ts"}',
      'src/users.repository.ts': 'export class UserRepository { update(id: string, data: unknown) { return prisma.user.update({ where: { id }, data }); } }\n',
      'src/repo.instance.ts': "import { UserRepository } from './users.repository';\nexport default new UserRepository();\n",
      'src/users.service.ts': [
        "import repo from './repo.instance';",
        'export class UserService {',
        '  private repo: typeof repo;',
        '  constructor() { this.repo = repo; }',
        '  update(id: string, body: unknown) { return repo.update(id, body); }',
        '}',
        'export const userService = new UserService();',
      ].join('\n'),
      'src/mailer.js': 'class Mailer { send(to) { return to; } }\nmodule.exports = new Mailer();\n',
      'src/app.ts': [
        "import { userService } from './users.service';",
        "const mailer = require('./mailer');",
        'export async function update(req: any) { mailer.send(req.body.to); return userService.update(req.params.id, req.body); }',
      ].join('\n'),
    });
    expect(callees(link, 'src/app.ts#update')).toContain('src/users.service.ts#UserService.update');
    expect(callees(link, 'src/app.ts#update')).toContain('src/mailer.js#Mailer.send');
    expect(callees(link, 'src/users.service.ts#UserService.update')).toContain('src/users.repository.ts#UserRepository.update');
  });

  it('resolves a typed `this.repo = repo` through the parameter\'s type', () => {
    const link = linkOf({
      'package.json': '{"name":"app","main":"src/app.ts"}',
      'src/users.repository.ts': 'export class UserRepository { update(id: string) { return id; } }\n',
      'src/users.service.ts': [
        "import { UserRepository } from './users.repository';",
        'export class UserService {',
        '  private repo;',
        '  constructor(repo: UserRepository) { this.repo = repo; }',
        '  update(id: string) { return this.repo.update(id); }',
        '}',
      ].join('\n'),
    });
    expect(callees(link, 'src/users.service.ts#UserService.update')).toContain('src/users.repository.ts#UserRepository.update');
  });

  it('adds no edge where what the constructor is handed cannot be resolved (a factory\'s result): the member stays a name', () => {
    const link = linkOf({
      'package.json': '{"name":"app","main":"src/app.js"}',
      'src/users.repository.js': repository,
      'src/users.service.js': [
        'class UserService {',
        '  constructor(repo) { this.repo = repo; }',
        '  update(id, body) { return this.repo.update(id, body); }',
        '}',
        'module.exports = UserService;',
      ].join('\n'),
      'src/app.js': [
        "const UserService = require('./users.service');",
        "const { makeRepo } = require('./factory');",
        'const service = new UserService(makeRepo());',
      ].join('\n'),
      'src/factory.js': 'exports.makeRepo = () => ({ update() {} });\n',
    });
    expect(callees(link, 'src/users.service.js#UserService.update')).toEqual([]);
    expect(link.decl('src/users.service.js#UserService.update')?.members).toContain('update');
  });
});
