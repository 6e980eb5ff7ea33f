// "Orchestrator does not create `AgentRun` or `ToolExecution` records": whether the release code of the
// component the line names writes rows of those models. The component resolves to the one release folder
// its name stems to (orchestrator -> services/orchestration); a model to its ORM accessor (knowledge:
// ORM_WRITES, Prisma's `prisma.agentRun.create`). A file there that creates one, directly or through an
// imported function whose body does, contradicts the denial.
import { ORM_WRITES } from '../../knowledge/index.js';
import type { RawClaim } from '../extract.js';
import type { Subject } from '../model.js';
import { fileEvidence, figure } from '../repo.js';
import { doesThrough } from './moved.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';

const CLAIM = /\b(?:the\s+)?([A-Za-z][\w-]{3,})\s+(?:does\s+not|doesn't|do\s+not|never)\s+(?:create|write|persist|insert|save)s?\s+((?:`?[A-Z]\w*`?(?:\s*(?:,|\bor\b|\band\b|\/)\s*)?)+)\s*(?:records?|rows?|entries)\b/i;

export function createsClaim(text: string): Subject | null {
  const m = text.replace(/\*\*|__/g, '').match(CLAIM);
  if (!m) return null;
  const models = [...m[2].matchAll(/`?([A-Z]\w*)`?/g)].map((x) => x[1]);
  return models.length ? { topic: 'creates-records', component: m[1], models: models.join(',') } : null;
}

/** "persistence stubs only", "no persistence": the line says the component writes no records at all. */
const NO_PERSISTENCE = /\b(?:persistence\s+(?:is\s+)?(?:stubs?\b|stubbed|missing|not\s+(?:yet\s+)?implemented)|no\s+persistence)\b/i;

/**
 * A table row about a component ("Orchestrator API | ⚠️ PARTIAL | ...; persistence stubs only"): the row
 * denies that the component (its first cell's first word) writes records, of any model of the release
 * Prisma schemas. The report's own PARTIAL mark does not make the gap it names less of an assertion.
 */
export function persistenceClaim(raw: RawClaim, ctx: CheckContext): Subject | null {
  const cells = raw.cells;
  if (!cells || cells.length < 2 || !cells.slice(1).some((c) => NO_PERSISTENCE.test(c.value))) return null;
  const component = cells[0].value.replace(/[*_`]/g, '').trim().match(/^[A-Za-z][\w-]{3,}/)?.[0];
  const models = prismaModels(ctx);
  return component && models.length ? { topic: 'creates-records', component, models: models.join(','), anyModel: true } : null;
}

/** Model names declared in the release Prisma schemas. */
function prismaModels(ctx: CheckContext): string[] {
  const names = new Set<string>();
  for (const f of ctx.repo.files.filter((x) => x.endsWith('.prisma') && ctx.repo.isRelease(x))) {
    for (const l of ctx.repo.lines(f) ?? []) {
      const m = l.match(/^\s*model\s+([A-Z]\w*)\s*\{/);
      if (m) names.add(m[1]);
    }
  }
  return [...names];
}

/**
 * The release folder a component's name stems to. When several do (an archived copy, a sibling package),
 * the one holding files the report itself cites is the component as the report locates it; null when
 * that still leaves none or several.
 */
function componentFolder(ctx: CheckContext, name: string): string | null {
  const stem = name.toLowerCase().replace(/(ors?|ers?|ions?|s)$/, '');
  if (stem.length < 5) return null;
  const dirs = new Set<string>();
  for (const f of ctx.repo.serviceFiles()) {
    const parts = f.split('/');
    const i = parts.slice(0, -1).findIndex((p) => p.toLowerCase().startsWith(stem));
    if (i >= 0) dirs.add(parts.slice(0, i + 1).join('/'));
  }
  if (dirs.size === 1) return [...dirs][0];
  const cited = [...(ctx.reportText ?? '').matchAll(/`([\w@./-]+\/[\w@.-]+)`/g)].map((m) => m[1].replace(/^\.\//, ''));
  const named = [...dirs].filter((d) => cited.some((c) => c.startsWith(`${d}/`)));
  return named.length === 1 ? named[0] : null;
}

const PRISMA_CREATES = ORM_WRITES.find((w) => w.library === 'prisma')?.methods.filter((m) => m.startsWith('create') || m === 'upsert') ?? [];

export function createsRecords(s: Subject, ctx: CheckContext): Check {
  const dir = componentFolder(ctx, String(s.component));
  if (!dir) return unverifiable(`"${s.component}" resolves to no single release folder (none, or several and the report cites files in none or several of them)`);
  const models = String(s.models).split(',');
  const accessors = models.map((m) => m[0].toLowerCase() + m.slice(1));
  const re = new RegExp(`\\.(${accessors.join('|')})\\.(${PRISMA_CREATES.join('|')})\\s*\\(`);
  const files = ctx.repo.serviceFiles().filter((f) => f.startsWith(`${dir}/`));
  for (const file of files) {
    const found = doesThrough(ctx, file, re);
    if (!found) continue;
    if ('direct' in found) return contradicted(`${file}:${found.direct[0].line} creates ${s.anyModel ? '' : `${models.join('/')} `}records`, found.direct.slice(0, 2).map(fileEvidence));
    return contradicted(`${file}:${found.call.line} calls \`${found.name}\`, which creates the record (${found.inner.path}:${found.inner.line})`, [fileEvidence(found.call), fileEvidence(found.inner)]);
  }
  if (s.anyModel) return confirmed(`no file of ${dir} creates records of any of the ${models.length} Prisma models, directly or through a function it imports (${files.length} files)`,
    [...files.slice(0, 2).map((f) => fileEvidence({ path: f, line: 1, text: ctx.repo.lines(f)?.[0] ?? '' })), figure(`files of ${dir} searched`, files.length)]);
  return confirmed(`no file of ${dir} creates ${models.join(' or ')} records, directly or through a function it imports (${files.length} files)`,
    [...files.slice(0, 2).map((f) => fileEvidence({ path: f, line: 1, text: ctx.repo.lines(f)?.[0] ?? '' })), figure(`files of ${dir} searched`, files.length)]);
}

const INVOKES = /\b(?:the\s+)?([A-Za-z][\w-]{3,})\s+(?:does\s+not|doesn't|do\s+not|never)\s+(?:invoke|call|use)s?\s+this\s+(?:utility|helper|function|module|service)\b/i;
const SOURCE = /`([\w@./-]+\.(?:[cm]?[jt]sx?))`/;

/**
 * "Orchestrator does not invoke this utility": "this utility" is the source file the nearest report line
 * above names (within a few lines), with the functions it lists as `name()`.
 */
export function invokesClaim(text: string, line: number, reportText: string | undefined): Subject | null {
  const m = text.replace(/\*\*|__/g, '').match(INVOKES);
  if (!m || !reportText) return null;
  const lines = reportText.split('\n');
  for (let i = line - 2; i >= Math.max(0, line - 8); i--) {
    const file = lines[i].match(SOURCE)?.[1];
    if (!file) continue;
    const names = [...lines[i].matchAll(/`([A-Za-z_$][\w$]*)\(\)`/g)].map((x) => x[1]);
    return { topic: 'invokes-module', component: m[1], file, names: names.join(',') };
  }
  return null;
}

export function invokesModule(s: Subject, ctx: CheckContext): Check {
  const dir = componentFolder(ctx, String(s.component));
  if (!dir) return unverifiable(`"${s.component}" resolves to no single release folder (none, or several and the report cites files in none or several of them)`);
  const [target] = ctx.repo.resolve(String(s.file));
  if (!target) return unverifiable(`${s.file}: the utility the report names is not in the repository`);
  const base = target.replace(/^.*\//, '').replace(/\.[cm]?[jt]sx?$/, '');
  const files = ctx.repo.serviceFiles().filter((f) => f.startsWith(`${dir}/`));
  for (const file of files) {
    const lines = ctx.repo.lines(file) ?? [];
    // The module imported by its specifier's last segment, and a binding of it called outside the import.
    const imp = lines.findIndex((l) => /^\s*import\b/.test(l) && new RegExp(`['"][^'"]*/${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.[cm]?[jt]sx?)?['"]`).test(l));
    if (imp < 0) continue;
    const bound = (lines[imp].match(/\{([^}]*)\}/)?.[1] ?? '').split(',').map((x) => x.trim().split(/\s+as\s+/).pop()!.trim()).filter(Boolean);
    const wanted = String(s.names).split(',').filter(Boolean);
    const names = wanted.length ? bound.filter((b) => wanted.includes(b)) : bound;
    const call = lines.findIndex((l, i) => i !== imp && names.some((n) => new RegExp(`\\b${n}\\s*\\(`).test(l)));
    if (call >= 0) {
      return contradicted(`${file}:${imp + 1} imports ${target} and line ${call + 1} calls it`, [fileEvidence({ path: file, line: imp + 1, text: lines[imp] }), fileEvidence({ path: file, line: call + 1, text: lines[call] })]);
    }
  }
  return confirmed(`no file of ${dir} imports and calls ${target} (${files.length} files)`, [...files.slice(0, 2).map((f) => fileEvidence({ path: f, line: 1, text: ctx.repo.lines(f)?.[0] ?? '' })), figure(`files of ${dir} searched`, files.length)]);
}
