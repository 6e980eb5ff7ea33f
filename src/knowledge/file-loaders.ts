// Files that decide which source files run without an import the module graph can follow. Two kinds:
// deploy files whose commands name the file started (read for the paths they name: each is an entry),
// and files of tools and platforms whose conventions load source files the link stage does not model
// (a bundler's HTML entry, serverless handlers by config, Vercel's `api/` folder): where one of these
// sits in a package, what that package runs is not known, and none of its files is called unreached.

export interface DeployFile {
  what: string;
  /** The file's path (its name, anywhere in the tree). */
  file: RegExp;
  source: string;
}

/** Deploy files whose commands name the source file that runs (`CMD ["node", "dist/server.js"]`). */
export const DEPLOY_COMMAND_FILES: readonly DeployFile[] = [
  { what: 'Dockerfile CMD/ENTRYPOINT', file: /(^|\/)(?:Dockerfile[\w.-]*|[\w.-]+\.Dockerfile)$/i, source: 'https://docs.docker.com/reference/dockerfile/#cmd' },
  { what: 'Procfile process', file: /(^|\/)Procfile(?:\.[\w-]+)?$/, source: 'https://devcenter.heroku.com/articles/procfile' },
  { what: 'fly.toml process or cmd', file: /(^|\/)fly(?:\.[\w-]+)?\.toml$/, source: 'https://fly.io/docs/reference/configuration/' },
  { what: 'render.yaml startCommand', file: /(^|\/)render\.ya?ml$/, source: 'https://render.com/docs/blueprint-spec' },
  { what: 'Railway start command', file: /(^|\/)(?:railway|nixpacks)\.(?:json|toml)$/, source: 'https://docs.railway.com/reference/config-as-code' },
  { what: 'compose service command', file: /(^|\/)(?:docker-)?compose(?:\.[\w-]+)*\.ya?ml$/, source: 'https://docs.docker.com/reference/compose-file/services/#command' },
];

export interface UnmodelledLoader {
  what: string;
  /** A file whose presence in a package says the tool or platform loads its source files by convention. */
  file: RegExp;
  source: string;
}

