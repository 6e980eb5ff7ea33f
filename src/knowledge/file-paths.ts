// File-system calls that take a path, and what they do with the file there: the sinks of path
// traversal. A path a requester chooses lets them read, overwrite or delete files outside the
// directory the code meant (`../../etc/passwd`, `../.env`). `path.join`/`path.resolve` normalise `..`
// away rather than refuse it, so they carry the requester's path on; `path.basename` keeps only the
// last component and ends it.

export type FileAccess = 'read' | 'list' | 'write' | 'delete';

export interface FileSink {
  /** The module specifiers that export it (`fs`, `node:fs`, `fs/promises`, `fs-extra`). */
  packages: readonly string[];
  /** The export's name; a method of the `promises` export is `promises#<name>`. */
  name: string;
  /** Which arguments are paths. */
  paths: readonly number[];
  access: FileAccess;
  example: string;
  source: string;
}

const FS = ['fs', 'node:fs'];
const FS_PROMISES = ['fs/promises', 'node:fs/promises'];
const FS_EXTRA = ['fs-extra'];
const NODE_FS = 'https://nodejs.org/api/fs.html';
const FS_EXTRA_DOC = 'https://github.com/jprichardson/node-fs-extra#methods';

/** The file-system modules whose exports are sinks: a file that imports none reaches no file-system sink. */
export const FILE_SYSTEM_MODULES: readonly string[] = [...FS, ...FS_PROMISES, ...FS_EXTRA];

/** Node's fs functions by access, with the arguments that are paths (`rename(old, new)`: both). */
const NODE_FUNCTIONS: ReadonlyArray<readonly [string, FileAccess, readonly number[]]> = [
  ['readFile', 'read', [0]], ['open', 'read', [0]], ['readlink', 'read', [0]],
  ['readdir', 'list', [0]], ['opendir', 'list', [0]],
  ['writeFile', 'write', [0]], ['appendFile', 'write', [0]], ['mkdir', 'write', [0]], ['copyFile', 'write', [0, 1]],
  ['rename', 'write', [0, 1]], ['cp', 'write', [0, 1]], ['symlink', 'write', [0, 1]], ['link', 'write', [0, 1]], ['truncate', 'write', [0]],
  ['chmod', 'write', [0]], ['chown', 'write', [0]],
  ['unlink', 'delete', [0]], ['rm', 'delete', [0]], ['rmdir', 'delete', [0]],
];
/** Streams have no promise or Sync form. */
const NODE_STREAMS: ReadonlyArray<readonly [string, FileAccess]> = [['createReadStream', 'read'], ['createWriteStream', 'write']];
/** fs-extra's own functions (it re-exports all of fs too). */
const FS_EXTRA_FUNCTIONS: ReadonlyArray<readonly [string, FileAccess, readonly number[]]> = [
  ['readJson', 'read', [0]], ['readJSON', 'read', [0]],
  ['outputFile', 'write', [0]], ['outputJson', 'write', [0]], ['outputJSON', 'write', [0]], ['writeJson', 'write', [0]], ['writeJSON', 'write', [0]],
  ['ensureDir', 'write', [0]], ['ensureFile', 'write', [0]], ['mkdirp', 'write', [0]], ['mkdirs', 'write', [0]],
  ['copy', 'write', [0, 1]], ['move', 'write', [0, 1]],
  ['remove', 'delete', [0]], ['emptyDir', 'delete', [0]],
];

export const FILE_SINKS: readonly FileSink[] = [
  ...NODE_FUNCTIONS.flatMap(([fn, access, paths]) => [
    { packages: [...FS, ...FS_EXTRA], name: fn, paths, access, example: `import fs from 'fs'; fs.${fn}(p, () => {});`, source: `${NODE_FS}#fs${fn.toLowerCase()}path-callback` },
    { packages: [...FS, ...FS_EXTRA], name: `${fn}Sync`, paths, access, example: `import fs from 'fs'; fs.${fn}Sync(p);`, source: `${NODE_FS}#fs${fn.toLowerCase()}syncpath` },
    { packages: FS_PROMISES, name: fn, paths, access, example: `import { ${fn} } from 'fs/promises'; await ${fn}(p);`, source: `${NODE_FS}#fspromises${fn.toLowerCase()}path` },
    { packages: FS, name: `promises#${fn}`, paths, access, example: `import fs from 'fs'; await fs.promises.${fn}(p);`, source: `${NODE_FS}#promises-api` },
  ]),
  ...NODE_STREAMS.map(([fn, access]) => ({ packages: [...FS, ...FS_EXTRA], name: fn, paths: [0], access, example: `import fs from 'fs'; fs.${fn}(p);`, source: `${NODE_FS}#fs${fn.toLowerCase()}path-options` })),
  ...FS_EXTRA_FUNCTIONS.flatMap(([fn, access, paths]) => [
    { packages: FS_EXTRA, name: fn, paths, access, example: `import fse from 'fs-extra'; await fse.${fn}(p);`, source: FS_EXTRA_DOC },
    { packages: FS_EXTRA, name: `${fn}Sync`, paths, access, example: `import fse from 'fs-extra'; fse.${fn}Sync(p);`, source: FS_EXTRA_DOC },
  ]),
];

