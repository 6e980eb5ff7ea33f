// Messages keyed by id (issue 15, item 4): every rule reports a message id declared in its
// meta.messages, with the varying parts in `data`, never prose in `message`. Checked over each rule
// file's source, both ways: a `message:` in a report fails, every id the meta declares must be used
// by the rule, every `messageId` the rule names must be declared, and every `{{placeholder}}` of a
// template must be a name the rule's code mentions (where `data` gives it a value).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../src/rules/api.js';
import { allRules } from '../src/rules/index.js';

const RULES = new URL('../src/rules/', import.meta.url);

/**
 * Rule files still allowed to report a plain `message`, each with why. Empty it as they are converted:
 * an entry whose file no longer reports prose fails the test, so the list cannot go stale.
 */
const PLAIN_MESSAGE_ALLOWED: Record<string, string> = {};

/**
 * Helpers in src/rules/shared/ still allowed to report prose for the rules they define (path → which
 * rules, why); every other file there is held to message ids like a rule file. Empty it as they are
 * converted: an entry whose file no longer reports prose fails the test.
 */
const REPORTED_BY_SHARED_HELPER: Record<string, { rules: RegExp; why: string }> = {};

/** Rules that never report a finding (they fill the inventory), so they need no messages. */
const REPORTS_NOTHING = new Set(['database/inventory']);

/** A `message:` property or a `message` shorthand in an object: a report with prose. `.message:` (a read in a ternary) is not one. */
const PLAIN_MESSAGE = /(?<![.\w$])message\s*:|[{,]\s*message\s*[,}]/g;

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Where a rule file's source reports a plain `message`, as `line N`. */
export function plainMessageLines(source: string): number[] {
  return [...source.matchAll(PLAIN_MESSAGE)].map((m) => lineAt(source, m.index));
}

/**
 * The ids a `messageId:` expression can give: its string literals that are a whole value or a branch
 * of a conditional (`kind === 'client' ? 'a' : 'b'` gives a and b, not the compared 'client').
 */
export function messageIdsNamed(source: string): string[] {
  const ids: string[] = [];
  for (const m of source.matchAll(/\bmessageId\s*:\s*([^,}]+)/g)) {
    for (const lit of m[1].matchAll(/(?:^|[?:])[\s(]*(['"`])([A-Za-z_$][\w$]*)\1/g)) ids.push(lit[2]);
  }
  return ids;
}

/** What is wrong with one rule's messages, given its meta and its file's source. */
export function messageProblems(rule: Pick<Rule, 'id' | 'meta'>, source: string): string[] {
  const problems: string[] = [];
  const declared = rule.meta.messages ?? {};
  // The templates themselves say nothing about use: look for ids and placeholder names in the rest.
  let code = source;
  for (const template of Object.values(declared)) code = code.split(template).join('');
  for (const [id, template] of Object.entries(declared)) {
    if (!new RegExp(`(['"\`])${id}\\1`).test(code)) problems.push(`${rule.id}: message id "${id}" is declared but the rule never reports it`);
    for (const [, name] of template.matchAll(/\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/g)) {
      if (!new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(code)) {
        problems.push(`${rule.id}: message "${id}" needs {{${name}}}, which the rule's code never names (no data.${name})`);
      }
    }
  }
  for (const id of new Set(messageIdsNamed(source))) {
    if (!(id in declared)) problems.push(`${rule.id}: reports message id "${id}", which meta.messages does not declare`);
  }
  return problems;
}

/** The source of each file in src/rules/shared/ (not its tests), by path from the repository root. */
function sharedFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(new URL('shared/', RULES))) {
    if (f.endsWith('.ts') && !f.endsWith('.test.ts')) out.set(`src/rules/shared/${f}`, readFileSync(new URL(`shared/${f}`, RULES), 'utf8'));
  }
  return out;
}

/**
 * The shared helpers a rule file is defined through (`import { defineSquawkRule } from '../shared/squawk.js'`):
 * the helper reports the rule's findings, so its code gives the `data` the rule's templates name.
 */
export function definingHelpers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]\.\.\/shared\/([\w-]+)\.js['"]/g)) {
    if (/\bdefine\w*Rule\b/.test(m[1])) out.push(`src/rules/shared/${m[2]}.ts`);
  }
  return out;
}

function ruleFiles(): Array<{ id: string; path: string; source: string }> {
  const out: Array<{ id: string; path: string; source: string }> = [];
  for (const dir of readdirSync(RULES, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === 'shared') continue;
    for (const f of readdirSync(new URL(`${dir.name}/`, RULES))) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts') || f === 'index.ts') continue;
      out.push({ id: `${dir.name}/${f.slice(0, -3)}`, path: `src/rules/${dir.name}/${f}`, source: readFileSync(new URL(`${dir.name}/${f}`, RULES), 'utf8') });
    }
  }
  return out;
}

