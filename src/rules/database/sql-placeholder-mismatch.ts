import { dataAccessFacts } from '../../collect/facts/data-access.js';
import { sqlParamFacts, type SqlParamSite } from '../../collect/facts/sql-params.js';
import { QUESTION_MARK_CLIENTS } from '../../knowledge/index.js';
import { postgresPlaceholders, questionPlaceholders, type Placeholders } from '../../util/sql-placeholders.js';
import { defineRepoRule } from '../api.js';

/** `$1` outside the rest of a name: the statement speaks Postgres's numbered placeholders. */
const DOLLAR = /\$\d/;

export default defineRepoRule({
  id: 'database/sql-placeholder-mismatch',
  meta: {
    category: 'database',
    severity: 'high',
    title: 'SQL statement binds a different number of values than it has placeholders',
    rationale: 'A prepared statement whose placeholders and bound values differ in number fails every time it runs (Postgres: "bind message supplies 3 parameters, but prepared statement requires 4"; SQLite and D1 refuse the bindings), or, where the driver fills them client-side, stores values in the wrong columns.',
    remediation: { text: 'Bind exactly one value per placeholder, in order (`$1..$n` each used, or one value per `?`), and cover the statement with a test that runs it.', effort: 'low' },
    messages: {
      mismatch: 'the statement has {{slots}} placeholder(s) ({{style}}) but {{method}}() binds {{values}} value(s): it fails when it runs',
      gap: 'the statement uses placeholders up to {{style}}{{slots}} but never {{gaps}}: Postgres cannot type the missing one and refuses the statement',
    },
  },
  async check(ctx) {
    const sites = ctx.facts(sqlParamFacts);
    if (sites.length === 0) return ctx.notApplicable('no literal SQL statement with placeholders bound in place');
    const libraries = new Map(ctx.facts(dataAccessFacts).map((d) => [`${d.path}:${d.line}`, d.library]));
    let judged = 0;
    let found = 0;
    for (const s of sites) {
      const p = await placeholdersOf(s, libraries.get(`${s.path}:${s.line}`) ?? null);
      if (!p) continue;
      judged++;
      // A `?` driver that fills values in client-side (`query`) ignores extra ones; every other way fails on any difference.
      const wrong = p.slots > s.values || (p.slots < s.values && !(p.style === '?' && s.shape === 'query'));
      if (!wrong && p.gaps.length === 0) continue;
      found++;
      ctx.report({
        messageId: wrong ? 'mismatch' : 'gap',
        data: wrong
          ? { slots: String(p.slots), style: p.style === '$n' ? `$1..$${p.slots}` : '?', method: s.method, values: String(s.values) }
          : { slots: String(p.slots), style: p.style === '$n' ? '$' : '?', gaps: p.gaps.map((g) => `${p.style === '$n' ? '$' : '?'}${g}`).join(', ') },
        location: { path: s.path, line: s.line, snippet: s.snippet },
        evidence: [{ kind: 'note', text: `SQL: ${s.sql.replace(/\s+/g, ' ').slice(0, 160)}` }],
      });
    }
    if (found === 0) ctx.pass(`${judged} literal SQL statement(s) with placeholders: each binds one value per placeholder`);
  },
});

/**
 * The statement's placeholders: `$n` by the Postgres parser; `?` only for a client known to take them
 * (knowledge QUESTION_MARK_CLIENTS) or on a `prepare(...)` chain, since `?` is an operator in Postgres.
 */
async function placeholdersOf(s: SqlParamSite, library: string | null): Promise<Placeholders | null> {
  if (DOLLAR.test(s.sql)) return postgresPlaceholders(s.sql);
  const prepared = s.shape === 'bind' || s.shape === 'run';
  if (!prepared && !(library !== null && QUESTION_MARK_CLIENTS.includes(library)) && s.shape !== 'raw') return null;
  return questionPlaceholders(s.sql);
}
