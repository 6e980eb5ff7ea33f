import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './undefined-identifier.js';

const pkg = { 'package.json': '{"name":"api","private":true,"main":"src/app.js","dependencies":{"express":"^4.19.0"}}' };

const broken = [
  "const express = require('express');", //                   1
  'const app = express();', //                                 2
  '', //                                                       3
  "app.get('/users/:id', async (req, res) => {", //            4
  '  const user = await db.findUser(req.params.id);', //       5
  '  res.json(formatUser(user));', //                          6
  '});', //                                                    7
  '', //                                                       8
  'function formatUser(u) {', //                               9
  '  return { name: u.name, at: nowIso(), tz };', //           10
  '}', //                                                      11
  '', //                                                       12
  'module.exports = { app, formatUser };', //                  13
  '',
].join('\n');

const fixed = [
  "const express = require('express');",
  "const db = require('./db');",
  'const app = express();',
  "const tz = process.env.TZ ?? 'UTC';",
  '',
  "app.get('/users/:id', async (req, res) => {",
  '  const user = await db.findUser(req.params.id);',
  '  res.json(formatUser(user));',
  '});',
  '',
  'function formatUser(u) {',
  '  return { name: u.name, at: nowIso(), tz };',
  '}',
  'function nowIso() { return new Date().toISOString(); }',
  '',
  'module.exports = { app, formatUser };',
  '',
].join('\n');