/** The sink `module`'s export `name` (or `promises#name`) is, or null. */
export function fileSinkOf(module: string, name: string): FileSink | null {
  return FILE_SINKS.find((s) => s.name === name && s.packages.includes(module)) ?? null;
}

/**
 * Response methods that send the file at a path: Express's `res.sendFile` and `res.download`. Given a
 * `root` option, the path is taken relative to it and `send` refuses any `..` in it: then the requester
 * cannot leave the root. (Fastify's `reply.sendFile` from @fastify/static always serves under its root.)
 */
export interface ResponseFileSink { framework: string; method: string; path: number; rootOption: string; optionArgs: readonly number[]; example: string; source: string }

export const RESPONSE_FILE_SINKS: readonly ResponseFileSink[] = [
  {
    framework: 'express', method: 'sendFile', path: 0, rootOption: 'root', optionArgs: [1],
    example: "app.get('/f/:name', (req, res) => res.sendFile(path.join(__dirname, 'files', req.params.name)))", source: 'https://expressjs.com/en/api.html#res.sendFile',
  },
  {
    framework: 'express', method: 'download', path: 0, rootOption: 'root', optionArgs: [1, 2],
    example: "app.get('/d/:name', (req, res) => res.download('files/' + req.params.name))", source: 'https://expressjs.com/en/api.html#res.download',
  },
];

export function responseFileSinkOf(method: string): ResponseFileSink | null {
  return RESPONSE_FILE_SINKS.find((s) => s.method === method) ?? null;
}

/**
 * Path functions by what they do to a requester's path. `basename` keeps the last component only (no
 * separator survives); `resolve`/`join`/`normalize` give the resolved path a prefix check can trust
 * (`resolved.startsWith(base)`), and so does `realpath`, which also follows links.
 */
export interface PathFunction { packages: readonly string[]; name: string; effect: 'last-component' | 'resolves'; example: string; source: string }

const PATH = ['path', 'node:path'];
const NODE_PATH = 'https://nodejs.org/api/path.html';
export const PATH_FUNCTIONS: readonly PathFunction[] = [
  { packages: PATH, name: 'basename', effect: 'last-component', example: "import path from 'path'; path.basename(name);", source: `${NODE_PATH}#pathbasenamepath-suffix` },
  { packages: PATH, name: 'posix#basename', effect: 'last-component', example: "import path from 'path'; path.posix.basename(name);", source: `${NODE_PATH}#pathposix` },
  { packages: PATH, name: 'win32#basename', effect: 'last-component', example: "import path from 'path'; path.win32.basename(name);", source: `${NODE_PATH}#pathwin32` },
  { packages: PATH, name: 'resolve', effect: 'resolves', example: "import path from 'path'; path.resolve(base, name);", source: `${NODE_PATH}#pathresolvepaths` },
  { packages: PATH, name: 'join', effect: 'resolves', example: "import path from 'path'; path.join(base, name);", source: `${NODE_PATH}#pathjoinpaths` },
  { packages: PATH, name: 'normalize', effect: 'resolves', example: "import path from 'path'; path.normalize(p);", source: `${NODE_PATH}#pathnormalizepath` },
  ...['realpath', 'realpathSync'].map((name) => ({ packages: [...FS, ...FS_EXTRA], name, effect: 'resolves' as const, example: `import fs from 'fs'; fs.${name}(p);`, source: `${NODE_FS}#fsrealpathpath-options-callback` })),
  { packages: FS_PROMISES, name: 'realpath', effect: 'resolves', example: "import { realpath } from 'fs/promises'; await realpath(p);", source: `${NODE_FS}#fspromisesrealpathpath-options` },
];

export function pathFunctionOf(module: string, name: string): PathFunction | null {
  return PATH_FUNCTIONS.find((f) => f.name === name && f.packages.includes(module)) ?? null;
}

export const PATH_MODULES: readonly string[] = PATH;
