// Candidate claim -> kind + subject. Ordered patterns: the first kind that matches wins, from the most
// specific (a cited line range) to the most general (a path that should exist).
import type { ClaimKind, Subject } from './model.js';
import type { RawClaim } from './extract.js';
import {
  CATEGORY_WORDS, CI_WORDS, COUNT_WORDS, ENV, EXT, FEATURES, HISTORY, IDENT, IMPERATIVE, JUDGEMENT, NEG_STATUS, NEGATION, NOT_PATH,
  OUTSIDE, PLAN_SECTION, READINESS, STATUS_MARK, TOOLS, WARN_STATUS,
} from './vocabulary.js';
import { quantitiesIn } from './quantity.js';
import { backfillClaim, migrationProperty } from './checks/migration.js';
import { historyClaim, withTotals } from './checks/history.js';
import { BARE_STATUS, scanRun } from './scan-run.js';

export interface Classified {
  kind: ClaimKind;
  subject: Subject;
}

export type Polarity = 'present' | 'absent' | 'partial';

/** A mark beside a severity ("⚠️ MED", "🔴 CRITICAL") rates a risk; it is not the status of what the line names. */
const SEVERITY_MARK = /(⚠\uFE0F?|🔴|🟠|🟡|🟢)\s*\b(LOW|MED|MEDIUM|HIGH|CRITICAL)\b/g;

export function polarity(text: string): Polarity {
  // "No Prometheus metrics | ⚠️ MED": the line denies the feature; the mark rates the risk of its absence.
  const rated = text.replace(SEVERITY_MARK, ' ');
  if (rated !== text && !NEG_STATUS.test(rated) && !WARN_STATUS.test(rated) && /^\W*(no|zero|missing|without)\b/i.test(rated)) return 'absent';
  if (NEG_STATUS.test(text)) return 'absent';
  if (WARN_STATUS.test(text)) return 'partial';
  // "returns unhealthy if bindings are missing": the negation is the condition's, not the claim's.
  const main = text.replace(/\b(no|zero) (direct|raw)\b.*$/i, '').replace(/\b(if|when|unless|whenever)\b[^.;:|]*/gi, '');
  return NEGATION.test(main) ? 'absent' : 'present';
}

export const codeSpans = (t: string): string[] => [...t.matchAll(/`([^`\n]+)`/g)].map((m) => m[1].trim());

export function isPathLike(s: string): boolean {
  if (NOT_PATH.test(s) || s.length > 200) return false;
  if (s.startsWith('/')) return false;
  return EXT.test(s) || /^[\w@.-]+\/$/.test(s) || (/^[\w@.-]+(\/[\w@.[\]-]+)+\/?$/.test(s) && !/^@[\w-]+\/[\w-]+$/.test(s));
}

/** Paths the claim cites: backticked first, then bare file names (`MIGRATIONS.md`, `src/index.ts`). */
export function pathsIn(text: string): string[] {
  const out = codeSpans(text).map((s) => s.replace(/:\d+(-\d+)?$/, '')).filter(isPathLike);
  const bare = text.replace(/`[^`]*`/g, ' ').match(/(?<![\w/.@-])(?:[\w@.-]+\/)*[\w-][\w.-]*\.(?:ts|tsx|js|mjs|cjs|json|jsonc|md|sql|prisma|toml|ya?ml|sh)\b(?![\w/])/g) ?? [];
  for (const b of bare) if (isPathLike(b) && !out.includes(b)) out.push(b);
  return out;
}

function num(s: string): number {
  return Number(s.replace(/,/g, ''));
}

