import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lazyScope, requireOf } from '../collect/scope.js';
import { ERROR_EMITTING_CLIENTS, errorEmittingClient } from './client-errors.js';

/** How the example makes its client, resolved through its imports: the knowledge entry it names, or null. */
function madeIn(example: string) {
  const sf = ts.createSourceFile('x.ts', example, ts.ScriptTarget.Latest, true);
  const scope = lazyScope(() => sf);
  let found = null;
  const importOf = (e: ts.Expression) => {
    if (!ts.isIdentifier(e)) return null;
    const b = scope.resolve(e);
    return b ? (b.kind === 'import' ? b : requireOf(b)) : null;
  };
  const visit = (n: ts.Node): void => {
    if (ts.isNewExpression(n) || ts.isCallExpression(n)) {
      const how = ts.isNewExpression(n) ? 'new' : 'call';
      const direct = importOf(n.expression);
      if (direct) found ??= errorEmittingClient(direct.from, direct.imported, how);
      else if (how === 'call' && ts.isPropertyAccessExpression(n.expression)) {
        const mod = importOf(n.expression.expression);
        if (mod) found ??= errorEmittingClient(mod.from, mod.imported, 'member', n.expression.name.text);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('ERROR_EMITTING_CLIENTS', () => {
  it.each(ERROR_EMITTING_CLIENTS.map((c) => [`${c.package} ${c.how} ${c.export}`, c] as const))('%s: its example makes it and listens for error', (_k, c) => {
    expect(madeIn(c.example)).toBe(c);
    expect(c.example).toContain(".on('error'");
    expect(c.source).toMatch(/^https:\/\//);
  });

  it('says which libraries throw an unlistened error and which only log it', () => {
    expect(errorEmittingClient('pg', 'Pool', 'new')?.unlistened).toBe('throws');
    expect(errorEmittingClient('redis', 'createClient', 'call')?.unlistened).toBe('throws');
    // ioredis checks for listeners and prints instead of emitting.
    expect(errorEmittingClient('ioredis', 'default', 'new')?.unlistened).toBe('logged');
    expect(errorEmittingClient('pg', 'Pool', 'call')).toBeNull();
    expect(errorEmittingClient('mysql2', 'createPool', 'call')).toBeNull();
  });
});
