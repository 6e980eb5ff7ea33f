// "Service binding naming: `ORCHESTRATOR_*` pattern" under a list that names a wrangler config: every
// binding of that kind the config declares is named by the pattern. Read from the config as wrangler reads
// it (its top level and environments); the names that do not fit are the contradiction.
import type { RawClaim } from '../extract.js';
import type { Subject } from '../model.js';
import { fileEvidence, figure } from '../repo.js';
import { wranglerAt } from './count.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';

const CONFIG = /`((?:[\w@.-]+\/)*wrangler[\w.-]*\.(?:jsonc?|toml))`/;

export function bindingNamesClaim(raw: RawClaim): Subject | null {
  const t = raw.text;
  if (!/\bbindings?\b/i.test(t) || !/\bnam(e|es|ing|ed)\b|\bpattern\b|\bprefix/i.test(t)) return null;
  const pattern = [...t.matchAll(/`([A-Za-z0-9_]*\*[A-Za-z0-9_*]*)`/g)].map((m) => m[1])[0];
  const file = (t.match(CONFIG) ?? raw.lead?.match(CONFIG) ?? raw.parent?.match(CONFIG))?.[1];
  if (!pattern || !file) return null;
  const kind = /\bservice\b|\brpc\b/i.test(t) ? 'services' : /\bd1\b|database/i.test(t) ? 'd1' : /\bkv\b/i.test(t) ? 'kv' : 'all';
  return { topic: 'binding-names', pattern, path: file, bindings: kind };
}

export function bindingNames(s: Subject, ctx: CheckContext): Check {
  const path = ctx.repo.resolve(String(s.path))[0];
  const w = path ? wranglerAt(ctx, path) : null;
  if (!w) return unverifiable(`${s.path}: no wrangler config there to read`);
  const of = String(s.bindings);
  const list = of === 'services' ? w.services : of === 'd1' ? w.d1 : of === 'kv' ? w.kv : [...w.d1, ...w.kv, ...w.r2, ...w.durableObjects, ...w.services, ...w.queueProducers];
  if (list.length === 0) return unverifiable(`${w.path} declares no ${of === 'all' ? '' : `${of} `}bindings`);
  const re = new RegExp(`^${String(s.pattern).split('*').map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const at = (b: { binding: string; line: number }) => fileEvidence({ path: w.path, line: b.line, text: ctx.repo.lines(w.path)?.[b.line - 1] ?? b.binding });
  const off = list.filter((b) => !re.test(b.binding));
  if (off.length) return contradicted(`${off.length} of ${list.length} ${of === 'all' ? '' : `${of} `}bindings in ${w.path} are not named ${s.pattern}: ${off.slice(0, 3).map((b) => b.binding).join(', ')}`, [...off.slice(0, 3).map(at), figure(`bindings not named ${s.pattern}`, off.length)]);
  return confirmed(`all ${list.length} ${of === 'all' ? '' : `${of} `}bindings in ${w.path} are named ${s.pattern}`, [...list.slice(0, 2).map(at), figure(`bindings named ${s.pattern}`, list.length)]);
}
