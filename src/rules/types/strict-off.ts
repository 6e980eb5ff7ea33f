import { posix } from 'node:path';
import { isSourcePath } from '../../discover/index.js';
import { tsconfigBaseStrict } from '../../knowledge/index.js';
import { extendsTarget, type TsconfigSource } from '../../link/tsconfig.js';
import { matchAny } from '../../util/glob.js';
import { fileRole } from '../../util/roles.js';
import { isRecord, parseJsoncText } from '../../util/structured.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { pushTo } from '../../util/group.js';

/** tsconfigs for tests, linting or tooling; they do not decide how service code is checked. */
const TOOLING = /(^|\/)tsconfig\.(test|tests|spec|e2e|jest|vitest|cypress|playwright|eslint|lint|node|scripts?|tools?)\b[\w.-]*\.json$/;
const WEAKENERS = ['noImplicitAny', 'strictNullChecks'] as const;

interface Setting { value: boolean; path: string; line: number }
interface Resolved { strict: Setting | null; flags: Partial<Record<(typeof WEAKENERS)[number], Setting>>; unknownBase: string | null }

function lineOfKey(text: string, key: string): number {
  const m = new RegExp(`"${key}"\\s*:`).exec(text);
  return m ? text.slice(0, m.index).split('\n').length : 1;
}

/**
 * Where the repository's own files are, for `extends`: a base in a workspace package
 * (`@acme/tsconfig/base.json`) is that package's file, read from the repository, no node_modules needed.
 */
function sourceOf(ctx: RepoRuleContext): TsconfigSource {
  return ctx.memo('strict-off:tsconfig-source', () => {
    const files = new Set(ctx.layout.files.map((f) => f.path));
    const workspaces = new Map<string, string>();
    for (const p of ctx.layout.packages) if (p.manifestPath && !p.name.startsWith('(') && !p.name.includes(' (')) workspaces.set(p.name, p.path);
    return { read: (p) => ctx.documents.get(p), exists: (p) => files.has(p), workspaces };
  });
}

function resolve(ctx: RepoRuleContext, path: string, depth = 0): Resolved {
  const out: Resolved = { strict: null, flags: {}, unknownBase: null };
  const text = ctx.documents.get(path);
  if (text === undefined || depth > 10) {
    out.unknownBase = path;
    return out;
  }
  const parsed = parseJsoncText(text, path);
  const cfg = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
  const exts = typeof cfg.extends === 'string' ? [cfg.extends] : Array.isArray(cfg.extends) ? cfg.extends.filter((e): e is string => typeof e === 'string') : [];
  // Later bases override earlier ones; the file itself overrides them all.
  for (const ext of exts) {
    let base: Resolved;
    // A relative file, or a workspace package's file: read from the repository, as TypeScript would find it.
    const target = extendsTarget(posix.dirname(path), ext, sourceOf(ctx));
    if (target) {
      base = resolve(ctx, target, depth + 1);
    } else if (ext.startsWith('.')) {
      let missing = posix.normalize(posix.join(posix.dirname(path), ext));
      if (!missing.endsWith('.json')) missing += '.json';
      base = resolve(ctx, missing, depth + 1);
    } else if (tsconfigBaseStrict(ext) !== null) {
      // A published base (knowledge/tsconfig-bases.ts): what it sets is known without node_modules.
      base = { strict: { value: tsconfigBaseStrict(ext)!, path: ext, line: 1 }, flags: {}, unknownBase: null };
    } else base = { strict: null, flags: {}, unknownBase: ext };
    if (base.strict) out.strict = base.strict;
    Object.assign(out.flags, base.flags);
    if (base.unknownBase && !base.strict) out.unknownBase = base.unknownBase;
  }
  const co = isRecord(cfg.compilerOptions) ? cfg.compilerOptions : {};
  if (typeof co.strict === 'boolean') {
    out.strict = { value: co.strict, path, line: lineOfKey(text, 'strict') };
    out.unknownBase = null;
  }
  for (const k of WEAKENERS) if (typeof co[k] === 'boolean') out.flags[k] = { value: co[k] as boolean, path, line: lineOfKey(text, k) };
  return out;
}

