import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './placeholder-data.js';

const pkg = { 'package.json': '{"name":"svc","private":true}' };

describe('completeness/placeholder-data', () => {
  it('stays silent on real data, status objects, form placeholders, tests, fixtures and seeds', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        "export const health = () => ({ status: 'ok' });",
        'export async function users(db: any) { return db.select().from(users); }',
        "export function field() { return { name: 'email', placeholder: 'you@company.com' }; }",
        "export function sampleRate() { return 0.1; }",
        'export function mocked(mockFn: () => number) { return mockFn(); }',
        'export function pick(xs: number[]) { const sample = xs[0]; const mockLike = xs.map(String); return sample ?? mockLike; }',
        'export function wrap(xs: number[]) { const mockTimer = setTimeout(() => 0, 1); return mockTimer; }',
        "export const contact = () => ({ support: 'support@acme.io' });",
        "export function books(rows: unknown[]) { return { rows, source: 'mock', mode: 'fake' }; }",
        "app.get('/h', (_req, res) => res.json({ ok: true }));",
      ].join('\n'),
      'test/users.test.ts': "export const u = () => [{ name: 'John Doe' }];\n",
      'src/__mocks__/db.ts': "export const u = () => [{ name: 'John Doe' }];\n",
      'src/db/seed.ts': "export const u = () => [{ name: 'Jane Doe', email: 'jane@example.com' }];\n",
    })).toEqual([]);
  });

  it('reports functions and handlers that return placeholder literals or mock-named data', async () => {
    const findings = (await runRule(rule, {
      ...pkg,
      'src/users.ts': [
        "import { mockOrders } from './data.js';",
        'export async function listUsers() {',
        '  return [',
        "    { id: 1, name: 'John Doe', email: 'john@example.com' },",
        "    { id: 2, name: 'Jane Doe', email: 'jane@example.com' },",
        "    { id: 3, name: 'placeholder user' },",
        '  ];',
        '}',
        'export const orders = () => mockOrders;',
        "router.get('/about', (req, res) => {",
        "  res.json({ title: 'About', body: 'Lorem ipsum dolor sit amet' });",
        '});',
      ].join('\n'),
    })).sort((a, b) => a.location!.line - b.location!.line);
    expect(at(findings)).toEqual(['src/users.ts:3', 'src/users.ts:9', 'src/users.ts:11']);
    expect(findings.map((f) => f.messageId)).toEqual(['returns', 'returns', 'respondsWith']);
    expect(findings[0].message).toBe('returns hard-coded placeholder data ("John Doe")');
    expect(findings.every((f) => f.severity === 'medium')).toBe(true);
  });
});
