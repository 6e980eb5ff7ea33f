// What makes TypeScript's `paths` aliases (`@/lib/db`, `@src/config`) resolve when the compiled code
// runs. `tsc` type-checks with `paths` but leaves the specifiers in its output as written (the
// handbook: "paths does not affect emit"), so `node dist/main.js` then throws MODULE_NOT_FOUND on the
// first aliased import, unless one of these rewrites the output, bundles it, or teaches the runtime
// the aliases.

export interface AliasResolver {
  name: string;
  /**
   * `build`: a command of the build that rewrites or bundles the output (`bin`, with one of `with`
   * after it when given); `runtime`: a binary that starts the code and reads tsconfig (`bin`), or a
   * module preloaded with `-r`/`--require`/`--import`/`--loader` (`module`); `code`: a module the
   * service imports at start that registers the aliases (`module`).
   */
  kind: 'build' | 'runtime' | 'code';
  bin?: string;
  with?: readonly string[];
  module?: string;
  example: string;
  source: string;
}

export const ALIAS_RESOLVERS: readonly AliasResolver[] = [
  { name: 'tsc-alias', kind: 'build', bin: 'tsc-alias', example: 'tsc -p tsconfig.build.json && tsc-alias -p tsconfig.build.json', source: 'https://github.com/justkey007/tsc-alias ("replace alias paths with relative paths after typescript compilation")' },
  { name: 'tscpaths', kind: 'build', bin: 'tscpaths', example: 'tsc && tscpaths -p tsconfig.json -s ./src -o ./dist', source: 'https://github.com/joonhocho/tscpaths' },
  { name: 'resolve-tspaths', kind: 'build', bin: 'resolve-tspaths', example: 'tsc && resolve-tspaths', source: 'https://github.com/benyap/resolve-tspaths' },
  { name: 'tsup', kind: 'build', bin: 'tsup', example: 'tsup src/main.ts', source: 'https://tsup.egoist.dev/ (bundles with esbuild, which reads tsconfig paths)' },
  { name: 'tsdown', kind: 'build', bin: 'tsdown', example: 'tsdown', source: 'https://tsdown.dev/options/dependencies (bundles with rolldown, tsconfig paths resolved)' },
  { name: 'esbuild', kind: 'build', bin: 'esbuild', example: 'esbuild src/main.ts --bundle --platform=node --outfile=dist/main.js', source: 'https://esbuild.github.io/content-types/#tsconfig-json ("paths" is respected when bundling)' },
  { name: 'webpack', kind: 'build', bin: 'webpack', example: 'webpack --mode production', source: 'https://webpack.js.org/configuration/resolve/#resolvealias (bundles; tsconfig-paths-webpack-plugin or resolve.alias)' },
  { name: 'rollup', kind: 'build', bin: 'rollup', example: 'rollup -c', source: 'https://rollupjs.org/ (bundles; aliases through its plugins)' },
  { name: 'vite', kind: 'build', bin: 'vite', with: ['build'], example: 'vite build --ssr src/main.ts', source: 'https://vite.dev/config/shared-options.html#resolve-alias' },
  { name: 'ncc', kind: 'build', bin: 'ncc', example: 'ncc build src/main.ts -o dist', source: 'https://github.com/vercel/ncc (bundles with webpack)' },
  { name: 'parcel', kind: 'build', bin: 'parcel', with: ['build'], example: 'parcel build src/main.ts', source: 'https://parceljs.org/features/dependency-resolution/#tsconfig' },
  { name: 'bun build', kind: 'build', bin: 'bun', with: ['build'], example: 'bun build src/main.ts --target node --outdir dist', source: 'https://bun.sh/docs/bundler (reads tsconfig paths)' },
  { name: 'swc', kind: 'build', bin: 'swc', example: 'swc src -d dist', source: 'https://swc.rs/docs/configuration/compilation#jscpaths (jsc.paths rewrites aliases)' },
  { name: 'Nest CLI', kind: 'build', bin: 'nest', with: ['build'], example: 'nest build', source: 'https://github.com/nestjs/nest-cli/blob/master/lib/compiler/hooks/tsconfig-paths.hook.ts (the tsc compiler of `nest build` rewrites paths)' },
  { name: 'ts-patch', kind: 'build', bin: 'tspc', example: 'tspc -p tsconfig.json', source: 'https://github.com/LeDDGroup/typescript-transform-paths (the transformer ts-patch runs)' },
  { name: 'ttypescript', kind: 'build', bin: 'ttsc', example: 'ttsc -p tsconfig.json', source: 'https://github.com/cevek/ttypescript (runs transformers such as typescript-transform-paths)' },
  { name: 'babel', kind: 'build', bin: 'babel', example: 'babel src -d dist --extensions .ts', source: 'https://github.com/tleunen/babel-plugin-module-resolver (aliases in the babel config)' },
  { name: 'tsx', kind: 'runtime', bin: 'tsx', example: 'tsx src/main.ts', source: 'https://tsx.is/typescript#tsconfig-json ("paths" supported)' },
  { name: 'bun', kind: 'runtime', bin: 'bun', example: 'bun dist/main.js', source: 'https://bun.sh/docs/runtime/modules#path-re-mapping' },
  { name: 'tsconfig-paths preloaded', kind: 'runtime', module: 'tsconfig-paths/register', example: 'node -r tsconfig-paths/register dist/main.js', source: 'https://github.com/dividab/tsconfig-paths#register' },
  { name: 'module-alias preloaded', kind: 'runtime', module: 'module-alias/register', example: 'node -r module-alias/register dist/main.js', source: 'https://github.com/ilearnio/module-alias#usage' },
  { name: 'tsx loader', kind: 'runtime', module: 'tsx', example: 'node --import tsx dist/main.js', source: 'https://tsx.is/dev-api/node-cli' },
  { name: '@swc-node/register', kind: 'runtime', module: '@swc-node/register', example: 'node -r @swc-node/register src/main.ts', source: 'https://github.com/swc-project/swc-node#usage (reads tsconfig paths)' },
  { name: 'tsconfig-paths in code', kind: 'code', module: 'tsconfig-paths/register', example: "import 'tsconfig-paths/register';", source: 'https://github.com/dividab/tsconfig-paths#register' },
  { name: 'tsconfig-paths register()', kind: 'code', module: 'tsconfig-paths', example: "import { register } from 'tsconfig-paths';", source: 'https://github.com/dividab/tsconfig-paths#register' },
  { name: 'module-alias in code', kind: 'code', module: 'module-alias/register', example: "import 'module-alias/register';", source: 'https://github.com/ilearnio/module-alias#usage' },
  { name: 'module-alias addAliases', kind: 'code', module: 'module-alias', example: "import moduleAlias from 'module-alias';", source: 'https://github.com/ilearnio/module-alias#advanced-usage' },
];

