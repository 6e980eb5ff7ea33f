import { posix } from 'node:path';
import { markdownFacts, markdownRefs, type MarkdownRefFact } from '../../collect/facts/markdown.js';
import type { DiscoveredPackage } from '../../discover/index.js';
import { SKIPPED_DIRS } from '../../discover/walk.js';
import { matchAny } from '../../util/glob.js';
import { fileRole } from '../../util/roles.js';
import { parseJsoncText } from '../../util/structured.js';
import { defineRepoRule } from '../api.js';
import { pushTo } from '../../util/group.js';

const DOC = /\.(md|markdown|mdx)$/i;
const HISTORY = /(^|\/)(CHANGELOG|HISTORY|CHANGES)[^/]*$/i;
/** File kinds a doc cites as repository files. */
const FILE_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|json|jsonc|md|mdx|sh|bash|sql|toml|ya?ml|prisma|txt|html|css|py|go|rs)$/i;
/** Path-like text: segments of word characters, dots, dashes and @, separated by slashes. */
const PATHLIKE = /^(\.{1,2}\/|\/)?([\w@.+-]+\/)*[\w@.+-]+\/?$/;
/** Illustrative paths: `path/to/x`, `your-file.ts`, `foo/bar`, `<name>`. */
const PLACEHOLDER = /(^|\/)(path\/to|to\/your|your[-_]|my[-_]|some[-_]|foo|bar|baz|example|xxx+|\.\.\.)|\bfoo\b/i;
/**
 * A name to fill in, written in capitals: `server/notification-providers/PROVIDER_NAME.js` (a status page's
 * CONTRIBUTING.md). Only as a source file's name: `CODE_OF_CONDUCT.md` and `.github/ISSUE_TEMPLATE/` are real.
 */
