// The words verify recognises claims by: statuses, feature names, kinds of counts, places outside
// the repo, plans. Kept apart from the classifier so the lists can grow without burying its logic.

export const NEG_STATUS = /❌|🔴|✖|✗|\b(MISSING|FAIL(ED)?|BLOCKED|BROKEN|NOT (IMPLEMENTED|FOUND|EXPOSED|RUN))\b/;

export const WARN_STATUS = /⚠|🟡|⏳|\b(PARTIAL|STUB|UNKNOWN|DEFERRED|SKIPPED|UNCHECKED|ASSUMED|TBD|OUTDATED|NOT RUN|LOCAL ONLY|DEV ONLY)\b/;

export const NEGATION = /\b(no|not|none|never|missing|without|lacks?|absent|zero)\b|n't\b/i;

export const EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|json|jsonc|md|mdx|sql|prisma|toml|ya?ml|sh|txt|env(\.\w+)?|html|css)$/i;

export const NOT_PATH = /^(node|next|vue|nuxt|express|nest|react|three|chart|d3)\.js$|^https?:|[{}*<>()\s$|,;]|^\.\.\.$/i;

export const ENV = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

export const IDENT = /^(?:new\s+)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(\(\))?$/;

export const FEATURES: Array<{ id: string; words: RegExp }> = [
  { id: 'rate-limiting', words: /rate[- ]?limit/i },
  { id: 'security-headers', words: /security headers|\bhelmet\b|secure ?headers|\bCSP\b/i },
  { id: 'metrics', words: /prometheus|`?\/metrics`?|metrics endpoint/i },
  { id: 'health-endpoint', words: /health[- ]?(check|endpoint)|\/health\b/i },
  { id: 'graceful-shutdown', words: /graceful(ly)? shut ?down|\bSIGTERM\b/i },
  { id: 'env-validation', words: /env(ironment)?( variables?)? (validation|validated|checked)|validat\w* (the )?(env|environment|bindings)|startup validation/i },
  { id: 'structured-logging', words: /structured (json )?logg|\blogger\b|\bpino\b|\bwinston\b/i },
  { id: 'audit-logging', words: /audit (logg|trail)/i },
  { id: 'mock-mode', words: /mock (mode|connectors)|USE_MOCK/i },
  { id: 'backfill', words: /back-?fill/i },
  { id: 'rollback', words: /rollback (support|files?|scripts?|migrations?)|down migrations?|\.rollback\.sql|\.down\.sql/i },
  { id: 'migration-safety', words: /\b(production[- ])?safe (versioned )?migrations?\b|\bmigrations?( sql)?\b[^.|;]{0,30}\b(production[- ]safe|safe|validated|corrected|appl(y|ies) cleanly)\b/i },
  { id: 'circuit-breaker', words: /circuit[- ]breaker/i },
  { id: 'retry', words: /\bretry (policy|logic)|\bretries\b|with ?retry/i },
  { id: 'tracing', words: /opentelemetry|\btracing\b/i },
  { id: 'cors', words: /\bcors\b/i },
  { id: 'input-validation', words: /input validation|request validation|schema validation/i },
];

export const OUTSIDE = /\b(deployed|deploy(ment)? to|staging|neon\.tech|railway|vercel|heroku|aws|github secrets?|secret (is )?set|codeql|gitleaks|committed and pushed|pushed|code review|review comments|backed up|backups?\b|approved|sign-?off|review(ed)? by|on-?call|load test|customers?|dashboard|datadog|splunk|grafana|never executed|last run|docker (postgres|daemon)|in production|stakeholders|memory stat|seeded|seed data|reachable|duration|minutes|hours?|agents?:|session|report time|generated|auditor|prepared by|efficiency|branch|commits?:|date)\b/i;

// Whole words: "Abstraction", "Usage in Specialists" and "GitHub Actions" name no plan.
export const PLAN_SECTION = /\b(recommend\w*|next steps?|remediation|(?<!github )actions?( items?| required| needed)?|roadmap|plan|timeline|todo|future|out of scope|immediate|maintenance|monitoring alerts|regular tasks|support|how to|usage|prevention|conditions|do not deploy)\b(?! in\b)/i;

