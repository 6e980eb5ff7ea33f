// Which model hooks each ORM write runs: where a hash applied in a hook does not reach the row.
import { describe, expect, it } from 'vitest';
import { HOOK_COVERAGE, mongooseEventOf, typeormListenersRun } from './orm-writes.js';

describe('knowledge/orm-writes hook coverage', () => {
  it('runs TypeORM entity listeners only for an entity instance saved or inserted, BeforeUpdate only when it exists', () => {
    expect(typeormListenersRun('save', true, false)).toEqual(['BeforeInsert']);
    expect(typeormListenersRun('save', true, true)).toEqual(['BeforeUpdate']);
    expect(typeormListenersRun('insert', true, false)).toEqual(['BeforeInsert']);
    // A DTO, a literal or a spread is no instance of the entity: no listener runs.
    expect(typeormListenersRun('save', false, true)).toEqual([]);
    expect(typeormListenersRun('update', false, true)).toEqual([]);
    expect(typeormListenersRun('update', true, true)).toEqual([]);
    expect(typeormListenersRun('upsert', false, false)).toEqual([]);
  });

  it('runs mongoose save middleware for save() and create() only; query updates run their own events', () => {
    expect(mongooseEventOf('save')).toBe('save');
    expect(mongooseEventOf('create')).toBe('save');
    expect(mongooseEventOf('findByIdAndUpdate')).toBe('findOneAndUpdate');
    expect(mongooseEventOf('updateOne')).toBe('updateOne');
    expect(mongooseEventOf('find')).toBeNull();
    expect(HOOK_COVERAGE.typeorm.source).toMatch(/^https:\/\/typeorm\.io\//);
    expect(HOOK_COVERAGE.mongoose.source).toMatch(/^https:\/\/mongoosejs\.com\//);
  });
});

describe('knowledge/orm-writes: filter operators', () => {
  it('knows TypeORM\'s find operators that wrap the matched values, and not other exports', async () => {
    const { isFilterOperator } = await import('./orm-writes.js');
    expect(isFilterOperator('typeorm', 'In')).toBe(true);
    expect(isFilterOperator('typeorm', 'Repository')).toBe(false);
    expect(isFilterOperator('./typeorm', 'In')).toBe(false);
  });
});
