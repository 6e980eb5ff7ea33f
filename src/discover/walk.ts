// Lists the files of the audited tree: .gitignore honoured (nested ones too) for what git does not track, symlinked folders not
// followed (no loops), sizes from lstat. Vendored trees (package managers' folders, virtualenvs) and
// build output are listed, not read: their files are counted, only a committed `.env` among them is
// kept for reading (a credential is a leak wherever it is committed).
// A symlink whose target is outside the repository (file or folder) is listed, never read: what it
// points to is not the repository's, and a hostile repository could point at the auditor's own files.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { InputDiagnostic } from '../model/run.js';

/** Folders of tools, not of the repository's content: not listed at all. */
const TOOL_DIRS = new Set(['.git', '.hg', '.svn', '.verdict', '.cache']);
/** Other people's code installed or committed with the repository: listed, not read. */
export const VENDORED_DIRS = new Set([
  'node_modules', 'vendor', 'vendors', 'third_party', 'third-party', 'bower_components', 'jspm_packages', '.yarn', '.pnpm-store',
  'site-packages', 'dist-packages',
]);
/** Build output and tools' caches of it: listed, not read. */
export const GENERATED_DIRS = new Set([
  'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.output', '.turbo', '.wrangler', '.vercel', '.netlify',
  '.svelte-kit', '.parcel-cache', '.serverless',
]);
/** Every folder verdict does not read files from (what other modules skip too). */
export const SKIPPED_DIRS = new Set([...TOOL_DIRS, ...VENDORED_DIRS, ...GENERATED_DIRS]);
/** A committed environment file is read wherever it is, inside a vendored tree too. */
const ENV_FILE = /^\.env([\w.-]*)$/;
/** Entries listed in one vendored or generated tree before the listing stops (the count is then a lower bound). */
const TREE_LIST_LIMIT = 200_000;

export const MAX_FILE_BYTES = 1024 * 1024;
/**
 * Source is read up to this size, past MAX_FILE_BYTES: padding a file with a megabyte of comment
 * must not hide the code in it, and parsing 16 MB costs about 2 s. A larger source file is listed as
 * not read (and holds the gate back when it is release code).
 */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

export interface FileEntry {
  /** Relative to the root, forward slashes. */
  path: string;
  abs: string;
  size: number;
  /**
   * size, modification and change times and inode, from the same lstat: the parse cache trusts an
   * unchanged stamp instead of reading and hashing the file again (as git does with its index).
   */
  stamp?: string;
}

const stampOf = (st: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): string => `${st.size}/${st.mtimeMs}/${st.ctimeMs}/${st.ino}`;

export interface OutsideLink {
  path: string;
  kind: 'file' | 'folder';
}

/** A vendored or generated folder: its files are counted, not read. */
export interface ListedTree {
  path: string;
  role: 'vendored' | 'generated';
  /** What made it one: the folder's name, or `pyvenv.cfg` for a virtualenv. */
  why: string;
  files: number;
  /** The listing stopped at TREE_LIST_LIMIT entries: `files` is a lower bound. */
  truncated: boolean;
}

export interface WalkResult {
  files: FileEntry[];
  /** Vendored and generated trees: listed, not read (a `.env` inside one is in `files`). */
  trees: ListedTree[];
  large: FileEntry[];
  /** Symlinks whose target is outside the repository: listed, not read. */
  outside: OutsideLink[];
  symlinks: number;
  unreadable: number;
  diagnostics: InputDiagnostic[];
}

interface Scope {
  prefix: string;
  rules: Ignore;
  /**
   * Every pattern is a name (no slash but a trailing one, no escape): such a pattern matches a path
   * by its last segment at any depth, so the name alone is asked. The folders above it were asked
   * when the walk entered them (an ignored folder is not entered), so asking them again, as the
   * whole path would, changes nothing: a quarter of the walk's time on a large tree.
   */
  byName: boolean;
}

/** Whether every pattern of a .gitignore text is a plain name (see Scope.byName). */
function namesOnly(lines: readonly string[]): boolean {
  return lines.every((raw) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return true;
    return !line.includes('\\') && !line.replace(/^!/, '').replace(/\/+$/, '').includes('/');
  });
}

function scopeOf(prefix: string, lines: readonly string[]): Scope {
  return { prefix, rules: ignore().add(lines as string[]), byName: namesOnly(lines) };
}

function readIgnore(prefix: string, abs: string): Scope | null {
  try {
    return scopeOf(prefix, readFileSync(abs, 'utf8').split(/\r?\n/));
  } catch {
    return null;
  }
}

