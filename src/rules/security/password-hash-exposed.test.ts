import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './password-hash-exposed.js';

const SCHEMA = [
  'model User {',
  '  id        Int     @id @default(autoincrement())',
  '  email     String  @unique',
  '  password  String',
  '  posts     Post[]',
  '}',
  '',
  'model Post {',
  '  id       Int    @id @default(autoincrement())',
  '  title    String',
  '  author   User   @relation(fields: [authorId], references: [id])',
  '  authorId Int',
  '}',
].join('\n');

const USER_MODEL = [
  "import mongoose, { Schema } from 'mongoose';",
  'const UserSchema = new Schema({',
  '  email: { type: String, required: true },',
  '  password: { type: String, required: true },',
  '});',
  "export const User = mongoose.model('User', UserSchema);",
].join('\n');
const HIDDEN_MODEL = USER_MODEL.replace('password: { type: String, required: true }', 'password: { type: String, required: true, select: false }');
const TRANSFORMED_MODEL = USER_MODEL + "\nUserSchema.set('toJSON', { transform: (_d: unknown, ret: any) => { delete ret.password; return ret; } });";
const MROUTES = "import { Router } from 'express';\nimport { User } from '../models/user';\nexport const router = Router();\n";

const EXPRESS = "import { PrismaClient } from '@prisma/client';\nimport { Router } from 'express';\nconst prisma = new PrismaClient();\nexport const router = Router();\n";

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'select without the hash, omit of it, a DTO mapping, a deleted field, a destructured rest',
      files: {
        'prisma/schema.prisma': SCHEMA,
        'src/users.ts': EXPRESS + [
          "router.get('/a/:id', async (req, res) => { const user = await prisma.user.findUnique({ where: { id: +req.params.id }, select: { id: true, email: true } }); res.json(user); });",
          "router.get('/b/:id', async (req, res) => { const user = await prisma.user.findUnique({ where: { id: +req.params.id }, omit: { password: true } }); res.json(user); });",
          "router.get('/c/:id', async (req, res) => { const user = await prisma.user.findUnique({ where: { id: +req.params.id } }); res.json(toDto(user)); });",
          "router.get('/d/:id', async (req, res) => { const user = await prisma.user.findUnique({ where: { id: +req.params.id } }); delete user.password; res.json(user); });",
          "router.get('/e/:id', async (req, res) => { const { password, ...rest } = await prisma.user.findUniqueOrThrow({ where: { id: +req.params.id } }); res.json(rest); });",
          "router.get('/posts', async (req, res) => { res.json(await prisma.post.findMany({ include: { author: { select: { email: true } } } })); });",
          "router.get('/titles', async (req, res) => { res.json(await prisma.post.findMany()); });",
        ].join('\n'),
      },
    },
    {
      name: 'a client created with a global omit of the field',
      files: {
        'prisma/schema.prisma': SCHEMA,
        'src/users.ts': "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient({ omit: { user: { password: true } } });\nexport const get = async (req, res) => res.json(await prisma.user.findFirst());\n",
      },
    },
    {
      name: 'Mongoose: .select(-password), a deleted field, a destructured rest, an inclusive select, a local object that is no model',
      files: {
        'src/models/user.ts': USER_MODEL,
        'src/routes/users.ts': MROUTES + [
          "router.get('/a/:id', async (req, res) => { const user = await User.findById(req.params.id).select('-password'); res.json(user); });",
          "router.get('/b/:id', async (req, res) => { const user = await User.findOne({ _id: req.params.id }).lean(); delete user.password; res.json(user); });",
          "router.post('/c', async (req, res) => { const { password, ...rest } = (await User.create(req.body)).toObject(); res.json(rest); });",
          "router.get('/d/:id', async (req, res) => { res.json(await User.findById(req.params.id).select('email')); });",
          "router.get('/e', async (req, res) => { const cache = new Map(); res.json(cache); });",
        ].join('\n'),
      },
    },
    {
      name: 'Mongoose: the schema marks the field select: false',
      files: { 'src/models/user.ts': HIDDEN_MODEL, 'src/routes/users.ts': MROUTES + "router.get('/a/:id', async (req, res) => res.json(await User.findById(req.params.id)));" },
    },
    {
      name: 'Mongoose: a toJSON transform on the schema',
      files: { 'src/models/user.ts': TRANSFORMED_MODEL, 'src/routes/users.ts': MROUTES + "router.get('/a/:id', async (req, res) => res.json(await User.findById(req.params.id)));" },
    },
    {
      name: 'Mongoose: a schema with a plugin verdict does not read (it may drop the field from JSON)',
      files: { 'src/models/user.ts': USER_MODEL + "\nUserSchema.plugin(privateFields);", 'src/routes/users.ts': MROUTES + "router.get('/a/:id', async (req, res) => res.json(await User.findById(req.params.id)));" },
    },
    {
      name: 'Mongoose: the route sends what a service function returned: not read, so not verified rather than passed',
      files: {
        'src/models/user.ts': USER_MODEL,
        'src/services/users.ts': "import { User } from '../models/user';\nexport const getUser = (id: string) => User.findById(id);\n",
        'src/routes/users.ts': "import { Router } from 'express';\nimport { getUser } from '../services/users';\nexport const router = Router();\nrouter.get('/a/:id', async (req, res) => res.json(await getUser(req.params.id)));",
      },
      outcomes: [{ status: 'unknown' }],
    },
    {
      name: 'no schema: the rule does not apply',
      files: { 'src/users.ts': EXPRESS + "router.get('/u', async (req, res) => res.json(await prisma.user.findMany()));" },
      outcomes: [{ status: 'not-applicable' }],
    },
  ],
  invalid: [
    {
      name: 'Mongoose: register sends the created user, login sends the found one, a saved new document',
      files: {
        'src/models/user.ts': USER_MODEL,
        'src/routes/users.ts': MROUTES + [
          "router.post('/register', async (req, res) => {",
          '  const user = await User.create({ email: req.body.email, password: await hash(req.body.password) });',
          '  res.status(201).json({ user });',
          '});',
          "router.post('/login', async (req, res) => { const user = await User.findOne({ email: req.body.email }); res.json(user); });",
          "router.post('/signup', async (req, res) => { const user = new User(req.body); await user.save(); res.send(user); });",
          "router.get('/plus/:id', async (req, res) => { res.json(await User.findById(req.params.id).select('+password')); });",
        ].join('\n'),
      },
      findings: [
        { messageId: 'sentDocument', path: 'src/routes/users.ts', line: 6, severity: 'high', data: { model: 'User', field: 'password', schema: 'src/models/user.ts:4', query: 'User.create() at src/routes/users.ts:5' } },
        { messageId: 'sentDocument', path: 'src/routes/users.ts', line: 8 },
        { messageId: 'sentDocument', path: 'src/routes/users.ts', line: 9 },
        { messageId: 'sentDocument', path: 'src/routes/users.ts', line: 10 },
      ],
    },
    {
      name: 'Mongoose: a Koa ctx.body and a Nest controller return',
      files: {
        'src/models/user.ts': USER_MODEL,
        'src/koa.ts': "import Router from '@koa/router';\nimport { User } from './models/user';\nconst r = new Router();\nr.get('/me', async (ctx) => {\n  ctx.body = await User.findById(ctx.state.id);\n});",
        'src/users.controller.ts': "import { Controller, Get, Param } from '@nestjs/common';\nimport { User } from './models/user';\n@Controller('users')\nexport class UsersController {\n  @Get(':id')\n  one(@Param('id') id: string) {\n    return User.findById(id);\n  }\n}",
      },
      findings: [{ messageId: 'sentDocument', path: 'src/koa.ts', line: 5 }, { messageId: 'sentDocument', path: 'src/users.controller.ts', line: 7 }],
    },
    {
      name: 'Mongoose: a schema made by calling mongoose.Schema without new, required through CommonJS',
      files: {
        'src/models/user.js': "const mongoose = require('mongoose');\nconst userSchema = mongoose.Schema({ name: String, password: { type: String } });\nconst User = mongoose.model('User', userSchema);\nmodule.exports = User;",
        'src/routes/users.js': "const express = require('express');\nconst { User } = require('../models');\nconst User2 = require('../models/user');\nconst router = express.Router();\nrouter.post('/u', async (req, res) => { const user = await User2.create(req.body); res.json(user); });",
      },
      findings: [{ messageId: 'sentDocument', path: 'src/routes/users.js', line: 5 }],
    },
    {
      name: 'an Express handler sends the user row as loaded',
      files: {
        'prisma/schema.prisma': SCHEMA,
        'src/users.ts': EXPRESS + "router.get('/u/:id', async (req, res) => {\n  const user = await prisma.user.findUnique({ where: { id: +req.params.id } });\n  res.status(200).json(user);\n});",
      },
      findings: [{ messageId: 'sentRow', path: 'src/users.ts', line: 7, severity: 'high', data: { model: 'User', field: 'password', schema: 'prisma/schema.prisma:4' } }],
    },
    {
      name: 'a Hono handler sends posts with their whole author included',
      files: {
        'prisma/schema.prisma': SCHEMA,
        'src/posts.ts': "import { Hono } from 'hono';\nimport { prisma } from './db';\nconst app = new Hono();\napp.get('/posts', async (c) => {\n  const posts = await prisma.post.findMany({ include: { author: true } });\n  return c.json({ posts });\n});",
      },
      findings: [{ messageId: 'sentRelation', path: 'src/posts.ts', line: 6, data: { model: 'User', relation: 'author', field: 'password' } }],
    },
    {
      name: 'another client\'s global omit does not cover the client the query runs on',
      files: {
        'prisma/schema.prisma': SCHEMA,
        'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\nexport const safe = new PrismaClient({ omit: { user: { password: true } } });\n",
        'src/users.ts': "import { prisma, safe } from './db';\nexport const a = async (req, res) => res.json(await safe.user.findFirst());\nexport const b = async (req, res) => res.json(await prisma.user.findFirst());\n",
      },
      findings: [{ messageId: 'sentRow', path: 'src/users.ts', line: 3 }],
    },
    {
      name: 'a Nest controller returns the row',
      files: {
        'prisma/schema.prisma': SCHEMA,
        'src/users.controller.ts': "import { Controller, Get, Param } from '@nestjs/common';\nimport { PrismaService } from './prisma.service';\n@Controller('users')\nexport class UsersController {\n  constructor(private prisma: PrismaService) {}\n  @Get(':id')\n  one(@Param('id') id: string) {\n    return this.prisma.user.findUnique({ where: { id: +id } });\n  }\n}",
      },
      findings: [{ messageId: 'sentRow', path: 'src/users.controller.ts', line: 8 }],
    },
  ],
});
