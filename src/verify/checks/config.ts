// "db-backup.yml | daily schedule + manual trigger", "security-preflight.yml | Gitleaks + CodeQL",
// "Hidden source maps", "Target ES2020", "Coverage target 95%": a setting of a config file, read
// from the parsed file (the workflow's YAML, the object vite's or jest's config exports), never from a
// word found in it.
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { COVERAGE_THRESHOLDS, VITE_BUILD_OPTIONS, WORKFLOW_TOOLS } from '../../knowledge/index.js';
import type { Subject } from '../model.js';
import { scanRun } from '../scan-run.js';
import { fileEvidence, figure, type Hit } from '../repo.js';
import { ciFiles, type Check, type CheckContext, confirmed, contradicted, unverifiable, type Verifier } from './context.js';
import { callIs, evaluate, importedCalls, lineOf, type ParsedFile, parsedFile, propertyAt, UNKNOWN, type Value } from './syntax.js';

const WORKFLOW_FILE = /(?:^|[\s`/])([\w. -]+\.ya?ml)\b/;

/** What a line says of a config setting; null when it names none verify reads. */
export function configClaim(text: string, parent: string | null, firstCell: string | null): Subject | null {
  const t = text.replace(/\*\*|__/g, '');
  const file = (firstCell ?? '').replace(/[*_`]/g, '').trim().match(/^[\w.-]+\.ya?ml$/)?.[0] ?? (t.match(WORKFLOW_FILE)?.[1] ?? (parent ?? '').replace(/[*_`]/g, '').match(WORKFLOW_FILE)?.[1])?.trim();
  const tools = WORKFLOW_TOOLS.filter((w) => w.words.test(t)).map((w) => w.tool);
  const every = t.match(/\bevery (\d+) hours?\b/i);
  const workflow = {
    ...(every ? { everyHours: Number(every[1]) } : /\bdaily\b/i.test(t) ? { daily: true } : {}),
    ...(/\bmanual (trigger|dispatch|run)\b|workflow_dispatch/i.test(t) ? { dispatch: true } : {}),
    ...(/\bapproval gate|\bmanual approval|\benvironment:?\s*`?(\w+)`?/i.test(t) ? { environment: t.match(/\benvironment:?\s*`?(\w+)`?/i)?.[1] ?? '' } : {}),
    ...(tools.length ? { tools: tools.join(',') } : {}),
  };
  if (file && Object.keys(workflow).length) return { topic: 'workflow', file, ...workflow };
  // "CodeQL verified (0 alerts)", "CodeQL verification ✅": a run's result, which no file shows (../scan-run.ts);
  // "CodeQL runs in CI" says a workflow runs it.
  if (/\bcodeql\b/i.test(t) && !file && !scanRun(t, parent)) return { topic: 'workflow', file: '', tools: 'CodeQL' };
  const scripts = /`package\.json`/.test(t) ? t.match(/\b([a-z]{4,}) (?:commands|scripts)\b/i) : null;
  if (scripts) return { topic: 'scripts', word: scripts[1].toLowerCase() };
  const coverage = t.match(/\bcoverage (?:target|threshold)s?\b[^\d]{0,30}(\d{1,3})\s*%/i);
  if (coverage) return { topic: 'coverage', percent: Number(coverage[1]) };
  const vite = /\bminif\w*|production build optimi[sz]\w*/i.test(t) ? { option: 'minify', want: t.match(/\b(esbuild|terser)\b/i)?.[1]?.toLowerCase() ?? '' }
    : /\bsource ?maps?\b/i.test(t) ? { option: 'sourcemap', want: /\bhidden\b/i.test(t) ? 'hidden' : '' }
      : /\bmanual chunks?\b|\bchunk splitting\b/i.test(t) ? { option: 'manualChunks', want: [...t.matchAll(/\b([a-z]+-vendor|[a-z]+-[a-z]+)\b/g)].map((m) => m[1]).join(',') }
        : t.match(/\btarget\b[^.]{0,20}?\b(es\d{4}|esnext)\b/i) ? { option: 'target', want: t.match(/\b(es\d{4}|esnext)\b/i)![1].toLowerCase() } : null;
  if (vite) return { topic: 'vite', ...vite };
  return null;
}

// ---- CI workflows ----

interface Workflow { path: string; doc: Record<string, unknown>; lines: string[] }

function workflows(ctx: CheckContext): Workflow[] {
  return ciFiles(ctx).filter((f) => /^\.github\/workflows\//.test(f)).flatMap((path) => {
    const lines = ctx.repo.lines(path);
    try { const doc = parseYaml(lines?.join('\n') ?? '') as Record<string, unknown>; return doc && typeof doc === 'object' ? [{ path, doc, lines: lines ?? [] }] : []; } catch { return []; }
  });
}

const at = (w: Workflow, re: RegExp): Hit => {
  const i = w.lines.findIndex((l) => re.test(l));
  return { path: w.path, line: i + 1 || 1, text: w.lines[Math.max(0, i)] ?? '' };
};
const triggers = (w: Workflow): Record<string, unknown> => {
  const on = w.doc.on ?? w.doc[true as unknown as string];
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((x) => [String(x), null]));
  return on && typeof on === 'object' ? on as Record<string, unknown> : {};
};
const jobs = (w: Workflow) => Object.values((w.doc.jobs ?? {}) as Record<string, Record<string, unknown>>).filter((j) => j && typeof j === 'object');
const steps = (w: Workflow) => jobs(w).flatMap((j) => (Array.isArray(j.steps) ? j.steps as Array<Record<string, unknown>> : []));

function crons(w: Workflow): string[] {
  const s = triggers(w).schedule;
  return Array.isArray(s) ? s.map((x) => String((x as Record<string, unknown>)?.cron ?? '')).filter(Boolean) : [];
}

function workflow(ctx: CheckContext, s: Subject): Check {
  const all = workflows(ctx);
  const named = String(s.file);
  const ws = named ? all.filter((w) => w.path.split('/').pop() === named) : all;
  if (named && ws.length === 0) return contradicted(`no workflow ${named} under .github/workflows (${all.length} workflows)`, [figure('workflow files', all.length)]);
  if (ws.length === 0) return contradicted('the repository has no CI workflow: nothing runs it', [figure('workflow files', 0)]);
  const fails: string[] = [];
  const notes: Hit[] = [];
  const w = ws[0];
  if (s.everyHours || s.daily) {
    const cs = ws.flatMap(crons);
    const hours = (c: string) => c.split(/\s+/)[1] ?? '';
    const days = (c: string) => c.split(/\s+/).slice(2).join(' ');
    const ok = cs.some((c) => (s.daily ? /^\d+$/.test(hours(c)) && days(c) === '* * *' : hours(c) === `*/${Number(s.everyHours)}` && days(c) === '* * *'));
    if (ok) notes.push(at(w, /cron/)); else fails.push(cs.length ? `${named} runs on \`${cs.join('`, `')}\`, not ${s.daily ? 'daily' : `every ${Number(s.everyHours)} hours`}` : `${named} has no schedule`);
  }
  if (s.dispatch) { if ('workflow_dispatch' in triggers(w)) notes.push(at(w, /workflow_dispatch/)); else fails.push(`${named} has no workflow_dispatch trigger`); }
  if (s.environment !== undefined) {
    const env = jobs(w).map((j) => (typeof j.environment === 'object' && j.environment ? (j.environment as Record<string, unknown>).name : j.environment)).find((e) => e !== undefined);
    if (env === undefined) fails.push(`no job of ${named} names an environment (no approval gate)`);
    else if (s.environment && String(env) !== String(s.environment)) fails.push(`${named} uses environment ${String(env)}, not ${String(s.environment)}`);
    else notes.push(at(w, /^\s*environment:/));
  }
  if (s.tools) {
    const runs = ws.flatMap(steps).map((st) => `${String(st.uses ?? '')}\n${String(st.run ?? '')}`);
    for (const tool of String(s.tools).split(',')) {
      const k = WORKFLOW_TOOLS.find((x) => x.tool === tool)!;
      const hit = runs.find((r) => r.split('\n').some((l) => k.step.test(l.trim())));
      if (hit) notes.push(at(ws.find((x) => steps(x).some((st) => `${String(st.uses ?? '')}\n${String(st.run ?? '')}` === hit)) ?? w, new RegExp(k.step.source.replace(/^\^/, ''), 'i')));
      else fails.push(`no step of ${named || `the ${ws.length} workflow(s)`} runs ${tool}`);
    }
  }
  if (fails.length) return contradicted(fails.join('; '), [fileEvidence({ path: w.path, line: 1, text: w.lines[0] ?? '' }), ...notes.slice(0, 2).map(fileEvidence), figure('workflows read', ws.length)]);
  return confirmed(`${w.path}: ${notes.map((h) => `line ${h.line} \`${h.text.trim().slice(0, 60)}\``).join('; ')}`, notes.slice(0, 3).map(fileEvidence));
}

// ---- vite ----

/** The object a vite config exports: `defineConfig({...})` or `defineConfig(({ mode }) => { ...; return {...} })`. */
function viteConfig(ctx: CheckContext): { f: ParsedFile; obj: ts.Expression } | null {
  const files = ctx.repo.files.filter((p) => VITE_BUILD_OPTIONS.configFiles.test(p) && ctx.repo.isRelease(p)).sort((a, b) => a.split('/').length - b.split('/').length);
  for (const p of files) {
    const c = importedCalls(ctx).find((x) => x.path === p && callIs(x, VITE_BUILD_OPTIONS.define.module, VITE_BUILD_OPTIONS.define.export));
    const arg = c?.node.arguments?.[0];
    if (!c || !arg) continue;
    if (ts.isObjectLiteralExpression(arg)) return { f: c.file, obj: arg };
    if (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) {
      if (!ts.isBlock(arg.body)) return { f: c.file, obj: arg.body };
      const ret = arg.body.statements.filter(ts.isReturnStatement).pop();
      if (ret?.expression) return { f: c.file, obj: ret.expression };
    }
  }
  return null;
}

function vite(ctx: CheckContext, s: Subject): Check {
  const cfg = viteConfig(ctx);
  if (!cfg) return unverifiable('no vite config (defineConfig in vite.config.*) in the repository');
  const key = VITE_BUILD_OPTIONS[String(s.option) as 'minify' | 'sourcemap' | 'target' | 'manualChunks'];
  const e = propertyAt(cfg.obj, key, cfg.f);
  if (!e) return contradicted(`the vite config (${cfg.f.path}) sets no \`${key}\``, [fileEvidence(lineOf(cfg.obj, cfg.f))]);
  const h = lineOf(e, cfg.f);
  const v: Value = evaluate(e, cfg.f, { mode: 'production', NODE_ENV: 'production' });
  const want = String(s.want);
  if (s.option === 'manualChunks') {
    const keys = v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RegExp) ? Object.keys(v) : [];
    const missing = want.split(',').filter((k) => k && !keys.includes(k));
    return missing.length ? contradicted(`manualChunks at ${h.path}:${h.line} has no ${missing.join(', ')}`, [fileEvidence(h)]) : confirmed(`manualChunks at ${h.path}:${h.line}${keys.length ? `: ${keys.join(', ')}` : ''}`, [fileEvidence(h)]);
  }
  if (v === UNKNOWN) return unverifiable(`\`${key}\` at ${h.path}:${h.line} is computed`);
  const on = s.option === 'minify' || s.option === 'sourcemap' ? v !== false : true;
  if (!on) return contradicted(`\`${key}\` is off in a production build (${h.path}:${h.line})`, [fileEvidence(h)]);
  if (want && String(v).toLowerCase() !== want) return contradicted(`\`${key}\` is ${JSON.stringify(v)} in a production build (${h.path}:${h.line}), not ${want}`, [fileEvidence(h)]);
  return confirmed(`\`${key}\` is ${JSON.stringify(v)} in a production build (${h.path}:${h.line})`, [fileEvidence(h)]);
}

