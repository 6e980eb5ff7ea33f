import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './duplicate-exported-type.js';

describe('types/duplicate-exported-type', () => {
  it('stays silent on unique names, per-module names, declaration merging, tests and other packages', async () => {
    expect(await runRule(rule, {
      'package.json': '{"name":"root","private":true,"workspaces":["apps/*"]}',
      'apps/a/package.json': '{"name":"a"}',
      'apps/a/src/user.ts': 'export interface User { id: string }\nexport type User = { id: string };\nexport interface Props { a: 1 }\n',
      'apps/a/src/button.tsx': 'export interface Props { b: 2 }\nexport type ButtonKind = "a";\n',
      'apps/a/src/user.test.ts': 'export interface User { id: number }\n',
      'apps/a/src/types.d.ts': 'export interface User { id: number }\n',
      'apps/b/package.json': '{"name":"b"}',
      'apps/b/src/user.ts': 'export interface User { id: number }\n',
      'apps/a/src/doc.ts': '/**\n * export interface User {}\n */\nexport const x = 1;\n',
      // A staging copy of the app repeats its types: an archived copy, not a second declaration.
      'apps/a/src_staging/user.ts': 'export interface User { id: string }\n',
    })).toEqual([]);
  });

  it('reports a type exported from several files of one package at its first declaration', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc"}',
      'src/models/user.ts': 'import x from "y";\n\nexport interface User {\n  id: string;\n}\n',
      'src/routes/users.ts': 'export type User = { id: string; name: string };\n',
      'src/lib/auth.ts': '// auth\nexport declare interface User { id: number }\n',
    });
    expect(at(findings)).toEqual(['src/lib/auth.ts:2']);
    expect(findings[0].severity).toBe('low');
    expect(findings[0].message).toBe('`User` is exported from 3 files: src/lib/auth.ts:2, src/models/user.ts:3, src/routes/users.ts:1');
  });
});
