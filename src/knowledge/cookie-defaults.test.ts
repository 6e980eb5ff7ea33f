import { describe, expect, it } from 'vitest';
import { COOKIE_SETTER_DEFAULTS, SESSION_MIDDLEWARE_COOKIES, sessionMiddlewareCookieOf } from './cookie-defaults.js';

describe('knowledge/cookie-defaults', () => {
  it('finds each middleware by its module, through a default or a namespace import, and nothing else', () => {
    for (const s of SESSION_MIDDLEWARE_COOKIES) {
      expect(sessionMiddlewareCookieOf(s.module, 'default')).toBe(s);
      expect(sessionMiddlewareCookieOf(s.module, '*')).toBe(s);
      expect(s.example).toContain(s.module);
    }
    expect(sessionMiddlewareCookieOf('express-session', 'Store')).toBeNull();
    expect(sessionMiddlewareCookieOf('express', 'default')).toBeNull();
  });
  it('records that express-session and cookie-session leave secure off by default', () => {
    expect(sessionMiddlewareCookieOf('express-session', 'default')?.defaults).toEqual({ httpOnly: true, secure: false });
    expect(sessionMiddlewareCookieOf('express-session', 'default')?.cookieKey).toBe('cookie');
    expect(sessionMiddlewareCookieOf('cookie-session', 'default')?.cookieKey).toBeNull();
  });
  it('records that Koa cookies are httpOnly but not secure by default', () => {
    expect(COOKIE_SETTER_DEFAULTS.find((c) => c.module === 'koa')?.defaults).toEqual({ httpOnly: true, secure: false });
  });
});