function countOf(text: string): Subject | null {
  const patterns: RegExp[] = [
    /(~|≈|>=?|<)?\s*(?<![\w.])(\d[\d,]*)(\+)?\s+((?:unit |integration |e2e |comprehensive |new |rpc |service |orchestrator rpc |d1 |kv |ci |github |prisma )?(?:test files?|tests?(?: cases)?|tables?|models?|bindings?|databases?|entrypoints?(?: files)?|workflows?|queues?(?: defined)?|lines?|migrations?(?: files)?|endpoints?|routes?|files(?: changed| modified)?))\b/i,
    /\b((?:total )?(?:test files?|tests?(?: created)?|tables|models|bindings|databases|entrypoints|workflows|queues|migrations?(?: files)?|endpoints|routes|files(?: modified| changed)?))[\s:*|]{0,4}(~)?(\d[\d,]*)(\+)?(?![\w/])/i,
  ];
  let m = text.match(patterns[0]);
  if (m) {
    const what = COUNT_WORDS.find(([re]) => re.test(m![4].trim()))?.[1];
    if (what) return { what, n: num(m[2]), approx: Boolean(m[1] && /~|≈/.test(m[1])), atLeast: Boolean(m[3] || (m[1] && />/.test(m[1]))), words: m[4].toLowerCase() };
  }
  m = text.match(patterns[1]);
  if (m) {
    const words = m[1].replace(/^total /i, '').trim();
    const what = COUNT_WORDS.find(([re]) => re.test(words))?.[1];
    if (what) return { what, n: num(m[3]), approx: Boolean(m[2]), atLeast: Boolean(m[4]), words: words.toLowerCase() };
  }
  return null;
}

function scoreOf(text: string, c: RawClaim): Subject | null {
  // "Security: 100%" is a score as much as a row of a score table, whatever section it is in, and with an
  // aside after it ("Security: 100% (0 vulnerabilities maintained)": the aside is removed before this).
  const m = text.match(/\b(\d{1,3})\s*\/\s*100\b/) ?? (/(score|readiness|%\s*production)/i.test(text) || c.source === 'heading' || c.cells?.some((x) => /score|readiness/i.test(x.header)) || /^[\w /&-]{2,40}:\s*\d{1,3}\s*%\s*$/.test(text.replace(/[*_]/g, '').trim())
    ? text.match(/\b(\d{1,3})\s*%/) : null);
  // "85% coverage" is a coverage figure, not a score; "100/100 | Complete coverage" is a score all the same.
  if (!m || /→|->|smaller|faster|efficien/i.test(text) || /\d\s*%\s*(?:test )?coverage|coverage\b[^\d|]{0,20}\d+(?:\.\d+)?\s*%/i.test(text)) return null;
  const label = c.cells ? c.cells[0].value : text;
  const overall = !c.cells && /overall|production[- ]readiness|production[- ]ready|readiness score/i.test(label);
  const cat = (overall ? 'overall' : undefined) ?? CATEGORY_WORDS.find(([re]) => re.test(label))?.[1]
    ?? (/score|readiness/i.test(text) ? 'overall' : null);
  if (!cat) return null;
  return { score: Number(m[1]), category: cat };
}

