import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './data-wiped-at-startup.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'svc', main: 'src/server.js', scripts: { start: 'node src/server.js', seed: 'node src/seed-db.js' }, dependencies: { express: '4', ...deps } });
const shown = (fs: Awaited<ReturnType<typeof runRule>>) => fs.map((f) => `${at([f])[0]} ${f.severity} ${f.messageId}`);

describe('database/data-wiped-at-startup', () => {
  it('reports a Redis flushall in the listen callback and at the top level of the entry, critical', async () => {
    const fs = await runRule(rule, {
      'package.json': pkg({ ioredis: '5' }),
      'src/server.js': "const Redis = require('ioredis');\nconst express = require('express');\nconst redis = new Redis(process.env.REDIS_URL);\nconst app = express();\napp.listen(3000, async () => {\n  await redis.flushall();\n});\n",
    });
    expect(shown(fs)).toEqual(['src/server.js:6 critical atStart']);
    expect(fs[0].message).toContain('src/server.js → src/server.js:6');
  });

  it('follows the start path across files: a seed function that empties a Mongoose model, called once the database connects', async () => {
    const fs = await runRule(rule, {
      'package.json': pkg({ mongoose: '8' }),
      'src/server.ts': "import mongoose from 'mongoose';\nimport { seedDB } from './seeds';\nmongoose.connect(process.env.MONGO_URL!).then(() => seedDB());\n",
      'src/seeds.ts': "import Campground from './models/campground';\nexport async function seedDB() {\n  await Campground.deleteMany({});\n  await Campground.create({ title: 'Demo' });\n}\n",
      'src/models/campground.ts': "import mongoose from 'mongoose';\nconst schema = new mongoose.Schema({ title: String });\nexport default mongoose.model('Campground', schema);\n",
    });
    expect(shown(fs)).toEqual(['src/seeds.ts:3 critical atStart']);
    expect(fs[0].message).toContain('src/server.ts → src/seeds.ts:3');
  });

  it('reports dropDatabase and deleteMany() of Prisma in a bootstrap function the entry calls', async () => {
    const fs = await runRule(rule, {
      'package.json': pkg({ mongoose: '8', '@prisma/client': '5' }),
      'src/server.ts': "import mongoose from 'mongoose';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nasync function bootstrap() {\n  await mongoose.connection.dropDatabase();\n  await prisma.session.deleteMany();\n}\nbootstrap();\n",
    });
    expect(shown(fs)).toEqual(['src/server.ts:5 critical atStart', 'src/server.ts:6 critical atStart']);
  });

  it('does not report the same calls in a request handler, a repeating timer, a branch on the environment, or with a filter', async () => {
    const fs = await runRule(rule, {
      'package.json': pkg({ ioredis: '5', '@prisma/client': '5' }),
      'src/server.ts': [
        "import Redis from 'ioredis';", "import express from 'express';", "import { PrismaClient } from '@prisma/client';",
        'const redis = new Redis();', 'const prisma = new PrismaClient();', 'const app = express();',
        "app.post('/admin/reset', async (req, res) => { await redis.flushall(); res.end(); });",
        'setInterval(() => redis.flushdb(), 60_000);',
        "if (process.env.NODE_ENV !== 'production') redis.flushall();",
        'async function main() {',
        "  if (process.env.NODE_ENV === 'production') return;",
        '  await prisma.user.deleteMany({});',
        '}',
        'main();',
        'prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });',
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(shown(fs)).toEqual([]);
  });

  it('does not report a wipe in a function nothing calls at start, a script run by hand, a test, nor a method of another library', async () => {
    const fs = await runRule(rule, {
      'package.json': pkg({ ioredis: '5' }),
      'src/server.ts': "import { cache } from './cache';\nimport express from 'express';\nexpress().listen(3000);\nexport const clear = () => cache.flushall();\n",
      'src/cache.ts': "import Redis from 'ioredis';\nexport const cache = new Redis();\n",
      'src/seed-db.ts': "import { cache } from './cache';\ncache.flushall();\n",
      'scripts/reset.ts': "import { cache } from '../src/cache';\ncache.flushall();\n",
      'test/setup.ts': "import { cache } from '../src/cache';\ncache.flushall();\n",
      'src/store.ts': "const store = { flushall() { return 1; } };\nstore.flushall();\n",
    });
    expect(shown(fs)).toEqual([]);
  });

  it('reports an imported client flushed in the entry, and says unknown when the package has no start entry', async () => {
    const files = {
      'src/cache.ts': "import Redis from 'ioredis';\nexport const cache = new Redis();\n",
      'src/server.ts': "import { cache } from './cache';\nawait cache.flushall();\n",
    };
    expect(shown(await runRule(rule, { 'package.json': pkg({ ioredis: '5' }), ...files }))).toEqual(['src/server.ts:2 critical atStart']);
    const none = JSON.stringify({ name: 'svc', dependencies: { ioredis: '5' } });
    expect(shown(await runRule(rule, { 'package.json': none, ...files }))).toEqual(['src/server.ts:2 high startUnknown']);
  });
});
