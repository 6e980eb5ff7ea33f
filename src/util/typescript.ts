// TypeScript as verdict's built code loads it: `import ts from 'typescript'` in dist/ is linked to
// this module by scripts/link-typescript.js (vitest and tsc keep reading the real import).
// - require(), not an ES import: importing the 9 MB CommonJS file as ESM makes Node scan it for
//   export names first (cjs-module-lexer), 1-1.5 s on every run.
// - on first use: a run where every file is a cache hit parses nothing and never pays the ~0.3 s
//   it takes to compile TypeScript. `ts` is a live binding, a proxy until first read and then the
//   module itself, so later reads cost what a plain import costs.
// - linked at build time rather than by module hooks, whose loader thread costs ~0.3 s per run.
import { createRequire } from 'node:module';
import type TS from 'typescript';

type TypeScript = typeof TS;

const load = (): TypeScript => (ts = createRequire(import.meta.url)('typescript') as TypeScript);

let ts: TypeScript = new Proxy({} as TypeScript, {
  get: (_t, key) => load()[key as keyof TypeScript],
  has: (_t, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_t, key) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), key);
    // A proxy may not report a property its (empty) target lacks as non-configurable.
    return d && { ...d, configurable: true };
  },
});

export { ts as default };