/** Service source files the tsconfig includes (its `files`/`include`, else everything below it). */
function coveredServiceFiles(ctx: RepoRuleContext, path: string): number {
  const dir = posix.dirname(path);
  const text = ctx.documents.get(path) ?? '';
  const parsed = parseJsoncText(text, path);
  const cfg = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
  const rel = (p: string) => (dir === '.' ? p : p.startsWith(`${dir}/`) ? p.slice(dir.length + 1) : null);
  const globs = [
    ...(Array.isArray(cfg.files) ? cfg.files : []), ...(Array.isArray(cfg.include) ? cfg.include : []),
  ].filter((g): g is string => typeof g === 'string').map((g) => g.replace(/^\.\//, ''));
  const explicit = Array.isArray(cfg.files) || Array.isArray(cfg.include);
  let n = 0;
  for (const f of ctx.layout.files) {
    const r = rel(f.path);
    if (r === null || !isSourcePath(f.path) || fileRole(f.path) !== 'service') continue;
    if (!explicit || matchAny(r, globs) || globs.some((g) => matchAny(r, [`${g.replace(/\/$/, '')}/**`]))) n++;
  }
  return n;
}

export default defineRepoRule({
  id: 'types/strict-off',
  meta: {
    category: 'types',
    severity: 'medium',
    title: '`strict` is off for service code',
    rationale: 'Without `strict` the compiler accepts implicit `any` and unchecked `null`/`undefined`, the two largest classes of type bugs; a clean typecheck then proves much less.',
    remediation: { text: 'Set `"strict": true` in the tsconfig (or its base) and fix the errors it reveals, one flag at a time if needed (`strictNullChecks`, then `noImplicitAny`).', effort: 'medium' },
    messages: {
      strictFalse: '"strict": false in {{config}} ({{files}} service file(s))',
      strictFalseInherited: '"strict": false in {{config}}, inherited by {{tsconfig}} ({{files}} service file(s))',
      notEnabled: '{{tsconfig}} does not enable "strict" (TypeScript\'s default is off; {{files}} service file(s))',
      weakened: '"strict" is on but "{{flag}}": false in {{config}} turns part of it off for {{tsconfig}} ({{files}} service file(s))',
    },
  },
  check(ctx) {
    const configs = ctx.layout.tsconfigs.filter((t) => !TOOLING.test(t.path) && t.hasInputs && ['service', 'config', 'script'].includes(fileRole(t.path)));
    const covering = configs.map((t) => ({ t, files: coveredServiceFiles(ctx, t.path) })).filter((c) => c.files > 0);
    if (covering.length === 0) {
      ctx.notApplicable(ctx.layout.tsconfigs.length ? 'no tsconfig covers service code' : 'no tsconfig.json');
      return;
    }
    const reported = new Set<string>();
    const once = (key: string, fn: () => void) => { if (!reported.has(key)) { reported.add(key); fn(); } };
    const checked = new Map<string | null, string[]>();
    const unknown = new Map<string | null, string[]>();
    for (const { t, files } of covering) {
      const r = resolve(ctx, t.path);
      const pkg = ctx.packageOf(t.path);
      if (r.strict === null && r.unknownBase) {
        pushTo(unknown, pkg, `${t.path}: strict comes from "${r.unknownBase}", which verdict cannot read`);
        continue;
      }
      pushTo(checked, pkg, t.path);
      // The two flags that matter most, set one by one, count as strict enough.
      const flagsOn = WEAKENERS.every((k) => r.flags[k]?.value === true);
      if ((!r.strict || !r.strict.value) && !flagsOn) {
        const where = r.strict ?? { path: t.path, line: lineOfKey(ctx.documents.get(t.path) ?? '', 'compilerOptions') };
        once(`${where.path}:${where.line}`, () => ctx.report({
          messageId: !r.strict ? 'notEnabled' : where.path === t.path ? 'strictFalse' : 'strictFalseInherited',
          data: { config: where.path, tsconfig: t.path, files },
          location: { path: where.path, line: where.line },
          package: ctx.packageOf(t.path),
        }));
        continue;
      }
      if (!r.strict?.value) continue;
      for (const k of WEAKENERS) {
        const flag = r.flags[k];
        if (flag && !flag.value) {
          once(`${flag.path}:${flag.line}`, () => ctx.report({
            messageId: 'weakened',
            data: { flag: k, config: flag.path, tsconfig: t.path, files },
            location: { path: flag.path, line: flag.line },
            package: ctx.packageOf(t.path),
          }));
        }
      }
    }
    for (const [pkg, paths] of checked) ctx.pass(`${paths.length} tsconfig(s) covering service code checked: ${paths.join(', ')}`, pkg);
    for (const [pkg, reasons] of unknown) if (!checked.has(pkg)) ctx.unknown(reasons.join('; '), pkg);
  },
});
