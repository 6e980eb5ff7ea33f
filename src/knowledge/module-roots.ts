// Packages that make bare specifiers resolve from a folder of the application, as NODE_PATH does:
// after `require('rootpath')()`, `require('_helpers/db')` loads `<root>/_helpers/db.js`. Node looks
// there only when no installed package of that name is found. Without this, such an import reads as
// a package from the registry and everything it loads looks unreachable.

export interface ModuleRootPackage {
  /** The module as imported. */
  module: string;
  /** The folder it adds: `package`, the folder of the importing file's package.json (the working directory of `npm start`). */
  adds: 'package';
  example: string;
  source: string;
}

export const MODULE_ROOT_PACKAGES: readonly ModuleRootPackage[] = [
  { module: 'rootpath', adds: 'package', example: "require('rootpath')(); const db = require('_helpers/db');", source: 'https://github.com/fabriziomoscon/rootpath ("make node.js require relative to your project root": the working directory joins NODE_PATH)' },
  { module: 'app-module-path/register', adds: 'package', example: "require('app-module-path/register'); const db = require('lib/db');", source: 'https://github.com/patrick-steele-idem/app-module-path-node#usage (register adds the application\'s root folder)' },
  { module: 'app-module-path/cwd', adds: 'package', example: "require('app-module-path/cwd'); const db = require('lib/db');", source: 'https://github.com/patrick-steele-idem/app-module-path-node#usage (adds the working directory)' },
];

/** The entry for an imported module, or null. */
export function moduleRootPackageOf(module: string): ModuleRootPackage | null {
  return MODULE_ROOT_PACKAGES.find((p) => p.module === module) ?? null;
}

/**
 * The folders a package script puts on NODE_PATH (`NODE_PATH=./src node index.js`, also after
 * `cross-env`), relative to the package folder. Several folders are separated by `:`.
 */
export function nodePathOfScript(script: string): string[] {
  const out: string[] = [];
  for (const m of script.matchAll(/(?:^|[\s;&|])NODE_PATH=("[^"]*"|'[^']*'|[^\s;&|]+)/g)) {
    const value = m[1].replace(/^["']|["']$/g, '');
    for (const dir of value.split(':')) if (dir && !dir.includes('$')) out.push(dir);
  }
  return out;
}
