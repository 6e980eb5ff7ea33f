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
});