export const JUDGEMENT = /\b(comprehensive|complete(d|ly)?|perfect|excellent|enterprise|robust|impossible|zero memory leaks|production[- ]safe|idempotent|no data loss|best practices?|clear|proper(ly)?|enhanced|stabili[sz]ed|validated|verified|maintained|consistent|type[- ]safe|single source of truth|solid|reliable|safe|improv\w+|better|faster|smaller|reduced|optimi[sz]\w+|fixed|resolved|functional|working|healthy|established|achieved|success)\b/i;

export const COUNT_WORDS: Array<[RegExp, string]> = [
  [/^(unit |integration |e2e )?test files?$/i, 'test-files'],
  [/^(unit |integration |e2e |comprehensive |new )?tests?( cases| created)?$/i, 'tests'],
  [/^(tables?|models?|prisma models?)$/i, 'tables'],
  [/^(rpc |service |orchestrator rpc |d1 |kv |r2 |queue )?bindings?$/i, 'bindings'],
  [/^(d1 )?databases?$/i, 'databases'],
  [/^(rpc )?entrypoints?( files)?$/i, 'entrypoints'],
  [/^(ci |github )?workflows?$/i, 'workflows'],
  [/^queues?( defined)?$/i, 'queues'],
  [/^lines?$/i, 'lines'],
  [/^migrations?( files)?$/i, 'migrations'],
  [/^(endpoints?|routes?)$/i, 'routes'],
  [/^(files|files changed|files modified)$/i, 'files'],
];

export const CATEGORY_WORDS: Array<[RegExp, string]> = [
  [/test/i, 'testing'], [/type ?safety|types?\b|typescript/i, 'types'], [/\blint/i, 'lint'], [/build|bundle/i, 'build'],
  [/migration/i, 'migrations'], [/database|\bdb\b|orm/i, 'database'], [/security/i, 'security'],
  [/observability|monitoring|logging/i, 'observability'], [/reliability|resource/i, 'reliability'],
  [/ci\/cd|\bci\b|workflow|process/i, 'ci'], [/doc/i, 'docs'], [/overall|production[- ]readiness|readiness score|production[- ]ready score/i, 'overall'],
];

export const CI_WORDS: Record<string, RegExp> = {
  tests: /\btests?\b/i, typecheck: /type-?check|\btsc\b|\btypes\b/i, lint: /\blint/i, audit: /\baudit/i, build: /\bbuild/i,
};

export const HISTORY = /\b(was|were|had been|used to)\b[^.]*\b(on|at|in|before)\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d{4}|commit|phase|hour)/i;

export const STATUS_MARK = /✅|❌|✔|🟢|🔴|\b(PRESENT|CONFIGURED|IMPLEMENTED|ENABLED|MISSING|Already in place)\b/;

export const IMPERATIVE = /^(?:[\w /-]{1,30}:\s*)?(review|run|start|install|add|create|update|fix|deploy|check|monitor|verify|configure|set ?up|setup|rotate|notify|schedule|mock|split|reduce|increase|track|wire|enable|implement|convert|remove|migrate|trigger|archive|tag|follow|have|contact|use|resolve|address|execute|stub|refactor|achieve|rerun|re-run|document|investigate|restore|revert|restart|stop)\b/i;

/** Statements about the release as a whole: judged against verdict's gate and its blockers. */
export const READINESS = /production[- ]ready|ready for production|for production( deployment)?\b.*(approved|go)|approved for production|\bGO FOR PRODUCTION|\bNO[- ]GO\b|blocking issues:?\s*\**\s*none|\bno blocking issues\b|^\**(status|verdict|decision):.*\bready\b|^\**GO\b\**|\bGO\.?\**\s*$|\brisk( assessment| level)?\**:?\s*\**\s*low\b/i;

/** Tools a script may run: how a report names each ("`npm test` runs jest with coverage") and how the script's command shows it. */
export const TOOLS: Array<[string, RegExp, RegExp]> = [
  ['jest', /\bjest\b/i, /\bjest\b/], ['vitest', /\bvitest\b/i, /\bvitest\b/], ['mocha', /\bmocha\b/i, /\bmocha\b/],
  ['tsc', /\btsc\b/, /\btsc\b/], ['eslint', /\beslint\b/i, /\beslint\b/], ['prettier', /\bprettier\b/i, /\bprettier\b/],
  ['nodemon', /\bnodemon\b/i, /\bnodemon\b/], ['coverage', /\bcoverage\b/i, /--coverage\b|\bc8\b|\bnyc\b/],
];