/** Tools and platforms that load source files by their own conventions, which the link does not model. */
export const UNMODELLED_LOADERS: readonly UnmodelledLoader[] = [
  { what: 'a page that loads scripts (a bundler\'s HTML entry)', file: /(^|\/)index\.html?$/i, source: 'https://vite.dev/guide/#index-html-and-project-root' },
  { what: 'a bundler configuration (its entries)', file: /(^|\/)(?:vite|vitest\.workspace|webpack|rollup|rolldown|esbuild|parcel|rspack|tsup|svelte|nuxt|astro|remix|gatsby-(?:node|config)|electron[\w.-]*)\.config\.[cm]?[jt]s$|(^|\/)\.parcelrc$/, source: 'https://webpack.js.org/concepts/entry-points/' },
  { what: 'Serverless Framework handlers', file: /(^|\/)serverless\.(?:ya?ml|json|[cm]?[jt]s)$/, source: 'https://www.serverless.com/framework/docs/providers/aws/guide/functions' },
  { what: 'AWS SAM / CloudFormation handlers', file: /(^|\/)template\.ya?ml$|(^|\/)samconfig\.toml$|(^|\/)cdk\.json$/, source: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html' },
  { what: 'Vercel functions (`api/` by convention)', file: /(^|\/)vercel\.json$|(^|\/)\.vercel\//, source: 'https://vercel.com/docs/functions' },
  { what: 'Netlify functions', file: /(^|\/)netlify\.toml$/, source: 'https://docs.netlify.com/functions/overview/' },
  { what: 'Firebase functions', file: /(^|\/)firebase\.json$/, source: 'https://firebase.google.com/docs/functions/get-started' },
  { what: 'PM2 ecosystem file (the scripts it starts)', file: /(^|\/)ecosystem(?:\.[\w-]+)?\.config\.[cm]?[jt]s$|(^|\/)(?:pm2|process)\.(?:json|ya?ml)$/, source: 'https://pm2.keymetrics.io/docs/usage/application-declaration/' },
  { what: 'Expo / React Native (Metro bundles the app, Expo Router loads its `app/` folder)', file: /(^|\/)metro\.config\.[cm]?[jt]s$|(^|\/)app\.config\.[cm]?[jt]s$|(^|\/)eas\.json$/, source: 'https://docs.expo.dev/router/basics/core-concepts/' },
  { what: 'TypeORM ormconfig (entity, migration and subscriber globs)', file: /(^|\/)ormconfig\.(?:json|ya?ml|xml|env)$/, source: 'https://typeorm.io/docs/data-source/data-source-options/' },
  { what: 'Google App Engine entrypoint', file: /(^|\/)app\.ya?ml$/, source: 'https://cloud.google.com/appengine/docs/standard/reference/app-yaml' },
];

/** The deploy file a path is, or null. */
export function deployCommandFileOf(path: string): DeployFile | null {
  return DEPLOY_COMMAND_FILES.find((d) => d.file.test(path)) ?? null;
}

/** The unmodelled loader a path is, or null. */
export function unmodelledLoaderOf(path: string): UnmodelledLoader | null {
  return UNMODELLED_LOADERS.find((l) => l.file.test(path)) ?? null;
}

/**
 * Calls that list the files of a folder, which a loop then loads one by one
 * (`fs.readdirSync(path.join(__dirname, 'routes')).forEach((f) => app.use(require(...).routes()))`):
 * the modules they list become the loader's, mounted where the loop mounts them. `names` is how the
 * call is reached from the package: its export (`readdirSync`), a member of the module object
 * (`sync` of `require('glob')`), or `default` for the module itself called (`requireDirectory(module, dir)`).
 * `folder`: the call takes the folder (`dir`), a glob pattern (`glob`, its `cwd` option the base), or
 * the calling module and a folder relative to it, and returns the loaded modules themselves (`modules`).
 */
export interface FolderListing {
  modules: readonly string[];
  names: readonly string[];
  folder: 'dir' | 'glob' | 'modules';
  /** Whether files in sub-folders are listed too (a glob says so by its own pattern). */
  recursive: boolean;
  example: string;
  source: string;
}

export const FOLDER_LISTINGS: readonly FolderListing[] = [
  { modules: ['fs', 'node:fs'], names: ['readdirSync'], folder: 'dir', recursive: false, example: "fs.readdirSync(path.join(__dirname, 'routes')).forEach((f) => app.use(require(`./routes/${f}`)));", source: 'https://nodejs.org/api/fs.html#fsreaddirsyncpath-options' },
  { modules: ['fs/promises', 'node:fs/promises'], names: ['readdir'], folder: 'dir', recursive: false, example: "for (const f of await readdir(dir)) app.use((await import(join(dir, f))).default);", source: 'https://nodejs.org/api/fs.html#fspromisesreaddirpath-options' },
  { modules: ['glob'], names: ['sync', 'globSync', 'glob.sync'], folder: 'glob', recursive: true, example: "glob.sync('**/*.router.js', { cwd: __dirname }).forEach((f) => router.use(require(f).routes()));", source: 'https://github.com/isaacs/node-glob#globsyncpattern-string--string-options-globoptions--string--path' },
  { modules: ['fast-glob'], names: ['sync', 'globSync'], folder: 'glob', recursive: true, example: "fg.sync('routes/*.js', { cwd: __dirname }).forEach((f) => app.use(require(f)));", source: 'https://github.com/mrmlnc/fast-glob#syncpatterns-options' },
  { modules: ['require-directory'], names: ['default'], folder: 'modules', recursive: true, example: "const routes = requireDirectory(module, './routes'); Object.values(routes).forEach((r) => app.use(r.routes()));", source: 'https://github.com/troygoode/node-require-directory#usage' },
];

/**
 * The folder listing a call is: `from` the module the callee's root is imported from, `imported` the
 * export bound (`*` for `require(m)` or a namespace import, `default` for a default import), `members`
 * the property chain read on it before the call (`['sync']` for `glob.sync(...)`).
 */
export function folderListingOf(from: string, imported: string, members: readonly string[]): FolderListing | null {
  const name = imported === '*' || imported === 'default' ? (members.length ? members.join('.') : 'default') : [imported, ...members].join('.');
  return FOLDER_LISTINGS.find((l) => l.modules.includes(from) && l.names.includes(name)) ?? null;
}
