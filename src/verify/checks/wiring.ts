// "Agendash credentials come from environment variables", "Agenda job `send-email` defined and
// scheduled on sign-up", "Production never reads `.env.example`": what the code wires together across
// files. A setting is followed from where it is used through the import to the value the config module
// holds; a job from its definition to the calls that put it on the queue; an env file from the loader's
// call and the conditions around it. Absence is decided only when the search covers every way the code
// could say it, and the evidence says what was searched.
import ts from 'typescript';
import { ENV_FILE_LOADERS, jobCall, JOB_SCHEDULERS } from '../../knowledge/index.js';
import type { Evidence } from '../../model/run.js';
import type { Subject } from '../model.js';
import { fileEvidence, figure, type Hit } from '../repo.js';
import { reachAt, unreached } from './reach.js';
import { callIs, conditionsOf, evaluate, importedCalls, lineOf, type ParsedFile, parsedFile, propertyAt, UNKNOWN } from './syntax.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable, type Verifier } from './context.js';

const strip = (t: string) => t.replace(/\*\*|__/g, '');
/** The figure a check gives when it resolved a credential to a literal in release code. */
export const COMMITTED_CREDENTIAL = 'credential written in the code';

const SECRET_KEY = /^(pass(word)?|pwd|secret|token|api_?key|key|user(name)?|credentials?)$/i;

/** What a line says of wiring across files; null when it names none of these. */
export function wiringClaim(text: string): Subject | null {
  const t = strip(text);
  const envFile = t.match(/`(\.env(?:\.[\w-]+)?)`/);
  const never = /\b(never|not|no longer|doesn't|does not)\b[^.|]*\b(reads?|loads?|uses?)\b/i.test(t);
  if (envFile && never) return { topic: 'env-file', file: envFile[1], production: /\bproduction\b/i.test(t) };
  const job = t.match(/\bjob `([\w:.-]+)`/i);
  if (job && /\bscheduled\b|\bqueued\b|\benqueued\b/i.test(t)) return { topic: 'job-scheduled', name: job[1] };
  if (/\b(credentials?|passwords?|secrets?)\b/i.test(t) && /\benv(ironment)?\b( variables?)?|process\.env/i.test(t) && /\b(come|read|loaded|taken|from)\b/i.test(t)) {
    const names = (t.match(/\b[A-Z][a-z]{3,}\w*\b/g) ?? []).filter((n) => !/^(Credentials?|Passwords?|Secrets?|Environment|The|All|No|Production)$/.test(n));
    if (names.length) return { topic: 'secret-source', name: names[0] };
  }
  return null;
}

// ---- a setting followed to its value ----

/** The object a module exports as its default (`export default {...}`, `module.exports = {...}`). */
function defaultExport(f: ParsedFile): ts.Expression | undefined {
  for (const st of f.sf.statements) {
    if (ts.isExportAssignment(st)) return st.expression;
    if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && st.expression.left.getText(f.sf) === 'module.exports') return st.expression.right;
  }
  return undefined;
}

const readsEnv = (e: ts.Expression) => /^process\.env\b/.test(e.getText()) || /\bprocess\.env\b/.test(e.getText());

