// The claim model: what a claim is about (subject), what it says of it (predicate), where the
// evidence may come from (scope) and whether it asserts or denies (polarity). Two claims with the
// same subject and predicate are one fact and get one verdict, wherever they appear in the report.
import type { ClaimKind, Subject } from './model.js';

export interface Fact {
  subject: string;
  predicate: string;
  scope: string;
  polarity: 'asserts' | 'denies';
  /** subject + predicate + polarity: equal keys are the same fact. Null when a claim is its own fact. */
  key: string | null;
}

/** An overall score this high says the release is ready, and is judged as that statement is. */
export const READY_SCORE = 85;

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function factOf(kind: ClaimKind, s: Subject): Fact {
  const scope = str(s.scope) || str(s.path).replace(/\/[^/]*\.[\w]+$/, '') || 'release code';
  const denies = s.polarity === 'absent' || s.polarity === 'denies' || s.negated === true || s.none === true || s.ready === false || s.passing === false;
  const polarity = denies ? 'denies' as const : 'asserts' as const;
  // A line the report itself marks partial or unchecked states no fact to share.
  const partial = s.polarity === 'partial';
  const f = (subject: string, predicate: string, key: boolean, sc = scope): Fact => ({
    subject, predicate, scope: sc, polarity, key: key && !partial ? `${kind === 'score' ? 'readiness' : kind}|${subject}|${predicate}|${polarity}` : null,
  });
  switch (kind) {
    case 'readiness': return s.category ? f(str(s.category), 'status ready', true, str(s.category)) : f('the service', s.conditional ? 'status ready with conditions' : 'status ready', true, 'release code');
    case 'score': return s.category === 'overall' && Number(s.score) >= READY_SCORE
      ? { ...f('the service', 'status ready', true, 'release code'), polarity: 'asserts' }
      : f(str(s.category), `score = ${str(s.score)}`, true, str(s.category));
    // A folder is the same subject with or without its trailing slash.
    case 'count': return f(`${str(s.what)}${s.path || s.scope ? ` in ${str(s.path || s.scope).replace(/\/+$/, '')}` : ''}`, `count = ${str(s.n)}`, true);
    // A figure on an absent feature ("metrics missing | 1 day") is not a property of the feature: absent is absent.
    case 'feature': return f(str(s.feature), s.polarity === 'absent' ? 'absent' : `in place${s.versioned ? ', versioned' : ''}${s.figures ? ` at ${str(s.figures)}` : ''}`, /^[a-z-]+$/.test(str(s.feature)));
    case 'symbol': return f(str(s.name), s.exists ? 'is declared' : s.call ? 'is called' : 'exists and is used', true);
    case 'script': return f(`script ${str(s.name)}`, s.ran ? 'runs clean' : 'exists', true);
    case 'path': return f(str(s.paths), 'exists', false);
    case 'line-range': return f(`${str(s.path)}:${str(s.from)}-${str(s.to)}`, s.symbols ? `holds ${str(s.symbols)}` : 'exists', false);
    case 'env-var': return f(str(s.name) || `variables in ${str(s.documented)}`, s.documented ? 'all documented' : 'is read', Boolean(s.name));
    case 'tests-pass': return f('tests', 'pass', true);
    case 'typecheck': return f('typecheck', `errors = ${str(s.errors)}`, true);
    case 'lint': return f('lint', `errors = ${str(s.errors)}`, true);
    case 'build': return f('build', 'passes', true);
    case 'vulnerabilities': return f(s.where === 'code' ? 'the release code' : 'dependencies', `known vulnerabilities = ${str(s.n)}`, true);
    case 'secrets': return f('repository', 'no committed secrets', true);
    case 'sql-injection': return f(s.where ? `SQL in ${str(s.where)}` : 'SQL', 'injection prevented', true);
    // Each folder a line names is a subject of its own: "none in apps/a" and "none in apps/b" are two facts.
    case 'db-access': return f(`${s.only ? `${str(s.only)} ` : ''}direct database access${s.scope ? ` in ${str(s.scope).split(',').map((x) => x.replace(/\/+$/, '')).join(', ')}` : ''}${s.except ? ` outside ${str(s.except)}` : ''}`, s.none ? 'absent' : 'present', true);
    case 'ci': return s.node ? f('CI', `sets up Node ${str(s.node)}`, true) : f('CI', `runs ${str(s.steps)}`, true);
    case 'value': return f(str(s.subject), `= ${str(s.figures)}`, false);
    case 'topic': return f(str(s.path), `covers ${str(s.topic)}`, false);
    case 'quote': return f(str(s.path), 'holds the code shown', false);
    case 'link': return f(str(s.targets), 'exists', false);
    case 'package': return f(`package ${str(s.name)}`, s.used ? 'is used' : 'is a dependency', true);
    case 'call': return f(str(s.callee), 'is called', true);
    // One fact per property of "the migration": the report's lines about it name it once, if at all.
    case 'migration': return s.topic === 'migration-place'
      ? f(`migrations folder ${str(s.path)}`, s.only ? 'the only one' : 'holds the migrations', true, 'migrations')
      : f('the migration', str(s.property), true, 'migrations');
    case 'history': return f(`commits ${str(s.commits)}`, ['files', 'insertions', 'deletions'].filter((k) => Number(s[k]) >= 0).map((k) => `${k} = ${str(s[k])}`).join(', ') || 'exist', Boolean(s.commits), 'git history');
    case 'setting': return f(str(s.setting).toLowerCase(), `value = ${str(s.value)}`, true);
    // "Dry-run mode" and "`--dry-run` flag" on two lines are one flag.
    case 'option': return s.topic === 'cli-flag' ? f(`command-line flag ${str(s.flag)}`, 'is honoured', true) : f('', kind, false);
    // What a run of a code scanner found: one fact per scanner, however the report words it.
    case 'outside': return s.scanner ? f(`scan by ${str(s.scanner)}`, str(s.result), true) : f('', kind, false);
    default: return f('', kind, false);
  }
}
