import { MAX_SOURCE_BYTES } from '../../discover/walk.js';
import type { DiscoveredPackage } from '../../discover/index.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { importersOf, LOCKFILE_MANAGER, lockedVersion, rootLockfiles } from '../shared/lockfiles.js';
import { satisfies } from '../shared/semver.js';
import { lineOfText } from '../shared/workflows.js';
import { isRecord, parseJsoncText } from '../../util/structured.js';
import { yaml } from '../../util/yaml.js';

const MANAGER = LOCKFILE_MANAGER;
const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;
const LOCAL = /^(workspace:|file:|link:|portal:|patch:|catalog:)/;

type Declared = Map<string, string>;

function declared(ctx: RepoRuleContext, p: DiscoveredPackage): Declared | null {
  const parsed = parseJsoncText(ctx.documents.get(p.manifestPath ?? '') ?? '', p.manifestPath ?? '');
  if (!parsed.ok || !isRecord(parsed.value)) return null;
  const out: Declared = new Map();
  for (const s of SECTIONS) {
    const deps = parsed.value[s];
    if (isRecord(deps)) for (const [k, v] of Object.entries(deps)) if (typeof v === 'string') out.set(k, v);
  }
  return out;
}

function rec(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {};
}

/** name -> range recorded by the lockfile for one package, or null when the lockfile does not record ranges. */
function locked(manager: string, lock: unknown, p: DiscoveredPackage): Map<string, string | null> | null {
  const key = p.path === '.' ? '' : p.path;
  const out = new Map<string, string | null>();
  if (manager === 'npm') {
    const entry = rec(rec(rec(lock).packages)[key]);
    if (!rec(lock).packages) {
      if (key !== '') return null;
      for (const name of Object.keys(rec(rec(lock).dependencies))) out.set(name, null);
      return out;
    }
    for (const s of SECTIONS) for (const [k, v] of Object.entries(rec(entry[s]))) out.set(k, String(v));
    return out;
  }
  const importers = rec(rec(lock).importers);
  const imp = key === '' && !importers['.'] ? rec(lock) : rec(importers[key === '' ? '.' : key]);
  const specifiers = rec(imp.specifiers);
  for (const s of SECTIONS) {
    for (const [k, v] of Object.entries(rec(imp[s]))) out.set(k, isRecord(v) && typeof v.specifier === 'string' ? v.specifier : typeof specifiers[k] === 'string' ? String(specifiers[k]) : null);
  }
  return out;
}

/**
 * Names a lockfile v1 (npm 5/6, no `packages`) lists only because another entry requires them. Its
 * top-level `dependencies` is the hoisted tree, transitive packages included: only an entry nobody
 * requires can be one the root declared. An entry left behind by a removed dependency is reported,
 * not the packages it pulled in with it.
 */
function v1Required(lock: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (deps: Record<string, unknown>, depth: number): void => {
    if (depth > 64) return;
    for (const entry of Object.values(deps)) {
      if (!isRecord(entry)) continue;
      for (const name of Object.keys(rec(entry.requires))) out.add(name);
      walk(rec(entry.dependencies), depth + 1);
    }
  };
  walk(rec(rec(lock).dependencies), 0);
  return out;
}

function yarnDescriptors(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith(' ') || line.startsWith('#') || !line.trimEnd().endsWith(':')) continue;
    for (const d of line.trimEnd().slice(0, -1).split(/,\s*/)) out.add(d.replace(/^"|"$/g, '').replace('@npm:', '@'));
  }
  return out;
}

