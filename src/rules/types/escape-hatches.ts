import { typeEscapeFacts } from '../../collect/facts/type-escapes.js';
import type { Evidence } from '../../model/run.js';
import { fileRole } from '../../util/roles.js';
import { defineRepoRule } from '../api.js';

/** Code that ships: tests, examples and migrations are left out of the counts. */
const COUNTED = new Set(['service', 'script', 'config']);
const TOP_FILES = 5;

interface FileCounts { path: string; any: number; tsIgnore: number; tsExpectError: number; line: number; snippet: string }

export default defineRepoRule({
  id: 'types/escape-hatches',
  meta: {
    category: 'types',
    severity: 'info',
    title: 'Type-system escape hatches: any, @ts-ignore, @ts-expect-error',
    rationale: 'Each `any` or `@ts-ignore` switches the compiler off at that spot; a typecheck that passes says little about code full of them.',
    remediation: { text: 'Replace `any` with `unknown` plus a type guard or a precise type; fix the error a `@ts-ignore` hides, or use `@ts-expect-error` with a reason.', effort: 'medium' },
    messages: {
      escapes: '{{any}} `any`, {{tsIgnore}} `@ts-ignore`, {{tsExpectError}} `@ts-expect-error` in {{files}} file(s) (most in {{most}})',
    },
  },
  check(ctx) {
    const perFile = new Map<string, FileCounts>();
    for (const r of ctx.facts(typeEscapeFacts)) {
      if (r.kind === 'exports' || !COUNTED.has(fileRole(r.path))) continue;
      const f = perFile.get(r.path) ?? { path: r.path, any: 0, tsIgnore: 0, tsExpectError: 0, line: r.line, snippet: r.snippet };
      if (r.kind === 'any') f.any += r.any;
      else {
        f.tsIgnore += r.tsIgnore;
        f.tsExpectError += r.tsExpectError;
      }
      if (r.line < f.line) {
        f.line = r.line;
        f.snippet = r.snippet;
      }
      perFile.set(r.path, f);
    }
    const tsPackages = ctx.layout.packages.filter((p) => p.sourceFiles > 0);
    if (tsPackages.length === 0 && perFile.size === 0) {
      ctx.notApplicable('no TypeScript source files');
      return;
    }
    const names = new Set<string | null>([...tsPackages.map((p) => p.name), ...[...perFile.keys()].map((p) => ctx.packageOf(p))]);
    for (const name of names) {
      const files = [...perFile.values()].filter((f) => ctx.packageOf(f.path) === name);
      const sum = (k: 'any' | 'tsIgnore' | 'tsExpectError') => files.reduce((n, f) => n + f[k], 0);
      const totals = { any: sum('any'), tsIgnore: sum('tsIgnore'), tsExpectError: sum('tsExpectError') };
      const total = totals.any + totals.tsIgnore + totals.tsExpectError;
      if (total === 0) {
        ctx.pass('0 `any`, 0 `@ts-ignore`, 0 `@ts-expect-error` in service code', name);
        continue;
      }
      const top = files.sort((a, b) => (b.any + b.tsIgnore + b.tsExpectError) - (a.any + a.tsIgnore + a.tsExpectError) || a.path.localeCompare(b.path)).slice(0, TOP_FILES);
      const evidence: Evidence[] = [
        { kind: 'figure', name: 'any', value: totals.any },
        { kind: 'figure', name: 'ts-ignore', value: totals.tsIgnore },
        { kind: 'figure', name: 'ts-expect-error', value: totals.tsExpectError },
        { kind: 'figure', name: 'files', value: files.length },
        ...top.map((f) => ({ kind: 'file' as const, path: f.path, line: f.line, snippet: `${f.any} any, ${f.tsIgnore} @ts-ignore, ${f.tsExpectError} @ts-expect-error; first: ${f.snippet}`.slice(0, 200) })),
      ];
      ctx.report({
        messageId: 'escapes',
        data: { any: totals.any, tsIgnore: totals.tsIgnore, tsExpectError: totals.tsExpectError, files: files.length, most: top[0].path },
        package: name, evidence,
      });
    }
  },
});
