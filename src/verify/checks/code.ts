// Claims about the code itself, checked by looking: paths, cited line ranges, scripts, env vars,
// functions that are defined and called, and database access outside the allowed place.
import ts from 'typescript';
import { fileEvidence, figure, type Hit } from '../repo.js';
import { lineOf, parsedFile } from './syntax.js';
import { DB_CLIENTS } from '../../knowledge/db-clients.js';
import type { Evidence } from '../../model/run.js';
import { stepsClaim } from './count.js';
import { reachOfDecl, unreached } from './reach.js';
import { movedOutside } from './moved.js';
import { TOOLS } from '../vocabulary.js';
import { type Check, type CheckContext, ciFiles, confirmed, contradicted, inventoryArray, unverifiable, type Verifier } from './context.js';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A path named as a default, an example or an output is not claimed to exist. */
function hypothetical(text: string, p: string): boolean {
  const i = text.indexOf(p);
  const before = i < 0 ? '' : text.slice(Math.max(0, i - 30), i);
  return /\b(default|e\.g\.|such as|for example|like|creates?|writes?|writing|generates?|output|--[\w-]+|into)\W*$/i.test(before);
}

export const path: Verifier = (s, ctx, text) => {
  const all = String(s.paths).split(',').filter(Boolean);
  const paths = all.filter((p) => !hypothetical(text, p));
  if (paths.length === 0) return unverifiable(`${all.join(', ')}: named as a default, an example or an output, not claimed to exist`);
  const found: Hit[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    const r = ctx.repo.resolve(p);
    if (r.length) found.push({ path: r[0], line: 1, text: ctx.repo.lines(r[0])?.[0] ?? '(folder)' });
    else missing.push(p);
  }
  const ev = [...found.map((h) => fileEvidence(h)), ...missing.map((m) => figure(`files matching ${m}`, 0))];
  if (s.negated) return missing.length ? confirmed(`${missing.join(', ')} does not exist`, ev) : contradicted(`${found[0].path} exists`, ev);
  if (missing.length) return contradicted(`${missing.join(', ')}: no such file or folder in the repository (${ctx.repo.files.length} files)`, ev);
  const steps = found.length === 1 && !ctx.repo.isDir(found[0].path) ? stepsClaim(ctx, found[0].path, text) : null;
  if (steps) return steps;
  const said = assertedBeyondExistence(text, all);
  // A figure beside the file ("26 steps", "8 fields added") is a count nothing here checks: never confirmed by names or existence.
  const figures = /\d/.test(all.reduce((t, p) => t.split(p).join(' '), text).replace(/`[^`]*`/g, ' ').replace(/\(\s*~?\d[\d,]*\s*lines?\s*\)/gi, ' '));
  if (said && found.length === 1 && !ctx.repo.isDir(found[0].path)) {
    const named = namedInFile(ctx, found[0].path, text, all);
    if (named && !(figures && named.verdict === 'confirmed')) return named;
  }
  if (said && !figures && !/\d|\b(only|all|every|each|no|none|never|not|without|always|impossible|fully|complete)\b/i.test(said) && !BEHAVIOUR.test(text) && !/`[^`]*`|\w\(\)|\b[a-z]+[A-Z]\w*\b/.test(text.replace(/`[^`]*\.[a-z]{1,6}\/?`/g, ''))) {
    // A label after a file ("`RUNBOOK.md` - deployment guide") names the file; it asserts no behaviour.
    return confirmed(`${found.map((h) => h.path).join(', ')} exist${found.length === 1 ? 's' : ''} (the rest of the line labels it: "${said}")`, ev);
  }
  if (said) return unverifiable(`${found.map((h) => h.path).join(', ')} exist${found.length === 1 ? 's' : ''}; what the report says of it ("${said}") is not checked, and a file's existence alone confirms nothing more`);
  return confirmed(`${found.map((h) => h.path).join(', ')} exist${found.length === 1 ? 's' : ''}`, ev);
};

/** A line that says a file does something ("added audit logging", "handles retries") asserts more than a label. */
const BEHAVIOUR = /\b(add(ed|s)?|implement\w*|fix\w*|enabl\w*|integrat\w*|wir(ed|es)|enforc\w*|validat\w*|protect\w*|prevent\w*|handl\w*|supports?|calls?|usage|uses?|used|logs?|logging|tracks?|limits?|guards?|checks?|sanitiz\w*|blocks?|rejects?)\b/i;

const USE_WORDS = /\b(usage|uses?|used|integrat\w*|calls?|called|invok\w*|wired|guards?|applied|enforc\w*)\b/i;

/**
 * "`src/routes/twilio.ts` - SystemGate integration, completeOnboarding() usage": the identifiers the
 * line names are resolved in that file. A use word needs a use there (not only a definition or an
 * import); otherwise a definition or a use is enough. Null when the line names no identifier.
 */
function namedInFile(ctx: CheckContext, file: string, text: string, paths: string[]): Check | null {
  let rest = text;
  for (const p of paths) rest = rest.split(p).join(' ');
  const names = [...new Set([...rest.matchAll(/`?\b([A-Za-z_$][\w$]*)\(\)`?|`([A-Za-z_$][\w$]*)`|\b([A-Z][a-z]+[A-Z]\w*|[a-z]+[A-Z]\w*)\b/g)]
    .map((m) => m[1] ?? m[2] ?? m[3]).filter((n) => n.length > 2))];
  if (names.length === 0) return null;
  const wantsUse = USE_WORDS.test(rest);
  const evidence: Evidence[] = [];
  for (const name of names) {
    const { defs, uses } = symbolSites(ctx, name, [file]);
    const site = wantsUse ? uses[0] : (uses[0] ?? defs[0]);
    if (!site) {
      const elsewhere = wantsUse ? symbolSites(ctx, name).defs[0] : undefined;
      return contradicted(`\`${name}\` is ${wantsUse ? 'not used' : 'not defined or used'} in ${file}${elsewhere ? ` (defined at ${elsewhere.path}:${elsewhere.line})` : ''}`,
        [figure(`${wantsUse ? 'uses' : 'mentions in code'} of ${name} in ${file}`, 0), ...(elsewhere ? [fileEvidence(elsewhere)] : [])]);
    }
    evidence.push(fileEvidence(site));
  }
  return confirmed(`${file}: ${names.map((n) => `\`${n}\``).join(', ')} ${wantsUse ? 'used' : 'present'} there`, evidence);
}

/** Words that say only that a file is there (or name it), which its existence confirms. */
const EXISTENCE_WORDS = new Set(['file', 'files', 'folder', 'directory', 'exists', 'exist', 'present', 'created', 'added', 'new', 'the', 'a', 'an', 'in', 'at', 'is', 'are', 'and', 'see', 'location', 'path', 'lines', 'line', 'done', 'complete', 'completed', 'ready', 'pass', 'yes', 'ok']);

/**
 * What a path claim says beyond "this file exists": the words left once the paths, status marks,
 * line counts and existence words are taken out. Empty when the claim is about existence only.
 */
export function assertedBeyondExistence(text: string, paths: string[]): string {
  let rest = text.replace(/`[^`]*`/g, ' ');
  for (const p of paths) rest = rest.split(p).join(' ');
  rest = rest.replace(/\(\s*~?\d[\d,]*\s*lines?\s*\)/gi, ' ').replace(/[^\p{L}\p{N}\s]/gu, ' ');
  const words = rest.split(/\s+/).filter((w) => w && !EXISTENCE_WORDS.has(w.toLowerCase()) && !/^\d+$/.test(w) && !/^(✅|❌)$/.test(w));
  return words.join(' ');
}

export const lineRange: Verifier = (s, ctx, text) => {
  if (!s.path) return unverifiable('the report names no file for these lines');
  const cited = String(s.path).replace(/:\d+(-\d+)?$/, '');
  const [file] = ctx.repo.resolve(cited);
  if (!file) return contradicted(`${cited}: no such file in the repository`, [figure(`files matching ${cited}`, 0)]);
  const lines = ctx.repo.lines(file) ?? [];
  const count = ctx.repo.lineCount(file) ?? 0;
  const from = Number(s.from);
  const to = Number(s.to);
  if (to > count) return contradicted(`${file} has ${count} lines; the report cites lines ${from}-${to}`, [figure(`lines in ${file}`, count)]);
  const symbols = String(s.symbols).split(',').filter(Boolean);
  if (/health|readiness|\bready\b/i.test(text) && /\b(database|db)\b/i.test(text)) {
    const hit = healthTouchesDb(ctx, file, from, to);
    return hit ? confirmed(`${file}:${hit.line} queries the database`, [fileEvidence(hit)])
      : contradicted(`lines ${from}-${to} of ${file} make no database call: the health check answers without checking it`, lines.slice(from - 1, to).map((t, i) => fileEvidence({ path: file, line: from + i, text: t })).slice(0, 3));
  }
  if (symbols.length === 0) return confirmed(`${file} lines ${from}-${to} exist`, [fileEvidence({ path: file, line: from, text: lines[from - 1] })]);
  const re = new RegExp(`\\b(${symbols.map(esc).join('|')})\\b`);
  const inRange = lines.slice(from - 1, to).map((t, i) => ({ path: file, line: from + i, text: t })).filter((h) => re.test(h.text));
  if (s.negated) {
    if (inRange.length) return contradicted(`${file}:${inRange[0].line} has \`${symbols.join('`, `')}\``, [fileEvidence(inRange[0])]);
    return movedOutside(ctx, file, from, to, re, symbols.join(', '))
      ?? confirmed(`lines ${from}-${to} of ${file} do not mention ${symbols.join(', ')}`, [fileEvidence({ path: file, line: from, text: lines[from - 1] })]);
  }
  if (inRange.length) return confirmed(`${file}:${inRange[0].line} has \`${symbols[0]}\``, [fileEvidence(inRange[0])]);
  const elsewhere = ctx.repo.grep(re, [file], 3);
  if (elsewhere.length) return contradicted(`moved: \`${symbols[0]}\` is at ${file}:${elsewhere[0].line}, not in lines ${from}-${to}`, elsewhere.map(fileEvidence));
  return contradicted(`${file} does not mention ${symbols.join(', ')}`, [figure(`mentions of ${symbols[0]} in ${file}`, 0)]);
};

export const script: Verifier = (s, ctx) => {
  const name = String(s.name);
  if (s.ran) {
    return unverifiable(`needs --exec: the claim is about the result of running \`${name}\`, which verdict does not run`);
  }
  const pkgs = ctx.run.packages.filter((p) => (p.kind !== 'worker' || Object.keys(p.scripts).length > 0) && (!s.package || `${p.path === '.' ? '' : `${p.path}/`}package.json`.endsWith(String(s.package).replace(/^\.\//, ''))));
  const hit = pkgs.find((p) => name in p.scripts);
  if (hit) {
    const manifest = hit.path === '.' ? 'package.json' : `${hit.path}/package.json`;
    const h = ctx.repo.grep(new RegExp(`"${esc(name)}"\\s*:`), [manifest], 1)[0];
    if (s.runs) return scriptRuns(name, hit.scripts[name], String(s.runs).split(','), h ? fileEvidence(h) : figure(`${manifest} script ${name}`, hit.scripts[name]));
    return confirmed(`script "${name}" in ${manifest}`, [h ? fileEvidence(h) : figure(`${manifest} script ${name}`, hit.scripts[name])]);
  }
  if (pkgs.length === 0) return unverifiable(`no package.json matching ${s.package || 'the repository'}`);
  return contradicted(`no script "${name}" in ${pkgs.map((p) => (p.path === '.' ? 'package.json' : `${p.path}/package.json`)).join(', ')}`,
    pkgs.map((p) => figure(`${p.path === '.' ? '' : `${p.path}/`}package.json scripts`, Object.keys(p.scripts).join(', ') || '(none)')));
};

/** "`npm test` runs jest with coverage": each tool the line names is in the script's command. */
function scriptRuns(name: string, command: string, tools: string[], ev: Evidence): Check {
  const missing = tools.filter((t) => !TOOLS.find(([k]) => k === t)?.[2].test(command));
  return missing.length ? contradicted(`script "${name}" is \`${command}\`: it does not run ${missing.join(', ')}`, [ev])
    : confirmed(`script "${name}" is \`${command}\`: it runs ${tools.join(', ')}`, [ev]);
}

/** Env vars the service code reads (process.env.X, env.X, import.meta.env.X) against the example file. */
function envDocumented(ctx: CheckContext, example: string) {
  const [file] = ctx.repo.resolve(example);
  if (!file) return contradicted(`${example}: no such file`, [figure(`files matching ${example}`, 0)]);
  const documented = new Set((ctx.repo.lines(file) ?? []).map((l) => l.match(/^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=/)?.[1]).filter(Boolean));
  const uses = ctx.repo.grep(/\b(?:process\.env|import\.meta\.env|c\.env|env)\.([A-Z][A-Z0-9_]+)\b/, ctx.repo.serviceFiles(), 5000);
  const missing = new Map<string, Hit>();
  for (const h of uses) {
    for (const m of h.text.matchAll(/\b(?:process\.env|import\.meta\.env|c\.env|env)\.([A-Z][A-Z0-9_]+)\b/g)) {
      if (!documented.has(m[1]) && !missing.has(m[1]) && !['NODE_ENV', 'CI'].includes(m[1])) missing.set(m[1], h);
    }
  }
  if (missing.size) {
    return contradicted(`${missing.size} variable(s) read by the code are missing from ${file}: ${[...missing.keys()].join(', ')}`, [...missing.values()].slice(0, 3).map(fileEvidence));
  }
  // The example file and the reads it was checked against are what the ✅ rests on.
  return confirmed(`${file} documents all ${documented.size} variable(s) the code reads`,
    [fileEvidence({ path: file, line: 1, text: ctx.repo.lines(file)?.[0] ?? '' }), ...uses.slice(0, 2).map(fileEvidence), figure(`variables in ${file}`, documented.size), figure('env reads in source', uses.length)]);
}

export const envVar: Verifier = (s, ctx) => {
  if (s.documented) return envDocumented(ctx, String(s.documented));
  const name = String(s.name);
  const files = ctx.repo.files.filter((f) => /\.([cm]?[jt]sx?|toml|jsonc?|ya?ml)$|(^|\/)\.env[\w.-]*$|(^|\/)\.dev\.vars/.test(f));
  if (files.length === 0) return unverifiable('the repository has no code, config or env files to search');
  const hits = ctx.repo.grep(new RegExp(`\\b${esc(name)}\\b`), files, 20);
  if (s.polarity === 'partial') return unverifiable('the report marks it unknown or partial');
  if (s.polarity === 'absent') {
    const code = hits.filter((h) => !/(^|\/)(test|tests|__tests__)\/|\.test\./.test(h.path));
    return code.length ? contradicted(`${name} is used at ${code[0].path}:${code[0].line}`, code.slice(0, 3).map(fileEvidence))
      : confirmed(`${name} appears nowhere in code or env files`, [figure(`files searched for ${name}`, files.length)]);
  }
  return hits.length ? confirmed(`${name} at ${hits[0].path}:${hits[0].line}`, hits.slice(0, 3).map(fileEvidence))
    : contradicted(`${name} appears nowhere in code, config or env files`, [figure(`files searched for ${name}`, files.length)]);
};

const IMPORT = /^\s*(import\b|export\s+\{[^}]*\}\s+from|(const|let|var)\s+\{?[^=]*\}?\s*=\s*(await\s+)?(require|import)\()/;

/** Definitions and real uses (not the definition, not an import) of an identifier. */
export function symbolSites(ctx: CheckContext, name: string, files = ctx.repo.sourceFiles()) {
  const n = esc(name);
  const def = new RegExp(`(function\\*?\\s+${n}\\b|class\\s+${n}\\b|(const|let|var)\\s+${n}\\s*[=:]|^\\s*(public |private |protected |static |async |readonly )*${n}\\s*(<[^>]*>)?\\s*\\([^)]*\\)\\s*(:[^={]+)?\\{|interface\\s+${n}\\b|type\\s+${n}\\s*=|${n}\\s*:\\s*(async\\s*)?(function|\\())`);
  const any = ctx.repo.grep(new RegExp(`\\b${n}\\b`), files);
  const defs = any.filter((h) => def.test(h.text));
  const uses = any.filter((h) => !def.test(h.text) && !IMPORT.test(h.text) && !/^\s*(\/\/|\*|\/\*)/.test(h.text));
  return { defs, uses, imports: any.filter((h) => IMPORT.test(h.text)) };
}

export const symbol: Verifier = (s, ctx) => {
  const name = String(s.name);
  if (ctx.repo.sourceFiles().length === 0) return unverifiable('the repository has no source files to search');
  const { defs, uses } = symbolSites(ctx, name);
  const live = uses.filter((u) => !/\.(test|spec)\.|(^|\/)(tests?|__tests__)\//.test(u.path));
  if (s.negated) {
    return defs.length ? unverifiable(`the report says something is missing about \`${name}\`; it is defined at ${defs[0].path}:${defs[0].line}`)
      : confirmed(`\`${name}\` is defined nowhere`, [figure(`definitions of ${name}`, 0)]);
  }
  if (defs.length === 0) return contradicted(`\`${name}\` is defined nowhere in the repository`, [figure(`definitions of ${name} in ${ctx.repo.sourceFiles().length} source files`, 0)]);
  // "DataOps: ..." says the declaration is there; a release copy of it shows that (a test or archived copy does not).
  if (s.exists) {
    const release = defs.filter((d) => ctx.repo.isRelease(d.path));
    return release.length ? confirmed(`\`${name}\` is declared at ${release[0].path}:${release[0].line}`, [fileEvidence(release[0])])
      : contradicted(`\`${name}\` is declared only outside the release code (${defs[0].path}:${defs[0].line})`, [fileEvidence(defs[0])]);
  }
  if (live.length === 0) {
    return contradicted(`\`${name}\` is defined at ${defs[0].path}:${defs[0].line} but never called or used outside tests (added but not wired)`, [fileEvidence(defs[0]), figure(`uses of ${name} outside tests`, 0)]);
  }
  const reach = reachOfDecl(ctx, defs[0].path, name);
  if (unreached(reach)) {
    return contradicted(`\`${name}\` is defined at ${defs[0].path}:${defs[0].line} and referenced at ${live[0].path}:${live[0].line}, but no production entry reaches it (${reach})`, [fileEvidence(defs[0]), fileEvidence(live[0]), figure(`production paths to ${name}`, 0)]);
  }
  return confirmed(`\`${name}\` defined at ${defs[0].path}:${defs[0].line} and used at ${live[0].path}:${live[0].line}${reach === 'production' ? ', reachable from a production entry' : ''}`, [fileEvidence(defs[0]), fileEvidence(live[0])]);
};

/** What a line that names one kind of access is about: `.prepare()` calls, or raw SQL (not an ORM or a client being opened). */
const ONLY: Record<string, RegExp> = {
  prepare: /\.prepare\s*\(/,
  'raw-sql': /\.prepare\s*\(|\$queryRaw(Unsafe)?\b|\$executeRaw(Unsafe)?\b|\.exec\s*\(\s*['"`]\s*(SELECT|INSERT|UPDATE|DELETE|CREATE)/,
};
const DB_CALL = /\.prepare\s*\(|\$queryRaw(Unsafe)?\b|\$executeRaw(Unsafe)?\b|\bnew PrismaClient\s*\(|\bdrizzle\s*\(|\bnew Kysely\b|\bcreateClient\s*\(\s*\{\s*url|\bnew (pg\.)?(Pool|Client)\s*\(|\bknex\s*\(|\.exec\s*\(\s*['"`]\s*(SELECT|INSERT|UPDATE|DELETE|CREATE)/;

/** Data-access sites another collector found (inventory.databases: entries with path|file and line), within `files`. */
function inventoryAccess(ctx: CheckContext, files: string[]): Hit[] {
  const inv = inventoryArray(ctx, 'databases') as Array<Record<string, unknown>> | null;
  if (!inv) return [];
  const within = new Set(files);
  return inv.flatMap((e) => {
    const path = typeof e.path === 'string' ? e.path : typeof e.file === 'string' ? e.file : null;
    const line = typeof e.line === 'number' ? e.line : null;
    if (!path || !line || !within.has(path)) return [];
    return [{ path, line, text: ctx.repo.lines(path)?.[line - 1] ?? String(e.kind ?? 'database access') }];
  });
}

/**
 * Whether the match of `re` on a hit's line is code: `env.DB.prepare()` written in a prompt's template
 * text or a comment is not a call. Read from the file's syntax tree; a file that does not parse keeps the hit.
 */
function isCode(ctx: CheckContext, h: Hit, re: RegExp): boolean {
  const f = parsedFile(ctx, h.path);
  const col = h.text.search(re);
  if (!f || col < 0) return true;
  const pos = f.sf.getPositionOfLineAndCharacter(h.line - 1, col);
  let node: ts.Node = f.sf;
  for (let next: ts.Node | undefined = node; next;) {
    node = next;
    next = node.getChildren(f.sf).find((c) => c.getStart(f.sf) <= pos && pos < c.getEnd());
  }
  // No token holds the position: it is in the trivia between tokens, a comment.
  if (pos < node.getStart(f.sf) || node.getChildren(f.sf).length > 0) return false;
  // `new Client(...)` is a database client when `Client` is a database library's export, not an MCP or HTTP client's.
  const made = h.text.slice(col).match(/^new\s+(?:\w+\.)?(Pool|Client)\s*\(/);
  const bound = made ? f.bindings.get(made[1]) ?? f.bindings.get(h.text.slice(col).match(/^new\s+(\w+)\./)?.[1] ?? '') : undefined;
  if (bound && !DB_CLIENTS.some((c) => c.package === bound.module && c.opens.some((o) => o.how === 'new' && (o.export === made![1] || bound.name === '*' || bound.name === 'default')))) return false;
  return !(ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || node.kind === ts.SyntaxKind.TemplateHead
    || node.kind === ts.SyntaxKind.TemplateMiddle || node.kind === ts.SyntaxKind.TemplateTail || node.kind === ts.SyntaxKind.JsxText);
}

/** The paths the report cites (in code spans) in its sections whose heading names `word` ("Critical Violations Found"). */
function citedUnder(ctx: CheckContext, word: string): string[] {
  const lines = (ctx.reportText ?? '').split('\n');
  const stem = word.toLowerCase().replace(/s$/, '');
  const out: string[] = [];
  let depth = 0;
  for (const l of lines) {
    const h = l.match(/^(#{1,6})\s+(.*)$/);
    if (h) {
      if (depth && h[1].length <= depth) depth = 0;
      if (!depth && h[2].toLowerCase().includes(stem)) depth = h[1].length;
      continue;
    }
    if (depth && !/^\s*(```|~~~)/.test(l)) for (const m of l.matchAll(/`([\w@.-]+(?:\/[\w@.[\]-]+)+\/?)`/g)) out.push(m[1]);
  }
  return [...new Set(out)];
}

export const dbAccess: Verifier = (s, ctx) => {
  if (!s.none) {
    if (Number(s.databases) >= 0) return unverifiable('a count of databases per worker: see the bindings count');
    return unverifiable('the report states database access exists; nothing to refute');
  }
  const named = String(s.scope).split(',').filter(Boolean);
  const scopes = named.flatMap((p) => ctx.repo.resolve(p));
  const exceptPath = ctx.repo.resolve(String(s.except))[0];
  const except = exceptPath ? String(s.except) : '';
  // "(except violations noted above)": the files the report cites in its section of that name are the exception.
  const noted = !exceptPath && s.except ? citedUnder(ctx, String(s.except)).filter((p) => ctx.repo.resolve(p).length > 0) : [];
  const files = ctx.repo.serviceFiles().filter((f) => (scopes.length === 0 || scopes.some((sc) => f === sc || f.startsWith(`${sc}/`)))
    && (!except || !f.split('/').includes(except.replace(/\/$/, '').split('/').pop()!)));
  if (named.length && scopes.length === 0) return unverifiable(`${s.scope}: no such folder in the repository`);
  if (files.length === 0) return unverifiable('no source files to search');
  const only = ONLY[String(s.only ?? '')];
  const call = only ?? DB_CALL;
  const hits = [...(only ? [] : inventoryAccess(ctx, files)), ...ctx.repo.grep(call, files, 200).filter((h) => isCode(ctx, h, call)).slice(0, 20)]
    .filter((h, i, all) => all.findIndex((x) => x.path === h.path && x.line === h.line) === i);
  if (noted.length) {
    const others = hits.filter((h) => !noted.some((p) => h.path === p || h.path.startsWith(`${p.replace(/\/+$/, '')}/`)));
    const where = `${scopes.length ? scopes.join(', ') : 'the repository'} outside the ${noted.length} file(s) the report cites under "${s.except}" (${noted.join(', ')})`;
    if (others.length) return contradicted(`${others.length} direct database call(s) in ${where}, first ${others[0].path}:${others[0].line}`, others.slice(0, 5).map(fileEvidence));
    const shown = hits.length ? hits.slice(0, 3).map(fileEvidence) : files.slice(0, 3).map((f) => fileEvidence({ path: f, line: 1, text: ctx.repo.lines(f)?.[0] ?? '' }));
    return confirmed(`no direct database call in ${where}; ${hits.length} in the cited files`, [...shown, figure(`source files searched`, files.length), figure('direct database calls outside the cited files', 0)]);
  }
  if (hits.length && s.except && !exceptPath) return unverifiable(`the report excepts "${s.except}", which names no file or folder; ${hits.length} direct call(s) found, first ${hits[0].path}:${hits[0].line}`);
  const where = scopes.length ? scopes.join(', ') : except ? `outside ${except}` : 'the repository';
  if (hits.length) return contradicted(`${hits.length} direct database call(s) ${except && !scopes.length ? '' : 'in '}${where}, first ${hits[0].path}:${hits[0].line}`, hits.slice(0, 5).map(fileEvidence));
  // An absence rests on the search: the calls where the report allows them, else the files searched.
  const allowed = exceptPath ? ctx.repo.grep(DB_CALL, ctx.repo.serviceFiles().filter((f) => f === exceptPath || f.startsWith(`${exceptPath}/`)), 2) : [];
  const shown = allowed.length ? allowed.map(fileEvidence) : files.slice(0, 3).map((f) => fileEvidence({ path: f, line: 1, text: ctx.repo.lines(f)?.[0] ?? '' }));
  return confirmed(`no direct database call in ${files.length} source file(s) ${except && !scopes.length ? '' : 'of '}${where}`, [...shown, figure(`source files searched in ${where}`, files.length), figure('direct database calls', 0)]);
};

/**
 * '"DO NOT PROCEED IF" guards' listed under a document: the words the report quotes are the document's
 * own text, so the document holds them verbatim or the quote is wrong. Only for documents: a quoted
 * phrase in code is a string, not what the code does.
 */
function quotedIn(ctx: CheckContext, file: string, topic: string): Check | null {
  const quotes = [...topic.matchAll(/["\u201C]([^"\u201D]{4,80})["\u201D]/g)].map((m) => m[1].trim()).filter((q) => q.split(/\s+/).length >= 2);
  if (quotes.length === 0 || !/\.(md|mdx|txt|rst)$/i.test(file)) return null;
  const lines = ctx.repo.lines(file) ?? [];
  const evidence: Evidence[] = [];
  for (const q of quotes) {
    const hits = lines.map((t, i) => ({ path: file, line: i + 1, text: t })).filter((h) => h.text.toLowerCase().includes(q.toLowerCase()));
    if (hits.length === 0) return contradicted(`${file} does not contain "${q}"`, [figure(`lines of ${file} containing "${q}"`, 0)]);
    evidence.push(fileEvidence(hits[0]), figure(`lines of ${file} containing "${q}"`, hits.length));
  }
  return confirmed(`${file} contains ${quotes.map((q) => `"${q}"`).join(', ')} (${evidence.filter((e) => e.kind === 'figure').map((e) => (e as { value: unknown }).value).join(', ')} line(s))`, evidence);
}

/**
 * "In-memory `Map<AgentName, RegistryEntry>`" listed under a source file: a generic type the file writes
 * (a type annotation or a `new` with type arguments), compared as written once spaces are dropped. The
 * same type with other arguments contradicts; a type the file never names with arguments leaves it open.
 */
function typeIn(ctx: CheckContext, file: string, topic: string): Check | null {
  const spans = [...topic.matchAll(/`([A-Za-z_$][\w$.]*)<([^`]+)>`/g)];
  if (spans.length === 0) return null;
  const f = parsedFile(ctx, file);
  if (!f) return null;
  const written: Array<{ base: string; text: string; node: ts.Node }> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isTypeReferenceNode(n) && n.typeArguments?.length) written.push({ base: n.typeName.getText(f.sf), text: n.getText(f.sf), node: n });
    if (ts.isNewExpression(n) && n.typeArguments?.length) written.push({ base: n.expression.getText(f.sf), text: `${n.expression.getText(f.sf)}<${n.typeArguments.map((a) => a.getText(f.sf)).join(',')}>`, node: n });
    ts.forEachChild(n, visit);
  };
  visit(f.sf);
  const norm = (t: string) => t.replace(/\s+/g, '');
  const evidence: Evidence[] = [];
  for (const [, base, args] of spans) {
    const want = norm(`${base}<${args}>`);
    const same = written.find((w) => norm(w.text) === want);
    if (same) { evidence.push(fileEvidence(lineOf(same.node, f))); continue; }
    const other = written.find((w) => w.base === base);
    if (other) return contradicted(`${file}:${lineOf(other.node, f).line} has ${other.text}, not ${base}<${args}>`, [fileEvidence(lineOf(other.node, f))]);
    return null;
  }
  return confirmed(`${file} declares ${spans.map((m) => m[0].replace(/`/g, '')).join(', ')}`, evidence);
}

/** "PBKDF2 key derivation" listed under a file: the file should speak of it. Refuted only when none of the words appear. */
export const topic: Verifier = (s, ctx) => {
  const [file] = ctx.repo.resolve(String(s.path));
  if (!file) return contradicted(`${s.path}: no such file`, [figure(`files matching ${s.path}`, 0)]);
  if (ctx.repo.isDir(file)) return unverifiable(`${file} is a folder; the topic is not looked up there`);
  const steps = stepsClaim(ctx, file, String(s.topic));
  if (steps) return steps;
  const quoted = quotedIn(ctx, file, String(s.topic));
  if (quoted) return quoted;
  const typed = typeIn(ctx, file, String(s.topic));
  if (typed) return typed;
  const words = String(s.topic).toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2 && !['and', 'the', 'for', 'with', 'added', 'applied', 'converted', 'removed', 'fixed'].includes(w));
  if (words.length === 0) return unverifiable('no topic words to look for');
  const stems = words.map((w) => w.replace(/(ies|s|ing|ed|ion)$/, ''));
  const found = stems.map((w) => ctx.repo.grep(new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), [file], 1)[0]);
  const hits = found.filter((h) => h !== undefined);
  if (hits.length === stems.length) {
    // A section of a document is a resolved subject; a word somewhere in code or config is not.
    const heading = /\.(md|mdx|txt)$/i.test(file) ? ctx.repo.grep(new RegExp(`^#{1,6}\\s.*${stems.map(esc).join('.*')}`, 'i'), [file], 1)[0] : undefined;
    if (heading) return confirmed(`${file} has a section "${heading.text.replace(/^#+\s*/, '')}"`, [fileEvidence(heading)]);
    return unverifiable(`${file} mentions ${words.join(', ')}, but a word in a file does not show it does what the report says`);
  }
  if (hits.length === 0) return contradicted(`${file} mentions none of: ${words.join(', ')}`, [figure(`lines of ${file} mentioning ${words.join('/')}`, 0)]);
  return unverifiable(`${file} mentions some of the words (${stems.filter((_, i) => found[i]).join(', ')}), not all`);
};

const CI_STEP: Record<string, RegExp> = {
  tests: /\b(npm|pnpm|yarn|bun)\s+(run\s+)?test\b|\bvitest\b|\bjest\b|node\s+--test|\bmocha\b/,
  typecheck: /\btsc\b|\b(run\s+)?type-?check\b/,
  lint: /\b(run\s+)?lint\b|\beslint\b|\bbiome\b/,
  audit: /\b(npm|pnpm|yarn)\s+audit\b|audit-ci|osv-scanner/,
  build: /\b(npm|pnpm|yarn|bun)\s+(run\s+)?build\b/,
};

/** "CI runs tests and typecheck": every named step appears in a workflow's run commands. */
export const ci: Verifier = (s, ctx) => {
  const named = String(s.path) ? ctx.repo.resolve(String(s.path)).filter((f) => /\.ya?ml$/.test(f)) : [];
  const workflows = named.length ? named : ciFiles(ctx);
  if (workflows.length === 0) return contradicted('no CI workflow in the repository', [figure('workflow files', 0)]);
  const steps = String(s.steps).split(',').filter(Boolean);
  const found = steps.map((k) => ({ k, hit: ctx.repo.grep(CI_STEP[k], workflows, 1)[0] }));
  const missing = found.filter((f) => !f.hit).map((f) => f.k);
  const ev = found.flatMap((f) => (f.hit ? [fileEvidence(f.hit)] : []));
  if (missing.length) return contradicted(`no ${missing.join(', ')} step in ${workflows.join(', ')}`, [...ev, figure(`${missing.join('/')} steps in CI`, 0)]);
  return confirmed(`${workflows.join(', ')} runs ${steps.join(', ')}`, ev);
};

const DB_PROBE = /\bping\s*\(|\.(query|ping|execute|prepare|raw|\$queryRaw|\$executeRaw|findFirst|count)\s*[(`]|SELECT\s+1|\bdb\.\w+\(/i;

/** Whether a health handler near `line` touches the database, or returns constants. */
export function healthTouchesDb(ctx: CheckContext, file: string, from: number, to: number): Hit | null {
  const lines = ctx.repo.lines(file) ?? [];
  for (let i = Math.max(0, from - 1); i < Math.min(lines.length, to); i++) if (DB_PROBE.test(lines[i])) return { path: file, line: i + 1, text: lines[i] };
  return null;
}
