// Outbound HTTP clients: which argument of a call is the URL it requests, or the option holding it.
// A URL the requester chooses there makes the server fetch what they name (server-side request
// forgery): internal services, cloud metadata endpoints, other tenants' hooks.

export interface HttpClientCall {
  /** The package (`''` for the runtime's global `fetch`). */
  package: string;
  /** The export, `default`, or `default#method` for a method of the default export (`axios.get`). */
  name: string;
  /** The argument that is the URL (a string or `URL`). */
  url: number;
  /** When that argument is an options object instead: the option holding the URL. */
  option?: string;
  example: string;
  source: string;
}

const AXIOS = 'https://axios-http.com/docs/api_intro';
const GOT = 'https://github.com/sindresorhus/got/blob/main/documentation/2-options.md#url';
const NODE_HTTP = 'https://nodejs.org/api/http.html#httprequesturl-options-callback';

export const HTTP_CLIENT_CALLS: readonly HttpClientCall[] = [
  { package: '', name: 'fetch', url: 0, example: 'await fetch(job.data.url)', source: 'https://developer.mozilla.org/en-US/docs/Web/API/Window/fetch' },
  { package: 'axios', name: 'default', url: 0, option: 'url', example: "import axios from 'axios'; await axios({ url, method: 'post' });", source: AXIOS },
  ...['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'].map((m) => ({
    package: 'axios', name: `default#${m}`, url: 0, ...(m === 'request' ? { option: 'url' } : {}), example: `import axios from 'axios'; await axios.${m}(url);`, source: AXIOS,
  })),
  { package: 'got', name: 'default', url: 0, option: 'url', example: "import got from 'got'; await got(url);", source: GOT },
  ...['get', 'post', 'put', 'patch', 'delete', 'head'].map((m) => ({ package: 'got', name: `default#${m}`, url: 0, example: `import got from 'got'; await got.${m}(url);`, source: GOT })),
  ...['http', 'https', 'node:http', 'node:https'].flatMap((p) => ['request', 'get'].map((m) => ({
    package: p, name: m, url: 0, option: 'hostname', example: `import { ${m} } from '${p}'; ${m}(url, (res) => res.resume());`, source: NODE_HTTP,
  }))),
  ...['http', 'https', 'node:http', 'node:https'].flatMap((p) => ['request', 'get'].map((m) => ({
    package: p, name: `default#${m}`, url: 0, option: 'hostname', example: `import http from '${p}'; http.${m}(url, (res) => res.resume());`, source: NODE_HTTP,
  }))),
  { package: 'undici', name: 'request', url: 0, example: "import { request } from 'undici'; await request(url);", source: 'https://undici.nodejs.org/#/docs/api/Dispatcher?id=dispatcherrequestoptions-callback' },
  { package: 'undici', name: 'fetch', url: 0, example: "import { fetch } from 'undici'; await fetch(url);", source: 'https://undici.nodejs.org/#/?id=undicifetchinput-init-promise' },
  { package: 'node-fetch', name: 'default', url: 0, example: "import fetch from 'node-fetch'; await fetch(url);", source: 'https://github.com/node-fetch/node-fetch#api' },
];

/** The outbound HTTP call `module#export[#method]` (`''#fetch` for the global), or null. */
export function httpClientCall(module: string, name: string): HttpClientCall | null {
  return HTTP_CLIENT_CALLS.find((c) => c.package === module && c.name === name) ?? null;
}

/** Request headers that carry the caller's credential: a value the code sends in one is a key or a token. */
export const HTTP_CREDENTIAL_HEADERS = {
  names: ['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'x-auth-token'],
  example: "await fetch(url, { headers: { Authorization: `Bearer ${process.env.SEARCH_KEY}` } })",
  source: 'https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2 (Authorization); vendor API-key headers (x-api-key)',
} as const;

export function isCredentialHeader(name: string): boolean {
  return (HTTP_CREDENTIAL_HEADERS.names as readonly string[]).includes(name.toLowerCase());
}

/**
 * Client packages whose calls reject when the answer has an error status (4xx/5xx) unless told
 * otherwise: an awaited call of theirs stops the code after it when the other service refuses.
 * `fetch` (global, undici, node-fetch) resolves with any status: only a test of `res.ok` stops it.
 */
export const REJECTING_HTTP_CLIENTS = {
  packages: ['axios', 'got', 'ky', 'ofetch', 'superagent'],
  resolving: ['fetch', 'undici', 'node-fetch'],
  example: "await axios.post(introspectUrl, {}, { headers: { Authorization: req.headers.authorization } }) // throws on 401",
  source: 'https://axios-http.com/docs/handling_errors (validateStatus: 2xx); https://github.com/sindresorhus/got/blob/main/documentation/8-errors.md#httperror; https://github.com/sindresorhus/ky#httperror; https://github.com/unjs/ofetch#%EF%B8%8F-handling-errors; https://ladjs.github.io/superagent/#error-handling; https://developer.mozilla.org/en-US/docs/Web/API/Response/ok',
} as const;

/**
 * Whether a callee (`module#export[#member]` as collectors write it, `fetch` for the global) rejects on an
 * error status: true for the packages above, false for fetch-like ones, null when the client is not known
 * (a value of the app's own, a framework decoration written as `fastify.axios.post`).
 */
export function rejectsOnErrorStatus(callee: string): boolean | null {
  const hash = callee.indexOf('#');
  const module = hash < 0 ? null : callee.slice(0, hash);
  if (module !== null && (REJECTING_HTTP_CLIENTS.packages as readonly string[]).includes(module)) return true;
  if (callee === 'fetch' || callee === '#fetch' || (module !== null && (REJECTING_HTTP_CLIENTS.resolving as readonly string[]).includes(module))) return false;
  return null;
}
