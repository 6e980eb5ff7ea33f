import { posix } from 'node:path';
import ts from 'typescript';
import { configReadFacts, type ConfigReadFact } from '../../collect/facts/config-reads.js';
import type { Located } from '../../collect/facts/define.js';
import { exportedLiteralFacts, type ExportedLiteralFact } from '../../collect/facts/exported-literals.js';
import { configFileReaderOf, envOverrideFileOf, isSecretName } from '../../knowledge/index.js';
import { mask } from '../../util/redact.js';
import { isMap, isScalar, yaml } from '../../util/yaml.js';
import { isPlaceholder } from '../../util/secret-patterns.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';

/** The string a JSON document holds at a dotted key path, and the line of its key; null when it holds no string there. */
export function jsonString(path: string, text: string, keyPath: string): { value: string; line: number; key: string } | null {
  const sf = ts.parseJsonText(path, text);
  let node: ts.Expression | undefined = sf.statements[0]?.expression;
  let at: ts.PropertyAssignment | null = null;
  for (const key of keyPath.split('.')) {
    if (!node || !ts.isObjectLiteralExpression(node)) return null;
    // The last of duplicate keys wins, as in JSON.parse.
    const p: ts.PropertyAssignment | undefined = [...node.properties].reverse().find((x): x is ts.PropertyAssignment => ts.isPropertyAssignment(x) && (ts.isStringLiteral(x.name) || ts.isIdentifier(x.name)) && x.name.text === key);
    if (!p) return null;
    at = p;
    node = p.initializer;
  }
  if (!at || !node || !ts.isStringLiteral(node)) return null;
  return { value: node.text, line: sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + 1, key: (at.name as ts.StringLiteral).text };
}

const isYaml = (path: string): boolean => /\.ya?ml$/i.test(path);

/** The string a YAML document holds at a dotted key path, and the line of its key. */
export function yamlString(text: string, keyPath: string): { value: string; line: number; key: string } | null {
  const doc = yaml().parseDocument(text);
  if (doc.errors.length > 0) return null;
  let node: unknown = doc.contents;
  let keyNode: { range?: [number, number, number] | null } | null = null;
  for (const key of keyPath.split('.')) {
    if (!isMap(node)) return null;
    const pair = [...node.items].reverse().find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (!pair) return null;
    keyNode = pair.key as { range?: [number, number, number] | null };
    node = pair.value;
  }
  if (!keyNode?.range || !isScalar(node) || typeof node.value !== 'string') return null;
  const line = text.slice(0, keyNode.range[0]).split('\n').length;
  return { value: node.value, line, key: keyPath.slice(keyPath.lastIndexOf('.') + 1) };
}

/** The string a config file (JSON, or YAML for a config library) holds at a key path. */
function configString(path: string, text: string, keyPath: string): { value: string; line: number; key: string } | null {
  return isYaml(path) ? yamlString(text, keyPath) : jsonString(path, text, keyPath);
}