describe('types/undefined-identifier', () => {
  it('reports an undeclared name read in a route handler as high, in another function as medium', async () => {
    const findings = await runRule(rule, { ...pkg, 'src/app.js': broken });
    expect(at(findings).sort()).toEqual(['src/app.js:10', 'src/app.js:10', 'src/app.js:5']);
    const inRoute = findings.find((f) => f.location?.line === 5)!;
    expect([inRoute.messageId, inRoute.severity]).toEqual(['undeclaredInRoute', 'high']);
    expect(inRoute.message).toContain('GET /users/:id');
    expect(findings.filter((f) => f.location?.line === 10).map((f) => [f.messageId, f.severity])).toEqual([['undeclared', 'medium'], ['undeclared', 'medium']]);
  });

  it('finds the route of a controller function registered from another file', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/app.js': "const express = require('express');\nconst users = require('./controllers/users');\nconst app = express();\napp.get('/users', users.list);\nmodule.exports = app;\n",
      'src/controllers/users.js': 'exports.list = async (req, res) => {\n  res.json(await User.find());\n};\nexports.unused = () => Helper.x;\n',
    });
    expect(findings.map((f) => [f.location?.line, f.severity]).sort()).toEqual([[2, 'high'], [4, 'medium']]);
  });

  it('a function of another loaded file that only shares the routed handler\'s name is not that route\'s handler (two files export it: neither is raised to the route\'s high)', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/app.js': "const express = require('express');\nconst users = require('./controllers/users');\nconst posts = require('./controllers/posts');\nconst app = express();\napp.get('/users', users.list);\napp.get('/posts', posts.all);\nmodule.exports = app;\n",
      'src/controllers/users.js': 'exports.list = async (req, res) => {\n  res.json(await User.find());\n};\n',
      'src/controllers/posts.js': 'exports.all = async (req, res) => res.json([]);\nexports.list = async (req, res) => {\n  res.json(await Post.find());\n};\n',
    });
    expect(findings.map((f) => `${f.location?.path}:${f.location?.line} ${f.severity}`).sort()).toEqual(['src/controllers/posts.js:3 medium', 'src/controllers/users.js:2 medium']);
  });

  it('stays silent once the names are declared, imported or defined by the runtime', async () => {
    const runtime = [
      "import { readFile } from 'node:fs/promises';",
      'export async function handler(request, env) {',
      '  const url = new URL(request.url);',
      '  const body = await fetch(url, { signal: AbortSignal.timeout(1000) });',
      '  setTimeout(() => {}, 10);',
      '  const [first, ...others] = arguments;',
      '  try { await readFile(__dirname); } catch (err) { console.error(err, first, others); }',
      '  label: for (const k of Object.keys(env)) { if (k) break label; }',
      '  class Box { size = 1; get area() { return this.size; } }',
      '  return new Response(JSON.stringify({ ok: true, b: new Box(), body, c: crypto.randomUUID(), n: Buffer.from("x") }));',
      '}',
      '',
    ].join('\n');
    expect(await runRule(rule, { ...pkg, 'src/app.js': fixed, 'src/db.js': 'module.exports = { findUser: async () => null };\n', 'src/worker.mjs': runtime })).toEqual([]);
  });

  it('leaves names alone that may exist at run time: typeof guards, global comments, globals another file sets, with and eval', async () => {
    const files = {
      ...pkg,
      'src/guarded.js': "module.exports = function f() { if (typeof DEBUG !== 'undefined' && DEBUG) return cache; };\n/* global cache */\n",
      'src/boot.js': "config = { port: 3000 };\nglobal.db = require('./db');\nObject.defineProperty(globalThis, 'logger', { value: console });\n",
      'src/db.js': 'module.exports = {};\n',
      'src/use.js': 'module.exports = function g() { return [config.port, db, logger]; };\n',
      'src/with.js': 'module.exports = function h(o) { with (o) { return missingA; } };\n',
      'src/eval.js': "module.exports = function k(src) { eval(src); return missingB; };\n",
      'src/load.js': "import http from 'k6/http';\nexport default function () { http.get(__ENV.BASE_URL); }\n",
      'src/env.js': '/* eslint-env mocha */\nmodule.exports = function m() { describe("x", () => {}); };\n',
      'src/odd-env.js': '/* eslint-env acmeruntime */\nmodule.exports = function q() { return acmeGlobal; };\n',
    };
    // Skipped is not checked: a file whose names verdict cannot decide is reported as not verified (info), with why.
    const found = await runRule(rule, files);
    expect(found.map((f) => [f.location?.path, f.severity, /^`(\w+)`/.exec(f.message)?.[1], /(with|eval|eslint environment)/.exec(f.message)?.[1]]).sort()).toEqual([
      ['src/eval.js', 'info', 'missingB', 'eval'],
      ['src/odd-env.js', 'info', 'acmeGlobal', 'eslint environment'],
      ['src/with.js', 'info', 'missingA', 'with'],
    ]);
    expect(found.every((f) => /not verified/.test(f.message))).toBe(true);
    // A with/eval file whose every name is declared has nothing unknown: not reported.
    expect(await runRule(rule, { ...pkg, 'src/with.js': 'module.exports = function h(o, a) { with (o) { return a; } };\n' })).toEqual([]);
    delete (files as Record<string, string>)['src/with.js'];
    delete (files as Record<string, string>)['src/eval.js'];
    delete (files as Record<string, string>)['src/odd-env.js'];
    expect(await runRule(rule, files)).toEqual([]);
    // The same reads without what makes them safe are reported: the exclusions above are what keeps them quiet.
    const bare = await runRule(rule, {
      ...pkg,
      'src/use.js': files['src/use.js'],
      'src/guarded.js': 'module.exports = function f() { if (DEBUG) return cache; };\n',
      'src/with.js': 'module.exports = function h(o) { return missingA; };\n',
      'src/load.js': "import http from 'node:http';\nexport default function () { http.get(__ENV.BASE_URL); }\n",
    });
    expect(bare.map((f) => /^`(\w+)`/.exec(f.message)?.[1]).sort()).toEqual(['DEBUG', '__ENV', 'cache', 'config', 'db', 'logger', 'missingA']);
  });

  it('judges neither TypeScript (the typecheck covers it) nor browser scripts that share globals with the page', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/app.ts': "export function f() { return missingName; }\n",
      'public/js/main.js': 'function init() { $(document).ready(() => renderChart(status)); }\n',
    })).toEqual([]);
  });
});
