// Lists the files of the audited tree: .gitignore honoured (nested ones too), dependency, build
// and vendored folders skipped, symlinked folders not followed (no loops), sizes from lstat.
import { lstatSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { InputDiagnostic } from '../model/run.js';

export const SKIPPED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.output',
  '.turbo', '.wrangler', '.vercel', '.netlify', 'vendor', 'vendors', 'third_party', '.verdict', '.cache',
  '.svelte-kit', '.yarn', '.pnpm-store', 'bower_components', 'jspm_packages', '.parcel-cache', '.serverless',
]);

export const MAX_FILE_BYTES = 1024 * 1024;

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

export interface WalkResult {
  files: FileEntry[];
  large: FileEntry[];
  symlinks: number;
  unreadable: number;
  diagnostics: InputDiagnostic[];
}

interface Scope {
  prefix: string;
  rules: Ignore;
}

function readIgnore(abs: string): Ignore | null {
  try {
    return ignore().add(readFileSync(abs, 'utf8'));
  } catch {
    return null;
  }
}

function ignoredBy(scopes: Scope[], rel: string, isDir: boolean): boolean {
  for (const s of scopes) {
    const sub = s.prefix ? rel.slice(s.prefix.length + 1) : rel;
    if (sub && s.rules.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

export function walk(root: string, extraIgnores: string[] = []): WalkResult {
  const out: WalkResult = { files: [], large: [], symlinks: 0, unreadable: 0, diagnostics: [] };
  const base: Scope[] = extraIgnores.length ? [{ prefix: '', rules: ignore().add(extraIgnores) }] : [];
  const visit = (dirAbs: string, dirRel: string, scopes: Scope[]): void => {
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
    const gi = entries.find((e) => e.name === '.gitignore' && e.isFile());
    const here = gi ? readIgnore(join(dirAbs, '.gitignore')) : null;
    const active = here ? [...scopes, { prefix: dirRel, rules: here }] : scopes;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const rel = dirRel ? `${dirRel}/${e.name}` : e.name;
      const abs = join(dirAbs, e.name);
      if (e.isSymbolicLink()) {
        let target;
        try {
          target = statSync(abs);
        } catch {
          out.symlinks++;
          continue;
        }
        if (target.isDirectory()) {
          out.symlinks++;
          continue;
        }
        if (!target.isFile() || ignoredBy(active, rel, false)) continue;
        pushFile(out, { path: rel, abs, size: target.size, stamp: stampOf(target) });
        continue;
      }
      if (e.isDirectory()) {
        if (SKIPPED_DIRS.has(e.name) || ignoredBy(active, rel, true)) continue;
        visit(abs, rel, active);
      } else if (e.isFile()) {
        if (ignoredBy(active, rel, false)) continue;
        let st;
        try {
          st = lstatSync(abs);
        } catch {
          out.unreadable++;
          continue;
        }
        pushFile(out, { path: rel, abs, size: st.size, stamp: stampOf(st) });
      }
    }
  };
  visit(root, '', base);
  return out;
}

function pushFile(out: WalkResult, f: FileEntry): void {
  if (f.size > MAX_FILE_BYTES) out.large.push(f);
  else out.files.push(f);
}
