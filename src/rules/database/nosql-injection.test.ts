import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './nosql-injection.js';

const MODEL = "import mongoose from 'mongoose';\nconst User = mongoose.model('User', new mongoose.Schema({ email: String, password: String }));\nexport default User;\n";
const LAYOUT = { packages: [{ name: 'svc', private: true, dependencies: { mongoose: '^8.0.0' } }] };

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'values checked as strings with typeof before the lookup',
      path: 'src/auth.ts',
      code: [
        "import User from './models/user';",
        "app.post('/login', async (req, res) => {",
        '  const { email, password } = req.body;',
        "  if (typeof email !== 'string' || typeof password !== 'string') return res.sendStatus(400);",
        '  const user = await User.findOne({ email, password });',
        '  res.json(user);',
        '});',
      ].join('\n'),
      files: { 'src/models/user.ts': MODEL },
    },
    {
      name: 'String() and a string method make the values strings',
      path: 'src/auth.ts',
      code: [
        "import User from './models/user';",
        "app.post('/login', async (req, res) => {",
        '  const user = await User.findOne({ email: String(req.body.email), name: req.body.name.toLowerCase() });',
        '  res.json(user);',
        '});',
      ].join('\n'),
      files: { 'src/models/user.ts': MODEL },
    },
    {
      name: 'a route parameter is always a string: no operator can come through it',
      path: 'src/users.ts',
      code: [
        "import User from './models/user';",
        "app.get('/u/:email', async (req, res) => res.json(await User.findOne({ email: req.params.email })));",
      ].join('\n'),
      files: { 'src/models/user.ts': MODEL },
    },
    {
      name: 'the app strips $ keys from every request with express-mongo-sanitize',
      path: 'src/auth.ts',
      code: [
        "import User from './models/user';",
        "app.post('/login', async (req, res) => res.json(await User.findOne({ email: req.body.email, password: req.body.password })));",
      ].join('\n'),
      files: {
        'src/models/user.ts': MODEL,
        'src/app.ts': "import express from 'express';\nimport mongoSanitize from 'express-mongo-sanitize';\nexport const app = express();\napp.use(mongoSanitize());\n",
      },
    },
    {
      name: "mongoose.set('sanitizeFilter', true) wraps operator objects in $eq",
      path: 'src/db.ts',
      code: [
        "import mongoose from 'mongoose';",
        "mongoose.set('sanitizeFilter', true);",
        "const User = mongoose.model('User', new mongoose.Schema({}));",
        "app.post('/login', async (req, res) => res.json(await User.findOne({ email: req.body.email })));",
      ].join('\n'),
    },
    {
      name: 'the app strips $ keys with express-mongo-sanitize loaded by require',
      path: 'src/auth.js',
      code: "const User = require('./models/user');\napp.post('/login', async (req, res) => res.json(await User.findOne({ email: req.body.email })));",
      files: { 'src/models/user.js': MODEL, 'src/app.js': "const express = require('express');\nconst mongoSanitize = require('express-mongo-sanitize');\nconst app = express();\napp.use(mongoSanitize());\n" },
    },
    {
      name: 'a row an awaited service call returns, looked up by the request token: the row\'s id is the server\'s',
      path: 'src/auth.ts',
      code: [
        "import Token from './models/token';",
        "import { verifyToken } from './tokens';",
        "app.post('/reset', async (req, res) => {",
        '  const doc = await verifyToken(req.query.token);',
        '  await Token.deleteMany({ user: doc.user });',
        '});',
      ].join('\n'),
      files: { 'src/models/token.ts': MODEL },
    },
    {
      name: 'a Buffer built from the request value is a Buffer, not an operator object',
      path: 'src/auth.ts',
      code: [
        "import User from './models/user';",
        "app.post('/webauthn', async (req, res) => {",
        "  const id = Buffer.from(JSON.parse(req.body.credential).id, 'base64url');",
        "  res.json(await User.findOne({ 'credentials.id': id }));",
        '});',
      ].join('\n'),
      files: { 'src/models/user.ts': MODEL },
    },
    {
      name: 'the signed-in user\'s id (req.user), in an exported handler',
      path: 'src/account.js',
      code: "const User = require('./models/user');\nexports.remove = async (req, res) => {\n  const userId = req.user.id;\n  await User.deleteOne({ _id: userId });\n};",
      files: { 'src/models/user.js': MODEL },
    },
    {
      name: 'a body validated by a schema parse',
      path: 'src/auth.ts',
      code: [
        "import User from './models/user';",
        "import { LoginSchema } from './schemas';",
        "app.post('/login', async (req, res) => {",
        '  const { email, password } = LoginSchema.parse(req.body);',
        '  res.json(await User.findOne({ email, password }));',
        '});',
      ].join('\n'),
      files: { 'src/models/user.ts': MODEL },
    },
    {
      name: 'a search term escaped by the replace that escapes every metacharacter',
      path: 'src/search.ts',
      code: [
        "import Product from './models/product';",
        "app.get('/search', async (req, res) => {",
        "  const q = String(req.query.q).replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&');",
        "  res.json(await Product.find({ name: { $regex: q, $options: 'i' } }));",
        '});',
      ].join('\n'),
      files: { 'src/models/product.ts': MODEL },
    },
    {
      name: 'a search term escaped by escape-string-regexp',
      path: 'src/search.ts',
      code: [
        "import escapeStringRegexp from 'escape-string-regexp';",
        "import Product from './models/product';",
        "app.get('/search', async (req, res) => res.json(await Product.find({ name: new RegExp(escapeStringRegexp(String(req.query.q)), 'i') })));",
      ].join('\n'),
      files: { 'src/models/product.ts': MODEL },
    },
    {
      name: 'an imported receiver that is not a MongoDB model (its file imports no MongoDB package)',
      path: 'src/auth.ts',
      code: [
        "import users from './store';",
        "app.post('/login', async (req, res) => res.json(await users.findOne({ email: req.body.email, password: req.body.password })));",
      ].join('\n'),
      files: { 'src/store.ts': 'export default { findOne: (q: unknown) => q };\n' },
    },
    {
      name: 'Array.prototype.find with a callback',
      path: 'src/db.ts',
      code: "import mongoose from 'mongoose';\napp.get('/x', (req, res) => res.json(list.find((x) => x.id === req.query.id)));",
    },
    {
      name: 'a value read from the database, not from the request',
      path: 'src/db.ts',
      code: [
        "import mongoose from 'mongoose';",
        "const User = mongoose.model('User', new mongoose.Schema({}));",
        "app.get('/x', async (req, res) => {",
        '  const owner = await User.findById(req.params.id);',
        '  res.json(await User.find({ manager: owner.managerId }));',
        '});',
      ].join('\n'),
    },
    {
      name: 'CommonJS: a required module that is not a MongoDB model',
      path: 'routes/auth.js',
      code: "const store = require('../lib/store');\nrouter.post('/login', async (req, res) => res.json(await store.findOne({ password: req.body.password })));",
      files: { 'lib/store.js': 'module.exports = { findOne: (q) => q };\n' },
    },
  ],
  invalid: [
    {
      name: 'login by email and password straight from the body: auth bypass',
      path: 'src/auth.ts',
      code: [
        "import User from './models/user';",
        "app.post('/login', async (req, res) => {",
        '  const user = await User.findOne({ email: req.body.email, password: req.body.password });',
        '  res.json(user);',
        '});',
      ].join('\n'),
      files: { 'src/models/user.ts': MODEL },
      errors: [{ messageId: 'authBypass', line: 3, severity: 'critical', data: { key: 'password' } }],
    },
    {
      name: 'a lookup by email from a destructured body, in a file that imports mongoose',
      path: 'src/reset.ts',
      code: [
        "import { model, Schema } from 'mongoose';",
        "const User = model('User', new Schema({}));",
        "app.post('/forgot', async (req, res) => {",
        '  const { email } = req.body;',
        '  const user = await User.findOne({ email });',
        '  res.json(user);',
        '});',
      ].join('\n'),
      errors: [{ messageId: 'operator', line: 5, severity: 'high', data: { key: 'email' } }],
    },
    {
      name: 'the whole query string as the filter',
      path: 'src/items.ts',
      code: "import Item from './models/item';\napp.get('/items', async (req, res) => res.json(await Item.find(req.query)));",
      files: { 'src/models/item.ts': MODEL },
      errors: [{ messageId: 'whole', line: 2, severity: 'high' }],
    },
    {
      name: '$where from the request',
      path: 'src/items.ts',
      code: "import { MongoClient } from 'mongodb';\napp.get('/items', async (req, res) => res.json(await db.collection('items').find({ $where: `this.owner == '${req.query.owner}'` }).toArray()));",
      errors: [{ messageId: 'where', line: 2, severity: 'critical' }],
    },
    {
      name: 'an unescaped $regex and new RegExp from the query',
      path: 'src/search.ts',
      code: [
        "import Product from './models/product';",
        "app.get('/search', async (req, res) => res.json(await Product.find({ name: { $regex: req.query.q, $options: 'i' } })));",
        "app.get('/search2', async (req, res) => res.json(await Product.find({ name: new RegExp(req.params.q) })));",
      ].join('\n'),
      files: { 'src/models/product.ts': MODEL },
      errors: [{ messageId: 'regex', line: 2, severity: 'medium' }, { messageId: 'regex', line: 3, severity: 'medium' }],
    },
    {
      name: 'fields written to a local filter object',
      path: 'src/items.ts',
      code: [
        "import Item from './models/item';",
        "app.get('/items', async (req, res) => {",
        '  const filter: any = {};',
        '  if (req.query.category) filter.category = req.query.category;',
        '  res.json(await Item.find(filter));',
        '});',
      ].join('\n'),
      files: { 'src/models/item.ts': MODEL },
      errors: [{ messageId: 'operator', line: 5, severity: 'medium' }],
    },
    {
      name: 'a service function whose callers in another file pass the request body',
      path: 'src/services/auth.ts',
      code: [
        "import User from '../models/user';",
        'export async function login(email: string, password: string) {',
        '  return User.findOne({ email, password });',
        '}',
      ].join('\n'),
      files: {
        'src/models/user.ts': MODEL,
        'src/routes.ts': "import { login } from './services/auth';\napp.post('/login', async (req, res) => res.json(await login(req.body.email, req.body.password)));\n",
      },
      errors: [{ messageId: 'authBypass', line: 3, severity: 'critical' }],
    },
    {
      name: 'CommonJS: a model required from the repository, login and search',
      path: 'routes/auth.js',
      code: [
        "const User = require('../models/user');",
        "router.post('/login', async (req, res) => res.json(await User.findOne({ email: req.body.email, password: req.body.password })));",
        "router.get('/search', async (req, res) => res.json(await User.find({ email: new RegExp(req.query.q, 'i') })));",
      ].join('\n'),
      files: { 'models/user.js': "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('User', new mongoose.Schema({}));\n" },
      errors: [{ messageId: 'authBypass', line: 2, severity: 'critical' }, { messageId: 'regex', line: 3, severity: 'medium' }],
    },
    {
      name: 'an unresolved receiver in a package that depends on mongoose is still judged, said so',
      path: 'src/auth.ts',
      layout: LAYOUT,
      code: "import User from '@models/user';\napp.post('/login', async (req, res) => res.json(await User.findOne({ email: req.body.email })));",
      errors: [{ messageId: 'operator', line: 2, severity: 'high' }],
    },
  ],
});
