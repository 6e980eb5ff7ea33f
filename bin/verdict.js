#!/usr/bin/env node
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('verdict: dist/cli.js is missing: run `npm install && npm run build` in the verdict folder first.\n');
  process.exit(2);
}
// No module hooks: the build links `import ts from 'typescript'` to dist/util/typescript.js.
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
