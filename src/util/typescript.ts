// TypeScript as verdict's built code loads it: `import ts from 'typescript'` in dist/ is linked to
// this module by scripts/link-typescript.js (vitest and tsc keep reading the real import).
// - require(), not an ES import: importing the 9 MB CommonJS file as ESM makes Node scan it for
//   export names first (cjs-module-lexer), 1-1.5 s on every run.
// - on first use: a run where every file is a cache hit parses nothing and never pays for
//   TypeScript. `ts` is a live binding, a proxy until first read and then the module itself, so
//   later reads cost what a plain import costs.
// - compiled with V8's code cache (vm.Script cachedData, the Node 20 form of Node 22's compile
//   cache): compiling typescript.js takes ~0.18 s, reading the cached code ~0.05 s.
// - linked at build time rather than by module hooks, whose loader thread costs ~0.3 s per run.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type TS from 'typescript';
import { verdictCacheHome } from './cache-home.js';

type TypeScript = typeof TS;

const require = createRequire(import.meta.url);

/** Where the compiled code of this exact typescript.js (version, size, mtime) for this Node is kept. */
function codeCachePath(file: string): string {
  const { version } = require('typescript/package.json') as { version: string };
  const st = statSync(file);
  const key = `typescript-${version}-${st.size}-${Math.round(st.mtimeMs)}-node${process.version}-${process.arch}`.replace(/[^\w.-]/g, '_');
  return join(verdictCacheHome(), 'v8', `${key}.bin`);
}

/**
 * The cached code behind its SHA-1: V8 checks a cache's version and flags but not its bytes, and
 * a damaged cache would crash the process instead of being rejected.
 */
function readCodeCache(path: string): Buffer | undefined {
  try {
    const file = readFileSync(path);
    const data = file.subarray(20);
    return createHash('sha1').update(data).digest().equals(file.subarray(0, 20)) ? data : undefined;
  } catch {
    return undefined;
  }
}

function writeCodeCache(path: string, data: Buffer): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([createHash('sha1').update(data).digest(), data]));
    renameSync(tmp, path);
  } catch {
    // No cache folder: the next run compiles TypeScript again.
  }
}

/** typescript.js run as CommonJS from V8's code cache; null when that cannot be done (then plain require). */
function loadCached(): TypeScript | null {
  try {
    const file = require.resolve('typescript');
    const cachePath = codeCachePath(file);
    const cachedData = readCodeCache(cachePath);
    const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(file, 'utf8')}\n});`;
    const script = new Script(source, { filename: file, cachedData });
    const module = { exports: {} as TypeScript };
    (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
    if (!cachedData || script.cachedDataRejected) {
      // Written at exit, so the functions this run compiled (the parser) are in it too.
      process.once('exit', () => writeCodeCache(cachePath, script.createCachedData()));
    }
    return module.exports;
  } catch {
    return null;
  }
}

const load = (): TypeScript => (ts = loadCached() ?? (require('typescript') as TypeScript));

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