function secretSource(s: Subject, ctx: CheckContext): Check {
  let link;
  try { link = ctx.link?.(); } catch { link = undefined; }
  if (!link) return unverifiable('no module graph: the audit\'s link stage did not run');
  const name = String(s.name).toLowerCase();
  // `config.agendash.password`: a property chain of an imported binding whose second name is the claim's subject.
  const uses: Array<{ at: Hit; key: string; value: Hit; env: boolean; literal: string | null }> = [];
  const blind: Hit[] = [];
  for (const path of ctx.repo.serviceFiles()) {
    if (!ctx.repo.lines(path)?.some((l) => l.toLowerCase().includes(`.${name}.`))) continue;
    const f = parsedFile(ctx, path);
    if (!f) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAccessExpression(n) && SECRET_KEY.test(n.name.text) && ts.isPropertyAccessExpression(n.expression)
        && n.expression.name.text.toLowerCase() === name && ts.isIdentifier(n.expression.expression)) {
        const at = lineOf(n, f);
        const b = f.bindings.get(n.expression.expression.text);
        const target = b && b.name === 'default' ? link.resolveImport(path, b.module) : null;
        const tf = target ? parsedFile(ctx, target) : null;
        const holder = tf ? propertyAt(defaultExport(tf), `${n.expression.name.text}.${n.name.text}`, tf) : undefined;
        if (!tf || !holder) { blind.push(at); return; }
        const v = evaluate(holder, tf);
        uses.push({ at, key: n.name.text, value: lineOf(holder, tf), env: readsEnv(holder), literal: typeof v === 'string' && !readsEnv(holder) ? v : null });
      }
      ts.forEachChild(n, visit);
    };
    visit(f.sf);
  }
  if (uses.length === 0) return unverifiable(blind.length ? `${blind[0].path}:${blind[0].line} reads a ${name} setting whose module could not be resolved to a value` : `no release code reads a \`<config>.${name}.<key>\` setting`);
  // A password or secret written in the code is the worse finding: show it before a user name.
  const hard = uses.filter((u) => u.literal !== null).sort((a, b) => Number(/^user/i.test(a.key)) - Number(/^user/i.test(b.key)));
  const ev = (us: typeof uses): Evidence[] => us.slice(0, 2).flatMap((u) => [fileEvidence(u.value), fileEvidence(u.at)]);
  // A password, token or key written in the code (not a user name) is a committed secret: the figure says
  // so, and a general "no secrets committed" line takes this line's verdict (src/verify/entails.ts).
  const secret = hard.find((u) => !/^user/i.test(u.key));
  if (hard.length) {
    return contradicted(`${hard[0].at.path}:${hard[0].at.line} reads ${name}'s \`${hard[0].key}\` from ${hard[0].value.path}:${hard[0].value.line}, a string literal written in the code, not the environment`,
      [...ev(hard), ...(secret ? [{ kind: 'figure' as const, name: COMMITTED_CREDENTIAL, value: `${secret.value.path}:${secret.value.line}` }] : [])]);
  }
  const open = uses.filter((u) => !u.env);
  if (open.length || blind.length) return unverifiable(`${(open[0]?.value ?? blind[0]).path}:${(open[0]?.value ?? blind[0]).line} holds a ${name} setting that is neither a literal nor read from process.env`);
  return confirmed(`every ${name} credential setting read (${uses.length}) comes from process.env in ${uses[0].value.path}`, ev(uses));
}

// ---- a job defined and scheduled ----

interface JobSite { hit: Hit; kind: 'define' | 'schedule'; name: string | null; method: string }

