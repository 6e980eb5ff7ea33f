// The build links `import ts from 'typescript'` to dist/util/typescript.js (scripts/link-typescript.js),
// a require() shim that only has a default export: a named import from 'typescript' would break the
// CLI (not vitest), so forbid it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
});
