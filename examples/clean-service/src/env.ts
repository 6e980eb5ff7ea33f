import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().default(3000),
  DATABASE_URL: z.string().url(),
  API_TOKEN: z.string().min(32),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  NOTIFY_URL: z.string().url(),
});

export type Env = z.infer<typeof Env>;

/** Fails fast at startup with every missing or malformed variable named. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  return Env.parse(source);
}
