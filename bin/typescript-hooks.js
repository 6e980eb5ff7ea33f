// Module hooks for the CLI: `import ts from 'typescript'` inside verdict's own code is served by a
// two-line ES module that loads TypeScript with require(). Importing the 9 MB CommonJS file as ESM
// makes Node scan it for export names first (cjs-module-lexer), which cost 1-2 s on every run,
// more than a warm audit itself. Only default imports exist in verdict (a test checks it).
// bin/verdict.js no longer registers these hooks: `npm run build` links those imports to
// dist/util/typescript.js (scripts/link-typescript.js), and the hooks' loader thread cost ~0.3 s per
// run. On a linked dist they change nothing; they stay for callers that register them.
const SHIM = 'verdict:typescript';

export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && context.parentURL?.includes('/dist/')) {
    return { url: `${SHIM}?from=${encodeURIComponent(context.parentURL)}`, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.startsWith(`${SHIM}?`)) {
    const from = decodeURIComponent(url.slice(url.indexOf('?from=') + 6));
    const source = `import { createRequire } from 'node:module';\nexport default createRequire(${JSON.stringify(from)})('typescript');\n`;
    return { format: 'module', source, shortCircuit: true };
  }
  return next(url, context);
}
