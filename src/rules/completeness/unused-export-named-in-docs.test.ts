import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './unused-export-named-in-docs.js';

const pkg = { 'package.json': '{"name":"svc","private":true}' };
const lib = [
  'export function auditLogEvent(e: string) { return e; }',
  'export function rotateApiKeys() { return 1; }',
  'export function verifySignature() { return true; }',
  'export async function GET() { return new Response("ok"); }',
].join('\n');

describe('completeness/unused-export-named-in-docs', () => {
  it('stays silent when the function is imported, called, passed on, or the docs do not claim use', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/lib/security.ts': lib,
      'src/server.ts': "import { auditLogEvent } from './lib/security.js';\nauditLogEvent('boot');\napp.use(sec.rotateApiKeys);\n",
      'src/hooks.ts': "export const hooks = { verify: verifySignature };\n",
      'README.md': '# svc\n\n- `auditLogEvent()` is called on every login\n- `rotateApiKeys` is used by the nightly job\n- `verifySignature` is wired into the webhook\n- `GET` handles health checks\n',
    })).toEqual([]);
    expect(await runRule(rule, {
      ...pkg,
      'src/lib/security.ts': lib,
      'README.md': '# svc\n\nSee `rotateApiKeys` for the key format.\n',
      'CHANGELOG.md': '- `rotateApiKeys` is now used by the cron job\n',
    })).toEqual([]);
    expect(await runRule(rule, {
      'package.json': '{"name":"lib","main":"index.js"}',
      'src/lib/security.ts': lib,
      'README.md': '`rotateApiKeys` is used to rotate keys\n',
    })).toEqual([]);
  });

  it('reports an exported function nothing calls while a doc says it is used', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/lib/security.ts': lib,
      'src/server.ts': "import { verifySignature } from './lib/security.js';\nverifySignature();\n",
      'docs/READINESS.md': '# Readiness\n\n| Audit logging | ✅ | `auditLogEvent()` called on every admin action |\n',
    });
    expect(at(findings)).toEqual(['src/lib/security.ts:1']);
    expect(findings[0].evidence[0]).toMatchObject({ kind: 'file', path: 'docs/READINESS.md', line: 3 });
    expect(findings[0].severity).toBe('medium');
  });
});
