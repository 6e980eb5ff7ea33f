// How each framework is told to trust the proxy in front of it. Set to `true`, it believes the
// X-Forwarded-For / X-Forwarded-Proto a caller sends from anywhere: `req.ip`, IP-keyed rate limits
// and audit logs then hold whatever address the caller claims. A hop count or an address list is
// the precise setting.

export interface TrustProxySetting {
  package: string;
  /** `option`: a key of the options the app is created with; `setting`: `app.set(name, value)`. */
  how: 'option' | 'setting';
  name: string;
  example: string;
  source: string;
}

export const TRUST_PROXY_SETTINGS: readonly TrustProxySetting[] = [
  { package: 'fastify', how: 'option', name: 'trustProxy', example: "import Fastify from 'fastify'; const app = Fastify({ trustProxy: true });", source: 'https://fastify.dev/docs/latest/Reference/Server/#trustproxy' },
  { package: 'koa', how: 'option', name: 'proxy', example: "import Koa from 'koa'; const app = new Koa({ proxy: true });", source: 'https://koajs.com/#settings' },
  { package: 'express', how: 'setting', name: 'trust proxy', example: "import express from 'express'; const app = express(); app.set('trust proxy', true);", source: 'https://expressjs.com/en/guide/behind-proxies.html' },
];

/** The trust-proxy option of the app a package creates, or null. */
export function trustProxyOption(pkg: string): string | null {
  return TRUST_PROXY_SETTINGS.find((s) => s.package === pkg && s.how === 'option')?.name ?? null;
}

/** Whether `app.set(name, ...)` is a framework's trust-proxy setting. */
export function isTrustProxySetting(name: string): boolean {
  return TRUST_PROXY_SETTINGS.some((s) => s.how === 'setting' && s.name === name);
}
