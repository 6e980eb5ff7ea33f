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
