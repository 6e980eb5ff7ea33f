// A refresh token stored by its value and looked up by what the request presents: a bearer credential
// when the app fills the column with a signed JWT or a random value, through a service and a repository
// function (resolved by the link), not an owned id. Tested both ways.
import { describe, expect, it } from 'vitest';
import { auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './ownership-unchecked.js';
const files = (made: string): Record<string, string> => ({
  'package.json': '{"name":"svc","main":"src/app.ts","dependencies":{"express":"4","typeorm":"0.3","jsonwebtoken":"9"}}',
  'src/entities.ts': [
    "import { Entity, PrimaryGeneratedColumn, Column, ManyToOne } from 'typeorm';",
    '@Entity()',
    'export class User { @PrimaryGeneratedColumn() id: number; @Column() email: string; }',
    '@Entity()',
    'export class RefreshToken {',
    '  @PrimaryGeneratedColumn() id: number;',
    '  @Column() token: string;',
    '  @ManyToOne(() => User) user: User;',
    '  @Column() userId: number;',
    '}',
  ].join('\n'),
  'src/tokens.repository.ts': [
    "import { AppDataSource } from './data-source';",
    "import { RefreshToken } from './entities';",
    'const repo = AppDataSource.getRepository(RefreshToken);',
    'export async function storeToken(userId: number, token: string) {',
    '  return repo.save({ userId, token });',
    '}',
    'export async function findByToken(token: string) {',
    '  return repo.findOne({ where: { token } });',
    '}',
    'export async function revoke(token: string) {',
    '  return repo.delete({ token });',
    '}',
  ].join('\n'),
  'src/tokens.service.ts': [
    "import jwt from 'jsonwebtoken';",
    "import { storeToken } from './tokens.repository';",
    'export async function issueRefreshToken(userId: number) {',
    `  const token = ${made};`,
    '  await storeToken(userId, token);',
    '  return token;',
    '}',
  ].join('\n'),
  'src/auth.ts': [
    "import jwt from 'jsonwebtoken';",
    'export function requireAuth(req, res, next) {',
    "  const token = req.headers.authorization?.slice(7);",
    "  if (!token) return res.status(401).end();",
    '  jwt.verify(token, process.env.JWT_SECRET);',
    '  next();',
    '}',
  ].join('\n'),
  'src/app.ts': [
    "import express from 'express';",
    "import jwt from 'jsonwebtoken';",
    "import { findByToken, revoke } from './tokens.repository';",
    "import { issueRefreshToken } from './tokens.service';",
    "import { requireAuth } from './auth';",
    'const app = express();',
    "app.post('/auth/refresh', requireAuth, async (req, res) => {",
    '  const { refreshToken } = req.body;',
    '  const row = await findByToken(refreshToken);',
    '  if (!row) return res.status(401).json({ error: "invalid" });',
    '  await revoke(refreshToken);',
    "  const access = jwt.sign({ sub: row.userId }, process.env.JWT_SECRET, { expiresIn: '15m' });",
    '  res.json({ access, refresh: await issueRefreshToken(row.userId) });',
    '});',
    'app.listen(3000);',
  ].join('\n'),
});
describe('security/ownership-unchecked: a token column filled through the service layer', () => {
  it('filled with jwt.sign: a bearer credential, no finding', async () => {
    expect(await runRule(rule, files("jwt.sign({ sub: userId }, process.env.REFRESH_SECRET, { expiresIn: '7d' })"))).toEqual([]);
  });
  it('filled with randomBytes: a bearer credential, no finding', async () => {
    const f = files("randomBytes(32).toString('hex')");
    f['src/tokens.service.ts'] = f['src/tokens.service.ts'].replace("import jwt from 'jsonwebtoken';", "import { randomBytes } from 'node:crypto';");
    expect(await runRule(rule, f)).toEqual([]);
  });
  it('filled with a guessable value: still an id the request names, reported', async () => {
    const [f] = await runRule(rule, files('`${userId}-${Date.now()}`'));
    expect(f).toMatchObject({ messageId: 'foreignId' });
  });
});

describe('route table: a handler whose only caller check was a name the code refutes', () => {
  const open = (lookup: string): Record<string, string> => {
    const f = files("jwt.sign({ sub: userId }, process.env.REFRESH_SECRET, { expiresIn: '7d' })");
    f['src/app.ts'] = f['src/app.ts'].replace("app.post('/auth/refresh', requireAuth, ", "app.post('/auth/refresh', ");
    f['src/tokens.repository.ts'] = f['src/tokens.repository.ts'].replace('export async function findByToken(token: string) {\n  return repo.findOne({ where: { token } });', lookup);
    return f;
  };
  const routeOf = async (f: Record<string, string>) => {
    const run = await auditFiles(f, { only: ['security'] } as never);
    return (run.inventory as unknown as { routes: { routes: Array<{ path: string; auth: string | null }> } }).routes.routes.find((r) => r.path === '/auth/refresh');
  };
  it('findByToken reads a row and checks no caller: the route is not signed-in (no auth), so no ownership finding', async () => {
    const f = open('export async function findByToken(token: string) {\n  return repo.findOne({ where: { token } });');
    expect((await routeOf(f))?.auth).toBeNull();
    expect(await runRule(rule, f)).toEqual([]);
  });
  it('findByToken verifies the token and refuses: the handler check stands', async () => {
    const f = open("export async function findByToken(token: string) {\n  if (!jwt.verify(token, process.env.REFRESH_SECRET)) throw new Error('unauthorized');\n  return repo.findOne({ where: { token } });");
    f['src/tokens.repository.ts'] = "import jwt from 'jsonwebtoken';\n" + f['src/tokens.repository.ts'];
    expect((await routeOf(f))?.auth).toBe('check in handler');
  });
});
