// Direct lookups on the repository the report describes: files, lines, text search. Reads lazily
// and keeps what it read, so a report with 200 claims reads each file once.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isSourcePath } from '../discover/index.js';
import { walk } from '../discover/walk.js';
import type { Evidence } from '../model/run.js';
import { type FileRole, fileRole } from '../util/roles.js';

const RELEASE_ROLES = new Set<FileRole>(['service', 'config', 'migration', 'script']);
import { decode, snippetOf } from '../util/text.js';

export interface Hit {
  path: string;
  line: number;
  text: string;
}

export class RepoIndex {
  readonly files: string[];
  private readonly texts = new Map<string, string[] | null>();

  /**
   * `trees`: the audit's whole-tree roles (archived copies, templates, vendored trees, scaffolds), which
   * a path alone does not show; a file outside them has the role its own path gives it.
   */
  constructor(readonly root: string, private readonly trees: ReadonlyArray<{ path: string; role: string }> = []) {
    this.files = walk(root).files.map((f) => f.path).sort();
  }

  role(path: string): FileRole {
    const tree = this.trees.find((t) => path === t.path || path.startsWith(`${t.path}/`));
    return (tree?.role as FileRole | undefined) ?? fileRole(path);
  }

  /**
   * Release code: what ships. Vendored, archived, template, example, generated and test copies never
   * confirm or contradict a claim about the release.
   */
  isRelease(path: string): boolean {
    return RELEASE_ROLES.has(this.role(path));
  }

  exists(path: string): boolean {
    const p = path.replace(/^\.\//, '').replace(/\/$/, '');
    return this.files.includes(p) || this.files.some((f) => f.startsWith(`${p}/`)) || (p !== '' && existsSync(join(this.root, p)) && !p.includes('..'));
  }

  isDir(path: string): boolean {
    const p = path.replace(/^\.\//, '').replace(/\/$/, '');
    try { return statSync(join(this.root, p)).isDirectory(); } catch { return false; }
  }

  /** The repo paths a report path may mean: exact, or ending with it (reports often cite paths relative to a package). */
  resolve(path: string): string[] {
    const p = path.replace(/^\.\//, '').replace(/\/$/, '');
    if (this.files.includes(p)) return [p];
    if (this.isDir(p)) return [p];
    const suffix = this.files.filter((f) => f.endsWith(`/${p}`));
    if (suffix.length) return suffix;
    const dirs = new Set<string>();
    for (const f of this.files) {
      const i = f.indexOf(`/${p}/`);
      if (i >= 0) dirs.add(f.slice(0, i + p.length + 1));
    }
    return [...dirs];
  }

  lines(path: string): string[] | null {
    if (!this.texts.has(path)) {
      try {
        const buf = readFileSync(join(this.root, path));
        this.texts.set(path, decode(buf).text.replace(/\r\n?/g, '\n').split('\n'));
      } catch {
        this.texts.set(path, null);
      }
    }
    return this.texts.get(path) ?? null;
  }

  /** Lines of a file as a person counts them (a trailing newline does not start a line). */
  lineCount(path: string): number | null {
    const l = this.lines(path);
    if (!l) return null;
    return l.length > 0 && l[l.length - 1] === '' ? l.length - 1 : l.length;
  }

  sourceFiles(filter: (p: string) => boolean = () => true): string[] {
    return this.files.filter((f) => isSourcePath(f) && filter(f));
  }

  serviceFiles(): string[] {
    return this.sourceFiles((f) => this.isRelease(f) && !/\.d\.ts$/.test(f));
  }

  testFiles(under = ''): string[] {
    return this.sourceFiles((f) => this.role(f) === 'test' && !this.trees.some((t) => f.startsWith(`${t.path}/`)) && /\.(test|spec)\.[cm]?[jt]sx?$/.test(f) && (under === '' || f.startsWith(under)));
  }

  private readonly memo = new Map<string, Hit[]>();

  /** Lines matching `re` in `files`, in file order; the same search is answered from memory. */
  grep(re: RegExp, files: string[], max = 500): Hit[] {
    const key = `${re.source}\u0000${re.flags}\u0000${max}\u0000${files.length}\u0000${files[0] ?? ''}\u0000${files[files.length - 1] ?? ''}`;
    const known = this.memo.get(key);
    if (known) return known;
    const out = this.search(re, files, max);
    this.memo.set(key, out);
    return out;
  }

  private search(re: RegExp, files: string[], max: number): Hit[] {
    const out: Hit[] = [];
    const flags = re.flags.replace('g', '');
    const r = new RegExp(re.source, flags);
    for (const f of files) {
      const lines = this.lines(f);
      if (!lines) continue;
      for (let i = 0; i < lines.length; i++) {
        if (r.test(lines[i])) {
          out.push({ path: f, line: i + 1, text: lines[i] });
          if (out.length >= max) return out;
        }
      }
    }
    return out;
  }
}

export function fileEvidence(h: Hit): Evidence {
  return { kind: 'file', path: h.path, line: h.line, snippet: snippetOf(h.text) };
}

export function figure(name: string, value: number | string | boolean): Evidence {
  return { kind: 'figure', name, value };
}
