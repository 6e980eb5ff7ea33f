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
        // A helper that throws on purpose for the cases a backend lacks (umami's src/lib/db.ts).
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
