import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findOwnSecrets, isPlaceholder } from '../util/secret-patterns.js';
import { findCookieSecrets } from '../util/session-cookies.js';
import { distinctiveSessionCookie, PROVIDER_SESSION_COOKIES, sessionCookieProviderOfDomain } from './session-cookies.js';

/** A value shaped like a real session cookie, new on every run. */
const live = (): string => `g.a000${randomBytes(24).toString('base64url')}`;
const find = (path: string, text: string) => findCookieSecrets(path, text, isPlaceholder);

describe('knowledge/session-cookies', () => {
  it('names each provider by its distinctive cookies and its domains, and no shared name alone', () => {
    for (const p of PROVIDER_SESSION_COOKIES) {
      for (const n of p.distinctive) expect(distinctiveSessionCookie(n)?.provider, n).toBe(p.provider);
      for (const n of p.shared) expect(distinctiveSessionCookie(n), n).toBeNull();
      for (const d of p.domains) expect(sessionCookieProviderOfDomain(`.${d}`)?.provider, d).toBe(p.provider);
    }
    expect(sessionCookieProviderOfDomain('accounts.google.com')?.provider).toBe('Google');
    expect(sessionCookieProviderOfDomain('notgoogle.com')).toBeNull();
  });
});

describe('committed session cookies (util/session-cookies)', () => {
  it('finds a browser cookie jar exported as JSON, by name and by domain', () => {
    const sid = live();
    const psid = live();
    const jar = JSON.stringify([
      { domain: '.youtube.com', name: 'SID', value: sid, path: '/' },
      { domain: '.youtube.com', name: '__Secure-3PSID', value: psid, path: '/' },
      { domain: '.youtube.com', name: 'PREF', value: 'f6=40000000&hl=en', path: '/' },
    ], null, 2);
    const hits = find('cookies.json', jar);
    expect(hits.map((h) => [h.name, h.provider, h.value])).toEqual([['SID', 'Google', sid], ['__Secure-3PSID', 'Google', psid]]);
    // The offset is the value's: the line of a hit is the line that holds it.
    expect(jar.slice(hits[0].index, hits[0].index + sid.length)).toBe(sid);
  });

  it('finds cookies in source: an object of cookies, a jar entry, a Cookie header', () => {
    const [a, b, c, d] = [live(), live(), live(), live()];
    const src = [
      `const cookies = { SAPISID: '${a}', HSID: '${b}' };`,
      `await page.setCookie({ name: 'LOGIN_INFO', value: '${c}', domain: '.youtube.com' });`,
      `fetch(url, { headers: { Cookie: 'connect.sid=${d}; theme=dark' } });`,
    ].join('\n');
    expect(find('src/scrape.ts', src).map((h) => h.name).sort()).toEqual(['HSID', 'LOGIN_INFO', 'SAPISID', 'connect.sid']);
  });

  it('finds a Netscape cookies.txt', () => {
    const v = live();
    const text = `# Netscape HTTP Cookie File\n.google.com\tTRUE\t/\tTRUE\t1999999999\t__Secure-1PSID\t${v}\n.google.com\tTRUE\t/\tFALSE\t1999999999\tNID\t${live()}\n`;
    expect(find('cookies.txt', text).map((h) => h.name)).toEqual(['__Secure-1PSID']);
  });

  it('stays silent on placeholders, short stand-ins, and shared names with nothing beside them', () => {
    expect(find('cookies.json', JSON.stringify([{ domain: '.youtube.com', name: 'SID', value: 'xxx' }, { domain: '.youtube.com', name: 'HSID', value: '<your-cookie>' }, { domain: '.google.com', name: 'SAPISID', value: 'YOUR_SAPISID_HERE_0123456789' }]))).toEqual([]);
    // A Twilio account SID is no Google cookie: a shared name alone never counts.
    expect(find('src/sms.ts', `const config = { SID: 'AC${randomBytes(16).toString('hex')}' };`)).toEqual([]);
    // A cookie that names no session, sent in a header.
    expect(find('src/a.ts', `fetch(u, { headers: { Cookie: 'theme=dark${randomBytes(12).toString('hex')}' } });`)).toEqual([]);
    // Code that reads a cookie names it without a value.
    expect(find('src/a.ts', "const sid = req.cookies['SAPISID']; res.cookie('SID', token);")).toEqual([]);
  });

  it('is one of the secret scan\'s own detectors, in every file with a path (a test fixture included)', () => {
    const v = live();
    const hits = findOwnSecrets(`[{"name":"li_at","value":"${v}","domain":".www.linkedin.com"}]`, { unquoted: false, generic: false, path: 'test/fixtures/jar.json' });
    expect(hits.map((h) => [h.detector, h.name, h.value])).toEqual([['session-cookie', 'li_at (LinkedIn)', v]]);
  });
});
