// A POST/PUT/PATCH/DELETE handler declared in another file (a controller the route file imports, a
// NestJS controller method handing the work to a service) is judged by what it reaches there: only ORM
// reads, and the unguarded route reads data (medium); a write anywhere, or a call that cannot be
// followed, and the method decides (high).
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './route-without-auth.js';

const findings = async (files: Record<string, string>) => {
  const run = await auditFiles(files, { rules: [rule] });
  return run.findings.filter((f) => f.ruleId === 'security/route-without-auth').map((f) => `${f.severity} ${f.message}`);
};

const express = (controller: string) => ({
  'package.json': '{"name":"bookings","dependencies":{"express":"4","mongoose":"8"}}',
  'src/models/Booking.ts': [
    "import mongoose from 'mongoose';",
    "const schema = new mongoose.Schema({ room: String, day: String });",
    "export const Booking = mongoose.model('Booking', schema);",
  ].join('\n'),
  'src/controllers/bookings.ts': controller,
  'src/routes.ts': [
    "import { Router } from 'express';",
    "import * as bookings from './controllers/bookings';",
    'export const router = Router();',
    "router.post('/availability', bookings.availability);",
  ].join('\n'),
  'src/app.ts': [
    "import express from 'express';",
    "import { router } from './routes';",
    'const app = express();',
    "app.use('/api', router);",
    'app.listen(3000);',
  ].join('\n'),
});

const nest = (service: string) => ({
  'package.json': '{"name":"rooms","dependencies":{"@nestjs/common":"10","@nestjs/core":"10","@prisma/client":"5"}}',
  'src/prisma.service.ts': [
    "import { Injectable } from '@nestjs/common';",
    "import { PrismaClient } from '@prisma/client';",
    '@Injectable()',
    'export class PrismaService extends PrismaClient {}',
  ].join('\n'),
  'src/rooms.service.ts': service,
  'src/rooms.controller.ts': [
    "import { Body, Controller, Post } from '@nestjs/common';",
    "import { RoomsService } from './rooms.service';",
    "@Controller('rooms')",
    'export class RoomsController {',
    '  constructor(private readonly rooms: RoomsService) {}',
    "  @Post('search')",
    '  search(@Body() body: { floor: number }) {',
    '    return this.rooms.search(body.floor);',
    '  }',
    '}',
  ].join('\n'),
  'src/main.ts': [
    "import { NestFactory } from '@nestjs/core';",
    "import { AppModule } from './app.module';",
    'async function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }',
    'bootstrap();',
  ].join('\n'),
  'src/app.module.ts': [
    "import { Module } from '@nestjs/common';",
    "import { RoomsController } from './rooms.controller';",
    "import { RoomsService } from './rooms.service';",
    "import { PrismaService } from './prisma.service';",
    '@Module({ controllers: [RoomsController], providers: [RoomsService, PrismaService] })',
    'export class AppModule {}',
  ].join('\n'),
});

const nestService = (call: string) => [
  "import { Injectable } from '@nestjs/common';",
  "import { PrismaService } from './prisma.service';",
  '@Injectable()',
  'export class RoomsService {',
  '  constructor(private readonly prisma: PrismaService) {}',
  '  search(floor: number) {',
  `    return ${call};`,
  '  }',
  '}',
].join('\n');

describe('route-without-auth: a handler in another file judged by what it reaches', () => {
  it('Express: a controller in another file that only runs Model.find is a read (medium)', async () => {
    const out = await findings(express([
      "import type { Request, Response } from 'express';",
      "import { Booking } from '../models/Booking';",
      'export async function availability(req: Request, res: Response) {',
      '  const taken = await Booking.find({ day: req.body.day });',
      '  res.json(taken);',
      '}',
    ].join('\n')));
    expect(out).toEqual(['medium POST /api/availability (express) reads data with no auth guard']);
  });

  it('Express: the same controller running Model.create changes state (high)', async () => {
    const out = await findings(express([
      "import type { Request, Response } from 'express';",
      "import { Booking } from '../models/Booking';",
      'export async function availability(req: Request, res: Response) {',
      '  const made = await Booking.create({ day: req.body.day });',
      '  res.json(made);',
      '}',
    ].join('\n')));
    expect(out).toEqual(['high POST /api/availability (express) changes state with no auth guard']);
  });

  it('Express: a controller calling a function that cannot be resolved keeps the method\'s judgment (high)', async () => {
    const out = await findings(express([
      "import type { Request, Response } from 'express';",
      "import { Booking } from '../models/Booking';",
      "import { decide } from './missing/rules';",
      'export async function availability(req: Request, res: Response) {',
      '  const taken = await Booking.find({ day: req.body.day });',
      '  res.json(decide(taken));',
      '}',
    ].join('\n')));
    expect(out).toEqual(['high POST /api/availability (express) changes state with no auth guard']);
  });

  it('NestJS: a controller whose service only runs findMany is a read (medium)', async () => {
    const out = await findings(nest(nestService('this.prisma.room.findMany({ where: { floor } })')));
    expect(out).toEqual(['medium POST /rooms/search (nestjs) reads data with no auth guard']);
  });

  it('NestJS: the same service running create changes state (high)', async () => {
    const out = await findings(nest(nestService('this.prisma.room.create({ data: { floor } })')));
    expect(out).toEqual(['high POST /rooms/search (nestjs) changes state with no auth guard']);
  });

  it('NestJS: a service that also calls a package verdict does not read (a mailer) keeps the method\'s judgment (high)', async () => {
    const files = nest(nestService('this.prisma.room.findMany({ where: { floor } })'));
    files['src/rooms.service.ts'] = files['src/rooms.service.ts']
      .replace("import { PrismaService } from './prisma.service';", "import { PrismaService } from './prisma.service';\nimport { notify } from 'some-mailer';")
      .replace('    return this.prisma', '    notify(floor);\n    return this.prisma');
    expect(await findings(files)).toEqual(['high POST /rooms/search (nestjs) changes state with no auth guard']);
  });

  const chat = (call: string) => ({
    'package.json': '{"name":"assistant","dependencies":{"express":"4","openai":"4"}}',
    'src/lib/ai.ts': "import OpenAI from 'openai';\nexport const ai = new OpenAI({ apiKey: process.env.AI_KEY });\n",
    'src/controllers/chat.ts': [
      "import type { Request, Response } from 'express';",
      "import { ai } from '../lib/ai';",
      'export async function chat(req: Request, res: Response) {',
      `  const answer = await ${call};`,
      '  res.json(answer);',
      '}',
    ].join('\n'),
    'src/app.ts': [
      "import express from 'express';",
      "import { chat } from './controllers/chat';",
      'const app = express();',
      "app.post('/chat', chat);",
      'app.listen(3000);',
    ].join('\n'),
  });

  it('Express: a controller that only asks an inference SDK for a completion stores nothing (medium)', async () => {
    const out = await findings(chat("ai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: req.body.q }] })"));
    expect(out).toEqual(['medium POST /chat (express) reads data with no auth guard']);
  });

  it('Express: a controller that uploads a file to the same SDK writes (high)', async () => {
    const out = await findings(chat("ai.files.create({ file: req.body.f, purpose: 'assistants' })"));
    expect(out).toEqual(['high POST /chat (express) changes state with no auth guard']);
  });
});
