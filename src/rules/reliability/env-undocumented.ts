import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { type Fact, factsOf, requiredEnvReads, where, wranglerNames } from '../shared/runtime.js';

const EXAMPLE = /(^|\/)(\.env(\.[\w-]+)*|\.dev\.vars(\.[\w-]+)*)$/;
const LOCK = /(^|\/)(package-lock\.json|pnpm-lock\.yaml|yarn\.lock|package\.json)$/;

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Names written down somewhere: .env examples, wrangler vars and bindings, validation schemas, docs and deploy configs. */
function documented(ctx: RepoRuleContext): { names: Set<string>; examples: string[] } {
  const names = new Set<string>();
  const examples: string[] = [];
  for (const [path, text] of ctx.documents) {
    if (LOCK.test(path)) continue;
    if (EXAMPLE.test(path)) {
      examples.push(path);
      for (const m of text.matchAll(/^\s*#?\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/gm)) names.add(m[1]);
    }
    for (const m of text.matchAll(/\b[A-Z][A-Z0-9_]{2,}\b/g)) names.add(m[0]);
  }
  for (const n of wranglerNames(ctx).vars) names.add(n);
  for (const v of factsOf(ctx, 'env-validation')) for (const n of v.names) names.add(n);
  return { names, examples };
}

export default defineRepoRule({
  id: 'reliability/env-undocumented',
  meta: {
    category: 'reliability',
    severity: 'low',
    title: 'Environment variable read in code but documented nowhere',
    rationale: 'Whoever deploys the service learns about an undocumented variable from a failure in production; the `.env.example` (or wrangler vars) is the contract between the code and its environment.',
    remediation: { text: 'Add every variable the code reads to `.env.example` (`.dev.vars.example` for Workers secrets, `vars` in wrangler config for plain values) with a comment saying what it is for, or to the startup validation schema.', effort: 'low' },
    messages: {
      noneDocumented: '{{count}} environment variables are read but there is no .env.example and they are documented nowhere: {{names}}',
      undocumented: '{{object}}.{{name}} is read here but {{missingFrom}}, and absent from wrangler vars, the validation schema and the docs',
    },
  },
  check(ctx) {
    const reads = requiredEnvReads(ctx);
    if (reads.length === 0) return ctx.notApplicable('no environment variable read without a default in service code');
    const { names, examples } = documented(ctx);
    const first = new Map<string, Fact<'env'>>();
    for (const r of reads) if (!first.has(`${ctx.packageOf(r.path)}|${r.name}`)) first.set(`${ctx.packageOf(r.path)}|${r.name}`, r);
    const missing = [...first.values()].filter((r) => !names.has(r.name));
    const missingNames = [...new Set(missing.map((r) => r.name))];
    const sources = examples.length > 0 ? examples.map(baseName).filter((v, i, a) => a.indexOf(v) === i).join(', ') : 'no .env.example';
    const missingFrom = examples.length > 0 ? `missing from ${sources}` : 'missing (there is no .env.example)';
    if (examples.length === 0 && missingNames.length > 3) {
      ctx.report({
        messageId: 'noneDocumented',
        data: { count: missingNames.length, names: `${missingNames.slice(0, 12).join(', ')}${missingNames.length > 12 ? ', ...' : ''}` },
        location: where(missing[0]),
        evidence: missing.slice(0, 20).map((r) => ({ kind: 'file' as const, path: r.path, line: r.line, snippet: r.snippet ?? r.name })),
      });
    } else {
      for (const r of missing) {
        ctx.report({
          messageId: 'undocumented',
          data: { object: r.source === 'worker' ? 'env' : r.source === 'import.meta' ? 'import.meta.env' : 'process.env', name: r.name, missingFrom },
          location: where(r),
        });
      }
    }
    ctx.pass(`${first.size} variable(s) read; documentation sources: ${sources}${ctx.layout.wrangler.length ? `, ${ctx.layout.wrangler.length} wrangler config(s)` : ''}`);
  },
});
