#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('verdict: dist/cli.js is missing: run `npm install && npm run build` in the verdict folder first.\n');
  process.exit(2);
}
register('./typescript-hooks.js', import.meta.url);
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