export default defineRepoRule({
  id: 'ci/lockfile',
  meta: {
    category: 'ci',
    severity: 'medium',
    title: 'Lockfile missing, duplicated or out of sync with package.json',
    rationale: 'Without one lockfile that matches package.json, CI and production install different dependency trees than the ones tested, and `npm ci` / `--frozen-lockfile` fail.',
    remediation: { text: 'Keep exactly one lockfile for the package manager you use, regenerate it after changing package.json (`npm install`, `pnpm install`, `yarn install`) and commit both together.', effort: 'low' },
    messages: {
      noLockfile: 'No lockfile (package-lock.json, pnpm-lock.yaml, yarn.lock, bun.lock): every install resolves versions anew',
      severalManagers: 'Lockfiles of {{count}} package managers side by side ({{locks}}): installs differ by who runs them',
      noYarnEntry: '{{name}}@{{range}} ({{manifest}}) has no entry in {{lock}}',
      missingFromLock: '{{name}} is declared in {{manifest}} but missing from {{lock}}',
      rangeDiffers: '{{name}} is "{{range}}" in {{manifest}} but "{{locked}}" in {{lock}}',
      staleEntry: '{{lock}} still lists {{name}} for {{pkg}}, which {{manifest}} no longer declares',
      staleEntries: '{{lock}} still lists {{count}} packages for {{pkg}} that {{manifest}} no longer declares: {{names}}',
    },
  },
  check(ctx) {
    const root = ctx.layout.packages.find((p) => p.path === '.' && p.manifestPath);
    if (!root) return ctx.notApplicable('no root package.json');
    const locks = rootLockfiles(ctx.layout);
    const hasDeps = ctx.layout.packages.some((p) => Object.keys(p.dependencies).length + Object.keys(p.devDependencies).length > 0);
    if (locks.length === 0) {
      if (!hasDeps) return ctx.notApplicable('no dependencies declared, no lockfile needed');
      ctx.report({ messageId: 'noLockfile', location: { path: root.manifestPath!, line: 1 } });
      return ctx.pass('root folder inspected for lockfiles');
    }
    const managers = [...new Set(locks.map((l) => MANAGER[l]))];
    if (managers.length > 1) {
      ctx.report({ messageId: 'severalManagers', data: { count: managers.length, locks: locks.join(', ') }, location: { path: locks[1], line: 1 } });
    }
    const lockPath = locks.find((l) => ['npm', 'pnpm', 'yarn'].includes(MANAGER[l]) && MANAGER[l] === (ctx.layout.packageManager ?? MANAGER[l])) ?? locks.find((l) => MANAGER[l] !== 'bun');
    if (!lockPath) return ctx.unknown(`${locks.join(', ')}: bun lockfiles are not compared with package.json`);
    const text = ctx.documents.get(lockPath);
    if (text === undefined) {
      const big = ctx.layout.large.find((f) => f.path === lockPath);
      return ctx.unknown(`${lockPath} was not read (${big ? `${big.size} bytes, over the ${MAX_SOURCE_BYTES / 1024 / 1024} MB read limit for lockfiles` : 'unreadable'}); its sync with package.json was not checked`);
    }
    const manager = MANAGER[lockPath];
    let lock: unknown = null;
    if (manager === 'npm') {
      try {
        lock = JSON.parse(text); // ten times faster than the tolerant parser on large lockfiles
      } catch {
        const parsed = parseJsoncText(text, lockPath);
        if (!parsed.ok) return ctx.unknown(parsed.error);
        lock = parsed.value;
      }
    } else if (manager === 'pnpm') {
      const doc = yaml().parseDocument(importersOf(text));
      if (doc.errors.length > 0) return ctx.unknown(`${lockPath}: malformed YAML`);
      lock = doc.toJS();
    }
    const yarn = manager === 'yarn' ? yarnDescriptors(text) : null;
    const workspaceNames = new Set(ctx.layout.packages.map((p) => p.name));
    const pkgs = ctx.layout.packages.filter((p) => p.manifestPath && (p.path === '.' || p.kind === 'workspace'));
    let compared = 0;
    for (const p of pkgs) {
      const want = declared(ctx, p);
      if (!want) continue;
      const manifest = ctx.documents.get(p.manifestPath!) ?? '';
      const at = (name: string) => ({ path: p.manifestPath!, line: lineOfText(manifest, `"${name}"`) ?? 1 });
      if (yarn) {
        for (const [name, range] of want) {
          if (LOCAL.test(range) || workspaceNames.has(name)) continue;
          compared++;
          if (!yarn.has(`${name}@${range}`)) ctx.report({ messageId: 'noYarnEntry', data: { name, range, manifest: p.manifestPath!, lock: lockPath }, location: at(name) });
        }
        continue;
      }
      const have = locked(manager, lock, p);
      if (!have) continue;
      for (const [name, range] of want) {
        compared++;
        if (!have.has(name)) ctx.report({ messageId: 'missingFromLock', data: { name, manifest: p.manifestPath!, lock: lockPath }, location: at(name) });
        else if (have.get(name) !== null && have.get(name) !== range && !LOCAL.test(range)
          && satisfies(lockedVersion(manager, lock, p, name) ?? '', range) !== true) {
          ctx.report({ messageId: 'rangeDiffers', data: { name, range, manifest: p.manifestPath!, locked: String(have.get(name)), lock: lockPath }, location: at(name) });
        }
      }
      const transitive = manager === 'npm' && !rec(lock).packages ? v1Required(lock) : null;
      const stale = [...have.keys()].filter((name) => !want.has(name) && !transitive?.has(name)).sort();
      // One finding per package: a lockfile out of date is one thing to fix, however many names it lists.
      const pkg = p.path === '.' ? 'the root package' : p.path;
      if (stale.length === 1) ctx.report({ messageId: 'staleEntry', data: { lock: lockPath, name: stale[0], pkg, manifest: p.manifestPath! }, location: { path: p.manifestPath!, line: 1 } });
      else if (stale.length > 1) {
        const names = stale.length > 12 ? `${stale.slice(0, 12).join(', ')} and ${stale.length - 12} more` : stale.join(', ');
        ctx.report({ messageId: 'staleEntries', data: { lock: lockPath, count: String(stale.length), names, pkg, manifest: p.manifestPath! }, location: { path: p.manifestPath!, line: 1 } });
      }
    }
    ctx.pass(`${locks.join(', ')}: ${compared} declared dependencies of ${pkgs.length} package(s) compared with ${lockPath}`);
  },
});
