import { describe, expect, it } from 'vitest';
import { DATA_WIPES, dataWipesOf } from './index.js';

describe('data wipes', () => {
  it('each entry cites its source and names how its receiver is made', () => {
    for (const w of DATA_WIPES) {
      expect(w.source).toMatch(/^https:\/\//);
      expect(w.example).toContain(w.package);
      expect(w.made.length).toBeGreaterThan(0);
    }
  });

  it('finds the wipe a receiver of the package makes with the chain', () => {
    expect(dataWipesOf('ioredis', 'new', 'default', ['flushall']).map((w) => w.package)).toEqual(['ioredis']);
    expect(dataWipesOf('redis', 'call', 'createClient', ['flushAll'])).toHaveLength(1);
    expect(dataWipesOf('mongoose', 'module', '*', ['connection', 'dropDatabase'])).toHaveLength(1);
    expect(dataWipesOf('mongoose', 'module', 'default', ['connection', 'db', 'dropDatabase'])).toHaveLength(1);
    expect(dataWipesOf('@prisma/client', 'new', 'PrismaClient', ['user', 'deleteMany'])[0].when).toEqual({ argument: 0, is: 'emptyOrAbsent' });
    expect(dataWipesOf('knex', 'call', 'default', ['migrate', 'rollback'])[0].when).toEqual({ argument: 1, is: 'true' });
  });

  it('finds none for another package, another method or another chain', () => {
    expect(dataWipesOf('ioredis', 'new', 'default', ['flushAll'])).toEqual([]);
    expect(dataWipesOf('ioredis', 'new', 'default', ['del'])).toEqual([]);
    expect(dataWipesOf('pg', 'new', 'Pool', ['flushall'])).toEqual([]);
    expect(dataWipesOf('mongoose', 'module', 'default', ['dropDatabase'])).toEqual([]);
    expect(dataWipesOf('@prisma/client', 'new', 'PrismaClient', ['deleteMany'])).toEqual([]);
    expect(dataWipesOf('knex', 'call', 'default', ['migrate', 'latest'])).toEqual([]);
  });
});
