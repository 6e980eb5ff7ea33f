import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './strict-off.js';

const src = { 'package.json': '{"name":"svc"}', 'src/index.ts': 'export const a = 1;\n' };

describe('types/strict-off', () => {
  it('stays silent when strict is on, directly, through extends or an @tsconfig base', async () => {
    expect(await runRule(rule, { ...src, 'tsconfig.json': '{\n  "compilerOptions": {\n    // strict everywhere\n    "strict": true\n  }\n}\n' })).toEqual([]);
    expect(await runRule(rule, {
      ...src,
      'tsconfig.base.json': '{ "compilerOptions": { "strict": true } }',
      'tsconfig.json': '{ "extends": "./tsconfig.base", "include": ["src"] }',
      // a test-only config may relax things
      'tsconfig.test.json': '{ "compilerOptions": { "strict": false }, "include": ["src", "test"] }',
    })).toEqual([]);
    expect(await runRule(rule, { ...src, 'tsconfig.json': '{ "extends": "@tsconfig/node20/tsconfig.json" }' })).toEqual([]);
    // strict's two main flags set one by one
    expect(await runRule(rule, { ...src, 'tsconfig.json': '{ "compilerOptions": { "noImplicitAny": true, "strictNullChecks": true } }' })).toEqual([]);
    // a config for type tests only (tsd)
    expect(await runRule(rule, { ...src, 'tsconfig.json': '{ "compilerOptions": { "strict": true } }', 'types/tsconfig.json': '{ "files": ["index.d.ts", "index.test-d.ts"] }', 'types/index.test-d.ts': 'x;\n' })).toEqual([]);
    // a tsconfig that covers no service code (only tests)
    expect(await runRule(rule, { ...src, 'tsconfig.json': '{ "compilerOptions": { "strict": true } }', 'e2e/tsconfig.json': '{ "compilerOptions": {} }', 'e2e/a.spec.ts': 'x;\n' })).toEqual([]);
  });

  it('is unknown when strict comes from a base it cannot read', async () => {
    const run = await auditFiles({ ...src, 'tsconfig.json': '{ "extends": "@company/tsconfig" }' }, { rules: [rule] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === rule.id)?.status).toBe('unknown');
    // A published base verdict knows (knowledge/tsconfig-bases.ts) is read without node_modules; one it does not know stays unknown.
    const astro = await auditFiles({ ...src, 'tsconfig.json': '{ "extends": "astro/tsconfigs/strict", "include": ["src"] }' }, { rules: [rule] });
    expect(astro.outcomes.find((o) => o.ruleId === rule.id)?.status).toBe('pass');
    const base = await auditFiles({ ...src, 'tsconfig.json': '{ "extends": "astro/tsconfigs/base", "include": ["src"] }' }, { rules: [rule] });
    expect(base.outcomes.find((o) => o.ruleId === rule.id)?.status).toBe('unknown');
  });

  it('reads a base from a workspace package in the repository, without node_modules (strict on: silent; off: reported at the base)', async () => {
    const repo = (strict: boolean) => ({
      'package.json': '{"name":"root","private":true,"workspaces":["apps/*","packages/*"]}',
      'packages/tsconfig/package.json': '{"name":"@acme/tsconfig","private":true}',
      'packages/tsconfig/base.json': `{\n  "compilerOptions": {\n    "strict": ${strict}\n  }\n}\n`,
      'apps/api/package.json': '{"name":"api"}',
      'apps/api/src/index.ts': 'export const a = 1;\n',
      'apps/api/tsconfig.json': '{ "extends": "@acme/tsconfig/base.json", "include": ["src"] }',
    });
    const on = await auditFiles(repo(true), { rules: [rule] });
    expect(on.findings).toEqual([]);
    expect(on.outcomes.filter((o) => o.ruleId === rule.id).map((o) => o.status)).not.toContain('unknown');
    const off = await runRule(rule, repo(false));
    expect(at(off)).toEqual(['packages/tsconfig/base.json:3']);
  });

  it('reports strict false, strict never set, and weakening flags at the tsconfig line', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"root","private":true,"workspaces":["apps/*"]}',
      'apps/a/package.json': '{"name":"a"}',
      'apps/a/src/index.ts': 'export const a = 1;\n',
      'apps/a/tsconfig.json': '{\n  "extends": "../../tsconfig.base.json",\n  "include": ["src"]\n}\n',
      'tsconfig.base.json': '{\n  "compilerOptions": {\n    "target": "ES2022",\n    "strict": false\n  }\n}\n',
      'apps/b/package.json': '{"name":"b"}',
      'apps/b/src/index.ts': 'export const b = 1;\n',
      'apps/b/tsconfig.json': '{\n  "compilerOptions": {\n    "target": "ES2022"\n  }\n}\n',
      'apps/c/package.json': '{"name":"c"}',
      'apps/c/src/index.ts': 'export const c = 1;\n',
      'apps/c/tsconfig.json': '{\n  "compilerOptions": {\n    "strict": true,\n    "strictNullChecks": false\n  }\n}\n',
    });
    expect(at(findings)).toEqual(['apps/b/tsconfig.json:2', 'apps/c/tsconfig.json:4', 'tsconfig.base.json:4']);
    expect(findings.map((f) => f.package)).toEqual(['b', 'c', 'a']);
    expect(findings.map((f) => f.messageId)).toEqual(['notEnabled', 'weakened', 'strictFalseInherited']);
    expect(findings[2].message).toBe('"strict": false in tsconfig.base.json, inherited by apps/a/tsconfig.json (1 service file(s))');
    expect(findings[0].severity).toBe('medium');
  });
});
