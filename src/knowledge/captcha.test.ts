import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lazyScope } from '../collect/scope.js';
import { nodeFacts } from '../collect/collectors/body-facts.js';
import { CAPTCHA_SERVICES, captchaClientOf, captchaEndpointOf } from './index.js';

const factsOf = (code: string) => {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return nodeFacts(sf, lazyScope(() => sf));
};

describe('CAPTCHA services', () => {
  it('each entry\'s example asks its service: body facts name it, with the line', () => {
    for (const s of CAPTCHA_SERVICES) expect(factsOf(`async function f(form) {\n  ${s.example};\n}`).captcha, s.service).toEqual({ service: s.service, line: 2 });
  });

  it('endpoints are matched by host and path, clients by package and export', () => {
    expect(captchaEndpointOf('https://hcaptcha.com/siteverify')?.service).toBe('hCaptcha');
    expect(captchaEndpointOf('https://www.google.com/recaptcha/api/siteverify?secret=')?.service).toBe('Google reCAPTCHA');
    expect(captchaEndpointOf('https://example.test/siteverify')).toBeNull();
    expect(captchaEndpointOf('https://challenges.cloudflare.com/cdn-cgi/challenge-platform')).toBeNull();
    expect(captchaClientOf('hcaptcha', 'verify')?.service).toBe('hCaptcha');
    expect(captchaClientOf('jsonwebtoken', 'verify')).toBeNull();
    expect(factsOf("import { verify } from 'hcaptcha';\nconst r = await verify(secret, token);").captcha).toEqual({ service: 'hCaptcha', line: 2 });
  });

  it('an `if` that ends the request on the answer\'s success is a gate; one that does not end it, or tests something else, is not', () => {
    expect(factsOf('async function f(d) { if (!d.success) return new Response(null, { status: 403 }); }').successGate).toBe(true);
    expect(factsOf("async function f(d) { const { success } = d; if (!success) throw new Error('captcha'); }").successGate).toBe(true);
    expect(factsOf("async function f(d) { if (!d.success) console.warn('captcha failed'); }").successGate).toBeUndefined();
    expect(factsOf('async function f(d) { if (!d.ok) return null; }').successGate).toBeUndefined();
    expect(factsOf('async function f(t) { const ok = await verifyHuman(t); if (!ok) return null; }').gateCalls).toEqual(['verifyHuman']);
  });
});
