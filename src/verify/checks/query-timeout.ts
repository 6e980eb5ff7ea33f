// "Query timeout protection | in place", "Query Timeout | 5 seconds | Automatic": decided from the release
// code's data access (the audit's `inventory.databases`) and what bounds a query there
// (knowledge/query-timeouts): a timeout key or method of the client library, SQL that sets the session's
// statement_timeout, or a race against a timer. None of those, with every library in use known, is no
// query timeout; a library verdict knows nothing about leaves the claim unverifiable.
import ts from 'typescript';
import { QUERY_TIMEOUTS, TIMEOUT_SQL, TIMER_RACES } from '../../knowledge/index.js';
import type { DatabasesInventory } from '../../model/databases.js';
import type { Subject } from '../model.js';
import { fileEvidence, figure, type Hit } from '../repo.js';
import { evaluate, lineOf, parsedFile } from './syntax.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';
import { quantitiesIn } from '../quantity.js';

/** The claim's subject, or null when the line is not about a query timeout. */
export function queryTimeoutClaim(text: string): Subject | null {
  const t = text.replace(/\*\*|__|`/g, '');
  if (!/\b(query|queries|statement|sql)\s+time-?outs?\b|\btime-?outs?\s+(on|for)\s+(db\s+|database\s+)?(query|queries|statements?)\b/i.test(t)) return null;
  const ms = quantitiesIn(t).find((q) => q.dimension === 'duration')?.value;
  return { topic: 'query-timeout', ms: ms ?? -1, denies: /❌|\bmissing\b|\bno\s+query\s+time-?out\b|\bwithout\b/i.test(t) };
}

interface Bound { at: Hit; ms: number | null; how: string }

function boundsIn(ctx: CheckContext, files: string[], keys: Set<string>, methods: Set<string>): Bound[] {
  const out: Bound[] = [];
  for (const path of files) {
    const f = parsedFile(ctx, path);
    if (!f) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAssignment(n) && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name)) && keys.has(n.name.text)) {
        const v = evaluate(n.initializer, f);
        out.push({ at: lineOf(n, f), ms: typeof v === 'number' ? v : null, how: `${n.name.text} option` });
      }
      if (ts.isCallExpression(n)) {
        const text = n.expression.getText(f.sf);
        const name = ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : '';
        if (TIMER_RACES.includes(text)) out.push({ at: lineOf(n, f), ms: null, how: text });
        else if (name && methods.has(name)) {
          const v = evaluate(n.arguments[0], f);
          out.push({ at: lineOf(n, f), ms: typeof v === 'number' ? v : null, how: `.${name}()` });
        }
      }
      if (ts.isStringLiteralLike(n) && TIMEOUT_SQL.test(n.text)) out.push({ at: lineOf(n, f), ms: null, how: 'SET statement_timeout' });
      ts.forEachChild(n, visit);
    };
    visit(f.sf);
  }
  return out;
}

export function queryTimeout(s: Subject, ctx: CheckContext): Check {
  const inv = ctx.run.inventory.databases as DatabasesInventory | undefined;
  const pkgs = (inv?.packages ?? []).filter((p) => p.files.some((f) => ctx.repo.isRelease(f.path)));
  const sites = pkgs.flatMap((p) => p.files.filter((f) => ctx.repo.isRelease(f.path)).flatMap((f) => f.sites.filter((x) => x.kind !== 'client').map((x) => ({ path: f.path, line: x.line, text: ctx.repo.lines(f.path)?.[x.line - 1] ?? x.callee }))));
  if (sites.length === 0) return unverifiable('no database query in the release code (the audit\'s data-access inventory is empty): the timeout has no resolved subject');
  const libraries = [...new Set(pkgs.flatMap((p) => p.libraries))];
  const unknown = libraries.filter((l) => !QUERY_TIMEOUTS.some((q) => q.library === l));
  const known = QUERY_TIMEOUTS.filter((q) => libraries.includes(q.library));
  const bounds = boundsIn(ctx, ctx.repo.serviceFiles(), new Set(known.flatMap((q) => q.keys)), new Set(known.flatMap((q) => q.methods)));
  const say = (holds: boolean, reason: string, evidence: Parameters<typeof confirmed>[1]) => ((holds !== Boolean(s.denies)) ? confirmed : contradicted)(reason, evidence);
  if (bounds.length === 0) {
    if (unknown.length) return unverifiable(`no query timeout found, but verdict does not know how ${unknown.join(', ')} bound${unknown.length === 1 ? 's' : ''} a query`);
    return say(false, `${sites.length} query site(s) (${libraries.join(', ')}) and nothing bounds them: no timeout option (${known.flatMap((q) => [...q.keys, ...q.methods]).join(', ') || `${libraries.join(', ')} take${libraries.length === 1 ? 's' : ''} none`}), no SET statement_timeout, no ${TIMER_RACES.join(' / ')}`,
      [...sites.slice(0, 2).map(fileEvidence), figure('query timeouts in the release code', 0)]);
  }
  const want = Number(s.ms);
  const racesOnly = bounds.every((b) => TIMER_RACES.includes(b.how));
  // A race against a timer somewhere is not shown to wrap the queries.
  if (racesOnly) return unverifiable(`${bounds[0].how} at ${bounds[0].at.path}:${bounds[0].at.line} may bound a query; that it wraps the ${sites.length} query site(s) is not resolved`);
  const settings = bounds.filter((b) => !TIMER_RACES.includes(b.how));
  if (want > 0) {
    const match = settings.find((b) => b.ms === want);
    if (match) return say(true, `${match.how} = ${want} ms at ${match.at.path}:${match.at.line}`, [fileEvidence(match.at)]);
    const other = settings.find((b) => b.ms !== null);
    if (other) return say(false, `${other.how} is ${other.ms} ms at ${other.at.path}:${other.at.line}, not ${want} ms`, [fileEvidence(other.at)]);
    return unverifiable(`${settings[0].how} at ${settings[0].at.path}:${settings[0].at.line}; its value is not a constant`);
  }
  return say(true, `${settings[0].how} at ${settings[0].at.path}:${settings[0].at.line} bounds the queries`, settings.slice(0, 2).map((b) => fileEvidence(b.at)));
}
