import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { rateLimiter } from 'hono-rate-limiter';
import type pg from 'pg';
import { ping } from './lib/db.js';
import { notesRoutes } from './routes/notes.js';

export function buildApp(pool: pg.Pool, token: string, notifyUrl: string): Hono {
  const app = new Hono();
  app.use('*', secureHeaders());
  app.use('*', rateLimiter({
    windowMs: 60_000,
    limit: 120,
    standardHeaders: 'draft-7',
    keyGenerator: (c) => c.req.header('x-forwarded-for') ?? 'local',
  }));

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    const dbOk = await ping(pool).catch(() => false);
    return c.json({ database: dbOk ? 'ok' : 'down' }, dbOk ? 200 : 503);
  });

  app.route('/notes', notesRoutes(pool, token, notifyUrl));
  return app;
}