/**
 * Frameworks whose own build bundles the server (webpack, turbopack, vite, esbuild, rollup): a package
 * that depends on one ships output in which the aliases are already resolved.
 */
export const BUNDLING_FRAMEWORKS: ReadonlyArray<{ package: string; source: string }> = [
  { package: 'next', source: 'https://nextjs.org/docs/app/getting-started/installation#set-up-absolute-imports-and-module-path-aliases' },
  { package: 'nuxt', source: 'https://nuxt.com/docs/api/nuxt-config#alias' },
  { package: 'astro', source: 'https://docs.astro.build/en/guides/imports/#aliases' },
  { package: '@sveltejs/kit', source: 'https://svelte.dev/docs/kit/configuration#alias' },
  { package: '@remix-run/dev', source: 'https://remix.run/docs/en/main/guides/vite' },
  { package: '@react-router/dev', source: 'https://reactrouter.com/how-to/vite-plugin' },
  { package: '@tanstack/react-start', source: 'https://tanstack.com/start/latest/docs/framework/react/path-aliases' },
  { package: 'nitropack', source: 'https://nitro.build/config#alias' },
  { package: 'vinxi', source: 'https://github.com/nksaraf/vinxi (builds with vite)' },
  { package: 'wrangler', source: 'https://developers.cloudflare.com/workers/wrangler/bundling/ (bundles with esbuild)' },
];

/** The bundling framework a package's dependencies name, or null. */
export function bundlingFrameworkOf(dependencies: Readonly<Record<string, unknown>>): string | null {
  return BUNDLING_FRAMEWORKS.find((f) => f.package in dependencies)?.package ?? null;
}

const PRELOAD_FLAGS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader']);

const binOf = (word: string) => word.slice(word.lastIndexOf('/') + 1);

/** The resolver a build command (its words) runs, or null. */
export function buildAliasResolverIn(words: readonly string[]): AliasResolver | null {
  for (let i = 0; i < words.length; i++) {
    const bin = binOf(words[i]);
    const r = ALIAS_RESOLVERS.find((x) => x.kind === 'build' && x.bin === bin && (!x.with || x.with.some((w) => words.slice(i + 1).includes(w))));
    if (r) return r;
  }
  return null;
}

/** The resolver a start command (its words) runs the code with: a binary that reads tsconfig, or a preloaded module. */
export function runtimeAliasResolverIn(words: readonly string[]): AliasResolver | null {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const eq = /^(-r|--require|--import|--loader|--experimental-loader)=(.+)$/.exec(w);
    const preloaded = eq ? eq[2] : PRELOAD_FLAGS.has(w) ? words[i + 1] : null;
    const byModule = preloaded ? ALIAS_RESOLVERS.find((x) => x.kind === 'runtime' && x.module !== undefined && (preloaded === x.module || preloaded.startsWith(`${x.module}/`))) : undefined;
    if (byModule) return byModule;
    const byBin = ALIAS_RESOLVERS.find((x) => x.kind === 'runtime' && x.bin === binOf(w) && i === 0);
    if (byBin) return byBin;
  }
  return null;
}

/** The resolver an import of the service registers, or null. */
export function codeAliasResolverOf(spec: string): AliasResolver | null {
  return ALIAS_RESOLVERS.find((x) => x.kind === 'code' && x.module === spec) ?? null;
}
