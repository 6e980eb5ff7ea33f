import { posix } from 'node:path';
import ts from 'typescript';
import { configReadFacts, type ConfigReadFact } from '../../collect/facts/config-reads.js';
import type { Located } from '../../collect/facts/define.js';
import { configFileReaderOf } from '../../knowledge/index.js';
import { mask } from '../../util/redact.js';
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

function parsesAsJson(text: string): boolean {
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
      usedAsSecret: '{{file}} holds `{{keyPath}}` ({{shown}}), which {{code}} passes as the {{what}}: the secret is committed',
      secretNamed: '{{file}} holds a secret-named value at `{{keyPath}}` ({{shown}}), which {{code}} reads',
    },
  },
  check(ctx) {
    const reads = ctx.facts(configReadFacts);
    if (reads.length === 0) return ctx.notApplicable('no code reads a committed JSON config (an imported .json file, or a config library\'s files)');
    const inTree = new Set(ctx.layout.files.map((f) => f.path));
    // One finding per JSON file and key: a read at a sink says more than one by the key's name.
    const seen = new Map<string, Located<ConfigReadFact>>();
    for (const r of reads) {
      for (const file of filesOf(ctx, r, inTree)) {
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
      if (text === undefined || !parsesAsJson(text)) {
        unreadable.add(file);
        continue;
      }
      const hit = jsonString(file, text, r.keyPath);
      if (!hit || hit.value === '') continue;
      judged++;
      // A value passed to a sink is the secret in use, whatever it looks like ('changeme' signs tokens too);
      // a value known only by its key's name must look like one.
      if (r.sink === null && (hit.value.length < 6 || isPlaceholder(hit.value))) continue;
      ctx.registerSecret(hit.value);
      const shown = mask(hit.value);
      ctx.report({
        messageId: r.sink ? 'usedAsSecret' : 'secretNamed',
        severity: r.sink ? 'critical' : 'high',
        data: { file, keyPath: r.keyPath, shown, code: `${r.path}:${r.line}`, what: r.sink ?? '' },
        location: { path: file, line: hit.line, snippet: `"${hit.key}": "${shown}"` },
        evidence: [{ kind: 'file', path: r.path, line: r.line, snippet: `reads ${r.keyPath}${r.sink ? ` as the ${r.sink}` : ''}` }],
      });
    }
    if (unreadable.size > 0) return ctx.unknown(`could not read ${[...unreadable].sort().join(', ')} as JSON: the values the code reads there were not checked`);
    ctx.pass(`${reads.length} read(s) of committed JSON config at secret sinks or secret-named keys, ${judged} string value(s) found`);
  },
});
