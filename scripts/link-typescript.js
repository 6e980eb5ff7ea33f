// Build step after tsc: points every `import ts from 'typescript'` in dist/ at dist/util/typescript.js,
// which loads TypeScript with require() on first use (see that file for why).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const shim = join(distDir, 'util', 'typescript.js');
const IMPORT = /^import (\w+) from 'typescript';$/gm;

let linked = 0;
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.js') && p !== shim) {
      const text = readFileSync(p, 'utf8');
      if (!text.includes("from 'typescript'")) continue;
      let spec = relative(dirname(p), shim).split(sep).join('/');
      if (!spec.startsWith('.')) spec = `./${spec}`;
      const out = text.replace(IMPORT, (_m, name) => `import ${name} from '${spec}';`);
      // Anything else (a named import, a re-export) would load the real module as ESM: refuse it.
      if (out.includes("from 'typescript'")) throw new Error(`${relative(distDir, p)}: only \`import ts from 'typescript'\` can be linked`);
      writeFileSync(p, out);
      linked++;
    }
  }
};
walk(distDir);
if (linked === 0) throw new Error('link-typescript: no dist file imports typescript; run it after tsc');
