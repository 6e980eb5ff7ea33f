// Claims about things a report cites or quotes: code it shows as a file's content, files it links to,
// packages it names, calls it says the code makes. Each is resolved to a site in the repository.
import { posix } from 'node:path';
import type { Evidence } from '../../model/run.js';
import { fileEvidence, figure, type Hit } from '../repo.js';
import { symbolSites } from './code.js';
import { reachAt, unreached } from './reach.js';
import { type CheckContext, ciFiles, confirmed, contradicted, unverifiable, type Verifier } from './context.js';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * A line of code as a quote is compared: string texts and return-type annotations left out (a report
 * shortens a message or drops a type; the statement is the same), spaces squashed.
 */
export function shape(line: string): string {
  return squash(line.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""').replace(/\)\s*:\s*[^={;]+?(?=\s*(\{|=>|;|$))/g, ')'));
}

/** The lines of a snippet that say something: not comments, elisions or lone brackets. */
export function significantLines(code: string): string[] {
  return code.split('\n')
    .map((l) => squash(l.replace(/\{\s*(\.\.\.|…)\s*\}/g, '').replace(/\/\/.*$/, '').replace(/\.\.\.\s*$/, '')))
    .filter((l) => /[\p{L}\p{N}]/u.test(l) && !/^(\/\/|\/\*|\*)/.test(l) && l.replace(/[^\p{L}\p{N}]/gu, '').length >= 4);
}

/** "`src/x.ts` holds the code shown": each significant line of the snippet is a line of that file. */
export const quote: Verifier = (s, ctx) => {
  const cited = String(s.path);
  const [file] = ctx.repo.resolve(cited);
  if (!file || ctx.repo.isDir(file)) return contradicted(`${cited}: no such file in the repository`, [figure(`files matching ${cited}`, 0)]);
  const shown = significantLines(String(s.code ?? ''));
  if (shown.length === 0) return unverifiable(`the snippet for ${file} shows no code to compare`);
  const lines = (ctx.repo.lines(file) ?? []).map(shape);
  const found: Hit[] = [];
  const missing: string[] = [];
  for (const l of shown) {
    const i = lines.findIndex((x) => x.includes(shape(l)));
    if (i >= 0) found.push({ path: file, line: i + 1, text: ctx.repo.lines(file)![i] });
    else missing.push(l);
  }
  if (missing.length === 0) return confirmed(`${file} holds the ${shown.length} line(s) of code shown, from line ${found[0].line}`, [found[0], found[found.length - 1]].filter((h, i, a) => a.indexOf(h) === i).map(fileEvidence));
  if (found.length === 0) return contradicted(`${file} holds none of the ${shown.length} line(s) of code shown (first: "${shown[0]}")`, [figure(`lines of the snippet found in ${file}`, 0)]);
  return unverifiable(`${file} holds ${found.length} of the ${shown.length} line(s) shown; "${missing[0]}" is not there as written`);
};

/** "[Guide](./migrations.md)": the link's target, resolved against the report's own folder in the repository. */
export const link: Verifier = (s, ctx) => {
  const targets = String(s.targets).split(',').filter(Boolean);
  if (ctx.reportDir === undefined || ctx.reportDir === null) return unverifiable('the report is not inside the repository, so its relative links cannot be resolved');
  const ev: Evidence[] = [];
  const missing: string[] = [];
  for (const t of targets) {
    const p = posix.normalize(t.startsWith('/') ? t.slice(1) : posix.join(ctx.reportDir, t)).replace(/\/$/, '');
    if (p.startsWith('..')) return unverifiable(`${t} points outside the repository`);
    if (ctx.repo.files.includes(p) || ctx.repo.isDir(p)) ev.push(fileEvidence({ path: p, line: 1, text: ctx.repo.lines(p)?.[0] ?? '(folder)' }));
    else missing.push(p);
  }
  if (missing.length) return contradicted(`the report links to ${missing.join(', ')}, which does not exist`, [...ev, ...missing.map((m) => figure(`files at ${m}`, 0))]);
  return confirmed(`the linked ${targets.length === 1 ? 'file exists' : 'files exist'}: ${ev.map((e) => (e.kind === 'file' ? e.path : '')).join(', ')}`, ev);
};