/** Calls of a job scheduler's methods in files that import the scheduler: the job name as written, or null when computed. */
function jobSites(ctx: CheckContext): { sites: JobSite[]; searched: number } {
  const sites: JobSite[] = [];
  let searched = 0;
  const modules = JOB_SCHEDULERS.map((s) => s.module);
  for (const path of ctx.repo.serviceFiles()) {
    const f = parsedFile(ctx, path);
    if (!f) continue;
    searched++;
    const module = modules.find((m) => [...f.bindings.values()].some((b) => b.module === m));
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
        // A file that imports no scheduler may still call one it was handed (`this.agenda.now(...)`):
        // its calls of the scheduling methods count when the name argument is a string.
        const call = jobCall(module ?? modules[0], n.expression.name.text);
        if (call && (module || call.kind === 'schedule')) {
          const a = n.arguments[call.call.nameArg];
          const v = a ? evaluate(a, f) : UNKNOWN;
          if (module || typeof v === 'string') sites.push({ hit: lineOf(n, f), kind: call.kind, name: typeof v === 'string' ? v : null, method: n.expression.name.text });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(f.sf);
  }
  return { sites, searched };
}

function jobScheduled(s: Subject, ctx: CheckContext): Check {
  const name = String(s.name);
  const { sites, searched } = jobSites(ctx);
  const defs = sites.filter((x) => x.kind === 'define' && x.name === name);
  if (defs.length === 0) return unverifiable(`no definition of a job named '${name}' by a scheduler verdict knows (${JOB_SCHEDULERS.map((j) => j.module).join(', ')})`);
  const runs = sites.filter((x) => x.kind === 'schedule' && x.name === name);
  const live = runs.filter((r) => !unreached(reachAt(ctx, r.hit)));
  if (live.length) return confirmed(`'${name}' is defined at ${defs[0].hit.path}:${defs[0].hit.line} and put on the queue at ${live[0].hit.path}:${live[0].hit.line} (\`${live[0].method}\`)`, [fileEvidence(defs[0].hit), fileEvidence(live[0].hit)]);
  if (runs.length) return unverifiable(`'${name}' is scheduled at ${runs[0].hit.path}:${runs[0].hit.line}, which no production entry is shown to reach`);
  const computed = sites.filter((x) => x.kind === 'schedule' && x.name === null);
  if (computed.length) return unverifiable(`'${name}' is defined at ${defs[0].hit.path}:${defs[0].hit.line}; ${computed[0].hit.path}:${computed[0].hit.line} schedules a job whose name is computed, so it may be this one`);
  // The name written anywhere else (a constant passed along, a dispatch table) may still reach a scheduler.
  const elsewhere = ctx.repo.serviceFiles().flatMap((p) => (ctx.repo.lines(p) ?? []).flatMap((l, i) => (l.includes(`'${name}'`) || l.includes(`"${name}"`) || l.includes(`\`${name}\``) ? [{ path: p, line: i + 1, text: l }] : [])))
    .filter((h) => !defs.some((d) => d.hit.path === h.path && Math.abs(d.hit.line - h.line) <= 2));
  if (elsewhere.length) return unverifiable(`'${name}' is defined at ${defs[0].hit.path}:${defs[0].hit.line} and its name is also written at ${elsewhere[0].path}:${elsewhere[0].line}, which may schedule it`);
  const methods = JOB_SCHEDULERS.flatMap((j) => j.schedules.map((c) => c.method)).join(', ');
  return contradicted(`'${name}' is defined at ${defs[0].hit.path}:${defs[0].hit.line} but nothing schedules it: no ${methods} call names it in the ${searched} release files searched, and the name is written nowhere else`,
    [fileEvidence(defs[0].hit), figure(`calls scheduling '${name}'`, 0), figure('release files searched', searched)]);
}

// ---- an env file read in production ----

function envFile(s: Subject, ctx: CheckContext): Check {
  const file = String(s.file);
  const loads = importedCalls(ctx).flatMap((c) => {
    const l = ENV_FILE_LOADERS.find((x) => callIs(c, x.module, x.export));
    if (!l) return [];
    const opts = c.node.arguments?.[l.arg];
    const p = opts ? propertyAt(opts, l.key, c.file) : undefined;
    const v = p ? evaluate(p, c.file) : l.default;
    return [{ c, path: v }];
  });
  const reads = loads.filter((x) => typeof x.path === 'string' && x.path.replace(/^\.\//, '') === file);
  const live = reads.filter((x) => !unreached(reachAt(ctx, x.c)));
  if (live.length) {
    // A load under `if (process.env.NODE_ENV !== 'production')` does not run in production: judge its conditions there.
    const prod = live.filter((x) => conditionsOf(x.c.node).every(({ test, holds }) => {
      const v = evaluate(test, x.c.file, { NODE_ENV: 'production' });
      return v === UNKNOWN || Boolean(v) === holds;
    }));
    if (prod.length === 0) return confirmed(`${file} is loaded only outside production (${live[0].c.path}:${live[0].c.line})`, [fileEvidence(live[0].c)]);
    const conds = conditionsOf(prod[0].c.node).map((k) => `${k.holds ? '' : 'not '}${k.test.getText(prod[0].c.file.sf)}`);
    return contradicted(`${prod[0].c.path}:${prod[0].c.line} loads ${file}${conds.length ? ` when ${conds.join(' and ')}` : ''}, a condition that does not depend on the environment being production`, [fileEvidence(prod[0].c)]);
  }
  if (reads.length) return unverifiable(`${file} is loaded at ${reads[0].c.path}:${reads[0].c.line}, which no production entry is shown to reach`);
  const computed = loads.filter((x) => x.path === UNKNOWN);
  if (computed.length) return unverifiable(`${computed[0].c.path}:${computed[0].c.line} loads an env file whose path is computed`);
  const named = ctx.repo.serviceFiles().flatMap((p) => (ctx.repo.lines(p) ?? []).flatMap((l, i) => (l.includes(file) && !/^\s*(\/\/|\*)/.test(l) ? [{ path: p, line: i + 1, text: l }] : [])));
  if (named.length) return unverifiable(`${named[0].path}:${named[0].line} names ${file} outside a loader call verdict knows`);
  if (loads.length === 0) return unverifiable(`no env-file loader verdict knows (${ENV_FILE_LOADERS.map((l) => l.module).join(', ')}) is called in release code`);
  return confirmed(`no loader call reads ${file}: the ${loads.length} loader call(s) read ${[...new Set(loads.map((l) => String(l.path)))].join(', ')}`, loads.slice(0, 2).map((l) => fileEvidence(l.c)));
}

export const wiring: Verifier = (s, ctx) => {
  if (s.topic === 'secret-source') return secretSource(s, ctx);
  if (s.topic === 'job-scheduled') return jobScheduled(s, ctx);
  if (s.topic === 'env-file') return envFile(s, ctx);
  return unverifiable(`no wiring check for ${String(s.topic)}`);
};
