import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './missing-entrypoint.js';

const repo = (entry: string, mainSrc: string) => ({
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['workers/*'] }),
  'workers/api/package.json': '{"name":"api","private":true}',
  'workers/api/wrangler.toml': ['name = "api"', 'main = "src/index.ts"', '', '[[services]]', 'binding = "AUTH"', 'service = "auth"', `entrypoint = "${entry}"`, ''].join('\n'),
  'workers/api/src/index.ts': 'export default { fetch() { return new Response("ok"); } };\n',
  'workers/auth/package.json': '{"name":"auth","private":true}',
  'workers/auth/wrangler.jsonc': '{ "name": "auth", "main": "./src/index.ts" }\n',
  'workers/auth/src/index.ts': mainSrc,
  'workers/auth/src/rpc.ts': "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport class SessionRpc extends WorkerEntrypoint {}\n",
});

describe('completeness/missing-entrypoint', () => {
  it('stays silent when the target exports the entrypoint directly or through a re-export', async () => {
    expect(await runRule(rule, repo('AuthRpc', 'export class AuthRpc {}\nexport default { fetch() {} };\n'))).toEqual([]);
    expect(await runRule(rule, repo('SessionRpc', "export * from './rpc.js';\nexport default {};\n"))).toEqual([]);
    expect(await runRule(rule, repo('SessionRpc', "export { SessionRpc } from './rpc';\n"))).toEqual([]);
  });

  it('is unknown, not a pass, when the target worker is not in the repository', async () => {
    const files = repo('AuthRpc', '');
    const run = await auditFiles({ ...files, 'workers/auth/wrangler.jsonc': '{ "name": "other", "main": "src/index.ts" }' }, { rules: [rule] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === rule.id)?.status).toBe('unknown');
  });

  it('reports the binding whose entrypoint the target does not export', async () => {
    const findings = await runRule(rule, repo('AuthRpc', 'export class AuthService {}\nexport default {};\n'));
    expect(at(findings)).toEqual(['workers/api/wrangler.toml:5']);
    expect(findings[0].severity).toBe('high');
    expect(findings[0].evidence[0]).toMatchObject({ kind: 'note', text: 'workers/auth/src/index.ts exports: AuthService, default' });
  });
});
