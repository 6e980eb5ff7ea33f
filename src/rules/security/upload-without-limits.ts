import { uploadFacts, type UploadParser } from '../../collect/facts/uploads.js';
import { routeRecords } from '../../collect/facts/routes.js';
import { uploadLibrary, type UploadLibrary } from '../../knowledge/index.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { routeFacts, type AssembledRoute } from '../shared/routes.js';

type Located = UploadParser;

/**
 * A library default counts as a limit up to this size: @fastify/multipart's 1 MiB does, formidable's
 * 200 MB per file (with no bound on the number of files before v3) does not protect a service's memory or disk.
 */
const DEFAULT_BOUND = 10 * 1024 * 1024;

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}

export default defineRepoRule({
  id: 'security/upload-without-limits',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'File uploads accepted without a size or count limit',
    rationale: 'A multipart parser with no file size or count limit lets one request fill the memory (memory storage) or the disk (disk storage) of the server; where anyone can reach the route, anyone can take the service down.',
    remediation: {
      text: 'Give the parser limits (`multer({ limits: { fileSize: 5 * 1024 * 1024, files: 1 } })`, `FileInterceptor(\'file\', { limits: { fileSize } })` or `MulterModule.register({ limits })`, `busboy({ headers, limits: { fileSize } })`, `formidable({ maxFileSize })`), and a `fileFilter` where files are written to disk.',
      effort: 'low',
    },
    messages: {
      unlimited: '{{what}} parses uploads without a size or count limit ({{default}}) on {{where}}',
      noFileFilter: '{{what}} writes uploaded files to disk without a fileFilter: any file type is stored',
      parsedBeforeAuth: '{{what}} writes uploaded files to disk before {{guard}} checks the caller on {{where}}: it runs first in the route\'s middleware chain, so unauthenticated clients write files to the server\'s disk',
    },
  },
  check(ctx) {
    const parsers = ctx.facts(uploadFacts) as Located[];
    if (parsers.length === 0) return ctx.notApplicable('no multipart upload parser (multer, NestJS file interceptors, busboy, formidable, @fastify/multipart) found');
    const routes = routeFacts(ctx).routes;
    // `MulterModule.register({ limits })` gives every interceptor of its package's modules its limits.
    const moduleLimits = new Set(parsers.filter((p) => p.shape === 'module-defaults' && (p.limits?.length ?? 0) > 0).map((p) => ctx.packageOf(p.path)));
    const unread: string[] = [];
    let bounded = 0;
    for (const p of parsers) {
      if (p.shape === 'module-defaults') continue;
      const lib = uploadLibrary(p.library as UploadLibrary['id']);
      if (p.limits === null) { unread.push(`${p.path}:${p.line}`); continue; }
      const own = p.limits.length > 0;
      const byModule = p.shape === 'interceptor' && moduleLimits.has(ctx.packageOf(p.path));
      const byDefault = lib.defaultFileSize !== null && lib.defaultFileSize <= DEFAULT_BOUND && p.unbounded.length === 0;
      if (own || byModule || byDefault) {
        bounded++;
        // Bounded, but run before the guard: a refused caller's files are on disk already.
        const writesDisk = p.disk === true || (p.disk === false && lib.diskByDefault);
        const early = writesDisk && p.shape === 'factory' ? routesOf(ctx, p, routes).filter((r) => r.parsedBefore) : [];
        if (early.length > 0) {
          ctx.report({
            messageId: 'parsedBeforeAuth', severity: 'medium',
            data: { what: p.via.replace(/#default$/, ''), guard: early[0].parsedBefore!, where: early.slice(0, 3).map((r) => `${r.method} ${r.path} (${r.file}:${r.line})`).join(', ') },
            location: { path: p.path, line: p.line, snippet: p.snippet },
            evidence: early.slice(0, 3).map((r) => ({ kind: 'note' as const, text: `${r.method} ${r.path} at ${r.file}:${r.line}: chain ${r.steps.map((x) => x.name).join(' -> ')}; the parser runs before ${r.parsedBefore}` })),
          });
        }
      } else {
        const on = routesOf(ctx, p, routes);
        // A route whose mount chain was not followed may sit behind a guard: open only when its chain was read.
        const open = on.filter((r) => !r.auth && !r.unresolved);
        const guarded = on.find((r) => r.auth);
        const severity = open.length > 0 ? 'high' : 'medium';
        const where = on.length === 0 ? 'a route verdict could not tie it to' : open.length > 0 ? `${open.map((r) => `${r.method} ${r.path}`).slice(0, 3).join(', ')} (no auth)`
          : `${on.map((r) => `${r.method} ${r.path}`).slice(0, 3).join(', ')} (${guarded ? `behind ${guarded.auth}` : 'mounted where verdict could not follow: guards unknown'})`;
        ctx.report({
          messageId: 'unlimited', severity,
          data: { what: p.via.replace(/#default$/, ''), where, default: p.unbounded.length > 0 ? `${p.unbounded.join(', ')} set to no bound` : lib.defaultFileSize === null ? `${lib.id} sets none by default` : `${lib.id}'s default is ${sizeText(lib.defaultFileSize)} per file` },
          location: { path: p.path, line: p.line, snippet: p.snippet },
          evidence: on.length === 0 ? [{ kind: 'note', text: 'no route of the repository was found to use this parser: its exposure is unknown, so it is reported at medium' }] : on.slice(0, 3).map((r) => ({ kind: 'note' as const, text: `${r.method} ${r.path} at ${r.file}:${r.line}${r.auth ? ` behind ${r.auth}` : r.unresolved ? ', its mount chain not followed' : r.parsedBefore ? `: the parser runs before ${r.parsedBefore} in its chain, so it reads the upload of any caller` : ', no auth in its chain'}` })),
        });
      }
      if (p.disk === true && p.fileFilter === false && lib.filterOption) {
        ctx.report({ messageId: 'noFileFilter', severity: 'medium', data: { what: p.via.replace(/#default$/, '') }, location: { path: p.path, line: p.line, snippet: p.snippet } });
      }
    }
    if (unread.length > 0) ctx.unknown(`upload parser options verdict could not read (a value from another file or a spread): ${unread.slice(0, 5).join(', ')}`);
    else ctx.pass(`${bounded} upload parser(s), each bounded by its options, MulterModule defaults or the library's default`);
  },
});

/**
 * The routes a parser is on: registrations of its file it is given to (by line), a NestJS controller
 * it applies to, and routes of other files whose middleware imports it by the name its file exports
 * (`upload.single('f')` is recorded as `upload#single`).
 */
/** A route a parser is tied to; `parsedBefore`: the guard its chain runs only after the parser. */
type Tied = AssembledRoute & { parsedBefore?: string };

function routesOf(ctx: RepoRuleContext, p: Located, routes: AssembledRoute[]): Tied[] {
  const records = routeRecords(routeFacts(ctx).facts, 'route');
  const at = new Set<string>(p.routeLines.map((l) => `${p.path}:${l}`));
  // The names the parser goes by in the chains of the routes of other files that mount it (`upload.array`).
  const names = new Map<string, string>();
  if (p.controller) for (const r of records) if (r.path === p.path && r.controller === p.controller) at.add(`${r.path}:${r.line}`);
  if (p.exported) {
    for (const r of records) {
      const m = r.middleware.find((x) => x.from !== null && importsName(x.imported, p.exported!) && ctx.link.resolveImport(r.path, x.from) === p.path);
      if (m) { at.add(`${r.path}:${r.line}`); names.set(`${r.path}:${r.line}`, m.name); }
    }
  }
  const pkgOf = p.via.slice(0, p.via.indexOf('#'));
  /** Whether a step of a route's resolved chain is this parser: the name other files import it by, the variable of its file it is held in, or the package's own call. */
  const isParser = (r: AssembledRoute, step: AssembledRoute['steps'][number]): boolean => {
    if (step.name === names.get(`${r.file}:${r.line}`)) return true;
    if (step.from !== null) return step.from === pkgOf && r.file === p.path;
    const t = ctx.link.resolveName(r.file, step.name.split('.')[0]);
    return Boolean(t && 'decl' in t && t.decl.path === p.path && t.decl.line === p.line);
  };
  return routes.filter((r) => at.has(`${r.file}:${r.line}`) && !r.websocket).map((r): Tied => {
    // Middleware runs in chain order: a parser before every guard of the chain reads (and stores) the
    // upload of a caller that a later guard, or the handler's own check, then refuses.
    if (!r.auth) return r;
    const parser = r.steps.findIndex((x) => isParser(r, x));
    const guard = r.steps.findIndex((x) => x.guard !== null);
    return parser >= 0 && (guard < 0 || guard > parser) ? { ...r, auth: null, parsedBefore: r.auth } : r;
  });
}

/**
 * Whether a middleware's import names the export: `upload` / `upload#single` for `upload.single(...)`, and a
 * member of a namespace or default import (`*#uploadMiddleware` for `controller.uploadMiddleware` on a `require`).
 */
function importsName(imported: string | null, name: string): boolean {
  if (!imported) return false;
  const [first, second] = imported.split('#');
  return first === name || ((first === '*' || first === 'default') && second === name);
}