describe('rule messages', () => {
  const files = ruleFiles();

  it('no rule reports a plain message: each names a message id (allow-list aside)', () => {
    expect(files.length).toBeGreaterThan(50);
    const problems: string[] = [];
    for (const f of files) {
      const lines = plainMessageLines(f.source);
      if (f.id in PLAIN_MESSAGE_ALLOWED) {
        if (lines.length === 0) problems.push(`${f.path} reports no plain message any more: remove it from PLAIN_MESSAGE_ALLOWED`);
      } else if (lines.length > 0) {
        problems.push(`${f.path} reports a plain \`message\` (line ${lines.join(', ')}): declare it in meta.messages and report { messageId, data }`);
      }
    }
    for (const [path, source] of sharedFiles()) {
      const lines = plainMessageLines(source);
      const allowed = REPORTED_BY_SHARED_HELPER[path];
      if (allowed) {
        if (lines.length === 0) problems.push(`${path} reports no plain message any more (it ${allowed.why}): remove it from REPORTED_BY_SHARED_HELPER`);
      } else if (lines.length > 0) {
        problems.push(`${path} reports a plain \`message\` (line ${lines.join(', ')}) for the rules it defines: have each rule declare the message and pass its id`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every registered rule declares meta.messages (allow-lists aside), so a report through a helper is covered too', () => {
    const sourceOf = new Map(files.map((f) => [f.id, f.source]));
    const problems: string[] = [];
    for (const r of allRules) {
      if (r.meta.messages && Object.keys(r.meta.messages).length > 0) continue;
      if (r.id in PLAIN_MESSAGE_ALLOWED || Object.values(REPORTED_BY_SHARED_HELPER).some((h) => h.rules.test(r.id))) continue;
      if (REPORTS_NOTHING.has(r.id)) {
        if (/\bctx\.report\(/.test(sourceOf.get(r.id) ?? '')) problems.push(`${r.id} is listed in REPORTS_NOTHING but calls ctx.report: declare its messages`);
        continue;
      }
      problems.push(`${r.id} declares no meta.messages: every finding needs a message id`);
    }
    expect(problems).toEqual([]);
  });

  it('every declared message id is reported, every reported id declared, every placeholder named', () => {
    const byId = new Map(allRules.map((r) => [r.id, r]));
    const shared = sharedFiles();
    const problems: string[] = [];
    for (const f of files) {
      const rule = byId.get(f.id);
      if (!rule) continue; // an unregistered file is rule-index.test.ts's failure
      // A rule defined through a shared helper: the helper's report gives the data its templates name.
      const helpers = definingHelpers(f.source).map((p) => shared.get(p) ?? '');
      problems.push(...messageProblems(rule, [f.source, ...helpers].join('\n')));
    }
    expect(problems).toEqual([]);
  });

  it('finds prose reports, unused and undeclared ids and unnamed placeholders (the checks can fail)', () => {
    expect(plainMessageLines("ctx.report({ node, message: `x ${a}` });\nctx.report({ node, messageId: 'a' });")).toEqual([1]);
    expect(plainMessageLines('const message = f();\nctx.report({ node, message });')).toEqual([2]);
    expect(plainMessageLines("const t = ok ? err.message : '';\nconst meta = { messages: { a: 'x' } };")).toEqual([]);
    expect(messageIdsNamed("ctx.report({ messageId: n > 1 ? 'many' : 'one', data: { n } })")).toEqual(['many', 'one']);
    expect(definingHelpers("import { defineSquawkRule } from '../shared/squawk.js';\nimport { routeFacts } from '../shared/routes.js';")).toEqual(['src/rules/shared/squawk.ts']);
    expect(messageIdsNamed("ctx.report({\n  messageId: kind === 'client' ? 'creates'\n    : (db ? 'queriesDb' : 'queries'),\n})")).toEqual(['creates', 'queriesDb', 'queries']);

    const rule = { id: 'x/y', meta: { category: 'x', severity: 'low', title: '', rationale: '', remediation: { text: '', effort: 'low' }, messages: { one: '{{name}} once', many: '{{name}} {{count}} times' } } } as unknown as Rule;
    const source = (report: string) => `meta: { messages: { one: '{{name}} once', many: '{{name}} {{count}} times' } },\n${report}`;
    expect(messageProblems(rule, source("ctx.report({ messageId: n > 1 ? 'many' : 'one', data: { name, count: n } })"))).toEqual([]);
    expect(messageProblems(rule, source("ctx.report({ messageId: 'one', data: { name } })"))).toEqual([
      'x/y: message id "many" is declared but the rule never reports it',
      'x/y: message "many" needs {{count}}, which the rule\'s code never names (no data.count)',
    ]);
    expect(messageProblems(rule, source("ctx.report({ messageId: n > 1 ? 'many' : 'once', data: { name, count: n } })"))).toEqual([
      'x/y: message id "one" is declared but the rule never reports it',
      'x/y: reports message id "once", which meta.messages does not declare',
    ]);
  });
});
