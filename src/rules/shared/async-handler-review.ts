// The review of reliability/async-handler-errors: what only the package and the other files know.
// Express's declared version, express-async-errors imported anywhere in the package, a process-level
// unhandledRejection handler, and the wrappers, async functions and clients of other files, each
// resolved through the link to the declaration a record of this rule describes.
import { packageOf, type RepoLayout } from '../../discover/index.js';
import type { FactRecord } from '../../collect/index.js';
import type { DeclNode } from '../../link/index.js';
import { expressForwardsRejections, PROCESS_ERROR_REPORTERS } from '../../knowledge/index.js';
import type { ReviewContext, RuleFinding } from '../api.js';
import type { HandlerNote } from '../reliability/async-handler-errors.js';

/** Data keys the review reads and removes: the handlers of an `unguarded` finding, the local name a `floating` call resolves through. */
export const HANDLERS = 'handlersJson';
export const VIA = 'viaName';

type Records = Map<string, FactRecord[]>;

function byType(ctx: ReviewContext): Records {
  return ctx.memo('byType', () => {
    const m: Records = new Map();
    // Appended in place: copying the list for every record made this quadratic (10 s on the bench corpus).
    for (const r of ctx.records()) {
      const t = String(r.type);
      const list = m.get(t);
      if (list) list.push(r);
      else m.set(t, [r]);
    }
    return m;
  });
}

/** The declaration a local name (`f`) or member (`users.get`) of `path` refers to, through imports and barrels. */
function declOf(ctx: ReviewContext, path: string, ref: string): DeclNode | undefined {
  const [root, member, ...rest] = ref.split('.');
  if (!root || rest.length > 0) return undefined;
  if (member) return ctx.link.memberOf(path, root, member);
  const t = ctx.link.resolveName(path, root);
  return t && 'decl' in t ? t.decl : undefined;
}

/** The record of `type` this rule emitted at a declaration. */
function recordAt(records: Records, type: string, d: DeclNode | undefined): FactRecord | undefined {
  if (!d) return undefined;
  return (records.get(type) ?? []).find((r) => r.path === d.path && Number(r.line) === d.line);
}

/** Whether a wrapper of another file (`./wrap#asyncHandler`) is one this rule saw hand the rejection on. */
function wrapperSafe(ctx: ReviewContext, records: Records, from: string, key: string): boolean {
  const local = key.slice(key.indexOf('#') + 1);
  const t = local.includes('.') ? null : ctx.link.resolveName(from, local);
  // `const wrap = require('./wrap')` of a module that assigns `module.exports = wrap`: the module as a whole.
  if (t && 'module' in t) return (records.get('wrapper') ?? []).some((r) => r.path === t.module && r.whole === true && r.safe === true);
  return recordAt(records, 'wrapper', declOf(ctx, from, local))?.safe === true;
}

export function reviewAsyncHandlers(finding: RuleFinding, layout: RepoLayout, ctx: ReviewContext): RuleFinding | null {
  const path = finding.path;
  if (!path) return finding;
  const data = { ...finding.data };
  const records = byType(ctx);
  if (finding.messageId === 'floating' || finding.messageId === 'returnedInTry') {
    const via = data[VIA];
    delete data[VIA];
    if (typeof via !== 'string') return { ...finding, data };
    const client = /^client:([^:]+):(\d+):(.+)$/.exec(via);
    if (client) {
      const rec = recordAt(records, 'client', declOf(ctx, path, client[1]));
      const onMember = Number(client[2]) === 1;
      if (!rec || rec.onMember !== onMember || !String(rec.methods).split(',').includes(client[3])) return null;
      return { ...finding, data: { ...data, what: `${String(rec.package)} ${client[3]}, which rejects when it fails (client made at ${rec.path}:${Number(rec.line)})` } };
    }
    const d = declOf(ctx, path, via);
    const rec = recordAt(records, 'async-fn', d);
    if (rec) return { ...finding, data: { ...data, what: `async function at ${rec.path}:${Number(rec.line)}` } };
    // `mailer.sendMail()` with `mailer` a client another file makes and exports.
    const [root, method] = via.split('.');
    const made = method ? recordAt(records, 'client', declOf(ctx, path, root)) : undefined;
    if (!made || made.onMember === true || !String(made.methods).split(',').includes(method)) return null;
    return { ...finding, data: { ...data, what: `${String(made.package)} ${method}, which rejects when it fails (client made at ${made.path}:${Number(made.line)})` } };
  }
  if (finding.messageId !== 'unguarded') return finding;
  const notes = JSON.parse(String(data[HANDLERS] ?? '[]')) as HandlerNote[];
  delete data[HANDLERS];
  const pkgName = packageOf(path, layout.packages);
  const pkg = layout.packages.find((p) => p.name === pkgName);
  const root = layout.packages.find((p) => p.path === '.');
  const depsOf = (p: typeof pkg) => ({ ...p?.devDependencies, ...p?.dependencies });
  const deps = { ...depsOf(root), ...depsOf(pkg) };
  const range = deps.express;
  // Not an Express package, or one NestJS serves (it catches what its handlers and middleware reject).
  if (range === undefined || '@nestjs/core' in deps) return null;
  const forwards = expressForwardsRejections(range);
  if (forwards === true) return null;
  const mine = (r: FactRecord) => packageOf(r.path, layout.packages) === pkgName;
  if ((records.get('patch') ?? []).some(mine)) return null;
  const promiseRouters = (records.get('router-helper') ?? []).some(mine);
  const wrapped = (records.get('wrapped') ?? []).filter(mine);
  const left = notes.filter((h) => {
    if (h.wrapper && wrapperSafe(ctx, records, path, h.wrapper)) return false;
    if (h.via !== 'export') return true;
    // A controller of this file registered elsewhere through a promise-aware router or a wrapper that hands the rejection on.
    if (promiseRouters) return false;
    return !wrapped.some((w) => {
      const d = declOf(ctx, w.path, String(w.ref));
      const at = d && d.path === path && d.line >= h.decl - 1 && d.line <= h.line + 1;
      return at && (typeof w.wrapper !== 'string' || wrapperSafe(ctx, records, w.path, w.wrapper));
    });
  });
  if (left.length === 0) return null;
  const handler = (records.get('process-handler') ?? []).find(mine);
  const reporter = PROCESS_ERROR_REPORTERS.find((r) => r in deps);
  const crash = handler ? `the rejection reaches the unhandledRejection handler at ${handler.path}:${Number(handler.line)} instead of an error response`
    : reporter ? `the rejection reaches the process handler ${reporter} installs instead of an error response`
      : 'the unhandled rejection kills the process (no unhandledRejection handler in the package)';
  return {
    ...finding,
    line: left[0].line,
    severity: handler || reporter ? 'medium' : 'high',
    data: { ...data, count: left.length, examples: left.slice(0, 3).map((h) => h.label).join(', ') + (left.length > 3 ? ` and ${left.length - 3} more` : ''), version: forwards === null ? `${range} (no major version read)` : range, crash },
  };
}
