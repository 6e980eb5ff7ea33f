// "Orchestrator does not create `AgentRun` or `ToolExecution` records": whether the release code of the
// component the line names writes rows of those models. The component resolves to the one release folder
// its name stems to (orchestrator -> services/orchestration); a model to its ORM accessor (knowledge:
// ORM_WRITES, Prisma's `prisma.agentRun.create`). A file there that creates one, directly or through an
// imported function whose body does, contradicts the denial.
import { ORM_WRITES } from '../../knowledge/index.js';
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

/** The release folder a component's name stems to, or null when none or several do. */
function componentFolder(ctx: CheckContext, name: string): string | null {
  const stem = name.toLowerCase().replace(/(ors?|ers?|ions?|s)$/, '');
  if (stem.length < 5) return null;
  const dirs = new Set<string>();
  for (const f of ctx.repo.serviceFiles()) {
    const parts = f.split('/');
    const i = parts.slice(0, -1).findIndex((p) => p.toLowerCase().startsWith(stem));
    if (i >= 0) dirs.add(parts.slice(0, i + 1).join('/'));
  }
  return dirs.size === 1 ? [...dirs][0] : null;
}

const PRISMA_CREATES = ORM_WRITES.find((w) => w.library === 'prisma')?.methods.filter((m) => m.startsWith('create') || m === 'upsert') ?? [];

export function createsRecords(s: Subject, ctx: CheckContext): Check {
  const dir = componentFolder(ctx, String(s.component));
  if (!dir) return unverifiable(`"${s.component}" resolves to no single release folder`);
  const models = String(s.models).split(',');
  const accessors = models.map((m) => m[0].toLowerCase() + m.slice(1));
  const re = new RegExp(`\\.(${accessors.join('|')})\\.(${PRISMA_CREATES.join('|')})\\s*\\(`);
  const files = ctx.repo.serviceFiles().filter((f) => f.startsWith(`${dir}/`));
  for (const file of files) {
    const found = doesThrough(ctx, file, re);
    if (!found) continue;
    if ('direct' in found) return contradicted(`${file}:${found.direct[0].line} creates ${models.join('/')} records`, found.direct.slice(0, 2).map(fileEvidence));
    return contradicted(`${file}:${found.call.line} calls \`${found.name}\`, which creates the record (${found.inner.path}:${found.inner.line})`, [fileEvidence(found.call), fileEvidence(found.inner)]);
  }
  return confirmed(`no file of ${dir} creates ${models.join(' or ')} records, directly or through a function it imports (${files.length} files)`,
    [...files.slice(0, 2).map((f) => fileEvidence({ path: f, line: 1, text: ctx.repo.lines(f)?.[0] ?? '' })), figure(`files of ${dir} searched`, files.length)]);
}
