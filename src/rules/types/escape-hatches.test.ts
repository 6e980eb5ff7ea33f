import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './escape-hatches.js';

describe('types/escape-hatches', () => {
  it('passes with zero counts; any in comments, strings, tests and JS files is not counted', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc"}',
      'src/a.ts': '// many companies use any: framework\nexport const s: string = "as any, many";\nexport const n: unknown = 1;\n',
      'src/a.test.ts': 'const x = 1 as any;\n// @ts-ignore\nconst y: any = 2;\n',
      'src/b.js': 'const z = 1; // @ts-ignore is meaningless here? counted only in TS files\n',
      'src/types.d.ts': 'declare const q: any;\n',
    }, { rules: [rule] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === rule.id)).toMatchObject({ status: 'pass', package: 'svc' });
  });

  it('reports counts per package with figures and the top files', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc"}',
      'src/a.ts': [
        'export function f(x: any): any[] {',
        '  // @ts-ignore',
        '  return (x as any).y;',
        '}',
        '/* @ts-expect-error legacy */',
        'export const g = f(1);',
      ].join('\n'),
      'src/b.tsx': 'export const h = (p: Record<string, any>) => p;\n',
      'src/c.test.ts': 'const x: any = 1;\n',
    }, { rules: [rule] });
    const f = run.findings.filter((x) => x.ruleId === rule.id);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'info', package: 'svc', location: null });
    expect(f[0].evidence.filter((e) => e.kind === 'figure')).toEqual([
      { kind: 'figure', name: 'any', value: 4 },
      { kind: 'figure', name: 'ts-ignore', value: 1 },
      { kind: 'figure', name: 'ts-expect-error', value: 1 },
      { kind: 'figure', name: 'files', value: 2 },
    ]);
    expect(f[0].evidence.filter((e) => e.kind === 'file').map((e) => e.kind === 'file' && `${e.path}:${e.line}`)).toEqual(['src/a.ts:1', 'src/b.tsx:1']);
  });
});
