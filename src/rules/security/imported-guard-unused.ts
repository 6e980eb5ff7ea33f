import type { BodyFacts } from '../../collect/facts/body.js';
import { moduleFacts } from '../../collect/facts/modules.js';
import { symbolFacts } from '../../collect/facts/symbols.js';
import { criticalRoleOfName, roleOfImport } from '../../knowledge/index.js';
import { exportGuards } from '../../link/handlers.js';
import type { Evidence } from '../../model/run.js';
import { fileRole } from '../../util/roles.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { routeFacts } from '../shared/routes.js';

export default defineRepoRule({
  id: 'security/imported-guard-unused',
  meta: {
    category: 'security',
    // High when nothing in production applies the limiter or guard anywhere; medium when it runs elsewhere.
    severity: 'high',
    title: 'A rate limiter or guard is imported but never constructed, called or applied',
    rationale: 'An import of a limiter or an auth guard says the file meant to use it; when the file never does, the protection it planned is missing, while the import reads in review as if it were there.',
    remediation: { text: 'Construct and apply it where it was imported for (`new RateLimiter(...)` on the request path, `app.use(guard)`), or remove the import.', effort: 'low' },
    messages: {
      unapplied: '{{role}} `{{local}}` is imported from {{module}} but never constructed, called or applied in this file',
    },
  },
  check(ctx) {
    const link = ctx.link;
    let examined = 0;
    let routeless = 0;
    const handles = requestFiles(ctx);
    // What each exported function of the repository does, by file and export name (modules facts).
    let bodies: Map<string, BodyFacts> | null = null;
    const exportBodies = (): Map<string, BodyFacts> => {
      if (bodies) return bodies;
      bodies = new Map();
      for (const r of ctx.facts(moduleFacts)) if (r.type === 'export' && r.body) bodies.set(`${r.path}\0${r.name}`, r.body);
      return bodies;
    };
    for (const i of ctx.facts(symbolFacts)) {
      if (i.type !== 'import' || fileRole(i.path) !== 'service') continue;
      const target = link.resolveImport(i.path, i.spec);
      let role: 'rate limiter' | 'guard' | null = null;
      let decl = null;
      let byName = false;
      if (target) {
        const t = link.resolveExport(target, i.imported);
        decl = t && 'decl' in t ? t.decl : null;
        const name = decl ? decl.id : i.imported === 'default' ? i.local : i.imported;
        // A limiter by its name's whole words (limiter, rate+limit, throttle: words with one meaning).
        // A guard only by what its body does (it verifies a credential or denies): a name's `user` or
        // `auth` is no guard (`CreateUserDto`, `UserRoles`, `AuthorStats` are data and loggers).
        if (criticalRoleOfName(name) === 'limiter') {
          role = 'rate limiter';
          byName = true;
        } else if (decl) {
          const body = exportBodies().get(`${decl.path}\0${i.imported === 'default' ? 'default' : decl.id}`) ?? exportBodies().get(`${decl.path}\0${decl.id}`);
          role = body && exportGuards(body) ? 'guard' : null;
        }
      } else if (link.resolution(i.path, i.spec).kind === 'external') {
        // Library limiters are security/rate-limiter-unused's: only guards here.
        const fact = roleOfImport(i.spec, i.imported);
        role = fact?.role === 'guard' && !fact.lenient ? 'guard' : null;
      }
      if (!role) continue;
      // A file that registers no route, mounts nothing and is no controller (a service, a provider module)
      // handles no request: it cannot leave a guard unapplied. Decided only where the package's routes were read.
      if (role === 'guard' && handles.routed.has(ctx.packageOf(i.path)) && !handles.files.has(i.path)) {
        routeless++;
        continue;
      }
      examined++;
      if (i.valueRefs > 0 || i.injected) continue;
      const evidence: Evidence[] = [];
      let severity: 'high' | 'medium' = 'high';
      if (decl) {
        const reach = link.reach(decl.key);
        evidence.push({ kind: 'file', path: decl.path, line: decl.line, snippet: `${decl.kind} ${decl.id}: declared here` });
        if (reach === 'production') {
          severity = 'medium';
          evidence.push({ kind: 'note', text: `${decl.id} is applied elsewhere: production entries reach it` });
        } else if (reach === 'unknown') evidence.push({ kind: 'note', text: 'whether it runs elsewhere is unknown: its package\'s entries could not be determined' });
        else evidence.push({ kind: 'figure', name: 'callers from production entries', value: 0 });
      }
      if (byName) evidence.push({ kind: 'note', text: `the role comes from the name \`${decl?.id ?? i.local}\` (low confidence: no library descriptor says it)` });
      ctx.report({ messageId: 'unapplied', data: { role, local: i.local, module: i.spec }, severity, location: { path: i.path, line: i.line }, evidence });
    }
    const skipped = routeless > 0 ? `; ${routeless} guard import(s) in files that handle no request (no route, mount or controller) not judged` : '';
    if (examined === 0) ctx.notApplicable(`no rate limiter or guard imported by service code${skipped}`);
    else ctx.pass(`${examined} imported limiter(s) and guard(s), each constructed, called or applied where imported${skipped}`);
  },
});

/** Route-table records that say a file handles requests: it registers or mounts routes, builds an app, or is a controller or its module's wiring. */
const HANDLING = new Set(['route', 'use', 'app', 'pass', 'route-def', 'nest-global', 'nest-middleware', 'next-middleware', 'nest-ws-adapter', 'unread-routes']);

/** The files that handle requests (link's route table), and the packages whose routes were read at all. */
function requestFiles(ctx: RepoRuleContext): { files: Set<string>; routed: Set<string | null> } {
  const table = routeFacts(ctx);
  const files = new Set<string>();
  const routed = new Set<string | null>();
  for (const f of table.facts) if (HANDLING.has(f.kind)) files.add(f.path);
  for (const r of table.routes) {
    files.add(r.file);
    routed.add(r.package);
  }
  return { files, routed };
}
