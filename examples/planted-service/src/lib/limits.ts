import rateLimit from 'express-rate-limit';

export const loginLimiter = rateLimit({ windowMs: 60_000, limit: 5 });
