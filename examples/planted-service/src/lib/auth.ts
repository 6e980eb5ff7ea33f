import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';

export function hashPassword(password: string): string {
  return createHash('md5').update(password).digest('hex');
}

export function newSessionToken(): string {
  return Math.random().toString(36).slice(2);
}

export function verifyToken(token: string) {
  return jwt.verify(token, process.env.JWT_SECRET as string);
}

export function requireAdmin(req: { headers: Record<string, string | undefined> }, res: { status(code: number): { end(): void } }, next: () => void) {
  if (req.headers.authorization !== `Bearer ${process.env.ADMIN_TOKEN}`) return res.status(401).end();
  next();
}
