import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SCAFFOLD_TESTS } from '../../knowledge/index.js';
import { testContentOf } from './test-content.js';

const parse = (code: string) => ts.createSourceFile('a.spec.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
// The setup a generated spec has around its one test: a testing module and the instance it gives.
const setup = "let service: any; let appController: any; let app: any;\nbeforeEach(async () => { const m = await Test.createTestingModule({}).compile(); service = m.get(S); appController = m.get(C); });\n";
const counts = (code: string) => { const c = testContentOf(parse(code)); return { tests: c.tests, scaffold: c.scaffold, empty: c.empty }; };

describe('test content', () => {
  it.each(SCAFFOLD_TESTS.map((t) => [t.example, t] as const))('the knowledge example %s reads as scaffold', (_e, t) => {
    const test = t.example.startsWith('it(') ? t.example : `it('x', async () => { ${t.example} });`;
    const c = testContentOf(parse(setup + test));
    expect(c).toMatchObject({ tests: 1, scaffold: 1, shapes: [t.shape] });
  });

  it('a real assertion, a call of the code, or a matcher through .not makes a test real', () => {
    expect(counts(setup + "it('x', () => { expect(service.total([1, 2])).toBe(3); });")).toEqual({ tests: 1, scaffold: 0, empty: 0 });
    expect(counts(setup + "it('x', () => { service.reset(); expect(service).toBeDefined(); });")).toEqual({ tests: 1, scaffold: 0, empty: 0 });
    expect(counts(setup + "it('x', () => { expect(service).not.toBeDefined(); });")).toEqual({ tests: 1, scaffold: 0, empty: 0 });
    expect(counts(setup + "it('x', () => request(app.getHttpServer()).get('/users').expect(200).expect([]));")).toEqual({ tests: 1, scaffold: 0, empty: 0 });
    expect(counts(setup + "it('x', () => request(app.getHttpServer()).get('/health').expect(200));")).toEqual({ tests: 1, scaffold: 0, empty: 0 });
  });

  it('toBeDefined on an instance is scaffold only where a testing module gave it', () => {
    expect(counts("let s: any;\nbeforeEach(() => { s = m.get(S); });\nit('x', () => { expect(s).toBeDefined(); });")).toMatchObject({ scaffold: 0 });
    expect(counts("let s = create();\nit('x', () => { expect(s).toBeDefined(); });\nconst m = Test.createTestingModule({});")).toMatchObject({ scaffold: 0 });
  });

  it('counts empty tests and ignores todo calls without a callback', () => {
    expect(counts("it('a', () => {});\nit.todo('b');\ntest.each([1])('c %d', (n) => { expect(n).toBe(1); });")).toEqual({ tests: 2, scaffold: 0, empty: 1 });
  });
});
