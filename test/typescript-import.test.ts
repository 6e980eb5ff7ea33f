// The build links `import ts from 'typescript'` to dist/util/typescript.js (scripts/link-typescript.js),
// a require() shim that only has a default export: a named import from 'typescript' would break the
// CLI (not vitest), so forbid it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('typescript imports', () => {
  it('are default imports (or type-only) everywhere in src/', () => {
    const bad: string[] = [];
    for (const f of files(new URL('../src', import.meta.url).pathname)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/^import\s+(?!type\s)(.*?)\s+from\s+'typescript';/gm)) {
        if (!/^\w+$/.test(m[1])) bad.push(`${f}: ${m[0]}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('load in the built CLI through dist/util/typescript.js, from V8\'s code cache after the first run', () => {
    const dist = new URL('../dist/', import.meta.url).pathname;
    expect(readFileSync(join(dist, 'collect/index.js'), 'utf8')).toContain("from '../util/typescript.js'");
    const cacheHome = mkdtempSync(join(tmpdir(), 'verdict-ts-'));
    const script = `import ts from ${JSON.stringify(join(dist, 'util/typescript.js'))};
      const sf = ts.createSourceFile('a.ts', 'export const a: number = 1;', ts.ScriptTarget.Latest, true);
      console.log(ts.isVariableStatement(sf.statements[0]), ts.version);`;
    const run = () => spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, XDG_CACHE_HOME: cacheHome }, encoding: 'utf8' });
    const first = run();
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^true \d+\.\d+/);
    expect(readdirSync(join(cacheHome, 'verdict', 'v8'))).toEqual([expect.stringMatching(/^typescript-.*\.bin$/)]);
    expect(run().stdout).toBe(first.stdout);
    // A damaged cache is compiled past (V8 itself would crash on it), then rewritten.
    const bin = join(cacheHome, 'verdict', 'v8', readdirSync(join(cacheHome, 'verdict', 'v8'))[0]);
    const bytes = readFileSync(bin);
    for (let i = 4000; i < bytes.length; i += 997) bytes[i] ^= 0xff;
    writeFileSync(bin, bytes);
    const damaged = run();
    expect(damaged.status).toBe(0);
    expect(damaged.stdout).toBe(first.stdout);
    expect(readFileSync(bin).equals(bytes)).toBe(false);
    rmSync(cacheHome, { recursive: true, force: true });
  });
});