// ---- coverage thresholds ----

/** The object a jest config file exports (`module.exports = {...}`, `export default {...}`). */
function exported(f: ParsedFile): ts.Expression | null {
  for (const st of f.sf.statements) {
    if (ts.isExportAssignment(st)) return st.expression;
    if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.left.getText(f.sf) === 'module.exports') return st.expression.right;
  }
  return null;
}

function coverage(ctx: CheckContext, s: Subject): Check {
  // The test runner's own config is tooling of the release (role test or config), never an archived or template copy.
  const files = ctx.repo.files.filter((p) => COVERAGE_THRESHOLDS.jest.files.test(p) && (ctx.repo.isRelease(p) || ctx.repo.role(p) === 'test'));
  const found = files.flatMap((p) => {
    const f = parsedFile(ctx, p);
    const obj = f ? exported(f) : null;
    const e = f && obj ? propertyAt(obj, COVERAGE_THRESHOLDS.jest.key, f) : undefined;
    return f && e ? [{ f, e, v: evaluate(e, f) }] : [];
  });
  if (found.length === 0) return unverifiable(files.length ? `no coverageThreshold.global in ${files.join(', ')}` : 'no jest config file in the repository');
  const want = Number(s.percent);
  // The project's own config is the shallowest one; nested copies (a vendored app, a sub-project) are not what the report means.
  found.sort((a, b) => a.f.path.split('/').length - b.f.path.split('/').length);
  const bad = [found[0]].find((x) => COVERAGE_THRESHOLDS.metrics.some((m) => (x.v as Record<string, Value>)?.[m] !== want));
  const h = lineOf(found[0].e, found[0].f);
  if (bad) {
    const b = lineOf(bad.e, bad.f);
    return contradicted(`coverageThreshold.global at ${b.path}:${b.line} is ${COVERAGE_THRESHOLDS.metrics.map((m) => `${m} ${String((bad.v as Record<string, Value>)?.[m])}`).join(', ')}, not ${want}%`, [fileEvidence(b)]);
  }
  return confirmed(`coverageThreshold.global is ${want}% for every metric at ${h.path}:${h.line}`, [fileEvidence(h)]);
}