function parsesAsJson(text: string, path = ''): boolean {
  if (isYaml(path)) return yaml().parseDocument(text).errors.length === 0;
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

/** The committed JSON files a read comes from: the imported file, or the reader library's files in its folder (package root, then repository root). */
function filesOf(ctx: RepoRuleContext, r: Located<ConfigReadFact>, inTree: ReadonlySet<string>): string[] {
  if (r.kind === 'json') {
    const resolved = ctx.link.resolveImport(r.path, r.spec);
    const joined = r.spec.startsWith('.') ? posix.normalize(posix.join(posix.dirname(r.path), r.spec)) : null;
    // A file of the tree whose text was not kept is returned too: the check says it could not read it.
    return [...new Set([resolved, joined].filter((p): p is string => p !== null && (ctx.documents.has(p) || inTree.has(p))))];
  }
  const reader = configFileReaderOf(r.spec);
  if (!reader) return [];
  const roots = ctx.layout.packages.map((p) => p.path).filter((p) => p === '.' || r.path.startsWith(`${p}/`)).sort((a, b) => b.length - a.length);
  const dirs = [...new Set([...roots, '.'])].map((root) => (root === '.' ? reader.dir : `${root}/${reader.dir}`));
  const found = dirs.find((d) => reader.files.some((f) => ctx.documents.has(`${d}/${f}`)));
  return found ? reader.files.map((f) => `${found}/${f}`).filter((p) => ctx.documents.has(p)) : [];
}

/** The file of a config library's folder that maps a key to an environment variable (node-config's custom-environment-variables.json), and the variable it names for a key. */
function envOverride(ctx: RepoRuleContext, r: Located<ConfigReadFact>, file: string): { file: string; line: number; name: string } | null {
  const over = r.kind === 'reader' ? envOverrideFileOf(r.spec) : null;
  if (!over) return null;
  for (const f of over.files) {
    const path = `${posix.dirname(file)}/${f}`;
    const text = ctx.documents.get(path);
    if (text === undefined || !parsesAsJson(text, path)) continue;
    // `"secret": "JWT_SECRET"`, or `"secret": { "__name": "JWT_SECRET", "__format": "..." }`.
    const hit = configString(path, text, r.keyPath) ?? configString(path, text, `${r.keyPath}.__name`);
    if (hit) return { file: path, line: hit.line, name: hit.value };
  }
  return null;
}

/** The later of a config library's files that holds the key: the one whose value is in effect (node-config merges production.json over default.json). */
function effectiveFile(ctx: RepoRuleContext, files: readonly string[], keyPath: string): string | null {
  for (const f of [...files].reverse()) {
    const text = ctx.documents.get(f);
    if (text !== undefined && parsesAsJson(text, f) && configString(f, text, keyPath)) return f;
  }
  return null;
}

/** The literal a module's export holds at the path a read names, following barrels through the link. */
function moduleLiteral(ctx: RepoRuleContext, r: Located<ConfigReadFact>, byFile: ReadonlyMap<string, ExportedLiteralFact[]>): ExportedLiteralFact | null | 'unresolved' {
  const file = ctx.link.resolveImport(r.path, r.spec);
  if (!file) return r.spec.startsWith('.') ? 'unresolved' : null;
  const full = r.export === '*' || r.export === undefined ? r.keyPath : [r.export, r.keyPath].filter(Boolean).join('.');
  if (!full) return null;
  const match = (lits: readonly ExportedLiteralFact[], path: string): ExportedLiteralFact | null =>
    lits.find((l) => l.member === path || (l.cjs === true && path.startsWith('default.') && l.member === path.slice(8))) ?? null;
  const direct = match(byFile.get(file) ?? [], full);
  if (direct) return direct;
  // `export { default as config } from './config'`, `export * from './secrets'`: the declaration the export is.
  const dot = full.indexOf('.');
  const [first, rest] = dot < 0 ? [full, ''] : [full.slice(0, dot), full.slice(dot)];
  const t = ctx.link.resolveExport(file, first);
  if (!t || !('decl' in t) || t.decl.path === file) return null;
  const there = byFile.get(t.decl.path) ?? [];
  const local = (l: ExportedLiteralFact): string => (l.local ? l.local + l.member.slice(l.member.indexOf('.') < 0 ? l.member.length : l.member.indexOf('.')) : l.member);
  return there.find((l) => local(l) === `${t.decl.id}${rest}`) ?? match(there, `default${rest}`);
}

export default defineRepoRule({
  id: 'security/config-file-secret',
  meta: {
    category: 'security',
    severity: 'critical',
    title: 'Secret written in a committed JSON config the code reads',
    rationale: 'A key the service signs tokens or sessions with, read from a JSON file in the repository, is known to everyone who can read the repository: they can forge tokens and cookies the service accepts.',
    remediation: {
      text: 'Read the secret from the environment or a secret manager (node-config: `custom-environment-variables.json`), keep only a placeholder in the committed file, fail at startup when it is missing, and rotate the committed value.',
      effort: 'low',
    },
    messages: {
      moduleSecret: '{{file}}:{{line}} exports `{{keyPath}}` as a string written in the code ({{shown}}), which {{code}} passes as the {{what}}: the secret is committed',
      moduleFallback: '{{file}}:{{line}} exports `{{keyPath}}` as `{{env}}` or, when the variable is unset, a string written in the code ({{shown}}), which {{code}} passes as the {{what}}',
      envOverridden: '{{file}} holds `{{keyPath}}` ({{shown}}), which {{code}} passes as the {{what}}; {{override}} maps it to `{{env}}`, so this value is used when the variable is unset',
      usedAsSecret: '{{file}} holds `{{keyPath}}` ({{shown}}), which {{code}} passes as the {{what}}: the secret is committed',
      secretNamed: '{{file}} holds a secret-named value at `{{keyPath}}` ({{shown}}), which {{code}} reads',
    },
  },
  check(ctx) {
    const all = ctx.facts(configReadFacts);
    if (all.length === 0) return ctx.notApplicable('no code reads a committed config (an imported .json file, a config library\'s files, or a module\'s export at a secret sink)');
    const reads = all.filter((r) => r.kind !== 'module');
    const modules = moduleReads(ctx, all.filter((r) => r.kind === 'module'));
    const inTree = new Set(ctx.layout.files.map((f) => f.path));
    // One finding per JSON file and key: a read at a sink says more than one by the key's name.
    const seen = new Map<string, Located<ConfigReadFact>>();
    for (const r of reads) {
      const files = filesOf(ctx, r, inTree);
      // A config library merges its files: only the last that holds the key gives the value in effect.
      const effective = r.kind === 'reader' ? effectiveFile(ctx, files, r.keyPath) : null;
      for (const file of r.kind === 'reader' && effective ? [effective] : files) {
        const k = `${file}\0${r.keyPath}`;
        const prev = seen.get(k);
        if (!prev || (prev.sink === null && r.sink !== null)) seen.set(k, r);
      }
    }
    let judged = 0;
    // What Node's require() and the config libraries read is strict JSON: a file that is not (or whose
    // text verdict did not keep) holds values nobody here can see, so the check cannot pass on it.
    const unreadable = new Set<string>();
    for (const [k, r] of seen) {
      const file = k.slice(0, k.indexOf('\0'));
      const text = ctx.documents.get(file);
      if (text === undefined || !parsesAsJson(text, file)) {
        unreadable.add(file);
        continue;
      }
      const hit = configString(file, text, r.keyPath);
      if (!hit || hit.value === '') continue;
      judged++;
      // A value passed to a sink is the secret in use, whatever it looks like ('changeme' signs tokens too);
      // a value known only by its key's name must look like one.
      if (r.sink === null && (hit.value.length < 6 || isPlaceholder(hit.value))) continue;
      // A placeholder or a common word (`secret`) is masked in this finding only: registered, it would be masked in every text of the run, rule ids included.
      if (!isPlaceholder(hit.value) && hit.value.length >= 8) ctx.registerSecret(hit.value);
      const shown = mask(hit.value);
      const over = r.sink ? envOverride(ctx, r, file) : null;
      const evidence = [{ kind: 'file' as const, path: r.path, line: r.line, snippet: `reads ${r.keyPath}${r.sink ? ` as the ${r.sink}` : ''}` }];
      if (over) {
        // The deployment's variable decides; the committed value is the fallback when it is unset (as security/fallback-secret judges `process.env.X || 'literal'`).
        ctx.report({
          messageId: 'envOverridden', severity: 'high',
          data: { file, keyPath: r.keyPath, shown, code: `${r.path}:${r.line}`, what: r.sink ?? '', override: over.file, env: over.name },
          location: { path: file, line: hit.line, snippet: `"${hit.key}": "${shown}"` },
          evidence: [...evidence, { kind: 'file', path: over.file, line: over.line, snippet: `${r.keyPath} <- ${over.name}` }],
        });
        continue;
      }
      ctx.report({
        messageId: r.sink ? 'usedAsSecret' : 'secretNamed',
        severity: !r.sink || r.sinkKind === 'database' ? 'high' : 'critical',
        data: { file, keyPath: r.keyPath, shown, code: `${r.path}:${r.line}`, what: r.sink ?? '' },
        location: { path: file, line: hit.line, snippet: `"${hit.key}": "${shown}"` },
        evidence,
      });
    }
    if (unreadable.size > 0 || modules.unresolved.length > 0) {
      const parts = [
        ...(unreadable.size > 0 ? [`could not read ${[...unreadable].sort().join(', ')} as JSON`] : []),
        ...(modules.unresolved.length > 0 ? [`could not resolve ${modules.unresolved.slice(0, 3).join(', ')}${modules.unresolved.length > 3 ? ` and ${modules.unresolved.length - 3} more` : ''}`] : []),
      ];
      return ctx.unknown(`${parts.join('; ')}: the values the code reads there at secret sinks were not checked`);
    }
    ctx.pass(`${reads.length} read(s) of committed JSON config at secret sinks or secret-named keys, ${judged} string value(s) found; ${modules.followed} module export(s) read at secret sinks followed to their values`);
  },
});

/** Reads of a module's export at a secret sink, followed to the string the module writes there: reported at the string, the sink in the evidence. */
function moduleReads(ctx: RepoRuleContext, reads: ReadonlyArray<Located<ConfigReadFact>>): { followed: number; unresolved: string[] } {
  const out = { followed: 0, unresolved: [] as string[] };
  if (reads.length === 0) return out;
  const byFile = new Map<string, ExportedLiteralFact[]>();
  for (const l of ctx.facts(exportedLiteralFacts)) byFile.set(l.path, [...(byFile.get(l.path) ?? []), l]);
  // One finding per literal: the first read at a sink (in path order) names it.
  const seen = new Set<string>();
  for (const r of [...reads].sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1))) {
    if (!r.sink) continue;
    const lit = moduleLiteral(ctx, r, byFile);
    if (lit === 'unresolved') {
      out.unresolved.push(`${r.spec} (${r.path}:${r.line})`);
      continue;
    }
    if (!lit) continue;
    out.followed++;
    const at = lit.path;
    if (seen.has(`${at}\0${lit.member}`)) continue;
    seen.add(`${at}\0${lit.member}`);
    const keyPath = lit.member;
    const data = { file: at, line: String(lit.line), keyPath, shown: lit.shown, code: `${r.path}:${r.line}`, what: r.sink };
    const evidence = [{ kind: 'file' as const, path: r.path, line: r.line, snippet: `passes ${r.export && r.export !== '*' && r.export !== 'default' ? r.export : ''}${r.export && r.export !== '*' && r.export !== 'default' && r.keyPath ? '.' : ''}${r.keyPath} as the ${r.sink}` }];
    if (lit.env) {
      // `process.env.X || 'literal'`: security/fallback-secret reports it when the variable's name says secret; otherwise (and for a schema's default) this use does.
      if (!lit.schema && isSecretName(lit.env)) continue;
      ctx.report({ messageId: 'moduleFallback', severity: 'high', data: { ...data, env: lit.env }, location: { path: at, line: lit.line, snippet: `${keyPath}: process.env.${lit.env} || ${lit.shown}` }, evidence });
      continue;
    }
    ctx.report({
      messageId: 'moduleSecret',
      severity: r.sinkKind === 'database' ? 'high' : 'critical',
      data,
      location: { path: at, line: lit.line, snippet: `${keyPath}: ${lit.shown}` },
      evidence,
    });
  }
  return out;
}
