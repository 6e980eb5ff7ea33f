import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './in-memory-rate-limit.js';

const limiter = [
  'const attempts = new Map<string, number[]>();',
  'export function limited(ip: string): boolean {',
  '  const now = Date.now();',
  '  const hits = (attempts.get(ip) ?? []).filter((t) => now - t < 60_000);',
  '  attempts.set(ip, [...hits, now]);',
  '  return hits.length > 10;',
  '}',
].join('\n');

describe('security/in-memory-rate-limit', () => {
  it('stays silent in a long-running Node server and on other maps', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","dependencies":{"express":"4"}}',
      'src/limit.ts': limiter,
      'src/cache.ts': 'const users = new Map();\nexport const now = Date.now();\n',
    });
    expect(findings).toEqual([]);
  });

  it('reports a Map-based limiter in a Workers package', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","devDependencies":{"wrangler":"4"}}',
      'wrangler.toml': 'name = "w"\nmain = "src/limit.ts"\n',
      'src/limit.ts': limiter,
    });
    expect(at(findings)).toEqual(['src/limit.ts:1']);
    expect(findings[0].messageId).toBe('perInstanceCounters');
    expect(findings[0].message).toContain('cloudflare-workers');
  });
});
