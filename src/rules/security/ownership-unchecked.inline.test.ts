// A handler written in place on the route: its body facts say whether it reads who the caller is and
// which stored record it changes (mongoose's by-id writes and a loaded document's own).
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './ownership-unchecked.js';

const app = (handler: string, chain = "passport.authenticate('jwt', { session: false })", extra: string[] = []): Record<string, string> => ({
  'package.json': '{"name":"svc","main":"src/app.ts","dependencies":{"express":"4","passport":"0.7","mongoose":"8"}}',
  'src/app.ts': [
    "import express from 'express';",
    "import passport from 'passport';",
    "import { Order } from './order.model';",
    'const app = express();',
    'app.use(express.json());',
    ...extra,
    `app.delete('/orders/:id', ${chain}, ${handler});`,
    'app.listen(3000);',
  ].join('\n'),
  'src/order.model.ts': "import mongoose from 'mongoose';\nconst schema = new mongoose.Schema({ userId: { type: mongoose.Schema.Types.ObjectId, ref: 'User' }, total: Number });\nexport const Order = mongoose.model('Order', schema);\n",
});
const found = async (files: Record<string, string>) => (await runRule(rule, files)).map((f) => `${f.messageId} ${f.location?.path}:${f.location?.line} ${f.evidence?.find((e) => e.kind === 'file')?.snippet}`);

describe('security/ownership-unchecked, handlers in place', () => {
  it('reports findById then deleteOne, and findByIdAndUpdate, with no read of the caller (a body parser in the chain checks no owner)', async () => {
    expect(await found(app('async (req, res) => { const order = await Order.findById(req.params.id); await order.deleteOne(); res.json(order); }')))
      .toEqual(['unchecked src/app.ts:6 order.deleteOne(...)']);
    expect(await found(app('async (req, res) => { res.json(await Order.findByIdAndUpdate(req.params.id, req.body)); }')))
      .toEqual(['unchecked src/app.ts:6 Order.findByIdAndUpdate(...)']);
  });

  it('is silent when the owner is compared with the caller, or the where holds the caller, or an admin check of the app guards the route', async () => {
    expect(await found(app('async (req, res) => { const order = await Order.findById(req.params.id); if (String(order.userId) !== req.user.id) return res.sendStatus(403); await order.deleteOne(); res.end(); }'))).toEqual([]);
    expect(await found(app('async (req, res) => { res.json(await Order.findOneAndDelete({ _id: req.params.id, userId: req.user.id })); }'))).toEqual([]);
    const admin = "const requireAdmin = (req, res, next) => (req.user.role === 'admin' ? next() : res.sendStatus(403));";
    expect(await found(app('async (req, res) => { res.json(await Order.findByIdAndDelete(req.params.id)); }', "passport.authenticate('jwt', { session: false }), requireAdmin", [admin]))).toEqual([]);
  });

  it('reports a handler that reads an owned record by the id alone (anyone\'s order), and not one that filters by the caller', async () => {
    expect(await found(app('async (req, res) => { res.json(await Order.findById(req.params.id)); }'))).toEqual(['foreignId src/app.ts:6 Order.findById(...)']);
    expect(await found(app('async (req, res) => { res.json(await Order.findOne({ _id: req.params.id, userId: req.user.id })); }'))).toEqual([]);
  });

  it('is silent for a read of a model that a route with no guard reads by id too (public to read by design)', async () => {
    const publicShow = ["app.get('/orders/:id', async (req, res) => { res.json(await Order.findById(req.params.id)); });"];
    expect(await found(app('async (req, res) => { res.json(await Order.findById(req.params.id)); }', undefined, publicShow))).toEqual([]);
  });
});
