// "`router.ts` lines 87-133: no `agentRun.create()`": true of that range when written, but the claim is
// about what the file does. When the file now does it outside the cited range, directly or through an
// imported function whose body does it, the claim is stale: the behaviour moved.
import { fileEvidence, type Hit } from '../repo.js';
import { type Check, type CheckContext, contradicted } from './context.js';
import { symbolSites } from './code.js';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How far below a function's declaration its body is read for the symbol. */
const BODY_LINES = 80;

/** Where a file does what `re` names, on lines `keep` accepts: directly, or through an imported function whose body does. */
export function doesThrough(ctx: CheckContext, file: string, re: RegExp, keep: (line: number) => boolean = () => true): { direct: Hit[] } | { call: Hit; name: string; inner: Hit } | null {
  const lines = ctx.repo.lines(file) ?? [];
  const direct = ctx.repo.grep(re, [file], 20).filter((h) => keep(h.line)).filter((h) => !/^\s*(\/\/|\*|\/\*)/.test(h.text));
  if (direct.length) return { direct };
  // Names the file imports and calls on the lines kept.
  const imported = new Set(lines.filter((l) => /^\s*import\b/.test(l)).flatMap((l) => [...(l.match(/\{([^}]*)\}/)?.[1] ?? '').split(',')].map((x) => x.trim().split(/\s+as\s+/).pop()!.trim())).filter((x) => /^[A-Za-z_$][\w$]*$/.test(x)));
  for (const name of imported) {
    const call = lines.findIndex((l, i) => keep(i + 1) && new RegExp(`\\b${esc(name)}\\s*\\(`).test(l) && !/^\s*import\b/.test(l));
    if (call < 0) continue;
    const { defs } = symbolSites(ctx, name, ctx.repo.serviceFiles());
    for (const d of defs) {
      const body = (ctx.repo.lines(d.path) ?? []).slice(d.line - 1, d.line - 1 + BODY_LINES);
      const at = body.findIndex((l) => re.test(l) && !/^\s*(\/\/|\*|\/\*)/.test(l));
      if (at < 0) continue;
      return { call: { path: file, line: call + 1, text: lines[call] }, name, inner: { path: d.path, line: d.line + at, text: body[at] } };
    }
  }
  return null;
}

/** Where `file` does what `re` names outside lines from..to: directly, or through an imported function. */
export function movedOutside(ctx: CheckContext, file: string, from: number, to: number, re: RegExp, what: string): Check | null {
  const found = doesThrough(ctx, file, re, (line) => line < from || line > to);
  if (!found) return null;
  if ('direct' in found) {
    return contradicted(`stale: lines ${from}-${to} of ${file} do not mention ${what}, but the file does at line ${found.direct[0].line}: the behaviour moved`, found.direct.slice(0, 3).map(fileEvidence));
  }
  return contradicted(`stale: lines ${from}-${to} of ${file} do not mention ${what}, but ${file}:${found.call.line} calls \`${found.name}\`, which does (${found.inner.path}:${found.inner.line}): the behaviour moved`,
    [fileEvidence(found.call), fileEvidence(found.inner)]);
}
