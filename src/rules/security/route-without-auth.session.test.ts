// An unguarded route whose writes are keyed only by the caller's own session changes only the caller's
// data: reported low. One that takes a key (or anything) from the path, the body or the query, or hands
// the request on whole, or writes with no such key, is anyone's: high as before.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './route-without-auth.js';

const pkg = '{"name":"shop","dependencies":{"express":"4","express-session":"1","mongoose":"8","@prisma/client":"5"}}';

const app = [
  "const express = require('express');",
  "const session = require('express-session');",
  "const chat = require('./controllers/chat');",
  'const app = express();',
  "app.use(session({ secret: process.env.SESSION_SECRET }));",
  "app.post('/chat/reset', chat.postReset);",
  "app.post('/chat/wipe', chat.postWipe);",
  "app.post('/chat/:owner/reset', chat.postResetFor);",
  "app.post('/cart/clear', chat.postClearCart);",
  "app.post('/cart/hand-off', chat.postHandOff);",
  "app.post('/cart/reset-all', chat.postResetAll);",
  'app.listen(3000);',
].join('\n');

const controller = [
  "const { PrismaClient } = require('@prisma/client');",
  "const Thread = require('../models/thread');",
  'const db = new PrismaClient();',
  'let store = null;',
  // A getter of the client: it writes nothing itself.
  "function threads() { store ??= db.$extends({ name: 'threads' }); return store; }",
  // A function of the file that deletes every thread, called with no key.
  'async function purge() { await Thread.deleteMany({}); }',
  // The caller's own threads: the signed-in user's, else the session's.
  'exports.postReset = async (req, res) => {',
  '  const owner = req.user ? req.user._id.toString() : `anon-${req.sessionID}`;',
  '  await Thread.deleteMany({ owner });',
  '  threads();',
  "  req.flash('success', { msg: 'Reset.' });",
  "  req.session.save(() => res.redirect('/chat'));",
  '};',
  // Keyed by the session, but another write takes no key at all.
  'exports.postWipe = async (req, res) => {',
  '  await Thread.deleteMany({ owner: req.user?._id ?? req.sessionID });',
  '  await Thread.deleteMany({});',
  '  res.sendStatus(204);',
  '};',
  // The owner named in the path: anyone's threads.
  'exports.postResetFor = async (req, res) => {',
  '  await Thread.deleteMany({ owner: req.params.owner });',
  '  res.sendStatus(204);',
  '};',
  'exports.postClearCart = async (req, res) => {',
  '  await db.cart.update({ where: { sessionId: req.session.id }, data: { items: [] } });',
  '  res.sendStatus(204);',
  '};',
  // The session's cart, but a body field picks whose it becomes.
  'exports.postHandOff = async (req, res) => {',
  '  await db.cart.update({ where: { sessionId: req.session.id }, data: { owner: req.body.to } });',
  '  res.sendStatus(204);',
  '};',
  // Reads the session, writes everyone's (through a function of the file too).
  'exports.postResetAll = async (req, res) => {',
  "  req.session.flash = 'all carts cleared';",
  '  await purge();',
  '  await db.cart.deleteMany({ where: {} });',
  '  res.sendStatus(204);',
  '};',
].join('\n');

describe('security/route-without-auth: writes keyed by the caller\'s own session', () => {
  it('is low for a route that changes only the session\'s own records, high for any key the caller chooses or none', async () => {
    const run = await auditFiles({
      'package.json': pkg,
      'app.js': app,
      'controllers/chat.js': controller,
      'models/thread.js': "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('Thread', new mongoose.Schema({ owner: String }));\n",
    }, { rules: [rule] });
    const found = run.findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.location?.line} ${f.severity} ${f.message.split(' (express)')[0]}`)
      .sort((a, b) => parseInt(a) - parseInt(b));
    expect(found).toEqual([
      '6 low POST /chat/reset',
      '7 high POST /chat/wipe',
      '8 high POST /chat/:owner/reset',
      '9 low POST /cart/clear',
      '10 high POST /cart/hand-off',
      '11 high POST /cart/reset-all',
    ]);
    expect(run.findings.find((f) => f.location?.line === 6)?.message).toContain("keyed only by the caller's own session");
  });
});