/** Manifests of release packages (not templates, examples or archived copies). */
function manifests(ctx: CheckContext): string[] {
  return ctx.repo.files.filter((f) => /(^|\/)package\.json$/.test(f) && !f.includes('node_modules/') && ctx.repo.isRelease(f));
}

/**
 * "`@scope/pkg` ...": the package is a dependency of a release package. A line that only names it is
 * confirmed by the manifest entry; a line that says more (a mismatch, a version) is left unverifiable
 * with the entry as its lead, since presence alone does not show the rest.
 */
export const pkg: Verifier = (s, ctx, text) => {
  const name = String(s.name);
  const files = manifests(ctx);
  if (files.length === 0) return unverifiable('no package.json in the release code');
  const entry = ctx.repo.grep(new RegExp(`^\\s*"${esc(name)}"\\s*:`), files, 5);
  const rest = text.replace(/`[^`]*`/g, ' ').replace(/[^\p{L}\s]/gu, ' ').split(/\s+/).filter((w) => w.length > 2 && !/^(package|dependency|dependencies|installed|present|the|and|with|via|used|uses|using)$/i.test(w));
  if (entry.length === 0) return contradicted(`${name} is not a dependency in ${files.length} release package.json file(s)`, [figure(`package.json entries for ${name}`, 0)]);
  if (rest.length === 0) return confirmed(`${name} is a dependency at ${entry[0].path}:${entry[0].line}`, entry.slice(0, 2).map(fileEvidence));
  if (s.used) return used(ctx, name, entry[0]);
  return unverifiable(`${name} is a dependency at ${entry[0].path}:${entry[0].line}; what the line says of it ("${rest.join(' ')}") is not checked`);
};

/** A package the line says the service uses: imported by release code that a production entry reaches. */
function used(ctx: CheckContext, name: string, manifest: Hit) {
  const imports = ctx.repo.grep(new RegExp(`(from\\s+|require\\(\\s*|import\\(\\s*)['"]${esc(name)}(/[^'"]*)?['"]`), ctx.repo.serviceFiles(), 20);
  if (imports.length === 0) return contradicted(`${name} is listed at ${manifest.path}:${manifest.line} but no release code imports it`, [fileEvidence(manifest), figure(`imports of ${name} in release code`, 0)]);
  const live = imports.find((h) => !unreached(reachAt(ctx, h)));
  if (!live) return contradicted(`${name} is imported at ${imports[0].path}:${imports[0].line}, but no production entry reaches that code`, [fileEvidence(imports[0])]);
  return confirmed(`${name} is imported at ${live.path}:${live.line} by code a production entry reaches`, [fileEvidence(live), fileEvidence(manifest)]);
}

/**
 * "enabled with `lusca.csrf()`", "(`normalizeEmail`)": the code makes that call. A function the repository
 * declares is judged as a symbol (defined, used, reached); a library's is judged by its call sites in
 * release code.
 */
export const call: Verifier = (s, ctx) => {
  const callee = String(s.callee);
  const name = callee.split('.').pop()!;
  if (ctx.repo.serviceFiles().length === 0) return unverifiable('the repository has no release code to search');
  const declared = symbolSites(ctx, name).defs.filter((d) => ctx.repo.isRelease(d.path));
  const re = callee.includes('.')
    ? new RegExp(`(^|[^\\w$.])${esc(callee)}\\s*\\(`)
    : new RegExp(`(^|[^\\w$])(\\.\\s*)?${esc(name)}\\s*\\(`);
  const sites = ctx.repo.grep(re, ctx.repo.serviceFiles(), 50).filter((h) => !/^\s*(\/\/|\*|\/\*)/.test(h.text))
    .filter((h) => !declared.some((d) => d.path === h.path && d.line === h.line));
  if (sites.length === 0) {
    return contradicted(`no call of \`${callee}()\` in ${ctx.repo.serviceFiles().length} release source file(s)${declared.length ? ` (declared at ${declared[0].path}:${declared[0].line}, never called)` : ''}`,
      [figure(`calls of ${callee} in release code`, 0), ...declared.slice(0, 1).map(fileEvidence)]);
  }
  const live = sites.find((h) => !unreached(reachAt(ctx, h)));
  if (!live) return contradicted(`\`${callee}()\` is called at ${sites[0].path}:${sites[0].line}, but no production entry reaches that code`, [fileEvidence(sites[0]), figure(`production paths to ${callee}`, 0)]);
  return confirmed(`\`${callee}()\` is called at ${live.path}:${live.line}${declared.length ? ` (declared at ${declared[0].path}:${declared[0].line})` : ''}`, [fileEvidence(live), ...declared.slice(0, 1).map(fileEvidence)]);
};

/** "Node version pinned in CI: 12.x": the Node versions the CI configs set up (`node-version:`, a `node:` image or matrix). */
export const ciNode: Verifier = (s, ctx) => {
  const want = String(s.node);
  const files = ciFiles(ctx);
  if (files.length === 0) return contradicted('no CI configuration in the repository', [figure('CI files', 0)]);
  const set = ctx.repo.grep(/\bnode[-_]version\s*:|\bimage\s*:\s*['"]?(circleci\/|cimg\/)?node:|\bnode\s*:\s*\[/i, files, 20);
  if (set.length === 0) return contradicted(`no Node version is set in ${files.join(', ')}`, [figure('node version settings in CI', 0)]);
  const same = (v: string) => v.replace(/\.x$/, '') === want.replace(/\.x$/, '');
  const hit = set.find((h) => (h.text.match(/\d+(?:\.\d+|\.x)*/g) ?? []).some(same));
  if (hit) return confirmed(`${hit.path}:${hit.line} sets Node ${want}`, [fileEvidence(hit)]);
  return contradicted(`CI sets Node at ${set.map((h) => `${h.path}:${h.line} (${h.text.trim()})`).slice(0, 2).join(', ')}, not ${want}`, set.slice(0, 2).map(fileEvidence));
};

/**
 * "Default log level: `silly`": a property or variable of release code whose name holds the setting's
 * head word ("level") is given that literal (directly or as the fallback of an env read). The same key
 * given only other literals contradicts; a setting no key names is left unverifiable.
 */
export const setting: Verifier = (s, ctx) => {
  const key = String(s.key);
  const want = String(s.value);
  const assign = new RegExp(`\\b[\\w$]*${esc(key)}[\\w$]*['"]?\\s*[:=]\\s*(?!=)`, 'i');
  const sites = ctx.repo.grep(assign, ctx.repo.serviceFiles(), 200).filter((h) => !/^\s*(\/\/|\*|\/\*)/.test(h.text));
  const literal = new RegExp(`['"\`]${esc(want)}['"\`]`);
  const hit = sites.find((h) => literal.test(h.text.slice(h.text.search(assign))));
  if (hit) return confirmed(`${hit.path}:${hit.line} sets ${key} to "${want}"`, [fileEvidence(hit)]);
  const others = sites.filter((h) => /['"`][^'"`]*['"`]/.test(h.text.slice(h.text.search(assign))) && !/\b(process\.env|import\.meta\.env)\b/.test(h.text) && !/\(/.test(h.text));
  if (sites.length && others.length === sites.length) {
    return contradicted(`release code sets ${key} to other values, not "${want}": ${others.slice(0, 2).map((h) => `${h.path}:${h.line}`).join(', ')}`, others.slice(0, 2).map(fileEvidence));
  }
  return unverifiable(sites.length ? `${sites.length} setting(s) of a ${key} in release code, none given "${want}" as a literal (first ${sites[0].path}:${sites[0].line})` : `no setting named like "${key}" in release code`);
};