function ignoredBy(scopes: Scope[], rel: string, isDir: boolean): boolean {
  for (const s of scopes) {
    const sub = s.byName ? rel.slice(rel.lastIndexOf('/') + 1) : s.prefix ? rel.slice(s.prefix.length + 1) : rel;
    if (sub && s.rules.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

/**
 * `isSource`: files read up to MAX_SOURCE_BYTES instead of MAX_FILE_BYTES. `tracked`: files git tracks
 * although a .gitignore names them (`git ls-files --cached --ignored --exclude-standard`): .gitignore
 * only keeps untracked files out, so a `.env` committed before it was ignored is in the repository and
 * listed (with the folders that lead to it); the configuration's own `ignore` still applies.
 */
export function walk(root: string, extraIgnores: string[] = [], isSource: (path: string) => boolean = () => false, tracked: ReadonlySet<string> = new Set()): WalkResult {
  const out: WalkResult = { files: [], trees: [], large: [], outside: [], symlinks: 0, unreadable: 0, diagnostics: [] };
  const realRoot = realpathSync(root);
  const inside = (real: string): boolean => real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  const pushFile = (f: FileEntry): void => {
    if (f.size > (isSource(f.path) ? MAX_SOURCE_BYTES : MAX_FILE_BYTES)) out.large.push(f);
    else out.files.push(f);
  };
  const base: Scope[] = extraIgnores.length ? [scopeOf('', extraIgnores)] : [];
  const keep = new Set<string>();
  for (const t of tracked) {
    keep.add(t);
    for (let i = t.indexOf('/'); i > 0; i = t.indexOf('/', i + 1)) keep.add(t.slice(0, i));
  }
  const skipped = (active: Scope[], rel: string, isDir: boolean, hidden: boolean): boolean =>
    (hidden || ignoredBy(active, rel, isDir)) && !(keep.has(rel) && !ignoredBy(base, rel, isDir));
  // `tree`: inside a vendored or generated tree, whose files are counted instead of listed.
  // `hidden`: inside a folder a .gitignore names, entered only for files git tracks there: every other entry is ignored too.
  const visit = (dirAbs: string, dirRel: string, scopes: Scope[], tree: ListedTree | null = null, hidden = false): void => {
    if (tree && tree.files >= TREE_LIST_LIMIT) {
      tree.truncated = true;
      return;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dirAbs, { withFileTypes: true });
    } catch (err) {
      out.unreadable++;
      out.diagnostics.push({
        path: dirRel || '.', problem: `cannot list folder (${(err as NodeJS.ErrnoException).code ?? err})`,
        action: 'check its permissions; its files were not audited',
      });
      return;
    }
    // A virtualenv is known by the file its tools write at its root, whatever the folder is called.
    if (!tree && dirRel && entries.some((e) => e.name === 'pyvenv.cfg' && e.isFile())) {
      tree = { path: dirRel, role: 'vendored', why: 'pyvenv.cfg (a Python virtualenv)', files: 0, truncated: false };
      out.trees.push(tree);
    }
    const gi = entries.find((e) => e.name === '.gitignore' && e.isFile());
    const here = gi ? readIgnore(dirRel, join(dirAbs, '.gitignore')) : null;
    const active = here ? [...scopes, here] : scopes;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const rel = dirRel ? `${dirRel}/${e.name}` : e.name;
      const abs = join(dirAbs, e.name);
      if (e.isSymbolicLink()) {
        if (tree) {
          tree.files++;
          continue;
        }
        let target;
        let real;
        try {
          real = realpathSync(abs);
          target = statSync(real);
        } catch {
          out.symlinks++;
          continue;
        }
        if (skipped(active, rel, target.isDirectory(), hidden)) continue;
        if (!inside(real)) {
          out.symlinks++;
          if (target.isDirectory() || target.isFile()) out.outside.push({ path: rel, kind: target.isDirectory() ? 'folder' : 'file' });
          continue;
        }
        if (target.isDirectory()) {
          out.symlinks++;
          continue;
        }
        if (!target.isFile()) continue;
        // Read through the resolved path: the link cannot be swapped for one to outside between now and the read.
        pushFile({ path: rel, abs: real, size: target.size, stamp: stampOf(target) });
        continue;
      }
      if (e.isDirectory()) {
        if (TOOL_DIRS.has(e.name)) continue;
        const ignored = hidden || ignoredBy(active, rel, true);
        if (ignored && !(keep.has(rel) && !ignoredBy(base, rel, true))) continue;
        const kind = tree ? null : VENDORED_DIRS.has(e.name) ? 'vendored' : GENERATED_DIRS.has(e.name) ? 'generated' : null;
        let sub = tree;
        if (kind) out.trees.push(sub = { path: rel, role: kind, why: `${e.name}/`, files: 0, truncated: false });
        visit(abs, rel, active, sub, ignored);
      } else if (e.isFile()) {
        if (skipped(active, rel, false, hidden)) continue;
        if (tree && !ENV_FILE.test(e.name)) {
          tree.files++;
          continue;
        }
        let st;
        try {
          st = lstatSync(abs);
        } catch {
          out.unreadable++;
          continue;
        }
        pushFile({ path: rel, abs, size: st.size, stamp: stampOf(st) });
      }
    }
  };
  visit(root, '', base);
  return out;
}