const CAPS_PLACEHOLDER = /(^|\/)[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\.(ts|tsx|js|jsx|mjs|cjs|py|go|rs|sh)$/;
/** Link targets that stand for a link to add: `![Before](image-link)` in a pull-request template. */
const LINK_PLACEHOLDER = /^(image[-_]?link|link|url|path|here|todo|tbd|tk)$/i;
/** Top folders that name a repository path even when the folder is missing (`scripts/deploy.sh`). */
const CONVENTIONAL_TOP = new Set(['src', 'lib', 'app', 'apps', 'packages', 'scripts', 'docs', 'test', 'tests', 'migrations', 'config', 'bin', '.github',
  'public', 'api', 'workers', 'services', 'infra', 'deploy', 'k8s', 'prisma', 'drizzle', 'db', 'sql', 'tools', 'server', 'runbooks']);
/** Website pages (MDX, content collections, blogs): their links are site routes, their paths the reader's. */
const SITE_CONTENT = /\.mdx$|(^|\/)(content|pages|blog|posts|_posts|website|site|i18n)\//i;
/** Lines that tell the reader to make a file, or say it is generated or gone: the path is not meant to exist. */
const INSTRUCTION = /\b(create|add|write|generate[sd]?|copy|copied|will be|deleted|removed|renamed|moved|artifacts?|output)\b/i;
/** Usually gitignored, so absent from the tree without being missing. */
const LOCAL_ONLY = /(^|\/)(\.env(\.local|\.[\w-]+\.local)?|\.dev\.vars)$/;

/** The path a reference cites, without `:12-20` / `#L12` / `?x` tails; null when it is not a repository path. */
function citedPath(kind: 'link' | 'code', raw: string): string | null {
  let v = raw.trim();
  if (kind === 'link') {
    if (/^[a-z][\w+.-]*:/i.test(v) || v.startsWith('#') || v.startsWith('//')) return null;
    v = v.replace(/[#?].*$/, '');
    try { v = decodeURI(v); } catch { return null; }
  } else {
    v = v.replace(/(:\d+(-\d+)?|#L\d+(-L?\d+)?)$/, '');
    // Inline code is a module or a route as often as a path: only `dir/` and `dir/file.ext` count.
    if (!v.includes('/') || (!v.endsWith('/') && !FILE_EXT.test(v))) return null;
  }
  if (!v || !PATHLIKE.test(v) || PLACEHOLDER.test(v) || CAPS_PLACEHOLDER.test(v) || LOCAL_ONLY.test(v)) return null;
  if (kind === 'link' && LINK_PLACEHOLDER.test(v)) return null;
  if (/^@[\w.-]+\/[\w.-]+\/?$/.test(v) && !FILE_EXT.test(v)) return null;
  const first = v.replace(/^(\.{1,2}\/|\/)+/, '').split('/')[0];
  if (!first.startsWith('.') && /\.[a-z]{2,}$/i.test(first) && v.includes('/')) return null;
  if (v.split('/').some((s) => SKIPPED_DIRS.has(s))) return null;
  return v;
}

/**
 * Every tail of every file and folder path that starts after a `/` (`b/c.ts` and `c.ts` of
 * `a/b/c.ts`): a cited path ends some file, or is a folder inside some path, exactly when it is one.
 * Built once, so each citation is one look-up, not a scan of the file list.
 */
function pathTails(files: string[], dirs: Set<string>): Set<string> {
  const tails = new Set<string>();
  for (const list of [files, dirs]) {
    for (const f of list) for (let i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) tails.add(f.slice(i + 1));
  }
  return tails;
}

export default defineRepoRule({
  id: 'docs/missing-path',
  meta: {
    category: 'docs',
    severity: 'medium',
    title: 'Docs cite repository paths that do not exist',
    rationale: 'A README or report that points at `scripts/deploy.sh` or `docs/runbooks/rollback.md` when the file is not there sends the on-call engineer nowhere, and often marks a claim nobody checked.',
    remediation: { text: 'Fix the path, add the missing file, or remove the reference.', effort: 'low' },
    messages: {
      missingPath: '{{doc}} cites `{{path}}`, which does not exist in the repository',
    },
  },
  check(ctx) {
    const files = ctx.layout.files.map((f) => f.path);
    const fileSet = new Set(files);
    const dirs = new Set<string>();
    for (const f of files) for (let i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) dirs.add(f.slice(0, i));
    const exists = (p: string): boolean => {
      const n = posix.normalize(p).replace(/\/$/, '');
      return n === '.' || fileSet.has(n) || dirs.has(n);
    };
    /** The tail of a path anywhere in the repository: docs cite files of other packages loosely. */
    let tails: Set<string> | null = null;
    const endsWith = (p: string): boolean => {
      const n = posix.normalize(p).replace(/^(\.\.?\/)+/, '').replace(/\/$/, '');
      tails ??= pathTails(files, dirs);
      return tails.has(n);
    };
    const dirNames = new Set([...dirs].map((d) => d.slice(d.lastIndexOf('/') + 1)));
    /** Inline code such as `vercel/next.js` names a repository, not a path: its top folder must be known. */
    const plausible = (kind: string, p: string, pkgPath: string): boolean => {
      if (/^\.{1,2}\//.test(p)) return true;
      const segments = p.replace(/^\//, '').replace(/\/$/, '').split('/');
      if (p.startsWith('/')) {
        // `/docs/api.md` is a repository path; `/blog/launch` or `/app/index.html` is a site route unless
        // the folder exists at the root of the repository or of the doc's package.
        if (kind === 'link' && FILE_EXT.test(p.replace(/\/$/, ''))) return true;
        return dirs.has(segments[0]) || dirs.has(posix.join(pkgPath, segments[0]));
      }
      if (kind === 'link') return true;
      // `public/` names a concept as often as a folder.
      if (p.endsWith('/') && segments.length < 2) return false;
      return dirNames.has(segments[0]) || CONVENTIONAL_TOP.has(segments[0]);
    };
    /** A published package's `files` list leaves the cited path out: absent from the package on purpose. */
    const published = new Map<string, string[] | null>();
    const publishedGlobs = (pkg: DiscoveredPackage): string[] | null => {
      if (published.has(pkg.path)) return published.get(pkg.path)!;
      const manifest = pkg.manifestPath ? ctx.documents.get(pkg.manifestPath) : undefined;
      const parsed = manifest ? parseJsoncText(manifest, pkg.manifestPath!) : null;
      const list = parsed?.ok && parsed.value && typeof parsed.value === 'object' ? (parsed.value as { files?: unknown }).files : undefined;
      const globs = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string' && !x.startsWith('!')).flatMap((g) => [g, `${g.replace(/\/$/, '')}/**`]) : null;
      published.set(pkg.path, globs);
      return globs;
    };
    const leftOutOfPackage = (pkg: DiscoveredPackage | undefined, candidates: string[]): boolean => {
      const globs = pkg ? publishedGlobs(pkg) : null;
      if (!pkg || !globs) return false;
      const rel = (p: string) => (pkg.path === '.' ? p : p.startsWith(`${pkg.path}/`) ? p.slice(pkg.path.length + 1) : null);
      return candidates.some((c) => {
        const r = rel(posix.normalize(c).replace(/\/$/, ''));
        return r !== null && !matchAny(r, globs);
      });
    };
    const byDoc = new Map<string, MarkdownRefFact[]>();
    for (const r of markdownRefs(ctx.facts(markdownFacts))) {
      if (!DOC.test(r.path) || HISTORY.test(r.path) || SITE_CONTENT.test(r.path) || ['test', 'mock', 'generated'].includes(fileRole(r.path))) continue;
      pushTo(byDoc, r.path, r);
    }
    const docCount = ctx.layout.files.filter((f) => DOC.test(f.path)).length;
    let refs = 0;
    for (const [doc, list] of byDoc) {
      const dir = posix.dirname(doc);
      const seen = new Set<string>();
      // Relative to the doc's folder, its package (a leading `/` is the package's repository root) or the audited root.
      const pkg = ctx.layout.packages.find((x) => x.name === ctx.packageOf(doc));
      const pkgPath = pkg?.path ?? '.';
      let lines: string[] | null = null;
      for (const ref of list) {
        const p = citedPath(ref.kind, ref.value);
        if (!p || !plausible(ref.kind, p, pkgPath)) continue;
        lines ??= (ctx.documents.get(doc) ?? '').split('\n');
        if (INSTRUCTION.test(lines[ref.line - 1] ?? '')) continue;
        refs++;
        const rooted = p.replace(/^\//, '');
        const candidates = [...new Set((p.startsWith('/') ? [posix.join(pkgPath, rooted), rooted] : [posix.join(dir, p), posix.join(pkgPath, p), rooted]).map((c) => posix.normalize(c)))];
        if (candidates.some((c) => c.startsWith('..'))) continue;
        if (candidates.some(exists) || endsWith(p) || leftOutOfPackage(pkg, candidates)) continue;
        const key = `${ref.line}|${posix.normalize(p)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({
          messageId: 'missingPath',
          data: { doc, path: p },
          location: { path: doc, line: ref.line },
          evidence: [{ kind: 'note', text: `looked for ${candidates.join(', ')}, and for any file ending in /${posix.normalize(p).replace(/^(\.\.?\/)+/, '')}` }],
        });
      }
    }
    ctx.pass(`${refs} path reference(s) in ${docCount} Markdown doc(s) checked`);
  },
});
