import { describe, expect, it } from 'vitest';
import { modelHookOfCall } from './orm-writes.js';

describe('knowledge/orm-writes: model hooks on the way in', () => {
  it('knows mongoose write middleware and Sequelize hooks, and nothing else of the same shape', () => {
    expect(modelHookOfCall('pre', 'save')).toBe("pre('save')");
    expect(modelHookOfCall('pre', 'find')).toBeNull();
    expect(modelHookOfCall('beforeCreate', null)).toBe('beforeCreate');
    expect(modelHookOfCall('addHook', 'beforeSave')).toBe('beforeSave');
    expect(modelHookOfCall('addHook', 'afterCreate')).toBeNull();
    expect(modelHookOfCall('post', 'save')).toBeNull();
  });
});
