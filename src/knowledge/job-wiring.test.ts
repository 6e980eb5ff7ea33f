import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ENV_FILE_LOADERS, JOB_SCHEDULERS, jobCall } from './index.js';

/** The method and the string arguments of the first method call in an example. */
function firstCall(code: string): { method: string; args: Array<string | null> } {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let out: { method: string; args: Array<string | null> } | null = null;
  const visit = (n: ts.Node): void => {
    if (!out && ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression)) {
      out = { method: n.expression.name.text, args: n.arguments.map((a) => (ts.isStringLiteralLike(a) ? a.text : null)) };
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!out) throw new Error(`no method call in ${code}`);
  return out;
}

describe('job schedulers', () => {
  it('each define and schedule call names the job at the argument the entry says', () => {
    for (const s of JOB_SCHEDULERS) {
      for (const c of [...s.defines, ...s.schedules]) {
        const call = firstCall(c.example);
        expect(call.method).toBe(c.method);
        expect(call.args[c.nameArg]).toBe('report');
      }
    }
  });

  it('tells a definition from a scheduling call, and knows nothing of other modules', () => {
    expect(jobCall('agenda', 'define')?.kind).toBe('define');
    expect(jobCall('agenda', 'every')).toMatchObject({ kind: 'schedule', call: { nameArg: 1 } });
    expect(jobCall('agenda', 'start')).toBeNull();
    expect(jobCall('bullmq', 'now')).toBeNull();
  });
});

describe('env-file loaders', () => {
  it('read .env unless a path is given', () => {
    const dotenv = ENV_FILE_LOADERS.find((l) => l.module === 'dotenv');
    expect(dotenv).toMatchObject({ export: 'config', arg: 0, key: 'path', default: '.env' });
  });
});

describe('password salts', () => {
  it('names the salt argument of each hashing call as its documentation writes it', async () => {
    const { SALT_SITES, RANDOM_BYTES } = await import('./index.js');
    for (const s of SALT_SITES) {
      const call = firstCall(s.example);
      expect(call.method).toBe(s.export);
      const sf = ts.createSourceFile('e.ts', s.example, ts.ScriptTarget.Latest, true);
      const arg = (sf.statements[0] as ts.ExpressionStatement).expression as ts.CallExpression;
      const held = arg.arguments[s.arg];
      expect(held, s.example).toBeDefined();
      if (s.key) expect(ts.isObjectLiteralExpression(held) && held.properties.some((p) => p.name?.getText(sf) === s.key)).toBe(true);
      else expect(s.numberIsRounds ? ts.isNumericLiteral(held) : true).toBe(true);
    }
    expect(RANDOM_BYTES.some((r) => r.module === 'crypto' && r.export === 'randomBytes')).toBe(true);
  });
});
