// Claims about what the code wires across files: a credential followed from its use to the config
// module's value, a job from its definition to the calls that schedule it, an env file from the loader's
// call and its conditions, and the members a line lists for a class named above it. The service is
// written here, with a true and a false claim for each.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
const reports = mkdtempSync(join(tmpdir(), 'verdict-wiring-'));

beforeAll(() => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'till', private: true, main: 'src/server.ts', dependencies: { express: '4', agenda: '5', dotenv: '16', 'express-basic-auth': '1', argon2: '0.40', bcryptjs: '2' } }),
    'src/server.ts': "import './env';\nimport { app } from './app';\napp.listen(3000);\n",
    'src/env.ts': [
      "import dotenv from 'dotenv';",
      "import fs from 'fs';",
      "if (process.env.NODE_ENV !== 'production') {",
      "  dotenv.config({ path: '.env.example' });",
      '}',
      "if (!fs.existsSync('.env')) dotenv.config({ path: '.env.defaults' });", '',
    ].join('\n'),
    'src/config.ts': [
      'export default {',
      '  port: 3000,',
      "  panel: { user: 'ops', password: 'letmein' },",
      '  board: { user: process.env.BOARD_USER, password: process.env.BOARD_PASSWORD },',
      '};', '',
    ].join('\n'),
    'src/jobs.ts': [
      "import Agenda from 'agenda';",
      "export const agenda = new Agenda({ db: { address: process.env.MONGO_URL! } });",
      "agenda.define('send-receipt', async () => undefined);",
      "agenda.define('purge-carts', async () => undefined);", '',
    ].join('\n'),
    'src/users.ts': [
      "import argon2 from 'argon2';",
      "import bcrypt from 'bcryptjs';",
      "import { randomBytes } from 'crypto';",
      'const PIN_SALT = bcrypt.genSaltSync(10);',
      'export async function hashPassword(pw: string) {',
      '  const salt = randomBytes(32);',
      '  return argon2.hash(pw, { salt });',
      '}',
      'export function hashPin(pin: string) { return bcrypt.hash(pin, PIN_SALT); }', '',
    ].join('\n'),
    'src/receipts.ts': [
      'export class Receipts {',
      '  private store: string[] = [];',
      '  issue(id: string) { this.store.push(id); }',
      '  void(id: string) { this.store = this.store.filter((x) => x !== id); }',
      '  list() { return this.store; }',
      '}', '',
    ].join('\n'),
    'src/app.ts': [
      "import express from 'express';",
      "import basicAuth from 'express-basic-auth';",
      "import config from './config';",
      "import { agenda } from './jobs';",
      "import { Receipts } from './receipts';",
      "import { hashPassword, hashPin } from './users';",
      'export const app = express();',
      "app.post('/users', async (req, res) => res.json({ p: await hashPassword(req.body.pw), n: await hashPin(req.body.pin) }));",
      'const receipts = new Receipts();',
      "app.use('/panel', basicAuth({ users: { [config.panel.user]: config.panel.password } }));",
      "app.use('/board', basicAuth({ users: { [config.board.user]: config.board.password } }));",
      "app.post('/checkout', async (req, res) => { receipts.issue(req.body.id); await agenda.now('send-receipt', { id: req.body.id }); res.end(); });", '',
    ].join('\n'),
  });
});
afterAll(() => { removeRepo(root); removeRepo(reports); });

async function check(md: string): Promise<VerifyResult> {
  const file = join(reports, 'r.md');
  writeFileSync(file, md);
  return verifyReport({ report: file, repo: root, exec: false, cache: false });
}

async function expectVerdicts(lines: string[]) {
  const res = await check(lines.map((l) => `- ${l.split(' => ')[0]}`).join('\n'));
  const got = lines.map((l, i) => `${l.split(' => ')[0]} => ${res.claims.find((x) => x.line === i + 1)?.verdict ?? 'none'}`);
  expect(got).toEqual(lines);
  return res;
}

describe('wiring across files', () => {
  it('follows a credential from its use to the config module\'s value', async () => {
    const res = await expectVerdicts([
      'Panel credentials come from environment variables (no hard-coded password). => contradicted',
      'Board credentials come from environment variables. => confirmed',
    ]);
    // The password literal is shown, at its line in the config module, with the line that reads it.
    expect(res.claims[0].reason).toContain('`password`');
    expect(res.claims[0].evidence).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'src/config.ts', line: 3 }), expect.objectContaining({ path: 'src/app.ts', line: 10 })]));
    expect(res.claims[1].evidence).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'src/config.ts', line: 4 })]));
  });

  it('a password written in the code contradicts the report\'s "no secrets committed", with that literal as evidence', async () => {
    const res = await check([
      '- Panel credentials come from environment variables (no hard-coded password).',
      '- No secrets committed: `.env.example` contains placeholders only.',
    ].join('\n'));
    const general = res.claims.find((c) => c.line === 2)!;
    expect(general.kind).toBe('secrets');
    expect(general.verdict, general.reason).toBe('contradicted');
    expect(general.reason).toContain('line 1');
    expect(general.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'src/config.ts', line: 3 })]));
  });

  it('leaves "no secrets committed" to the scan when the credential a line names comes from the environment', async () => {
    const res = await check([
      '- Board credentials come from environment variables.',
      '- No secrets committed: `.env.example` contains placeholders only.',
    ].join('\n'));
    expect(res.claims.find((c) => c.line === 1)?.verdict).toBe('confirmed');
    expect(res.claims.find((c) => c.line === 2)?.verdict).toBe('unverifiable');
  });

  it('decides a job is scheduled from the call that names it, and that it is not when nothing does', async () => {
    const res = await expectVerdicts([
      'Agenda job `send-receipt` defined and scheduled on checkout => confirmed',
      'Agenda job `purge-carts` defined and scheduled nightly => contradicted',
      'Agenda job `rebuild-index` defined and scheduled hourly => unverifiable',
    ]);
    expect(res.claims[0].evidence).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'src/app.ts', line: 12 })]));
    expect(res.claims[1].evidence).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'src/jobs.ts', line: 4 }), expect.objectContaining({ kind: 'figure', name: 'release files searched' })]));
  });

  it('reads an env file\'s loader call under the production environment', async () => {
    const res = await expectVerdicts([
      'Production never reads `.env.example` => confirmed',
      'Production never reads `.env.defaults` => contradicted',
    ]);
    expect(res.claims[1].reason).toContain("fs.existsSync('.env')");
  });

  it('decides a per-user salt from where the hashing call takes it', async () => {
    const res = await expectVerdicts([
      'Passwords: argon2 hashing with a per-user random salt => confirmed',
      'PINs: bcrypt with a unique salt per PIN => contradicted',
    ]);
    expect(res.claims[0].evidence[0]).toMatchObject({ path: 'src/users.ts', line: 7 });
    expect(res.claims[1].reason).toContain('module level (line 4)');
  });

  it('checks the members a line lists against the class named above it', async () => {
    const res = await check([
      '### Receipts', '', '- Created `Receipts` class for the till',
      '- Methods for issue, void, list', '- Methods for issue, void, reprint',
    ].join('\n'));
    const at = (line: number) => res.claims.find((c) => c.line === line);
    expect(at(4)?.verdict).toBe('confirmed');
    expect(at(5)?.verdict).toBe('contradicted');
    expect(at(5)?.reason).toContain('`reprint`');
    expect(at(5)?.evidence[0]).toMatchObject({ path: 'src/receipts.ts', line: 1 });
  });
});