export function classify(c: RawClaim): Classified {
  const t = c.text;
  const codes = codeSpans(t);
  // "refuses to start without a `.env` file": a path in a condition is not said to exist.
  const paths = pathsIn(t).filter((p) => !new RegExp(`\\b(without|unless|if no|missing)\\s+(an?\\s+|the\\s+)?\\W?${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i').test(t));
  const sub = (kind: ClaimKind, subject: Subject = {}): Classified => ({ kind, subject });
  const inPlanSection = c.section.some((s) => PLAN_SECTION.test(s));

  // A snippet the report says a file holds: the file is the subject, the code shown the predicate.
  if (c.source === 'code' && c.code) return sub('quote', { path: codes[0] ?? '', code: c.code.join('\n') });

  const script = t.match(/\b(?:npm run|pnpm(?: run)?|yarn(?: run)?|bun run)\s+([\w:.-]+)/) ?? t.match(/`([\w:.-]+)`\s+script/i) ?? t.match(/`(?:npm|pnpm|yarn) (test|start)`/);
  // "`npm test` runs jest with coverage": what the script runs, named outside the command itself.
  const runs = TOOLS.filter(([, words]) => words.test(t.replace(/`(npm|pnpm|yarn|bun)[^`]*`/g, ' '))).map(([k]) => k);
  const testScript = script?.[1] === 'test' && runs.length > 0 && !/\b(pass(es|ing|ed)?|fail(s|ing|ed)?|green)\b|✅|❌/i.test(t.replace(/`[^`]*`/g, ' '));
  if (script && (testScript || !/^(install|add|exec|dlx|test|audit|i|ci|remove|run)$|^-/.test(script[1]))) return sub('script', {
    name: script[1], package: paths.find((p) => p.endsWith('package.json')) ?? '', ...(runs.length ? { runs: runs.join(',') } : {}),
    // "`npm run x` exit code 0": a result of running it, which only a run can show.
    ran: /\bexit(s|ed)?( with)?( code)?:?\s*0\b|\bpass(es|ed)?\b|\bsucceed\w*|\bno (errors|failures)\b/i.test(t),
  });
  if (c.source === 'checkbox' && t.startsWith('[ ]')) return sub('plan');
  if (IMPERATIVE.test(t.replace(/^\[x\]\s*/, '')) && !hasAssertiveStatus(t)) return sub('plan');
  // A line under "Immediate Actions" that carries ✅ says what is done; a line citing a file ("`RUNBOOK.md` - rollback
  // steps") under a rollback plan says where the plan is written.
  if (inPlanSection && !/^\[x\]/.test(t) && !hasAssertiveStatus(t) && !/^`[^`]+\.[a-z]{1,6}`\s*[-–—]\s/.test(t)) return sub('plan');
  if (/\b(should|must|will|recommended|needs? to|to be|TBD|next:|todo)\b/i.test(t) && !hasAssertiveStatus(t)) return sub('plan');

  const range = t.match(/`([^`]+?)`\s*\(?\s*(?:lines?|L)\s*(\d+)\s*(?:[-–]\s*(\d+))?/i) ?? t.match(/`([^`\s]+?\.\w+):(\d+)(?:-(\d+))?`/);
  if (range && isPathLike(range[1].replace(/:\d+.*$/, ''))) {
    const symbols = codes.filter((s) => s !== range[1] && IDENT.test(s)).map((s) => s.match(IDENT)![1]);
    return sub('line-range', { path: range[1], from: Number(range[2]), to: Number(range[3] ?? range[2]), symbols: symbols.join(','), negated: /\bno\b|not\b/i.test(t) });
  }
  // "All operations are idempotent", "No data loss possible": a property of the migration the report names.
  const property = migrationProperty(t);
  if (property) return sub('migration', { property, line: c.line, polarity: /\bnot (idempotent|re-?runnable|additive)\b/i.test(t) ? 'denies' : 'asserts' });
  if (HISTORY.test(t)) return sub('outside', { history: true });
  // "Commits: cac2649, 870fcd9", "5888 insertions, 1920 deletions": facts of the git history, not of the tree.
  const history = historyClaim(t, c.section, c.lead);
  if (history) return sub('history', history);
  if (/\bcommits?\b[^.]*\b[0-9a-f]{7,40}\b|\b\d[\d,]*\s+insertions?\b|\b\d[\d,]*\s+deletions?\b/i.test(t) || (c.section.some((x) => /\bcommit\b.*\b[0-9a-f]{7,40}\b/i.test(x)) && /\bfiles? (changed|modified)\b/i.test(t))) {
    return sub('outside', { git: true });
  }
  // "Critical Issues Found: 3": a count of what the report itself found, not a fact of the code.
  if (/^[^|]{0,30}\b(issues|violations|blockers|problems|findings|gaps)\s+(found|identified|detected|remaining)\b[^|]{0,10}\d/i.test(t.replace(/[*_]/g, ''))) return sub('outside', { own: true });
  const listed = t.match(/^`([^`]+)`\s*[-–—]\s/);
  if (listed && isPathLike(listed[1])) {
    // "`entrypoints/` - 20 RPC entrypoints": a count of what the cited folder or file holds, the same
    // subject as "20 entrypoint files in `entrypoints/`".
    const counted = countOf(t.slice(listed[0].length));
    if (counted) return sub('count', { ...counted, path: listed[1] });
    return sub('path', { paths: listed[1], negated: false });
  }
  // "**seo-suite.yml** | ✅ READY | ⚠️ Never executed | Quality gates (314 lines)": the row is about the file its
  // first cell names, and the line count is that file's whatever else the row says of it.
  const rowFile = c.cells ? c.cells[0].value.replace(/[*`]/g, '').trim() : '';
  const rowLines = rowFile && isPathLike(rowFile) && EXT.test(rowFile) ? t.match(/\((\d[\d,]*)\s+lines?\b/i) : null;
  if (rowLines) return sub('count', { what: 'lines', n: num(rowLines[1]), approx: false, atLeast: false, words: 'lines', path: rowFile });
  const bareRange = t.match(/\blines?\s+(\d+)\s*[-–]\s*(\d+)/i);
  if (bareRange) {
    const symbols = codes.filter((x) => IDENT.test(x)).map((x) => x.match(IDENT)![1]);
    const label = t.match(/^([A-Z]\w+)\s+(model|function|class|table)\b/i)?.[1];
    return sub('line-range', { path: pathsIn(c.parent ?? '')[0] ?? '', from: Number(bareRange[1]), to: Number(bareRange[2]), symbols: [...symbols, ...(label ? [label] : [])].join(','), negated: /\bno\b|not\b/i.test(t) });
  }
  const parentPath = c.parent ? pathsIn(c.parent)[0] : undefined;
  // "12 queues defined" under "`queues/index.ts`": a count of what the parent's file holds.
  const underParent = parentPath && paths.length === 0 ? countOf(t) : null;
  if (parentPath && underParent) return sub('count', { ...underParent, path: parentPath });
  if (parentPath && paths.length === 0 && t.split(/\s+/).length <= 8 && !STATUS_MARK.test(t)) {
    return sub('topic', { path: parentPath, topic: t.replace(/\([^)]*\)/g, '').trim() });
  }
  if (/\(~?\d+ (errors?|locations?)\)|~\d+ errors?/i.test(t)) return sub('typecheck', { delta: true });
  const coverage = t.match(/(\d+(?:\.\d+)?)\s*%\s*(?:test )?coverage|coverage\b[^\d]{0,20}(\d+(?:\.\d+)?)\s*%/i);
  if (coverage && !/target|threshold|achieve|goal/i.test(t)) return sub('count', { what: 'coverage', n: Number(coverage[1] ?? coverage[2]), approx: false, atLeast: false, words: '% coverage', path: '' });
  const unquoted = t.replace(/"[^"]*"|“[^”]*”|\([^)]*\)/g, ' ');
  const mainScore = scoreOf(unquoted, c);
  if (mainScore) return sub('score', mainScore);
  const firstIsName = Boolean(c.cells && /^`|^[A-Z][A-Z0-9_]+$/.test(c.cells[0].value));
  const score = scoreOf(t, c);
  if (score && !/production[- ]ready|ready for production/i.test(unquoted)) return sub('score', score);
  // A coloured mark between label and word ("Risk level: 🟢 LOW") is decoration, not part of the statement.
  if (!firstIsName && READINESS.test(unquoted.replace(/[*_]/g, '').replace(/\s*\p{Extended_Pictographic}\uFE0F?/gu, '').trim())) {
    return sub('readiness', { ready: !/\bNO[- ]GO\b|not (production[- ])?ready/i.test(t), conditional: /with (fixes|conditions|remediation)|conditions|required/i.test(t) });
  }
  const layer = c.cells?.[0]?.value ?? '';
  // A row whose first cell is a file ("db-deploy.yml | ✅ READY") is about that file, not a category.
  if (c.cells && /\b(READY|BLOCKED|CRITICAL FIX)\b|🔴|🟢/.test(t) && !isPathLike(layer.replace(/[*`]/g, ''))) {
    const cat = CATEGORY_WORDS.find(([re]) => re.test(layer))?.[1];
    if (cat && cat !== 'overall') return sub('readiness', { category: cat, ready: !/BLOCKED|🔴|CRITICAL|MISSING/.test(t), conditional: false });
  }
  // "tokens expire after 1 hour", "10 MB limit": a figure with a unit, judged by the value the code enforces
  // (before the words for the world outside: "hours" there is about time spent, here about an expiry).
  const figures = quantitiesIn(t.replace(/"[^"]*"|“[^”]*”/g, ' '));
  if (figures.length && !NEG_STATUS.test(t) && !FEATURES.some((f) => f.words.test(t)) && !/\b(tests?|tsc|typecheck|lint|build|coverage|took|ago|estimated?|effort)\b/i.test(t)) {
    return sub('value', { subject: t.replace(STATUS_MARK, '').replace(/[*_`|]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120), figures: figures.map((q) => q.text).join(', ') });
  }
  // "Added STEP 3.5: Backfill clientId from customers.clientId": the backfill, whatever else the line names.
  const backfill = backfillClaim(t);
  if (backfill) return sub('feature', { feature: 'backfill', polarity: polarity(t), endpoint: '', before: backfill.before });
  // "Verified with CodeQL scanner (0 alerts)": what a run of a code scanner found, one fact however worded.
  const scan = scanRun(t, c.parent);
  if (scan) return sub('outside', scan);
  if (OUTSIDE.test(t) && !/\b(test|tsc|typecheck|lint|npm run|\.prepare)/i.test(t)) return sub('outside');

  const nodeVersion = t.match(/\bnode(?:\.js)?(?:[- ]version)?\b[^.\d]{0,30}?\b(\d{1,2}(?:\.x|\.\d+){0,2})\b/i);
  if (nodeVersion && /\bci\b|workflow|pipeline|github actions|circleci/i.test(t) && /version|pinned|\bon node\b/i.test(t)) return sub('ci', { node: nodeVersion[1], path: paths[0] ?? '' });
  if (/\bci\b|workflow|pipeline|github actions/i.test(t) && /\b(runs?|executes?|checks?)\b/i.test(t)) {
    const steps = Object.entries(CI_WORDS).filter(([, re]) => re.test(t)).map(([k]) => k);
    if (steps.length) return sub('ci', { steps: steps.join(','), path: paths[0] ?? '' });
  }
  if (/\.env\.example|\.env\.sample|\.dev\.vars\.example/.test(t) && /\b(every|all|each)\b/i.test(t)) {
    return sub('env-var', { name: '', polarity: 'present', documented: paths.find((p) => /\.env|\.dev\.vars/.test(p)) ?? '.env.example' });
  }
  const n = t.match(/\b(\d[\d,]*|zero|no)\s+(?:typescript |type |ts\d+ |tsc |remaining |[\w ]{0,20}?type )?errors?\b/i);
  if (/typescript|\btsc\b|type[- ]?check|type errors?|\bTS\d{4}\b|typed/i.test(t) && /error|pass|clean|✅|❌|compil/i.test(t) && !/lint/i.test(t)) {
    if (/errors? fixed|fixed\b.*errors?|\(\d+ locations?\)/i.test(t)) return sub('typecheck', { delta: true });
    const code = t.match(/\bTS\d{4}\b/)?.[0] ?? '';
    const errors = n ? (/zero|no/i.test(n[1]) ? 0 : num(n[1])) : /pass|clean|no output|no errors|✅/i.test(t) && !NEG_STATUS.test(t) ? 0 : -1;
    return sub('typecheck', { errors, code, failing: NEG_STATUS.test(t) });
  }
  if (/\b(eslint|biome|lint(ing|er)?)\b/i.test(t) && !/type/i.test(t)) {
    return sub('lint', { errors: n ? (/zero|no/i.test(n[1]) ? 0 : num(n[1])) : -1, claimed: polarity(t) });
  }
  const v = t.match(/\b(\d[\d,]*|zero|no)\s+(?:known |security |high |critical )*(?:vulnerabilit|advisor)/i) ?? t.match(/audit:?\s*(\d+)/i);
  // A claim about vulnerabilities gives a figure ("0 vulnerabilities"), names the audit, or labels a status with
  // the word ("Vulnerabilities: ✅"). A mention alone ("SECURITY.md | Security policies, vulnerability reporting")
  // is a topic of what the line is about, not a count of zero.
  if (/npm audit|pnpm audit|yarn audit|advisor(y|ies)/i.test(t) || (/vulnerabilit/i.test(t) && (v || /\bvulnerabilit\w*\s*[:|]/i.test(t.replace(/[*_]/g, ''))))) {
    const inCode = /\bin\s+(the\s+)?(code\s?base|source\s+code|code)\b/i.test(t) && !/\b(npm|pnpm|yarn) audit|dependenc|packages?\b|advisor/i.test(t);
    return sub('vulnerabilities', { n: v ? (/zero|no/i.test(v[1]) ? 0 : num(v[1])) : NEG_STATUS.test(t) ? -1 : 0, ...(inCode ? { where: 'code' } : {}) });
  }
  if (/sql injection/i.test(t) && !/\b(add(ed|ing)?|introduc\w*)\b[^.]*`[\w.$]+\(\)`/i.test(t)) return sub('sql-injection', { prevented: !NEG_STATUS.test(t) && !/\bvulnerable\b/i.test(t), ...(/\bin (the |a )?(migration|migrate|deploy|build|seed|setup)?\s*scripts?\b/i.test(t) ? { where: 'scripts' } : {}) });
  if (/\bsecrets?\b/i.test(t) && /\b(no|none|zero|0|free|clean|not committed)\b|✅/i.test(t) && !/redact/i.test(t)) return sub('secrets', { none: true });
  // "apps/x/ | ❌ None | ..." under a "Direct D1 Access" header: the row denies direct access in the folder its first cell names.
  const deniedByRow = Boolean(c.cells?.some((x) => /direct|access/i.test(x.header) && /(d1|db|database|sql|storage|access)/i.test(x.header) && /^(❌\s*)?(none|no)$/i.test(x.value.trim()))) && !countOf(t);
  // "All database access routed through orchestrator RPC": none outside what it is routed through.
  const routed = t.match(/\ball (?:the )?(?:database|db|d1|data) access\b[^.;]*?\b(?:routed|goes|go|flows?|passes)\s+(?:only\s+)?(?:through|via)\s+(?:the\s+)?`?([\w@./-]+)`?/i);
  if (/direct (d1|db|database|storage)|\.prepare\(|raw sql|database access|d1 access/i.test(t) || deniedByRow || routed) {
    const except = t.match(/(?:outside|except|other than)\s+(?:of\s+)?(?:the\s+)?`?([\w@./-]+)`?/i)?.[1] ?? routed?.[1] ?? '';
    const scopes = [...paths, ...(c.cells ? [c.cells[0].value] : [])].filter((p) => /^[\w@.-]+(\/[\w@.-]*)*$/.test(p) && p !== except);
    const count = t.match(/(\d+)\s+(?:d1 )?databases?/i);
    const none = /\b(no|zero|without|never)\b[^.;,]{0,30}(direct|raw sql|\.prepare|database access|d1 access|storage|sql access)/i.test(t)
      || Boolean(c.cells?.some((x) => /direct|access/i.test(x.header) && /^(❌\s*)?none$/i.test(x.value.trim()))) || Boolean(routed);
    const area = t.match(/\bin\s+(?:the\s+)?`?([\w@.-]+)`?\s+(?:workers?|packages?|apps?|folder|directory|services?)\b/i)?.[1] ?? '';
    // "No `.prepare()` calls", "No raw SQL strings": the line is about that kind of access only.
    const only = /`[^`]*\.prepare\(\)?[^`]*`|\.prepare\(\) calls/i.test(t) ? 'prepare' : /\braw sql\b/i.test(t) && !/direct|access/i.test(t) ? 'raw-sql' : '';
    return sub('db-access', { none, scope: [...scopes, ...(area ? [area] : [])].join(','), except, databases: count ? Number(count[1]) : -1, ...(only ? { only } : {}) });
  }
  // "Mock Mode | ❌ MISSING | ... tests use placeholder tokens": a thing said to be missing, not tests that fail.
  if (/\btests?\b|\bsuites?\b|vitest|jest/i.test(t) && /\b(pass(es|ing|ed)?|fail(s|ing|ed)?|green|red)\b|✅|❌|🔴/i.test(t) && !/timeout|heap/i.test(t) && !/\bMISSING\b/.test(t)) {
    const m = t.match(/(\d+)\s*\/\s*(\d+)/) ?? t.match(/(\d[\d,]*)\s+tests?\s+(?:are\s+)?passing/i);
    return sub('tests-pass', { passing: !NEG_STATUS.test(t) && !/fail(s|ing|ed)?\b/i.test(t), n: m ? num(m[1]) : -1, of: m?.[2] ? num(m[2]) : -1 });
  }
  if (/\bbuild\b/i.test(t) && /pass|succe|✅|❌|fail|blocked|green/i.test(t) && !/type/i.test(t)) return sub('build', { passing: !NEG_STATUS.test(t) && !/fail|blocked/i.test(t) });

  const count = countOf(t);
  // A table row's first cell may name the package or worker the figure is about ("orchestrator | 4 databases").
  const rowScope = c.cells && /^[\w@.-]+(\/[\w@.-]+)*\/?$/.test(c.cells[0].value.replace(/[*`]/g, '')) ? c.cells[0].value.replace(/[*`]/g, '') : '';
  // "**Shared Base Configuration** (`base/wrangler.base.jsonc`):" above the list: the file its items count in.
  const leadPath = c.lead ? pathsIn(c.lead).filter((p) => EXT.test(p)) : [];
  if (count) return sub('count', { ...count, path: paths[0] ?? (leadPath.length === 1 ? leadPath[0] : ''), ...(rowScope && !paths.length ? { scope: rowScope } : {}) });

  // "Default log level: `silly`", "Production log level | ✅ | `error`": a setting and the value the report gives it.
  const setting = t.replace(/^\[x\]\s*/, '').match(/^([A-Za-z][\w -]{2,40}?):\s*`([^`]{1,40})`\.?$/)
    ?? (c.cells && c.cells.length > 1 ? [null, c.cells[0].value.replace(/[*_]/g, ''), c.cells.slice(1).map((x) => x.value.match(/^`([^`]{1,40})`/)?.[1]).find(Boolean)] : null);
  // A camelCase name ("`requireAdmin` middleware") is a function the row names, not a value.
  // A row about a feature ("Health Check | ✅ | `/health` returns JSON") is judged as that feature.
  const aboutFeature = FEATURES.some((f) => f.words.test(t) || (c.cells && f.words.test(c.cells[0].value)));
  if (setting?.[2] && !aboutFeature && /^[\w/.:-]+$/.test(setting[2]) && !/[a-z][A-Z]/.test(setting[2]) && !ENV.test(setting[2]) && !isPathLike(setting[2])) {
    const key = setting[1].trim().toLowerCase().split(/\s+/).pop()!;
    if (key.length > 2 && !CATEGORY_WORDS.some(([re]) => re.test(key))) return sub('setting', { setting: setting[1].trim(), key, value: setting[2] });
  }

  // "✅ DataOps: project lifecycle": a named class or function the line says is there.
  const lead = t.replace(/^\[x\]\s*/, '').replace(STATUS_MARK, '').trim().match(/^([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)\s*:/);
  if (lead && !ENV.test(lead[1])) return sub('symbol', { name: lead[1], call: false, negated: polarity(t) === 'absent', path: '', exists: true });

  const feature = FEATURES.find((f) => f.words.test(t) || (c.cells && f.words.test(c.cells[0].value)));
  if (feature) {
    // "`GET /status`": the route's path, its method kept apart.
    const route = codes.map((s) => s.match(/^(?:(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+)?(\/[\w/-]*)$/)).find(Boolean);
    const endpoint = route?.[2] ?? '';
    // "Safe versioned migrations" also says the versions are in order: a fact of its own beside "the SQL is safe".
    const versioned = feature.id === 'migration-safety' && /\bversion/i.test(t);
    return sub('feature', { feature: feature.id, polarity: polarity(t), endpoint, ...(route?.[1] ? { method: route[1] } : {}), before: /\b(before|after)\b.*\b(constraint|fk|unique)/i.test(t), ...(versioned ? { versioned } : {}), ...(figures.length ? { figures: figures.map((q) => q.text).join(', ') } : {}) });
  }
  const env = codes.find((s) => ENV.test(s)) ?? (c.cells && ENV.test(c.cells[0].value.replace(/`/g, '')) ? c.cells[0].value.replace(/`/g, '') : undefined);
  if (env) return sub('env-var', { name: env, polarity: polarity(t) });

  const named = t.match(/\b(?:interface|class|function|method|type)\s+`?([A-Z]\w+)`?|`?\b([A-Z][a-z]+[A-Z]\w*)`?\s+(?:interface|class|function|type|method)\b/);
  if (named && /\b(add(ed|s)?|creat(ed|es)|implement(ed|s)?|introduc\w+|defined)\b/i.test(t)) return sub('symbol', { name: named[1] ?? named[2], call: false, negated: false, path: paths[0] ?? '' });
  const symbol = codes.map((s) => s.match(IDENT)).find((m) => m && (m[2] || /^[A-Z]|[a-z][A-Z]/.test(m[1])) && !ENV.test(m[1]));
  if (symbol && /\b(add(ed|s)?|creat(ed|es)|implement(ed|s)?|wired|integrated|calls?|invok\w+|uses?|defined|exists?|enhanced|introduc\w+|method|function|class|handlers?|guard|middleware|hook|decorator)\b/i.test(t)) {
    const name = symbol[1].split('.').pop()!;
    return sub('symbol', { name, call: Boolean(symbol[2]), negated: polarity(t) === 'absent', path: paths[0] ?? '' });
  }
  // "`@scope/pkg` ...", "(`connect-mongo`)": a package the line names. A scoped name is one for sure; a bare
  // kebab-case name may be a job or a route name, so the check only refutes a scoped one.
  const pkgName = codes.find((x) => /^@[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*$/.test(x)) ?? codes.find((x) => /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(x) && /\(`[^`]+`\)/.test(t));
  if (pkgName) return sub('package', { name: pkgName, scoped: pkgName.startsWith('@'), used: /\b(uses?|using|used|via|persist\w*|stor(ed|es)|backed|powered)\b/i.test(t) });
  // "enabled with `lusca.csrf()`", "normalised before lookup (`normalizeEmail`)": a call the code makes.
  const callee = codes.map((x) => x.match(/^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\(\)$/)?.[1]).find(Boolean)
    ?? (t.match(/\(`([a-z]+[A-Z][\w$]*)`\)/)?.[1]);
  if (callee && polarity(t) !== 'absent') return sub('call', { callee });
  if (c.links?.length) return sub('link', { targets: c.links.join(',') });
  if (paths.length > 0) return sub('path', { paths: paths.join(','), negated: /\b(does not exist|no such file|not found)\b/i.test(t) });
  const bareEnv = t.match(/^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/);
  if (bareEnv) return sub('env-var', { name: bareEnv[1], polarity: polarity(t) });
  if (STATUS_MARK.test(t)) {
    const phrase = (c.cells ? c.cells.find((x) => x.value && !STATUS_MARK.test(x.value) && !CATEGORY_WORDS.some(([re]) => re.test(x.value) && x.value.split(' ').length <= 2))?.value ?? c.cells[0].value : t)
      .replace(STATUS_MARK, '').replace(/[*_`]/g, '').split(/[:|(]/)[0].trim();
    // "**Status: ✅ PASS**" names no subject: it is the status of what its section is about, a subject of its
    // own in each section (three such lines under "Build", "Security Scan" and "Code Review" are three facts).
    if (BARE_STATUS.test(phrase)) {
      return sub('feature', { feature: `status of ${(c.section[c.section.length - 1] ?? 'the report').toLowerCase()}`, polarity: polarity(t), endpoint: '', before: false, bare: true });
    }
    if (phrase) return sub('feature', { feature: phrase.toLowerCase(), polarity: polarity(t), endpoint: '', before: false });
  }
  if (JUDGEMENT.test(t)) return sub('outside', { judgement: true });
  return sub('unrecognised');
}

function hasAssertiveStatus(t: string): boolean {
  return /✅|❌|\b(PASS|DONE|COMPLETE)\b/.test(t);
}

/** Every claim of a report classified, with what a line needs from its neighbours (a total's commits). */
export function classifyAll(raws: RawClaim[]): Classified[] {
  return withTotals(raws.map(classify), raws.map((r) => r.section));
}
