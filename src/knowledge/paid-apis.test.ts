import { describe, expect, it } from 'vitest';
import { PAID_APIS, paidCallOf, paidClientOf } from './paid-apis.js';

describe('knowledge/paid-apis', () => {
  it('every entry spends through the call its example makes', () => {
    for (const a of PAID_APIS) {
      expect(a.example, a.package).toMatch(a.functions ? new RegExp(`${a.functions[0]}\\(`) : /\.\w+\(/);
      for (const s of a.spends) expect(paidCallOf(a.package, a.clients[0], s.split('.'))?.call, `${a.package} ${s}`).toBe(`${a.package}.${s}`);
      for (const f of a.functions ?? []) expect(paidCallOf(a.package, f, [])?.call).toBe(`${a.package}.${f}`);
      for (const c of a.clients) expect(paidClientOf(a.package, c)).toBe(a);
    }
  });

  it('a reference naming only the first member reads as the path it starts; the full path must be one that spends', () => {
    expect(paidCallOf('openai', 'default', ['chat'])?.call).toBe('openai.chat.completions.create');
    expect(paidCallOf('twilio', 'default', ['messages', 'list'])).toBeNull();
    expect(paidCallOf('openai', 'default', ['files', 'create'])).toBeNull();
    expect(paidCallOf('@sendgrid/mail', 'default', ['setApiKey'])).toBeNull();
  });

  it('another package, another export, or a client made but not used spends nothing', () => {
    expect(paidCallOf('openai-like', 'default', ['chat'])).toBeNull();
    expect(paidCallOf('openai', 'toFile', ['chat'])).toBeNull();
    expect(paidCallOf('openai', 'default', [])).toBeNull();
    expect(paidCallOf('ai', 'tool', [])).toBeNull();
    expect(paidClientOf('resend', 'default')).toBeNull();
  });
});
