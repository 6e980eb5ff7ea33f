import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './plaintext-password.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'hashed with argon2 before prisma stores it; bcrypt in a variable before insertOne',
      path: 'src/routes/signup.ts',
      code: [
        "import argon2 from 'argon2';",
        "import bcrypt from 'bcryptjs';",
        "app.post('/signup', async (req, res) => {",
        '  const { email, password } = req.body;',
        '  await prisma.account.create({ data: { email, password: await argon2.hash(password) } });',
        '  res.sendStatus(201);',
        '});',
        "app.post('/v2/signup', async (req, res) => {",
        '  const secret = req.body.password;',
        '  const password = await bcrypt.hash(secret, 12);',
        "  await db.collection('members').insertOne({ email: req.body.email, password });",
        '});',
      ].join('\n'),
    },
    {
      name: 'a helper named for hashing in the same function; a seed literal',
      path: 'src/users/service.ts',
      code: [
        "import { makeDigest } from './crypto';",
        'export async function register(req) {',
        '  let password = req.body.password;',
        '  password = await hashPassword(password);',
        '  return db.insert(members).values({ email: req.body.email, password });',
        '}',
        "export const seedAdmin = () => prisma.account.create({ data: { email: 'a@b.c', password: makeDigest('x') } });",
      ].join('\n'),
    },
    {
      name: 'a mongoose schema of the same file hashes in pre(save)',
      path: 'src/models/member.js',
      code: [
        "const bcrypt = require('bcrypt');",
        "schema.pre('save', async function () { this.password = await bcrypt.hash(this.password, 12); });",
        'exports.signup = async (req, res) => {',
        '  const m = new Member({ email: req.body.email, password: req.body.password });',
        '  await m.save();',
        '};',
      ].join('\n'),
    },
    {
      name: 'login by email then verify; SQL select without the password',
      path: 'src/routes/login.ts',
      code: [
        "import { verify } from 'argon2';",
        "app.post('/login', async (req, res) => {",
        '  const user = await Member.findOne({ email: req.body.email });',
        "  const [row] = await pool.query('SELECT hash FROM members WHERE email = $1', [req.body.email]);",
        '  res.json({ ok: user && (await verify(row.hash, req.body.password)) });',
        '});',
      ].join('\n'),
    },
    {
      name: "the model's file hashes in pre('save'): the controller's new Member(...).save() is hashed on the way in",
      path: 'src/controllers/signup.js',
      code: [
        "const Member = require('../models/member');",
        'exports.signup = async (req, res) => {',
        '  const m = new Member({ email: req.body.email, password: req.body.password });',
        '  await m.save();',
        '};',
      ].join('\n'),
      files: {
        'src/models/member.js': [
          "const bcrypt = require('bcryptjs');",
          'const schema = new Schema({ email: String, password: String });',
          "schema.pre('save', async function () { this.password = await bcrypt.hash(this.password, 12); });",
          "module.exports = model('Member', schema);",
        ].join('\n'),
      },
    },
    { name: 'tests', path: 'test/signup.test.ts', code: "app.post('/s', (req) => db.collection('m').insertOne({ password: req.body.password }));\n" },
  ],
  invalid: [
    {
      name: 'prisma create and drizzle update with the request password',
      path: 'src/routes/accounts.ts',
      code: [
        "app.post('/accounts', async (req, res) => {",
        '  const { email, password } = req.body;',
        '  await prisma.account.create({ data: { email, password } });',
        '});',
        "app.put('/accounts/:id/password', async (c) => {",
        '  const body = await c.req.json();',
        '  await db.update(accounts).set({ password: body.newPassword }).where(eq(accounts.id, 1));',
        '});',
      ].join('\n'),
      errors: [{ messageId: 'stored', line: 3, severity: 'critical' }, { messageId: 'stored', line: 7, severity: 'critical' }],
    },
    {
      name: 'raw SQL insert and a login that compares in the query',
      path: 'src/routes/auth.js',
      code: [
        "router.post('/register', async (req, res) => {",
        "  await pool.query('INSERT INTO members (email, password) VALUES ($1, $2)', [req.body.email, req.body.password]);",
        '});',
        "router.post('/login', async (req, res) => {",
        '  const { email, password } = req.body;',
        '  const member = await Member.findOne({ email, password });',
        "  const rows = await pool.query('SELECT id FROM members WHERE email = $1 AND password = $2', [email, password]);",
        '  res.json({ member, rows });',
        '});',
      ].join('\n'),
      errors: [{ messageId: 'sql', line: 2, severity: 'critical' }, { messageId: 'compared', line: 6, severity: 'critical' }, { messageId: 'sql', line: 7, severity: 'critical' }],
    },
    {
      name: 'a mongoose document saved with no hash in this file: a hook elsewhere may hash it (medium); a service parameter (medium)',
      path: 'src/controllers/members.ts',
      code: [
        "import { Member } from '../models/member';",
        'export async function signup(req, res) {',
        '  const m = new Member({ email: req.body.email, password: req.body.password });',
        '  await m.save();',
        '}',
        'export async function changePassword(id: string, password: string) {',
        "  await mongo.collection('members').updateOne({ _id: id }, { $set: { password } });",
        '}',
      ].join('\n'),
      files: { 'src/models/member.ts': "export const Member = model('Member', new Schema({ email: String, password: String }));\n" },
      errors: [{ messageId: 'storedHooked', line: 3, severity: 'medium', data: { model: 'Member' } }, { messageId: 'stored', line: 7, severity: 'medium' }],
    },
  ],
});
