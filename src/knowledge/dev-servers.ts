// Commands made for development that some services start in production: a file watcher that
// restarts the process on every change, a compiler that type-checks or transpiles at each start, a
// framework's dev server (no production build, dev-mode React/HMR, source served unminified). They
// come from devDependencies, which a production install (`npm ci --omit=dev`) leaves out.

export interface DevServer {
  /** The binary as a command line calls it. */
  bin: string;
  /** The npm package that provides the binary. */
  package: string;
  /**
   * When the command is a dev server: always (null), or only with one of these words after the
   * binary (a subcommand `dev`, a flag `--watch`). `''` stands for the binary with no other subcommand (see `unless`).
   */
  with: readonly string[] | null;
  /** Words after the binary that make it something else (`ts-node --transpile-only` skips the type check at start, `vite build`). */
  unless?: readonly string[];
  /** Its own options come before the script it runs (`node --watch app.js`, not `node app.js --watch`). */
  optionsFirst?: boolean;
  /** What it does that a production process should not, in a few words. */
  does: string;
  example: string;
  source: string;
}

export const DEV_SERVERS: readonly DevServer[] = [
  { bin: 'nodemon', package: 'nodemon', with: null, does: 'restarts the process on every file change', example: 'nodemon src/index.js', source: 'https://github.com/remy/nodemon#nodemon ("automatically restarting the node application when file changes ... are detected")' },
  { bin: 'ts-node-dev', package: 'ts-node-dev', with: null, does: 'compiles TypeScript at start and restarts on every file change', example: 'ts-node-dev --respawn src/index.ts', source: 'https://github.com/wclr/ts-node-dev ("restarts target node process when any of required files changes")' },
  { bin: 'tsnd', package: 'ts-node-dev', with: null, does: 'compiles TypeScript at start and restarts on every file change', example: 'tsnd src/index.ts', source: 'https://github.com/wclr/ts-node-dev (bin `tsnd`)' },
  { bin: 'tsx', package: 'tsx', with: ['watch'], does: 'compiles at start and restarts on every file change', example: 'tsx watch src/index.ts', source: 'https://tsx.is/watch-mode' },
  { bin: 'node', package: 'node', with: ['--watch', '--watch-path'], optionsFirst: true, does: 'restarts the process on every file change', example: 'node --watch server.js', source: 'https://nodejs.org/api/cli.html#--watch' },
  { bin: 'ts-node', package: 'ts-node', with: null, unless: ['--transpile-only', '-T', '--swc', '--transpiler'], does: 'type-checks and compiles TypeScript in memory at every start', example: 'ts-node src/index.ts', source: 'https://typestrong.org/ts-node/docs/performance ("skip typechecking ... --transpile-only"; type-checking at start is the slow default)' },
  { bin: 'babel-node', package: '@babel/node', with: null, does: 'compiles in memory at every start', example: 'babel-node src/index.js', source: 'https://babeljs.io/docs/babel-node ("You should not be using babel-node in production")' },
  { bin: 'next', package: 'next', with: ['dev'], does: 'serves an unoptimised development build with hot reload', example: 'next dev', source: 'https://nextjs.org/docs/app/api-reference/cli/next#next-dev-options ("starts the application in development mode")' },
  { bin: 'nuxt', package: 'nuxt', with: ['dev'], does: 'serves an unoptimised development build with hot reload', example: 'nuxt dev', source: 'https://nuxt.com/docs/api/commands/dev' },
  { bin: 'vite', package: 'vite', with: ['', 'dev', 'serve'], unless: ['build', 'preview', 'optimize'], does: 'serves sources through the development server with hot reload', example: 'vite --host', source: 'https://vite.dev/guide/cli.html#dev-server ("vite: start Vite dev server")' },
  { bin: 'webpack-dev-server', package: 'webpack-dev-server', with: null, does: 'serves an in-memory development bundle with hot reload', example: 'webpack-dev-server --port 3000', source: 'https://webpack.js.org/configuration/dev-server/ ("should be used for development only")' },
  { bin: 'webpack', package: 'webpack-cli', with: ['serve'], does: 'serves an in-memory development bundle with hot reload', example: 'webpack serve', source: 'https://webpack.js.org/api/cli/#serve' },
  { bin: 'nest', package: '@nestjs/cli', with: ['--watch', '-w'], does: 'compiles at start and restarts on every file change', example: 'nest start --watch', source: 'https://docs.nestjs.com/cli/usages#nest-start ("--watch: run in watch mode (live-reload)")' },
  { bin: 'wrangler', package: 'wrangler', with: ['dev'], does: 'runs the worker in the local development simulator', example: 'wrangler dev', source: 'https://developers.cloudflare.com/workers/wrangler/commands/#dev' },
];

/** Words that run the command after them (`npx nodemon`, `cross-env NODE_ENV=x nodemon`, `dotenv -e .env -- nodemon`). */
const RUNNERS = new Set(['npx', 'exec', 'env', 'cross-env', 'dotenv', 'dotenv-cli', 'env-cmd', 'bunx', 'time', 'nice']);

/** The binary a word names: `./node_modules/.bin/nodemon` is nodemon. */
export function binOf(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Where the command a line of words runs starts: past runners, their flags and the environment they set. */
export function commandStart(words: readonly string[]): number {
  let i = 0;
  // Skip runners, their flags and the environment they set, up to the command they run.
  while (i < words.length) {
    const w = words[i];
    if (RUNNERS.has(binOf(w)) || /^[A-Za-z_]\w*=/.test(w) || w.startsWith('-') || /^\.env\b/.test(w)) i++;
    else if ((w === 'pnpm' || w === 'yarn') && words[i + 1] === 'exec') i += 2;
    else break;
  }
  return i;
}

/** The dev server one command (its words) runs, with the words that show it, or null. */
export function devServerIn(words: readonly string[]): { server: DevServer; shown: string } | null {
  const i = commandStart(words);
  const bin = words[i];
  if (!bin) return null;
  const after = words.slice(i + 1);
  for (const server of DEV_SERVERS) {
    if (binOf(bin) !== server.bin) continue;
    const script = after.findIndex((w) => !w.startsWith('-'));
    const rest = server.optionsFirst && script >= 0 ? after.slice(0, script) : after;
    if (server.unless?.some((u) => rest.some((w) => w === u || w.startsWith(`${u}=`)))) continue;
    if (server.with === null) return { server, shown: [bin, ...after].join(' ') };
    const sub = rest.find((w) => !w.startsWith('-')) ?? '';
    const hit = server.with.some((w) => (w.startsWith('-') ? rest.some((r) => r === w || r.startsWith(`${w}=`)) : w === '' || sub === w));
    if (hit) return { server, shown: [bin, ...after].join(' ') };
  }
  return null;
}
