import { serve } from '@hono/node-server';
import { buildApp } from './app.js';
import { createPool } from './lib/db.js';
import { loadEnv } from './env.js';
import { logger } from './lib/logger.js';

const env = loadEnv();
const pool = createPool(env.DATABASE_URL);
const app = buildApp(pool, env.API_TOKEN, env.NOTIFY_URL);
const server = serve({ fetch: app.fetch, port: env.PORT }, (info) => logger.info({ port: info.port }, 'notes-api listening'));

process.on('unhandledRejection', (reason) => {
  logger.error({ reason }, 'unhandled rejection');
});
process.on('uncaughtException', (err) => {
  logger.fatal({ err }, 'uncaught exception');
  process.exit(1);
});

function shutdown(signal: string): void {
  logger.info({ signal }, 'shutting down');
  server.close(() => {
    pool.end().then(() => process.exit(0), () => process.exit(1));
  });
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
