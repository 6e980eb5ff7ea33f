// Published tsconfig bases that a repository's tsconfig `extends` by package name, and the `strict`
// each sets. They live in node_modules, which an audit does not read (nor need): what a base sets is a
// fact about that package, said here once with where it comes from.

export interface TsconfigBase {
  /** The `extends` value (`astro/tsconfigs/strict`); ending in `/` for a family of bases (`@tsconfig/`). */
  extends: string;
  /** The `strict` compiler option the base sets. */
  strict: boolean;
  /** An `extends` value this entry answers, for the tests. */
  example: string;
  source: string;
}

export const TSCONFIG_BASES: readonly TsconfigBase[] = [
  { extends: '@tsconfig/', strict: true, example: '@tsconfig/node20/tsconfig.json', source: 'https://github.com/tsconfig/bases (every base sets "strict": true)' },
  { extends: 'astro/tsconfigs/strict', strict: true, example: 'astro/tsconfigs/strict', source: 'https://github.com/withastro/astro/blob/main/packages/astro/tsconfigs/strict.json' },
  { extends: 'astro/tsconfigs/strictest', strict: true, example: 'astro/tsconfigs/strictest.json', source: 'https://github.com/withastro/astro/blob/main/packages/astro/tsconfigs/strictest.json (extends strict.json)' },
];

/** The `strict` a published base sets, or null when verdict does not know the base. */
export function tsconfigBaseStrict(ext: string): boolean | null {
  const name = ext.replace(/\.json$/, '');
  for (const b of TSCONFIG_BASES) {
    if (b.extends.endsWith('/') ? name.startsWith(b.extends) : name === b.extends) return b.strict;
  }
  return null;
}
