// "Centralized guard architecture (SystemGate)", "Validated onboarding flow (OnboardingGuard)": a line
// that names a module of the release code by its file name. In place means another release file calls
// its exports from code a production entry reaches (the link stage's call graph), never only that the
// file is there.
import { keyOf, MODULE } from '../../link/index.js';
import type { Subject } from '../model.js';
import { fileEvidence, figure } from '../repo.js';
import { confirmed, contradicted, unverifiable, type Verifier } from './context.js';

/** The module a line names in parentheses (`(SystemGate)`), when it says nothing else checkable. */
export function moduleClaim(text: string): Subject | null {
  const m = text.replace(/\*\*|__/g, '').match(/^[^`(]{3,80}\(([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)\)\s*$/);
  return m ? { topic: 'module', name: m[1] } : null;
}

const pathOf = (key: string) => key.slice(0, key.lastIndexOf('#'));

export const moduleUse: Verifier = (s, ctx) => {
  const name = String(s.name);
  const files = ctx.repo.serviceFiles().filter((f) => f.split('/').pop()!.replace(/\.[cm]?[jt]sx?$/, '') === name);
  if (files.length !== 1) return unverifiable(files.length ? `${files.length} release files are named ${name}` : `no release file is named ${name}`);
  const file = files[0];
  let link;
  try { link = ctx.link?.(); } catch { link = undefined; }
  if (!link) return unverifiable('no call graph: the audit\'s link stage did not run');
  const decls = [...link.declarations()].filter((d) => d.path === file && d.id !== MODULE);
  const calls = decls.flatMap((d) => link.callers(d.key).filter((c) => pathOf(c.from) !== file && ctx.repo.isRelease(pathOf(c.from))).map((c) => ({ d, c })));
  const declared = { path: file, line: decls[0]?.line ?? 1, text: ctx.repo.lines(file)?.[(decls[0]?.line ?? 1) - 1] ?? '' };
  if (calls.length === 0) {
    return contradicted(`no other release file uses ${file}: none of its ${decls.length} declarations is called from outside it`, [fileEvidence(declared), figure(`uses of ${name} outside its file`, 0)]);
  }
  const live = calls.find(({ c }) => link.reach(c.from) === 'production' || link.reach(keyOf(pathOf(c.from), MODULE)) === 'production');
  if (!live) return unverifiable(`${file} is used at ${pathOf(calls[0].c.from)}:${calls[0].c.line}, which the link does not show reachable from a production entry`);
  const at = pathOf(live.c.from);
  return confirmed(`${file} (\`${live.d.id}\`) is called at ${at}:${live.c.line}, reachable from a production entry (${calls.length} call(s) from other files)`,
    [fileEvidence({ path: file, line: live.d.line, text: ctx.repo.lines(file)?.[live.d.line - 1] ?? '' }), fileEvidence({ path: at, line: live.c.line, text: ctx.repo.lines(at)?.[live.c.line - 1] ?? '' })]);
};
