import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { buildApp } from '../src/app.js';

function fakePool(ok: boolean): pg.Pool {
  return { query: async () => (ok ? { rows: [{ ok: 1 }] } : Promise.reject(new Error('down'))) } as unknown as pg.Pool;
}

describe('app', () => {
  const token = 't'.repeat(40);

  it('answers /health without auth', async () => {
    const res = await buildApp(fakePool(true), token, 'https://hooks.example.invalid').request('/health');
    expect(res.status).toBe(200);
  });

  it('reports the database in /ready', async () => {
    const down = await buildApp(fakePool(false), token, 'https://hooks.example.invalid').request('/ready');
    expect(down.status).toBe(503);
    const up = await buildApp(fakePool(true), token, 'https://hooks.example.invalid').request('/ready');
    expect(up.status).toBe(200);
  });

  it('refuses /notes without a token', async () => {
    const res = await buildApp(fakePool(true), token, 'https://hooks.example.invalid').request('/notes');
    expect(res.status).toBe(401);
  });
});
