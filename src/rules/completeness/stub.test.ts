import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './stub.js';

const pkg = { 'package.json': '{"name":"svc","private":true}' };

describe('completeness/stub', () => {
  it('stays silent on guards, abstract bases, unsupported cases and non-service files', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        'export function parse(kind: string) {',
        "  if (kind === 'a') return 1;",
        '  throw new Error(`kind ${kind} is not implemented`);',
        '}',
        'export function codec(name: string) {',
        "  if (name !== 'gzip') throw new Error('brotli is not implemented by this runtime');",
        '  return name;',
        '}',
        'export abstract class Store { load(): string { throw new Error("not implemented"); } }',
        'export class BaseQueue { push(): void { throw new Error("not implemented"); } }',
        'export class Driver { open(): void { throw new Error("Not implemented: override in a subclass"); } }',
        "export const msg = 'not implemented';",
        'module.exports = class Cursor {',
        '  /**',
        '   * Moves to the next token.',
        '   * @abstract',
        '   */',
        '  // eslint-disable-next-line class-methods-use-this',
        '  moveNext() {',
        '    throw new Error("Not implemented.");',
        '  }',
        '};',
        '// throw new Error("not implemented")',
        "export function fail() { throw new Error('payment declined'); }",
        // A helper that throws on purpose for the cases a backend lacks.
        "export function notImplemented() { throw new Error('Not implemented.'); }",
        "export const throwUnsupported = () => { throw new Error('not implemented on ClickHouse'); };",
        "app.get('/x', (c) => c.json({ error: 'Not found' }, 404));",
      ].join('\n'),
      'test/x.test.ts': "export function f() { throw new Error('not implemented'); }\n",
      'scripts/todo.ts': "export function f() { throw new Error('TODO'); }\n",
    })).toEqual([]);
  });

  it('reports stubs: high when exported or a route handler, medium when local', async () => {
    const findings = (await runRule(rule, {
      ...pkg,
      'src/stubs.ts': [
        'export async function refund(_id: string): Promise<void> {',
        "  throw new Error('not implemented');",
        '}',
        'function helper() {',
        "  throw new Error('TODO: write this');",
        '}',
        'export class Payments {',
        '  capture() {',
        "    throw new Error('Method not implemented.');",
        '  }',
        '  private later() {',
        '    throw new NotImplementedError();',
        '  }',
        '}',
        "router.post('/refund', (req, res) => {",
        "  res.status(501).json({ error: 'Not implemented' });",
        '});',
        'export default {',
        '  async fetch() {',
        "    throw new Error('unimplemented');",
        '  },',
        '};',
        'export const sync = () => {',
        "  throw new Error('not implemented yet');",
        '};',
      ].join('\n'),
    })).sort((a, b) => a.location!.line - b.location!.line);
    expect(at(findings)).toEqual(['src/stubs.ts:2', 'src/stubs.ts:5', 'src/stubs.ts:9', 'src/stubs.ts:12', 'src/stubs.ts:16', 'src/stubs.ts:20', 'src/stubs.ts:24']);
    expect(findings.map((f) => f.severity)).toEqual(['high', 'medium', 'high', 'medium', 'high', 'high', 'high']);
    expect(findings.map((f) => f.messageId)).toEqual(['throwsReachable', 'throws', 'throwsReachable', 'throws', 'respondsReachable', 'throwsReachable', 'throwsReachable']);
    expect(findings[4].message).toBe('stub: responds "Not implemented"; reachable as route handler (.post)');
    expect(findings[0].message).toBe('stub: throws Error("not implemented"); reachable as exported function');
  });
});

describe('completeness/stub, judged on the link', () => {
  it('keeps a stub a production entry reaches high, and lowers one that only tests or nothing reach', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","private":true,"main":"src/index.ts","scripts":{"start":"node src/index.ts"}}',
      'src/index.ts': "import { refund } from './billing.js';\nrefund('x');\n",
      'src/billing.ts': [
        'export function refund(_id: string): void {',
        "  throw new Error('not implemented');",
        '}',
        'export function payout(_id: string): void {',
        "  throw new Error('not implemented');",
        '}',
        'export class Mapper {',
        '  toResponse(): never {',
        "    throw new Error('Method not implemented.');",
        '  }',
        '}',
      ].join('\n'),
      'test/billing.test.ts': "import { payout } from '../src/billing.js';\nit('pays', () => payout('y'));\n",
    });
    const by = (line: number) => findings.find((f) => f.location?.path === 'src/billing.ts' && f.location?.line === line);
    expect(by(2)).toMatchObject({ severity: 'high' });
    expect(by(2)!.message).toMatch(/reachable as exported function$/);
    expect(by(5)).toMatchObject({ severity: 'low' });
    expect(by(5)!.message).toMatch(/no production entry reaches it \(called from tests only\)/);
    expect(by(9)).toMatchObject({ severity: 'low' });
    expect(by(9)!.message).toMatch(/no production entry reaches it \(0 callers from production entries\)/);
  });
});
