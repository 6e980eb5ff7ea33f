import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './http-timeout.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('reliability/http-timeout', () => {
  it('stays silent on calls with a signal or timeout, service bindings, relative URLs, tests and client code', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        "import axios from 'axios';",
        "import got from 'got';",
        'const opts = { signal: AbortSignal.timeout(5000) };',
        'const api = axios.create({ baseURL: "https://x", timeout: 5000 });',
        'export async function f(env: any, url: string, init: RequestInit) {',
        '  await fetch(url, { signal: AbortSignal.timeout(5000) });',
        '  await fetch(url, opts);',
        '  await fetch(url, init);',
        '  await fetch(url, { ...init, method: "POST" });',
        '  await env.AUTH.fetch(url);',
        '  await api.get("/users");',
        '  await axios.get(url, { timeout: 3000 });',
        '  await axios.post(url, { a: 1 }, { signal: AbortSignal.timeout(1000) });',
        '  await got(url, { timeout: { request: 5000 } });',
        '  axios.isAxiosError(url);',
        '}',
      ].join('\n'),
      'src/client.ts': "'use client';\nexport const load = () => fetch('https://api.example.com');\n",
      'src/ui.tsx': "export const load = () => fetch('https://api.example.com');\n",
      'src/rel.ts': "export const load = () => fetch('/api/users');\n",
      'public/js/api.js': "export const load = (u) => fetch(u);\n",
      'test/x.test.ts': "await fetch('https://example.com');\n",
    })).toEqual([]);
  });

  it('accepts a process-wide axios.defaults.timeout set in another file, and options changed after their declaration', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/server.ts': "import axios from 'axios';\naxios.defaults.timeout = 30_000;\n",
      'src/notify.ts': [
        "import axios from 'axios';",
        'export async function n(url: string) {',
        '  await axios.get(url);',
        '  let config = { headers: {} };',
        '  config = withProxy(config);',
        '  await fetch(url, config);',
        '  const opts: RequestInit = {};',
        '  opts.signal = AbortSignal.timeout(1000);',
        '  await fetch(url, opts);',
        '}',
      ].join('\n'),
    })).toEqual([]);
  });

  it('reports fetch, axios, got and undici calls without a deadline', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/bad.ts': [
        "import axios from 'axios';",
        "import got from 'got';",
        "import { request } from 'undici';",
        'export async function g(url: string) {',
        '  await fetch(url);',
        '  await fetch(url, { method: "POST", body: "x" });',
        '  await axios.get(url);',
        '  await axios.post(url, { a: 1 }, { headers: {} });',
        '  await axios({ url, method: "get" });',
        '  const client = axios.create({ baseURL: url });',
        '  await got.post(url, { json: {} });',
        '  await request(url);',
        '}',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/bad.ts:5', 'src/bad.ts:6', 'src/bad.ts:7', 'src/bad.ts:8', 'src/bad.ts:9', 'src/bad.ts:10', 'src/bad.ts:11', 'src/bad.ts:12']);
  });

  it('knows each client by its import, not by the name it is given, and the global fetch from a fetch of the file', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/alias.ts': [
        "import http from 'axios';",
        "const gotClient = require('got');",
        "import { request as send } from 'undici';",
        'export async function h(url: string) {',
        '  await http.get(url);',
        '  await gotClient(url);',
        '  await send(url);',
        '}',
      ].join('\n'),
      // A fetch of the file's own (a wrapper with its own deadline) is no global fetch; one in another function is.
      'src/own.ts': [
        'export async function list(url: string) {',
        '  const fetch = (u: string) => withDeadline(u);',
        '  return fetch(url);',
        '}',
        'export const raw = (url: string) => fetch(url);',
      ].join('\n'),
      // A same-named axios that is no import of axios, and a deadline written in a comment only.
      'src/other.ts': "// axios.defaults.timeout = 5000\nexport function k(axios: any, url: string) { return axios.get(url); }\n",
    });
    expect(at(findings)).toEqual(['src/alias.ts:5', 'src/alias.ts:6', 'src/alias.ts:7', 'src/own.ts:5']);
  });

  it('options whose fields the file writes (an element write, Object.assign) cannot be seen, so nothing is reported', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/opts.ts': [
        'export async function m(url: string) {',
        '  const a: RequestInit = {};',
        "  a['signal'] = AbortSignal.timeout(1000);",
        '  await fetch(url, a);',
        '  const b: RequestInit = { method: "GET" };',
        '  Object.assign(b, defaults);',
        '  await fetch(url, b);',
        '}',
      ].join('\n'),
    })).toEqual([]);
  });
});