// ---- package scripts ----

function scripts(ctx: CheckContext, s: Subject): Check {
  const stem = String(s.word).replace(/(ations?|ing|ers?|es|s)$/, '');
  const manifest = 'package.json';
  const root = ctx.run.packages.find((p) => p.path === '.');
  if (!root) return unverifiable('no package.json at the repository root');
  const names = Object.keys(root.scripts).filter((n) => n.toLowerCase().includes(stem));
  if (names.length === 0) return contradicted(`${manifest} has no script named for ${String(s.word)} (scripts: ${Object.keys(root.scripts).join(', ') || 'none'})`, [figure(`${manifest} scripts`, Object.keys(root.scripts).length)]);
  const i = (ctx.repo.lines(manifest) ?? []).findIndex((l) => l.includes(`"${names[0]}"`));
  return confirmed(`${manifest} has ${names.length} ${String(s.word)} script(s): ${names.join(', ')}`, [fileEvidence({ path: manifest, line: i + 1 || 1, text: ctx.repo.lines(manifest)?.[Math.max(0, i)] ?? '' })]);
}

export const configSetting: Verifier = (s, ctx) => {
  switch (s.topic) {
    case 'workflow': return workflow(ctx, s);
    case 'vite': return vite(ctx, s);
    case 'coverage': return coverage(ctx, s);
    case 'scripts': return scripts(ctx, s);
    default: return unverifiable(`no check for the config topic ${String(s.topic)}`);
  }
};
