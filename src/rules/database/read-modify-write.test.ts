import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import { RuleTester } from '../tester.js';
import rule from './read-modify-write.js';

const handler = (...body: string[]) => ["app.post('/spend', async (req, res) => {", ...body.map((l) => `  ${l}`), '  res.sendStatus(204);', '});'].join('\n');

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'Prisma decrement: the database does the arithmetic',
      code: handler('const user = await prisma.user.findUnique({ where: { id: req.user.id } });', 'if (user.balance < req.body.amount) throw new Error("no funds");', 'await prisma.user.update({ where: { id: user.id }, data: { balance: { decrement: req.body.amount } } });'),
    },
    {
      name: 'an optimistic check: the write\'s filter holds the value read',
      code: handler('const p = await prisma.product.findUnique({ where: { id: req.body.id } });', 'const r = await prisma.product.updateMany({ where: { id: p.id, stock: p.stock }, data: { stock: p.stock - 1 } });'),
    },
    {
      name: 'a version column checked and bumped',
      code: handler('const w = await Wallet.findOne({ where: { id: req.body.id } });', 'await Wallet.update({ balance: w.balance - 5, version: w.version + 1 }, { where: { id: w.id, version: w.version } });'),
    },
    {
      name: 'Sequelize read with a row lock inside a transaction',
      code: handler('await sequelize.transaction(async (t) => {', '  const w = await Wallet.findByPk(req.body.id, { transaction: t, lock: t.LOCK.UPDATE });', '  w.balance -= req.body.amount;', '  await w.save({ transaction: t });', '});'),
    },
    {
      name: 'a field set from a value not read from the row (a new value, not arithmetic on the old)',
      code: handler('const u = await prisma.user.findUnique({ where: { id: req.user.id } });', 'await prisma.user.update({ where: { id: u.id }, data: { balance: req.body.balance } });'),
    },
    {
      name: 'arithmetic on one field written to another',
      code: handler('const u = await prisma.user.findUnique({ where: { id: req.user.id } });', 'await prisma.user.update({ where: { id: u.id }, data: { lastBalance: u.balance - 1 } });'),
    },
  ],
  invalid: [
    {
      name: 'Prisma: balance read, decreased in code, written back (high)',
      code: handler('const user = await prisma.user.findUnique({ where: { id: req.user.id } });', 'if (user.balance < req.body.amount) throw new Error("no funds");', 'await prisma.user.update({ where: { id: user.id }, data: { balance: user.balance - req.body.amount } });'),
      errors: [{ messageId: 'lostUpdate', line: 4, severity: 'high' }],
    },
    {
      name: 'Mongoose: stock through a const, written with $set',
      code: handler('const product = await Product.findById(req.params.id);', 'const left = product.stock - req.body.qty;', 'await Product.updateOne({ _id: product._id }, { $set: { stock: left } });'),
      errors: [{ messageId: 'lostUpdate', line: 4, severity: 'high' }],
    },
    {
      name: 'a document changed in place and saved; a counter that is no money is medium',
      code: handler('const post = await Post.findOne({ _id: req.params.id });', 'post.views = post.views + 1;', 'await post.save();', 'const acct = await Account.findOne({ _id: req.user.id });', 'acct.credits -= 10;', 'await acct.save();'),
      errors: [{ messageId: 'lostUpdate', line: 3, severity: 'medium' }, { messageId: 'lostUpdate', line: 6, severity: 'high' }],
    },
    {
      name: 'a Prisma interactive transaction without a row lock (medium)',
      code: handler('await prisma.$transaction(async (tx) => {', '  const w = await tx.wallet.findUnique({ where: { userId: req.user.id } });', '  await tx.wallet.update({ where: { userId: req.user.id }, data: { balance: w.balance - 10 } });', '});'),
      errors: [{ messageId: 'inTransaction', line: 4, severity: 'medium' }],
    },
  ],
});

describe('database/read-modify-write across files', () => {
  it('names the route that runs the service method', async () => {
    const found = await runRule(rule, {
      'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '4', '@prisma/client': '5' } }),
      'src/wallet.ts': [
        "import { PrismaClient } from '@prisma/client';",
        'const prisma = new PrismaClient();',
        'export async function pay(userId: string, amount: number) {',
        '  const w = await prisma.wallet.findUnique({ where: { userId } });',
        '  return prisma.wallet.update({ where: { userId }, data: { balance: w!.balance - amount } });',
        '}',
      ].join('\n'),
      'src/app.ts': [
        "import express from 'express';",
        "import { pay } from './wallet';",
        'const app = express();',
        "app.post('/pay', async (req, res) => res.json(await pay(req.body.user, req.body.amount)));",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(found.map((f) => `${at([f])[0]} ${f.severity}`)).toEqual(['src/wallet.ts:5 high']);
    expect(found[0].message).toContain('POST /pay (src/app.ts:4)');
  });

  it('names the route whose handler written in place does it', async () => {
    const found = await runRule(rule, {
      'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '4', mongoose: '8' } }),
      'src/app.ts': [
        "import express from 'express';",
        "import { Product } from './models';",
        'const app = express();',
        "app.post('/buy/:id', async (req, res) => {",
        '  const p = await Product.findById(req.params.id);',
        '  p.stock = p.stock - 1;',
        '  await p.save();',
        '  res.json(p);',
        '});',
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(found.map((f) => `${at([f])[0]} ${f.severity}`)).toEqual(['src/app.ts:6 high']);
    expect(found[0].message).toContain('POST /buy/:id (src/app.ts:4)');
  });
});
