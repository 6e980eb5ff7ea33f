// A local stand-in for the registry's advisory endpoints, on 127.0.0.1: npm posts to
// /-/npm/v1/security/advisories/bulk, pnpm (and yarn 1) to /-/npm/v1/security/audits[/quick].
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export type AdvisoryMode = 'advisories' | 'refuse';

export interface AdvisoryServer {
  url: string;
  requests: Array<{ method: string; path: string; body: string }>;
  close(): Promise<void>;
}

const ADVISORIES = [
  { id: 1001, module_name: 'minimist', title: 'Prototype Pollution in minimist', severity: 'critical', vulnerable_versions: '<1.2.6', url: 'https://example.test/advisories/1001' },
  { id: 1002, module_name: 'left-pad', title: 'Regular expression denial of service in left-pad', severity: 'moderate', vulnerable_versions: '<1.3.0', url: 'https://example.test/advisories/1002' },
];

function bulk(): unknown {
  const out: Record<string, unknown[]> = {};
  for (const a of ADVISORIES) (out[a.module_name] ??= []).push({ id: a.id, url: a.url, title: a.title, severity: a.severity, vulnerable_versions: a.vulnerable_versions, cwe: [], cvss: { score: 0, vectorString: null } });
  return out;
}

function v6(): unknown {
  const advisories: Record<string, unknown> = {};
  for (const a of ADVISORIES) {
    advisories[a.id] = { ...a, findings: [{ version: a.module_name === 'minimist' ? '1.2.0' : '1.1.0', paths: [a.module_name] }], patched_versions: '>=9', cves: [], access: 'public', overview: a.title, recommendation: 'upgrade' };
  }
  return {
    actions: [], advisories, muted: [],
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 0, critical: 1 }, dependencies: 2, devDependencies: 0, optionalDependencies: 0, totalDependencies: 2 },
  };
}

export async function startAdvisoryServer(mode: AdvisoryMode): Promise<AdvisoryServer> {
  const requests: AdvisoryServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip' || (body[0] === 0x1f && body[1] === 0x8b)) body = gunzipSync(body);
      requests.push({ method: req.method ?? '', path: req.url ?? '', body: body.toString('utf8') });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (mode === 'refuse') return send(405, { error: 'Method Not Allowed' });
      if (req.url?.startsWith('/-/npm/v1/security/advisories/bulk')) return send(200, bulk());
      if (req.url?.startsWith('/-/npm/v1/security/audits')) return send(200, v6());
      return send(404, { error: 'Not found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
