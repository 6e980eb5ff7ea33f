import { describe, expect, it } from 'vitest';
import { ADMIN_UIS, adminUiOf, adminUiPackages } from './admin-uis.js';

describe('knowledge/admin-uis', () => {
  it('names each dashboard package once, with how it is mounted and an example that uses it', () => {
    expect(new Set(adminUiPackages()).size).toBe(ADMIN_UIS.length);
    for (const u of ADMIN_UIS) {
      if (u.shape === 'adapter') expect(u.mount?.length).toBeGreaterThan(0);
      expect(u.example.length).toBeGreaterThan(10);
      expect(u.source).toMatch(/^https:\/\//);
    }
    expect(adminUiOf('@bull-board/express')).toMatchObject({ shape: 'adapter', exports: ['ExpressAdapter'], mount: ['getRouter'] });
    expect(adminUiOf('@bull-board/api')).toBeNull();
    expect(adminUiOf('express')).toBeNull();
  });
});
